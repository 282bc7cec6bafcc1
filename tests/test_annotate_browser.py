"""Annotate from the page, in a real browser: select a repeated passage, fill the form, paste the YAML, check, build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT
from site_fixtures import run_mkdocs_build, write_fixture_project
from test_browser import open_page, open_pages
from test_validators import AXE

from dossier.cli import main
from dossier.load import load_dossier

SLUG = "2023-02-xiaomi-sues-supplier-over-ms11-leak"
PAGE = f"sources/{SLUG}/index.html"
PASSAGE = "qui a divulgué les"

SELECT = """([passage, nth]) => {
  const root = document.querySelector('.dx-text');
  const text = root.textContent;
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(passage, at + 1);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let seen = 0, node;
  while ((node = walker.nextNode())) {
    const length = node.data.length;
    if (seen <= at && at < seen + length) range.setStart(node, at - seen);
    const end = at + passage.length;
    if (seen < end && end <= seen + length) range.setEnd(node, end - seen);
    seen += length;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


def _axe(page) -> list[str]:
    """axe-core's serious and critical violations in the annotate block and the button near selections."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run({include: [['.dx-annotate'], ['.dx-annotate-float']]},"
        " {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']}: {[n['html'][:100] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


ARTICLE_TEXT = """() => {
  const text = document.querySelector('.dx-text').cloneNode(true);
  text.querySelectorAll('.dx-card, .dx-margin').forEach((added) => added.remove());
  return text.textContent;
}"""
"""The article's text as the page shows it, without the annotation cards the reading script adds."""


def test_every_source_page_shows_its_text_exactly(browser, site_url: str) -> None:
    sources = {f"{site_url}sources/{source.id}/index.html": source for source in load_dossier(ROOT).sources}
    for url, page in open_pages(browser, list(sources), 1280):
        shown = page.evaluate(ARTICLE_TEXT)
        start = page.evaluate("() => Number(document.querySelector('.dx-annotate').dataset.start)")
        source = sources[url]
        assert (shown, start) == (source.body, source.body_start), source.id


def test_a_repeated_passage_selected_on_the_page_becomes_yaml_that_checks_and_builds(
    browser, site_url: str, tmp_path: Path
) -> None:
    source = next(s for s in load_dossier(ROOT).sources if s.id == SLUG)
    assert source.text.count(PASSAGE) == 2
    second = source.text.index(PASSAGE, source.text.index(PASSAGE) + 1)

    page = open_page(browser, site_url + PAGE, 375)  # a phone's width: the button near the selection
    page.evaluate(SELECT, [PASSAGE, 2])
    page.locator(".dx-annotate-float").click()
    form = page.locator(".dx-annotate-form")
    assert form.is_visible()
    assert f"Code points {second} to {second + len(PASSAGE)}" in form.inner_text()
    page.fill("#dx-claim", "The leak came from a partner company, not a person.")
    page.check("#dx-topic-design-leak")
    page.select_option("#dx-subject", label="Who leaked the images")  # offered from sources/subjects.yml
    used = source.notes[0].id  # the ids in use are read from the page's text
    page.fill("#dx-id", used)
    page.click("text=Write the YAML")
    assert f"The id {used} is already used in sources/{SLUG}.yml: choose another." in form.inner_text()
    page.fill("#dx-id", "leak-by-partner")
    page.click("text=Write the YAML")
    yaml_text = page.input_value("#dx-yaml")
    assert yaml_text == (
        "  - id: leak-by-partner\n"
        f'    quote: "{PASSAGE}"\n'
        "    occurrence: 2\n"
        '    claim: "The leak came from a partner company, not a person."\n'
        "    topics: [design-leak]\n"
        "    subject: leaker-identity\n"
    )
    issue = page.locator("a", has_text="Suggest it in an issue instead").get_attribute("href")
    query = parse_qs(urlsplit(issue).query)
    assert issue.startswith("https://github.com/example-org/xiaomi-ev-dossier/issues/new?")
    assert query["template"] == ["suggest-annotation.yml"]
    assert query["annotation"] == ["claims:\n" + yaml_text]
    assert query["file"] == [f"sources/{SLUG}.yml"]
    edit = page.locator("a", has_text="in the repository's editor").get_attribute("href")
    assert edit == f"https://github.com/example-org/xiaomi-ev-dossier/edit/main/sources/{SLUG}.yml"
    assert page.problems == []

    scratch = tmp_path / "scratch"
    shutil.copytree(ROOT / "sources", scratch / "sources")
    annotation = scratch / "sources" / f"{SLUG}.yml"
    content = annotation.read_text(encoding="utf-8")
    assert content.rstrip().rsplit("\nclaims:\n", 1)[1].startswith("  - id:")  # claims: is the file's last list
    annotation.write_text(content + yaml_text, encoding="utf-8")
    assert main(["check", "--root", str(scratch)]) == 0

    write_fixture_project(scratch)
    site = tmp_path / "site"
    result = run_mkdocs_build(scratch, site)
    assert result.returncode == 0, result.stderr
    html = (site / "sources" / SLUG / "index.html").read_text(encoding="utf-8")
    assert f'<mark id="claim-leak-by-partner">{PASSAGE}' in html
    exported = json.loads((site / "dossier.json").read_text(encoding="utf-8"))
    claims = next(s for s in exported["sources"] if s["id"] == SLUG)["claims"]
    added = next(c for c in claims if c["id"] == "leak-by-partner")
    assert (added["start"], added["end"], added["quote"]) == (second, second + len(PASSAGE), PASSAGE)
    assert added["subject"] == "leaker-identity"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_is_keyboard_operable_and_accessible(browser, site_url: str, scheme: str) -> None:
    page = open_page(browser, site_url + PAGE, scheme=scheme)
    page.focus(".dx-annotate-open")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "dx-passage"
    page.keyboard.type(PASSAGE)
    page.keyboard.press("Enter")
    choices = page.locator(".dx-annotate-found button")
    assert choices.count() == 2
    choices.nth(1).focus()
    page.keyboard.press("Enter")
    assert "occurrence 2" in page.locator(".dx-annotate-form").inner_text()
    page.check("#dx-what-note")
    page.select_option("#dx-kind", "gloss")
    page.fill("#dx-english", "who leaked the")
    page.fill("#dx-explanation", "Plain French.")
    page.locator(".dx-annotate-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    assert page.input_value("#dx-yaml").startswith("  - id: who-leaked-the\n")
    assert "    kind: gloss\n" in page.input_value("#dx-yaml")
    assert _axe(page) == []
    assert page.problems == []

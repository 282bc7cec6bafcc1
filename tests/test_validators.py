"""Outside validators: the Nu Html Checker on every page, axe-core in the browser."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_fixtures import ROOT, shared_path, site_pages
from test_browser import open_page

pytestmark = pytest.mark.slow  # the Nu Html Checker (Java) and axe-core (in the browser)

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Material writes autocomplete="off" on its checkbox toggles; the only message let through.
MATERIAL_AUTOCOMPLETE = (
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”."
)


def run_vnu(files: list[Path]) -> list[dict]:
    """The Nu Html Checker's error messages for ``files``, all checked by one Java process.

    A run takes seconds: Java's quick compiler alone (``TieredStopAtLevel=1``) costs half
    the CPU of both compilers and gives the same messages; its deeper stack frames need a
    larger thread stack than the checker's 512k minimum (``-Xss4m``).
    """
    assert VNU.exists(), "node_modules is missing: ./dev test runs npm ci"
    result = subprocess.run(
        [
            "java",
            "-XX:TieredStopAtLevel=1",
            "-Xss4m",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


BAD_PAGE = '<!DOCTYPE html><html lang="en"><title>x</title><p id="a"><p id="a"></html>'
"""A page with an error the checker must report."""


@pytest.fixture(scope="module")
def nu_messages(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """:func:`nu_messages_of_the_run`."""
    return nu_messages_of_the_run(built_site, tmp_path_factory)


def nu_messages_of_the_run(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """The Nu Html Checker's messages on every page of the site, on every page of the hostile site
    (``test_hostile.py``) and on :data:`BAD_PAGE`, in one run (one Java process) for the whole test
    run: each page's path relative to its site (``hostile/`` before the hostile site's, ``bad.html``
    for the bad page) and its messages."""
    from test_hostile import build_hostile_site

    _, hostile = build_hostile_site(tmp_path_factory)
    with shared_path(tmp_path_factory, "nu-messages.json") as saved:
        if not saved.is_file():
            bad = saved.parent / "bad.html"
            bad.write_text(BAD_PAGE, encoding="utf-8")
            names = {bad: "bad.html"}
            names |= {built_site / p: p for p in site_pages(built_site)}
            names |= {hostile / p: f"hostile/{p}" for p in site_pages(hostile)}
            by_page: dict[str, list[dict]] = {name: [] for name in names.values()}
            for message in run_vnu(list(names)):
                by_page[names[Path(urlsplit(message["url"]).path)]].append(message)
            saved.write_text(json.dumps(by_page), encoding="utf-8")
        return json.loads(saved.read_text(encoding="utf-8"))


def test_every_page_passes_the_nu_html_checker(nu_messages: dict[str, list[dict]]) -> None:
    pages = [page for page in nu_messages if page != "bad.html" and not page.startswith("hostile/")]
    assert len(pages) >= 10
    errors = [
        f"{page}:{m.get('lastLine')}: {m['message']}"
        for page in pages
        for m in nu_messages[page]
        if m["message"] != MATERIAL_AUTOCOMPLETE
    ]
    print(f"Nu Html Checker: {len(pages)} pages validated")
    assert errors == []


def test_the_nu_html_checker_does_catch_errors(nu_messages: dict[str, list[dict]]) -> None:
    assert "Duplicate ID “a”." in [m["message"] for m in nu_messages["bad.html"]]


AXE_PAGES = {
    "home": "index.html",
    "source": "sources/2023-02-xiaomi-fines-supplier-reuters/index.html",
    "topic": "topics/factory/index.html",
    "timeline": "timeline/index.html",
    "disagreements": "disagreements/index.html",
    "provenance": "provenance/index.html",
    "findings": "findings/index.html",
    "notes": "notes/index.html",
}


AXE_RUN = "async () => await axe.run(document, {resultTypes: ['violations']})"
"""axe-core on the whole page. Every rule runs and every violation is listed in full; the
passed and inapplicable checks, which no test reads, are summed up instead of detailed
(axe's ``resultTypes``), which takes a third to half of the time on the long pages."""


AXE_COLOUR_RULES = ("color-contrast", "link-in-text-block")
"""The rules of axe-core that read colours: all a page's dark scheme can change."""

AXE_RUN_COLOURS = (
    "async () => await axe.run(document, {resultTypes: ['violations'], "
    f"runOnly: {{type: 'rule', values: {list(AXE_COLOUR_RULES)}}}}})"
)
"""axe-core's colour rules on the whole page. The dark scheme (Material's slate palette) changes the
colours the style sheets give, nothing else: the page's elements, names and roles, which the other
rules check, are those the light scheme's run checks."""


SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's colour scheme (prefers-color-scheme) and the Material palette it selects (mkdocs.yml)."""


def run_axe(browser, url: str, scheme: str = "light", width: int = 1280, click: str | None = None) -> list[dict]:
    """axe-core's serious and critical violations on the page at ``url``, in the light scheme (every
    rule) or the dark one (the colour rules), after a click on ``click`` if given."""
    page = open_page(browser, url, width, scheme)
    page.wait_for_selector(f'body[data-md-color-scheme="{SCHEMES[scheme]}"]')
    if click:
        page.click(click)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(AXE_RUN if scheme == "light" else AXE_RUN_COLOURS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:120] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("which", AXE_PAGES)
def test_axe_finds_no_serious_violation(browser, built_site: Path, site_url: str, which: str, scheme: str) -> None:
    path = AXE_PAGES[which]
    assert (built_site / path).is_file(), path
    assert run_axe(browser, site_url + path, scheme) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_serious_violation_on_a_phone_with_a_card_open(browser, site_url: str, scheme: str) -> None:
    url = site_url + AXE_PAGES["source"]
    assert run_axe(browser, url, scheme, width=375, click="#claim-penalty-1m-cny") == []


def test_axe_does_catch_violations(browser, tmp_path: Path) -> None:
    page = browser.new_page()
    try:
        page.set_content('<html><body><img src="data:,"><p style="color:#eee;background:#fff">faint</p></body></html>')
        page.add_script_tag(path=str(AXE))
        ids = {v["id"] for v in page.evaluate(AXE_RUN)["violations"]}
        colours = {v["id"] for v in page.evaluate(AXE_RUN_COLOURS)["violations"]}
    finally:
        page.close()
    assert {"image-alt", "color-contrast"} <= ids
    assert colours == {"color-contrast"}

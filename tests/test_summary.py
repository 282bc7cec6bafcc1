"""A source's English summary and its reliability line: loaded, shown, exported, and the line
said for each shape of provenance chain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write_dossier

from dossier.export import build_dossier_json
from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.pages import build_home_blocks, build_sources_index
from dossier.paging import HOME_SOURCES
from dossier.paths import Layout
from dossier.provenance import Step, describe_reliability
from dossier.schema import MAX_CHARS
from dossier.site import build_source_page

LAYOUT = Layout()

REUTERS = Step("name:reuters", "Reuters", url="https://www.reuters.com/")
GADGETS = Step("name:gadgets 360", "Gadgets 360", how="republication")


def _this(how: str) -> Step:
    return Step("source:2023-02-w", "Source W", "sources/2023-02-w.md", how=how)


# -- the line, shape by shape ------------------------------------------------------------------


def test_a_text_that_declares_no_origin_gets_no_line() -> None:
    assert describe_reliability((Step("source:2023-02-w", "Source W", "sources/2023-02-w.md"),), "fr") is None
    assert describe_reliability((), "fr") is None


def test_a_machine_translation_of_an_outside_origin_names_the_language() -> None:
    chain = (Step("name:a news", "A News"), _this("machine translation"))
    assert describe_reliability(chain, "fr") == "Machine translation (French); origin: A News"


def test_a_human_translation_names_the_language_too() -> None:
    assert describe_reliability((REUTERS, _this("translation")), "en-GB") == "Translation (English); origin: Reuters"


def test_a_republication_names_no_language() -> None:
    assert describe_reliability((REUTERS, _this("republication")), "fr") == "Republication; origin: Reuters"


def test_a_rewrite() -> None:
    assert describe_reliability((REUTERS, _this("rewrite")), "fr") == "Rewrite; origin: Reuters"


def test_a_translation_of_a_republication_of_a_wire_story_says_each_step() -> None:
    chain = (REUTERS, GADGETS, _this("machine translation"))
    assert describe_reliability(chain, "fr") == "Machine translation (French) of a republication; origin: Reuters"


@pytest.mark.parametrize("language", [None, "und"])
def test_a_translation_into_a_language_not_known_names_none(language: str | None) -> None:
    chain = (REUTERS, _this("machine translation"))
    assert describe_reliability(chain, language) == "Machine translation; origin: Reuters"


def test_a_source_of_the_dossier_on_the_way_is_named_by_its_title_and_outside_texts_are_not() -> None:
    y = Step("source:2023-02-y", "Source Y", "sources/2023-02-y.md", how="republication")
    chain = (REUTERS, Step("name:gadgets 360", "Gadgets 360", how="rewrite"), y, _this("machine translation"))
    assert describe_reliability(chain, "fr") == (
        "Machine translation (French) of a republication (“Source Y”) of a rewrite; origin: Reuters"
    )


def test_a_source_of_the_dossier_as_the_farthest_origin() -> None:
    chain = (Step("source:2023-02-y", "Source Y", "sources/2023-02-y.md"), _this("machine translation"))
    assert describe_reliability(chain, "fr") == "Machine translation (French); origin: “Source Y”"


# -- loaded, shown and exported ----------------------------------------------------------------

TOPICS = "topics:\n  - id: factory\n    title: Factory\n    summary: Where the cars are made.\n"
TEXT = "Xiaomi a annoncé une usine à Pékin.\n"
Y_YML = """title: Source Y & Co < 2
summary: >-
  The article says Xiaomi *announced* a factory in Beijing. It gives no figure &
  no date < 2024.
date: 2023-02
language: fr
translated_from: en
derived_from:
  - name: Gadgets 360
    how: machine-translation
  - name: Reuters & AFP
    how: republication
"""
W_YML = """title: Source W
date: 2023-03
language: en
derived_from:
  - source: 2023-02-y
    how: translation
"""
X_YML = "title: Source X\ndate: 2021-10\nlanguage: fr\n"


@pytest.fixture
def site(tmp_path: Path):
    files = {"sources/topics.yml": TOPICS}
    for slug, yml in (("2023-02-y", Y_YML), ("2023-03-w", W_YML), ("2021-10-x", X_YML)):
        files[f"sources/{slug}.txt"] = TEXT
        files[f"sources/{slug}.yml"] = yml
    write_dossier(tmp_path, files)
    dossier = load_dossier(tmp_path)
    assert [str(p) for p in dossier.problems] == []
    return make_site(dossier, LAYOUT)


def _source(site, ident: str):
    return next(s for s in site.dossier.sources if s.id == ident)


SUMMARY_HTML = (
    "The article says Xiaomi <em>announced</em> a factory in Beijing. It gives no figure &amp; no date &lt; 2024."
)


def test_the_summary_is_loaded_as_written(site) -> None:
    y = _source(site, "2023-02-y")
    assert y.summary == "The article says Xiaomi *announced* a factory in Beijing. It gives no figure & no date < 2024."
    assert _source(site, "2021-10-x").summary is None


def test_the_source_page_shows_the_summary_under_its_title_and_the_line_by_its_chain(site) -> None:
    html = build_source_page(_source(site, "2023-02-y"), site, ()).html
    assert html.startswith(f'<h1>Source Y &amp; Co &lt; 2</h1><p class="dx-lede">{SUMMARY_HTML}</p><details')
    line = "Machine translation (French) of a republication; origin: Reuters &amp; AFP"
    assert f'<dt>Reliability</dt><dd class="dx-reliability">{line}</dd><dt>Provenance</dt>' in html


def test_a_source_derived_from_another_names_it_by_its_escaped_title(site) -> None:
    html = build_source_page(_source(site, "2023-03-w"), site, ()).html
    assert "dx-lede" not in html
    assert (
        '<dd class="dx-reliability">Translation (English) of a machine translation (“Source Y &amp; Co &lt; 2”)'
        " of a republication; origin: Reuters &amp; AFP</dd>"
    ) in html


def test_a_source_without_provenance_has_no_line(site) -> None:
    html = build_source_page(_source(site, "2021-10-x"), site, ()).html
    assert "Reliability" not in html
    assert "2021-10-x" not in site.analysis.provenance.reliability


def test_the_home_table_shows_each_summary_under_its_title_and_the_sources_index_does_not(site) -> None:
    home = build_home_blocks(site)["home-summary"]
    assert (
        f'<a href="sources/2023-02-y/">Source Y &amp; Co &lt; 2</a><p class="dx-row-summary">{SUMMARY_HTML}</p></td>'
    ) in home
    assert home.count("dx-row-summary") == 1
    [index] = build_sources_index(site)
    assert "dx-row-summary" not in index.html
    assert "Source Y &amp; Co &lt; 2" in index.html


def test_dossier_json_carries_the_summary_and_the_line(site) -> None:
    data = build_dossier_json(site.dossier, site.analysis, LAYOUT)
    found = {s["id"]: (s.get("summary"), s.get("reliability")) for s in data["sources"]}
    assert found == {
        "2021-10-x": (None, None),
        "2023-02-y": (
            _source(site, "2023-02-y").summary,
            "Machine translation (French) of a republication; origin: Reuters & AFP",
        ),
        "2023-03-w": (
            None,
            "Translation (English) of a machine translation (“Source Y & Co < 2”) of a republication;"
            " origin: Reuters & AFP",
        ),
    }


def test_the_home_table_stays_bounded_with_the_longest_summaries(tmp_path: Path) -> None:
    sentence = "It says Xiaomi will build a factory & more. "
    longest = (sentence * (MAX_CHARS["summary"] // len(sentence) + 1))[: MAX_CHARS["summary"]].strip()
    files = {"sources/topics.yml": TOPICS}
    for i in range(HOME_SOURCES + 5):
        files[f"sources/2023-02-s{i}.txt"] = TEXT
        files[f"sources/2023-02-s{i}.yml"] = f"title: Source {i}\nsummary: {longest}\ndate: 2023-02\nlanguage: fr\n"
    write_dossier(tmp_path, files)
    dossier = load_dossier(tmp_path)
    assert [str(p) for p in dossier.problems] == []
    home = build_home_blocks(make_site(dossier, LAYOUT))["home-summary"]
    assert home.count('<p class="dx-row-summary">') == HOME_SOURCES
    row = len(longest.replace("&", "&amp;")) + 300  # the summary escaped, and the row's other cells
    assert len(home) < HOME_SOURCES * row + 2_000


# -- the dossier's own summaries ---------------------------------------------------------------

SENTENCE_END = re.compile(r"[.!?][”\"')]*(?=\s|$)")


ANNOTATED = sorted(p.with_suffix(".yml") for p in (ROOT / "sources").glob("*.txt") if p.with_suffix(".yml").is_file())


def test_the_dossier_has_annotated_articles() -> None:
    assert len(ANNOTATED) >= 5


@pytest.mark.parametrize("path", ANNOTATED, ids=lambda p: p.stem)
def test_every_annotated_article_of_the_dossier_has_a_summary_of_three_to_five_sentences(path: Path) -> None:
    annotation = yaml.safe_load(path.read_text(encoding="utf-8"))
    summary = annotation.get("summary") or ""
    assert 3 <= len(SENTENCE_END.findall(summary)) <= 5, summary

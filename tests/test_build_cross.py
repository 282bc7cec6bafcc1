"""End to end: the real dossier builds with --strict, and the cross-source pages,
exports and search index say what they should."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dossier.w3c import CONTEXT

REUTERS = "2023-02-xiaomi-fines-supplier-reuters"
APPROVAL = "2023-08-xiaomi-wins-approval-to-build-cars"
INVESTOR_DAY = "2023-02-lei-jun-investor-day-car-progress"


@pytest.fixture
def site(built_site: Path) -> Path:
    """The real site, built once per test session with ``--strict``."""
    return built_site


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_factory_capacity_disagreement_shows_in_all_three_places(site: Path) -> None:
    source_page = _read(site, f"sources/{APPROVAL}/index.html")
    assert (
        '<span class="dx-field">Sources disagree:</span> other sources say '
        f'<a href="../{INVESTOR_DAY}/#claim-capacity-300k">300\u202f000 vehicles/year</a>'
    ) in source_page
    heading = '<h3 id="subject-factory-annual-capacity">Annual capacity of the factory '
    heading += '<span class="dx-status">Sources disagree</span></h3>'
    assert heading in _read(site, "topics/factory/index.html")
    assert heading in _read(site, "disagreements/index.html")


def test_nav_lists_only_index_pages(site: Path) -> None:
    home = _read(site, "index.html")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S)
    assert nav is not None
    links = re.findall(r'<a href="([^"#]*)" class="md-nav__link', nav.group(0))
    assert "sources/2023-02-xiaomi-fines-supplier-reuters/" not in links
    assert "claims/" not in links
    for wanted in ("timeline/", "disagreements/", "notes/", "topics/", "sources/"):
        assert wanted in links


def test_home_page_has_its_generated_summary(site: Path) -> None:
    home = _read(site, "index.html")
    assert "<!-- dossier:" not in home
    assert '<p class="dx-counts">5 sources published 2021–2023 · ' in home
    assert f'<a href="sources/{REUTERS}/">' in home
    assert '<a href="disagreements/">Disagreements</a>' in home


def test_timeline_page_draws_and_lists_every_event(site: Path) -> None:
    page = _read(site, "timeline/index.html")
    assert '<svg class="dx-timeline-svg" aria-labelledby="timeline-title timeline-desc"' in page
    assert (
        "<li>first half of 2024<ul><li>Xiaomi&#39;s first electric cars will roll off the assembly line in 2024:<ul>"
        in page
    )
    assert '<a href="../sources/2021-10-19-xiaomi-first-cars-in-2024/#claim-mass-production-h1-2024">' in page


def test_dossier_json_has_topics_and_disagreements_and_each_claim_its_topics_and_date(site: Path) -> None:
    data = json.loads(_read(site, "dossier.json"))
    factory = next(t for t in data["topics"] if t["id"] == "factory")
    assert factory == {"id": "factory", "title": factory["title"], "url": "topics/factory/"}
    [reuters] = [s for s in data["sources"] if s["id"] == REUTERS]
    claims = {c["id"]: c for c in reuters["claims"]}
    assert "factory" in claims["factory-300k"]["topics"]
    assert claims["announced-march-2021"]["event_date"] == "2021-03"
    assert "timeline" not in data
    assert {"subject": "factory-annual-capacity", "kind": "value"} in data["disagreements"]
    compared = {  # its claims: those on its subject that give a value
        (source["id"], claim["id"])
        for source in data["sources"]
        for claim in source.get("claims", ())
        if claim.get("subject") == "factory-annual-capacity" and "value" in claim
    }
    assert compared == {(INVESTOR_DAY, "capacity-300k"), (REUTERS, "factory-300k"), (APPROVAL, "capacity-200k")}


def test_annotations_jsonld_is_written(site: Path) -> None:
    data = json.loads(_read(site, "annotations.jsonld"))
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == len(data["first"]["items"]) > 0
    assert data["@context"] == [CONTEXT, {"site": "https://example-org.github.io/xiaomi-ev-dossier/"}]
    ids = [item["id"] for item in data["first"]["items"]]
    assert f"site:sources/{REUTERS}/#claim-factory-300k" in ids


def test_search_leaves_out_the_pages_that_only_list_claims_and_notes_again(site: Path) -> None:
    """Pagefind indexes only what ``data-pagefind-body`` marks (the searchable pages' articles); the
    words search finds are tested in a browser (tests/test_search.py)."""
    pages = ["notes", f"sources/{REUTERS}", "topics/factory", "timeline", "disagreements"]
    indexed = {path for path in pages if "data-pagefind-body" in _read(site, f"{path}/index.html")}
    assert indexed == {f"sources/{REUTERS}", "topics/factory", "timeline", "disagreements"}
    assert "search:" not in _read(site, "notes/index.html")
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_each_icon_is_a_reference_to_a_symbol_of_the_one_icon_file(site: Path) -> None:
    """The header's icons are drawn from ``assets/icons.svg``: each page refers to its symbols, by a
    path that leads there from the page, and carries none of the drawings."""
    sprite = (site / "assets" / "icons.svg").read_text(encoding="utf-8")
    symbols = re.findall(r'<symbol id="([a-z0-9-]+)" viewBox="[0-9 .]+">', sprite)
    assert sorted(symbols) == [
        "close",
        "edit",
        "logo",
        "menu",
        "palette-0",
        "palette-1",
        "previous",
        "repo",
        "search",
        "top",
    ]
    assert sprite.count("Font Awesome Free") == 1  # the repository icon's licence, kept with its drawing
    pages = [p for p in site.rglob("*.html") if "<header" in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    used = set()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        references = re.findall(r'<use href="([^"#]+)#([a-z0-9-]+)"/>', html)
        assert "search" in {ident for _, ident in references}, page
        for target, ident in references:
            where = Path(target) if target.startswith("/") else (page.parent / target).resolve()
            assert where.as_posix().endswith("/assets/icons.svg"), (page, target)
            assert target.startswith("/") or where == (site / "assets" / "icons.svg").resolve(), (page, target)
            used.add(ident)
        assert (
            "<symbol" not in html and "Font Awesome Free" not in html and "<path" not in html[: html.find("<article")]
        ), page
    assert used == set(symbols)


def test_each_source_page_links_to_the_reading_guide_that_the_sources_index_holds_once(site: Path) -> None:
    index = _read(site, "sources/index.html")
    assert index.count('<h2 id="how-to-read">How to read a source page</h2>') == 1
    assert index.index("</table>") < index.index('<h2 id="how-to-read">')  # the list first, then the guide
    assert '<mark class="dx dx-claim">Highlighted passages</mark> are <strong>claims</strong>' in index
    assert '<a href="#how-to-read" class="md-nav__link">' in index  # in its table of contents
    page = _read(site, f"sources/{REUTERS}/index.html")
    assert '<p class="dx-legend"><a href="../#how-to-read">How to read this page</a></p>' in page
    assert "Highlighted passages" not in page

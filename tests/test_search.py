"""Search: Pagefind's index, written by the build, behind the header's search box, offline.

A small dossier is built in this process (as ``mkdocs build --strict``) and served on
127.0.0.1; a reader types into the search box in Chromium, with every request but the
local server's failing, and the results must name the right page.
"""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import write_dossier
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from site_fixtures import run_mkdocs_build, serve_site, write_fixture_project
from test_browser import open_page
from test_validators import AXE, AXE_RUN, AXE_RUN_COLOURS

from dossier.search import LEFT_OUT, MARK, StreamingIndexer

pytestmark = pytest.mark.slow  # builds a site and runs a browser

TEMPLATES = Path(__file__).resolve().parent.parent / "hooks" / "dossier" / "templates" / "fragments" / "dossier"

IMPACTS = ("serious", "critical")

TOPICS = "topics:\n  - id: factory\n    title: Factory\n    summary: Where the cars are made.\n"
FACTORY_TXT = "Xiaomi construira une usine à Pékin. Le rendement est garanti par la maison.\n"
FACTORY_YML = """title: The factory
date: 2023-02
language: fr
claims:
  - id: beijing
    quote: une usine à Pékin
    claim: Xiaomi pledged a plant in Beijing.
    topics: [factory]
notes:
  - id: yield
    kind: mistranslation
    quote: Le rendement est garanti
    english: The return is guaranteed
    explanation: The translator rendered the word for dividends as crop outcome.
"""
OTHER_TXT = "Le prix sera annoncé plus tard. <img src=x onerror=window.pwned=1> Tarif inconnu.\n"
OTHER_YML = """title: The Modena price
date: 2023-03
language: fr
claims:
  - id: price
    quote: Le prix sera annoncé plus tard
    claim: The price comes later.
    topics: [factory]
"""


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small dossier, built with ``--strict``."""
    root = tmp_path_factory.mktemp("search")
    write_dossier(
        root,
        {
            "sources/topics.yml": TOPICS,
            "sources/2023-02-factory.txt": FACTORY_TXT,
            "sources/2023-02-factory.yml": FACTORY_YML,
            "sources/2023-03-price.txt": OTHER_TXT,
            "sources/2023-03-price.yml": OTHER_YML,
        },
    )
    write_fixture_project(root)
    result = run_mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def search_url(search_site: Path) -> Iterator[str]:
    server, url = serve_site(search_site / "site", search_site)
    yield url
    server.shutdown()


def search(browser, url: str, query: str, scheme: str = "light") -> tuple[list[str], object]:
    """The addresses of the results of ``query`` typed into the home page's search box, and the page."""
    page = open_page(browser, url, scheme=scheme)
    page.click(".md-search__input")
    page.keyboard.type(query, delay=20)
    results = page.locator(f'.md-search-result__list[data-query="{query}"] > li > .md-search-result__link')
    try:
        results.first.wait_for(state="visible", timeout=10000)
    except PlaywrightTimeout:
        pytest.fail(f"no result for {query!r}: {page.locator('.md-search-result__meta').inner_text()}")
    shown = "() => getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'"
    page.wait_for_function(shown, timeout=5000)  # the results are shown, not only written
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())], page


def test_the_build_writes_the_index_and_no_material_index(search_site: Path) -> None:
    site = search_site / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (site / "search" / "search_index.json").exists()


def test_search_indexes_source_pages_and_leaves_out_the_notes_index(search_site: Path) -> None:
    site = search_site / "site"
    assert "data-pagefind-body" in (site / "sources/2023-02-factory/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in (site / "topics/factory/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "notes/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("Pékin", id="a French word of a claim's quote"),
        pytest.param("pledged", id="an English word of a claim's text"),
        pytest.param("dividends", id="a word of a note's explanation"),
    ],
)
def test_search_finds_the_source_page_offline(browser, search_url: str, query: str) -> None:
    hrefs, page = search(browser, search_url, query)
    assert f"{search_url}sources/2023-02-factory/" in hrefs, hrefs
    assert all("2023-03-price" not in href for href in hrefs), hrefs
    assert page.problems == []  # no request outside the local server, no error


def test_a_result_shows_the_source_text_as_text(browser, search_url: str) -> None:
    hrefs, page = search(browser, search_url, "inconnu")
    assert hrefs[0] == f"{search_url}sources/2023-03-price/", hrefs
    results = page.locator(".md-search-result__list")
    assert results.locator("img").count() == 0
    assert page.evaluate("() => window.pwned") is None
    assert results.locator("mark").first.inner_text().lower().startswith("inconnu")
    assert page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation_with_results_shown(browser, search_url: str, scheme: str) -> None:
    _, page = search(browser, search_url, "Pékin", scheme)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(AXE_RUN if scheme == "light" else AXE_RUN_COLOURS)
    serious = [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in result["violations"] if v["impact"] in IMPACTS]
    assert serious == []


def test_what_search_leaves_out_is_what_the_templates_write() -> None:
    """A renamed class in a template would put its repeated lists back into the index."""
    templates = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html"))
    for selector in LEFT_OUT:
        assert re.search(rf'class="(?:[^"]* )?{re.escape(selector[1:])}[ "]', templates), selector


def test_a_related_sources_list_is_not_searched(browser, search_site: Path, search_url: str) -> None:
    """The price source's title is listed under the factory page's related sources, which the
    index leaves out: a word of that title finds the price page, not the factory page."""
    factory = (search_site / "site/sources/2023-02-factory/index.html").read_text(encoding="utf-8")
    assert re.search(r'<ul class="dx-related">.*The Modena price', factory, re.S)
    hrefs, _ = search(browser, search_url, "Modena")
    assert hrefs[0] == f"{search_url}sources/2023-03-price/", hrefs
    assert f"{search_url}sources/2023-02-factory/" not in hrefs


@pytest.fixture(scope="module")
def parts_url(search_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same site with its index written in three parts, as a site of thousands of pages is: the
    factory's page in the first part, the price's in the last."""
    site = tmp_path_factory.mktemp("parts") / "site"
    shutil.copytree(search_site / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}
    marked = [path for path, html in pages.items() if MARK in html]
    first, last = "sources/2023-02-factory/index.html", "sources/2023-03-price/index.html"
    order = [first, *(path for path in marked if path not in (first, last)), last]
    indexer = StreamingIndexer(site, part_pages=math.ceil(len(order) / 3))
    for path in order:
        indexer.add(path, pages[path])
    indexer.finish()
    assert len(indexer.parts) == 3
    server, url = serve_site(site, search_site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("query, slug", [("pledged", "2023-02-factory"), ("inconnu", "2023-03-price")])
def test_an_index_in_parts_finds_pages_of_every_part(browser, parts_url: str, query: str, slug: str) -> None:
    hrefs, page = search(browser, parts_url, query)
    assert f"{parts_url}sources/{slug}/" in hrefs, hrefs
    assert page.problems == []

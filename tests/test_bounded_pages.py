"""No generated page grows with the dossier, and paging loses nothing.

Synthetic dossiers from the benchmark's generator (``bench/synth.py``) are
built at two sizes: the largest page at the larger size may not exceed the
largest at the smaller one by more than a small margin. Every generated page
must be reachable by links from the navigation, and every claim and note
linked from an index page.
"""

from __future__ import annotations

import posixpath
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from synth import make_sources, write_dossier_site

from dossier.generated import GeneratedPage, make_site
from dossier.load import load_dossier
from dossier.pages import build_home_blocks
from dossier.paths import Layout
from dossier.site import build_pages

pytestmark = pytest.mark.slow  # dossiers of 60 and 240 sources, built by the engine
LAYOUT = Layout()
SMALL, LARGE = 60, 240
_HREF = re.compile(r'href="([^"]*)"')


def _build(root: Path, count: int) -> tuple[object, list[GeneratedPage], dict[str, str]]:
    write_dossier_site(root, make_sources(count))
    dossier = load_dossier(root, "sources")
    assert not dossier.problems
    site = make_site(dossier, LAYOUT)
    return dossier, build_pages(site), build_home_blocks(site)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory):
    return _build(tmp_path_factory.mktemp("large"), LARGE)


def _largest(pages: list[GeneratedPage], blocks: dict[str, str]) -> int:
    return max([len(p.html.encode()) for p in pages] + [len(b.encode()) for b in blocks.values()])


def test_the_largest_page_does_not_grow_with_the_number_of_sources(tmp_path: Path, large) -> None:
    _, small_pages, small_blocks = _build(tmp_path, SMALL)
    _, large_pages, large_blocks = large
    assert len(large_pages) > len(small_pages)
    assert _largest(large_pages, large_blocks) <= _largest(small_pages, small_blocks) * 1.05 + 2048


def _links(page: GeneratedPage) -> set[tuple[str, str]]:
    """``(url, fragment)`` of every relative link of a page, relative to the site root."""
    base = LAYOUT.url(page.path)
    folder = base if base.endswith("/") else posixpath.dirname(base) + "/"
    found = set()
    for href in _HREF.findall(page.html):
        if "://" in href or href.startswith("mailto:"):
            continue
        path, _, fragment = href.partition("#")
        url = posixpath.normpath(posixpath.join("/" + folder, path or posixpath.basename(base))).lstrip("/")
        found.add((url + "/" if (path or base).endswith("/") else url, fragment))
    return found


def test_every_page_is_reachable_and_every_annotation_is_indexed(large) -> None:
    dossier, pages, _ = large
    by_url = {LAYOUT.url(p.path): p for p in pages}
    seen = {url for url, p in by_url.items() if p.in_nav}
    todo = list(seen)
    fragments: dict[str, set[str]] = {}
    while todo:
        page = by_url[todo.pop()]
        for url, fragment in _links(page):
            fragments.setdefault(url, set()).add(fragment)
            if url in by_url and url not in seen:
                seen.add(url)
                todo.append(url)
    assert seen == set(by_url)
    assert any("/page-2" in url for url in by_url)
    for source in dossier.sources:
        linked = fragments[LAYOUT.url(f"sources/{source.id}.md")]
        assert {c.anchor for c in source.claims} | {n.anchor for n in source.notes} <= linked


def test_search_indexes_each_annotation_once_on_its_source_page(large) -> None:
    dossier, pages, _ = large
    searchable = {p.path for p in pages if p.searchable}
    assert {f"sources/{s.id}.md" for s in dossier.sources} <= searchable
    assert {f"topics/{t.id}.md" for t in dossier.topics} <= searchable
    assert {"timeline.md", "disagreements.md", "sources/index.md", "topics/index.md"} <= searchable
    left_out = {p.path for p in pages if not p.searchable}
    assert "notes.md" in left_out
    assert any(path.startswith("subjects/") for path in left_out)
    assert all("/page-" not in path for path in searchable)

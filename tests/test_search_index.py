"""The build's search index: pages given to Pagefind's service as they are written.

Only pages that mark what they give the index (``data-pagefind-body``) are given; the
index is written when the build ends, and a failure to start or write says what to do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier import search
from dossier.search import (
    BUNDLE,
    MARK,
    PARTS_FILE,
    UNUSED_FILES,
    SearchIndexError,
    StreamingIndexer,
    drop_anchor_ids,
    index_site,
    indexed_part,
)

MARKED = f'<html lang="fr"><body><nav>Menu</nav><div {MARK}><h1>Usine</h1><p>Une usine à Pékin.</p></div></body></html>'
UNMARKED = '<html lang="fr"><body><h1>Introuvable</h1><p>Page non indexée.</p></body></html>'


def _entry(site: Path) -> dict:
    return json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))


def test_only_marked_pages_are_given_and_the_index_is_written_at_the_end(tmp_path: Path) -> None:
    indexer = StreamingIndexer(tmp_path)
    for number in range(3):
        indexer.add(f"sources/s{number}/index.html", MARKED.replace("Pékin", f"Pékin {number}"))
    indexer.add("claims/index.html", UNMARKED)
    assert indexer.pages == 3
    assert not (tmp_path / BUNDLE).exists()  # nothing written before the end
    indexer.finish()
    languages = _entry(tmp_path)["languages"]
    assert list(languages) == ["fr"]
    assert languages["fr"]["page_count"] == 3
    assert (tmp_path / BUNDLE / "pagefind.js").is_file()
    assert json.loads((tmp_path / BUNDLE / PARTS_FILE).read_text(encoding="utf-8")) == []  # one part
    assert (tmp_path / BUNDLE / "pagefind-worker.js").is_file()
    assert not [name for name in UNUSED_FILES if (tmp_path / BUNDLE / name).exists()]  # Pagefind's own interfaces


def test_the_command_lines_index_keeps_no_unused_interface_either(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(MARKED, encoding="utf-8")
    index_site(tmp_path)
    written = {p.name for p in (tmp_path / BUNDLE).iterdir()}
    assert "pagefind.js" in written
    assert written.isdisjoint(UNUSED_FILES)


def test_an_index_that_cannot_be_written_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "site"
    blocker.write_text("a file where the site folder should be", encoding="utf-8")
    indexer = StreamingIndexer(blocker)
    indexer.add("sources/a/index.html", MARKED)
    with pytest.raises(SearchIndexError, match=f"^Pagefind could not write the index into {blocker / BUNDLE}: "):
        indexer.finish()


def test_a_part_that_cannot_be_written_behind_the_build_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "site"
    blocker.write_text("a file where the site folder should be", encoding="utf-8")
    indexer = StreamingIndexer(blocker, part_pages=1)
    indexer.add("sources/a/index.html", MARKED)
    indexer.add("sources/b/index.html", MARKED)  # the first part is written behind the build
    with pytest.raises(SearchIndexError, match=f"^Pagefind could not write the index into {blocker / BUNDLE}: "):
        indexer.finish()


def test_closing_while_a_part_is_written_behind_the_build_stops_both_services(tmp_path: Path) -> None:
    indexer = StreamingIndexer(tmp_path / "site", part_pages=1)
    indexer.add("sources/a/index.html", MARKED)
    indexer.add("sources/b/index.html", MARKED)
    writing, current = indexer._writing, indexer._service
    assert writing is not None and current is not None
    indexer.close()
    assert writing._process.poll() is not None and current._process.poll() is not None


def test_closing_without_finishing_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where Pagefind's service would write by default
    indexer = StreamingIndexer(tmp_path / "site")
    indexer.add("sources/a/index.html", MARKED)
    indexer.close()
    indexer.close()  # twice is harmless
    assert list(tmp_path.iterdir()) == []


def test_a_large_index_is_written_in_parts_listed_beside_the_first(tmp_path: Path) -> None:
    indexer = StreamingIndexer(tmp_path, part_pages=2)
    for number in range(5):
        indexer.add(f"sources/s{number}/index.html", MARKED.replace("Pékin", f"Pékin {number}"))
    assert indexer.parts == [BUNDLE, f"{BUNDLE}-2"]  # written as they fill
    indexer.finish()
    assert indexer.parts == [BUNDLE, f"{BUNDLE}-2", f"{BUNDLE}-3"]
    counts = [
        json.loads((tmp_path / part / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["fr"][
            "page_count"
        ]
        for part in indexer.parts
    ]
    assert counts == [2, 2, 1]
    assert json.loads((tmp_path / BUNDLE / PARTS_FILE).read_text(encoding="utf-8")) == [
        "../pagefind-2/",
        "../pagefind-3/",
    ]


def test_a_service_that_stopped_says_which_page_it_could_not_take(tmp_path: Path) -> None:
    indexer = StreamingIndexer(tmp_path)
    service = indexer._service
    assert service is not None
    service._process.kill()  # as if Pagefind crashed
    service._process.wait()
    with pytest.raises(SearchIndexError, match=r"^Pagefind could not index sources/a/index\.html: it stopped \("):
        indexer.add("sources/a/index.html", MARKED)
    indexer.close()


PAGE = (
    '<html lang="fr"><head><title>Usine · Dossier</title></head><body dir="ltr"><header>Dossier</header>'
    f'<nav><a href="../">Sources</a></nav><article class="md-content__inner"><div {MARK}><h1>Usine</h1>'
    '<h2 id="text">Text</h2><div class="dx-text"><p>Une <mark id="claim-usine">usine</mark> à Pékin.</p></div>'
    "</div></article><footer>Fait avec MkDocs</footer><script>app()</script></body></html>"
)


def test_pagefind_is_given_the_head_and_the_marked_element_of_a_page_without_its_anchor_ids() -> None:
    assert indexed_part(PAGE) == (
        '<html lang="fr"><head><title>Usine · Dossier</title></head><body dir="ltr">'
        f'<div {MARK}><h1>Usine</h1><h2 id="text">Text</h2>'
        '<div class="dx-text"><p>Une <mark>usine</mark> à Pékin.</p></div></div></body></html>'
    )


def test_only_the_headings_keep_their_ids() -> None:
    html = (
        '<h2 id="claims">C</h2><h6 id="x" class="y">x</h6><li id="ref-claim-a" class="b"><a href="#claim-a">C1</a>'
        '</li><div id="verdict-a" class="dx-badge">V</div><header id="h"></header><hr id="z"/>'
    )
    assert drop_anchor_ids(html) == (
        '<h2 id="claims">C</h2><h6 id="x" class="y">x</h6><li class="b"><a href="#claim-a">C1</a>'
        '</li><div class="dx-badge">V</div><header></header><hr/>'
    )


@pytest.mark.parametrize(
    "page",
    [
        PAGE.replace("<header>Dossier</header>", "<header><h1>Dossier</h1></header>"),  # a heading Pagefind could take
        PAGE.replace("<footer>", '<footer><img src="logo.png" alt="">'),
        PAGE.replace("<nav>", '<nav data-pagefind-meta="section:Sources">'),
        PAGE.replace("</div></div></article>", "</div></article></div>"),  # the element ends after the article
        PAGE.replace("</article>", ""),
        UNMARKED,
    ],
)
def test_a_page_whose_surroundings_pagefind_may_read_is_given_whole(page: str) -> None:
    assert indexed_part(page) == page


def test_the_index_of_pages_given_in_part_is_the_index_of_the_whole_pages_less_their_anchor_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def index(site: Path) -> dict[str, bytes]:
        indexer = StreamingIndexer(site)
        for number in range(3):
            indexer.add(f"sources/s{number}/index.html", PAGE.replace("Pékin", f"Pékin {number}"))
        indexer.finish()
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    given_in_part = index(tmp_path / "part")
    monkeypatch.setattr(search, "indexed_part", drop_anchor_ids)  # the whole page, less its anchor ids
    assert index(tmp_path / "whole") == given_in_part
    monkeypatch.setattr(search, "indexed_part", lambda html: html)
    with_anchors = index(tmp_path / "anchors")
    assert with_anchors.keys() != given_in_part.keys()  # the fragments differ: the marks' anchors are gone

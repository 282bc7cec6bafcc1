"""The record ``mkdocs serve --dirty`` keeps of the last build (hooks/incremental.py), without MkDocs."""

from __future__ import annotations

from pathlib import Path

from incremental import Incremental


def _build(record: Incremental, site: Path, files: dict[str, str], fingerprint: str = "f") -> list[str]:
    """A complete build writing ``files`` (path: text) into ``site``; the files it deleted."""
    record.start(fingerprint, lambda last: None)
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return record.finish(site, set(files))


def test_a_rebuild_deletes_what_it_no_longer_writes_and_the_folders_left_empty(tmp_path: Path) -> None:
    record = Incremental()
    _build(record, tmp_path, {"a/index.html": "a", "b/index.html": "b", "b/page-2/index.html": "b2"})
    assert _build(record, tmp_path, {"a/index.html": "a"}) == ["b/index.html", "b/page-2/index.html"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["a", "a/index.html"]


def test_after_a_failed_build_the_next_one_is_complete_and_still_deletes_stale_files(tmp_path: Path) -> None:
    record = Incremental()
    _build(record, tmp_path, {"a/index.html": "a", "b/index.html": "b"})
    record.start("f", lambda last: None)
    record.drop()
    assert record.start("f", lambda last: None) is False  # complete: nothing is known of the pages
    assert record.modified("a.md", "digest") is True
    assert record.finish(tmp_path, {"a/index.html"}) == ["b/index.html"]


def test_a_changed_fingerprint_makes_the_build_complete(tmp_path: Path) -> None:
    record = Incremental()
    _build(record, tmp_path, {"a/index.html": "a"})
    assert record.start("f", lambda last: None) is True
    record.finish(tmp_path, {"a/index.html"})
    assert record.start("g", lambda last: None) is False


def test_the_search_index_keeps_the_entries_of_pages_not_rebuilt_in_the_order_of_a_full_build(
    tmp_path: Path,
) -> None:
    record = Incremental()
    record.start("f", lambda last: None)
    record.order = ["index.md", "a.md", "b.md"]
    for path in record.order:
        record.indexed(path, [{"location": path, "text": "first"}])
    assert [e["location"] for e in record.complete_search()] == ["index.md", "a.md", "b.md"]
    record.finish(tmp_path, set())
    record.start("f", lambda last: None)
    record.order = ["index.md", "b.md", "c.md"]  # a.md removed, c.md added
    record.indexed("c.md", [{"location": "c.md", "text": "new"}])
    record.indexed("index.md", [{"location": "index.md", "text": "second"}])
    assert [(e["location"], e["text"]) for e in record.complete_search()] == [
        ("index.md", "second"),
        ("b.md", "first"),
        ("c.md", "new"),
    ]

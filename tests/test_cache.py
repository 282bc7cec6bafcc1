"""The serve-time cache reuses unchanged sources and reloads edited ones."""

from __future__ import annotations

import os

from conftest import write_dossier

from dossier.cache import SourceCache
from dossier.load import load_dossier

TOPICS = "topics:\n  - id: factory\n    title: Factories\n    summary: Where cars are made.\n"
TEXT = "Xiaomi construira une usine à Pékin.\n"
ANNOTATION = (
    "title: A factory\ndate: 2023-02\nlanguage: fr\nclaims:\n"
    "  - id: factory\n    quote: une usine à Pékin\n    claim: {claim}\n    topics: [factory]\n"
)


def _write(root, claim="Xiaomi will build a factory."):
    return write_dossier(
        root,
        {
            "sources/topics.yml": TOPICS,
            "sources/2023-02-a.txt": TEXT,
            "sources/2023-02-a.yml": ANNOTATION.format(claim=claim),
            "sources/2023-02-b.txt": TEXT,
            "sources/2023-02-b.yml": "title: Another\ndate: 2023-02\nlanguage: fr\n",
        },
    )


def test_unchanged_sources_are_reused(tmp_path):
    root = _write(tmp_path)
    cache = SourceCache()
    first = load_dossier(root, cache=cache)
    second = load_dossier(root, cache=cache)
    assert first.problems == () and cache.hits == 2
    assert [a is b for a, b in zip(first.sources, second.sources, strict=True)] == [True, True]


def test_an_edited_annotation_is_reloaded_and_the_others_reused(tmp_path):
    root = _write(tmp_path)
    cache = SourceCache()
    load_dossier(root, cache=cache)
    path = root / "sources/2023-02-a.yml"
    path.write_text(ANNOTATION.format(claim="Xiaomi will build a bigger factory."), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = load_dossier(root, cache=cache)
    claims = [c.claim for s in second.sources for c in s.claims]
    assert claims == ["Xiaomi will build a bigger factory."]
    assert cache.hits == 1
    assert len(cache.entries) == 2


def test_a_topic_change_reloads_every_source(tmp_path):
    root = _write(tmp_path)
    cache = SourceCache()
    load_dossier(root, cache=cache)
    (root / "sources/topics.yml").write_text(TOPICS.replace("Factories", "Plants"), encoding="utf-8")
    load_dossier(root, cache=cache)
    assert cache.hits == 0


def test_a_change_that_keeps_size_and_modification_time_is_reloaded(tmp_path):
    root = _write(tmp_path, claim="Xiaomi will build a factory A.")
    cache = SourceCache()
    load_dossier(root, cache=cache)
    path = root / "sources/2023-02-a.yml"
    stat = path.stat()
    path.write_text(ANNOTATION.format(claim="Xiaomi will build a factory B."), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    second = load_dossier(root, cache=cache)
    assert [c.claim for s in second.sources for c in s.claims] == ["Xiaomi will build a factory B."]
    assert cache.hits == 1


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path, monkeypatch):
    monkeypatch.setattr("dossier.cache.CLOCK_SLACK_NS", 0)  # the files count as changed long ago
    root = _write(tmp_path, claim="Xiaomi will build a factory A.")
    cache = SourceCache()
    load_dossier(root, cache=cache)
    assert cache.reads == 4
    load_dossier(root, cache=cache)
    assert cache.reads == 4
    path = root / "sources/2023-02-a.yml"
    stat = path.stat()
    path.write_text(ANNOTATION.format(claim="Xiaomi will build a factory B."), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and modification time
    second = load_dossier(root, cache=cache)
    assert cache.reads == 5
    assert [c.claim for s in second.sources for c in s.claims] == ["Xiaomi will build a factory B."]


def test_a_file_changed_within_the_clock_slack_is_read_every_time(tmp_path):
    root = _write(tmp_path)
    cache = SourceCache()
    load_dossier(root, cache=cache)
    load_dossier(root, cache=cache)
    assert cache.reads == 8  # just written: a change in the same clock tick would keep its status

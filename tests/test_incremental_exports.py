"""The exports as ``mkdocs serve`` writes them, each source's part reused from the last build while
it is made from the same source and inputs: the same text as a full build's, after every kind of edit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import ROOT, write_dossier
from dossier_fixture import fixture_files, load_fixture

from dossier.analysis import Analysis, analyse
from dossier.cache import PerSource, Pieces, SourceCache
from dossier.export import build_dossier_json, render_json, write_dossier_json
from dossier.load import load_dossier
from dossier.model import Dossier
from dossier.paths import Layout
from dossier.w3c import build_annotation_collection, write_annotation_collection

SITE_URL = "https://example.org/dossier/"
LAYOUT = Layout(site_url=SITE_URL)


def _dossier_json(
    dossier: Dossier, cache: PerSource | None = None, rest: Pieces | None = None, analysis: Analysis | None = None
) -> str:
    out = io.StringIO()
    write_dossier_json(out, dossier, analysis or analyse(dossier), LAYOUT, cache, rest)
    return out.getvalue()


def _annotations(dossier: Dossier, cache: PerSource | None = None, site_url: str | None = SITE_URL) -> str:
    out = io.StringIO()
    write_annotation_collection(out, dossier, LAYOUT, site_url, cache)
    return out.getvalue()


def test_dossier_json_written_source_by_source_is_the_built_one() -> None:
    dossier = load_dossier(ROOT)
    assert dossier.sources
    assert _dossier_json(dossier) == render_json(build_dossier_json(dossier, analyse(dossier), LAYOUT))


@pytest.mark.parametrize("site_url", [SITE_URL, None])
def test_annotations_written_with_a_cache_are_the_built_ones(site_url: str | None) -> None:
    dossier = load_dossier(ROOT)
    cache = PerSource()
    expected = render_json(build_annotation_collection(dossier, LAYOUT, site_url))
    assert _annotations(dossier, cache, site_url) == expected
    assert _annotations(dossier, cache, site_url) == expected
    assert cache.hits == len(dossier.sources)


def test_a_dossier_without_sources_writes_empty_lists(tmp_path: Path) -> None:
    write_dossier(tmp_path, {"sources/topics.yml": fixture_files()["sources/topics.yml"]})
    dossier = load_dossier(tmp_path)
    assert dossier.sources == ()
    assert _dossier_json(dossier, PerSource()) == render_json(build_dossier_json(dossier, analyse(dossier), LAYOUT))
    assert _annotations(dossier, PerSource()) == render_json(build_annotation_collection(dossier, LAYOUT, SITE_URL))


A_CLAIM = "claim: A fine of 1 million yuan."

EDITS = {
    "claim text": ("sources/2023-02-a.yml", A_CLAIM, "claim: A fine, 1M yuan."),
    "source text": ("sources/2023-08-15-b.txt", "Capacité de", "Une capacité de"),
    "title": ("sources/2021-c.yml", "title: Source C", "title: Source C, retitled"),
    "topic": ("sources/topics.yml", "title: Money", "title: Money and fines"),
    "subject": ("sources/subjects.yml", "title: The fine", "title: The supplier's fine"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=list(EDITS))
def test_after_an_edit_the_exports_written_with_the_caches_equal_a_full_builds(
    tmp_path: Path, edit: tuple[str, str, str]
) -> None:
    load_fixture(tmp_path)
    sources, entries, annotations, rest = SourceCache(), PerSource(), PerSource(), Pieces()
    first = load_dossier(tmp_path, cache=sources)
    analysis = analyse(first)
    _dossier_json(first, entries, rest, analysis), _annotations(first, annotations)
    rel, old, new = edit
    path = tmp_path / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    second = load_dossier(tmp_path, cache=sources)
    fresh = load_dossier(tmp_path)
    assert _dossier_json(second, entries, rest, analyse(second, analysis)) == _dossier_json(fresh)
    assert _annotations(second, annotations) == _annotations(fresh)


def test_an_annotation_edit_encodes_that_source_alone(tmp_path: Path) -> None:
    load_fixture(tmp_path)
    sources, entries, annotations = SourceCache(), PerSource(), PerSource()
    first = load_dossier(tmp_path, cache=sources)
    _dossier_json(first, entries), _annotations(first, annotations)
    path = tmp_path / "sources/2021-c.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Source C", "title: Source C2"), encoding="utf-8")
    second = load_dossier(tmp_path, cache=sources)
    entries.hits = annotations.hits = 0
    _dossier_json(second, entries), _annotations(second, annotations)
    assert (entries.hits, annotations.hits) == (len(second.sources) - 1, len(second.sources) - 1)


def test_the_parts_of_dossier_json_not_per_source_are_reused_while_their_inputs_are_equal(tmp_path: Path) -> None:
    load_fixture(tmp_path)
    sources, rest = SourceCache(), Pieces()
    first = load_dossier(tmp_path, cache=sources)
    analysis = analyse(first)
    _dossier_json(first, rest=rest, analysis=analysis)
    assert sorted(rest.entries) == [
        "disagreements", "provenance", "subject:capacity", "subject:fine", "subject:start", "topics",
    ]  # fmt: skip
    path = tmp_path / "sources/2023-08-15-b.yml"  # B reports the three subjects; its title is in none of them
    path.write_text(path.read_text(encoding="utf-8").replace("title: Source B", "title: Source B2"), encoding="utf-8")
    second = load_dossier(tmp_path, cache=sources)
    analysis = analyse(second, analysis)
    assert _dossier_json(second, rest=rest, analysis=analysis) == _dossier_json(load_dossier(tmp_path))
    assert rest.hits == 1  # the topics: B's chain shows its title, and the comparisons hold B
    path = tmp_path / "sources/2021-c.yml"  # C reports capacity and start, not the fine
    path.write_text(path.read_text(encoding="utf-8").replace("value: 200000", "value: 250000"), encoding="utf-8")
    third = load_dossier(tmp_path, cache=sources)
    assert _dossier_json(third, rest=rest, analysis=analyse(third, analysis)) == _dossier_json(load_dossier(tmp_path))
    assert rest.hits == 1 + 3  # the fine, the provenance and the topics

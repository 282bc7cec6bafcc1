"""No source or topic can take the name of a page the site generates beside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, write_dossier

from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.paths import (
    SOURCES_INDEX,
    TOPICS_INDEX,
    Layout,
    page_path,
    source_page_path,
    taken_by,
    topic_page_path,
)
from dossier.site import build_pages


def test_every_list_page_beside_sources_and_topics_takes_its_name() -> None:
    dossier = load_dossier(ROOT)
    own = {source_page_path(s.id) for s in dossier.sources} | {topic_page_path(t.id) for t in dossier.topics}
    lists = [p.path for p in build_pages(make_site(dossier, Layout())) if p.path.split("/")[0] in {"sources", "topics"}]
    others = [path for path in lists if path not in own and path.removesuffix(".md").rsplit("/", 1)[0] not in own]
    assert sorted(others) == [SOURCES_INDEX, TOPICS_INDEX]
    for path in others:
        folder, name = path.removesuffix(".md").split("/")
        assert taken_by(folder, name) is not None


@pytest.mark.parametrize("base", [SOURCES_INDEX, TOPICS_INDEX])
def test_the_further_pages_of_a_list_sit_in_the_folder_of_its_name(base: str) -> None:
    assert page_path(base, 2).startswith(base.removesuffix(".md") + "/")


def test_names_beside_the_lists_are_free() -> None:
    assert taken_by("sources", "page-2") is None
    assert taken_by("topics", "indexes") is None
    assert taken_by("subjects", "index") is None


def test_a_source_and_a_topic_named_index_are_refused(tmp_path: Path) -> None:
    topics = "topics:\n  - id: index\n    title: I\n    summary: S.\n"
    write_dossier(tmp_path, {"sources/topics.yml": topics, "sources/index.txt": " date 2023-02\nTexte.\n"})
    assert [str(p) for p in load_dossier(tmp_path).problems] == [
        "sources/index.txt:1:1: The name 'index' is taken by the list of all sources (sources/index.md): this "
        "source's page would replace that list. Rename the source's files, for example to "
        "sources/2023-02-index.txt and .yml.",
        "sources/topics.yml:2:9: Topic id 'index' is taken by the list of all topics (topics/index.md): its page "
        "would replace that list. Choose another id.",
    ]

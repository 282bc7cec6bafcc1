"""``mkdocs serve --dirty``: each rebuild writes only what changed, and the served site equals a full build.

The builds run in this process as ``mkdocs serve`` runs them: the configuration
loaded again for every rebuild, ``build(config, serve_url=…, dirty=True)``, the
same hooks module and plugins throughout. After each kind of edit, the served
folder is compared file by file (every page's HTML, the exports, the search index,
the sitemap) with a fresh full build of the same project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import environ, write_dossier
from dossier_fixture import fixture_files
from site_fixtures import BUILD_TIME, write_fixture_project

pytestmark = pytest.mark.slow  # builds sites

SERVE_URL = "http://127.0.0.1:8000/xiaomi-ev-dossier/"


class Served:
    """A ``mkdocs serve --dirty`` session of the project at ``root``, writing into ``site``."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        config = self._config(site)
        config.plugins.on_startup(command="serve", dirty=True)
        self.module = next(hook for name, hook in config.plugins.items() if name.endswith("dossier_hooks.py"))
        self.hooks = self.module._hooks
        self._build(config, dirty=True)
        self.hooks.indexer.wait()

    def _config(self, site: Path):
        from mkdocs.config import load_config

        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        return config

    def _build(self, config, dirty: bool) -> None:
        from mkdocs.commands.build import build

        with environ(SOURCE_DATE_EPOCH=BUILD_TIME, GITHUB_ACTIONS=None):
            build(config, serve_url=SERVE_URL, dirty=dirty)

    def rebuild(self) -> set[str]:
        """Rebuild as ``serve`` does after a change; the source paths of the pages written."""
        self.module._hooks = self.hooks
        config = self._config(self.site)
        self._forget_last_index(config)
        self._build(config, dirty=True)
        self.hooks.indexer.wait()  # the search index, written in the background as serve does
        return set(self.hooks.incremental.rebuilt)

    def full_build(self, site: Path) -> None:
        """A fresh complete build of the same project, as ``mkdocs serve`` without ``--dirty`` makes it."""
        config = self._config(site)
        self._forget_last_index(config)
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            self._build(config, dirty=False)
            self.module._hooks.indexer.wait()
        finally:
            self.module._hooks = self.hooks

    @staticmethod
    def _forget_last_index(config) -> None:
        """A search plugin, if the site has one, starts from no index (its ``serve`` state lives
        in the plugin object, which the same process shares)."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None:
            search.search_index_prev = None


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_same_site(served: Path, full: Path) -> None:
    ours, theirs = _snapshot(served), _snapshot(full)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in sorted(ours) if ours[name] != theirs[name]] == []
    assert [p for p in served.rglob("*") if p.is_dir() and not any(p.iterdir())] == []


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


D_TXT = "Une capacité de 150 000 véhicules. Une amende de 2 millions de yuans.\n"
D_YML = """title: Source D
date: 2022-05
language: fr
claims:
  - id: capacity
    quote: 150 000 véhicules
    claim: Capacity of 150,000 vehicles.
    topics: [factory]
    subject: capacity
    value: 150000
    unit: vehicles/year
  - id: fine
    quote: 2 millions de yuans
    claim: A fine of 2 million yuan.
    topics: [money]
    subject: fine
    value: 2 millions
    unit: CNY
"""


def _add_source(root: Path) -> None:
    write_dossier(root, {"sources/2022-05-d.txt": D_TXT, "sources/2022-05-d.yml": D_YML})


def _remove_source(root: Path) -> None:
    (root / "sources/2021-c.txt").unlink()
    (root / "sources/2021-c.yml").unlink()


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    (
        "annotation-edit",
        lambda root: _edit(
            root, "sources/2023-02-a.yml", "claim: A fine of 1 million yuan.", "claim: A fine, 1M yuan."
        ),
    ),
    ("title-edit", lambda root: _edit(root, "sources/2021-c.yml", "title: Source C", "title: Source C, retitled")),
    ("source-text-edit", lambda root: _edit(root, "sources/2023-08-15-b.txt", "Capacité de", "Une capacité de")),
    ("source-added", _add_source),
    ("source-removed", _remove_source),
    ("topic-changed", lambda root: _edit(root, "sources/topics.yml", "title: Money", "title: Money and fines")),
    (
        "subject-changed",
        lambda root: _edit(root, "sources/subjects.yml", "title: The fine", "title: The supplier's fine"),
    ),
]


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("serve-dirty")
    project = write_dossier(root / "project", fixture_files())
    write_fixture_project(project)
    served = Served(project, root / "served")
    yield served
    served.module._hooks = served.hooks
    served.module.on_shutdown()  # as the server stopping: the collector thaws what it froze


def test_the_first_build_equals_a_full_build(session: Served, tmp_path: Path) -> None:
    session.full_build(tmp_path / "full")
    _assert_same_site(session.site, tmp_path / "full")


@pytest.mark.parametrize("edit", [e for _, e in EDITS], ids=[name for name, _ in EDITS])
def test_after_each_kind_of_edit_the_served_site_equals_a_full_build(
    session: Served, tmp_path: Path, edit: Callable[[Path], None]
) -> None:
    edit(session.root)
    rebuilt = session.rebuild()
    assert rebuilt, "the edit rebuilt no page"
    assert "about.md" not in rebuilt  # a page the dossier does not touch is left as written
    session.full_build(tmp_path / "full")
    _assert_same_site(session.site, tmp_path / "full")


def test_an_unchanged_rebuild_writes_no_page(session: Served, caplog: pytest.LogCaptureFixture) -> None:
    assert session.rebuild() == set()
    assert session.hooks.incremental.rendered <= {"topics/index.md"}  # rendered when listed, only compared
    assert "A 'dirty' build" not in caplog.text  # MkDocs' warning of inaccurate pages does not hold here


def test_an_annotation_edit_rewrites_its_page_and_not_an_unrelated_one(session: Served) -> None:
    _edit(session.root, "sources/2023-08-15-b.yml", "claim: Production starts in 2024.", "claim: Starts in 2024.")
    rebuilt = session.rebuild()
    assert "sources/2023-08-15-b.md" in rebuilt
    assert "sources/2023-02-a.md" not in rebuilt
    # A's claims share subjects with B's, but the "other sources say" line does not show a claim's text:
    # A's page is not even rendered, nor the claims index pages without B's claims.
    assert "sources/2023-08-15-b.md" in session.hooks.incremental.rendered
    assert "sources/2023-02-a.md" not in session.hooks.incremental.rendered


def test_an_annotation_edit_encodes_the_exports_of_that_source_alone(session: Served) -> None:
    _edit(session.root, "sources/2023-02-a.yml", "title: Source A", "title: Source A, once more")
    hooks = session.hooks
    hooks.entries.hits = hooks.annotations.hits = 0
    session.rebuild()
    others = len(hooks.build.site.dossier.sources) - 1
    assert (hooks.entries.hits, hooks.annotations.hits) == (others, others)


def test_a_docs_edit_rebuilds_every_page(session: Served) -> None:
    _edit(session.root, "docs/about.md", "\n", "\n\nEdited.\n")
    rebuilt = session.rebuild()
    assert {"about.md", "index.md", "sources/2023-02-a.md"} <= rebuilt

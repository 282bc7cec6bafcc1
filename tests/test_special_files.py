"""Only regular files inside the repository are read: links and special files are refused.

Git stores symbolic links, so a pull request can carry one; a FIFO or a link to a
device can only be made on the machine. None of them is opened: the check and the
build name each one, exit non-zero without a traceback, and the last site stays as
it was. These cases are made at test time, since a fixture folder cannot hold them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import check_dossier_process, write_dossier
from site_fixtures import run_mkdocs_build, write_fixture_project

from dossier.folders import fresh_folder, regular_file_inside, replace_folder

TOPICS = "topics:\n  - id: factory\n    title: Factory\n    summary: Where the cars are made.\n"
ANNOTATION = "title: A test article\ndate: 2023-02\nlanguage: fr\n"
GOOD_TEXT = "Xiaomi a annoncé une usine à Pékin.\n"
LINKED = "Expected a regular file but found a symbolic link to {!r}. " + (
    "Sources are published as stored: replace the link with the file itself."
)
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX links and FIFOs")


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    """The fast check, with a time limit: a FIFO opened for reading would block for good."""
    return check_dossier_process(root, timeout=60)


def _dossier(root: Path) -> Path:
    return write_dossier(
        root,
        {
            "sources/topics.yml": TOPICS,
            "sources/2023-02-good.txt": GOOD_TEXT,
            "sources/2023-02-good.yml": ANNOTATION,
            "sources/2023-02-x.yml": ANNOTATION,
        },
    )


def _link(target: str):
    def make(path: Path) -> None:
        path.symlink_to(target)

    return make


def _link_to_outside(path: Path) -> None:
    """A relative link out of the repository, as ``ln -s ../../../../etc/hostname``."""
    depth = len(path.parent.resolve().parts) - 1
    path.symlink_to("../" * depth + "etc/hostname")


CASES = {
    "absolute-link": (_link("/etc/passwd"), LINKED.format("/etc/passwd")),
    "dangling-link": (_link("nowhere.txt"), LINKED.format("nowhere.txt")),
    "link-loop": (_link("2023-02-x.txt"), LINKED.format("2023-02-x.txt")),
    "link-to-dev-zero": (_link("/dev/zero"), LINKED.format("/dev/zero")),
    "link-inside-the-repository": (_link("2023-02-good.txt"), LINKED.format("2023-02-good.txt")),
    "fifo": (os.mkfifo, "Expected a regular file but found a named pipe (FIFO). Replace it with a plain text file."),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_check_refuses_a_source_that_is_not_a_regular_file(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    root = _dossier(tmp_path)
    make(root / "sources/2023-02-x.txt")
    result = _check(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == f"sources/2023-02-x.txt:1:1: {message}\n"


def test_a_relative_link_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    root = _dossier(tmp_path)
    _link_to_outside(root / "sources/2023-02-x.txt")
    target = os.readlink(root / "sources/2023-02-x.txt")
    assert target.startswith("../../") and (root / "sources/2023-02-x.txt").exists()
    result = _check(root)
    assert result.stdout == f"sources/2023-02-x.txt:1:1: {LINKED.format(target)}\n"


def test_a_linked_annotation_file_and_topics_file_are_refused(tmp_path: Path) -> None:
    root = _dossier(tmp_path)
    (root / "sources/2023-02-x.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / "sources/2023-02-x.yml").unlink()
    (root / "sources/2023-02-x.yml").symlink_to("2023-02-good.yml")
    (root / "elsewhere.yml").write_text(TOPICS, encoding="utf-8")
    (root / "sources/topics.yml").unlink()
    (root / "sources/topics.yml").symlink_to("../elsewhere.yml")
    result = _check(root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"sources/2023-02-x.yml:1:1: {LINKED.format('2023-02-good.yml')}",
        f"sources/topics.yml:1:1: {LINKED.format('../elsewhere.yml')}",
    ]


def test_a_linked_sources_folder_is_refused(tmp_path: Path) -> None:
    outside = _dossier(tmp_path / "outside")
    root = tmp_path / "project"
    root.mkdir()
    (root / "sources").symlink_to(outside / "sources", target_is_directory=True)
    result = _check(root)
    assert result.returncode == 1
    assert result.stdout == (
        "sources:1:1: Expected a folder of sources at 'sources' but found a symbolic link. "
        "Keep the sources in the repository.\n"
    )


@pytest.mark.parametrize("case", ["absolute-link", "fifo"])
def test_the_build_refuses_them_and_keeps_the_last_site(tmp_path: Path, case: str) -> None:
    make, message = CASES[case]
    root = write_fixture_project(_dossier(tmp_path / "project"))
    make(root / "sources/2023-02-x.txt")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build", encoding="utf-8")
    result = run_mkdocs_build(root, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert f"sources/2023-02-x.txt:1:1: {message}" in result.stderr.splitlines()
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good build"


def test_a_site_folder_that_cannot_be_renamed_is_replaced_in_place(tmp_path: Path, monkeypatch) -> None:
    site, fresh = tmp_path / "site", tmp_path / ".site.building"
    write_dossier(site, {"old.html": "old", "sub/old.html": "old"})
    write_dossier(fresh, {"index.html": "new", "sub/page.html": "new"})
    rename = Path.rename

    def refuse_the_site(self: Path, target: Path) -> Path:
        if self == site:  # as a mount point would
            raise OSError(16, "Device or resource busy")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse_the_site)
    replace_folder(site, fresh)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == ["index.html", "sub", "sub/page.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_only_regular_files_inside_the_project_are_published(tmp_path: Path) -> None:
    root = _dossier(tmp_path / "project").resolve()
    (root / "sources/2023-02-x.txt").symlink_to("2023-02-good.txt")
    os.mkfifo(root / "sources/2023-02-y.txt")
    (tmp_path / "outside.txt").write_text("outside", encoding="utf-8")
    published = {
        name: regular_file_inside(root / "sources" / name, root) for name in sorted(os.listdir(root / "sources"))
    }
    assert published == {
        "2023-02-good.txt": True,
        "2023-02-good.yml": True,
        "2023-02-x.txt": False,
        "2023-02-x.yml": True,
        "2023-02-y.txt": False,
        "topics.yml": True,
    }
    assert regular_file_inside(root / "../outside.txt", root) is False


def test_folders_left_by_killed_builds_are_removed_by_the_next(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    left = [tmp_path / f".site.building-{gone.pid}", tmp_path / f".site.old-{gone.pid}"]
    alive = tmp_path / f".site.building-{os.getppid()}"
    other = tmp_path / f".docs.building-{gone.pid}"
    for folder in [*left, alive, other]:
        (folder / "sub").mkdir(parents=True)
    fresh = fresh_folder(site)
    assert fresh == tmp_path / f".site.building-{os.getpid()}" and fresh.is_dir()
    assert [folder.exists() for folder in left] == [False, False]
    assert alive.is_dir() and other.is_dir() and site.is_dir()

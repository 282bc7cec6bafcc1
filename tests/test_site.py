"""Page URLs and relative links, as MkDocs computes them with and without directory URLs."""

from __future__ import annotations

import pytest

from dossier.site import Layout, source_page_path

DIRS = Layout(directory_urls=True)
FILES = Layout(directory_urls=False)


@pytest.mark.parametrize(
    ("path", "with_dirs", "without_dirs"),
    [
        ("index.md", "", "index.html"),
        ("sources/index.md", "sources/", "sources/index.html"),
        ("sources/x.md", "sources/x/", "sources/x.html"),
        ("topics/t.md", "topics/t/", "topics/t.html"),
    ],
)
def test_url(path: str, with_dirs: str, without_dirs: str) -> None:
    assert DIRS.url(path) == with_dirs
    assert FILES.url(path) == without_dirs


@pytest.mark.parametrize(
    ("from_path", "to", "fragment", "with_dirs", "without_dirs"),
    [
        ("sources/x.md", "topics/t.md", None, "../../topics/t/", "../topics/t.html"),
        ("sources/x.md", "sources/x.txt", None, "../x.txt", "x.txt"),
        ("sources/x.md", "sources/x.md", "claim-a", "#claim-a", "x.html#claim-a"),
        ("sources/index.md", "sources/x.md", None, "x/", "x.html"),
        ("sources/x.md", "sources/index.md", None, "../", "index.html"),
        ("index.md", "sources/index.md", None, "sources/", "sources/index.html"),
        ("sources/x.md", "index.md", None, "../../", "../index.html"),
        ("topics/t.md", "sources/y.md", "c", "../../sources/y/#c", "../sources/y.html#c"),
        ("index.md", "sources/x.txt", None, "sources/x.txt", "sources/x.txt"),
    ],
)
def test_href(from_path: str, to: str, fragment: str | None, with_dirs: str, without_dirs: str) -> None:
    assert DIRS.href(from_path, to, fragment) == with_dirs
    assert FILES.href(from_path, to, fragment) == without_dirs


def test_repo_file() -> None:
    layout = Layout(repo_url="https://github.com/o/r/", repo_branch="dev")
    assert layout.repo_file("sources/a.yml") == "https://github.com/o/r/blob/dev/sources/a.yml"
    assert Layout().repo_file("sources/a.yml") is None


def test_source_page_path() -> None:
    assert source_page_path("2023-02-x") == "sources/2023-02-x.md"

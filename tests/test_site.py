"""Page URLs and relative links, as MkDocs computes them with and without directory URLs."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from conftest import write_dossier
from hypothesis import given
from hypothesis import strategies as st

from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.paths import Layout, relative, source_page_path
from dossier.site import build_pages

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


def test_a_source_that_cannot_be_shown_still_has_its_page(tmp_path: Path) -> None:
    files = {"sources/a.txt": "Xiaomi.\n", "sources/a.yml": "title: [A\n", "sources/topics.yml": "topics: 3\n"}
    dossier = load_dossier(write_dossier(tmp_path, files))
    pages = {page.path: page for page in build_pages(make_site(dossier, Layout()))}
    assert sorted(pages) == [
        "disagreements.md",
        "findings.md",
        "notes.md",
        "provenance.md",
        "sources/a.md",
        "sources/index.md",
        "timeline.md",
        "topics/index.md",
    ]
    assert pages["sources/a.md"].html == (
        '<h1>a</h1><div class="admonition failure dx-problems" role="alert">'
        '<p class="admonition-title">This source has problems</p>'
        "<p>The build stops on these; fix them and the page comes back.</p>"
        "<ul><li><code>sources/a.yml:2:1: Invalid YAML: did not find expected &#39;,&#39; or &#39;]&#39; "
        "(while parsing a flow sequence that starts at line 1, column 8).</code></li></ul></div>"
    )


_SEGMENTS = st.lists(st.sampled_from(["sources", "topics", "a", "b", "page-2", "x.txt"]), max_size=4)


@given(_SEGMENTS, st.booleans(), _SEGMENTS)
def test_relative_links_match_posixpath_relpath(target_parts: list[str], folder: bool, base_parts: list[str]) -> None:
    target = "/".join(target_parts) + ("/" if folder and target_parts else "")
    base_dir = "".join(f"{part}/" for part in base_parts)
    expected = posixpath.relpath("/" + target, "/" + base_dir)
    if target.endswith("/") or target == "":
        expected = expected.rstrip("/") + "/" if expected != "." else "./"
    assert relative(target, base_dir) == expected

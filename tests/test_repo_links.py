"""Repository links come from ``repo_url`` (+ ``edit_uri``) alone; the header makes no network request."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from contrib_fixture import write_site
from site_fixtures import run_mkdocs_build

from dossier.repo import derive_branch


@pytest.mark.parametrize(
    ("edit_uri", "branch"),
    [
        ("edit/main/docs/", "main"),
        ("blob/trunk/docs/", "trunk"),
        ("-/edit/develop/docs/", "develop"),
        ("edit/gh-pages", "gh-pages"),
        ("", "main"),
        (None, "main"),
        ("?path=/docs/", "main"),
        ("docs/", "main"),
    ],
)
def test_derive_branch(edit_uri: str | None, branch: str) -> None:
    assert derive_branch(edit_uri) == branch


def _config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_mkdocs_uses_the_placeholder_repository() -> None:
    config = _config()
    assert config["repo_url"] == "https://github.com/example-org/xiaomi-ev-dossier"
    assert config["site_url"] == "https://example-org.github.io/xiaomi-ev-dossier/"
    assert config["edit_uri"] == "edit/main/docs/"
    assert config["theme"]["custom_dir"] == "overrides"
    assert "repo_branch" not in config.get("extra", {})


def test_source_partial_does_not_fetch_repository_facts() -> None:
    partial = (ROOT / "overrides" / "partials" / "source.html").read_text(encoding="utf-8")
    link = partial.split("-#}", 1)[1]
    assert 'class="md-source"' in link
    assert "data-md-component" not in link


def test_changing_repo_url_moves_every_repository_link(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site-src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("example-org/xiaomi-ev-dossier", "someone/fork")
    text = text.replace("example-org.github.io/xiaomi-ev-dossier", "someone.github.io/fork")
    config.write_text(text.replace("edit/main/docs/", "edit/trunk/docs/"), encoding="utf-8")
    out = tmp_path / "out"
    build = run_mkdocs_build(root, out)
    assert build.returncode == 0, build.stderr
    page = (out / "sources" / "2023-02-factory" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://github.com/someone/fork/blob/trunk/sources/2023-02-factory.yml">' in page
    assert '<a href="../2023-02-factory.txt" type="text/plain">Raw text</a>' in page
    assert (out / "sources" / "2023-02-factory.txt").read_bytes() == (
        root / "sources" / "2023-02-factory.txt"
    ).read_bytes()
    assert 'class="md-source"' in page
    assert 'data-md-component="source"' not in page
    assert "example-org" not in page

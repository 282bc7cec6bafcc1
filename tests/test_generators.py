"""The site on both generators: MkDocs 1.6.1 (the default) and ProperDocs, its maintained fork.

ProperDocs runs from its own virtual environment (``.venv-properdocs``, from
``requirements-properdocs.txt``), where MkDocs is not installed. Its strict
build of the real site must equal MkDocs' file for file and byte for byte,
except for the generator's name and version in ``<meta name="generator">``.
Both builds are given the same build time (``SOURCE_DATE_EPOCH``): the sitemap
records it, in ``lastmod`` and in the gzip header of ``sitemap.xml.gz``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from site_fixtures import PROPERDOCS, run_mkdocs_build, write_fixture_project

_GENERATOR_META = re.compile(rb'<meta name="generator" content="([^",]*), (mkdocs-material-[^"]*)">')


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _generators(page: bytes) -> list[tuple[bytes, bytes]]:
    return _GENERATOR_META.findall(page)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("python", "expected"),
    [(Path(sys.executable), "mkdocs"), (PROPERDOCS.parent / "python", "properdocs")],
    ids=["mkdocs", "properdocs"],
)
def test_hooks_take_the_api_of_the_installed_generator(python: Path, expected: str) -> None:
    if not python.exists():
        pytest.fail(f"{python} is missing: ./dev test installs it")
    code = (
        "import importlib.util, generator_api; "
        "print(generator_api.GENERATOR, importlib.util.find_spec('mkdocs') is not None, "
        "generator_api.PluginError.__module__)"
    )
    run = subprocess.run(
        [str(python), "-c", code], cwd=ROOT / "hooks", capture_output=True, text=True, check=True, timeout=60
    )
    # In ProperDocs' environment MkDocs is not installed: nothing of the build comes from it.
    assert run.stdout.split() == [expected, str(expected == "mkdocs"), f"{expected}.exceptions"]


@pytest.mark.slow
def test_properdocs_builds_the_same_site(built_site: Path, tmp_path: Path) -> None:
    fork_site = tmp_path / "site"
    run = run_mkdocs_build(ROOT, fork_site, generator="properdocs")
    assert run.returncode == 0, run.stderr
    ours, fork = _files(built_site), _files(fork_site)
    assert sorted(fork) == sorted(ours)
    pages = [name for name in ours if name.endswith(".html")]
    assert len(pages) > 20
    for name in pages:
        [(mkdocs, theme)], [(properdocs, fork_theme)] = _generators(ours[name]), _generators(fork[name])
        assert (mkdocs[:9], properdocs[:18], fork_theme) == (b"mkdocs-1.", b"mkdocs-ProperDocs ", theme), name
        assert _GENERATOR_META.sub(b"", fork[name]) == _GENERATOR_META.sub(b"", ours[name]), name
    for name in sorted(set(ours) - set(pages)):
        assert fork[name] == ours[name], name
    assert {"sitemap.xml", "sitemap.xml.gz", "dossier.json", "annotations.jsonld"} <= set(ours)


@pytest.mark.slow
def test_properdocs_refuses_a_bad_input_with_the_same_messages(tmp_path: Path) -> None:
    case = ROOT / "tests" / "bad_inputs" / "unknown-topic"
    project = tmp_path / "project"
    shutil.copytree(case, project, ignore=shutil.ignore_patterns("expected.txt"))
    write_fixture_project(project)
    run = run_mkdocs_build(project, tmp_path / "site", generator="properdocs")
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected and all(line in run.stderr.splitlines() for line in expected)
    assert not (tmp_path / "site").exists()


def test_only_the_generator_api_imports_the_generator() -> None:
    importing = re.compile(r"^\s*(?:from|import)\s+(?:mkdocs|properdocs)\b", re.M)
    modules = sorted((ROOT / "hooks").rglob("*.py"))
    assert len(modules) > 10
    found = [p.relative_to(ROOT).as_posix() for p in modules if importing.search(p.read_text(encoding="utf-8"))]
    assert found == ["hooks/generator_api.py"]

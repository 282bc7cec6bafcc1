"""Broken contributions are refused with exact messages; odd but valid files work.

Each folder under tests/bad_inputs/ is a small dossier with one problem and an
``expected.txt`` holding the exact ``path:line:col: message`` lines. The fast
check and ``mkdocs build --strict`` run on every case: both must fail with those
lines and no traceback, and the build must leave the last site as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import check_dossier, write_dossier
from site_fixtures import run_mkdocs_build, write_fixture_project

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "expected.txt").is_file())
TOPICS = "topics:\n  - id: factory\n    title: Factory\n    summary: Where the cars are made.\n"
HEAD = "title: A test article\ndate: 2023-02\nlanguage: fr\n"


def test_the_corpus_is_large_enough() -> None:
    print(f"bad inputs: {len(CASES)} fixture dossiers + 1 generated (huge source)")
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_the_check_refuses_a_bad_input_with_exact_messages(case: str) -> None:
    result = check_dossier(CASES_DIR / case)
    expected = (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert expected.strip(), "expected.txt is empty"
    assert result.stdout == expected


@pytest.mark.parametrize("case", CASES)
def test_the_build_refuses_a_bad_input_and_keeps_the_last_site(case: str, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(CASES_DIR / case, project, ignore=shutil.ignore_patterns("expected.txt"))
    write_fixture_project(project)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build", encoding="utf-8")
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    for line in (CASES_DIR / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]  # nothing written, nothing cleaned
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good build"


def test_a_huge_source_is_refused(tmp_path: Path) -> None:
    line = "Xiaomi a annoncé une usine à Pékin qui pourrait produire 300 000 véhicules par an.\n"
    text = line * (5_000_000 // len(line.encode()) + 1)
    write_dossier(tmp_path, {"sources/topics.yml": TOPICS, "sources/2023-02-huge.txt": text})
    size = (tmp_path / "sources/2023-02-huge.txt").stat().st_size
    result = check_dossier(tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        f"sources/2023-02-huge.txt:1:1: Expected a source of at most 1,000,000 bytes but received {size:,} bytes. "
        "A news article is far smaller: check that this is the right file.\n"
    )


def test_a_source_with_bom_and_crlf_line_endings_works(tmp_path: Path) -> None:
    text = "\ufeffXiaomi a annoncé une usine à Pékin.\r\n\r\nElle pourrait produire 300 000 véhicules par an.\r\n"
    annotation = (
        HEAD + "claims:\n  - id: capacity\n    quote: 300 000 véhicules par an\n"
        "    claim: The factory could make 300,000 cars a year.\n    topics: [factory]\n"
    )
    write_dossier(
        tmp_path,
        {
            "sources/topics.yml": TOPICS.replace("\n", "\r\n"),
            "sources/2023-02-crlf.txt": text,
            "sources/2023-02-crlf.yml": "\ufeff" + annotation.replace("\n", "\r\n"),
        },
    )
    result = check_dossier(tmp_path)
    assert result.stdout == "OK: 1 sources, 0 notes, 1 claims, 1 topics.\n"
    write_fixture_project(tmp_path)
    build = run_mkdocs_build(tmp_path, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "site/sources/2023-02-crlf/index.html").read_text(encoding="utf-8")
    assert '<mark id="claim-capacity">300 000 véhicules par an' in html
    assert "\ufeff" not in html


def test_a_source_without_annotation_file_is_shown_as_not_yet_annotated(tmp_path: Path) -> None:
    write_dossier(
        tmp_path,
        {"sources/topics.yml": TOPICS, "sources/2023-02-bare.txt": " date 2023-02 in\n\nUn texte sans notes.\n"},
    )
    assert check_dossier(tmp_path).stdout == "OK: 1 sources, 0 notes, 0 claims, 1 topics.\n"
    write_fixture_project(tmp_path)
    build = run_mkdocs_build(tmp_path, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "site/sources/2023-02-bare/index.html").read_text(encoding="utf-8")
    assert "Not yet annotated" in html
    assert "Un texte sans notes." in html


def test_a_source_without_annotation_file_needs_a_date_marker(tmp_path: Path) -> None:
    write_dossier(tmp_path, {"sources/topics.yml": TOPICS, "sources/2023-02-bare.txt": "Un texte sans date.\n"})
    result = check_dossier(tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "sources/2023-02-bare.txt:1:1: No date for sources/2023-02-bare.txt: the text has no "
        "'date YYYY-MM[-DD]' marker at its start, so create sources/2023-02-bare.yml with 'title', "
        "'date' and 'language'.\n"
    )

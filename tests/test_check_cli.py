"""The fast check, ``python hooks/check.py``: exit codes, exact output, and the same messages as the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, check_env
from contrib_fixture import MISTAKE, MISTAKE_LINE, write_site

MKDOCS = Path(sys.executable).with_name("mkdocs")


def run_check(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(root / "hooks" / "check.py"), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=check_env(**env),
        check=False,
    )


def problem_lines(output: str) -> list[str]:
    """The ``path:line:col: message`` lines of a command's output."""
    return [line for line in output.splitlines() if line.startswith("sources/")]


def test_check_passes_on_the_project() -> None:
    result = run_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    *warnings, last = result.stdout.splitlines()
    assert last.startswith("OK: ")
    # Quotes typed with other quotation marks or spaces than the text's are warnings only.
    assert all(": warning: The quote differs from the text only in typography" in line for line in warnings)
    assert result.stderr == (
        f"{len(warnings)} quotes differ from the text only in typography: './dev check --fix' rewrites them.\n"
        if len(warnings) > 1
        else ""
        if not warnings
        else "1 quote differs from the text only in typography: './dev check --fix' rewrites them.\n"
    )


def test_check_passes_on_a_valid_dossier(tmp_path: Path) -> None:
    result = run_check(write_site(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "OK: 1 sources, 0 notes, 1 claims, 1 topics.\n",
        "",
    )


def test_check_reports_a_mistake_exactly(tmp_path: Path) -> None:
    result = run_check(write_site(tmp_path, MISTAKE))
    assert (result.returncode, result.stdout, result.stderr) == (1, MISTAKE_LINE + "\n", "1 problem found.\n")


def test_check_prints_github_annotations_when_asked(tmp_path: Path) -> None:
    result = run_check(write_site(tmp_path, MISTAKE), "--github")
    message = MISTAKE_LINE.split(": ", 1)[1]
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        MISTAKE_LINE,
        f"::error file=sources/2023-02-factory.yml,line=7,col=12::{message}",
    ]


def test_check_prints_github_annotations_under_actions(tmp_path: Path) -> None:
    root = write_site(tmp_path, MISTAKE)
    assert run_check(root, GITHUB_ACTIONS="true").stdout == run_check(root, "--github").stdout


def test_check_reports_every_problem_at_once(tmp_path: Path) -> None:
    root = write_site(tmp_path, MISTAKE.replace("date: 2023-02", "date: 2023-13"))
    result = run_check(root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "sources/2023-02-factory.yml:2:7: Expected a month from 01 to 12 but received '2023-13' for 'date' "
        "in the annotation file.",
        MISTAKE_LINE,
    ]
    assert result.stderr == "2 problems found.\n"


def test_build_and_check_report_the_same_message(tmp_path: Path) -> None:
    root = write_site(tmp_path, MISTAKE)
    check = run_check(root)
    build = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env=check_env(),
        check=False,
    )
    assert build.returncode == 1
    assert problem_lines(build.stdout + build.stderr) == problem_lines(check.stdout) == [MISTAKE_LINE]
    assert not (tmp_path / "site").exists()

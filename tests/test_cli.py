"""The fast check: exit codes, output, and GitHub ``::error`` lines."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_dossier

from dossier.cli import main

BAD = {
    "sources/a.txt": "Xiaomi à Pékin.\n",
    "sources/a.yml": "title: A\ndate: 2023-02\nlanguage: fr\ntitel: B\n",
}
BAD_LINE = "sources/a.yml:4:1: Unknown key 'titel' in the annotation file. Did you mean 'title'?"


def test_real_dossier_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT)]) == 0
    # Quotes typed with other quotation marks or spaces than the text's are warnings, not problems.
    warnings = r"(?:sources/[^\n]+: warning: [^\n]+\n)*"
    assert re.fullmatch(warnings + r"OK: 5 sources, \d+ notes, \d+ claims, \d+ topics\.\n", capsys.readouterr().out)


def test_problems_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_dossier(tmp_path, BAD)
    assert main(["--root", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert out.out == BAD_LINE + "\n"
    assert out.err == "1 problem found.\n"


def test_github_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_dossier(tmp_path, BAD)
    assert main(["--root", str(tmp_path), "--github"]) == 1
    assert capsys.readouterr().out == (
        BAD_LINE + "\n::error file=sources/a.yml,line=4,col=1::Unknown key 'titel' in the annotation file. "
        "Did you mean 'title'?\n"
    )


def test_problem_count_is_plural(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_dossier(tmp_path, {**BAD, "sources/b.yml": "title: B\n"})
    assert main(["--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err == "2 problems found.\n"


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads((ROOT / "schema" / "annotation.schema.json").read_text(encoding="utf-8"))


def test_script_exit_code_and_no_traceback(tmp_path: Path) -> None:
    write_dossier(tmp_path, BAD)
    run = subprocess.run(
        [sys.executable, str(ROOT / "hooks" / "check.py"), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "", "GITHUB_ACTIONS": "true"},
    )
    assert run.returncode == 1
    assert run.stdout.splitlines()[0] == BAD_LINE
    assert run.stdout.splitlines()[1].startswith("::error file=sources/a.yml,line=4,col=1::")
    assert "Traceback" not in run.stderr


def test_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2

"""The build benchmark keeps running: its quick mode builds both sites and prints the figures."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # builds two sites, each in a fresh process, as the benchmark does


def test_bench_quick_builds_both_sites_and_prints_figure_rows():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.strip().startswith("N |"))
    assert "dossier s" in header and "plain s" in header and "engine %" in header
    row = next(line for line in lines if line.strip().startswith("20 |"))
    cells = [cell.strip() for cell in row.split("|")]
    assert len(cells) == 8
    assert float(cells[3]) > 0  # the ratio dossier / plain
    assert any(line.startswith("N=20: largest page dossier ") for line in lines)
    cpu = next(line for line in lines if line.startswith("N=20: CPU s"))
    assert float(cpu.split("engine ")[1].split(" s CPU")[0]) > 0
    output = next(line for line in lines if line.startswith("N=20: output MB dossier: "))
    for kind in ("source pages", "other pages", "search index", "exports", "other files"):
        assert kind in output, output


def test_bench_search_quick_prints_delay_and_bytes_for_each_form():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--search", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for form in ("pagefind", "material", "material-minimal"):
        line = next(line for line in lines if line.startswith(f"search {form}: 'usine' first result after median "))
        downloaded = float(line.split("search downloads ")[1].split(" MB")[0])
        assert downloaded > 0, line
    assert any(line.startswith("build pagefind: ") and "of which Pagefind" in line for line in lines)

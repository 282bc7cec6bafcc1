"""CONTRIBUTING.md's worked examples: the YAML passes the check, its sample error is what the check prints,
the import example gives the diff shown (the page's example is checked in test_annotate_js.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import ROOT, check_dossier, write_dossier

from dossier.cli import main

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SLUG = "2024-03-28-xiaomi-su7-launch-price"


def block_after(label: str, lang: str) -> str:
    """The fenced block of language ``lang`` that follows ``label`` in the guide."""
    match = re.search(re.escape(label) + r"\s*```" + lang + r"\n(.*?)```", GUIDE, re.S)
    assert match, label
    return match.group(1)


def write_example(root: Path, text: str | None = None) -> Path:
    topics = "topics:\n" + block_after("so it also adds it to `sources/topics.yml`:", "yaml")
    return write_dossier(
        root,
        {
            f"sources/{SLUG}.txt": block_after(f"`sources/{SLUG}.txt`:", "text"),
            f"sources/{SLUG}.yml": text or block_after(f"`sources/{SLUG}.yml`:", "yaml"),
            "sources/topics.yml": topics,
            "sources/subjects.yml": "subjects:\n" + block_after("so it adds that to `sources/subjects.yml`:", "yaml"),
        },
    )


def test_worked_example_passes_the_check(tmp_path: Path) -> None:
    result = check_dossier(write_example(tmp_path))
    assert (result.returncode, result.stdout) == (0, "OK: 1 sources, 1 notes, 1 claims, 1 topics.\n")


def test_sample_error_is_what_the_check_prints(tmp_path: Path) -> None:
    annotation = block_after(f"`sources/{SLUG}.yml`:", "yaml").replace("215 900 yuans", "215 000 yuans")
    result = check_dossier(write_example(tmp_path, annotation))
    sample = block_after("prints `OK: …` or every problem at once, as `path:line:col: message`:", "text")
    assert result.returncode == 1
    assert result.stdout == sample


def test_readme_links_the_guide() -> None:
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_import_example_gives_the_diff_shown(tmp_path: Path, capsys) -> None:
    root = write_example(tmp_path)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")  # the site's address, which the annotation targets
    saved = root / "hypothesis.json"
    saved.write_text(block_after("saved as `hypothesis.json`:", "json"), encoding="utf-8")
    assert main(["import", "--root", str(root), "--dry-run", str(saved)]) == 0
    diff = block_after("gives, with `./dev import --dry-run hypothesis.json`:", "diff")
    assert capsys.readouterr().out == diff + "Would add 1 annotation to 1 file.\n"
    assert main(["import", "--root", str(root), str(saved)]) == 0
    assert check_dossier(root).stdout == "OK: 1 sources, 2 notes, 1 claims, 1 topics.\n"

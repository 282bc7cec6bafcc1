"""CONTRIBUTING.md's worked example passes the check, and its sample error is what the check prints."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, check_dossier, write_dossier

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

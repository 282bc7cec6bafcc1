"""A small fixture site for the contributing tests: the project's config and hooks, a one-source dossier."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, write_dossier

TEXT = "Xiaomi annonce une usine de 150 000 voitures par an.\n"
TOPICS = "topics:\n  - id: production\n    title: Production\n    summary: How many cars.\n"
ANNOTATION = """\
title: A factory
date: 2023-02
language: fr
topics: [production]
claims:
  - id: capacity
    quote: usine de 150 000 voitures par an
    claim: Xiaomi announces a factory of 150,000 cars a year.
    topics: [production]
"""
MISTAKE = ANNOTATION.replace("usine de 150 000", "usine de 105 000")
MISTAKE_LINE = (
    "sources/2023-02-factory.yml:7:12: Quote not found in sources/2023-02-factory.txt: "
    '"usine de 105 000 voitures par an". The closest passage is "usine de 150 000 voitures par an." '
    "at line 1, column 20. Copy the passage exactly as it stands in the text."
)


def write_site(root: Path, annotation: str = ANNOTATION) -> Path:
    """Copy mkdocs.yml, docs/, hooks/ and overrides/ under ``root`` and write a one-source dossier."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return write_dossier(
        root,
        {
            "sources/2023-02-factory.txt": TEXT,
            "sources/2023-02-factory.yml": annotation,
            "sources/topics.yml": TOPICS,
        },
    )

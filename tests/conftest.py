"""Shared test helpers: the project root and small fixture dossiers."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["site_fixtures"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project_root() -> Path:
    """The repository's root folder."""
    return ROOT


def write_dossier(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a fixture dossier: ``{"sources/x.txt": "…", …}`` under ``root``."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
    return root

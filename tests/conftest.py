"""Shared test helpers: the project root and small fixture dossiers."""

from __future__ import annotations

import os
import subprocess
import sys
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


def check_env(**extra: str) -> dict[str, str]:
    """The environment for the project's commands in tests: plain output even under GitHub Actions."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def check_dossier(root: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """The fast check (the repository's ``hooks/check.py``) on the dossier at ``root``."""
    return subprocess.run(
        [sys.executable, str(ROOT / "hooks" / "check.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        env=check_env(),
        timeout=timeout,
        check=False,
    )

"""Shared test helpers: the project root and small fixture dossiers."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.cli import main

pytest_plugins = ["site_fixtures"]

ROOT = Path(__file__).resolve().parent.parent
SLOW_FIXTURES = {"browser", "built_site", "site_url", "hostile_site"}
"""A test that uses one of these (a built site, a browser) is marked ``slow``, wherever it is."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` the tests that build a site or open a browser: ``-m "not slow"`` is the quick loop."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


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


@contextlib.contextmanager
def environ(**changes: str | None) -> Iterator[None]:
    """``os.environ`` with ``changes`` (``None`` removes a variable) for the duration of the block."""
    saved = {name: os.environ.get(name) for name in changes}
    try:
        _set_environ(changes)
        yield
    finally:
        _set_environ(saved)


def _set_environ(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def check_dossier(root: Path) -> subprocess.CompletedProcess[str]:
    """The fast check (what ``hooks/check.py`` runs) on the dossier at ``root``, in this process.

    Its output and exit status as the script's would be (``tests/test_cli.py`` runs the script itself).
    """
    out, err = io.StringIO(), io.StringIO()
    args = ["--root", str(root)]
    with environ(GITHUB_ACTIONS=None), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    return subprocess.CompletedProcess(["hooks/check.py", *args], status, out.getvalue(), err.getvalue())


def check_dossier_process(root: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """The fast check as its own process (``hooks/check.py``), for a case that could hang it: a time limit."""
    return subprocess.run(
        [sys.executable, str(ROOT / "hooks" / "check.py"), "--root", str(root)],
        capture_output=True,
        text=True,
        env=check_env(),
        timeout=timeout,
        check=False,
    )

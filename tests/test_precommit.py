"""The pre-commit configuration runs the same fast check as ``./dev check`` and CI, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT
from contrib_fixture import MISTAKE, MISTAKE_LINE, write_site


def load_config() -> dict:
    return yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def hooks_by_id() -> dict[str, dict]:
    return {hook["id"]: hook | {"repo": repo["repo"]} for repo in load_config()["repos"] for hook in repo["hooks"]}


def test_every_hook_is_local_so_it_runs_offline() -> None:
    assert {repo["repo"] for repo in load_config()["repos"]} == {"local"}


def test_check_hook_runs_the_dev_check_command() -> None:
    hook = hooks_by_id()["dossier-check"]
    assert hook["entry"] == "./dev check"
    assert hook["pass_filenames"] is False
    assert "sources/" in hook["files"]
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    assert "  check)\n    venv .venv requirements\n    exec .venv/bin/python hooks/check.py" in dev


def test_ruff_hooks_use_the_pinned_ruff() -> None:
    hooks = hooks_by_id()
    assert hooks["ruff-check"]["entry"].startswith(".venv/bin/ruff check")
    assert hooks["ruff-format"]["entry"].startswith(".venv/bin/ruff format")
    pins = (ROOT / "requirements-test.txt").read_text(encoding="utf-8").splitlines()
    assert "ruff==0.17.6" in pins


def _link_venv(root: Path) -> None:
    """A ``.venv`` in ``root`` that is this run's environment, marked installed, so ``./dev`` installs nothing."""
    venv = root / ".venv"
    (venv / "bin").mkdir(parents=True)
    shutil.copy(Path(sys.prefix) / "pyvenv.cfg", venv / "pyvenv.cfg")
    for name in ("lib", "lib64"):
        if (Path(sys.prefix) / name).exists():
            (venv / name).symlink_to(Path(sys.prefix) / name)
    (venv / "bin" / "python").symlink_to(sys.executable)
    (venv / ".installed-requirements").touch()


def test_pre_commit_reports_the_check_message(tmp_path: Path) -> None:
    root = write_site(tmp_path / "clone", MISTAKE)
    for name in ("dev", ".pre-commit-config.yaml", "requirements.txt"):
        shutil.copy2(ROOT / name, root / name)
    _link_venv(root)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "VIRTUAL_ENV")}
    env |= {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "."], cwd=root, check=True, env=env)
    (root / ".gitignore").write_text(".venv/\nsite/\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=root, check=True, env=env)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "dossier-check", "--all-files"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert MISTAKE_LINE in result.stdout.splitlines()

"""``./dev test`` finds what the tests need before it runs any test, or stops with one line saying what is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

SUITE = "the W3C Web Annotation test suite"


def _dev_test(project: Path, bin_dir: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """``./dev test`` of a copy of the ``dev`` script in ``project`` (nothing installed there yet)."""
    shutil.copy(ROOT / "dev", project / "dev")
    environ = {k: v for k, v in os.environ.items() if k not in ("W3C_ANNOTATION_TESTS", "PYTHON")}
    if bin_dir is not None:
        environ["PATH"] = f"{bin_dir}{os.pathsep}{environ['PATH']}"
    return subprocess.run(
        ["bash", str(project / "dev"), "test"], env={**environ, **env}, capture_output=True, text=True, timeout=60
    )


def test_without_the_w3c_suite_it_stops_with_one_line_before_installing_anything(tmp_path: Path) -> None:
    project = tmp_path / "clone"  # no ../shared beside it
    project.mkdir()
    bin_dir = tmp_path / "bin"  # a git that cannot reach the network, wherever the tests run
    bin_dir.mkdir()
    (bin_dir / "git").write_text("#!/bin/sh\necho 'fatal: unable to access' >&2\nexit 128\n", encoding="utf-8")
    (bin_dir / "git").chmod(0o755)
    run = _dev_test(project, bin_dir)
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        f"./dev: {SUITE} is missing and could not be fetched: set W3C_ANNOTATION_TESTS to a checkout of "
        "https://github.com/w3c/web-annotation-tests (commit adedd9a), or clone it into "
        "../shared/w3c-web-annotation-tests or .cache/w3c-web-annotation-tests.\n"
    )
    assert sorted(p.name for p in project.iterdir()) == [".cache", "dev"]  # no .venv, no node_modules
    assert list((project / ".cache").iterdir()) == []


def test_a_wrong_w3c_folder_is_named(tmp_path: Path) -> None:
    run = _dev_test(tmp_path, W3C_ANNOTATION_TESTS=str(tmp_path / "nowhere"))
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        f"./dev: W3C_ANNOTATION_TESTS={tmp_path / 'nowhere'} holds no W3C Web Annotation test suite "
        "(annotations/annotationMusts.test): point it at a checkout of https://github.com/w3c/web-annotation-tests.\n"
    )


def test_too_old_a_python_is_named_with_what_to_do(tmp_path: Path) -> None:
    fake = tmp_path / "python3.10"
    fake.write_text('#!/bin/sh\ncase "$2" in *platform*) echo 3.10.13;; *) exit 1;; esac\n', encoding="utf-8")
    fake.chmod(0o755)
    run = _dev_test(tmp_path, PYTHON=str(fake))
    assert (run.returncode, run.stdout) == (1, "")
    assert (
        run.stderr
        == f"./dev: {fake} is Python 3.10.13; the site needs 3.11 or newer: install it, or set PYTHON to one.\n"
    )


def test_ci_runs_the_readme_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [line for line in ci.splitlines() if line and not line.startswith("#")][-1] == "exec ./dev test"

"""The GitHub workflows pass actionlint and zizmor (offline), and say what CONTRIBUTING.md promises."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"
BAD_WORKFLOW = """\
name: bad
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo ${{ matrix.nope }}
"""


def run_tool(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*args], cwd=cwd, capture_output=True, text=True, check=False)


def actionlint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_tool(str(BIN / "actionlint"), "-no-color", *map(str, files), cwd=cwd)


def zizmor(target: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    config = ROOT / ".github" / "zizmor.yml"
    return run_tool(str(BIN / "zizmor"), "--offline", "--no-progress", "--config", str(config), str(target), cwd=cwd)


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_passes() -> None:
    result = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert (result.returncode, result.stdout) == (0, "")


def test_zizmor_passes() -> None:
    result = zizmor(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


@pytest.fixture
def bad_workflows(tmp_path: Path) -> Path:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")
    return folder


def test_actionlint_fails_on_a_bad_workflow(bad_workflows: Path) -> None:
    result = actionlint(bad_workflows / "bad.yml", cwd=bad_workflows.parent.parent)
    assert result.returncode == 1
    assert "matrix" in result.stdout


def test_zizmor_fails_on_a_bad_workflow(bad_workflows: Path) -> None:
    result = zizmor(bad_workflows, cwd=bad_workflows.parent.parent)
    assert result.returncode != 0
    assert "template-injection" in result.stdout
    assert "artipacked" in result.stdout


def test_every_checkout_drops_its_credentials() -> None:
    for name in ("ci.yml", "pages.yml"):
        checkouts = [s for s in steps(workflow(name)) if s.get("uses", "").startswith("actions/checkout@")]
        assert checkouts
        assert all(s["with"]["persist-credentials"] is False for s in checkouts)


def test_ci_runs_check_test_build_and_uploads_the_site() -> None:
    data = workflow("ci.yml")
    assert set(data[True]) == {"pull_request", "push"}  # YAML 1.1 reads the key `on` as True
    runs = [s.get("run", "") for s in steps(data)]
    assert {"./dev check", "./dev build"} <= set(runs)
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci_run.rstrip().endswith("exec ./dev test")  # the README's command, which installs what is missing
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    assert "apt-get install" in dev and "chromium" in dev
    assert data["jobs"]["test"]["container"].endswith("-bookworm")  # Debian's chromium, not Ubuntu's snap
    assert 'W3C_ANNOTATION_TESTS="$GITHUB_WORKSPACE/w3c-web-annotation-tests" .ci/run' in runs
    w3c = next(s for s in steps(data) if s.get("with", {}).get("repository") == "w3c/web-annotation-tests")
    assert w3c["with"]["path"] == "w3c-web-annotation-tests"
    assert f"W3C_COMMIT={w3c['with']['ref']}\n" in dev  # the commit ./dev test fetches
    fork = data["jobs"]["build-properdocs"]
    assert [s.get("run") for s in fork["steps"] if "run" in s] == ["./dev build --with properdocs"]
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"


def test_pages_deploys_with_least_permissions() -> None:
    data = workflow("pages.yml")
    assert data["permissions"] == {}
    assert data["concurrency"]["group"] == "pages"
    assert data["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = {s["uses"].split("@")[0] for s in steps(data) if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses


def test_templates_are_valid_yaml() -> None:
    for path in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path
    assert "- [ ]" in (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")


def test_linters_are_installed() -> None:
    assert shutil.which("actionlint", path=str(BIN)) and shutil.which("zizmor", path=str(BIN))

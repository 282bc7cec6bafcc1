"""End to end: ``mkdocs build --strict`` and ``mkdocs serve`` with the dossier hooks (serve under ProperDocs too).

The real repository is built into a temporary folder; a small fixture site (its
own mkdocs.yml, docs/ and sources/, with the real hooks) shows how a bad
annotation stops a build and how ``mkdocs serve`` survives one.
"""

from __future__ import annotations

import html
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, write_dossier
from site_fixtures import generator_command

from dossier.anchor import normalize
from dossier.load import load_dossier

pytestmark = pytest.mark.slow  # real command lines and servers

GOOD = "title: A\ndate: 2023-02\nlanguage: fr\nclaims:\n  - id: beijing\n    quote: à Pékin\n    claim: In Beijing.\n"
BAD = "title: A\ndate: 2023-02\nlanguage: fr\ntitel: B\n"
BAD_LINE = "sources/a.yml:4:1: Unknown key 'titel' in the annotation file. Did you mean 'title'?"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def _mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )


def _fixture_site(root: Path, annotation: str, theme: str = "mkdocs") -> Path:
    """A one-source site; ``theme: material`` for ProperDocs, which no longer bundles the ``mkdocs`` theme."""
    hooks = (ROOT / "hooks" / "dossier_hooks.py").as_posix()
    return write_dossier(
        root,
        {
            "mkdocs.yml": f"site_name: Fixture\ntheme: {theme}\nhooks:\n  - {json.dumps(hooks)}\n",
            "docs/index.md": "# Fixture\n",
            "sources/topics.yml": "topics:\n  - id: t\n    title: T\n    summary: S.\n",
            "sources/a.txt": "Xiaomi construira une usine à Pékin.\n",
            "sources/a.yml": _fixture_annotation(annotation),
        },
    )


def test_a_page_per_source_with_its_date(built_site: Path) -> None:
    dossier = load_dossier(ROOT)
    assert len(dossier.sources) == 5
    for source in dossier.sources:
        page = (built_site / "sources" / source.id / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{html.escape(source.title)}</h1>" in page
        assert html.escape(source.date.label) in page
        assert (built_site / source.path).read_bytes() == (ROOT / source.path).read_bytes()


def test_dossier_json_offsets(built_site: Path) -> None:
    data = json.loads((built_site / "dossier.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in data["sources"]} == {p.stem for p in (ROOT / "sources").glob("*.txt")}
    for source in data["sources"]:
        assert {"id", "title", "date", "date_precision", "notes", "claims", "url"} <= set(source)
        assert (built_site / source["url"] / "index.html").is_file()
        text = (ROOT / source["path"]).read_bytes().decode("utf-8").removeprefix("\ufeff")
        for item in source["notes"] + source["claims"]:
            assert normalize(text[item["start"] : item["end"]]) == normalize(item["quote"])


def test_fixture_site_builds(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path, GOOD)
    run = _mkdocs("build", "--strict", cwd=root)
    assert run.returncode == 0, run.stderr
    page = (root / "site" / "sources" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'id="claim-beijing">à Pékin' in page


def test_bad_annotation_stops_the_build_and_leaves_no_partial_site(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path, BAD)
    write_dossier(root, {"site/earlier.html": "from an earlier build"})
    run = _mkdocs("build", "--strict", cwd=root)
    assert run.returncode != 0
    output = run.stdout + run.stderr
    assert BAD_LINE in output.splitlines()
    assert "Traceback" not in output
    assert sorted(p.name for p in (root / "site").iterdir()) == ["earlier.html"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"Timed out waiting for {what}")


@pytest.mark.parametrize(
    ("generator", "bad", "line"),
    [
        ("mkdocs", BAD, BAD_LINE),
        (
            "mkdocs",
            "title: [A\n",
            "sources/a.yml:2:1: Invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts at line 1, column 8).",
        ),
        ("properdocs", BAD, BAD_LINE),
    ],
    ids=["unknown-key", "invalid-yaml", "properdocs"],
)
def test_serve_shows_problems_and_recovers(tmp_path: Path, generator: str, bad: str, line: str) -> None:
    root = _fixture_site(tmp_path / "fixture", GOOD, theme="mkdocs" if generator == "mkdocs" else "material")
    port = _free_port()
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{port}/sources/a/"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*generator_command(generator), "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
    try:
        _wait(lambda: "claim-beijing" in (_get(url) or ""), "the source page")
        assert "dx-problems" not in (_get(url) or "")

        (root / "sources" / "a.yml").write_text(bad, encoding="utf-8")
        _wait(lambda: "dx-problems" in (_get(url) or ""), "the page to show the problem")
        assert html.escape(line) in (_get(url) or "")
        _wait(lambda: line in log.read_text(encoding="utf-8").splitlines(), "the problem in the terminal")
        assert "Traceback" not in log.read_text(encoding="utf-8")
        assert _get(f"http://127.0.0.1:{port}/") is not None

        (root / "sources" / "a.yml").write_text(_fixture_annotation(GOOD), encoding="utf-8")
        _wait(lambda: "claim-beijing" in (page := _get(url) or "") and "dx-problems" not in page, "the fix")
        assert server.poll() is None
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def _fixture_annotation(annotation: str) -> str:
    return annotation.replace("claim: In Beijing.\n", "claim: In Beijing.\n    topics: [t]\n")


def test_bad_annotation_under_github_actions_prints_error_lines(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path, BAD)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**_env(), "GITHUB_ACTIONS": "true"},
    )
    assert run.returncode != 0
    assert (
        "::error file=sources/a.yml,line=4,col=1::Unknown key 'titel' in the annotation file. Did you mean 'title'?"
        in run.stderr.splitlines()
    )
    assert not (root / "site").exists()

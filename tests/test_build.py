"""End to end: ``mkdocs build --strict`` and ``mkdocs serve`` with the dossier hooks (serve under ProperDocs too).

The real repository is built into a temporary folder; a small fixture site (its
own mkdocs.yml, docs/ and sources/, with the real hooks) shows how a bad
annotation stops a build and how ``mkdocs serve`` survives one.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, write_dossier
from site_fixtures import generator_command, run_mkdocs_build

from dossier.anchor import normalize
from dossier.contribute import LISTS_PATH, annotate_lists
from dossier.load import load_dossier
from dossier.markup import escape

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


def _build(root: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project at ``root`` into its ``site/``, in this process: for the
    tests of what a build writes (the command line itself is tested by the two tests that run it)."""
    return run_mkdocs_build(root, root / "site")


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
        assert f"<h1>{escape(source.title)}</h1>" in page
        assert escape(source.date.label) in page
        assert (built_site / source.path).read_bytes() == (ROOT / source.path).read_bytes()


def test_dossier_json_offsets(built_site: Path) -> None:
    data = json.loads((built_site / "dossier.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in data["sources"]} == {p.stem for p in (ROOT / "sources").glob("*.txt")}
    for source in data["sources"]:
        assert {"id", "title", "date", "date_precision", "notes", "claims", "url"} <= set(source)
        assert (built_site / source["url"] / "index.html").is_file()
        text = (ROOT / source["path"]).read_bytes().decode("utf-8").removeprefix("\ufeff")
        for item in source.get("notes", []) + source.get("claims", []):
            assert normalize(text[item["start"] : item["end"]]) == normalize(item["quote"])


def test_fixture_site_builds(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path, GOOD)
    run = _mkdocs("build", "--strict", cwd=root)
    assert run.returncode == 0, run.stderr
    page = (root / "site" / "sources" / "a" / "index.html").read_text(encoding="utf-8")
    assert 'id="claim-beijing">à Pékin' in page


def test_only_written_pages_go_through_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converted: list[str] = []
    convert = markdown.Markdown.convert

    def recording(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", recording)
    root = _fixture_site(tmp_path, GOOD)
    run = _build(root)
    assert run.returncode == 0, run.stderr
    assert (root / "site" / "sources" / "a" / "index.html").is_file()
    assert "# Fixture\n" in converted
    assert "" not in converted  # the generated pages: their HTML is the engine's


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
    """Until ``condition()`` holds, asked every 50 ms: a serve test goes on soon after the page shows
    what it waits for."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"Timed out waiting for {what}")


SERVE_PROBLEMS = {
    "unknown-key": (BAD, BAD_LINE),
    "invalid-yaml": (
        "title: [A\n",
        "sources/a.yml:2:1: Invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts at line 1, column 8).",
    ),
    "deep-nesting": (
        "title: " + "[" * 40_000 + "\n",
        "sources/a.yml:1:27: Invalid YAML: found lists or mappings nested more than 20 deep; an annotation "
        "file needs 5 levels at most: check the brackets and the indentation.",
    ),
    "year-9999": (
        GOOD.replace("date: 2023-02", "date: 9999-12-31"),
        "sources/a.yml:2:7: Expected a year from 1000 to 2999 but received '9999-12-31' for 'date' "
        "in the annotation file.",
    ),
}
"""Mistakes made in an annotation file while ``serve`` runs, and the line each one shows."""


@pytest.mark.parametrize(
    ("generator", "problems"),
    [("mkdocs", list(SERVE_PROBLEMS)), ("properdocs", ["unknown-key"])],
    ids=["mkdocs", "properdocs"],
)
def test_serve_shows_problems_and_recovers(tmp_path: Path, generator: str, problems: list[str]) -> None:
    """One server through every mistake in turn: each is shown on the page and in the terminal,
    and the page recovers once the file is fixed, before the next mistake."""
    root = _fixture_site(tmp_path / "fixture", GOOD, theme="mkdocs" if generator == "mkdocs" else "material")
    log = tmp_path / "serve.log"
    with _serving(root, log, generator, "--dirty") as (home, server):  # as ./dev serve runs it
        url = home + "sources/a/"
        _wait(lambda: "claim-beijing" in (_get(url) or ""), "the source page")
        assert "dx-problems" not in (_get(url) or "")
        for name in problems:
            bad, line = SERVE_PROBLEMS[name]
            (root / "sources" / "a.yml").write_text(bad, encoding="utf-8")
            _wait(lambda: "dx-problems" in (_get(url) or ""), f"the page to show the problem ({name})")
            assert escape(line) in (_get(url) or ""), name
            in_log = f"the problem in the terminal ({name})"
            _wait(lambda line=line: line in log.read_text(encoding="utf-8").splitlines(), in_log)
            assert "Traceback" not in log.read_text(encoding="utf-8")
            assert _get(home) is not None

            (root / "sources" / "a.yml").write_text(_fixture_annotation(GOOD), encoding="utf-8")
            _wait(lambda: "claim-beijing" in (page := _get(url) or "") and "dx-problems" not in page, "the fix")
            assert server.poll() is None


@contextmanager
def _serving(
    root: Path, log: Path, generator: str = "mkdocs", *options: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``serve`` of the project at ``root`` by ``generator`` (with ``options``), its output in ``log``:
    its base URL and process."""
    port = _free_port()
    command = [*generator_command(generator), "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*command, *options],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_env(),
        )
    try:
        yield f"http://127.0.0.1:{port}/", server
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


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "late",
    [
        {"docs/late.md": "# Late\n\n[A broken link](missing.md)\n"},  # a --strict warning, after every page is written
        {  # an error after every page and export is written
            "late.py": "def on_post_build(config):\n    raise RuntimeError('late')\n",
            "mkdocs.yml": "  - late.py\n",
        },
    ],
    ids=["strict-warning", "error-after-the-exports"],
)
def test_a_build_that_fails_late_leaves_the_last_site_byte_identical(tmp_path: Path, late: dict[str, str]) -> None:
    root = _fixture_site(tmp_path, GOOD)
    first = _build(root)
    assert first.returncode == 0, first.stderr
    before = _snapshot(root / "site")
    assert "sources/a/index.html" in before and "dossier.json" in before
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    for name, content in late.items():
        path = root / name
        path.write_text(path.read_text(encoding="utf-8") + content if path.exists() else content, encoding="utf-8")
    (root / "sources/a.yml").write_text(_fixture_annotation(GOOD).replace("In Beijing.", "In Peking."), "utf-8")
    assert _fails(root)
    assert _snapshot(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".")] == []  # no folder left beside it
    for name in late:
        if name != "mkdocs.yml":
            (root / name).unlink()
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert _build(root).returncode == 0
    assert "In Peking." in (root / "site/sources/a/index.html").read_text(encoding="utf-8")


def _fails(root: Path) -> bool:
    """Whether the build of ``root`` fails: with an error it reports, or with the late hook's own error
    (which the command line ends with as a traceback)."""
    try:
        return _build(root).returncode != 0
    except RuntimeError as error:
        return str(error) == "late"


def test_dates_at_the_limits_build(tmp_path: Path) -> None:
    annotation = GOOD.replace("date: 2023-02", "date: 2999-12-31") + "    event_date: 1000-Q1\n"
    root = _fixture_site(tmp_path, annotation)
    run = _build(root)
    assert run.returncode == 0, run.stderr
    timeline = (root / "site/timeline/index.html").read_text(encoding="utf-8")
    assert "first quarter of 1000" in timeline and ">2999</text>" in timeline


def test_a_title_outside_the_basic_multilingual_plane_reaches_the_page_and_search(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path, GOOD.replace("title: A\n", "title: Xiaomi 🚗 < SU7 & co\n"))
    run = _build(root)
    assert run.returncode == 0, run.stderr
    page = (root / "site/sources/a/index.html").read_text(encoding="utf-8")
    assert "<title>Xiaomi 🚗 &lt; SU7 &amp; co - Fixture</title>" in page
    index = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))
    assert "Xiaomi 🚗 &lt; SU7 &amp; co" in [doc["title"] for doc in index["docs"]]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_serve_survives_a_fifo_and_a_link_among_the_sources(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path / "fixture", GOOD)
    log = tmp_path / "serve.log"
    fifo = (
        "sources/b.txt:1:1: Expected a regular file but found a named pipe (FIFO). Replace it with a plain text file."
    )
    link = (
        "sources/c.txt:1:1: Expected a regular file but found a symbolic link to '/etc/hostname'. "
        "Sources are published as stored: replace the link with the file itself."
    )
    with _serving(root, log) as (home, server):
        _wait(lambda: "claim-beijing" in (_get(home + "sources/a/") or ""), "the source page")
        os.mkfifo(root / "sources/b.txt")
        (root / "sources/c.txt").symlink_to("/etc/hostname")
        _wait(lambda: {fifo, link} <= set(log.read_text(encoding="utf-8").splitlines()), "the problems in the log")
        assert escape(fifo) in (_get(home) or "")
        (root / "sources/b.txt").unlink()
        (root / "sources/c.txt").unlink()
        _wait(lambda: "dx-problems" not in (_get(home) or "dx-problems"), "the fix")
        assert "claim-beijing" in (_get(home + "sources/a/") or "")
        assert server.poll() is None
        assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("options", [(), ("--dirty",)], ids=["full", "dirty"])
def test_serve_shows_a_change_that_keeps_size_and_modification_time(tmp_path: Path, options: tuple[str, ...]) -> None:
    root = _fixture_site(tmp_path / "fixture", GOOD)
    annotation = root / "sources" / "a.yml"
    annotation.write_text(_fixture_annotation(GOOD).replace("In Beijing.", "In Beijing. Claim A."), encoding="utf-8")
    with _serving(root, tmp_path / "serve.log", "mkdocs", *options) as (home, server):
        url = home + "sources/a/"
        _wait(lambda: "Claim A." in (_get(url) or ""), "the source page")
        before = annotation.stat()
        annotation.write_text(annotation.read_text(encoding="utf-8").replace("Claim A.", "Claim B."), encoding="utf-8")
        os.utime(annotation, ns=(before.st_atime_ns, before.st_mtime_ns))  # as a copy that keeps timestamps
        assert (annotation.stat().st_size, annotation.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
        (root / "docs" / "index.md").write_text("# Fixture\n\nEdited.\n", encoding="utf-8")  # another edit, too
        _wait(lambda: "Claim B." in (_get(url) or ""), "the changed claim")
        assert "Claim A." not in (_get(url) or "")
        assert server.poll() is None


def test_serve_dirty_adds_and_removes_a_source(tmp_path: Path) -> None:
    root = _fixture_site(tmp_path / "fixture", GOOD)
    log = tmp_path / "serve.log"
    with _serving(root, log, "mkdocs", "--dirty") as (home, server):
        _wait(lambda: "claim-beijing" in (_get(home + "sources/a/") or ""), "the source page")
        assert _get(home + "sources/b/") is None
        write_dossier(
            root,
            {
                "sources/b.txt": "Une deuxième usine à Wuhan.\n",
                "sources/b.yml": "title: Second B\ndate: 2023-03\nlanguage: fr\n",
            },
        )
        _wait(lambda: "Second B" in (_get(home + "sources/b/") or ""), "the new source's page")
        assert "Second B" in (_get(home + "sources/") or "")
        assert "Second B" in (_get(home + "dossier.json") or "")
        (root / "sources/b.txt").unlink()
        (root / "sources/b.yml").unlink()
        _wait(lambda: "Second B" not in (_get(home + "sources/") or "Second B"), "the source gone from the index")
        assert _get(home + "sources/b/") is None
        assert _get(home + "sources/b.txt") is None
        assert "Second B" not in (_get(home + "search/search_index.json") or "Second B")
        assert server.poll() is None
        assert "Traceback" not in log.read_text(encoding="utf-8")


def test_the_annotate_forms_lists_are_written_once_where_every_source_page_points(built_site: Path) -> None:
    dossier = load_dossier(ROOT)
    written = (built_site / LISTS_PATH).read_text(encoding="utf-8")
    assert written == annotate_lists(dossier.topics, dossier.subjects)
    for source in dossier.sources:
        page = (built_site / "sources" / source.id / "index.html").read_text(encoding="utf-8")
        assert f" data-lists='../../{LISTS_PATH}'" in page, source.id
        assert "data-topics" not in page and "data-subjects" not in page, source.id

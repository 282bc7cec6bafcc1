"""The build benchmark: the dossier against plain Material pages of the same content.

See bench/README.md. Usage::

    python bench/run.py [--quick] [--sizes 250,500,1000,2000] [--runs N] [--profile N]
    python bench/run.py --serve [--serve-extra N] [--serve-full]
    python bench/run.py --search [--sizes 1000] [--runs 3] [--query WORD]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import (
    DEFAULT_QUERY,
    chromium,
    format_runs,
    minimal_material_site,
    run_searches,
    site_prefix,
    use_material_search,
)
from synth import ROOT, make_sources, merge_topics, write_dossier_site, write_plain_site, write_sources

BUILD_ONE = Path(__file__).resolve().parent / "build_one.py"
SIZES = "250,500,1000,2000"
ENGINE_STEPS = (
    "load_dossier",
    "analyse",
    "build_pages",
    "render_page",
    "build_home_blocks",
    "write_dossier_json",
    "build_annotation_collection",
    "write_annotation_collection",
)


@dataclass
class Run:
    """One build: wall time, engine time, peak memory and output sizes."""

    wall: float
    engine: float
    rss_mb: float
    largest: int
    largest_path: str
    total: int
    pagefind: float = 0.0
    """Time spent writing the Pagefind index, in the build."""
    cpu: float = 0.0
    """CPU seconds (user and system) of the build process and its children (Pagefind)."""
    engine_cpu: float = 0.0
    """CPU seconds spent in the engine's entry points."""
    kinds: dict[str, int] | None = None
    """Output bytes by kind (:func:`output_kind`)."""


def output_kind(relative: str) -> str:
    """What a file of a built site is, for the output's breakdown."""
    if relative.startswith(("search/", "pagefind/")) or re.match(r"pagefind-\d+/", relative):
        return "search index"
    if relative in ("dossier.json", "annotations.jsonld"):
        return "exports"
    if relative.endswith(".html"):
        return "source pages" if relative.startswith("sources/") else "other pages"
    return "other files"


def measure_output(site: Path) -> tuple[int, str, int, dict[str, int]]:
    """The largest HTML page (size, path), the total size of ``site`` and its bytes by kind."""
    largest, largest_path, total = 0, "", 0
    kinds: dict[str, int] = {}
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total += size
            relative = path.relative_to(site).as_posix()
            kind = output_kind(relative)
            kinds[kind] = kinds.get(kind, 0) + size
            if path.suffix == ".html" and size > largest:
                largest, largest_path = size, relative
    return largest, largest_path, total, kinds


def build_once(config: Path, work: Path, *flags: str) -> Run:
    """Build ``config`` in a fresh process; peak memory from that process's rusage (and its children's:
    Pagefind's)."""
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    times = work / "times.json"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(BUILD_ONE), str(config), str(site), str(times), *flags],
        cwd=config.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"Build of {config} failed:\n{stderr.decode(errors='replace')[-4000:]}")
    spent = json.loads(times.read_text())
    engine = sum(spent.get(step, 0.0) for step in ENGINE_STEPS)
    engine_cpu = sum(spent.get(f"{step} cpu", 0.0) for step in ENGINE_STEPS)
    largest, largest_path, total, kinds = measure_output(site)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        wall,
        engine,
        usage.ru_maxrss / 1024,
        largest,
        largest_path,
        total,
        spent.get("index_site", 0.0),
        cpu,
        engine_cpu,
        kinds,
    )


def bench_size(n: int, runs: int, keep: Path | None) -> dict:
    """Build both forms of ``n`` sources ``runs`` times each, alternating A B A B."""
    with tempfile.TemporaryDirectory(prefix=f"dossier-bench-{n}-") as tmp:
        base = Path(tmp)
        sources = make_sources(n)
        dossier = write_dossier_site(base / "dossier", sources)
        plain = write_plain_site(base / "plain", sources)
        results: dict[str, list[Run]] = {"dossier": [], "plain": []}
        for _ in range(runs):
            results["dossier"].append(build_once(dossier, base / "dossier"))
            results["plain"].append(build_once(plain, base / "plain"))
        if keep:
            shutil.copytree(base, keep / str(n), dirs_exist_ok=True)
    return {"n": n, **results}


def _med(values: list[float]) -> float:
    return statistics.median(values)


def _span(values: list[float]) -> str:
    return f"{min(values):.1f}–{max(values):.1f}"


HEADER = (
    f"{'N':>5} | {'dossier s (min–max)':>20} | {'plain s (min–max)':>18} | {'ratio':>5} | "
    f"{'engine %':>8} | {'peak MB d/p':>11} | {'largest KB d/p':>14} | {'output MB d/p':>13}"
)


def format_row(row: dict) -> str:
    """One size's figures: medians of the runs, min–max, the first run's output sizes."""
    d, p = row["dossier"], row["plain"]
    dw, pw = [r.wall for r in d], [r.wall for r in p]
    share = 100 * _med([r.engine / r.wall for r in d])
    return (
        f"{row['n']:>5} | {_med(dw):>7.1f} ({_span(dw):>10}) | {_med(pw):>6.1f} ({_span(pw):>10}) | "
        f"{_med(dw) / _med(pw):>5.2f} | {share:>7.1f}% | "
        f"{max(r.rss_mb for r in d):>5.0f}/{max(r.rss_mb for r in p):<5.0f} | "
        f"{d[0].largest / 1024:>6.0f}/{p[0].largest / 1024:<7.0f} | "
        f"{d[0].total / 2**20:>6.1f}/{p[0].total / 2**20:<6.1f}"
    )


def print_summary(rows: list[dict]) -> None:
    """All rows again, where the largest pages are, and how time grows with N."""
    print()
    print(HEADER)
    for row in rows:
        print(format_row(row))
    for row in rows:
        d, p = row["dossier"][0], row["plain"][0]
        engine = _med([r.engine for r in row["dossier"]])
        print(
            f"N={row['n']}: largest page dossier {d.largest_path}, plain {p.largest_path}; "
            f"engine {engine:.2f} s (median)"
        )
        cpu = {form: _med([r.cpu for r in row[form]]) for form in ("dossier", "plain")}
        engine_cpu = _med([r.engine_cpu for r in row["dossier"]])
        print(
            f"N={row['n']}: CPU s (user+sys, median) dossier {cpu['dossier']:.1f}, plain {cpu['plain']:.1f}, "
            f"ratio {cpu['dossier'] / cpu['plain']:.2f}; engine {engine_cpu:.1f} s CPU"
        )
        for form in ("dossier", "plain"):
            kinds = row[form][0].kinds or {}
            parts = ", ".join(
                f"{kind} {size / 2**20:.1f}" for kind, size in sorted(kinds.items(), key=lambda kv: -kv[1])
            )
            per_source = row[form][0].total / row["n"] / 1024
            print(f"N={row['n']}: output MB {form}: {parts} ({per_source:.0f} KB per source)")
    by_n = {row["n"]: _med([r.wall for r in row["dossier"]]) for row in rows}
    for small, big in itertools.pairwise(sorted(by_n)):
        print(f"growth dossier time({big})/time({small}) = {by_n[big] / by_n[small]:.2f}")


def profile(n: int, top: int = 25) -> None:
    """Build the dossier of ``n`` sources under cProfile; print where the time goes, by package."""
    import pstats

    with tempfile.TemporaryDirectory(prefix=f"dossier-profile-{n}-") as tmp:
        base = Path(tmp)
        config = write_dossier_site(base / "dossier", make_sources(n))
        stats_path = base / "build.pstats"
        subprocess.run(
            [sys.executable, str(BUILD_ONE), str(config), str(base / "site"), "--profile", str(stats_path)],
            cwd=config.parent,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stats = pstats.Stats(str(stats_path))
        by_package: dict[str, float] = {}
        for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
            package = _package(filename)
            by_package[package] = by_package.get(package, 0.0) + tottime
        total = sum(by_package.values())
        print(f"Self time by package, dossier build of {n} sources under cProfile ({total:.1f} s):")
        for package, spent in sorted(by_package.items(), key=lambda kv: -kv[1])[:12]:
            print(f"  {package:<28} {spent:6.2f} s {100 * spent / total:5.1f} %")
        stats.sort_stats("cumulative").print_stats(top)


def _package(filename: str) -> str:
    if "/hooks/dossier/" in filename:
        return "dossier (engine)"
    if filename.endswith("dossier_hooks.py"):
        return "dossier_hooks"
    if "site-packages/" in filename:
        part = filename.split("site-packages/")[1].split("/")[0]
        if part == "mkdocs" and "/contrib/search/" in filename:
            return "mkdocs search plugin"
        return part
    if filename.startswith("<") or filename == "~":
        return "builtins"
    return "python stdlib"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Talks to the local server directly, whatever proxy the environment sets."""


def _fetch(url: str) -> str | None:
    try:
        with _LOCAL.open(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _site_url(config: Path) -> str:
    """``site_url`` of a config: ``mkdocs serve`` mounts the site at its path."""
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    return "/"


def _cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user and system) the process ``pid`` has used so far, its children not counted
    (Linux's ``/proc``; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _time_edits(
    url: str, path: Path, edit: Callable[[str, str], str], edits: int, timeout: float, pid: int
) -> tuple[list[float], list[float]]:
    """Save ``edits`` edits of ``path`` (``edit(original, token)``), one at a time; the delay from each
    save to ``url`` serving the token, and the CPU seconds the server process (``pid``) used meanwhile."""
    original = path.read_text(encoding="utf-8")
    delays: list[float] = []
    spent: list[float] = []
    try:
        for i in range(edits):
            token = f"Benchmarkedit{i}x{int(time.time())}"
            time.sleep(1.0)  # let the previous rebuild settle
            saved, cpu = time.perf_counter(), _cpu_seconds(pid)
            path.write_text(edit(original, token), encoding="utf-8")
            while True:
                body = _fetch(url)
                if body and token in body:
                    delays.append(time.perf_counter() - saved)
                    after = _cpu_seconds(pid)
                    if cpu is not None and after is not None:
                        spent.append(after - cpu)
                    break
                if time.perf_counter() - saved > timeout:
                    sys.exit(f"edit {i} of {path.name} did not show within {timeout} s")
                time.sleep(0.05)
    finally:
        path.write_text(original, encoding="utf-8")
    return delays, spent


def _report(what: str, timed: tuple[list[float], list[float]]) -> None:
    delays, spent = timed
    cpu = f"; server CPU median {_med(spent):.2f} s (min–max {min(spent):.2f}–{max(spent):.2f} s)" if spent else ""
    print(
        f"  {what}: shown after median {_med(delays):.2f} s "
        f"(min–max {min(delays):.2f}–{max(delays):.2f} s, {len(delays)} edits){cpu}",
        flush=True,
    )


def _serve_copy(tmp: Path, extra_sources: int) -> tuple[Path, Path, Path]:
    """A copy of the real repository in ``tmp`` (plus ``extra_sources`` synthetic sources): its folder,
    and the annotation file and text of its first real source, which the edits change."""
    copy = tmp / "repo"
    for name in ("sources", "docs", "hooks", "schema", "overrides"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    if extra_sources:
        write_sources(copy / "sources", make_sources(extra_sources))
        merge_topics(copy / "sources" / "topics.yml")
    real = next(p for p in sorted((ROOT / "sources").glob("*.yml")) if p.stem not in ("topics", "subjects"))
    annotation = copy / "sources" / real.name  # the first real source, not a synthetic one
    return copy, annotation, annotation.with_suffix(".txt")


def serve_cpu(extra_sources: int = 0, edits: int = 3) -> None:
    """The CPU seconds of each ``serve --dirty`` rebuild after the edits of :func:`serve`, and of each
    MkDocs event in it: MkDocs' build run in this process as ``mkdocs serve --dirty`` runs it (the
    configuration loaded again, the same hooks), timed with the build thread's CPU clock, so neither
    the file watcher, Pagefind in the background nor the garbage collection once quiet is counted."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    spent: dict[str, float] = {}
    run_event = PluginCollection.run_event

    def timed_event(self, name: str, *args, **kwargs):
        start = time.thread_time()
        try:
            return run_event(self, name, *args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.thread_time() - start

    PluginCollection.run_event = timed_event  # type: ignore[method-assign]
    url = "http://127.0.0.1:8000/xiaomi-ev-dossier/"
    with tempfile.TemporaryDirectory(prefix="dossier-serve-cpu-") as tmp:
        copy, annotation, text = _serve_copy(Path(tmp), extra_sources)
        site = Path(tmp) / "site"

        def rebuild() -> float:
            config = load_config(str(copy / "mkdocs.yml"), site_dir=str(site))
            start = time.thread_time()
            build(config, serve_url=url, dirty=True)
            return time.thread_time() - start

        config = load_config(str(copy / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=True)
        first = time.thread_time()
        build(config, serve_url=url, dirty=True)
        first = time.thread_time() - first
        print(f"serve --dirty in-process, {extra_sources} extra sources: first build {first:.1f} s CPU", flush=True)
        kinds: list[tuple[str, Path, Callable[[str, str], str]]] = [
            (
                f"claim edited in {annotation.name}",
                annotation,
                lambda old, t: old.replace("claim: ", f"claim: {t} ", 1),
            ),
            (f"text edited in {text.name}", text, lambda old, t: f"{old.rstrip()} {t}.\n"),
        ]
        for what, path, edit in kinds:
            original = path.read_text(encoding="utf-8")
            builds: list[float] = []
            events: dict[str, list[float]] = {}
            for i in range(edits):
                path.write_text(edit(original, f"Benchmarkedit{i}"), encoding="utf-8")
                spent.clear()
                builds.append(rebuild())
                for name, seconds in spent.items():
                    events.setdefault(name, []).append(seconds)
            path.write_text(original, encoding="utf-8")
            rebuild()
            by_event = ", ".join(
                f"{name} {_med(values):.2f}"
                for name, values in sorted(events.items(), key=lambda kv: -_med(kv[1]))
                if _med(values) >= 0.01
            )
            spread = f"{min(builds):.2f}–{max(builds):.2f} s, {edits} edits"
            print(f"  {what}: rebuild CPU median {_med(builds):.2f} s ({spread}); by event: {by_event}", flush=True)
        config.plugins.on_shutdown()  # stops Pagefind, if it is still indexing
    PluginCollection.run_event = run_event  # type: ignore[method-assign]


def serve(extra_sources: int = 0, edits: int = 5, timeout: float = 120.0, full: bool = False) -> None:
    """Time from saving an edit to the changed page being served by ``mkdocs serve --dirty`` (as
    ``./dev serve`` runs it; ``full``: without ``--dirty``, every rebuild complete): an edit of a
    claim in the first annotation file, then an edit of the first source's text.

    Runs on a copy of the real repository, plus ``extra_sources`` synthetic sources if asked.
    """
    with tempfile.TemporaryDirectory(prefix="dossier-serve-") as tmp:
        copy, annotation, text = _serve_copy(Path(tmp), extra_sources)
        port = _free_port()
        mkdocs = Path(sys.executable).parent / "mkdocs"
        options = [] if full else ["--dirty"]
        proc = subprocess.Popen(
            [str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}", *options],
            cwd=copy,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            mount = urllib.parse.urlsplit(_site_url(copy / "mkdocs.yml")).path.rstrip("/")
            url = f"http://127.0.0.1:{port}{mount}/sources/{annotation.stem}/"
            started = time.perf_counter()
            deadline = time.monotonic() + 1200
            while _fetch(url) is None:
                if time.monotonic() > deadline:
                    sys.exit("mkdocs serve did not start")
                time.sleep(0.2)
            mode = "mkdocs serve" if full else "mkdocs serve --dirty"
            print(
                f"{mode}, {extra_sources} extra sources: first build {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            claim = _time_edits(
                url,
                annotation,
                lambda old, token: old.replace("claim: ", f"claim: {token} ", 1),
                edits,
                timeout,
                proc.pid,
            )
            _report(f"claim edited in {annotation.name}", claim)
            # Appended at the end, the text keeps every quote where it was.
            words = _time_edits(url, text, lambda old, token: f"{old.rstrip()} {token}.\n", edits, timeout, proc.pid)
            _report(f"text edited in {text.name}", words)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def search_form(
    browser: object, label: str, config: Path, index: str, prefix: str, query: str, runs: int, *flags: str
) -> None:
    """Build one form of the search benchmark's site (``config``, with ``flags``), print its build figures
    and the size of its search index (the folder ``index`` of the site), then its first searches."""
    work = config.parent
    built = build_once(config, work, *flags)
    size, files = _folder_size(work / "site" / index)
    pagefind = f", of which Pagefind {built.pagefind:.1f} s" if label == "pagefind" else ""
    print(
        f"build {label}: {built.wall:.1f} s{pagefind}; CPU {built.cpu:.1f} s; peak {built.rss_mb:.0f} MB; "
        f"index {size / 2**20:.1f} MB in {files} files",
        flush=True,
    )
    print(format_runs(label, query, run_searches(browser, work / "site", prefix, query, runs)), flush=True)


def bench_search(n: int, runs: int, query: str, keep: Path | None) -> None:
    """A reader's first search at ``n`` sources, with Pagefind (the site as it is) and with Material's
    search plugin (the same dossier with Material's search box and index), and Material's index cut down
    to the words of the annotations alone (the least a lean Material index could hold)."""
    with tempfile.TemporaryDirectory(prefix=f"dossier-search-{n}-") as tmp:
        base = Path(tmp)
        sources = make_sources(n)
        pagefind = write_dossier_site(base / "pagefind", sources)
        material = write_dossier_site(base / "material", sources)
        use_material_search(material.parent)
        prefix = site_prefix(pagefind)
        print(f"Search benchmark: {n} sources, query '{query}', {runs} first searches each in Chromium", flush=True)
        with chromium() as browser:
            search_form(browser, "pagefind", pagefind, "pagefind", prefix, query, runs)
            search_form(browser, "material", material, "search", prefix, query, runs, "--no-pagefind")
            minimal = minimal_material_site(base / "material" / "site", base / "minimal")
            size = (minimal / "search" / "search_index.json").stat().st_size
            print(f"material-minimal: the index cut to the annotations' words, {size / 2**20:.1f} MB", flush=True)
            print(
                format_runs("material-minimal", query, run_searches(browser, minimal, prefix, query, runs)), flush=True
            )
        if keep:
            shutil.copytree(base, keep / f"search-{n}", dirs_exist_ok=True, symlinks=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one small size, one run (for the tests)")
    parser.add_argument(
        "--sizes", default=SIZES, help="numbers of sources, comma-separated (5000 works too; --search: 1000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds of each form per size")
    parser.add_argument("--profile", type=int, metavar="N", help="profile the dossier build of N sources")
    parser.add_argument(
        "--serve", action="store_true", help="time mkdocs serve --dirty showing an annotation and a text edit"
    )
    parser.add_argument("--serve-extra", type=int, default=0, metavar="N", help="with --serve: add N synthetic sources")
    parser.add_argument("--search", action="store_true", help="time a reader's first search in Chromium")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="with --search: the word typed")
    parser.add_argument("--serve-full", action="store_true", help="with --serve: without --dirty (full rebuilds)")
    parser.add_argument(
        "--serve-cpu", action="store_true", help="with --serve: each rebuild's CPU seconds by event, in this process"
    )
    parser.add_argument("--keep", type=Path, help="copy the generated projects and sites here")
    args = parser.parse_args(argv)
    if args.search:
        for n in [20] if args.quick else [int(s) for s in (args.sizes if args.sizes != SIZES else "1000").split(",")]:
            bench_search(n, 1 if args.quick else args.runs, args.query, args.keep)
        return 0
    if args.profile:
        profile(args.profile)
        return 0
    if args.serve and args.serve_cpu:
        serve_cpu(args.serve_extra)
        return 0
    if args.serve:
        serve(args.serve_extra, full=args.serve_full)
        return 0
    sizes = [20] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = 1 if args.quick else args.runs
    print(f"Build benchmark: {runs} run(s) of each form per size, on {os.cpu_count()} CPU(s)", flush=True)
    print(HEADER, flush=True)
    rows = []
    for n in sizes:
        rows.append(bench_size(n, runs, args.keep))
        print(format_row(rows[-1]), flush=True)
    print_summary(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run one ``mkdocs build`` in this process, timing the dossier engine's calls.

Usage: ``python bench/build_one.py CONFIG SITE_DIR [TIMES_JSON] [--profile PSTATS] [--no-pagefind]``.

The engine's entry points (load, page building, export) are wrapped with
``time.perf_counter`` (wall) and ``time.process_time`` (CPU, keys ending in
`` cpu``) before MkDocs loads the hooks file, so the hooks and the normal build
path stay untouched. The totals are written to ``TIMES_JSON``; CPU seconds
hold better than wall seconds on a machine other work shares.
With ``--profile``, the whole build runs under cProfile and the statistics are
written to ``PSTATS``. With ``--no-pagefind`` the build writes no Pagefind index
(for the benchmark's form of the site that uses Material's search plugin instead).
The build's CPU seconds include its child processes' (Pagefind's).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TIMED = {
    "dossier.load": ["load_dossier"],
    "dossier.analysis": ["analyse"],
    "dossier.site": ["build_pages"],
    "dossier.generated": ["render_page"],
    "dossier.pages": ["build_home_blocks"],
    "dossier.export": ["write_dossier_json"],
    "dossier.w3c": ["build_annotation_collection", "write_annotation_collection"],
    "dossier.search": ["index_site"],
}
totals: dict[str, float] = {}


def _timed(name: str, func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start
            totals[f"{name} cpu"] = totals.get(f"{name} cpu", 0.0) + time.process_time() - cpu

    return wrapper


def wrap_engine(pagefind: bool = True) -> None:
    """Replace the engine's entry points by timed versions (before the hooks import them)."""
    import importlib

    sys.path.insert(0, str(ROOT / "hooks"))
    for module_name, names in _TIMED.items():
        module = importlib.import_module(module_name)
        for name in names:
            setattr(module, name, _timed(name, getattr(module, name)))
    search = importlib.import_module("dossier.search")
    search.StreamingIndexer.finish = _timed("index_site", search.StreamingIndexer.finish)
    if not pagefind:
        search.index_site = lambda site: None
        search.StreamingIndexer = _NoIndex


class _NoIndex:
    """In place of the build's Pagefind indexer, for ``--no-pagefind``."""

    pages = 0

    def add(self, path: str, html: str) -> None:
        pass

    def __init__(self, site: Path) -> None:
        pass

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (Pagefind's indexer)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def build(config: str, site_dir: str) -> None:
    """``mkdocs build`` of ``config`` into ``site_dir``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    cfg = load_config(config_file=config, site_dir=site_dir)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(cfg)
    finally:
        cfg.plugins.on_shutdown()


def main(argv: list[str]) -> int:
    profile = None
    if "--profile" in argv:
        at = argv.index("--profile")
        profile = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    pagefind = "--no-pagefind" not in argv
    argv = [arg for arg in argv if arg != "--no-pagefind"]
    config, site_dir = argv[0], argv[1]
    times_path = argv[2] if len(argv) > 2 else None
    wrap_engine(pagefind)
    start, cpu = time.perf_counter(), _cpu()
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.runcall(build, config, site_dir)
        profiler.dump_stats(profile)
    else:
        build(config, site_dir)
    totals["build"] = time.perf_counter() - start
    totals["build cpu"] = _cpu() - cpu
    if times_path:
        Path(times_path).write_text(json.dumps(totals), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

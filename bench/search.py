"""The search benchmark: a reader's first search on a built site, in Chromium.

Serves a built site over HTTP on 127.0.0.1 under the path of its ``site_url`` (as
it is published), opens its home page in Debian's chromium (driven by Playwright,
offline: every request but the local server's fails), types a query into the
search box as soon as the page has loaded, and waits for the first result. Each
run uses a fresh browser context, so nothing is cached. It records:

- **delay**: from the last key typed to the first result shown;
- **search bytes**: the bodies of every response of the search machinery
  (Pagefind's bundle and index under ``pagefind/``, or Material's index under
  ``search/`` and its worker and stemmers under ``assets/javascripts/``), from
  the page's opening to the first result, as the server sent them (uncompressed);
- **gzip bytes**: the same files compressed with gzip (level 6), what a server that
  compresses (GitHub Pages does) would send;
- **all bytes**: every response of the page from its opening to the first result.

Usage: ``python bench/search.py SITE_DIR [--query WORD] [--runs 3]``; ``./dev bench
--search`` builds a synthetic dossier first and runs this on it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
NOWHERE = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}
"""Every request but the local server's goes to a proxy that is not there and fails: offline."""
SEARCH_PATHS = ("pagefind/", "search/", "assets/javascripts/workers/", "assets/javascripts/lunr/")
"""Where the files of a search live, relative to the site root: Pagefind's, or Material's."""
RESULT = ".md-search-result__item"
DEFAULT_QUERY = "usine"
"""A French word of many quotes ("factory"), in the real articles and so in the synthetic ones."""


@dataclass(frozen=True)
class SearchRun:
    """One first search: its delay, and the bytes it downloaded."""

    delay: float
    search_bytes: int
    gzip_bytes: int
    all_bytes: int
    files: int


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a connection early is not a failure of the site."""


def serve_under(site: Path, prefix: str, top: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` at ``/prefix/`` of a free port of 127.0.0.1 (through a link in ``top``)."""
    root = top
    if prefix:
        (top / prefix).parent.mkdir(parents=True, exist_ok=True)
        (top / prefix).symlink_to(site.resolve(), target_is_directory=True)
    else:
        root = site
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    return server, base + (f"{prefix}/" if prefix else "")


def site_prefix(config: Path | None) -> str:
    """The path of ``site_url`` in a ``mkdocs.yml``, without slashes at its ends ('' if none)."""
    if config is None or not config.exists():
        return ""
    for line in config.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return urlsplit(line.split(":", 1)[1].strip()).path.strip("/")
    return ""


def _replace(text: str, old: str, new: str, where: Path) -> str:
    if old not in text:
        sys.exit(f"{where}: expected {old!r}, which the search benchmark replaces; update bench/search.py")
    return text.replace(old, new)


def use_material_search(project: Path) -> None:
    """Turn a dossier project written by ``synth.py`` back to Material's search: its plugin, box and
    script, as the site had them before Pagefind (build it with ``build_one.py --no-pagefind``)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = _replace(text, "\nplugins: []\n", "\nplugins:\n  - search:\n      lang: [en, fr]\n", config)
    text = _replace(text, "  - assets/search.js\n", "", config)
    text = _replace(text, "    - content.action.edit\n", "    - content.action.edit\n    - search.highlight\n", config)
    config.write_text(text, encoding="utf-8")
    for override in ("partials/header.html", "partials/search.html", "main.html"):
        (project / "overrides" / override).unlink()


def minimal_material_site(site: Path, out: Path) -> Path:
    """``site`` (built with Material's search) with its index cut to the words search must find: per
    source page, its title and its annotations' quotes, claims, explanations and English renderings
    (from ``dossier.json``). The least any lean Material index could hold; the other files are links."""
    out.mkdir(parents=True)
    for entry in site.iterdir():
        if entry.name != "search":
            (out / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    dossier = json.loads((site / "dossier.json").read_text(encoding="utf-8"))
    docs = []
    for source in dossier["sources"]:
        words = [f"{n['quote']} {n.get('english') or ''} {n.get('explanation') or ''}" for n in source["notes"]]
        words += [f"{c['quote']} {c['claim']}" for c in source["claims"]]
        docs.append({"location": source["url"], "title": source["title"], "text": " ".join(words)})
    (out / "search").mkdir()
    minimal = json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    (out / "search" / "search_index.json").write_text(minimal, encoding="utf-8")
    return out


def _gzip_size(site: Path, relative: str) -> int:
    path = site / relative
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) if path.is_file() else 0


def first_search(browser, site: Path, url: str, query: str, timeout: float) -> SearchRun:
    """Open ``url`` in a fresh context, type ``query`` in the search box, wait for the first result."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, proxy=NOWHERE)
    page = context.new_page()
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page.goto(url, wait_until="load")
        page.click(".md-search__input")
        # Pagefind's box (search.js) says which query its results answer: wait for the query typed, not a
        # shorter one answered while typing. Material's results are taken as they first come.
        pagefind = page.locator("form[data-dossier-search]").count() > 0
        result = f'.md-search-result__list[data-query="{query}"] {RESULT}' if pagefind else RESULT
        page.keyboard.type(query, delay=40)
        typed = time.perf_counter()
        page.locator(result).first.wait_for(state="visible", timeout=timeout * 1000)
        delay = time.perf_counter() - typed
        requests = list(finished)
        search_bytes = gzip_bytes = all_bytes = files = 0
        for request in requests:
            size = request.sizes()["responseBodySize"]
            all_bytes += size
            relative = request.url.removeprefix(url).split("?")[0].split("#")[0]
            if request.url.startswith(url) and relative.startswith(SEARCH_PATHS):
                search_bytes += size
                gzip_bytes += _gzip_size(site, relative)
                files += 1
        return SearchRun(delay, search_bytes, gzip_bytes, all_bytes, files)
    finally:
        context.close()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium, headless, driven by Playwright: one browser for every search of a run (each
    search opens a fresh context of its own, so nothing is cached from one to the next)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium package (the tests use it too)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def run_searches(
    browser: Any, site: Path, prefix: str, query: str = DEFAULT_QUERY, runs: int = 3, timeout: float = 180.0
) -> list[SearchRun]:
    """``runs`` first searches of ``query`` on the built ``site``, each in a fresh browser context."""
    with tempfile.TemporaryDirectory(prefix="dossier-search-") as top:
        server, url = serve_under(site, prefix, Path(top))
        try:
            return [first_search(browser, site, url, query, timeout) for _ in range(runs)]
        finally:
            server.shutdown()


def _mb(size: float) -> str:
    return f"{size / 2**20:.2f} MB"


def format_runs(label: str, query: str, runs: list[SearchRun]) -> str:
    """One line: the median delay (min–max), the bytes of the first run (they do not vary)."""
    delays = [r.delay for r in runs]
    first = runs[0]
    return (
        f"search {label}: '{query}' first result after median {statistics.median(delays):.2f} s "
        f"(min–max {min(delays):.2f}–{max(delays):.2f} s, {len(runs)} runs); "
        f"search downloads {_mb(first.search_bytes)} in {first.files} files "
        f"({_mb(first.gzip_bytes)} gzipped), page and search {_mb(first.all_bytes)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--config", type=Path, help="its mkdocs.yml, for the path of site_url")
    parser.add_argument("--query", default=DEFAULT_QUERY)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with chromium() as browser:
        runs = run_searches(browser, args.site, site_prefix(args.config), args.query, args.runs)
    print(format_runs(str(args.site), args.query, runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

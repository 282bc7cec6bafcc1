"""The site's search index: Pagefind run over a built site folder.

Pagefind (the ``pagefind[bin]`` package: one binary, no network) reads the pages'
HTML and writes into ``pagefind/`` of the site a chunked index, the fragments its
results show and the script that searches them: a reader's browser downloads the
script, a small table of the chunks, and then only the chunks and fragments its
query needs, instead of the whole site's text. Only what the pages mark with
``data-pagefind-body`` is indexed (the theme's ``main.html`` marks the article of
each page that search does not exclude); with no page marked, Pagefind indexes
every page's body. The pages' language (``<html lang>``) chooses the stemmer.

A build indexes once its pages are written (:func:`index_site`). ``mkdocs serve``
indexes in the background after each rebuild (:class:`BackgroundIndexer`), so a
rebuild is not held up: Pagefind writes a fresh index beside the bundle, which
takes the bundle's place once complete (stale chunks do not pile up); until then
search answers from the previous index, or from none just after the first build.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from pathlib import Path

from .folders import replace_folder

BUNDLE = "pagefind"
"""The folder of the site that holds the index and its script."""

LEFT_OUT = (".dx-related", ".dx-compare", ".dx-facts")
"""What a page repeats from elsewhere, left out of the index: a source page's related sources (other
sources' titles), each claim's comparison with other claims (their values and sources) and its facts
(subject, value, date, topics). Indexed, they would make a word of one source's title or a topic's
name find every page that lists it, and cost Pagefind half again its memory and CPU time (1121 MB
and 20 s against 736 MB and 14 s over the benchmark's 1000 sources). The quotes, claims, comments,
notes and texts stay."""


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why and what to do."""


def index_command(site: Path, output: Path | None = None) -> list[str]:
    """Pagefind's command line for ``site``, writing into ``site/pagefind/`` or ``output``; every
    option given, so no ``pagefind.yml`` is read."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise SearchIndexError(
            "Pagefind, which writes the search index, is not installed: "
            "pip install -r requirements.txt (it pins pagefind[bin])."
        ) from error
    left_out = [option for selector in LEFT_OUT for option in ("--exclude-selectors", selector)]
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE]
    return [str(get_executable()), "--site", str(site), *where, *left_out, "--silent"]


def index_site(site: Path) -> None:
    """Write the search index of the built ``site`` into ``site/pagefind/``."""
    command = index_command(site)
    try:
        run = subprocess.run(command, capture_output=True, text=True, check=False, cwd=site)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not start ({error}): reinstall it with pip.") from error
    if run.returncode != 0:
        output = (run.stderr or run.stdout).strip()
        raise SearchIndexError(f"Pagefind could not index {site} (exit status {run.returncode}):\n{output}")


class BackgroundIndexer:
    """Pagefind run as a process of its own, not waited for, into ``.pagefind.building`` of the site;
    a thread puts that folder in the bundle's place when the run succeeds. The next run or
    :meth:`stop` ends it (and drops its folder)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None

    def start(self, site: Path) -> None:
        """Index ``site`` in the background, stopping any run still going."""
        self.stop()
        fresh = site / f".{BUNDLE}.building"
        shutil.rmtree(fresh, ignore_errors=True)
        command = index_command(site, fresh)
        try:
            process = subprocess.Popen(command, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not start ({error}): reinstall it with pip.") from error
        self._process = process
        self._thread = threading.Thread(target=_put_in_place, args=(process, site / BUNDLE, fresh), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the run going on, if any (a rebuild is about to replace the pages it reads)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        self.wait()
        self._process = self._thread = None

    def wait(self) -> int | None:
        """Wait for the run going on, if any, and for its index to be in place; its exit status."""
        if self._process is None:
            return None
        status = self._process.wait()
        if self._thread is not None:
            self._thread.join()
        return status


def _put_in_place(process: subprocess.Popen[bytes], bundle: Path, fresh: Path) -> None:
    """Once ``process`` ends: its index ``fresh`` replaces ``bundle`` if it succeeded, else is dropped."""
    if process.wait() == 0 and fresh.is_dir():
        replace_folder(bundle, fresh)
    else:
        shutil.rmtree(fresh, ignore_errors=True)

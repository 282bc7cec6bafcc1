"""The site's search index: Pagefind run over a built site folder.

Pagefind (the ``pagefind[bin]`` package: one binary, no network) reads the pages'
HTML and writes into ``pagefind/`` of the site a chunked index, the fragments its
results show and the script that searches them: a reader's browser downloads the
script, a small table of the chunks, and then only the chunks and fragments its
query needs, instead of the whole site's text. Only what the pages mark with
``data-pagefind-body`` is indexed (the theme's ``main.html`` marks the article of
each page that search does not exclude); with no page marked, Pagefind indexes
every page's body. The pages' language (``<html lang>``) chooses the stemmer.

A build feeds each page to Pagefind's service as MkDocs writes it
(:class:`StreamingIndexer`), so Pagefind indexes on the second core while the
build goes on, and writes each part of the index once its pages are given, the
last once the pages are written; a site whose
pages carry no ``data-pagefind-body`` is indexed whole afterwards (:func:`index_site`). ``mkdocs serve``
indexes in the background after each rebuild (:class:`BackgroundIndexer`), so a
rebuild is not held up: Pagefind writes a fresh index beside the bundle, which
takes the bundle's place once complete (stale chunks do not pile up); until then
search answers from the previous index, or from none just after the first build.
Pagefind's own search interfaces, which the site does not load, are not kept (:data:`UNUSED_FILES`).
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

from .folders import replace_folder

BUNDLE = "pagefind"
"""The folder of the site that holds the index and its script."""

LEFT_OUT = (".dx-related", ".dx-compare", ".dx-facts", ".dx-legend", ".dx-quote", ".dx-back")
"""What a page repeats from elsewhere, left out of the index: a source page's related sources (other
sources' titles), each claim's comparison with other claims (their values and sources) and its facts
(subject, value, date, topics). Indexed, they would make a word of one source's title or a topic's
name find every page that lists it, and cost Pagefind half again its memory and CPU time (1121 MB
and 20 s against 736 MB and 14 s over the benchmark's 1000 sources). Also left out: what a source
page repeats of itself or of every other source page, the reading guide, the quote of each note and
claim in the lists under the text (its words are indexed where the text holds them) and the numbers
that link back to the text: 0.7 MB of the index at 1000 sources. The claims, comments, notes and
texts stay."""


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why and what to do."""


def pagefind_executable() -> str:
    """The Pagefind binary that ``pagefind[bin]`` installs."""
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise SearchIndexError(
            "Pagefind, which writes the search index, is not installed: "
            "pip install -r requirements.txt (it pins pagefind[bin])."
        ) from error
    return str(get_executable())


def index_command(site: Path, output: Path | None = None) -> list[str]:
    """Pagefind's command line for ``site``, writing into ``site/pagefind/`` or ``output``; every
    option given, so no ``pagefind.yml`` is read."""
    left_out = [option for selector in LEFT_OUT for option in ("--exclude-selectors", selector)]
    where = ["--output-path", str(output)] if output is not None else ["--output-subdir", BUNDLE]
    return [pagefind_executable(), "--site", str(site), *where, *left_out, "--silent"]


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
    drop_unused_files(site / BUNDLE)
    write_parts(site / BUNDLE, [])


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
        command = _low_priority(index_command(site, fresh))
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


def _low_priority(command: list[str]) -> list[str]:
    """``command`` run by ``nice`` where there is one: indexing in the background must not slow the
    next rebuild, which the reader waits for."""
    nice = shutil.which("nice")
    return [nice, "-n", "10", *command] if nice else command


def _put_in_place(process: subprocess.Popen[bytes], bundle: Path, fresh: Path) -> None:
    """Once ``process`` ends: its index ``fresh`` replaces ``bundle`` if it succeeded, else is dropped."""
    if process.wait() == 0 and fresh.is_dir():
        drop_unused_files(fresh)
        write_parts(fresh, [])
        replace_folder(bundle, fresh)
    else:
        shutil.rmtree(fresh, ignore_errors=True)


MARK = "data-pagefind-body"
"""The attribute on what a page gives the index (see ``overrides/main.html``)."""

PART_PAGES = 1000
"""Pages in each part of the build's index. Pagefind holds a part in memory until it is written
(about 0.6 MB a page); a dossier of thousands of pages is indexed in parts that the search box
merges (``pagefind/parts.json`` lists all but the first), so the build's memory does not grow
with the number of sources."""

PARTS_FILE = "parts.json"
"""In the first part's folder: the addresses of the other parts, relative to it (an empty list for
an index in one part)."""


UNUSED_FILES = frozenset(
    f"pagefind-{name}"
    for name in (
        "ui.js",
        "ui.css",
        "modular-ui.js",
        "modular-ui.css",
        "component-ui.js",
        "component-ui.css",
        "highlight.js",
    )
)
"""Files Pagefind writes beside its index that the site never loads: its own search interfaces and its
highlighter (the search box, ``docs/assets/search.js``, loads ``pagefind.js``, which loads its worker
and index files), about 0.4 MB in each part of the index."""


def drop_unused_files(bundle: Path) -> None:
    """Remove :data:`UNUSED_FILES` from ``bundle`` (an index Pagefind's command line wrote)."""
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)


def write_bundle(bundle: Path, files: list[dict]) -> None:
    """Write the files Pagefind's service gives (``path`` inside the bundle, base64 ``content``), but
    :data:`UNUSED_FILES`."""
    for file in files:
        if file["path"] in UNUSED_FILES:
            continue
        path = bundle / file["path"]
        if not path.resolve().is_relative_to(bundle.resolve()):
            raise ValueError(f"a file outside the index's folder: {file['path']!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(file["content"]))


def write_parts(bundle: Path, others: list[str]) -> None:
    """Write :data:`PARTS_FILE` into ``bundle``."""
    (bundle / PARTS_FILE).write_text(json.dumps(others), encoding="utf-8")


_BODY = f"<div {MARK}>"
"""Where what a page gives the index starts (``overrides/main.html``)."""
_READ_ANYWHERE = ("data-pagefind", "<h1", "<img")
"""What Pagefind may read from a page outside what it indexes: its attributes, the heading and image
of a result."""


_ANCHOR_ID = re.compile(r'(<(?!h[1-6][\s>])[a-z][a-z0-9]*\b[^>]*?) id="[^"]*"')
"""The ``id`` of an element other than a heading. Pagefind keeps each element with an id as an anchor
of its page, with its text, in the page's fragment; a result's sections (``sub_results``, which the
search box shows) come from the headings' alone. A source page's passages, entries and verdicts
(some 60 ids) made up two fifths of its fragment."""


def drop_anchor_ids(html: str) -> str:
    """``html`` without the ids of its elements other than headings (:data:`_ANCHOR_ID`)."""
    return _ANCHOR_ID.sub(r"\1", html)


def indexed_part(html: str) -> str:
    """What Pagefind reads of a written page: its head, the ``<body>`` tag and the element marked with
    :data:`MARK`, without the header, navigation and footer around it (a fifth of a source page, which
    Pagefind would parse only to leave out; the index it writes is the same), and without the ids that
    only name anchors no result shows (:func:`drop_anchor_ids`). The whole page when that element is
    not the last thing in the page's article, or when what is left out holds anything Pagefind reads
    outside the element (:data:`_READ_ANYWHERE`)."""
    start, end = html.find(_BODY), html.rfind("</article>")
    body = html.find("<body")
    body_end = html.find(">", body) + 1 if body >= 0 else 0
    if not 0 < body_end <= start < end:
        return html
    kept = html[start:end]
    if kept.count("<div") != kept.count("</div>"):  # the marked element does not end in the article
        return html
    if any(marker in html[body_end:start] or marker in html[end:] for marker in _READ_ANYWHERE):
        return html
    return f"{html[:body_end]}{drop_anchor_ids(kept)}</body></html>"


class StreamingIndexer:
    """Pagefind's service (``pagefind --service``), fed each page's HTML as it is written, writing
    the index into ``site``.

    The service is a process of its own that parses what it is sent while the build goes on, on the
    other core. Requests go down its standard input as they come (a full pipe makes the build wait:
    pages are not piled up in memory when Pagefind falls behind); a thread reads its answers, so its
    output never fills. Every ``part_pages`` pages the part is written (``pagefind/``, then
    ``pagefind-2/``…) and its service stopped, which gives its memory back: by a thread, while the
    build goes on feeding the next part to a new service (Pagefind takes seconds to catch up with the
    pages sent and write a part of a thousand pages; the build waited for it before); at most one part
    is written behind the build at a time. Only pages carrying :data:`MARK` are sent, as Pagefind
    itself would only index those when any page carries it, and only what Pagefind reads of them
    (:func:`indexed_part`); :attr:`pages` counts them.
    """

    def __init__(self, site: Path, part_pages: int | None = None) -> None:
        self.site = site
        self.pages = 0
        self.parts: list[str] = []
        """The folders written or being written so far, relative to ``site``."""
        self._part_pages = part_pages or PART_PAGES
        self._service: _Service | None = _Service.start()
        self._writer: threading.Thread | None = None
        """The thread writing the last full part, if any."""
        self._writing: _Service | None = None
        """The service of the part that thread writes."""
        self._failure: SearchIndexError | None = None
        """Why that thread could not write its part."""

    def add(self, path: str, html: str) -> None:
        """Give Pagefind the page written at ``path`` (relative to the site, ``sources/x/index.html``)."""
        if MARK not in html:
            return
        if self.pages and self.pages % self._part_pages == 0:
            self._write_behind()
            self._service = _Service.start()
        self.pages += 1
        assert self._service is not None
        index = self._service.index_id
        try:
            self._service.send(
                {
                    "type": "AddFile",
                    "index_id": index,
                    "file_path": path,
                    "url": None,
                    "file_contents": indexed_part(html),
                }
            )
        except _ServiceError as error:
            raise SearchIndexError(f"Pagefind could not index {path}: {error}") from error

    def finish(self) -> None:
        """Write the last part (and the list of parts) once Pagefind has every page; stop the service."""
        try:
            self._wait_behind()
            if self.pages:
                service, self._service = self._service, None
                assert service is not None
                _write_part(service, self.site, self._next_part())
            if self.parts:
                write_parts(self.site / self.parts[0], [f"../{part}/" for part in self.parts[1:]])
        finally:
            self.close()

    def close(self) -> None:
        """Stop the service (and the part being written behind the build), writing nothing more."""
        if self._service is not None:
            service, self._service = self._service, None
            service.stop()
        if self._writing is not None:
            self._writing.stop()
        if self._writer is not None:
            self._writer.join()
            self._writer = self._writing = None

    def _next_part(self) -> str:
        """The folder of the next part, now counted in :attr:`parts`."""
        folder = BUNDLE if not self.parts else f"{BUNDLE}-{len(self.parts) + 1}"
        self.parts.append(folder)
        return folder

    def _write_behind(self) -> None:
        """Write the full part by a thread, once the part written before it, if any, is complete."""
        self._wait_behind()
        service, self._service = self._service, None
        assert service is not None
        self._writing = service
        self._writer = threading.Thread(
            target=self._write_part_behind, args=(service, self._next_part()), name="pagefind-part", daemon=True
        )
        self._writer.start()

    def _write_part_behind(self, service: _Service, folder: str) -> None:
        try:
            _write_part(service, self.site, folder)
        except SearchIndexError as error:
            self._failure = error

    def _wait_behind(self) -> None:
        """Wait for the part being written behind the build; raise what stopped it."""
        if self._writer is not None:
            self._writer.join()
            self._writer = self._writing = None
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure


def _write_part(service: _Service, site: Path, folder: str) -> None:
    """Write the index ``service`` holds into ``site/folder``, then stop the service."""
    try:
        # The files are asked for and written here: the service's own WriteFiles answers before its
        # last file is complete, and a service stopped then leaves that file cut short.
        answer = service.call({"type": "GetFiles", "index_id": service.index_id})
        write_bundle(site / folder, answer.get("files") or [])
        if service.errors:
            count = len(service.errors)
            raise SearchIndexError(f"Pagefind could not index {count} page(s): {service.errors[0]}")
    except (_ServiceError, OSError, ValueError) as error:
        raise SearchIndexError(f"Pagefind could not write the index into {site / folder}: {error}") from error
    finally:
        service.stop()


class _ServiceError(Exception):
    """Pagefind's service answered with an error, or stopped."""


class _Service:
    """One ``pagefind --service`` process holding one index: requests in, answers read by a
    thread. Its messages are base64 of JSON, each followed by a comma."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._sent = 0
        self._waiting: dict[int, str] = {}
        """The file each request still unanswered adds (for errors), by message id."""
        self._answers: dict[int, dict] = {}
        self._changed = threading.Condition()
        self._ended = False
        self.errors: list[str] = []
        self.index_id = 0
        """The id of its index (from its answer to ``NewIndex``)."""
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()

    @classmethod
    def start(cls) -> _Service:
        """A service with a new index that leaves out :data:`LEFT_OUT`."""
        command = [pagefind_executable(), "--service"]
        try:
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not start ({error}): reinstall it with pip.") from error
        service = cls(process)
        try:
            answer = service.call({"type": "NewIndex", "config": {"exclude_selectors": list(LEFT_OUT)}})
            service.index_id = answer["index_id"]
        except _ServiceError as error:
            service.stop()
            raise SearchIndexError(f"Pagefind could not start an index ({error}): reinstall it with pip.") from error
        return service

    def send(self, payload: dict) -> int:
        """Send a request, not waiting for its answer; its message id."""
        self._sent += 1
        if payload["type"] == "AddFile":
            with self._changed:
                self._waiting[self._sent] = payload["file_path"]
        message = base64.b64encode(json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8"))
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(message + b",")
            self._process.stdin.flush()
        except OSError as error:
            raise _ServiceError(f"it stopped ({error})") from error
        return self._sent

    def call(self, payload: dict) -> dict:
        """Send a request and wait for its answer, once every request before it is answered."""
        sent = self.send(payload)
        with self._changed:
            self._changed.wait_for(lambda: sent in self._answers or self._ended)
            answer = self._answers.pop(sent, None)
            if answer is None:
                raise _ServiceError(f"it stopped (exit status {self._process.poll()})")
            self._changed.wait_for(lambda: not self._waiting or self._ended)
        if answer.get("type") == "Error":
            raise _ServiceError(str(answer.get("message", "an error")))
        return answer

    def stop(self) -> None:
        """End the process and the reader."""
        with contextlib.suppress(OSError, ValueError):  # closed already, by another thread too
            assert self._process.stdin is not None
            self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join()

    def _read(self) -> None:
        """Read the answers until the process ends (or says what cannot be read): each message is
        decoded once its comma arrives, without scanning again what came before."""
        assert self._process.stdout is not None
        pending = bytearray()
        try:
            while chunk := self._process.stdout.read1(1 << 16):
                if b"," not in chunk:
                    pending += chunk
                    continue
                first, *messages, rest = chunk.split(b",")
                pending += first
                for message in (bytes(pending), *messages):
                    self._answer(json.loads(base64.b64decode(message)) if message else None)
                pending = bytearray(rest)
        except ValueError as error:  # not base64 of JSON: nothing more can be trusted
            self.errors.append(f"an answer that cannot be read ({error})")
        finally:
            with self._changed:
                self._ended = True
                self._changed.notify_all()

    def _answer(self, response: dict | None) -> None:
        if not response:
            return
        payload = response.get("payload") or {}
        number = response.get("message_id")
        if number is None and payload.get("original_message"):
            number = json.loads(payload["original_message"]).get("message_id")
        with self._changed:
            path = self._waiting.pop(number, None)
            if path is not None:
                if payload.get("type") == "Error":
                    self.errors.append(f"{path}: {payload.get('message')}")
            elif number is not None:
                self._answers[number] = payload
            self._changed.notify_all()

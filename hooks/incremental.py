"""What ``mkdocs serve --dirty`` rebuilds: the record of the last build the adapter keeps.

MkDocs' ``--dirty`` build skips reading and writing every page whose
``File.is_modified()`` is False, and copies only modified static files; on its
own it decides by modification times, and counts every generated file as
modified. :class:`Incremental` decides instead, for each file of a build, from
what the last complete build wrote:

- a generated page is not modified when it is made from the same inputs as in the
  last build (:class:`~dossier.reuse.PageInputs`: then it is not even rendered);
  otherwise it is rendered, and modified when the digest of its title, edit link,
  flags, HTML and sections differs from the last build's;
- a copied source text when its bytes differ;
- the home page when its generated blocks or the problems it lists differ;
- every file, when the configuration, a file under ``docs/`` or the theme's
  ``custom_dir``, or a page of the navigation changed (:func:`fingerprint`): the
  build is then complete, as without ``--dirty``.

After the build, the files the last build wrote and this one did not (a removed
source's page and text, a continuation page that is no longer needed) are
deleted, and the search index is made whole again (:meth:`Incremental.complete_search`):
the pages rebuilt give their new entries, the others the entries the last build
recorded for them, in the order a full build writes them. So the served site
equals a full build's, file for file.

The record holds one digest, one list of search entries and the inputs of each page of the last
build, replaced whole by each complete build; it is dropped when a build fails
(the next one is complete) and when the server stops.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

__all__ = [
    "Incremental",
    "TemplateCache",
    "digest",
    "fingerprint",
    "folder_state",
    "quiet_dirty_warning",
    "search_index_of",
]

SearchEntries = list[dict[str, Any]]


def digest(*parts: object) -> str:
    """A digest of ``parts`` by their ``repr``."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def folder_state(folder: Path) -> list[tuple[str, int, int]]:
    """Every file under ``folder``: its path, modification time and size."""
    found = []
    for base, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(base, name)
            stat = path.stat()
            found.append((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return found


def fingerprint(config_file: Path, folders: Iterable[Path], nav: Sequence[tuple[str, str]]) -> str:
    """What every page depends on beyond the dossier: the configuration's bytes, the files under
    ``folders`` (name, modification time, size) and the navigation's generated pages (path, title)."""
    trees = [(str(folder), folder_state(folder)) for folder in folders if folder.is_dir()]
    return digest(config_file.read_bytes(), trees, tuple(nav))


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a ``--dirty`` build may leave inaccurate navigation and links:
    here it does not (every page it touches is rebuilt, see the module's description)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_QUIET = _DirtyWarning()


def quiet_dirty_warning() -> None:
    """Stop MkDocs warning on every ``serve --dirty`` rebuild (for the life of the process)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _QUIET not in logger.filters:
        logger.addFilter(_QUIET)


def search_index_of(plugins: Any) -> Any | None:
    """The search index that Material's search plugin fills page by page, if that plugin runs."""
    for plugin in getattr(plugins, "values", lambda: ())():
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list) and hasattr(plugin, "search_index_prev"):
            return plugin
    return None


@dataclass
class _Record:
    """What a complete build wrote.

    Attributes:
        digests: By source path: the digest of each generated page, copied text and the home page.
        search: By source path: the search entries of each page.
        inputs: By source path: what each generated page was made from, when known (:class:`~dossier.reuse.PageInputs`).
        shared: What the pages' inputs share (the build's :class:`~dossier.reuse.PageInputs`).
    """

    fingerprint: str
    digests: dict[str, str]
    search: dict[str, SearchEntries]
    inputs: dict[str, object] = field(default_factory=dict)
    shared: object | None = None


@dataclass
class Incremental:
    """The adapter's record of the last complete build, and the current build's, for ``serve --dirty``.

    Attributes:
        last: The last complete build's record; None before the first build and after a failed one.
        current: The record of the build under way.
        rebuilt: The source paths of the pages written by the build under way.
        rendered: The source paths of the pages the build under way rendered to compare them with the last build's.
        outputs: The files the last complete build wrote from its files (relative to the site folder); kept when a build
            fails or the record is dropped, so the next complete build deletes what it no longer writes.
    """

    last: _Record | None = None
    current: _Record | None = None
    rebuilt: set[str] = field(default_factory=set)
    rendered: set[str] = field(default_factory=set)
    order: list[str] = field(default_factory=list)

    outputs: set[str] = field(default_factory=set)
    """The source paths of every page of the build under way, in the order MkDocs writes them."""

    def start(self, fingerprint: str, shared: Callable[[object | None], object]) -> bool:
        """Start a build; False when it must be complete (first build, or ``fingerprint`` changed).
        ``shared(last)`` makes what the pages' inputs share, knowing the last build's."""
        if self.last is not None and self.last.fingerprint != fingerprint:
            self.last = None
        self.current = _Record(fingerprint, {}, {})
        self.current.shared = shared(self.last.shared if self.last is not None else None)
        self.rebuilt = set()
        self.rendered = set()
        self.order = []
        return self.last is not None

    def modified(self, path: str, new_digest: str | None) -> bool:
        """Record ``path``'s digest (None when not known before it is written); whether it changed."""
        assert self.current is not None
        if new_digest is not None:
            self.current.digests[path] = new_digest
        return self.last is None or new_digest is None or self.last.digests.get(path) != new_digest

    def page_modified(self, path: str, inputs: object | None, digest_of: Callable[[], str]) -> bool:
        """Whether the generated page of ``path`` differs from the last build's: not when it is made
        from the same ``inputs``, else when ``digest_of()`` (its rendering's digest) differs. In a
        complete build, its digest is taken when it is written."""
        assert self.current is not None
        self.current.inputs[path] = inputs
        if self.last is None:
            return True
        last_digest = self.last.digests.get(path)
        if inputs is not None and last_digest is not None and self.last.inputs.get(path) == inputs:
            self.current.digests[path] = last_digest
            return False
        self.rendered.add(path)
        return self.modified(path, digest_of())

    def written(self, path: str, new_digest: str) -> None:
        """``path`` was written with ``new_digest``."""
        assert self.current is not None
        self.current.digests[path] = new_digest

    def indexed(self, path: str, entries: SearchEntries) -> None:
        """The page of ``path`` was written; ``entries`` are its search entries (none without a
        search plugin)."""
        assert self.current is not None
        self.rebuilt.add(path)
        self.current.search[path] = entries

    def complete_search(self) -> SearchEntries:
        """Every page's search entries in the order of a full build: those of the pages written
        now, the last build's for the others."""
        assert self.current is not None
        last = self.last.search if self.last is not None else {}
        for path in self.order:
            if path not in self.current.search:
                self.current.search[path] = last.get(path, [])
        return [entry for path in self.order for entry in self.current.search[path]]

    def finish(self, site_dir: Path, outputs: set[str]) -> list[str]:
        """The build is complete: delete what the last build wrote and this one did not; keep
        this build's record. Returns the paths deleted."""
        assert self.current is not None
        stale = sorted(self.outputs - outputs)
        for rel in stale:
            path = site_dir / rel
            if path.is_file() and not path.is_symlink():
                path.unlink()
                _drop_empty_parents(path.parent, site_dir)
        self.outputs = outputs
        self.last, self.current = self.current, None
        return stale

    def drop(self) -> None:
        """A build failed: forget what the pages were made from, so the next build is complete
        (what the last complete build wrote is kept, see :attr:`outputs`)."""
        self.last = self.current = None


class TemplateCache(BytecodeCache):
    """The theme's compiled templates, kept across ``mkdocs serve`` rebuilds (MkDocs makes a new
    template environment for each build, which compiles every template again). Jinja checks each
    entry against its template's source, so an edited template is compiled again; one entry per
    template, dropped when the server stops."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def _drop_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_relative_to(top) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent

"""Deliberate caches of what is made per source, for ``mkdocs serve`` rebuilds.

:class:`SourceCache` remembers each source as :func:`~.load.load_dossier` made
it, keyed by the content of its files (their bytes, not their size or
modification time, which a copy can keep) and the topics defined, so an
edit reloads only the files it touched; it also keeps each file as read while
the file's status, change time included, says it is unchanged (:meth:`SourceCache.read`),
so an unchanged file is not read again. Sources are frozen, so a cached one is
safe to share between builds, and a source whose files did not change is the
very object of the last build. :class:`PerSource` keeps what is made from each
source for the exports (its W3C Annotations, its entry in ``dossier.json``, as
JSON text), while it is made from that same object and the same other inputs;
:class:`Pieces`, what is made from the whole dossier (the parts of ``dossier.json``
that are not per source), each part while its inputs are equal. Each keeps only what the last
build used.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["PerSource", "Pieces", "SourceCache"]

T = TypeVar("T")

CLOCK_SLACK_NS = 3_000_000_000
"""How long after a file's last change its status is trusted to tell a later change: longer than the
coarsest file system clock (2 s on FAT), since a change within the same tick keeps every time."""


@dataclass
class SourceCache:
    """Loaded sources by the content of their files; keeps only what the last load used.

    Attributes:
        entries: What each key loaded to.
        used: The keys asked for since the last :meth:`prune`.
        hits: How many look-ups were answered from the cache (for tests and the benchmark).
        shared: The value every key of the last load held (:meth:`share`).
        files: Each file as last read, with its status then (:meth:`read`).
        files_used: The files asked for since the last :meth:`prune`.
        reads: How many files were read (for tests and the benchmark).
    """

    entries: dict[Hashable, Any] = field(default_factory=dict)
    used: set[Hashable] = field(default_factory=set)
    hits: int = 0
    shared: Shared | None = None
    files: dict[Path, tuple[tuple[int, ...], Any]] = field(default_factory=dict)
    files_used: set[Path] = field(default_factory=set)
    reads: int = 0

    def get_or_load(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """The value cached under ``key``, or ``load()`` stored under it."""
        self.used.add(key)
        if key in self.entries:
            self.hits += 1
            return self.entries[key]
        value = self.entries[key] = load()
        return value

    def share(self, value: Hashable, holder: Any = None) -> Shared:
        """``value``, held by every key of a load, as a :class:`Shared` with what holds it: the last
        load's when equal (its ``holder`` too), so that keys compare it by identity and what is made
        from it holds the same objects as in the last load."""
        if self.shared is None or self.shared.value != value:
            self.shared = Shared(value, holder)
        return self.shared

    def read(self, path: Path, read: Callable[[], T]) -> T:
        """What ``read()`` made of the file at ``path`` when last asked, while the file's status
        (device, inode, type, size, modification and change times) is the one it had then and its
        last change was already :data:`CLOCK_SLACK_NS` old; otherwise ``read()`` again. Writing a file,
        replacing it or setting its times all set its change time, which no program can set back."""
        self.files_used.add(path)
        try:
            info = os.lstat(path)
        except OSError:
            self.files.pop(path, None)
            return read()
        status = (info.st_dev, info.st_ino, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        known = self.files.get(path)
        if known is not None and known[0] == status:
            return known[1]
        now = time.time_ns()
        value = read()
        self.reads += 1
        if info.st_ctime_ns < now - CLOCK_SLACK_NS:
            self.files[path] = (status, value)
        else:  # changed too recently: a change in the same clock tick would keep its status
            self.files.pop(path, None)
        return value

    def prune(self) -> None:
        """Forget what the last load did not ask for (deleted or edited files)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()
        self.files = {k: v for k, v in self.files.items() if k in self.files_used}
        self.files_used = set()


class Shared:
    """A value that many keys hold (the topics and subjects defined, in every source's key): hashed
    once, not once per key."""

    __slots__ = ("hash", "holder", "value")

    def __init__(self, value: Hashable, holder: Any = None) -> None:
        self.value = value
        self.hash = hash(value)
        self.holder = holder
        """What ``value`` was taken from."""

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Shared) and self.hash == other.hash and self.value == other.value)


@dataclass
class PerSource:
    """What is made from each source, by source id: reused while made from the same source object
    (the loader's cache hands back the last build's object while a source's files are unchanged)
    and equal other inputs; keeps only the sources of the last build.

    Attributes:
        entries: By source id: the source, the other inputs and what was made from them.
        used: The source ids asked for since the last :meth:`prune`.
        hits: How many look-ups were answered from the cache (for tests and the benchmark).
        shared: The inputs every source shared in the last build (:meth:`share`).
    """

    entries: dict[str, tuple[object, Hashable, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    hits: int = 0
    shared: Hashable = None

    def get_or_make(self, source_id: str, source: object, inputs: Hashable, make: Callable[[], T]) -> T:
        """What ``make()`` made from ``source`` and ``inputs`` (compared with ``==``), made again
        unless the last one was made from this very source and equal inputs."""
        self.used.add(source_id)
        entry = self.entries.get(source_id)
        if entry is not None and entry[0] is source and entry[1] == inputs:
            self.hits += 1
            return entry[2]
        value = make()
        self.entries[source_id] = (source, inputs, value)
        return value

    def share(self, value: Hashable) -> Hashable:
        """``value``, an input every source shares: the last build's object when equal, so that
        each source's inputs compare it by identity."""
        if self.shared is None or self.shared != value:
            self.shared = value
        return self.shared

    def prune(self) -> None:
        """Forget the sources the last build did not ask for (removed or renamed)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()


@dataclass
class Pieces:
    """Parts of a file made from the whole dossier (the parts of ``dossier.json`` that are not per
    source), each by name, kept while made from equal inputs (compared with ``==``); keeps only the
    names the last build asked for.

    Attributes:
        entries: By name: the inputs and what was made from them.
        used: The names asked for since the last :meth:`prune`.
        hits: How many look-ups were answered from the cache (for tests and the benchmark).
    """

    entries: dict[str, tuple[Hashable, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    hits: int = 0

    def get_or_make(self, name: str, inputs: Hashable, make: Callable[[], T]) -> T:
        """What ``make()`` made under ``name`` from inputs equal to ``inputs``, else ``make()``, kept instead."""
        self.used.add(name)
        entry = self.entries.get(name)
        if entry is not None and entry[0] == inputs:
            self.hits += 1
            return entry[1]
        value = make()
        self.entries[name] = (inputs, value)
        return value

    def prune(self) -> None:
        """Forget the names the last build did not ask for (a removed subject)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()

"""A deliberate cache of what is made per source, for ``mkdocs serve`` rebuilds.

:class:`SourceCache` remembers each source as :func:`~.load.load_dossier` made
it, keyed by the content of its files (their bytes, not their size or
modification time, which a copy can keep) and the topics defined, so an
edit reloads only the files it touched. Sources are frozen, so a cached one is
safe to share between builds. A second one keeps each source's W3C Annotations
(:func:`~.w3c.build_annotations`), keyed by the source itself. Each keeps only
what the last build used.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SourceCache"]


@dataclass
class SourceCache:
    """Loaded sources by the content of their files; keeps only what the last load used."""

    entries: dict[Hashable, Any] = field(default_factory=dict)
    """What each key loaded to."""

    used: set[Hashable] = field(default_factory=set)
    """The keys asked for since the last :meth:`prune`."""

    hits: int = 0
    """How many look-ups were answered from the cache (for tests and the benchmark)."""

    def get_or_load(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """The value cached under ``key``, or ``load()`` stored under it."""
        self.used.add(key)
        if key in self.entries:
            self.hits += 1
            return self.entries[key]
        value = self.entries[key] = load()
        return value

    def prune(self) -> None:
        """Forget what the last load did not ask for (deleted or edited files)."""
        self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        self.used = set()

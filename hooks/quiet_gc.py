"""When ``mkdocs serve`` collects the heap's reference cycles: between rebuilds, not during them.

Python's cyclic garbage collector walks every object it tracks in a full collection. A served
dossier of a thousand sources holds about half a million (its loaded sources, the last build's
analysis, pages and records), so a full collection takes about half a second, and the
allocations of one rebuild set off two or three of them: a second or more of every rebuild, spent
before the page it shows can be served. :class:`QuietCollector` pauses automatic collection
while a build runs and collects once the server has been quiet for :attr:`QuietCollector.delay`
seconds after a build, in a timer thread, when the browser has had the rebuilt page. Edits saved
faster than that would keep postponing it: the garbage of at most :attr:`QuietCollector.limit`
builds is kept, the next build collects it first. Automatic collection is back on after each
quiet collection and when the server stops.

Most of the heap outlives a rebuild (the sources an edit did not touch, and what the analysis
and the exports reuse of the last build), so each collection freezes what survives it
(``gc.freeze``): the next one walks only what was made since, a tenth of the heap, in
hundredths of a second instead of half a second. Frozen objects that a later build lets go of
are freed by their reference counts, except those in reference cycles (MkDocs' pages, files and
navigation of each build), which wait for the next complete collection: every
:attr:`QuietCollector.thaw` collections, everything is thawed and collected, then frozen again,
so at most that many builds' cycles are kept. The server stopping thaws everything.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["QuietCollector"]


class QuietCollector:
    """Automatic garbage collection paused during builds; a full collection after each, once quiet."""

    def __init__(self, delay: float = 0.5, limit: int = 5, thaw: int = 10) -> None:
        self.thaw = thaw
        """Collections of what the last one did not freeze between two complete collections."""
        self.since_complete: int | None = None
        """Collections since the last complete one; None before the first."""
        self.delay = delay
        """Seconds of quiet after a build before its garbage is collected."""
        self.limit = limit
        """Builds whose garbage may wait; the next one collects it before it starts."""
        self.pending = 0
        """Builds since the last full collection."""
        self.collections = 0
        """Full collections made (for the tests)."""
        self._timer: threading.Timer | None = None
        self._building = False
        self._lock = threading.Lock()

    def pause(self) -> None:
        """A build starts: no automatic collection until the next quiet collection (first, the
        garbage of :attr:`limit` builds, if that many went by without one)."""
        with self._lock:
            self._building = True
            self._cancel()
            gc.disable()
            if self.pending >= self.limit:
                self._collect()

    def resume(self) -> None:
        """A build ended: collect once the server has been quiet for :attr:`delay` seconds."""
        with self._lock:
            self._building = False
            self._cancel()
            self.pending += 1
            self._timer = threading.Timer(self.delay, self._when_quiet)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        """The server stops: no collection waits, automatic collection is back on."""
        with self._lock:
            self._cancel()
            gc.unfreeze()
            gc.enable()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _when_quiet(self) -> None:
        with self._lock:
            if self._building:  # a build started meanwhile: it collects when its turn comes
                return
            self._collect()
            gc.enable()

    def _collect(self) -> None:
        """Collect what was made since the last collection (everything, every :attr:`thaw` times),
        then freeze what survives."""
        if self.since_complete is None or self.since_complete >= self.thaw:
            gc.unfreeze()
            self.since_complete = 0
        else:
            self.since_complete += 1
        gc.collect()
        gc.freeze()
        self.pending = 0
        self.collections += 1

"""``mkdocs serve`` sees a save under ``sources/`` as it happens, not at the next poll.

MkDocs' server watches files by polling (watchdog's ``PollingObserver``, every
0.5 s): a save waits 0.25 s on average before the rebuild starts, and every poll
reads the status of each file watched, two for each source. :class:`SourcesWatcher`
watches ``sources/`` with watchdog's native observer instead (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows), which reports a save at once,
and asks the server for a rebuild as MkDocs' own watcher does; the server then waits
its ``build_delay`` for more changes, as before. Opening or reading a file (the
build reads every source) asks for nothing.

MkDocs has no public way to ask its server for a rebuild: :func:`rebuild_request`
reaches for the two private attributes its watcher sets (``_rebuild_cond`` and
``_want_rebuild``, in MkDocs 1.6 and ProperDocs alike). When they are missing or of
another kind, when the platform has no native observer, or when it cannot start (the
system's limit of watches reached), ``sources/`` is watched as before, by MkDocs'
polling (``server.watch``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

__all__ = ["SourcesWatcher", "rebuild_request"]

_READS = frozenset({"opened", "closed_no_write"})
"""Events that change nothing: a file opened, or closed without a write."""


def rebuild_request(server: Any) -> Callable[[], None] | None:
    """A function that asks MkDocs' ``server`` for a rebuild, as its own watcher does when a watched
    file changes; None when the server does not have the private attributes this needs."""
    condition = getattr(server, "_rebuild_cond", None)
    if not isinstance(condition, threading.Condition) or not isinstance(getattr(server, "_want_rebuild", None), bool):
        return None

    def request() -> None:
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    return request


class _Changes(FileSystemEventHandler):
    def __init__(self, request: Callable[[], None]) -> None:
        self.request = request

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory and event.event_type not in _READS:
            self.request()


class SourcesWatcher:
    """``mkdocs serve``'s watch of ``sources/`` by the platform's native observer, when it can."""

    def __init__(self, observer: Callable[[], BaseObserver] = Observer) -> None:
        self.make_observer = observer
        """Makes the observer (watchdog's native one for the platform)."""
        self.observer: BaseObserver | None = None
        """The running observer; None before :meth:`start`, after :meth:`stop`, or when MkDocs polls."""

    def start(self, server: Any, folder: str) -> bool:
        """Watch ``folder`` for ``server``: natively when possible, else by ``server.watch`` (MkDocs'
        polling). Whether it is watched natively."""
        request = rebuild_request(server)
        observer = self.make_observer()
        if request is not None and not isinstance(observer, PollingObserver):
            try:
                observer.schedule(_Changes(request), folder, recursive=True)
                observer.start()
            except OSError:  # no watch left, or the folder is gone: poll as MkDocs does
                observer.stop()
            else:
                self.observer = observer
                return True
        server.watch(folder)
        return False

    def stop(self) -> None:
        """Stop watching (the server stops)."""
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()
            self.observer = None

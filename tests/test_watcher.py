"""``mkdocs serve``'s watch of ``sources/`` (hooks/watcher.py): a save asks the server for a rebuild
through the native observer; without what that needs, MkDocs' own polling watches the folder."""

from __future__ import annotations

import threading
from pathlib import Path

from conftest import ROOT
from watchdog.events import (
    DirModifiedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
)
from watchdog.observers.polling import PollingObserver
from watcher import SourcesWatcher, _Changes, rebuild_request

from generator_api import LiveReloadServer

WAIT = 30.0
"""How long a test waits for the observer to report a change (a bound, not a measure)."""


class FakeServer:
    """What the watcher reads of MkDocs' server, and what it falls back to."""

    def __init__(self, private: bool = True) -> None:
        if private:
            self._rebuild_cond = threading.Condition()
            self._want_rebuild = False
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)

    def wait_for_rebuild(self) -> bool:
        with self._rebuild_cond:
            found = self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=WAIT)
            self._want_rebuild = False
            return found


def test_mkdocs_server_has_what_the_rebuild_request_needs(tmp_path: Path) -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    request = rebuild_request(server)
    assert request is not None
    request()
    assert server._want_rebuild is True


def test_a_save_asks_for_a_rebuild_and_reading_does_not(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("first", encoding="utf-8")
    server, watcher = FakeServer(), SourcesWatcher()
    try:
        assert watcher.start(server, str(tmp_path)) is True
        assert server.watched == []  # not polled as well
        source.write_text("second", encoding="utf-8")
        assert server.wait_for_rebuild()
        (tmp_path / "b.txt").write_text("new", encoding="utf-8")
        assert server.wait_for_rebuild()
        (tmp_path / "b.txt").unlink()
        assert server.wait_for_rebuild()
    finally:
        watcher.stop()
    assert watcher.observer is None


def test_only_a_change_to_a_file_asks_for_a_rebuild() -> None:
    asked: list[str] = []
    changes = _Changes(lambda: asked.append("rebuild"))
    for event in (FileOpenedEvent("a.txt"), FileClosedNoWriteEvent("a.txt"), DirModifiedEvent(".")):
        changes.dispatch(event)
    assert asked == []
    for event in (
        FileModifiedEvent("a.txt"),
        FileClosedEvent("a.txt"),
        FileCreatedEvent("b.txt"),
        FileDeletedEvent("b.txt"),
        FileMovedEvent("a.txt.swp", "a.txt"),
    ):
        changes.dispatch(event)
    assert len(asked) == 5


def test_without_the_private_attributes_mkdocs_polls_the_folder(tmp_path: Path) -> None:
    server, watcher = FakeServer(private=False), SourcesWatcher()
    assert watcher.start(server, str(tmp_path)) is False
    assert server.watched == [str(tmp_path)]
    assert watcher.observer is None
    watcher.stop()


def test_without_a_native_observer_mkdocs_polls_the_folder(tmp_path: Path) -> None:
    server, watcher = FakeServer(), SourcesWatcher(observer=PollingObserver)
    assert watcher.start(server, str(tmp_path)) is False
    assert server.watched == [str(tmp_path)]


def test_when_the_native_observer_cannot_start_mkdocs_polls_the_folder(tmp_path: Path) -> None:
    server, watcher = FakeServer(), SourcesWatcher()
    missing = tmp_path / "gone"  # inotify cannot watch a folder that does not exist
    assert watcher.start(server, str(missing)) is False
    assert server.watched == [str(missing)]


def _served_config():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml"))


def test_the_adapter_watches_sources_natively_and_not_by_polling_too() -> None:
    config = _served_config()
    sources = str(ROOT / "sources")
    assert sources in config.watch  # the configuration asks MkDocs to poll it
    module = next(hook for name, hook in config.plugins.items() if name.endswith("dossier_hooks.py"))
    state = module.DossierHooks("serve", dirty=True)
    state.on_config(config)
    server = FakeServer()
    try:
        state.on_serve(server, config, None)
        assert state.watcher is not None and state.watcher.observer is not None
        assert server.watched == []
        assert sources not in config.watch
    finally:
        state.watcher.stop()


def test_without_a_native_watch_the_adapter_leaves_sources_to_mkdocs_polling() -> None:
    config = _served_config()
    module = next(hook for name, hook in config.plugins.items() if name.endswith("dossier_hooks.py"))
    state = module.DossierHooks("serve", dirty=True)
    state.on_config(config)
    server = FakeServer(private=False)
    state.on_serve(server, config, None)
    assert server.watched == [str(ROOT / "sources")]
    assert str(ROOT / "sources") in config.watch

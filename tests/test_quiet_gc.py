"""``mkdocs serve`` collects garbage between builds, not during them (hooks/quiet_gc.py)."""

from __future__ import annotations

import gc
import time
import weakref

import pytest
from quiet_gc import QuietCollector


@pytest.fixture(autouse=True)
def _gc_back_on():
    yield
    gc.enable()


def _wait_for(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the collector did not run"
        time.sleep(0.01)


def test_a_build_runs_without_automatic_collection_and_its_garbage_is_collected_once_quiet() -> None:
    collector = QuietCollector(delay=0.05)
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert not gc.isenabled()  # not until the server has been quiet
    _wait_for(lambda: collector.collections == 1)
    _wait_for(gc.isenabled)
    assert collector.pending == 0


def test_a_build_started_before_the_quiet_collection_cancels_it() -> None:
    collector = QuietCollector(delay=60)
    collector.pause()
    collector.resume()
    collector.pause()
    assert (collector.collections, gc.isenabled()) == (0, False)
    collector.stop()
    assert gc.isenabled()


def test_the_garbage_of_limit_builds_is_collected_before_the_next_build() -> None:
    collector = QuietCollector(delay=60, limit=3)
    for _ in range(3):
        collector.pause()
        collector.resume()
    assert (collector.pending, collector.collections) == (3, 0)
    collector.pause()
    assert (collector.pending, collector.collections) == (0, 1)
    collector.stop()


class _Cycle:
    """An object in a reference cycle with itself: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_what_survives_a_collection_is_frozen_and_its_cycles_freed_by_the_next_complete_one() -> None:
    collector = QuietCollector(delay=60, limit=1, thaw=2)
    try:
        collector.pause()
        collector.resume()
        collector.pause()  # the first collection: complete, then what survives is frozen
        assert (collector.collections, collector.since_complete) == (1, 0)
        kept = _Cycle()
        collector.resume()
        collector.pause()  # kept is alive: frozen by this collection
        assert gc.is_tracked(kept) and gc.get_freeze_count() > 0
        freed = weakref.ref(kept)
        del kept  # garbage now, but frozen: only a complete collection frees a cycle
        collector.resume()
        collector.pause()
        assert freed() is not None and collector.since_complete == 2
        collector.resume()
        collector.pause()  # the thaw-th: everything thawed and collected
        assert freed() is None and collector.since_complete == 0
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0  # the server stopped: everything thawed

"""Paging and caps: what keeps every generated page bounded as the dossier grows.

A long list starts on its own page (``notes.md``) and continues on numbered
pages beside it (``claims/page-2.md``, ``claims/page-3.md``…), each linking to
the previous and the next one, so every item stays reachable by links while no
page holds more than a fixed number of items. Short lists shown inside other
pages (the "other sources say" lines, related sources, a topic's sources…) are
cut at a fixed length and end with a count and a link to where the rest is.

The limits are set so that the real dossier's lists fit on one page each, and so
that a page holds about 100 KB of content at most: fewer, fuller pages cost the
site generator less than many small ones, each with the theme's chrome.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

__all__ = [
    "COMPARISONS_PER_PAGE",
    "COMPARISON_ROWS",
    "COMPARISON_ROWS_PER_PAGE",
    "EVENTS_PER_PAGE",
    "FINDINGS_PER_PAGE",
    "HOME_SOURCES",
    "NOTES_PER_PAGE",
    "NOTE_OTHERS",
    "PROVENANCE_CHAINS_PER_PAGE",
    "PROVENANCE_DRAWN",
    "RELATED_NAMED",
    "RELATED_SOURCES",
    "SOURCES_PER_PAGE",
    "TOPIC_CLAIMS_PER_PAGE",
    "TOPIC_COMPARISONS",
    "TOPIC_EVENTS",
    "TOPIC_SOURCES",
    "chunk",
    "page_title",
]

NOTES_PER_PAGE = 300
"""Entries of the notes index per page."""

EVENTS_PER_PAGE = 300
"""Events of the timeline per page (picture and list)."""

SOURCES_PER_PAGE = 200
"""Rows of the sources index per page."""

TOPIC_CLAIMS_PER_PAGE = 200
"""Claims of a topic per page (a short line each)."""

COMPARISONS_PER_PAGE = 25
"""Compared subjects of the disagreements page per page."""

COMPARISON_ROWS = 10
"""Claims shown in a comparison's table before a link to its own page."""

COMPARISON_ROWS_PER_PAGE = 200
"""Claims per page of a subject's own page."""

NOTE_OTHERS = 3
"""Other sources named in the "other sources say" line of a claim."""

FINDINGS_PER_PAGE = 25
"""Subjects of the findings page per page."""

PROVENANCE_DRAWN = 80
"""Texts drawn on the provenance graph; beyond it the page lists the chains only."""

PROVENANCE_CHAINS_PER_PAGE = 200
"""Sources whose chain the provenance page lists, per page."""

RELATED_SOURCES = 6
"""Entries of a source page's "Related sources"."""

RELATED_NAMED = 3
"""Shared topics (and shared subjects) a "Related sources" entry names; more are counted."""

HOME_SOURCES = 50
"""Rows of the home page's table of sources."""

TOPIC_SOURCES = 50
"""Sources listed on a topic page."""

TOPIC_EVENTS = 100
"""Dated events drawn on a topic page; beyond it the topic points to the timeline."""

TOPIC_COMPARISONS = 10
"""Compared subjects shown per section of a topic page."""

T = TypeVar("T")


def chunk(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """``items`` in consecutive runs of ``size``; one empty run when there are none."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def page_title(title: str, number: int, count: int) -> str:
    """The title of one page of a list."""
    return title if number == 1 else f"{title} (page {number} of {count})"

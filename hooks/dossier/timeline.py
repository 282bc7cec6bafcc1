"""The timeline: every dated event of the dossier, as a list and as inline SVG.

Events are each source's publication and every claim's ``event_date``. They
sort by :attr:`~.dates.PartialDate.sort_key` and print with
:attr:`~.dates.PartialDate.label`, so a month stays a month and a half-year a
half-year. The picture is drawn at build time (no JavaScript, no network):
:func:`draw_timeline` counts the events per month, quarter or year (chosen from
the span, so the picture stays the same size however many events there are),
and the ``timeline`` templates draw a bar per period with its count, each bar a
link to that period's first event in the list under it, the picture's full text
alternative.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from .dates import PartialDate, year_span
from .model import Claim, Dossier, Source
from .paths import source_page_path

__all__ = [
    "DateGroup",
    "Drawing",
    "Period",
    "SourceRun",
    "TimelineEvent",
    "collect_events",
    "draw_timeline",
    "event_order",
    "group_by_date",
    "period_ident",
    "period_of",
    "source_events",
]

_WIDTH = 800
_MARGIN = 20
_AXIS = 24
_TALL = 120
"""The height of the tallest bar."""

_MONTHS_BY_MONTH = 36
"""Spans of up to this many months are drawn a month a bar; up to four times as many, a quarter a
bar; longer ones a year a bar."""


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event: a publication, or what a claim reports.

    Attributes:
        date: When, at its precision.
        source: The source that publishes or reports it.
        claim: The claim reporting it; None for the publication itself.
    """

    date: PartialDate
    source: Source
    claim: Claim | None = None

    @property
    def text(self) -> str:
        """What happened, as inline Markdown."""
        return self.claim.claim if self.claim else f"Publication of “{self.source.title}”"

    @property
    def topic(self) -> str | None:
        """The topic the event is coloured by: the claim's first."""
        return self.claim.topics[0] if self.claim and self.claim.topics else None

    @property
    def fragment(self) -> str | None:
        """The anchor of the claim on the source page."""
        return self.claim.anchor if self.claim else None

    @property
    def page(self) -> str:
        """The source page, as a page path."""
        return source_page_path(self.source.id)


def event_order(event: TimelineEvent) -> tuple:
    """Where an event stands in the timeline: by date, publications first, then by source and place in its text."""
    return (event.date.sort_key, event.claim is not None, event.source.date.sort_key, event.source.id,
            event.claim.start if event.claim else -1)  # fmt: skip


@dataclass(frozen=True)
class SourceRun:
    """Events of one source at one date, one after the other in the timeline: its publication, or
    the claims it dates so.

    Attributes:
        source: The source.
        events: Its events, in the timeline's order.
    """

    source: Source
    events: tuple[TimelineEvent, ...]

    @property
    def publication(self) -> bool:
        """Whether the run is the source's publication (one event, no claim)."""
        return self.events[0].claim is None


@dataclass(frozen=True)
class DateGroup:
    """The events at one date, one after the other in the timeline, by source.

    Attributes:
        date: The date, at its precision.
        runs: Its events, a run per source (publications first).
    """

    date: PartialDate
    runs: tuple[SourceRun, ...]


def group_by_date(events: Iterable[TimelineEvent]) -> list[tuple[int, list[DateGroup]]]:
    """``events`` (in the timeline's order) by year, then by date, then by source, so that a list says
    a date once and a source once at each date."""
    groups = [
        DateGroup(date, tuple(SourceRun(run[0].source, tuple(run)) for run in _runs(at)))
        for date, at in groupby(events, key=lambda e: e.date)
    ]
    return [(year, list(of_year)) for year, of_year in groupby(groups, key=lambda g: g.date.year)]


def _runs(events: Iterable[TimelineEvent]) -> list[list[TimelineEvent]]:
    return [list(run) for _, run in groupby(events, key=lambda e: (e.source.id, e.claim is None))]


def collect_events(dossier: Dossier, topic_id: str | None = None) -> list[TimelineEvent]:
    """Every dated event in order; for a topic, only its claims' events."""
    events = []
    for source in dossier.sources:
        events += source_events(source, topic_id)
    return sorted(events, key=event_order)


def source_events(source: Source, topic_id: str | None = None) -> list[TimelineEvent]:
    """A source's dated events, in the order of its text: its publication, then its claims' (for a
    topic, only its claims' events on it)."""
    events = [TimelineEvent(source.date, source)] if topic_id is None else []
    events += [
        TimelineEvent(c.event_date, source, c)
        for c in source.claims
        if c.event_date is not None and (topic_id is None or topic_id in c.topics)
    ]
    return events


@dataclass(frozen=True)
class Period:
    """A month, quarter or year of the timeline, with the events whose date begins in it.

    Attributes:
        ident: Its part of the list's anchors: ``month-2024-03``, ``quarter-2024-q1`` or ``year-2024``.
        label: For readers: ``March 2024``, ``first quarter of 2024``, ``2024``.
        count: How many events' dates begin in it.
        x: Left edge of its bar.
        y: Top edge of its bar: the more events, the taller.
        width: Width of its bar.
        height: Height of its bar.
    """

    ident: str
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Drawing:
    """The geometry of the picture of a timeline: a bar per period, for the template that draws it.

    Attributes:
        width: The picture's width in its own units.
        height: Its height.
        axis: The height of the axis above the bars.
        base: Where the bars stand.
        unit: ``month``, ``quarter`` or ``year``: what a bar counts, chosen from the span so that a bar stays wide
            enough to read at any size of the dossier.
        first_year: The first year drawn.
        periods: The periods that have events, in order.
        year_starts: Where each year drawn starts, then where the last one ends: the ticks of the axis.
        span: The years the events cover, for readers: ``2023`` or ``2021–2024``.
        events: How many events are counted.
    """

    width: int
    height: int
    axis: int
    base: int
    unit: str
    first_year: int
    periods: tuple[Period, ...]
    year_starts: tuple[float, ...]
    span: str
    events: int


def _unit(first: _dt.date, last: _dt.date) -> str:
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= _MONTHS_BY_MONTH:
        return "month"
    return "quarter" if months <= 4 * _MONTHS_BY_MONTH else "year"


_QUARTERS = ("first", "second", "third", "fourth")


def period_of(date: PartialDate, unit: str) -> tuple[int, int]:
    """The period of ``unit`` in which ``date`` begins: (year, index in the year, from 0)."""
    day = date.first_day
    return day.year, {"month": day.month - 1, "quarter": (day.month - 1) // 3, "year": 0}[unit]


def period_ident(date: PartialDate, unit: str) -> str:
    """The anchor part of the period of ``unit`` in which ``date`` begins (see :class:`Period`)."""
    year, index = period_of(date, unit)
    if unit == "month":
        return f"month-{year}-{index + 1:02d}"
    return f"quarter-{year}-q{index + 1}" if unit == "quarter" else f"year-{year}"


def _period_label(year: int, index: int, unit: str) -> str:
    if unit == "month":
        return f"{calendar.month_name[index + 1]} {year}"
    return f"{_QUARTERS[index]} quarter of {year}" if unit == "quarter" else str(year)


def draw_timeline(events: Sequence[TimelineEvent]) -> Drawing | None:
    """The picture of ``events``: a bar per period counting the events whose date begins in it,
    year ticks; None when there are none."""
    if not events:
        return None
    first = min(e.date.first_day for e in events)
    last = max(e.date.first_day for e in events)
    unit = _unit(first, last)
    per_year = {"month": 12, "quarter": 4, "year": 1}[unit]
    years = last.year - first.year + 1
    step = (_WIDTH - 2 * _MARGIN) / (years * per_year)
    counts = Counter(period_of(e.date, unit) for e in events)
    tallest = max(counts.values())
    base = _AXIS + 14 + _TALL
    periods = []
    for (year, index), count in sorted(counts.items()):
        height = max(2.0, round(_TALL * count / tallest, 1))
        x = round(_MARGIN + ((year - first.year) * per_year + index) * step + 1, 1)
        ident = period_ident(PartialDate(year, index * (12 // per_year) + 1), unit)
        periods.append(
            Period(
                ident, _period_label(year, index, unit), count, x, round(base - height, 1), round(step - 2, 1), height
            )
        )
    return Drawing(
        width=_WIDTH,
        height=base + 4,
        axis=_AXIS,
        base=base,
        unit=unit,
        first_year=first.year,
        periods=tuple(periods),
        year_starts=tuple(round(_MARGIN + i * per_year * step, 1) for i in range(years + 1)),
        span=year_span(e.date for e in events),
        events=len(events),
    )

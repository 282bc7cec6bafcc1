"""The timeline: every dated event of the dossier, as a list and as inline SVG.

Events are each source's publication and every claim's ``event_date``. They
sort by :attr:`~.dates.PartialDate.sort_key` and print with
:attr:`~.dates.PartialDate.label`, so a month stays a month and a half-year a
half-year. The picture is drawn at build time (no JavaScript, no network):
:func:`draw_timeline` lays each event out as a bar spanning the period its date
covers, coloured by topic, and the ``timeline`` templates draw it as inline SVG,
each bar a link to its claim, with the list under it as its full text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .dates import PartialDate, year_span
from .model import Claim, Dossier, Source, Topic
from .paths import source_page_path

__all__ = [
    "PALETTE",
    "Bar",
    "Drawing",
    "TimelineEvent",
    "collect_events",
    "draw_timeline",
    "event_order",
    "source_events",
    "topic_colours",
]

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
"""Topic colours, in the order of the topics file (repeating)."""

PUBLICATION_COLOUR = "#6b6b6b"
"""The colour of publication events."""

_WIDTH = 800
_MARGIN = 20
_LANE = 18
_AXIS = 24


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event: a publication, or what a claim reports."""

    date: PartialDate
    """When, at its precision."""

    source: Source
    """The source that publishes or reports it."""

    claim: Claim | None = None
    """The claim reporting it; None for the publication itself."""

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


def topic_colours(topics: Sequence[Topic]) -> dict[str, str]:
    """The colour of each topic."""
    return {t.id: PALETTE[i % len(PALETTE)] for i, t in enumerate(topics)}


def _plain(text: str) -> str:
    """Inline Markdown reduced to its words, for SVG titles."""
    return text.replace("**", "").replace("*", "").replace("`", "")


@dataclass(frozen=True)
class Bar:
    """An event drawn: a bar spanning the period its date covers."""

    event: TimelineEvent
    """The event."""

    x: float
    """Left edge."""

    y: int
    """Top edge (its lane)."""

    width: float
    """Width, at least a few pixels."""

    colour: str
    """Its topic's colour, or the publications' colour."""

    opacity: float
    """Fill opacity: publications lighter."""

    label: str
    """Its title: date and what happened in plain words (the list below the picture names a claim's
    source)."""


@dataclass(frozen=True)
class Drawing:
    """The geometry of the picture of a timeline, for the template that draws it."""

    width: int
    """The picture's width in its own units."""

    height: int
    """Its height: one lane per overlap."""

    axis: int
    """The height of the axis above the first lane."""

    bar_height: int
    """The height of a bar."""

    first_year: int
    """The first year drawn."""

    last_year: int
    """The last year drawn."""

    bars: tuple[Bar, ...]
    """The events, in order."""

    year_starts: tuple[float, ...]
    """Where each year drawn starts, then where the last one ends: the ticks of the axis."""

    span: str
    """The years the events cover, for readers: ``2023`` or ``2021–2024``."""

    topics: frozenset[str]
    """The topics whose colour is used (for the key)."""

    publications: bool
    """Whether publications are drawn (for the key)."""

    publication_colour: str = PUBLICATION_COLOUR
    """The colour of publications."""


def draw_timeline(events: Sequence[TimelineEvent], colours: dict[str, str]) -> Drawing | None:
    """The picture of ``events``: one lane per overlap, year ticks; None when there are none."""
    if not events:
        return None
    first = min(e.date.first_day for e in events)
    start = first.replace(month=1, day=1).toordinal()
    last_year = max(e.date.last_day for e in events).year
    end = first.replace(year=last_year + 1, month=1, day=1).toordinal()
    scale = (_WIDTH - 2 * _MARGIN) / (end - start)

    def x(ordinal: int) -> float:
        return round(_MARGIN + (ordinal - start) * scale, 1)

    lanes: list[float] = []
    bars = []
    for event in events:
        left, right = x(event.date.first_day.toordinal()), x(event.date.last_day.toordinal() + 1)
        right = max(right, left + 6)
        lane = next((i for i, end_x in enumerate(lanes) if end_x + 2 <= left), len(lanes))
        if lane == len(lanes):
            lanes.append(right)
        else:
            lanes[lane] = right
        colour = colours.get(event.topic or "", PUBLICATION_COLOUR) if event.claim else PUBLICATION_COLOUR
        label = f"{event.date.label}: {_plain(event.text)}"
        y = _AXIS + 8 + lane * _LANE
        bars.append(Bar(event, left, y, round(right - left, 1), colour, 0.85 if event.claim else 0.5, label))
    year_starts = tuple(
        x(first.replace(year=year, month=1, day=1).toordinal()) for year in range(first.year, last_year + 2)
    )
    return Drawing(
        width=_WIDTH,
        height=_AXIS + 8 + len(lanes) * _LANE + 4,
        axis=_AXIS,
        bar_height=_LANE - 6,
        first_year=first.year,
        last_year=last_year,
        bars=tuple(bars),
        year_starts=year_starts,
        topics=frozenset(e.topic for e in events if e.claim and e.topic),
        publications=any(e.claim is None for e in events),
        span=year_span(e.date for e in events),
    )

"""The timeline: every dated event of the dossier, as a list and as inline SVG.

Events are each source's publication and every claim's ``event_date``. They
sort by :attr:`~.dates.PartialDate.sort_key` and print with
:attr:`~.dates.PartialDate.label`, so a month stays a month and a half-year a
half-year. The picture is drawn at build time (no JavaScript, no network):
each event is a link to its claim, spanning the period its date covers,
coloured by topic; the list under it is its full text alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby

from .dates import PartialDate, year_span
from .markup import escape, render_label
from .model import Claim, Dossier, Source, Topic

__all__ = [
    "PALETTE",
    "TimelineEvent",
    "collect_events",
    "render_timeline",
    "render_timeline_list",
    "render_timeline_svg",
    "topic_colours",
]

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
"""Topic colours, in the order of the topics file (repeating)."""

PUBLICATION_COLOUR = "#6b6b6b"
"""The colour of publication events."""

Href = Callable[[str, str | None], str]
"""``href(page_path, fragment)``: a link from the page being built."""

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
        return f"sources/{self.source.id}.md"


def _order(event: TimelineEvent) -> tuple:
    return (event.date.sort_key, event.claim is not None, event.source.date.sort_key, event.source.id,
            event.claim.start if event.claim else -1)  # fmt: skip


def collect_events(dossier: Dossier, topic_id: str | None = None) -> list[TimelineEvent]:
    """Every dated event in order; for a topic, only its claims' events."""
    events = []
    for source in dossier.sources:
        if topic_id is None:
            events.append(TimelineEvent(source.date, source))
        events += [
            TimelineEvent(c.event_date, source, c)
            for c in source.claims
            if c.event_date is not None and (topic_id is None or topic_id in c.topics)
        ]
    return sorted(events, key=_order)


def topic_colours(topics: Sequence[Topic]) -> dict[str, str]:
    """The colour of each topic."""
    return {t.id: PALETTE[i % len(PALETTE)] for i, t in enumerate(topics)}


def _plain(text: str) -> str:
    """Inline Markdown reduced to its words, for SVG titles."""
    return text.replace("**", "").replace("*", "").replace("`", "")


def render_timeline_svg(
    events: Sequence[TimelineEvent], colours: dict[str, str], href: Href, ident: str = "timeline"
) -> str:
    """The events drawn as an inline SVG picture: one lane per overlap, year ticks, links."""
    if not events:
        return ""
    first = min(e.date.first_day for e in events)
    start = first.replace(month=1, day=1).toordinal()
    last_year = max(e.date.last_day for e in events).year
    end = first.replace(year=last_year + 1, month=1, day=1).toordinal()
    scale = (_WIDTH - 2 * _MARGIN) / (end - start)

    def x(ordinal: int) -> float:
        return round(_MARGIN + (ordinal - start) * scale, 1)

    lanes: list[float] = []
    shapes = []
    for event in events:
        left, right = x(event.date.first_day.toordinal()), x(event.date.last_day.toordinal() + 1)
        right = max(right, left + 6)
        lane = next((i for i, end_x in enumerate(lanes) if end_x + 2 <= left), len(lanes))
        if lane == len(lanes):
            lanes.append(right)
        else:
            lanes[lane] = right
        y = _AXIS + 8 + lane * _LANE
        colour = colours.get(event.topic or "", PUBLICATION_COLOUR) if event.claim else PUBLICATION_COLOUR
        label = f"{event.date.label}: {_plain(event.text)}"
        if event.claim:
            label += f" ({event.source.title})"
        shapes.append(
            f'<a href="{escape(href(event.page, event.fragment))}"><title>{escape(label)}</title>'
            f'<rect x="{left}" y="{y}" width="{round(right - left, 1)}" height="{_LANE - 6}" rx="3" '
            f'fill="{colour}" fill-opacity="{0.85 if event.claim else 0.5}"/></a>'
        )
    height = _AXIS + 8 + len(lanes) * _LANE + 4
    ticks = []
    for year in range(first.year, last_year + 2):
        tx = x(first.replace(year=year, month=1, day=1).toordinal())
        ticks.append(
            f'<line x1="{tx}" y1="{_AXIS - 6}" x2="{tx}" y2="{height}" stroke="currentColor" stroke-opacity="0.25"/>'
        )
        if year <= last_year:
            ticks.append(f'<text x="{tx + 4}" y="{_AXIS - 10}" font-size="12" fill="currentColor">{year}</text>')
    count = len(events)
    return (
        f'<svg class="dx-timeline-svg" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {_WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">Timeline of {count} dated event{"s" if count != 1 else ""}, '
        f"{year_span(e.date for e in events)}</title>"
        f'<desc id="{ident}-desc">Each bar spans the period its date covers and links to its claim; '
        "grey bars are publications. The list below gives every event in full.</desc>"
        f"{''.join(ticks)}{''.join(shapes)}</svg>"
    )


def _time(date: PartialDate) -> str:
    if date.period is None:
        return f'<time datetime="{date.iso}">{escape(date.label)}</time>'
    return f'<span class="dx-date">{escape(date.label)}</span>'  # a period has no HTML date form


def render_timeline_list(events: Sequence[TimelineEvent], href: Href, heading: int = 2, ident: str = "") -> str:
    """The events as lists grouped by year: the full text alternative of the picture."""
    parts = []
    for year, group in groupby(events, key=lambda e: e.date.year):
        items = "".join(
            f'<li class="dx-event{" dx-event-claim" if e.claim else " dx-event-publication"}">'
            f"{_time(e.date)} — "
            f'<a href="{escape(href(e.page, e.fragment))}">{render_label(e.text)}</a>'
            + (
                f' <small>(<a href="{escape(href(e.page, None))}">{escape(e.source.title)}</a>)</small>'
                if e.claim
                else ""
            )
            + "</li>"
            for e in group
        )
        parts.append(f'<h{heading} id="{ident}year-{year}">{year}</h{heading}><ol class="dx-timeline">{items}</ol>')
    return "".join(parts)


def render_timeline(
    events: Sequence[TimelineEvent], colours: dict[str, str], topics: Sequence[Topic], href: Href, heading: int = 2,
    ident: str = "timeline",
) -> str:  # fmt: skip
    """The picture, its colour key, then the list."""
    if not events:
        return "<p>No dated event yet.</p>"
    used = {e.topic for e in events if e.claim}
    key = "".join(
        f'<li><span class="dx-swatch" style="background:{colours[t.id]}"></span>{escape(t.title)}</li>'
        for t in topics
        if t.id in used
    )
    if any(e.claim is None for e in events):
        key += f'<li><span class="dx-swatch" style="background:{PUBLICATION_COLOUR}"></span>Publication</li>'
    return (
        f'<figure class="dx-timeline-figure">{render_timeline_svg(events, colours, href, ident)}'
        f'<figcaption><ul class="dx-key">{key}</ul></figcaption></figure>'
        + render_timeline_list(events, href, heading, "" if ident == "timeline" else f"{ident}-")
    )

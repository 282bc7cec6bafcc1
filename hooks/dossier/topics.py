"""Topics and comparisons: what every source says about a subject, and where they differ.

Claims that share a ``subject`` are compared (:func:`compare_subjects`):
figures after normalisation, within one unit unless a claim says
``compare_across_units``; event dates at their precision
(:meth:`~.dates.PartialDate.overlaps`). This module builds the topic pages,
the dossier-wide "Disagreements" page, the "other sources say …" lines shown
beside claims on source pages, and the related-sources list of each source.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby, islice

from .markup import escape, render_inline
from .model import Claim, Dossier, Source, Topic
from .paging import (
    COMPARISON_ROWS,
    COMPARISONS_PER_PAGE,
    NOTE_OTHERS,
    RELATED_SOURCES,
    chunk,
    render_more,
)
from .paths import DISAGREEMENTS_PAGE, page_path, source_page_path, subject_page_path
from .values import format_value

__all__ = [
    "STATUS_LABELS",
    "ClaimRef",
    "Comparison",
    "ComparisonIndex",
    "RelatedSource",
    "collect_claims",
    "compare_claims",
    "compare_subjects",
    "comparison_target",
    "comparisons_by_claim",
    "has_own_page",
    "index_comparisons",
    "list_comparisons",
    "related_sources",
    "render_comparison",
    "render_comparison_note",
    "render_related",
]

STATUS_LABELS = {
    "disagree": "Sources disagree",
    "incomparable": "Not directly comparable",
    "agree": "Corroborated",
}
"""How each comparison outcome is shown to readers."""

Href = Callable[[str, str | None], str]
"""``href(page_path, fragment)``: a link from the page being built."""

Target = tuple[str, str | None]
"""A link target: page path and fragment."""


@dataclass(frozen=True)
class ClaimRef:
    """A claim together with the source that makes it."""

    source: Source
    """The source."""

    claim: Claim
    """One of its claims."""

    @property
    def key(self) -> tuple[str, str]:
        """``(source id, claim id)``: unique in the dossier."""
        return (self.source.id, self.claim.id)

    @property
    def page(self) -> str:
        """The source page, as a page path."""
        return source_page_path(self.source.id)

    @property
    def figure(self) -> str:
        """The figure (normalised: ``300 mille`` → ``300 000``) or date the claim reports."""
        claim = self.claim
        if claim.value is not None:
            figure = format_value(claim.value)
            return f"{figure} {claim.unit}" if claim.unit else figure
        if claim.event_date is not None:
            return claim.event_date.label
        return ""


@dataclass(frozen=True)
class Comparison:
    """The claims of several sources on one subject, and whether they agree."""

    subject: str
    """The shared ``subject`` key."""

    kind: str
    """``value`` (figures compared) or ``date`` (event dates compared)."""

    status: str
    """``agree``, ``disagree`` or ``incomparable`` (figures in different units)."""

    refs: tuple[ClaimRef, ...]
    """The claims compared, by source date."""

    @property
    def anchor(self) -> str:
        """The element id of the comparison on the pages that list it."""
        return f"subject-{self.subject}"

    @cached_property
    def one_claim_per_source(self) -> bool:
        """Whether no source gives two of the compared claims (then "other sources" is exact)."""
        return len({r.source.id for r in self.refs}) == len(self.refs)

    @property
    def status_label(self) -> str:
        """The outcome, for readers."""
        return STATUS_LABELS[self.status]


def collect_claims(dossier: Dossier, topic_id: str | None = None) -> list[ClaimRef]:
    """Every claim of the dossier (or of one topic), by source then text order."""
    return [
        ClaimRef(source, claim)
        for source in dossier.sources
        for claim in source.claims
        if topic_id is None or topic_id in claim.topics
    ]


def _same(values: Iterable[float]) -> bool:
    items = list(values)
    return all(math.isclose(v, items[0], rel_tol=1e-9) for v in items)


def _compare_values(refs: Sequence[ClaimRef]) -> str:
    values = [(r.claim.unit, r.claim.value or 0.0) for r in refs]
    if any(r.claim.compare_across_units for r in refs) or len({u for u, _ in values}) == 1:
        return "agree" if _same(v for _, v in values) else "disagree"
    by_unit: dict[str | None, list[float]] = defaultdict(list)
    for unit, value in values:
        by_unit[unit].append(value)
    return "disagree" if any(not _same(group) for group in by_unit.values()) else "incomparable"


def compare_claims(subject: str, refs: Sequence[ClaimRef]) -> Comparison | None:
    """Compare the claims on one subject; None when fewer than two can be compared."""
    valued = [r for r in refs if r.claim.value is not None]
    if len(valued) >= 2:
        return Comparison(subject, "value", _compare_values(valued), tuple(valued))
    dated = [r for r in refs if r.claim.event_date is not None]
    if len(dated) >= 2:
        agree = all(
            a.claim.event_date.overlaps(b.claim.event_date)  # type: ignore[union-attr]
            for i, a in enumerate(dated)
            for b in dated[i + 1 :]
        )
        return Comparison(subject, "date", "agree" if agree else "disagree", tuple(dated))
    return None


def compare_subjects(dossier: Dossier) -> tuple[Comparison, ...]:
    """Every subject reported by two claims or more, compared; by subject."""
    by_subject: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in collect_claims(dossier):
        if ref.claim.subject:
            by_subject[ref.claim.subject].append(ref)
    found = (compare_claims(subject, refs) for subject, refs in sorted(by_subject.items()))
    return tuple(c for c in found if c is not None)


def comparisons_by_claim(comparisons: Iterable[Comparison]) -> dict[tuple[str, str], Comparison]:
    """The comparison each claim takes part in, by ``(source id, claim id)``."""
    return {ref.key: comparison for comparison in comparisons for ref in comparison.refs}


@dataclass(frozen=True)
class ComparisonIndex:
    """What pages look up in the comparisons, computed once per build for all of them."""

    comparisons: tuple[Comparison, ...]
    """Every comparison, in the dossier's order."""

    by_claim: dict[tuple[str, str], Comparison]
    """The comparison each claim takes part in (:func:`comparisons_by_claim`)."""

    listed: dict[str, str]
    """The disagreements page listing each subject (:func:`list_comparisons`)."""

    topics: dict[str, frozenset[str]]
    """The topics of each subject's claims."""


def index_comparisons(comparisons: tuple[Comparison, ...]) -> ComparisonIndex:
    """Index ``comparisons`` for the pages."""
    return ComparisonIndex(
        comparisons,
        comparisons_by_claim(comparisons),
        {c.subject: at for c, at in list_comparisons(comparisons)},
        {c.subject: frozenset(t for r in c.refs for t in r.claim.topics) for c in comparisons},
    )


def list_comparisons(comparisons: Iterable[Comparison]) -> list[tuple[Comparison, str]]:
    """The comparisons in the order of the disagreements pages (disagreements first), with the page of each."""
    order = {status: i for i, status in enumerate(STATUS_LABELS)}
    ranked = sorted(comparisons, key=lambda c: order[c.status])
    return [
        (c, page_path(DISAGREEMENTS_PAGE, number))
        for number, run in enumerate(chunk(ranked, COMPARISONS_PER_PAGE), start=1)
        for c in run
    ]


def has_own_page(comparison: Comparison) -> bool:
    """Whether a comparison is too long to show in full where it is listed, so has its own page."""
    return len(comparison.refs) > COMPARISON_ROWS


def comparison_target(comparison: Comparison, listed: dict[str, str]) -> Target:
    """Where a comparison is shown in full: its own page when long, else where it is listed."""
    if has_own_page(comparison):
        return subject_page_path(comparison.subject), None
    return listed[comparison.subject], comparison.anchor


def _claim_link(ref: ClaimRef, href: Href, text: str) -> str:
    return f'<a href="{escape(href(ref.page, ref.claim.anchor))}">{text}</a>'


def render_comparison_note(comparison: Comparison, ref: ClaimRef, href: Href, full: Target) -> str:
    """The "other sources say …" line shown beside one claim of a comparison (the first few others,
    then a link to ``full``, where the comparison is shown in full)."""
    others = list(islice((r for r in comparison.refs if r.claim is not ref.claim), NOTE_OTHERS))
    items = "; ".join(
        f"{_claim_link(r, href, escape(r.figure))} ({escape(r.source.title)}, {escape(r.source.date.label)})"
        for r in others
    )
    rest = len(comparison.refs) - 1 - len(others)
    if rest > 0:
        items += f'; and <a href="{escape(href(*full))}">{rest} more</a>'
    who = "other sources" if comparison.one_claim_per_source else "other claims"
    lead = {
        "disagree": f"{who} say",
        "incomparable": f"{who} give, in other units,",
        "agree": f"{who} say the same:",
    }[comparison.status]
    return (
        f'<div class="dx-compare dx-compare-{comparison.status}">'
        f'<span class="dx-field">{escape(comparison.status_label)}:</span> {lead} {items}.</div>'
    )


def render_comparison(
    comparison: Comparison, href: Href, heading: int = 3, refs: Sequence[ClaimRef] | None = None, more: str = ""
) -> str:
    """A comparison as a titled table: each source's figure, with its quote and a link.

    A long comparison shows its first rows, then a link to its own page; that page passes
    the ``refs`` of each of its pages and ``more`` (its pager).
    """
    what = "Figure" if comparison.kind == "value" else "Date"
    if refs is None:
        refs = comparison.refs[:COMPARISON_ROWS]
        link = f'<a href="{escape(href(subject_page_path(comparison.subject), None))}">all of them</a>'
        more = render_more(len(refs), len(comparison.refs), "claims", link)
    rows = "".join(
        "<tr>"
        f'<td><a href="{escape(href(r.page, None))}">{escape(r.source.title)}</a> '
        f"<small>({escape(r.source.date.label)})</small></td>"
        f"<td>{_claim_link(r, href, escape(r.figure))}</td>"
        f'<td><q lang="{escape(r.source.language or "und")}">{escape(r.claim.quote)}</q></td>'
        "</tr>"
        for r in refs
    )
    return (
        f'<section class="dx-comparison dx-compare-{comparison.status}">'
        f'<h{heading} id="{escape(comparison.anchor)}"><code>{escape(comparison.subject)}</code> '
        f'<span class="dx-status">{escape(comparison.status_label)}</span></h{heading}>'
        f'<table class="dx-table"><thead><tr><th>Source</th><th>{what}</th><th>Quote</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{more}</section>"
    )


def _source_keys(source: Source) -> tuple[set[str], set[str]]:
    topics = set(source.topics) | {t for c in source.claims for t in c.topics}
    subjects = {c.subject for c in source.claims if c.subject}
    return topics, subjects


@dataclass(frozen=True)
class RelatedSource:
    """A source sharing topics or subjects with another."""

    source: Source
    """The other source."""

    topics: tuple[str, ...]
    """The topic ids both touch, sorted."""

    subjects: tuple[str, ...]
    """The subjects both report, sorted."""


def related_sources(dossier: Dossier, limit: int | None = None) -> dict[str, list[RelatedSource]]:
    """For each source, the others sharing a topic or subject; at most ``limit`` of them
    when given, the first in dossier order."""
    keys = {s.id: _source_keys(s) for s in dossier.sources}
    related: dict[str, list[RelatedSource]] = {}
    for source in dossier.sources:
        topics, subjects = keys[source.id]
        found = []
        for other in dossier.sources:
            if other.id == source.id:
                continue
            shared_topics = tuple(sorted(topics & keys[other.id][0]))
            shared_subjects = tuple(sorted(subjects & keys[other.id][1]))
            if shared_topics or shared_subjects:
                found.append(RelatedSource(other, shared_topics, shared_subjects))
                if len(found) == limit:
                    break
        related[source.id] = found
    return related


def render_related(
    related: Sequence[RelatedSource],
    topics: dict[str, Topic],
    href: Href,
) -> str:
    """The "Related sources" section of a source page; empty when there are none."""
    if not related:
        return ""
    items = []
    for item in related[:RELATED_SOURCES]:
        other, shared_topics, shared_subjects = item.source, item.topics, item.subjects
        why = [escape(topics[t].title if t in topics else t) for t in shared_topics]
        why += [f"<code>{escape(s)}</code>" for s in shared_subjects]
        items.append(
            f'<li><a href="{escape(href(source_page_path(other.id), None))}">{escape(other.title)}</a> '
            f"<small>({escape(other.date.label)})</small> — shares {', '.join(why)}</li>"
        )
    more = ""
    if len(related) > RELATED_SOURCES:
        more = '<p class="dx-more">More sources share a topic or subject with this one: see its topics.</p>'
    return f'<h2 id="related">Related sources</h2><ul class="dx-related">{"".join(items)}</ul>{more}'


def render_topic_claims(
    refs: Sequence[ClaimRef],
    compared: dict[tuple[str, str], Comparison],
    listed: dict[str, str],
    href: Href,
) -> str:
    """Claims on a topic (one page of them), grouped by source, each with its quote and comparison."""
    groups = []
    for _, run in groupby(refs, key=lambda r: r.source.id):
        items = []
        run = list(run)
        source = run[0].source
        for ref in run:
            comparison = compared.get(ref.key)
            note = ""
            if comparison:
                note = render_comparison_note(comparison, ref, href, comparison_target(comparison, listed))
            items.append(
                '<li class="dx-item dx-item-claim">'
                f'<span class="dx-claim-text">{render_inline(ref.claim.claim)}</span> '
                f'<q class="dx-quote" lang="{escape(source.language or "und")}">{escape(ref.claim.quote)}</q> '
                f"{_claim_link(ref, href, 'See it in the text')}{note}</li>"
            )
        groups.append(
            f'<h3><a href="{escape(href(source_page_path(source.id), None))}">{escape(source.title)}</a> '
            f'<small>({escape(source.date.label)})</small></h3><ul class="dx-topic-claims">{"".join(items)}</ul>'
        )
    return "".join(groups) or "<p>No claim is filed under this topic yet.</p>"

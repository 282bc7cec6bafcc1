"""Topics and comparisons: what every source says about a subject, and where they differ.

Claims that share a ``subject`` are compared (:func:`compare_subjects`):
figures after normalisation, within one unit unless a claim says
``compare_across_units``; event dates at their precision
(:meth:`~.dates.PartialDate.overlaps`); answers of a category subject by their
id. Each value holds ``as_of`` a date (the claim's, else its source's): for a
subject whose value changes over time, values at different dates form a
series, and only different values at overlapping dates disagree. This module finds what the topic pages,
the dossier-wide "Disagreements" page, the "other sources say …" lines shown
beside claims and the related sources of each source show; it writes no HTML.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import islice

from .dates import PartialDate
from .model import Claim, Dossier, Source, Subject
from .paging import COMPARISON_ROWS, COMPARISONS_PER_PAGE, chunk
from .paths import DISAGREEMENTS_PAGE, page_path, source_page_path, subject_page_path
from .provenance import Step
from .values import format_value

__all__ = [
    "STATUS_LABELS",
    "ClaimRef",
    "Comparison",
    "ComparisonIndex",
    "FigureSources",
    "RelatedSource",
    "collect_claims",
    "compare_claims",
    "compare_subjects",
    "comparison_target",
    "comparisons_by_claim",
    "has_own_page",
    "independent_origins",
    "index_comparisons",
    "list_comparisons",
    "other_claims",
    "related_sources",
    "source_keys",
]

STATUS_LABELS = {
    "disagree": "Sources disagree",
    "incomparable": "Not directly comparable",
    "series": "Changes over time",
    "relayed": "Relayed, not corroborated",
    "single-source": "One source only",
    "agree": "Corroborated",
}
"""How each comparison outcome is shown to readers."""

Href = Callable[[str, str | None], str]
"""``href(page_path, fragment)``: a link from the page being built."""

Target = tuple[str, str | None]
"""A link target: page path and fragment."""


@dataclass(frozen=True)
class ClaimRef:
    """A claim (``claim``) together with the source that makes it (``source``) and the subject it answers
    (``about``), if any."""

    source: Source
    claim: Claim
    about: Subject | None = None

    @cached_property
    def key(self) -> tuple[str, str]:
        """``(source id, claim id)``: unique in the dossier."""
        return (self.source.id, self.claim.id)

    @cached_property
    def page(self) -> str:
        """The source page, as a page path."""
        return source_page_path(self.source.id)

    @property
    def as_of(self) -> PartialDate:
        """When the claim's value held: its ``as_of``, else its source's date."""
        return self.claim.as_of or self.source.date

    @cached_property
    def figure(self) -> str:
        """The figure (normalised: ``300 mille`` → ``300 000``), answer or date the claim reports."""
        claim = self.claim
        if claim.category is not None and self.about is not None:
            return self.about.label_of(claim.category)
        if claim.value is not None:
            figure = format_value(claim.value)
            return f"{figure} {claim.unit}" if claim.unit else figure
        if claim.event_date is not None:
            return claim.event_date.label
        return ""


@dataclass(frozen=True)
class Comparison:
    """The claims of several sources on one subject, and whether they agree.

    Attributes:
        subject: The shared ``subject`` key.
        kind: ``value`` (figures compared), ``date`` (event dates compared) or ``category`` (answers compared).
        status: ``agree`` (from two independent origins or more), ``relayed`` (the same from sources sharing one
            origin), ``single-source`` (the same, from claims of one source), ``disagree``, ``incomparable`` (figures in
            different units) or ``series`` (different values at different dates, for a subject that changes over time).
        refs: The claims compared, by source date.
        about: The subject's entry in the subjects file.
        origins: The independent origins of the claims compared (see :mod:`.provenance`), when known.
    """

    subject: str
    kind: str
    status: str
    refs: tuple[ClaimRef, ...]
    about: Subject | None = None
    origins: tuple[Step, ...] = ()

    @property
    def title(self) -> str:
        """The subject's title, for readers."""
        return self.about.title if self.about is not None else self.subject

    @property
    def question(self) -> str | None:
        """The question the claims answer."""
        return self.about.question if self.about is not None else None

    @property
    def anchor(self) -> str:
        """The element id of the comparison on the pages that list it."""
        return f"subject-{self.subject}"

    @cached_property
    def one_claim_per_source(self) -> bool:
        """Whether no source gives two of the compared claims (then "other sources" is exact)."""
        return self.source_count == len(self.refs)

    @property
    def status_label(self) -> str:
        """The outcome, for readers."""
        return STATUS_LABELS[self.status]

    @cached_property
    def figures(self) -> tuple[FigureSources, ...]:
        """Each figure the claims compared give, with how many sources give it: the most given first,
        then in the order of the claims."""
        sources: dict[str, set[str]] = {}
        for ref in self.refs:
            sources.setdefault(ref.figure, set()).add(ref.source.id)
        ordered = sorted(sources.items(), key=lambda item: -len(item[1]))
        return tuple(FigureSources(figure, len(ids)) for figure, ids in ordered)

    @cached_property
    def source_count(self) -> int:
        """How many sources give the claims compared."""
        return len({r.source.id for r in self.refs})

    @cached_property
    def series(self) -> tuple[SeriesPoint, ...]:
        """The values in the order of their dates, one point per date and value (several claims
        may give it); empty unless the comparison is a series."""
        if self.status != "series":
            return ()
        points: dict[tuple[str, str], list[ClaimRef]] = {}
        for ref in sorted(self.refs, key=lambda r: r.as_of.sort_key):
            points.setdefault((ref.as_of.iso, ref.figure), []).append(ref)
        return tuple(SeriesPoint(refs[0].as_of, figure, tuple(refs)) for (_, figure), refs in points.items())


@dataclass(frozen=True)
class FigureSources:
    """A figure of a comparison and how many sources give it.

    Attributes:
        figure: The figure, answer or date, for readers.
        sources: How many sources give it.
    """

    figure: str
    sources: int


@dataclass(frozen=True)
class SeriesPoint:
    """A value of a subject that changes over time, at one date.

    Attributes:
        as_of: When the value held.
        figure: The value, for readers.
        refs: The claims that give it.
    """

    as_of: PartialDate
    figure: str
    refs: tuple[ClaimRef, ...]


def collect_claims(dossier: Dossier, topic_id: str | None = None) -> list[ClaimRef]:
    """Every claim of the dossier (or of one topic), by source then text order."""
    subjects = dossier.subject_map
    return [
        ClaimRef(source, claim, subjects.get(claim.subject) if claim.subject else None)
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


def _disagree_at_overlapping_dates(refs: Sequence[ClaimRef]) -> bool:
    """Whether two of ``refs`` whose dates overlap (each at its precision) give values that disagree.

    Claims giving the same value in the same unit at the same date count once, and each is checked
    only against those whose dates overlap its own (in the order of their first day), so the work
    grows with the distinct values and dates, not with the pairs of claims."""
    distinct = sorted(
        {
            (r.as_of.first_day, r.as_of.last_day, r.claim.unit, r.claim.value or 0.0, r.claim.compare_across_units)
            for r in refs
        },
        key=lambda point: (point[0], point[1]),
    )
    open_: list[tuple] = []
    for point in distinct:
        first_day, _, unit, value, across = point
        open_ = [p for p in open_ if p[1] >= first_day]  # the dates that overlap this one (they start no later)
        for _, _, other_unit, other_value, other_across in open_:
            comparable = across or other_across or unit == other_unit
            if comparable and not math.isclose(value, other_value, rel_tol=1e-9):
                return True
        open_.append(point)
    return False


def _compare_over_time(refs: Sequence[ClaimRef]) -> str:
    """Values that change over time: only values at overlapping dates (each at its precision) must agree."""
    if _disagree_at_overlapping_dates(refs):
        return "disagree"
    overall = _compare_values(refs)
    return "series" if overall == "disagree" else overall


def _status(refs: Sequence[ClaimRef]) -> str:
    """The outcome of comparing ``refs`` (all with a value, a date or a category)."""
    if refs[0].claim.category is not None:
        return "agree" if len({r.claim.category for r in refs}) == 1 else "disagree"
    if refs[0].claim.value is not None:
        about = refs[0].about
        return _compare_over_time(refs) if about is not None and about.changes_over_time else _compare_values(refs)
    dates = [r.claim.event_date for r in refs]
    # spans that overlap two by two all share a day: the latest start is not after the earliest end
    latest_start = max(d.first_day for d in dates)  # type: ignore[union-attr]
    return "agree" if latest_start <= min(d.last_day for d in dates) else "disagree"  # type: ignore[union-attr]


def independent_origins(refs: Iterable[ClaimRef], chains: dict[str, tuple[Step, ...]]) -> tuple[Step, ...]:
    """The independent origins of the sources of ``refs``, in order. Sources whose chains of provenance
    share a text (their farthest origin, or a text in between, such as one site that two translations
    come from) count once, together with any source linked to them so; the group is named by the
    farthest text its first two sources share. A source without a known chain is its own origin.

    Groups are kept in a union-find over the texts met, so the work grows with the claims."""
    parent: list[int] = []  # each group's parent (itself for a group still standing), by order of creation
    group_of: dict[str, int] = {}  # each text met: a group it belongs to
    origin: list[Step] = []  # each group's name
    alone: list[tuple[str, frozenset[str]] | None] = []  # a group's only source and its chain's texts

    def find(group: int) -> int:
        while parent[group] != group:
            parent[group] = parent[parent[group]]
            group = parent[group]
        return group

    for ref in refs:
        ident = ref.source.id
        chain = chains.get(ident) or (Step(f"source:{ident}", ref.source.title, ref.page),)
        linked = sorted({find(group_of[step.key]) for step in chain if step.key in group_of})
        if not linked:
            group = len(parent)
            parent.append(group)
            origin.append(chain[0])
            alone.append((ident, frozenset(step.key for step in chain)))
            group_of.update((step.key, group) for step in chain)
            continue
        first = linked[0]  # the oldest group standing keeps its place; the others join it
        only = alone[first]
        if only is not None and only[0] != ident:  # its own origin until another source joins
            origin[first] = next(step for step in chain if step.key in only[1])
        if only is None or only[0] != ident or len(linked) > 1:
            alone[first] = None
        for group in linked[1:]:
            parent[group] = first
        for step in chain:
            group_of.setdefault(step.key, first)
    return tuple(origin[group] for group in range(len(parent)) if parent[group] == group)


def compare_claims(
    subject: str,
    refs: Sequence[ClaimRef],
    about: Subject | None = None,
    chains: dict[str, tuple[Step, ...]] | None = None,
) -> Comparison | None:
    """Compare the claims on one subject (``about`` being its entry, ``chains`` each source's chain of
    provenance); None when fewer than two can be compared. Claims that agree count as corroborated only
    when they come from two independent origins or more."""
    for kind, compared in (
        ("category", [r for r in refs if r.claim.category is not None]),
        ("value", [r for r in refs if r.claim.value is not None]),
        ("date", [r for r in refs if r.claim.event_date is not None]),
    ):
        if len(compared) < 2:
            continue
        status = _status(compared)
        independent = independent_origins(compared, chains or {})
        if status == "agree" and len(independent) < 2:
            status = "single-source" if len({r.source.id for r in compared}) == 1 else "relayed"
        return Comparison(subject, kind, status, tuple(compared), about, independent)
    return None


def compare_subjects(
    dossier: Dossier, chains: dict[str, tuple[Step, ...]] | None = None, refs: Iterable[ClaimRef] | None = None
) -> tuple[Comparison, ...]:
    """Every subject reported by two claims or more, compared; by subject. ``chains``: each source's chain
    of provenance (:class:`~.provenance.Provenance`), so that relayed claims are not counted as corroboration;
    ``refs``: the dossier's claims (:func:`collect_claims`), when already collected."""
    by_subject: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in collect_claims(dossier) if refs is None else refs:
        if ref.claim.subject:
            by_subject[ref.claim.subject].append(ref)
    entries = dossier.subject_map
    found = (
        compare_claims(subject, refs, entries.get(subject), chains) for subject, refs in sorted(by_subject.items())
    )
    return tuple(c for c in found if c is not None)


def comparisons_by_claim(comparisons: Iterable[Comparison]) -> dict[tuple[str, str], Comparison]:
    """The comparison each claim takes part in, by ``(source id, claim id)``."""
    return {ref.key: comparison for comparison in comparisons for ref in comparison.refs}


@dataclass(frozen=True)
class ComparisonIndex:
    """What pages look up in the comparisons, computed once per build for all of them.

    Attributes:
        comparisons: Every comparison, in the dossier's order.
        by_claim: The comparison each claim takes part in (:func:`comparisons_by_claim`).
        listed: The disagreements page listing each subject (:func:`list_comparisons`).
        topics: The topics of each subject's claims.
    """

    comparisons: tuple[Comparison, ...]
    by_claim: dict[tuple[str, str], Comparison]
    listed: dict[str, str]
    topics: dict[str, frozenset[str]]


def index_comparisons(comparisons: tuple[Comparison, ...], last: ComparisonIndex | None = None) -> ComparisonIndex:
    """Index ``comparisons`` for the pages (``last``: an index whose entries for the very same
    comparisons are reused)."""
    kept = {c.subject: c for c in last.comparisons} if last is not None else {}
    return ComparisonIndex(
        comparisons,
        comparisons_by_claim(comparisons),
        {c.subject: at for c, at in list_comparisons(comparisons)},
        {
            c.subject: last.topics[c.subject]
            if last is not None and kept.get(c.subject) is c
            else frozenset(t for r in c.refs for t in r.claim.topics)
            for c in comparisons
        },
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


def other_claims(comparison: Comparison, claim: Claim, limit: int) -> list[ClaimRef]:
    """The first ``limit`` claims of ``comparison`` other than ``claim``."""
    return list(islice((r for r in comparison.refs if r.claim is not claim), limit))


def source_keys(source: Source) -> tuple[set[str], set[str]]:
    """The topics a source touches (its own and its claims') and the subjects its claims report."""
    topics = set(source.topics) | {t for c in source.claims for t in c.topics}
    subjects = {c.subject for c in source.claims if c.subject}
    return topics, subjects


@dataclass(frozen=True)
class RelatedSource:
    """A source sharing topics or subjects with another.

    Attributes:
        source: The other source.
        topics: The topic ids both touch, sorted.
        subjects: The subjects both report, sorted.
    """

    source: Source
    topics: tuple[str, ...]
    subjects: tuple[str, ...]


def related_sources(dossier: Dossier, limit: int | None = None) -> dict[str, list[RelatedSource]]:
    """For each source, the others sharing a topic or subject; at most ``limit`` of them
    when given, the first in dossier order.

    Each source is found through the sources of its topics and subjects (each such list in dossier
    order, merged), so a source costs the few it shows, not a look at every other source."""
    sources = dossier.sources
    keys = [source_keys(s) for s in sources]
    holders: dict[tuple[str, str], list[int]] = defaultdict(list)  # ("topic" or "subject", id): source indexes
    for index, (topics, subjects) in enumerate(keys):
        for key in [*(("topic", t) for t in topics), *(("subject", s) for s in subjects)]:
            holders[key].append(index)
    related: dict[str, list[RelatedSource]] = {}
    for index, source in enumerate(sources):
        topics, subjects = keys[index]
        lists = [holders["topic", t] for t in topics] + [holders["subject", s] for s in subjects]
        found: list[RelatedSource] = []
        previous = -1  # the merged lists are in order: a source met again comes right after itself
        for other in heapq.merge(*lists):
            if len(found) == limit:
                break
            if other not in (previous, index):
                shared_topics = tuple(sorted(topics & keys[other][0]))
                shared_subjects = tuple(sorted(subjects & keys[other][1]))
                found.append(RelatedSource(sources[other], shared_topics, shared_subjects))
            previous = other
        related[source.id] = found
    return related

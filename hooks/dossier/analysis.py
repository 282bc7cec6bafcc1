"""The analysis of a dossier: what pages and exports read beyond the model, computed once per build.

:func:`analyse` runs after loading: each source's provenance, the comparisons of claims
sharing a subject (corroboration counted in independent origins) and their index, each
source's related sources, the dated events, and which claims, sources and events belong
to each topic. Pages and exports are handed the one
:class:`Analysis` and compute none of it again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .findings import Standing, SubjectFindings, find_subjects, standings
from .gcpause import paused_gc
from .model import Dossier, Source
from .paging import RELATED_SOURCES
from .provenance import Provenance, trace_provenance
from .timeline import TimelineEvent, collect_events
from .topics import (
    ClaimRef,
    Comparison,
    ComparisonIndex,
    RelatedSource,
    collect_claims,
    compare_subjects,
    index_comparisons,
    related_sources,
)

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """What one build knows of the dossier beyond its model."""

    index: ComparisonIndex
    """Every comparison, and what pages look up in them."""

    provenance: Provenance
    """Each source's chain of origins."""

    subjects: tuple[SubjectFindings, ...]
    """Every subject, with its claims, answers and finding, in the order of the subjects file."""

    standing: dict[tuple[str, str], Standing]
    """Where each claim stands, by ``(source id, claim id)``."""

    related: dict[str, tuple[RelatedSource, ...]]
    """For each source id, the first sources sharing a topic or subject with it (one more than
    a page shows, so the page knows there are more)."""

    events: tuple[TimelineEvent, ...]
    """Every dated event, in order."""

    claims_by_topic: dict[str, tuple[ClaimRef, ...]]
    """The claims of each topic (by topic id), by source then text order."""

    sources_by_topic: dict[str, tuple[Source, ...]]
    """The sources that touch each topic, by their own topics or their claims'."""

    events_by_topic: dict[str, tuple[TimelineEvent, ...]]
    """The dated claims of each topic, in order."""

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        """Every subject reported by two claims or more, compared; by subject."""
        return self.index.comparisons

    @property
    def disagreements(self) -> tuple[Comparison, ...]:
        """The comparisons whose sources disagree."""
        return tuple(c for c in self.index.comparisons if c.status == "disagree")


def analyse(dossier: Dossier) -> Analysis:
    """Analyse ``dossier`` for the pages and exports of one build (the cyclic garbage collector
    paused meanwhile: :func:`~.gcpause.paused_gc`)."""
    with paused_gc():
        return _analyse(dossier)


def _analyse(dossier: Dossier) -> Analysis:
    refs = collect_claims(dossier)
    claims: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in refs:
        for topic in dict.fromkeys(ref.claim.topics):
            claims[topic].append(ref)
    sources: dict[str, list[Source]] = defaultdict(list)
    for source in dossier.sources:
        for topic in dict.fromkeys([*source.topics, *(t for c in source.claims for t in c.topics)]):
            sources[topic].append(source)
    events = tuple(collect_events(dossier))
    by_topic: dict[str, list[TimelineEvent]] = defaultdict(list)
    for event in events:
        if event.claim is not None:
            for topic in dict.fromkeys(event.claim.topics):
                by_topic[topic].append(event)
    topics = [t.id for t in dossier.topics]
    provenance = trace_provenance(dossier.sources)
    chains = provenance.chains
    index = index_comparisons(compare_subjects(dossier, chains, refs))
    return Analysis(
        index=index,
        provenance=provenance,
        subjects=find_subjects(dossier, {c.subject: c for c in index.comparisons}, chains, refs),
        standing=standings(refs, index.by_claim, chains),
        related={k: tuple(v) for k, v in related_sources(dossier, RELATED_SOURCES + 1).items()},
        events=events,
        claims_by_topic={t: tuple(claims.get(t, ())) for t in topics},
        sources_by_topic={t: tuple(sources.get(t, ())) for t in topics},
        events_by_topic={t: tuple(by_topic.get(t, ())) for t in topics},
    )

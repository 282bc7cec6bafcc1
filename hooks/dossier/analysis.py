"""The analysis of a dossier: what pages and exports read beyond the model, computed once per build.

:func:`analyse` runs after loading: each source's provenance, the comparisons of claims
sharing a subject (corroboration counted in independent origins) and their index, each
source's related sources, the dated events, and which claims, sources and events belong
to each topic. Pages and exports are handed the one
:class:`Analysis` and compute none of it again.

Given the last build's analysis (``previous``: ``mkdocs serve`` rebuilds after an edit), it
recomputes only what the edit touched, and reuses the rest as the very objects of the last
analysis: each unchanged source's claims, each subject's comparison and findings whose claims
and chains of provenance are those of the last analysis, each unchanged claim's standing, the
related sources while every source's topics and subjects are the same. The loader hands back a
source whose files did not change as the same object, so what did not change is told by identity.
The result equals a fresh analysis of the dossier; a change to the subjects file makes it one.
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .findings import Standing, SubjectFindings, answers, standings
from .gcpause import paused_gc
from .model import Dossier, Source, Subject
from .paging import RELATED_SOURCES
from .provenance import Provenance, Step, trace_provenance
from .timeline import TimelineEvent, collect_events, event_order, source_events
from .topics import (
    ClaimRef,
    Comparison,
    ComparisonIndex,
    RelatedSource,
    compare_claims,
    index_comparisons,
    related_sources,
    source_keys,
)

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """What one build knows of the dossier beyond its model.

    Attributes:
        index: Every comparison, and what pages look up in them.
        provenance: Each source's chain of origins.
        subjects: Every subject, with its claims, answers and finding, in the order of the subjects file.
        standing: Where each claim stands, by ``(source id, claim id)``.
        related: For each source id, the first sources sharing a topic or subject with it (one more than a page shows,
            so the page knows there are more).
        events: Every dated event, in order.
        claims_by_topic: The claims of each topic (by topic id), by source then text order.
        sources_by_topic: The sources that touch each topic, by their own topics or their claims'.
        events_by_topic: The dated claims of each topic, in order.
        claims: The claims of each source (by source id), in text order.
        claims_by_subject: The claims on each subject key, whether in the subjects file or not, by source then text
            order.
        basis: What the analysis was made from, for the next build's to tell what changed.
    """

    index: ComparisonIndex
    provenance: Provenance
    subjects: tuple[SubjectFindings, ...]
    standing: dict[tuple[str, str], Standing]
    related: dict[str, tuple[RelatedSource, ...]]
    events: tuple[TimelineEvent, ...]
    claims_by_topic: dict[str, tuple[ClaimRef, ...]]
    sources_by_topic: dict[str, tuple[Source, ...]]
    events_by_topic: dict[str, tuple[TimelineEvent, ...]]
    claims: dict[str, tuple[ClaimRef, ...]] = field(default_factory=dict)
    claims_by_subject: dict[str, tuple[ClaimRef, ...]] = field(default_factory=dict)
    basis: Basis | None = field(default=None, compare=False, repr=False)

    @property
    def comparisons(self) -> tuple[Comparison, ...]:
        """Every subject reported by two claims or more, compared; by subject."""
        return self.index.comparisons

    @property
    def disagreements(self) -> tuple[Comparison, ...]:
        """The comparisons whose sources disagree."""
        return tuple(c for c in self.index.comparisons if c.status == "disagree")


@dataclass(frozen=True)
class Basis:
    """What an analysis was made from: the next build's analysis reuses what is made from the same.

    Attributes:
        sources: The sources analysed, by id.
        subjects: The subjects of the subjects file.
        keys: Each source's topics (its own and its claims') and subjects, by id in dossier order.
    """

    sources: dict[str, Source]
    subjects: tuple[Subject, ...]
    keys: dict[str, tuple[frozenset[str], frozenset[str]]]


def analyse(dossier: Dossier, previous: Analysis | None = None) -> Analysis:
    """Analyse ``dossier`` for the pages and exports of one build (the cyclic garbage collector
    paused meanwhile: :func:`~.gcpause.paused_gc`), reusing what ``previous``, the analysis of the
    last build, made from the same sources and subjects (see the module's description)."""
    with paused_gc():
        last = previous if previous is not None and previous.basis is not None else None
        if last is not None and last.basis is not None and last.basis.subjects != tuple(dossier.subjects):
            last = None
        return _analyse(dossier, last)


def _analyse(dossier: Dossier, last: Analysis | None) -> Analysis:
    basis = last.basis if last is not None else None
    same = {s.id for s in dossier.sources if basis is not None and basis.sources.get(s.id) is s}
    """The sources that are the last analysis's objects."""
    subjects = dossier.subject_map
    claims = {
        s.id: last.claims[s.id] if last is not None and s.id in same else _claim_refs(s, subjects)
        for s in dossier.sources
    }
    refs = [ref for s in dossier.sources for ref in claims[s.id]]
    provenance = _provenance(dossier, last)
    chains = provenance.chains
    moved = _moved_chains(chains, last)
    by_subject: dict[str, list[ClaimRef]] = defaultdict(list)
    for ref in refs:
        if ref.claim.subject:
            by_subject[ref.claim.subject].append(ref)
    on_subject = {subject: tuple(found) for subject, found in sorted(by_subject.items())}
    kept = {k for k, found in on_subject.items() if _unchanged(found, k, last, moved)}
    """The subjects whose claims and their chains are the last analysis's."""
    last_compared = {c.subject: c for c in last.comparisons} if last is not None else {}
    found = (
        last_compared.get(k) if k in kept else compare_claims(k, group, subjects.get(k), chains)
        for k, group in on_subject.items()
    )
    comparisons = tuple(c for c in found if c is not None)
    if last is not None and _same_items(comparisons, last.comparisons):
        index = last.index
    else:
        index = index_comparisons(comparisons, last.index if last is not None else None)
    keys = {s.id: _keys(s, basis, same) for s in dossier.sources}
    return Analysis(
        index=index,
        provenance=provenance,
        subjects=_find_subjects(dossier, on_subject, index, chains, kept, last),
        standing=_standings(refs, index, chains, same, last),
        related=_related(dossier, keys, last),
        **_by_topic(dossier, claims, keys, same, last),
        claims=claims,
        claims_by_subject=on_subject,
        basis=Basis({s.id: s for s in dossier.sources}, tuple(dossier.subjects), keys),
    )


def _claim_refs(source: Source, subjects: dict[str, Subject]) -> tuple[ClaimRef, ...]:
    return tuple(ClaimRef(source, c, subjects.get(c.subject) if c.subject else None) for c in source.claims)


def _same_items(new: tuple, old: tuple) -> bool:
    """Whether two tuples hold the very same objects."""
    return len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True))


def _provenance(dossier: Dossier, last: Analysis | None) -> Provenance:
    """Every source's chain: the last analysis's, or its chains when equal, so that chains compare by identity."""
    provenance = trace_provenance(dossier.sources)
    if last is None:
        return provenance
    if provenance == last.provenance:
        return last.provenance
    old = last.provenance.chains
    chains = {k: old[k] if k in old and old[k] == chain else chain for k, chain in provenance.chains.items()}
    return Provenance(chains, provenance.reliability)


def _moved_chains(chains: dict[str, tuple[Step, ...]], last: Analysis | None) -> set[str]:
    """The source ids whose chain is not the last analysis's object (all, without one)."""
    if last is None:
        return set(chains)
    old = last.provenance.chains
    return {k for k, chain in chains.items() if old.get(k) is not chain}


def _unchanged(refs: tuple[ClaimRef, ...], subject: str, last: Analysis | None, moved: set[str]) -> bool:
    """Whether the claims on ``subject`` are the last analysis's, and their sources' chains too."""
    if last is None:
        return False
    old = last.claims_by_subject.get(subject)
    return old is not None and _same_items(refs, old) and not any(r.source.id in moved for r in refs)


def _find_subjects(
    dossier: Dossier,
    on_subject: dict[str, tuple[ClaimRef, ...]],
    index: ComparisonIndex,
    chains: dict[str, tuple[Step, ...]],
    kept: set[str],
    last: Analysis | None,
) -> tuple[SubjectFindings, ...]:
    """Every subject of the subjects file with its claims, comparison and answers (the last
    analysis's findings for a subject whose claims and chains did not change)."""
    compared = {c.subject: c for c in index.comparisons}
    old = {f.subject.id: f for f in last.subjects} if last is not None else {}
    found = []
    for subject in dossier.subjects:
        refs = on_subject.get(subject.id, ())
        if subject.id in old and (subject.id in kept or (not refs and not old[subject.id].refs)):
            found.append(old[subject.id])
        else:
            found.append(SubjectFindings(subject, refs, compared.get(subject.id), answers(refs, chains)))
    return tuple(found)


def _standings(
    refs: list[ClaimRef],
    index: ComparisonIndex,
    chains: dict[str, tuple[Step, ...]],
    same: set[str],
    last: Analysis | None,
) -> dict[tuple[str, str], Standing]:
    """The standing of every claim: the last analysis's for a claim of an unchanged source whose
    comparison (or its lack) is the last analysis's."""
    if last is None:
        return standings(refs, index.by_claim, chains)
    old, old_by_claim = last.standing, last.index.by_claim

    def known(ref: ClaimRef, comparison: Comparison | None) -> Standing | None:
        if ref.source.id in same and old_by_claim.get(ref.key) is comparison:
            return old.get(ref.key)
        return None

    return standings(refs, index.by_claim, chains, known)


def _keys(source: Source, basis: Basis | None, same: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A source's topics (its own and its claims') and subjects."""
    if basis is not None and source.id in same:
        return basis.keys[source.id]
    topics, subjects = source_keys(source)
    return (frozenset(topics), frozenset(subjects))


def _related(
    dossier: Dossier, keys: dict[str, tuple[frozenset[str], frozenset[str]]], last: Analysis | None
) -> dict[str, tuple[RelatedSource, ...]]:
    """Each source's first related sources: while every source's topics and subjects, and their order,
    are the last analysis's, its related sources are too, each holding the source of this dossier."""
    basis = last.basis if last is not None else None
    if last is None or basis is None or tuple(keys) != tuple(basis.keys) or keys != basis.keys:
        return {k: tuple(v) for k, v in related_sources(dossier, RELATED_SOURCES + 1).items()}
    by_id = {s.id: s for s in dossier.sources}
    related = {}
    for ident, old in last.related.items():
        if all(r.source is by_id[r.source.id] for r in old):
            related[ident] = old
        else:
            related[ident] = tuple(RelatedSource(by_id[r.source.id], r.topics, r.subjects) for r in old)
    return related


def _by_topic(
    dossier: Dossier,
    claims: dict[str, tuple[ClaimRef, ...]],
    keys: dict[str, tuple[frozenset[str], frozenset[str]]],
    same: set[str],
    last: Analysis | None,
) -> dict[str, Any]:
    """The dated events, and each topic's claims, sources and events: while the sources and the topics
    are the last analysis's in number and order, the last's, with the changed sources' parts put in
    their place (in the topics they touch, or touched); else gathered anew."""
    basis = last.basis if last is not None else None
    topics = [t.id for t in dossier.topics]
    if last is None or basis is None or tuple(keys) != tuple(basis.keys) or topics != list(last.claims_by_topic):
        return _gather_by_topic(dossier, [ref for s in dossier.sources for ref in claims[s.id]], topics)
    changed = [s for s in dossier.sources if s.id not in same]
    ids = {s.id for s in changed}
    place = {ident: n for n, ident in enumerate(keys)}
    new_events = [e for s in changed for e in source_events(s)]
    by_topic = {
        "claims_by_topic": dict(last.claims_by_topic),
        "sources_by_topic": dict(last.sources_by_topic),
        "events_by_topic": dict(last.events_by_topic),
    }
    touched = {t for s in changed for t in keys[s.id][0] | basis.keys[s.id][0]}
    for topic in (t for t in topics if t in touched):
        new = {
            "claims_by_topic": [r for s in changed for r in claims[s.id] if topic in r.claim.topics],
            "sources_by_topic": [s for s in changed if topic in keys[s.id][0]],
            "events_by_topic": [e for e in new_events if e.claim is not None and topic in e.claim.topics],
        }
        for name, items in new.items():
            order = event_order if name == "events_by_topic" else partial(_source_place, place)
            by_topic[name][topic] = _splice(by_topic[name][topic], ids, items, order)
    return {"events": _splice(last.events, ids, new_events, event_order), **by_topic}


def _splice(old: tuple, ids: set[str], new: list, order: Callable[[Any], Any]) -> tuple:
    """``old`` (in ``order``) without the items of the sources ``ids``, with ``new`` put in their place."""
    kept = [item for item in old if _source_id(item) not in ids]
    for item in new:
        insort(kept, item, key=order)
    return tuple(kept)


def _source_id(item: ClaimRef | Source | TimelineEvent) -> str:
    return item.id if isinstance(item, Source) else item.source.id


def _source_place(place: dict[str, int], item: ClaimRef | Source) -> int:
    return place[_source_id(item)]


def _gather_by_topic(dossier: Dossier, refs: list[ClaimRef], topics: list[str]) -> dict[str, Any]:
    """The dated events, and each topic's claims, sources and events, from the whole dossier."""
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
    return {
        "events": events,
        "claims_by_topic": {t: tuple(claims.get(t, ())) for t in topics},
        "sources_by_topic": {t: tuple(sources.get(t, ())) for t in topics},
        "events_by_topic": {t: tuple(by_topic.get(t, ())) for t in topics},
    }

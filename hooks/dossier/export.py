"""Machine-readable exports of the dossier: ``dossier.json``, and the schema.org ``ClaimReview``
data of each source page with verdicts.

Besides the sources (each claim with its ``as_of`` date, verdict and standing), it lists the
topics with their claims, the subjects with their findings and outcomes, each source's
provenance, the timeline and the disagreements of the build's :class:`~.analysis.Analysis`;
the W3C Web Annotation export is :mod:`.w3c`.

Offsets are code-point offsets into the text as stored (UTF-8 decoded, without
a leading byte-order mark), so that ``text[start:end] == quote`` holds for
every note and claim.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections.abc import Callable
from functools import partial
from typing import Any, TextIO

from .analysis import Analysis
from .cache import PerSource, Pieces
from .findings import STANDING_LABELS, Standing, SubjectFindings
from .model import Claim, Dossier, Note, Source, Verdict
from .paths import Layout, source_page_path, topic_page_path
from .provenance import Step
from .topics import ClaimRef

__all__ = ["RATING_VALUES", "build_claim_reviews", "build_dossier_json", "render_json", "write_dossier_json"]

FORMAT_VERSION = 7
"""2: subjects, provenance, and each claim's ``category``, ``as_of``, ``verdict`` and ``standing``;
3: each source's ``summary`` and ``reliability`` line; 4: a source's, note's or claim's field that
is null or an empty list is left out (a claim's ``as_of`` is always given), and what each claim
already says is not said again: no ``timeline`` (the sources' dates and the claims' ``event_date``)
and no ``claims`` in ``topics`` (the claims' ``topics``); 5: no ``claims`` in ``subjects`` (the
claims' ``subject``), and a disagreement's claims are ``{source, claim}`` references without the
``value`` and ``unit`` the claims give, nor the ``title`` its subject gives; 6: a claim's ``as_of`` is
given only when it is not its source's ``date``, a disagreement lists no ``claims`` (they are its
subject's claims that give what it compares: a ``category``, a ``value`` or an ``event_date``, as its
``kind`` says), and a provenance step's null ``how`` and ``note`` are left out; 7: a claim's
standing gives its ``label`` only when it is not the one ``standings`` (at the top) gives its
``kind``, and a verdict no ``label`` (its ``rating``'s label is in ``standings``)."""

RATING_VALUES = {"accurate": 5, "unsupported": 3, "misleading": 2, "inaccurate": 1, "mistranslated": 1}
"""Each verdict on the numeric scale of a ``ClaimReview`` (1, false, to 5, true): a mistranslated
claim states what its original did not say, so it rates as low as an inaccurate one."""


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` without those that are null or an empty list."""
    return {name: value for name, value in fields.items() if value is not None and value != []}


def _note(note: Note) -> dict[str, Any]:
    return _present(
        {
            "id": note.id,
            "kind": note.kind,
            "quote": note.quote,
            "start": note.start,
            "end": note.end,
            "original": note.original,
            "english": note.english,
            "explanation": note.explanation,
        }
    )


def _verdict(verdict: Verdict | None) -> dict[str, Any] | None:
    if verdict is None:
        return None
    return {"rating": verdict.rating, "reason": verdict.reason}


def _standing(standing: Standing | None) -> dict[str, Any] | None:
    if standing is None:
        return None
    if STANDING_LABELS.get(standing.kind) == standing.label:
        return {"kind": standing.kind}
    return {"kind": standing.kind, "label": standing.label}


def _claim(claim: Claim, source: Source, analysis: Analysis) -> dict[str, Any]:
    return _present(
        {
            "id": claim.id,
            "quote": claim.quote,
            "start": claim.start,
            "end": claim.end,
            "claim": claim.claim,
            "topics": list(claim.topics),
            "subject": claim.subject,
            "value": _number(claim.value),
            "unit": claim.unit,
            "event_date": claim.event_date.iso if claim.event_date else None,
            "category": claim.category,
            "as_of": claim.as_of.iso if claim.as_of and claim.as_of != source.date else None,
            "comment": claim.comment,
            "context": [{"text": c.text, "url": c.url} for c in claim.context],
            "verdict": _verdict(claim.verdict),
            "standing": _standing(analysis.standing.get((source.id, claim.id))),
        }
    )


def _step(step: Step, layout: Layout) -> dict[str, Any]:
    return {
        "key": step.key,
        "label": step.label,
        "url": layout.url(step.page) if step.page else step.url,
        **_present({"how": step.how, "note": step.note}),
    }


def _provenance(dossier: Dossier, analysis: Analysis, layout: Layout) -> list[dict[str, Any]]:
    chains = analysis.provenance.chains
    return [
        {"source": s.id, "origin": chains[s.id][0].key, "chain": [_step(step, layout) for step in chains[s.id]]}
        for s in dossier.sources
    ]


def _ref(ref: ClaimRef) -> dict[str, str]:
    return {"source": ref.source.id, "claim": ref.claim.id}


def _subject(entry: SubjectFindings) -> dict[str, Any]:
    subject, finding, comparison = entry.subject, entry.subject.finding, entry.comparison
    return {
        "id": subject.id,
        "title": subject.title,
        "question": subject.question,
        "kind": subject.kind,
        "unit": subject.unit,
        "values": [{"id": v.id, "label": v.label} for v in subject.values],
        "changes_over_time": subject.changes_over_time,
        "finding": None
        if finding is None
        else {
            "status": finding.status,
            "answer": finding.answer,
            "reasoning": finding.reasoning,
            "citations": [{"url": c.url, "supports": c.supports} for c in finding.citations],
        },
        "outcome": comparison.status if comparison is not None else None,
        "answers": [
            {"value": a.figure, "origins": [o.key for o in a.origins], "claims": [_ref(r) for r in a.refs]}
            for a in entry.answers
        ],
        "series": [
            {"as_of": p.as_of.iso, "value": p.figure, "claims": [_ref(r) for r in p.refs]}
            for p in (comparison.series if comparison is not None else ())
        ],
    }


def _source(source: Source, layout: Layout, analysis: Analysis) -> dict[str, Any]:
    return _present(
        {
            "id": source.id,
            "path": source.path,
            "annotation_path": source.annotation_path,
            "url": layout.url(source_page_path(source.id)),
            "title": source.title,
            "summary": source.summary,
            "date": source.date.iso,
            "date_precision": source.date.precision,
            "date_basis": source.date_basis,
            "language": source.language,
            "translated_from": source.translated_from,
            "publisher": source.publisher,
            "original_url": source.url,
            "reliability": analysis.provenance.reliability.get(source.id),
            "topics": list(source.topics),
            "notes": [_note(n) for n in source.notes],
            "claims": [_claim(c, source, analysis) for c in source.claims],
        }
    )


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


def _source_inputs(source: Source, layout: Layout, analysis: Analysis) -> tuple:
    """What :func:`_source` reads besides the source: its page's address, its reliability and its
    claims' standings (``mkdocs serve`` reuses an entry while they are the same)."""
    standing = analysis.standing
    return (
        layout.url(source_page_path(source.id)),
        analysis.provenance.reliability.get(source.id),
        tuple(standing.get((source.id, c.id)) for c in source.claims),
    )


def build_dossier_json(dossier: Dossier, analysis: Analysis, layout: Layout, *, sources: bool = True) -> dict[str, Any]:
    """The dossier as plain data, ready for :func:`json.dumps` (``sources=False``: its list of sources
    left empty, for :func:`write_dossier_json`)."""
    return {
        "version": FORMAT_VERSION,
        "standings": STANDING_LABELS,
        "sources": [_source(s, layout, analysis) for s in dossier.sources] if sources else [],
        "subjects": [_subject(entry) for entry in analysis.subjects],
        "provenance": _provenance(dossier, analysis, layout),
        "topics": _topics(dossier, layout),
        "disagreements": _disagreements(analysis),
    }


def _topics(dossier: Dossier, layout: Layout) -> list[dict[str, Any]]:
    return [{"id": t.id, "title": t.title, "url": layout.url(topic_page_path(t.id))} for t in dossier.topics]


def _disagreements(analysis: Analysis) -> list[dict[str, Any]]:
    return [{"subject": c.subject, "kind": c.kind} for c in analysis.disagreements]


def _review_date() -> str:
    """When the reviews are published: the build's date, or ``SOURCE_DATE_EPOCH``'s for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC) if epoch and epoch.isdigit() else _dt.datetime.now(_dt.UTC)
    return moment.date().isoformat()


_DOSSIER_NODE = "_:dossier"
_PUBLISHER_NODE = "_:publisher"


def build_claim_reviews(source: Source, layout: Layout) -> dict[str, Any] | None:
    """The schema.org ``ClaimReview`` data of ``source``'s page: one JSON-LD document whose ``@graph``
    holds a ``ClaimReview`` per claim with a verdict, as fact-checkers publish them (the claim
    reviewed, its rating in words, ``alternateName``, and on a stated scale, the claim as it appears
    on the source's page and in the original article when its address is known), and, once, the
    organisations they name: the dossier, their author, and the source's publisher, the claims'
    author. None when no claim has a verdict."""
    page = source_page_path(source.id)
    reviews = [
        _claim_review(claim, verdict, source, layout, page)
        for claim in source.claims
        if (verdict := claim.verdict) is not None
    ]
    if not reviews:
        return None
    author = {"@type": "Organization", "@id": _DOSSIER_NODE, "name": layout.site_name}
    if layout.site_url:
        author["url"] = layout.site_url
    nodes = [author]
    if source.publisher:
        nodes.append({"@type": "Organization", "@id": _PUBLISHER_NODE, "name": source.publisher})
    return {"@context": "https://schema.org", "@graph": nodes + reviews}


def _claim_review(claim: Claim, verdict: Verdict, source: Source, layout: Layout, page: str) -> dict[str, Any]:
    appearance = [{"@type": "CreativeWork", "url": layout.absolute(page, claim.anchor)}]
    if source.url:
        appearance.append({"@type": "CreativeWork", "url": source.url})
    reviewed: dict[str, Any] = {"@type": "Claim", "appearance": appearance, "datePublished": source.date.iso}
    if source.publisher:
        reviewed["author"] = {"@id": _PUBLISHER_NODE}
    return {
        "@type": "ClaimReview",
        "url": layout.absolute(page, f"ref-{claim.anchor}"),
        "claimReviewed": claim.claim,
        "itemReviewed": reviewed,
        "author": {"@id": _DOSSIER_NODE},
        "datePublished": _review_date(),
        "reviewBody": verdict.reason,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": verdict.label,
            "ratingValue": RATING_VALUES[verdict.rating],
            "bestRating": 5,
            "worstRating": 1,
        },
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def render_json(data: Any) -> str:
    """Stable, compact JSON text (no indentation: Python's fast encoder only writes the compact form)."""
    return _ENCODE(data) + "\n"


_NO_SOURCES = '"sources":[]'


def write_dossier_json(
    out: TextIO,
    dossier: Dossier,
    analysis: Analysis,
    layout: Layout,
    cache: PerSource | None = None,
    rest: Pieces | None = None,
) -> None:
    """Write ``render_json(build_dossier_json(dossier, analysis, layout))`` to ``out``: the same text,
    each source's entry encoded on its own. With a ``cache`` (``mkdocs serve``), an entry is reused
    while made from the same source and inputs (:func:`_source_inputs`); with ``rest``, each part
    of the other parts while made from equal inputs (:func:`_rest`)."""
    head, mark, tail = _rest(dossier, analysis, layout, rest).partition(_NO_SOURCES)
    assert mark, "dossier.json lists its sources"
    out.write(head + '"sources":[')
    for number, source in enumerate(dossier.sources):
        encode = partial(_encode_source, source, layout, analysis)
        if cache is None:
            entry = encode()
        else:
            entry = cache.get_or_make(source.id, source, _source_inputs(source, layout, analysis), encode)
        out.write("," + entry if number else entry)
    if cache is not None:
        cache.prune()
    out.write("]" + tail)


def _rest(dossier: Dossier, analysis: Analysis, layout: Layout, pieces: Pieces | None) -> str:
    """The text of ``dossier.json`` with its list of sources empty: each subject, the provenance, the
    topics and the disagreements encoded on their own, and reused from ``pieces`` while made from
    equal inputs (the analysis reuses the last build's objects for what an edit did not touch, so
    most compare by identity)."""
    if pieces is None:
        return render_json(build_dossier_json(dossier, analysis, layout, sources=False))
    chains = analysis.provenance.chains

    def piece(name: str, inputs: tuple, make: Callable[[], Any]) -> str:
        return pieces.get_or_make(name, inputs, lambda: _ENCODE(make()))

    subjects = [piece(f"subject:{e.subject.id}", (e,), partial(_subject, e)) for e in analysis.subjects]
    parts = {
        "version": _ENCODE(FORMAT_VERSION),
        "standings": _ENCODE(STANDING_LABELS),
        "sources": "[]",
        "subjects": "[" + ",".join(subjects) + "]",
        "provenance": piece(
            "provenance",
            (layout, tuple((s.id, chains[s.id]) for s in dossier.sources)),
            partial(_provenance, dossier, analysis, layout),
        ),
        "topics": piece("topics", (layout, tuple(dossier.topics)), partial(_topics, dossier, layout)),
        "disagreements": piece("disagreements", (analysis.disagreements,), partial(_disagreements, analysis)),
    }
    pieces.prune()
    return "{" + ",".join(f"{_ENCODE(name)}:{text}" for name, text in parts.items()) + "}\n"


def _encode_source(source: Source, layout: Layout, analysis: Analysis) -> str:
    return render_json(_source(source, layout, analysis)).removesuffix("\n")

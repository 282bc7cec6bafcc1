"""Machine-readable exports of the dossier: ``dossier.json``.

Besides the sources, it lists the topics with their claims, the timeline and
the disagreements of the build's :class:`~.analysis.Analysis`; the W3C Web Annotation export is
:mod:`.w3c`.

Offsets are code-point offsets into the text as stored (UTF-8 decoded, without
a leading byte-order mark), so that ``text[start:end] == quote`` holds for
every note and claim.
"""

from __future__ import annotations

import json
from typing import Any

from .analysis import Analysis
from .model import Claim, Dossier, Note, Source
from .paths import Layout, source_page_path, topic_page_path
from .topics import ClaimRef

__all__ = ["build_dossier_json", "render_json"]

FORMAT_VERSION = 1


def _note(note: Note) -> dict[str, Any]:
    return {
        "id": note.id,
        "kind": note.kind,
        "quote": note.quote,
        "start": note.start,
        "end": note.end,
        "original": note.original,
        "english": note.english,
        "explanation": note.explanation,
    }


def _claim(claim: Claim) -> dict[str, Any]:
    value: float | int | None = claim.value
    if value is not None and value == int(value):
        value = int(value)
    return {
        "id": claim.id,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "claim": claim.claim,
        "topics": list(claim.topics),
        "subject": claim.subject,
        "value": value,
        "unit": claim.unit,
        "event_date": claim.event_date.iso if claim.event_date else None,
        "comment": claim.comment,
        "context": [{"text": c.text, "url": c.url} for c in claim.context],
    }


def _source(source: Source, layout: Layout) -> dict[str, Any]:
    return {
        "id": source.id,
        "path": source.path,
        "annotation_path": source.annotation_path,
        "url": layout.url(source_page_path(source.id)),
        "title": source.title,
        "date": source.date.iso,
        "date_precision": source.date.precision,
        "date_basis": source.date_basis,
        "language": source.language,
        "translated_from": source.translated_from,
        "publisher": source.publisher,
        "original_url": source.url,
        "topics": list(source.topics),
        "notes": [_note(n) for n in source.notes],
        "claims": [_claim(c) for c in source.claims],
    }


def _number(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


def _compared(ref: ClaimRef) -> dict[str, Any]:
    claim = ref.claim
    value: Any = _number(claim.value)
    if value is None and claim.event_date is not None:
        value = claim.event_date.iso
    return {"source": ref.source.id, "claim": claim.id, "value": value, "unit": claim.unit}


def build_dossier_json(dossier: Dossier, analysis: Analysis, layout: Layout) -> dict[str, Any]:
    """The dossier as plain data, ready for :func:`json.dumps`."""
    return {
        "version": FORMAT_VERSION,
        "sources": [_source(s, layout) for s in dossier.sources],
        "topics": [
            {
                "id": t.id,
                "title": t.title,
                "url": layout.url(topic_page_path(t.id)),
                "claims": [
                    {"source": r.source.id, "claim": r.claim.id} for r in analysis.claims_by_topic.get(t.id, ())
                ],
            }
            for t in dossier.topics
        ],
        "timeline": [
            {
                "date": e.date.iso,
                "label": e.date.label,
                "source": e.source.id,
                "claim": e.claim.id if e.claim else None,
            }
            for e in analysis.events
        ],
        "disagreements": [
            {"subject": c.subject, "kind": c.kind, "claims": [_compared(r) for r in c.refs]}
            for c in analysis.disagreements
        ],
    }


def render_json(data: dict[str, Any]) -> str:
    """Stable, compact JSON text (no indentation: Python's fast encoder only writes the compact form)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

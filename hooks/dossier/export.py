"""Machine-readable exports of the dossier: ``dossier.json``.

Offsets are code-point offsets into the text as stored (UTF-8 decoded, without
a leading byte-order mark), so that ``text[start:end] == quote`` holds for
every note and claim.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Claim, Dossier, Note, Source
from .site import Layout, source_page_path

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


def build_dossier_json(dossier: Dossier, layout: Layout) -> dict[str, Any]:
    """The dossier as plain data, ready for :func:`json.dumps`."""
    return {
        "version": FORMAT_VERSION,
        "sources": [_source(s, layout) for s in dossier.sources],
    }


def render_json(data: dict[str, Any]) -> str:
    """Stable, readable JSON text."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

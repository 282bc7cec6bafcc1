"""The W3C Web Annotation export: ``annotations.jsonld``.

One ``AnnotationCollection`` with its single ``AnnotationPage`` embedded as
``first`` (W3C Web Annotation Data Model, section 5). Each note and claim is an
``Annotation`` with a ``TextualBody`` in English and a ``SpecificResource``
target: the raw text of its source, selected by a ``TextQuoteSelector``
(exact, prefix, suffix) and a ``TextPositionSelector`` whose offsets are code
points in the text as stored (UTF-8 decoded, without a byte-order mark).

Identifiers are IRIs: under the configured ``site_url`` when there is one
(``https://…/sources/<id>/#claim-<id>``), otherwise ``urn:x-dossier:…`` names.
"""

from __future__ import annotations

from typing import Any

from .model import Claim, Dossier, Note, Source, Subject
from .paths import Layout, source_page_path

__all__ = ["CONTEXT", "CONTEXT_CHARS", "build_annotation_collection", "build_annotations"]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The JSON-LD context of the Web Annotation model."""

CONTEXT_CHARS = 32
"""How many characters of text the ``prefix`` and ``suffix`` of a quote selector keep."""


def _iri(site_url: str | None, path: str, fragment: str | None = None) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + path + (f"#{fragment}" if fragment else "")
    return "urn:x-dossier:" + path.strip("/") + (f":{fragment}" if fragment else "")


def _target(source: Source, start: int, end: int, source_iri: str) -> dict[str, Any]:
    text = source.text
    return {
        "type": "SpecificResource",
        "source": source_iri,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": text[max(0, start - CONTEXT_CHARS) : start],
                "suffix": text[end : end + CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _body(value: str, fmt: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": fmt, "language": "en"}


def _claim_body(claim: Claim, subjects: dict[str, Subject]) -> str:
    facts = []
    if claim.subject:
        about = subjects.get(claim.subject)
        figure = f": {claim.value_text}{f' {claim.unit}' if claim.unit else ''}" if claim.value_text else ""
        if about is not None and claim.category is not None:
            figure = f": {about.label_of(claim.category)}"
        facts.append(f"{about.title if about is not None else 'Subject'}{figure}.")
    if claim.event_date:
        facts.append(f"When: {claim.event_date.label}.")
    return " ".join([claim.claim, *facts])


def _note_body(note: Note) -> str:
    return f"{note.kind_label}. In English: {note.english}. {note.explanation}"


def build_annotations(dossier: Dossier, layout: Layout, site_url: str | None = None) -> list[dict[str, Any]]:
    """One Annotation per claim and note, source by source, in text order."""
    items: list[dict[str, Any]] = []
    subjects = dossier.subject_map
    for source in dossier.sources:
        page = layout.url(source_page_path(source.id))
        raw = _iri(site_url, source.path)
        marks = [(c.start, 0, c) for c in source.claims] + [(n.start, 1, n) for n in source.notes]
        for _, _, item in sorted(marks, key=lambda m: (m[0], m[1])):
            if isinstance(item, Claim):
                motivation, body = "describing", _body(_claim_body(item, subjects), "text/markdown")
            else:
                motivation, body = "commenting", _body(_note_body(item), "text/markdown")
            items.append(
                {
                    "id": _iri(site_url, page, item.anchor),
                    "type": "Annotation",
                    "motivation": motivation,
                    "body": body,
                    "target": _target(source, item.start, item.end, raw),
                }
            )
            if isinstance(item, Claim) and item.verdict is not None:
                verdict = f"Verdict: {item.verdict.label}. {item.verdict.reason}"
                items.append(
                    {
                        "id": _iri(site_url, page, f"verdict-{item.id}"),
                        "type": "Annotation",
                        "motivation": "assessing",
                        "body": _body(verdict, "text/markdown"),
                        "target": _target(source, item.start, item.end, raw),
                    }
                )
    return items


def build_annotation_collection(dossier: Dossier, layout: Layout, site_url: str | None = None) -> dict[str, Any]:
    """The whole dossier as an AnnotationCollection with its page embedded."""
    items = build_annotations(dossier, layout, site_url)
    return {
        "@context": CONTEXT,
        "id": _iri(site_url, "annotations.jsonld"),
        "type": "AnnotationCollection",
        "label": "Translation notes and claims of the dossier",
        "total": len(items),
        "first": {
            "id": _iri(site_url, "annotations.jsonld", "page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }

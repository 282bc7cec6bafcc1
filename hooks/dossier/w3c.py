"""The W3C Web Annotation export: ``annotations.jsonld``.

One ``AnnotationCollection`` with its single ``AnnotationPage`` embedded as
``first`` (W3C Web Annotation Data Model, section 5). Each note and claim is an
``Annotation`` with a ``SpecificResource`` target: the raw text of its source, selected by a
``TextQuoteSelector`` (its ``exact`` text, which places the passage when found once in the text).
A quote found more than once in the text has a prefix and suffix too and a
``TextPositionSelector`` beside it, whose offsets are code points in the text as stored (UTF-8
decoded, without a byte-order mark).

Its bodies: a ``TextualBody`` in English for readers (Markdown): a claim's text, a note's
explanation; a tagging body per topic of a claim, and a classifying body with the kind of a note;
and a ``TextualBody`` in ``application/json`` (compact JSON) holding the note's or claim's other
fields as the annotation file writes them (``english``, ``subject``, ``value``…), without the
quote, which the selectors carry, and without what the annotations say once already
(:data:`SAID_ELSEWHERE`), so that ``./dev import`` restores the annotation exactly
(:mod:`.importer`). Nothing is said twice: the export is read by machines more than by people,
and at thousands of sources every repeated field costs megabytes. A claim's verdict is one more
``Annotation`` (motivation ``assessing``) whose target is the claim's annotation,
by its IRI: the passage is the claim's, selected once.

Identifiers are IRIs: under the configured ``site_url`` when there is one, otherwise
``urn:x-dossier:…`` names. Under a ``site_url`` they are written as JSON-LD compact IRIs
(``site:sources/<id>/#claim-<id>``): the document's ``@context`` adds, after the Web Annotation
context, one object defining the prefix ``site`` as the ``site_url``, so that every JSON-LD processor
expands them to the full addresses (``https://…/sources/<id>/#claim-<id>``) while the file says the
site's address once instead of twice per annotation (a tenth of the file at a thousand sources).
:func:`expand` does the same for a reader of plain JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial
from typing import Any, TextIO

from .cache import PerSource
from .model import Claim, Dossier, Note, Source
from .paths import Layout, source_page_path
from .schema import VERDICTS

__all__ = [
    "CONTEXT",
    "CONTEXT_CHARS",
    "FIELDS_FORMAT",
    "PREFIX",
    "SAID_ELSEWHERE",
    "build_annotation_collection",
    "build_annotations",
    "build_source_annotations",
    "claim_fields",
    "context",
    "expand",
    "iri",
    "iter_annotations",
    "note_fields",
    "prefixes_of",
    "read_verdict",
    "verdict_text",
    "write_annotation_collection",
]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
"""The JSON-LD context of the Web Annotation model."""

CONTEXT_CHARS = 32
"""How many characters of text the ``prefix`` and ``suffix`` of a quote selector keep (a quote found
more than once in its text)."""

FIELDS_FORMAT = "application/json"
"""The format of the body that carries a note's or claim's fields."""


PREFIX = "site"
"""The JSON-LD prefix that stands for the ``site_url`` in the export's compact IRIs."""


def iri(site_url: str | None, path: str, fragment: str | None = None) -> str:
    """The IRI of a file or page of the site: under ``site_url``, else a ``urn:x-dossier:`` name."""
    if site_url:
        return site_url.rstrip("/") + "/" + path + (f"#{fragment}" if fragment else "")
    return "urn:x-dossier:" + path.strip("/") + (f":{fragment}" if fragment else "")


def _name(site_url: str | None, path: str, fragment: str | None = None) -> str:
    """:func:`iri` as the export writes it: a compact IRI under the ``site`` prefix, or the same
    ``urn:x-dossier:`` name."""
    if site_url:
        return f"{PREFIX}:{path}" + (f"#{fragment}" if fragment else "")
    return iri(None, path, fragment)


def context(site_url: str | None) -> str | list[Any]:
    """The export's ``@context``: the Web Annotation context, and after it (as the Web Annotation
    Vocabulary's extension example has it) the ``site`` prefix when there is a ``site_url``."""
    if not site_url:
        return CONTEXT
    return [CONTEXT, {PREFIX: site_url.rstrip("/") + "/"}]


def expand(value: str, prefixes: dict[str, str]) -> str:
    """``value`` with its compact IRI expanded when its prefix is one of ``prefixes`` (JSON-LD's rule:
    not a suffix starting ``//``, which makes it an absolute IRI of that scheme)."""
    prefix, colon, suffix = value.partition(":")
    if colon and prefix in prefixes and not suffix.startswith("//"):
        return prefixes[prefix] + suffix
    return value


def prefixes_of(document: Any) -> dict[str, str]:
    """The prefixes an ``@context`` value of a JSON-LD ``document`` defines inline (as the export's
    does), by name: IRIs ending in ``/`` or ``#``, as JSON-LD 1.1 takes prefixes."""
    found: dict[str, str] = {}
    value = document.get("@context") if isinstance(document, dict) else None
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict):
            found |= {k: v for k, v in entry.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    return found


def _selectors(text: str, start: int, end: int) -> dict[str, Any] | list[dict[str, Any]]:
    """The passage's selectors: its ``TextQuoteSelector`` alone when its quote is found once in the
    text; else that selector with a ``prefix`` and ``suffix`` (they tell the repeats apart) and a
    ``TextPositionSelector``."""
    exact = text[start:end]
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": exact}
    if text.find(exact) == start and text.find(exact, start + 1) < 0:
        return quote
    quote["prefix"] = text[max(0, start - CONTEXT_CHARS) : start]
    quote["suffix"] = text[end : end + CONTEXT_CHARS]
    return [quote, {"type": "TextPositionSelector", "start": start, "end": end}]


def _target(source: Source, start: int, end: int, source_iri: str) -> dict[str, Any]:
    return {"type": "SpecificResource", "source": source_iri, "selector": _selectors(source.text, start, end)}


def _body(value: str, fmt: str) -> dict[str, Any]:
    return {"type": "TextualBody", "value": value, "format": fmt, "language": "en"}


def note_fields(note: Note) -> dict[str, Any]:
    """The note's fields as its annotation file writes them, quote and selectors aside."""
    fields: dict[str, Any] = {"id": note.id, "kind": note.kind}
    if note.original is not None:
        fields["original"] = note.original
    if note.original_language is not None:
        fields["original_language"] = note.original_language
    return {**fields, "english": note.english, "explanation": note.explanation}


def claim_fields(claim: Claim) -> dict[str, Any]:
    """The claim's fields as its annotation file writes them, quote and selectors aside."""
    fields: dict[str, Any] = {"id": claim.id, "claim": claim.claim, "topics": list(claim.topics)}
    optional = {
        "subject": claim.subject,
        "value": claim.value_text,
        "unit": claim.unit,
        "category": claim.category,
        "event_date": claim.event_date.iso if claim.event_date else None,
        "as_of": claim.as_of.iso if claim.as_of else None,
        "compare_across_units": claim.compare_across_units or None,
        "comment": claim.comment,
        "context": [{"text": c.text, "url": c.url} for c in claim.context] or None,
        "verdict": {"rating": claim.verdict.rating, "reason": claim.verdict.reason} if claim.verdict else None,
    }
    return fields | {name: value for name, value in optional.items() if value is not None}


SAID_ELSEWHERE = frozenset({"id", "kind", "topics", "claim", "explanation", "verdict"})
"""Fields the fields body leaves out, as the annotation says them once already: the ``id`` ends its
IRI (``…#claim-<id>``, ``…#note-<id>``), a note's ``kind`` is its classifying body and a claim's
``topics`` its tagging bodies, in order; a claim's ``claim`` and a note's ``explanation`` are its
Markdown body; a claim's ``verdict`` is the Markdown body of its own annotation
(:func:`verdict_text`)."""


def verdict_text(label: str, reason: str) -> str:
    """The Markdown body of a verdict's annotation: ``Verdict: <label>. <reason>``."""
    return f"Verdict: {label}. {reason}"


def read_verdict(text: str) -> dict[str, str] | None:
    """The ``rating`` and ``reason`` of a verdict's Markdown body (:func:`verdict_text`), by its label;
    None for another text."""
    for rating, label in VERDICTS.items():
        lead = f"Verdict: {label}. "
        if text.startswith(lead):
            return {"rating": rating, "reason": text.removeprefix(lead)}
    return None


_FIELDS_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
"""The fields body's text: compact JSON, as the whole file is."""


def _bodies(item: Claim | Note) -> list[dict[str, Any]]:
    if isinstance(item, Claim):
        summary = _body(item.claim, "text/markdown")
        tags = [{"type": "TextualBody", "purpose": "tagging", "value": topic} for topic in item.topics]
        fields = claim_fields(item)
    else:
        summary = _body(item.explanation, "text/markdown")
        tags = [{"type": "TextualBody", "purpose": "classifying", "value": item.kind}]
        fields = note_fields(item)
    told = {name: value for name, value in fields.items() if name not in SAID_ELSEWHERE}
    record = {"type": "TextualBody", "value": _FIELDS_JSON(told), "format": FIELDS_FORMAT}
    return [summary, *tags, record]


def build_source_annotations(source: Source, layout: Layout, site_url: str | None) -> list[dict[str, Any]]:
    """The Annotations of one source's claims and notes, in text order."""
    items: list[dict[str, Any]] = []
    page = layout.url(source_page_path(source.id))
    raw = _name(site_url, source.path)
    marks = [(c.start, 0, c) for c in source.claims] + [(n.start, 1, n) for n in source.notes]
    for _, _, item in sorted(marks, key=lambda m: (m[0], m[1])):
        ident = _name(site_url, page, item.anchor)
        items.append(
            {
                "id": ident,
                "type": "Annotation",
                "motivation": "describing" if isinstance(item, Claim) else "commenting",
                "body": _bodies(item),
                "target": _target(source, item.start, item.end, raw),
            }
        )
        if isinstance(item, Claim) and item.verdict is not None:
            verdict = verdict_text(item.verdict.label, item.verdict.reason)
            items.append(
                {
                    "id": _name(site_url, page, f"verdict-{item.id}"),
                    "type": "Annotation",
                    "motivation": "assessing",
                    "body": _body(verdict, "text/markdown"),
                    "target": ident,
                }
            )
    return items


def build_annotations(dossier: Dossier, layout: Layout, site_url: str | None = None) -> list[dict[str, Any]]:
    """One Annotation per claim and note, source by source, in text order."""
    return list(iter_annotations(dossier, layout, site_url))


def iter_annotations(dossier: Dossier, layout: Layout, site_url: str | None = None) -> Iterator[dict[str, Any]]:
    """The Annotations of :func:`build_annotations`, one source at a time."""
    for source in dossier.sources:
        yield from build_source_annotations(source, layout, site_url)


def build_annotation_collection(dossier: Dossier, layout: Layout, site_url: str | None = None) -> dict[str, Any]:
    """The whole dossier as an AnnotationCollection with its page embedded."""
    items = build_annotations(dossier, layout, site_url)
    return _collection(site_url, len(items), items)


def _collection(site_url: str | None, total: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@context": context(site_url),
        "id": _name(site_url, "annotations.jsonld"),
        "type": "AnnotationCollection",
        "label": "Translation notes and claims of the dossier",
        "total": total,
        "first": {
            "id": _name(site_url, "annotations.jsonld", "page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def write_annotation_collection(
    out: TextIO, dossier: Dossier, layout: Layout, site_url: str | None = None, cache: PerSource | None = None
) -> None:
    """Write :func:`build_annotation_collection` to ``out`` as compact JSON text and a line break, one
    source at a time: the same text, without holding every annotation at once (a dossier of
    thousands of sources has hundreds of thousands). With a ``cache`` (``mkdocs serve``), a source's
    Annotations, as text, are reused while made from the same source and page address."""
    total = sum(len(s.notes) + len(s.claims) + sum(c.verdict is not None for c in s.claims) for s in dossier.sources)
    head = _ENCODE(_collection(site_url, total, []))
    out.write(head.removesuffix("]}}"))
    shared: object = site_url
    if cache is not None:
        shared = cache.share(shared)
    written = False
    for source in dossier.sources:
        encode = partial(_encode_source, source, layout, site_url)
        if cache is None:
            text = encode()
        else:
            text = cache.get_or_make(source.id, source, (layout.url(source_page_path(source.id)), shared), encode)
        if text:
            out.write("," + text if written else text)
            written = True
    if cache is not None:
        cache.prune()
    out.write("]}}\n")


def _encode_source(source: Source, layout: Layout, site_url: str | None) -> str:
    """A source's Annotations as compact JSON, separated by commas (their list, without its brackets)."""
    return _ENCODE(build_source_annotations(source, layout, site_url))[1:-1]

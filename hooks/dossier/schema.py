r"""The annotation format, declared once: the loader validates against it and
the JSON Schema for editors is generated from it.

Each :class:`FieldSpec` names a key, its type and whether it is required; the
types are checked by :mod:`.load_fields`. ``python -m dossier schema`` writes the JSON
Schema, and a test keeps the committed copy in step.

The patterns are the loader's and the schema's alike, so they are written in the
common part of Python's and ECMA-262's regular expressions (the dialect of JSON
Schema): explicit character classes instead of ``\d``, ``\s`` or ``\w``, whose
meanings differ, and no escapes ECMA-262 refuses. The loader matches them with
``fullmatch``, as ``$`` in Python also matches before a final line break.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .values import MAX_VALUE_CHARS

__all__ = [
    "CLAIM_FIELDS",
    "CONTEXT_FIELDS",
    "DATE_PATTERN",
    "EVENT_DATE_PATTERN",
    "LANGUAGE_PATTERN",
    "MAX_CHARS",
    "MAX_OCCURRENCE_DIGITS",
    "MAX_YEAR",
    "MIN_YEAR",
    "NOTE_FIELDS",
    "NOTE_KINDS",
    "PATTERNS",
    "SLUG_PATTERN",
    "SOURCE_FIELDS",
    "TOPICS_FILE_FIELDS",
    "TOPIC_FIELDS",
    "URL_PATTERN",
    "FieldSpec",
    "Pattern",
    "build_json_schema",
    "build_topics_json_schema",
]

NOTE_KINDS: dict[str, str] = {
    "mistranslation": "Mistranslation",
    "untranslated": "Untranslated passage",
    "extraction": "Extraction artifact",
    "idiom": "Idiom",
    "localisation": "Localisation",
    "gloss": "Gloss",
}
"""Kinds of translation note, with their labels for readers."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
_SPACE_CHARS = r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
"""Controls and every white space of Python and ECMA-262 (``\\s`` differs between them)."""
URL_PATTERN = r"^https?://[^" + _SPACE_CHARS + "<>\"'`]+$"
"""An http(s) address with no white space, control character, angle bracket, quotation mark or backtick."""
DATE_PATTERN = r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$"
"""``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; :func:`.dates.parse_date` checks the month and day."""
EVENT_DATE_PATTERN = r"^([0-9]{4})(?:-(?:(H[12]|Q[1-4])|([0-9]{2})(?:-([0-9]{2}))?))?$"
"""As :data:`DATE_PATTERN`, or a half or quarter: ``YYYY-H1``, ``YYYY-Q3``. Groups: year, period, month, day."""


@dataclass(frozen=True)
class Pattern:
    """What a string field of a type must match, and how a message names such a string."""

    regex: str
    """The pattern, in the common dialect of Python and ECMA-262."""

    expected: str
    """What a matching value is, for messages: ``Expected <expected> for 'id'…``."""


PATTERNS: dict[str, Pattern] = {
    "slug": Pattern(SLUG_PATTERN, "a slug (lower-case letters, digits and single hyphens, like 'factory-capacity')"),
    "language": Pattern(LANGUAGE_PATTERN, "a BCP 47 language code such as 'fr', 'es' or 'en'"),
    "url": Pattern(URL_PATTERN, "an http:// or https:// address"),
}
"""The string types checked against a pattern, by type."""

MIN_YEAR = 1000
MAX_YEAR = 2999
"""The years a date may name: the timeline draws one tick per year between the first
and the last, and a date outside them is a typing slip in a dossier of news."""

MAX_CHARS = {"text": 2_000, "markdown": 5_000, "quote": 2_000, "slug": 80, "language": 35, "url": 2_000}
"""The longest string of each type, in characters: far above what an annotation needs, and
low enough that no field costs the check or the build more than a fraction of a second."""
MAX_OCCURRENCE_DIGITS = 7
"""No text is long enough for a quote to occur ten million times."""


@dataclass(frozen=True)
class FieldSpec:
    """One key of an annotation mapping."""

    name: str
    """The key."""

    type: str
    """``text``, ``markdown``, ``quote``, ``slug``, ``language``, ``url``, ``date``,
    ``event_date``, ``occurrence``, ``boolean``, ``value``, ``kind``, ``topics``, ``context``,
    ``notes`` or ``claims``."""

    required: bool = False
    """Whether the key must be present."""

    doc: str = ""
    """What the key holds, for the JSON Schema and the reference page."""


def _passage_fields(id_doc: str) -> tuple[FieldSpec, ...]:
    """The keys every note and claim starts with: its id, its quote, and what tells apart the quote's occurrences."""
    return (
        FieldSpec("id", "slug", True, id_doc),
        FieldSpec("quote", "quote", True, "The passage, copied from the text."),
        FieldSpec("occurrence", "occurrence", doc="Which occurrence of the quote, from 1."),
        FieldSpec("prefix", "quote", doc="The text just before the quote."),
        FieldSpec("suffix", "quote", doc="The text just after the quote."),
    )


CONTEXT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("text", "markdown", True, "The outside fact, carefully worded."),
    FieldSpec("url", "url", True, "A reputable public source for it."),
)

NOTE_FIELDS: tuple[FieldSpec, ...] = (
    *_passage_fields("Unique among the source's notes; anchor note-<id>."),
    FieldSpec("kind", "kind", True, "What is wrong with the passage."),
    FieldSpec("original", "text", doc="The likely original wording."),
    FieldSpec("original_language", "language", doc="Language of 'original', if not the source's."),
    FieldSpec("english", "text", True, "What the passage means, in English."),
    FieldSpec("explanation", "markdown", True, "Why it reads so, what to understand."),
)

CLAIM_FIELDS: tuple[FieldSpec, ...] = (
    *_passage_fields("Stable, unique among the source's claims; anchor claim-<id>."),
    FieldSpec("claim", "markdown", True, "The claim, stated in English."),
    FieldSpec("topics", "topics", True, "Topic ids from sources/topics.yml."),
    FieldSpec("subject", "slug", doc="Key shared by claims on the same figure or date."),
    FieldSpec("value", "value", doc="The figure: a number, or a string with a number word."),
    FieldSpec("unit", "text", doc="The figure's unit: CNY, EUR, vehicles/year…"),
    FieldSpec("event_date", "event_date", doc="When the event happened or is planned."),
    FieldSpec(
        "compare_across_units",
        "boolean",
        doc="true when the figure must match the same subject's figures given in other units.",
    ),
    FieldSpec("comment", "markdown", doc="What the annotator can tell from the sources."),
    FieldSpec("context", "context", doc="Outside facts, each with a citation URL."),
)

SOURCE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", True, "An English title for the article."),
    FieldSpec("date", "date", doc="Publication date: YYYY, YYYY-MM or YYYY-MM-DD."),
    FieldSpec("date_basis", "markdown", doc="How the date was inferred."),
    FieldSpec("language", "language", True, "Language of the text as stored (BCP 47)."),
    FieldSpec(
        "translated_from",
        "language",
        doc="Language it was machine-translated from; 'und' when that cannot be told. Absent: not a translation.",
    ),
    FieldSpec(
        "translation_basis", "markdown", doc="Evidence for translated_from, or that the text is not a translation."
    ),
    FieldSpec("publisher", "text", doc="Publisher or origin, as far as the text shows."),
    FieldSpec("publisher_basis", "markdown", doc="Evidence for publisher."),
    FieldSpec("url", "url", doc="Original address of the article."),
    FieldSpec("topics", "topics", doc="Topic ids from sources/topics.yml."),
    FieldSpec("notes", "notes", doc="Translation notes."),
    FieldSpec("claims", "claims", doc="Claims."),
)

TOPIC_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "slug", True, "Slug; the page is topics/<id>."),
    FieldSpec("title", "text", True, "Title for readers."),
    FieldSpec("summary", "markdown", True, "One paragraph."),
)

TOPICS_FILE_FIELDS: tuple[FieldSpec, ...] = (FieldSpec("topics", "topic_list", True, "Topics."),)


_SIMPLE_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": "string", "minLength": 1},
    "markdown": {"type": "string", "minLength": 1},
    "quote": {"type": "string", "minLength": 1},
    **{name: {"type": "string", "pattern": pattern.regex} for name, pattern in PATTERNS.items()},
    # A bare year reads as an integer; the pattern applies to strings only.
    "date": {"type": ["string", "integer"], "pattern": DATE_PATTERN, "minimum": MIN_YEAR, "maximum": MAX_YEAR},
    "event_date": {
        "type": ["string", "integer"],
        "pattern": EVENT_DATE_PATTERN,
        "minimum": MIN_YEAR,
        "maximum": MAX_YEAR,
    },
    "occurrence": {"type": "integer", "minimum": 1, "maximum": 10**MAX_OCCURRENCE_DIGITS - 1},
    "boolean": {"type": "boolean"},
    "value": {"type": ["number", "string"], "maxLength": MAX_VALUE_CHARS},
    "kind": {"enum": list(NOTE_KINDS)},
    "topics": {
        "type": "array",
        "items": {"type": "string", "pattern": PATTERNS["slug"].regex},
        "uniqueItems": True,
    },
}


def _json_type(spec: FieldSpec) -> dict[str, Any]:
    nested = {
        "context": CONTEXT_FIELDS,
        "notes": NOTE_FIELDS,
        "claims": CLAIM_FIELDS,
        "topic_list": TOPIC_FIELDS,
    }
    if spec.type in nested:
        schema: dict[str, Any] = {"type": "array", "items": _object(nested[spec.type])}
    else:
        schema = dict(_SIMPLE_TYPES[spec.type])
        if spec.type in MAX_CHARS:
            schema["maxLength"] = MAX_CHARS[spec.type]
    if spec.doc:
        schema["description"] = spec.doc
    if not spec.required and spec.type in {"text", "markdown", "language", "url", "slug"}:
        schema = {"anyOf": [schema, {"type": "null"}], "description": spec.doc}
    return schema


def _object(fields: tuple[FieldSpec, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [spec.name for spec in fields if spec.required],
        "properties": {spec.name: _json_type(spec) for spec in fields},
    }


def build_json_schema() -> dict[str, Any]:
    """The JSON Schema of an annotation file ``sources/<slug>.yml``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "annotation.schema.json",
        "title": "Dossier annotation file",
        "description": "Metadata, translation notes and claims for one source text.",
        **_object(SOURCE_FIELDS),
    }


def build_topics_json_schema() -> dict[str, Any]:
    """The JSON Schema of the topics file ``sources/topics.yml``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "topics.schema.json",
        "title": "Dossier topics file",
        **_object(TOPICS_FILE_FIELDS),
    }

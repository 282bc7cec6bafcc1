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

import textwrap
from dataclasses import dataclass
from typing import Any

from .values import MAX_VALUE_CHARS

__all__ = [
    "CATEGORY_VALUE_FIELDS",
    "CITATION_FIELDS",
    "CLAIM_FIELDS",
    "CONTEXT_FIELDS",
    "DATE_PATTERN",
    "DERIVATIONS",
    "EVENT_DATE_PATTERN",
    "FINDING_FIELDS",
    "FINDING_STATUSES",
    "LANGUAGE_PATTERN",
    "MAX_CHARS",
    "MAX_OCCURRENCE_DIGITS",
    "MAX_YEAR",
    "MIN_YEAR",
    "NOTE_FIELDS",
    "NOTE_KINDS",
    "ORIGIN_FIELDS",
    "PATTERNS",
    "SLUG_PATTERN",
    "SOURCE_FIELDS",
    "SUBJECTS_FILE_FIELDS",
    "SUBJECT_FIELDS",
    "SUBJECT_KINDS",
    "TOPICS_FILE_FIELDS",
    "TOPIC_FIELDS",
    "URL_PATTERN",
    "VERDICTS",
    "VERDICT_FIELDS",
    "FieldSpec",
    "Pattern",
    "build_json_schema",
    "build_subjects_json_schema",
    "build_topics_json_schema",
]


def _labels(rows: str) -> dict[str, str]:
    """The values of a table, a row a value: the value, then its label for readers."""
    return dict(line.split(maxsplit=1) for line in textwrap.dedent(rows).strip("\n").splitlines())


NOTE_KINDS = _labels(
    """
    mistranslation  Mistranslation
    untranslated    Untranslated passage
    extraction      Extraction artifact
    idiom           Idiom
    localisation    Localisation
    gloss           Gloss
    """
)
"""Kinds of translation note, with their labels for readers."""

SUBJECT_KINDS = _labels(
    """
    quantity   a figure in a unit, compared after normalisation
    date       a date, compared at its precision
    category   one of a list of answers, each with a label
    statement  a statement, compared by the editor only
    """
)
"""Kinds of subject: what the claims on a subject report, and how they are compared."""

DERIVATIONS = _labels(
    """
    translation          translation
    machine-translation  machine translation
    republication        republication
    rewrite              rewrite
    """
)
"""How a text may derive from its origin, with their labels for readers."""

FINDING_STATUSES = _labels(
    """
    established  Established
    contested    Contested
    resolved     Resolved
    unverified   Unverified
    """
)
"""What the editor can say of a subject, with their labels for readers."""

VERDICTS = _labels(
    """
    accurate       Accurate
    inaccurate     Inaccurate
    misleading     Misleading
    unsupported    Unsupported
    mistranslated  Mistranslated
    """
)
"""The editor's verdicts on a claim, with their labels for readers."""

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
    """What a string field of a type must match, and how a message names such a string.

    Attributes:
        regex: The pattern, in the common dialect of Python and ECMA-262.
        expected: What a matching value is, for messages: ``Expected <expected> for 'id'…``.
    """

    regex: str
    expected: str


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

MAX_CHARS = {
    "text": 2_000,
    "markdown": 5_000,
    "summary": 1_500,
    "quote": 2_000,
    "slug": 80,
    "language": 35,
    "url": 2_000,
}
"""The longest string of each type, in characters: far above what an annotation needs, and
low enough that no field costs the check or the build more than a fraction of a second. A
``summary`` (three to five sentences) is bounded tighter, as the home page's table shows one
per row."""
MAX_OCCURRENCE_DIGITS = 7
"""No text is long enough for a quote to occur ten million times."""


@dataclass(frozen=True)
class FieldSpec:
    """One key of an annotation mapping.

    Attributes:
        name: The key.
        type: ``text``, ``markdown``, ``summary``, ``quote``, ``slug``, ``language``, ``url``, ``date``, ``event_date``,
            ``occurrence``, ``boolean``, ``value``, ``kind``, ``topics``, ``context``, ``notes``, ``claims``,
            ``subject_kind``, ``subject_list``, ``category_values``, ``derivation``, ``origins``, ``finding``,
            ``finding_status``, ``citations``, ``verdict`` or ``verdict_rating``.
        required: Whether the key must be present.
        doc: What the key holds, for the JSON Schema and the reference page.
    """

    name: str
    type: str
    required: bool = False
    doc: str = ""


def _table(rows: str) -> tuple[FieldSpec, ...]:
    """The keys of a table, a row a key: its name, its type, ``required`` or ``optional``, then what it
    holds; a line that starts further right carries on the description above it."""
    fields: list[FieldSpec] = []
    for line in textwrap.dedent(rows).strip("\n").splitlines():
        if line.startswith(" "):
            last = fields.pop()
            fields.append(FieldSpec(last.name, last.type, last.required, f"{last.doc} {line.strip()}"))
            continue
        name, type_, presence, doc = line.split(maxsplit=3)
        if presence not in ("required", "optional"):
            raise ValueError(f"{name}: expected 'required' or 'optional', not {presence!r}")
        fields.append(FieldSpec(name, type_, presence == "required", doc))
    return tuple(fields)


def _passage_fields(id_doc: str) -> tuple[FieldSpec, ...]:
    """The keys every note and claim starts with: its id, its quote, and what tells apart the quote's occurrences."""
    return (
        FieldSpec("id", "slug", True, id_doc),
        *_table(
            """
            quote                 quote            required  The passage, copied from the text.
            occurrence            occurrence       optional  Which occurrence of the quote, from 1.
            prefix                quote            optional  The text just before the quote.
            suffix                quote            optional  The text just after the quote.
            """
        ),
    )


CONTEXT_FIELDS = _table(
    """
    text                  markdown         required  The outside fact, carefully worded.
    url                   url              required  A reputable public source for it.
    """
)

NOTE_FIELDS: tuple[FieldSpec, ...] = (
    *_passage_fields("Unique among the source's notes; anchor note-<id>."),
    *_table(
        """
        kind                  kind             required  What is wrong with the passage.
        original              text             optional  The likely original wording.
        original_language     language         optional  Language of 'original', if not the source's.
        english               text             required  What the passage means, in English.
        explanation           markdown         required  Why it reads so, what to understand.
        """
    ),
)

CLAIM_FIELDS: tuple[FieldSpec, ...] = (
    *_passage_fields("Stable, unique among the source's claims; anchor claim-<id>."),
    *_table(
        """
        claim                 markdown         required  The claim, stated in English.
        topics                topics           required  Topic ids from sources/topics.yml.
        subject               slug             optional  Subject id from sources/subjects.yml: claims on one subject are
                                                         compared.
        value                 value            optional  The figure: a number, or a string with a number word.
        unit                  text             optional  The figure's unit: CNY, EUR, vehicles/year…
        category              slug             optional  For a subject of kind 'category': one of its values.
        event_date            event_date       optional  When the event happened or is planned.
        as_of                 date             optional  When the value held, if not at the source's date: YYYY, YYYY-MM
                                                         or YYYY-MM-DD.
        compare_across_units  boolean          optional  true when the figure must match the same subject's figures
                                                         given in other units.
        comment               markdown         optional  What the annotator can tell from the sources.
        context               context          optional  Outside facts, each with a citation URL.
        verdict               verdict          optional  The editor's verdict on the claim, with its reason.
        """
    ),
)

VERDICT_FIELDS = _table(
    """
    rating                verdict_rating   required  accurate, inaccurate, misleading, unsupported or mistranslated.
    reason                markdown         required  Why, from the sources and the citations of the subject's finding.
    """
)

CITATION_FIELDS = _table(
    """
    url                   url              required  A public source the finding relies on.
    supports              text             required  What it supports.
    """
)

FINDING_FIELDS = _table(
    """
    status                finding_status   required  established, contested, resolved or unverified.
    answer                text             required  The answer to the subject's question, in one sentence.
    reasoning             markdown         required  How the sources and citations lead to it.
    citations             citations        optional  Outside sources, each with what it supports.
    """
)

ORIGIN_FIELDS = _table(
    """
    source                slug             optional  Another source of the dossier this text derives from (its slug).
    name                  text             optional  Or an outside origin: its name (Reuters).
    url                   url              optional  The outside origin's address.
    date                  date             optional  The outside origin's date.
    how                   derivation       required  translation, machine-translation, republication or rewrite.
    note                  markdown         optional  What changed on the way (rupee conversions added), and the
                                                     evidence.
    """
)

SOURCE_FIELDS = _table(
    """
    title                 text             required  An English title for the article.
    summary               summary          optional  What the article says, as it says it, in three to five English
                                                     sentences (inline Markdown).
    date                  date             optional  Publication date: YYYY, YYYY-MM or YYYY-MM-DD.
    date_basis            markdown         optional  How the date was inferred.
    language              language         required  Language of the text as stored (BCP 47).
    translated_from       language         optional  Language it was machine-translated from; 'und' when that cannot be
                                                     told. Absent: not a translation.
    translation_basis     markdown         optional  Evidence for translated_from, or that the text is not a
                                                     translation.
    publisher             text             optional  Publisher or origin, as far as the text shows.
    publisher_basis       markdown         optional  Evidence for publisher.
    url                   url              optional  Original address of the article.
    derived_from          origins          optional  Where the text comes from, nearest first: each entry is what the
                                                     one before (or the text) derives from.
    topics                topics           optional  Topic ids from sources/topics.yml.
    notes                 notes            optional  Translation notes.
    claims                claims           optional  Claims.
    """
)

TOPIC_FIELDS = _table(
    """
    id                    slug             required  Slug; the page is topics/<id>.
    title                 text             required  Title for readers.
    summary               markdown         required  One paragraph.
    """
)

TOPICS_FILE_FIELDS = _table(
    """
    topics                topic_list       required  Topics.
    """
)

CATEGORY_VALUE_FIELDS = _table(
    """
    id                    slug             required  What claims give as their 'category'.
    label                 text             required  The answer, for readers.
    """
)

SUBJECT_FIELDS = _table(
    """
    id                    slug             required  What claims give as their 'subject'.
    title                 text             required  A short title for readers: Factory capacity.
    question              text             required  The question the claims answer: How many cars a year will the
                                                     factory make?
    kind                  subject_kind     required  quantity, date, category or statement.
    unit                  text             optional  For a quantity: the unit the question is asked in.
    values                category_values  optional  For a category: the possible answers.
    changes_over_time     boolean          optional  true when the true value changes over time (a team's size).
    finding               finding          optional  What the sources establish: status, answer, reasoning, citations.
    """
)

SUBJECTS_FILE_FIELDS = _table(
    """
    subjects              subject_list     required  Subjects.
    """
)


_SIMPLE_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": "string", "minLength": 1},
    "markdown": {"type": "string", "minLength": 1},
    "summary": {"type": "string", "minLength": 1},
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
    "subject_kind": {"enum": list(SUBJECT_KINDS)},
    "derivation": {"enum": list(DERIVATIONS)},
    "verdict_rating": {"enum": list(VERDICTS)},
    "finding_status": {"enum": list(FINDING_STATUSES)},
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
        "subject_list": SUBJECT_FIELDS,
        "category_values": CATEGORY_VALUE_FIELDS,
        "origins": ORIGIN_FIELDS,
        "citations": CITATION_FIELDS,
    }
    single = {"finding": FINDING_FIELDS, "verdict": VERDICT_FIELDS}
    if spec.type in nested:
        schema: dict[str, Any] = {"type": "array", "items": _object(nested[spec.type])}
    elif spec.type in single:
        schema = _object(single[spec.type])
    else:
        schema = dict(_SIMPLE_TYPES[spec.type])
        if spec.type in MAX_CHARS:
            schema["maxLength"] = MAX_CHARS[spec.type]
    if spec.doc:
        schema["description"] = spec.doc
    if not spec.required and spec.type in {"text", "markdown", "summary", "language", "url", "slug"}:
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


def build_subjects_json_schema() -> dict[str, Any]:
    """The JSON Schema of the subjects file ``sources/subjects.yml``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "subjects.schema.json",
        "title": "Dossier subjects file",
        **_object(SUBJECTS_FILE_FIELDS),
    }

"""The dossier's data: sources, their translation notes and claims, topics, subjects.

Every class is a frozen dataclass built by :mod:`.load` once the input is
valid; nothing downstream needs to check types again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from .dates import PartialDate
from .problems import Problem
from .schema import DERIVATIONS, FINDING_STATUSES, NOTE_KINDS, VERDICTS

__all__ = [
    "GLOSS_KINDS",
    "NOTE_KINDS",
    "CategoryValue",
    "Citation",
    "Claim",
    "Context",
    "Dossier",
    "FailedSource",
    "Finding",
    "Note",
    "NoteCounts",
    "Origin",
    "Source",
    "Subject",
    "Topic",
    "Verdict",
]

GLOSS_KINDS: frozenset[str] = frozenset({"gloss"})
"""Kinds of note that explain correct French to readers without it: not damage,
so not counted among the passages the translations or the scraping garbled."""


def _label(code: str, labels: Mapping[str, str], doc: str) -> property:
    """A read-only property giving readers the label of the code held in the field named ``code``."""
    return property(lambda self: labels[getattr(self, code)], doc=doc)


@dataclass(frozen=True)
class Context:
    """An outside fact, with the public source that backs it.

    Attributes:
        text: The fact, in inline Markdown, carefully worded.
        url: The citation: an ``http(s)`` address.
    """

    text: str
    url: str


@dataclass(frozen=True)
class Annotation:
    """What notes and claims have in common: an annotated passage of a source.

    Attributes:
        anchor_prefix: What the page anchor of the passage starts with: ``note`` or ``claim``.
        id: Unique among the source's notes and claims; the page anchor is ``<anchor_prefix>-<id>``.
        quote: The passage exactly as it stands in the text.
        start: Code-point offset of the passage in the text as stored.
        end: Code-point offset just past the passage.
        line: Line of the note or claim in its annotation file.
    """

    anchor_prefix: ClassVar[str]
    id: str
    quote: str
    start: int
    end: int
    line: int = field(default=0, kw_only=True)

    @property
    def anchor(self) -> str:
        """The page anchor of the highlighted passage."""
        return f"{self.anchor_prefix}-{self.id}"


@dataclass(frozen=True)
class Note(Annotation):
    """A translation note on a passage of a source.

    Attributes:
        kind: One of :data:`NOTE_KINDS`.
        english: What the passage means, in English.
        explanation: Why it reads as it does (inline Markdown).
        original: The likely original wording.
        original_language: The language of ``original`` when it is not the source's ``translated_from``.
    """

    anchor_prefix = "note"

    kind: str
    english: str
    explanation: str
    original: str | None = None
    original_language: str | None = None
    kind_label = _label("kind", NOTE_KINDS, "The kind, for readers.")

    @property
    def is_damage(self) -> bool:
        """Whether the note explains a garbled passage, not a gloss on correct French."""
        return self.kind not in GLOSS_KINDS


@dataclass(frozen=True)
class Verdict:
    """The editor's verdict on a claim.

    Attributes:
        rating: One of :data:`~.schema.VERDICTS`.
        reason: Why (inline Markdown).
    """

    rating: str
    reason: str
    label = _label("rating", VERDICTS, "The rating, for readers.")


@dataclass(frozen=True)
class Claim(Annotation):
    """A factual statement of a source, stated in English; its id is stable.

    Attributes:
        claim: The claim in English (inline Markdown).
        topics: Topic ids.
        subject: The id of the :class:`Subject` the claim answers, shared by every claim on it.
        value: The figure, normalised to a number.
        value_text: The figure as the annotation wrote it.
        unit: The figure's unit: a currency code, ``vehicles/year``…
        compare_across_units: Whether ``value`` must match the subject's values given in other units.
        event_date: When the reported event happened or is planned.
        category: For a subject of kind ``category``: the id of the answer the claim gives.
        as_of: When the value held, when the annotation says so (else the source's date).
        comment: What the annotator can tell from the sources (inline Markdown).
        context: Outside facts, each with its citation.
        verdict: The editor's verdict, if any.
    """

    anchor_prefix = "claim"

    claim: str
    topics: tuple[str, ...]
    subject: str | None = None
    value: float | None = None
    value_text: str | None = None
    unit: str | None = None
    compare_across_units: bool = False
    event_date: PartialDate | None = None
    category: str | None = None
    as_of: PartialDate | None = None
    comment: str | None = None
    context: tuple[Context, ...] = ()
    verdict: Verdict | None = None


@dataclass(frozen=True)
class Topic:
    """A subject readers browse by.

    Attributes:
        id: Slug; the page is ``topics/<id>``.
        title: Title for readers.
        summary: One paragraph (inline Markdown).
    """

    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Origin:
    """Where a text comes from: another source of the dossier, or an outside origin.

    Attributes:
        how: ``translation``, ``machine-translation``, ``republication`` or ``rewrite`` (:data:`~.schema.DERIVATIONS`).
        source: Another source of the dossier (its id); None for an outside origin.
        name: The outside origin's name.
        url: The outside origin's address.
        date: The outside origin's date.
        note: What changed on the way, and the evidence (inline Markdown).
        line: Line of the entry in its annotation file.
        column: Column of the entry's ``source`` (or of the entry) in its annotation file.
    """

    how: str
    source: str | None = None
    name: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    note: str | None = None
    line: int = 0
    column: int = 0
    how_label = _label("how", DERIVATIONS, "How the text derives from it, for readers.")


@dataclass(frozen=True)
class CategoryValue:
    """One possible answer to a subject of kind ``category``.

    Attributes:
        id: What claims give as their ``category``.
        label: The answer, for readers.
    """

    id: str
    label: str


@dataclass(frozen=True)
class Citation:
    """An outside source a finding relies on.

    Attributes:
        url: Its address.
        supports: What it supports.
    """

    url: str
    supports: str


@dataclass(frozen=True)
class Finding:
    """What the sources establish on a subject, as the editor judges it.

    Attributes:
        status: One of :data:`~.schema.FINDING_STATUSES`.
        answer: The answer to the subject's question, in one sentence.
        reasoning: How the sources and citations lead to it (inline Markdown).
        citations: Outside sources, each with what it supports.
    """

    status: str
    answer: str
    reasoning: str
    citations: tuple[Citation, ...] = ()
    status_label = _label("status", FINDING_STATUSES, "The status, for readers.")


@dataclass(frozen=True)
class Subject:
    """What several claims may answer: a question, and how its answers compare.

    Attributes:
        id: What claims give as their ``subject``; the anchor is ``subject-<id>``.
        title: A short title for readers.
        question: The question the claims answer.
        kind: ``quantity``, ``date``, ``category`` or ``statement`` (:data:`~.schema.SUBJECT_KINDS`).
        unit: For a quantity: the unit the question is asked in.
        values: For a category: the possible answers.
        changes_over_time: Whether the true value changes over time, so values at different dates form a series.
        finding: What the sources establish, when the editor can say.
        line: Line of the subject in the subjects file.
    """

    id: str
    title: str
    question: str
    kind: str
    unit: str | None = None
    values: tuple[CategoryValue, ...] = ()
    changes_over_time: bool = False
    finding: Finding | None = None
    line: int = 0

    def label_of(self, category: str) -> str:
        """The label of one of the category's answers."""
        return next(v.label for v in self.values if v.id == category)


@dataclass(frozen=True)
class Source:
    """One article: its text as stored and everything annotated about it.

    Attributes:
        id: The slug: the file name without ``.txt``.
        path: The text file, relative to the project root: ``sources/<id>.txt``.
        text: The file decoded as UTF-8, without a leading byte-order mark.
        body_start: Where the shown text starts: past a leading ``date …`` marker, else 0.
        title: English title.
        date: Publication date, at its precision.
        date_origin: Where ``date`` came from: ``annotation`` or ``marker``.
        language: BCP 47 code of the text's language; None when not yet annotated.
        annotation_path: The sidecar file, when there is one.
        summary: What the article says, in three to five English sentences (inline Markdown).
        topics: Topic ids the source touches.
        date_basis: How the date was inferred (inline Markdown).
        translated_from: The language the text was machine-translated from.
        translation_basis: Evidence for ``translated_from`` (inline Markdown).
        publisher: Publisher or origin, as far as the text shows.
        publisher_basis: Evidence for ``publisher`` (inline Markdown).
        url: Original address of the article.
        derived_from: Where the text comes from, nearest first: each origin is what the one before it (the text, for the
            first) derives from.
        notes: Translation notes, in text order.
        claims: Claims, in text order.
        problems: Problems found in this source's files (only kept when the build goes on).
    """

    id: str
    path: str
    text: str
    body_start: int
    title: str
    date: PartialDate
    date_origin: str
    language: str | None
    annotation_path: str | None = None
    summary: str | None = None
    topics: tuple[str, ...] = ()
    date_basis: str | None = None
    translated_from: str | None = None
    translation_basis: str | None = None
    publisher: str | None = None
    publisher_basis: str | None = None
    url: str | None = None
    derived_from: tuple[Origin, ...] = ()
    notes: tuple[Note, ...] = ()
    claims: tuple[Claim, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    @property
    def annotated(self) -> bool:
        """Whether the source has an annotation file."""
        return self.annotation_path is not None

    @property
    def body(self) -> str:
        """The text as shown: without a leading date marker."""
        return self.text[self.body_start :]


@dataclass(frozen=True)
class FailedSource:
    """A source of which nothing can be shown: its slug, and the problems that say why.

    Attributes:
        id: The slug: the file name without ``.txt``.
        problems: Problems found in its files.
    """

    id: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class NoteCounts:
    """The notes of a dossier, damage and glosses apart.

    Attributes:
        damage: Notes on passages the translations or the scraping garbled.
        glosses: Notes that explain correct French (kinds in :data:`GLOSS_KINDS`).
    """

    damage: int
    glosses: int


@dataclass(frozen=True)
class Dossier:
    """Every source and topic, valid or with its problems attached.

    Attributes:
        sources: Sources, by date then id.
        topics: Topics, in the order of the topics file.
        problems: Every problem found, in file order.
        subjects: Subjects, in the order of the subjects file.
        failed: Sources that cannot be shown at all (their problems are among :attr:`problems`), by id.
    """

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    problems: tuple[Problem, ...] = ()
    subjects: tuple[Subject, ...] = ()
    failed: tuple[FailedSource, ...] = ()

    @property
    def topic_map(self) -> dict[str, Topic]:
        """Topics by id."""
        return {topic.id: topic for topic in self.topics}

    @property
    def subject_map(self) -> dict[str, Subject]:
        """Subjects by id."""
        return {subject.id: subject for subject in self.subjects}

    def count_notes(self) -> NoteCounts:
        """How many notes explain garbled passages, and how many are glosses on correct French."""
        damage = sum(1 for source in self.sources for note in source.notes if note.is_damage)
        return NoteCounts(damage, sum(len(source.notes) for source in self.sources) - damage)

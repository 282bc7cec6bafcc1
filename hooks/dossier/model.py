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
    """An outside fact, with the public source that backs it."""

    text: str
    """The fact, in inline Markdown, carefully worded."""

    url: str
    """The citation: an ``http(s)`` address."""


@dataclass(frozen=True)
class Annotation:
    """What notes and claims have in common: an annotated passage of a source."""

    anchor_prefix: ClassVar[str]
    """What the page anchor of the passage starts with: ``note`` or ``claim``."""

    id: str
    """Unique among the source's notes and claims; the page anchor is ``<anchor_prefix>-<id>``."""

    quote: str
    """The passage exactly as it stands in the text."""

    start: int
    """Code-point offset of the passage in the text as stored."""

    end: int
    """Code-point offset just past the passage."""

    line: int = field(default=0, kw_only=True)
    """Line of the note or claim in its annotation file."""

    @property
    def anchor(self) -> str:
        """The page anchor of the highlighted passage."""
        return f"{self.anchor_prefix}-{self.id}"


@dataclass(frozen=True)
class Note(Annotation):
    """A translation note on a passage of a source."""

    anchor_prefix = "note"

    kind: str
    """One of :data:`NOTE_KINDS`."""

    english: str
    """What the passage means, in English."""

    explanation: str
    """Why it reads as it does (inline Markdown)."""

    original: str | None = None
    """The likely original wording."""

    original_language: str | None = None
    """The language of ``original`` when it is not the source's ``translated_from``."""

    kind_label = _label("kind", NOTE_KINDS, "The kind, for readers.")

    @property
    def is_damage(self) -> bool:
        """Whether the note explains a garbled passage, not a gloss on correct French."""
        return self.kind not in GLOSS_KINDS


@dataclass(frozen=True)
class Verdict:
    """The editor's verdict on a claim."""

    rating: str
    """One of :data:`~.schema.VERDICTS`."""

    reason: str
    """Why (inline Markdown)."""

    label = _label("rating", VERDICTS, "The rating, for readers.")


@dataclass(frozen=True)
class Claim(Annotation):
    """A factual statement of a source, stated in English; its id is stable."""

    anchor_prefix = "claim"

    claim: str
    """The claim in English (inline Markdown)."""

    topics: tuple[str, ...]
    """Topic ids."""

    subject: str | None = None
    """The id of the :class:`Subject` the claim answers, shared by every claim on it."""

    value: float | None = None
    """The figure, normalised to a number."""

    value_text: str | None = None
    """The figure as the annotation wrote it."""

    unit: str | None = None
    """The figure's unit: a currency code, ``vehicles/year``…"""

    compare_across_units: bool = False
    """Whether ``value`` must match the subject's values given in other units."""

    event_date: PartialDate | None = None
    """When the reported event happened or is planned."""

    category: str | None = None
    """For a subject of kind ``category``: the id of the answer the claim gives."""

    as_of: PartialDate | None = None
    """When the value held, when the annotation says so (else the source's date)."""

    comment: str | None = None
    """What the annotator can tell from the sources (inline Markdown)."""

    context: tuple[Context, ...] = ()
    """Outside facts, each with its citation."""

    verdict: Verdict | None = None
    """The editor's verdict, if any."""


@dataclass(frozen=True)
class Topic:
    """A subject readers browse by."""

    id: str
    """Slug; the page is ``topics/<id>``."""

    title: str
    """Title for readers."""

    summary: str
    """One paragraph (inline Markdown)."""


@dataclass(frozen=True)
class Origin:
    """Where a text comes from: another source of the dossier, or an outside origin."""

    how: str
    """``translation``, ``machine-translation``, ``republication`` or ``rewrite`` (:data:`~.schema.DERIVATIONS`)."""

    source: str | None = None
    """Another source of the dossier (its id); None for an outside origin."""

    name: str | None = None
    """The outside origin's name."""

    url: str | None = None
    """The outside origin's address."""

    date: PartialDate | None = None
    """The outside origin's date."""

    note: str | None = None
    """What changed on the way, and the evidence (inline Markdown)."""

    line: int = 0
    """Line of the entry in its annotation file."""

    column: int = 0
    """Column of the entry's ``source`` (or of the entry) in its annotation file."""

    how_label = _label("how", DERIVATIONS, "How the text derives from it, for readers.")


@dataclass(frozen=True)
class CategoryValue:
    """One possible answer to a subject of kind ``category``."""

    id: str
    """What claims give as their ``category``."""

    label: str
    """The answer, for readers."""


@dataclass(frozen=True)
class Citation:
    """An outside source a finding relies on."""

    url: str
    """Its address."""

    supports: str
    """What it supports."""


@dataclass(frozen=True)
class Finding:
    """What the sources establish on a subject, as the editor judges it."""

    status: str
    """One of :data:`~.schema.FINDING_STATUSES`."""

    answer: str
    """The answer to the subject's question, in one sentence."""

    reasoning: str
    """How the sources and citations lead to it (inline Markdown)."""

    citations: tuple[Citation, ...] = ()
    """Outside sources, each with what it supports."""

    status_label = _label("status", FINDING_STATUSES, "The status, for readers.")


@dataclass(frozen=True)
class Subject:
    """What several claims may answer: a question, and how its answers compare."""

    id: str
    """What claims give as their ``subject``; the anchor is ``subject-<id>``."""

    title: str
    """A short title for readers."""

    question: str
    """The question the claims answer."""

    kind: str
    """``quantity``, ``date``, ``category`` or ``statement`` (:data:`~.schema.SUBJECT_KINDS`)."""

    unit: str | None = None
    """For a quantity: the unit the question is asked in."""

    values: tuple[CategoryValue, ...] = ()
    """For a category: the possible answers."""

    changes_over_time: bool = False
    """Whether the true value changes over time, so values at different dates form a series."""

    finding: Finding | None = None
    """What the sources establish, when the editor can say."""

    line: int = 0
    """Line of the subject in the subjects file."""

    def label_of(self, category: str) -> str:
        """The label of one of the category's answers."""
        return next(v.label for v in self.values if v.id == category)


@dataclass(frozen=True)
class Source:
    """One article: its text as stored and everything annotated about it."""

    id: str
    """The slug: the file name without ``.txt``."""

    path: str
    """The text file, relative to the project root: ``sources/<id>.txt``."""

    text: str
    """The file decoded as UTF-8, without a leading byte-order mark."""

    body_start: int
    """Where the shown text starts: past a leading ``date …`` marker, else 0."""

    title: str
    """English title."""

    date: PartialDate
    """Publication date, at its precision."""

    date_origin: str
    """Where ``date`` came from: ``annotation`` or ``marker``."""

    language: str | None
    """BCP 47 code of the text's language; None when not yet annotated."""

    annotation_path: str | None = None
    """The sidecar file, when there is one."""

    summary: str | None = None
    """What the article says, in three to five English sentences (inline Markdown)."""

    topics: tuple[str, ...] = ()
    """Topic ids the source touches."""

    date_basis: str | None = None
    """How the date was inferred (inline Markdown)."""

    translated_from: str | None = None
    """The language the text was machine-translated from."""

    translation_basis: str | None = None
    """Evidence for ``translated_from`` (inline Markdown)."""

    publisher: str | None = None
    """Publisher or origin, as far as the text shows."""

    publisher_basis: str | None = None
    """Evidence for ``publisher`` (inline Markdown)."""

    url: str | None = None
    """Original address of the article."""

    derived_from: tuple[Origin, ...] = ()
    """Where the text comes from, nearest first: each origin is what the one before it
    (the text, for the first) derives from."""

    notes: tuple[Note, ...] = ()
    """Translation notes, in text order."""

    claims: tuple[Claim, ...] = ()
    """Claims, in text order."""

    problems: tuple[Problem, ...] = field(default=())
    """Problems found in this source's files (only kept when the build goes on)."""

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
    """A source of which nothing can be shown: its slug, and the problems that say why."""

    id: str
    """The slug: the file name without ``.txt``."""

    problems: tuple[Problem, ...]
    """Problems found in its files."""


@dataclass(frozen=True)
class NoteCounts:
    """The notes of a dossier, damage and glosses apart."""

    damage: int
    """Notes on passages the translations or the scraping garbled."""

    glosses: int
    """Notes that explain correct French (kinds in :data:`GLOSS_KINDS`)."""


@dataclass(frozen=True)
class Dossier:
    """Every source and topic, valid or with its problems attached."""

    sources: tuple[Source, ...]
    """Sources, by date then id."""

    topics: tuple[Topic, ...]
    """Topics, in the order of the topics file."""

    problems: tuple[Problem, ...] = ()
    """Every problem found, in file order."""

    subjects: tuple[Subject, ...] = ()
    """Subjects, in the order of the subjects file."""

    failed: tuple[FailedSource, ...] = ()
    """Sources that cannot be shown at all (their problems are among :attr:`problems`), by id."""

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

"""The dossier's data: sources, their translation notes and claims, topics.

Every class is a frozen dataclass built by :mod:`.load` once the input is
valid; nothing downstream needs to check types again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from .dates import PartialDate
from .problems import Problem
from .schema import NOTE_KINDS

__all__ = [
    "GLOSS_KINDS",
    "NOTE_KINDS",
    "Claim",
    "Context",
    "Dossier",
    "FailedSource",
    "Note",
    "NoteCounts",
    "Source",
    "Topic",
]

GLOSS_KINDS: frozenset[str] = frozenset({"gloss"})
"""Kinds of note that explain correct French to readers without it: not damage,
so not counted among the passages the translations or the scraping garbled."""


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

    @property
    def kind_label(self) -> str:
        """The kind, for readers."""
        return NOTE_KINDS[self.kind]

    @property
    def is_damage(self) -> bool:
        """Whether the note explains a garbled passage, not a gloss on correct French."""
        return self.kind not in GLOSS_KINDS


@dataclass(frozen=True)
class Claim(Annotation):
    """A factual statement of a source, stated in English; its id is stable."""

    anchor_prefix = "claim"

    claim: str
    """The claim in English (inline Markdown)."""

    topics: tuple[str, ...]
    """Topic ids."""

    subject: str | None = None
    """A key shared by the claims of every source that report the same figure or date."""

    value: float | None = None
    """The figure, normalised to a number."""

    value_text: str | None = None
    """The figure as the annotation wrote it."""

    unit: str | None = None
    """The figure's unit: a currency code, ``vehicles/year``…"""

    event_date: PartialDate | None = None
    """When the reported event happened or is planned."""

    comment: str | None = None
    """What the annotator can tell from the sources (inline Markdown)."""

    compare_across_units: bool = False
    """Whether ``value`` must match the subject's values given in other units."""

    context: tuple[Context, ...] = ()
    """Outside facts, each with its citation."""


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

    topics: tuple[str, ...] = ()
    """Topic ids the source touches."""

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

    failed: tuple[FailedSource, ...] = ()
    """Sources that cannot be shown at all (their problems are among :attr:`problems`), by id."""

    @property
    def topic_map(self) -> dict[str, Topic]:
        """Topics by id."""
        return {topic.id: topic for topic in self.topics}

    def count_notes(self) -> NoteCounts:
        """How many notes explain garbled passages, and how many are glosses on correct French."""
        damage = sum(1 for source in self.sources for note in source.notes if note.is_damage)
        return NoteCounts(damage, sum(len(source.notes) for source in self.sources) - damage)

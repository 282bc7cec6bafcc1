"""Building the model from files read and fields checked: topics, subjects, sources, notes and claims.

:func:`load_topics` reads ``sources/topics.yml`` and :func:`load_subjects`
``sources/subjects.yml`` (:mod:`.subjects` checks what depends on a subject's kind);
:func:`load_source` turns a text and
its annotation file into a :class:`~.model.Source`, or a :class:`~.model.FailedSource`
when nothing of it can be shown, with every problem found in its files. Quotes are
located in the text by :mod:`.anchor`; what is published is the passage as stored.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode

from .anchor import AnchorError, TextIndex, anchor_quote
from .dates import PartialDate, parse_date
from .load_fields import Fields, KnownTopics, item_name, probe_field, read_fields, read_sequence
from .load_files import ANNOTATION_LIMIT, FileRead, check_printable, decode, read_file
from .load_yaml import TAG, load_yaml
from .model import (
    CategoryValue,
    Citation,
    Claim,
    Context,
    FailedSource,
    Finding,
    Note,
    Origin,
    Source,
    Subject,
    Topic,
    Verdict,
)
from .paths import taken_by
from .problems import Collector, Problem
from .schema import (
    CATEGORY_VALUE_FIELDS,
    CITATION_FIELDS,
    CLAIM_FIELDS,
    CONTEXT_FIELDS,
    FINDING_FIELDS,
    MAX_CHARS,
    NOTE_FIELDS,
    ORIGIN_FIELDS,
    PATTERNS,
    SOURCE_FIELDS,
    SUBJECT_FIELDS,
    SUBJECTS_FILE_FIELDS,
    TOPIC_FIELDS,
    TOPICS_FILE_FIELDS,
    VERDICT_FIELDS,
    FieldSpec,
)
from .subjects import SubjectsKnown, check_claim, make_subject

__all__ = ["KnownTopics", "load_source", "load_subjects", "load_topics", "read_marker_date"]

_MARKER = re.compile(r"^\s*date (?P<date>\S+)[ \t]*")
_SLUG = re.compile(PATTERNS["slug"].regex)


# -- topics -------------------------------------------------------------------------------


def _load_entries(
    path: Path, root: Path, key: str, file_fields: tuple[FieldSpec, ...]
) -> tuple[Collector, list[Node]] | None:
    """The entries of a file listing topics or subjects under ``key``; None when there is no such file."""
    if not os.path.lexists(path):
        return None
    read = read_file(path, root, ANNOTATION_LIMIT)
    out = Collector(read.rel)
    out.problems.extend(read.problems)
    text = decode(read.data, out) if read.data is not None else None
    tree = load_yaml(text, out) if text is not None else None
    if text is not None and tree is None and not out.problems:
        out.at_position(1, 1, f"Empty {key} file: add '{key}:' with a list of {key}.")
    items: list[Node] = []
    if tree is not None:
        file = read_fields(tree, file_fields, f"the {key} file", out, KnownTopics({}, read.rel, True))
        listed = file.nodes.get(key) if file is not None else None
        items = (read_sequence(listed, key, f"the {key} file", out) or []) if listed is not None else []
    return out, items


def load_topics(path: Path, root: Path, problems: list[Problem]) -> tuple[dict[str, Topic], bool]:
    """The topics defined in ``path``, and whether the file exists; its problems added to ``problems``."""
    loaded = _load_entries(path, root, "topics", TOPICS_FILE_FIELDS)
    if loaded is None:
        return {}, False
    out, items = loaded
    topics: dict[str, Topic] = {}
    ctx = KnownTopics({}, out.path, True)
    for item in items:
        fields = read_fields(item, TOPIC_FIELDS, item_name("topic", item), out, ctx)
        if fields is None or not fields.valid:
            continue
        ident = fields.values["id"]
        if (taken := taken_by("topics", ident)) is not None:
            out.at(
                fields.nodes["id"],
                f"Topic id '{ident}' is taken by {taken}: its page would replace that list. Choose another id.",
            )
            continue
        if ident in topics:
            out.at(fields.nodes["id"], f"Duplicate topic id '{ident}': each topic needs its own id.")
            continue
        topics[ident] = Topic(ident, fields.values["title"], fields.values["summary"])
    problems.extend(out.problems)
    return topics, True


# -- subjects -----------------------------------------------------------------------------


def load_subjects(path: Path, root: Path, rel: str, problems: list[Problem]) -> SubjectsKnown:
    """The subjects of ``sources/subjects.yml`` (:mod:`.subjects` checks what depends on their kind)."""
    loaded = _load_entries(path, root, "subjects", SUBJECTS_FILE_FIELDS)
    if loaded is None:
        return SubjectsKnown({}, rel, False)
    out, items = loaded
    subjects: dict[str, Subject] = {}
    lines: dict[str, int] = {}
    ctx = KnownTopics({}, rel, True)
    for item in items:
        where = item_name("subject", item)
        fields = read_fields(item, SUBJECT_FIELDS, where, out, ctx)
        if fields is None:
            continue
        nodes = fields.nodes
        ident = _where_id(nodes)
        if ident is not None and ident in lines:
            message = (
                f"Duplicate subject id '{ident}': already used at line {lines[ident]}. Give each subject its own id."
            )
            out.at(nodes["id"], message)
            continue
        if ident is not None:
            lines[ident] = item.start_mark.line + 1
        categories = _load_categories(nodes, where, out, ctx)
        finding = _load_finding(nodes["finding"], where, out, ctx) if "finding" in nodes else None
        if not fields.valid or categories is None or finding is False:
            continue
        values = dict(fields.values)
        if "values" in nodes:
            values["values"] = categories
        made = make_subject(values, categories, finding or None, item.start_mark.line + 1)
        if isinstance(made, list):
            for misfit in made:
                out.at(nodes[misfit.field] if misfit.field else item, misfit.message)
            continue
        subjects[made.id] = made
    problems.extend(out.problems)
    return SubjectsKnown(subjects, rel, True)


def _load_finding(node: Node, where: str, out: Collector, ctx: KnownTopics) -> Finding | bool:
    """The finding of a subject; False when it is invalid (reported)."""
    read = read_fields(node, FINDING_FIELDS, f"the finding of {where}", out, ctx)
    if read is None:
        return False
    nodes = read.nodes
    cited = _read_list(nodes, "citations", CITATION_FIELDS, f"the finding of {where}", "a citation of", out, ctx)
    if cited is None or not read.valid:
        return False
    citations = [Citation(entry["url"], entry["supports"]) for entry in cited]
    values = read.values
    return Finding(values["status"], values["answer"], values["reasoning"], tuple(citations))


def _load_categories(
    nodes: dict[str, Node], where: str, out: Collector, ctx: KnownTopics
) -> tuple[CategoryValue, ...] | None:
    """The answers of a subject of kind ``category``; None when one is invalid (reported)."""
    found: dict[str, CategoryValue] = {}
    lines: dict[str, int] = {}
    entries = read_sequence(nodes["values"], "values", where, out) if "values" in nodes else []
    ok = entries is not None
    for entry in entries or []:
        read = read_fields(entry, CATEGORY_VALUE_FIELDS, f"the values of {where}", out, ctx)
        if read is None or not read.valid:
            ok = False
            continue
        ident = read.values["id"]
        if ident in found:
            out.at(
                read.nodes["id"],
                f"Duplicate value '{ident}' in {where}: already given at line {lines[ident]}. "
                "Give each value its own id.",
            )
            ok = False
            continue
        found[ident] = CategoryValue(ident, read.values["label"])
        lines[ident] = read.nodes["id"].start_mark.line + 1
    return tuple(found.values()) if ok else None


def _where_id(nodes: dict[str, Node]) -> str | None:
    """The id of a mapping read by :func:`~.load_fields.read_fields`, when it is a valid slug."""
    node = nodes.get("id")
    if isinstance(node, ScalarNode) and node.tag == TAG + "str" and len(node.value) <= MAX_CHARS["slug"]:
        return node.value if _SLUG.fullmatch(node.value) else None
    return None


# -- sources ------------------------------------------------------------------------------


def read_marker_date(text: str) -> tuple[str, int] | None:
    """The ``date YYYY-MM[-DD]`` marker at the start of a scraped text: its date
    as written and where the text proper starts; None when there is none."""
    match = _MARKER.match(text)
    if match is None or not re.match(r"\d{4}", match["date"]):
        return None
    return match["date"], match.end()


@dataclass
class _Text:
    """A source's text as read, and its date marker.

    Attributes:
        text: The text, None when it cannot be shown (reported).
        body_start: Where the text proper starts, past the date marker.
        marker_date: The marker's date.
        date_unknown: Whether the marker gives a date that is invalid (reported).
    """

    text: str | None = None
    body_start: int = 0
    marker_date: PartialDate | None = None
    date_unknown: bool = False


@dataclass
class _Annotation:
    """An annotation file as read: the metadata that is valid, and the notes and claims.

    Attributes:
        date_unknown: Whether the file may give a date that could not be read (reported): then no problem says the
            source has none.
    """

    meta: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    date_unknown: bool = False


def _read_text(file: FileRead, out: Collector) -> _Text:
    text = decode(file.data, out) if file.data is not None else None
    if text is not None and not text.strip():
        out.at_position(1, 1, "Empty source: the file has no text. Add the article as received.")
        return _Text()
    if text is None or not check_printable(text, out):
        return _Text()
    marker = read_marker_date(text)
    if marker is None:
        return _Text(text)
    written, body_start = marker
    try:
        return _Text(text, body_start, parse_date(written))
    except ValueError as error:
        line_col = text[: text.find(written)]
        out.at_position(1, len(line_col) + 1, f"{error} in the date marker at the start of the text.")
        return _Text(text, body_start, date_unknown=True)


def load_source(
    slug: str, text_file: FileRead, annotation_file: FileRead | None, ctx: KnownTopics
) -> Source | FailedSource:
    """One source, or a :class:`~.model.FailedSource` when nothing can be shown of it."""
    text_rel = text_file.rel
    text_out = Collector(text_rel)
    text_out.problems.extend(text_file.problems)
    read = _read_text(text_file, text_out)
    ann_out = Collector(annotation_file.rel) if annotation_file else None
    annotation = _Annotation()
    if annotation_file is not None and ann_out is not None:
        annotation = _load_annotation(annotation_file, read, text_rel, ann_out, ctx)
    meta = annotation.meta

    date = meta.get("date")
    date_origin = "annotation"
    if date is None and read.marker_date is not None:
        date, date_origin = read.marker_date, "marker"
    date_unknown = read.date_unknown or annotation.date_unknown
    if date is None and read.text is not None and not date_unknown:
        how = (
            "add 'date: YYYY-MM-DD' (or YYYY-MM, or YYYY) to this file, and 'date_basis' to say how it was inferred"
            if ann_out
            else f"create sources/{slug}.yml with 'title', 'date' and 'language'"
        )
        target = ann_out or text_out
        target.at_position(
            1, 1, f"No date for {text_rel}: the text has no 'date YYYY-MM[-DD]' marker at its start, so {how}."
        )

    problems = text_out.problems + (ann_out.problems if ann_out else [])
    if read.text is None or date is None:
        return FailedSource(slug, tuple(sorted(problems or [Problem(text_rel, 1, 1, "The source cannot be shown.")])))
    return Source(
        id=slug,
        path=text_rel,
        text=read.text,
        body_start=read.body_start,
        title=meta.get("title") or slug.replace("-", " ").capitalize(),
        date=date,
        date_origin=date_origin,
        language=meta.get("language"),
        annotation_path=ann_out.path if ann_out else None,
        summary=meta.get("summary"),
        topics=meta.get("topics", ()),
        date_basis=meta.get("date_basis"),
        translated_from=meta.get("translated_from"),
        translation_basis=meta.get("translation_basis"),
        publisher=meta.get("publisher"),
        publisher_basis=meta.get("publisher_basis"),
        url=meta.get("url"),
        derived_from=meta.get("derived_from", ()),
        notes=tuple(sorted(annotation.notes, key=lambda n: (n.start, -n.end, n.id))),
        claims=tuple(sorted(annotation.claims, key=lambda c: (c.start, -c.end, c.id))),
        problems=tuple(sorted(problems)),
    )


def _load_annotation(file: FileRead, read: _Text, text_rel: str, out: Collector, ctx: KnownTopics) -> _Annotation:
    out.problems.extend(file.problems)
    raw = decode(file.data, out) if file.data is not None else None
    if raw is None:
        return _Annotation(date_unknown=True)  # unreadable: whether it gives a date is unknown
    tree = load_yaml(raw, out)
    if tree is None:
        if not out.problems:
            out.at_position(1, 1, "Empty annotation file: add at least 'title' and 'language'.")
            return _Annotation()
        return _Annotation(date_unknown=True)
    fields = read_fields(tree, SOURCE_FIELDS, "the annotation file", out, ctx)
    if fields is None:
        return _Annotation(date_unknown=True)  # not a mapping: whether it gives a date is unknown
    nodes = fields.nodes
    annotation = _Annotation(dict(fields.values))
    if not fields.valid:
        # Keep what did validate so the page can still show it in serve mode.
        annotation.meta = {}
        for spec in SOURCE_FIELDS:
            if spec.name in nodes and (value := probe_field(spec, nodes[spec.name], out.path)) is not None:
                annotation.meta[spec.name] = value
        annotation.date_unknown = "date" in nodes and "date" not in annotation.meta
    if "derived_from" in nodes:
        origins = _load_origins(nodes["derived_from"], out, ctx)
        if origins is not None:
            annotation.meta["derived_from"] = origins
    index = TextIndex(read.text, text_rel, read.body_start) if read.text is not None else None
    ids: dict[str, tuple[str, int]] = {}
    for item in _items(nodes, "notes", out):
        if (passage := _read_passage(item, "note", NOTE_FIELDS, index, out, ctx, ids)) is not None:
            annotation.notes.append(_note(passage))
    for item in _items(nodes, "claims", out):
        if (passage := _read_passage(item, "claim", CLAIM_FIELDS, index, out, ctx, ids)) is not None:
            annotation.claims.append(_claim(passage))
    return annotation


def _load_origins(node: Node, out: Collector, ctx: KnownTopics) -> tuple[Origin, ...] | None:
    """The ``derived_from`` chain; None when an entry is invalid (reported)."""
    origins: list[Origin] = []
    entries = read_sequence(node, "derived_from", "the annotation file", out)
    ok = entries is not None
    for entry in entries or []:
        where = f"the derived_from entry at line {entry.start_mark.line + 1}"
        read = read_fields(entry, ORIGIN_FIELDS, where, out, ctx)
        if read is None or not read.valid:
            ok = False
            continue
        values, nodes = read.values, read.nodes
        if ("source" in values) == ("name" in values):
            out.at(
                entry, f"Expected either 'source' (a source of the dossier) or 'name' (an outside origin) in {where}."
            )
            ok = False
            continue
        if "source" in values and ("url" in values or "date" in values):
            key = "url" if "url" in values else "date"
            out.at(nodes[key], f"A '{key}' describes an outside origin, but {where} names a source of the dossier.")
            ok = False
            continue
        at = nodes.get("source", entry).start_mark
        origins.append(
            Origin(
                how=values["how"],
                source=values.get("source"),
                name=values.get("name"),
                url=values.get("url"),
                date=values.get("date"),
                note=values.get("note"),
                line=at.line + 1,
                column=at.column + 1,
            )
        )
    if ok and any(o.source for o in origins[:-1]):
        first = next(o for o in origins[:-1] if o.source)
        out.at_position(
            first.line,
            first.column,
            f"A source of the dossier ends a derived_from chain: '{first.source}' has its own derived_from. "
            "Move the entries after it to that source's file.",
        )
        ok = False
    return tuple(origins) if ok else None


def _items(nodes: dict[str, Node], name: str, out: Collector) -> list[Node]:
    if name not in nodes:
        return []
    return read_sequence(nodes[name], name, "the annotation file", out) or []


@dataclass(frozen=True)
class _Passage:
    """A note or claim whose fields are valid and whose quote is found in the text.

    Attributes:
        values: Its fields' values, the quote as stored in the text.
        line: Its line in the annotation file.
        context: A claim's outside facts.
        verdict: A claim's verdict.
    """

    values: dict[str, Any]
    start: int
    end: int
    line: int
    context: tuple[Context, ...] = ()
    verdict: Verdict | None = None

    @property
    def located(self) -> dict[str, Any]:
        """What every annotated passage has: its id, its quote, where it is in the text and in its file."""
        values = self.values
        return {"id": values["id"], "quote": values["quote"], "start": self.start, "end": self.end, "line": self.line}


def _read_passage(
    item: Node,
    kind: str,
    specs: tuple[FieldSpec, ...],
    index: TextIndex | None,
    out: Collector,
    ctx: KnownTopics,
    seen: dict[str, tuple[str, int]],
) -> _Passage | None:
    """A note or claim with valid fields, an id of its own and a quote found in the
    text; None when any of that fails (reported)."""
    where = item_name(kind, item)
    fields = read_fields(item, specs, where, out, ctx)
    if fields is None or not fields.valid or _repeats_id(kind, fields, out, seen):
        return None
    context = _claim_context(where, item, fields, out, ctx) if kind == "claim" else ()
    verdict = _claim_verdict(where, fields, out, ctx) if kind == "claim" else None
    span = _anchor(fields, index, out)
    if span is None or context is None or verdict is False:
        return None
    return _Passage(
        fields.values,
        span[0],
        span[1],
        item.start_mark.line + 1,
        context,
        verdict if isinstance(verdict, Verdict) else None,
    )


def _repeats_id(kind: str, fields: Fields, out: Collector, seen: dict[str, tuple[str, int]]) -> bool:
    """Whether the id is already used by a note or claim of the source (reported); else it is noted as used."""
    ident, node = fields.values["id"], fields.nodes["id"]
    if ident not in seen:
        seen[ident] = (kind, node.start_mark.line + 1)
        return False
    other, line = seen[ident]
    message = (
        f"Duplicate {kind} id '{ident}': already used at line {line}. Give each {kind} its own id."
        if other == kind
        else f"Duplicate id '{ident}': already used by the {other} at line {line}. Give each note and claim its own id."
    )
    out.at(node, message)
    return True


def _claim_context(
    where: str, item: Node, fields: Fields, out: Collector, ctx: KnownTopics
) -> tuple[Context, ...] | None:
    """A claim's outside facts; None when they, or its value, subject, category and unit, do not agree (reported)."""
    values, nodes = fields.values, fields.nodes
    ok = True
    if "value" in values and "subject" not in values:
        out.at(
            nodes["value"], f"A 'value' needs a 'subject' in {where}, so that it can be compared with other sources."
        )
        ok = False
    if "unit" in values and "value" not in values:
        out.at(nodes["unit"], f"A 'unit' needs a 'value' in {where}.")
        ok = False
    for misfit in check_claim(values, where, ctx.subjects):
        out.at(nodes[misfit.field] if misfit.field else item, misfit.message)
        ok = False
    context = _read_list(nodes, "context", CONTEXT_FIELDS, where, "the context of", out, ctx)
    if context is None or not ok:
        return None
    return tuple(Context(entry["text"], entry["url"]) for entry in context)


def _read_list(
    nodes: dict[str, Node],
    name: str,
    specs: tuple[FieldSpec, ...],
    where: str,
    entry_where: str,
    out: Collector,
    ctx: KnownTopics,
) -> list[dict[str, Any]] | None:
    """The values of each entry of the list ``name`` of a mapping (``entry_where`` names an entry,
    before ``where``); None when the list or an entry is invalid (reported)."""
    entries = read_sequence(nodes[name], name, where, out) if name in nodes else []
    if entries is None:
        return None
    read = [read_fields(entry, specs, f"{entry_where} {where}", out, ctx) for entry in entries]
    return [fields.values for fields in read if fields is not None] if all(f and f.valid for f in read) else None


def _claim_verdict(where: str, fields: Fields, out: Collector, ctx: KnownTopics) -> Verdict | bool:
    """A claim's verdict: True when it has none, False when it is invalid (reported)."""
    if "verdict" not in fields.nodes:
        return True
    read = read_fields(fields.nodes["verdict"], VERDICT_FIELDS, f"the verdict of {where}", out, ctx)
    if read is None or not read.valid:
        return False
    return Verdict(read.values["rating"], read.values["reason"])


def _anchor(fields: Fields, index: TextIndex | None, out: Collector) -> tuple[int, int] | None:
    """Where the quote is in the text; None without a text, or when it is not found (reported)."""
    if index is None:
        return None
    values = fields.values
    try:
        anchor = anchor_quote(
            index,
            values["quote"],
            occurrence=values.get("occurrence"),
            prefix=values.get("prefix"),
            suffix=values.get("suffix"),
        )
    except AnchorError as error:
        out.at(fields.nodes["quote"], str(error))
        return None
    # What is published is the passage as stored, not the annotator's typing of it.
    values["quote"] = index.text[anchor.start : anchor.end]
    return anchor.start, anchor.end


def _note(passage: _Passage) -> Note:
    values = passage.values
    return Note(
        **passage.located,
        kind=values["kind"],
        english=values["english"],
        explanation=values["explanation"],
        original=values.get("original"),
        original_language=values.get("original_language"),
    )


def _claim(passage: _Passage) -> Claim:
    values = passage.values
    value = values.get("value")
    return Claim(
        **passage.located,
        claim=values["claim"],
        topics=values["topics"],
        subject=values.get("subject"),
        value=value[0] if value else None,
        value_text=value[1] if value else None,
        unit=values.get("unit"),
        compare_across_units=values.get("compare_across_units", False),
        event_date=values.get("event_date"),
        category=values.get("category"),
        as_of=values.get("as_of"),
        comment=values.get("comment"),
        context=passage.context,
        verdict=passage.verdict,
    )

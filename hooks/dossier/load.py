"""Loading and validating ``sources/``: texts, annotation files and topics.

:func:`load_dossier` reads every file, checks it against :mod:`.schema`,
locates every quote (:mod:`.anchor`) and returns a :class:`~.model.Dossier`
with *all* problems found, each as ``path:line:col: message`` with positions
taken from the YAML parser's marks. It never raises on bad input: the caller
decides whether problems stop a build.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .anchor import AnchorError, TextIndex, anchor_quote
from .cache import SourceCache, file_stamp
from .dates import PartialDate, parse_date
from .model import NOTE_KINDS, Claim, Context, Dossier, Note, Source, Topic
from .problems import Problem
from .schema import (
    CLAIM_FIELDS,
    CONTEXT_FIELDS,
    LANGUAGE_PATTERN,
    NOTE_FIELDS,
    SLUG_PATTERN,
    SOURCE_FIELDS,
    TOPIC_FIELDS,
    TOPICS_FILE_FIELDS,
    URL_PATTERN,
    FieldSpec,
)
from .values import parse_value

__all__ = ["MAX_SOURCE_BYTES", "TOPICS_FILE", "load_dossier", "read_marker_date"]

TOPICS_FILE = "topics.yml"
MAX_SOURCE_BYTES = 1_000_000
"""A news article is far smaller; a larger file is most likely the wrong file."""

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=1 << 14)
def _plain_scalar_tag(value: str) -> str:
    """The implicit tag of a plain scalar: ``int`` for ``12``, ``str`` for ``factory``."""
    return _RESOLVER.resolve(ScalarNode, value, (True, False))


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader (libyaml's when available, which keeps line and column marks), resolving
    scalar tags as it would but without its per-scalar work: quoted scalars are strings, and the
    tags of short plain scalars (keys, slugs, numbers) are cached."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _RESOLVER.DEFAULT_SCALAR_TAG
            if len(value) <= 64:
                return _plain_scalar_tag(value)
        return super().resolve(kind, value, implicit)


_TAG = "tag:yaml.org,2002:"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""Turns an int or float scalar into its value, as ``yaml.safe_load`` would, without parsing it again."""
_TAG_NAMES = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "null",
    "timestamp": "a date",
}
_SLUG = re.compile(SLUG_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_URL = re.compile(URL_PATTERN)
_RAW_HTML = re.compile(r"<(?:/?[A-Za-z]|[!?])[^>]*>?")  # as HTML reads a tag: no space after "<"
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?\s*$", re.MULTILINE)
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)\S+$")
_MARKER = re.compile(r"^\s*date (?P<date>\S+)[ \t]*")
_BOM = "\ufeff"


@dataclass
class _Collector:
    """Problems of one file, in the order found."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def at(self, node: Node | None, message: str, *, end: bool = False) -> None:
        mark = None if node is None else (node.end_mark if end else node.start_mark)
        line, col = (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
        self.problems.append(Problem(self.path, line, col, message))

    def at_position(self, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, col, message))


_UNEXPECTED_FILE = (
    "Unexpected file in the sources folder: expected a source text (<slug>.txt) or its annotation file (<slug>.yml)."
)
_UNEXPECTED_FOLDER = (
    "Unexpected folder in the sources folder: sources sit directly in sources/ (a slug cannot contain '/'); "
    "move its files up and name them <slug>.txt and <slug>.yml."
)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    assert isinstance(node, ScalarNode)
    name = _TAG_NAMES.get(node.tag.removeprefix(_TAG), "a value")
    if name in {"null", "a string"}:
        return name if name == "null" else f"the string {node.value!r}"
    return f"{name}: {node.value}"


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _TAG + "null"


# -- YAML ---------------------------------------------------------------------------------


def _load_yaml(text: str, out: _Collector) -> Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
        message = f"Invalid YAML: {error.problem or error.context}"
        if error.context and error.problem:
            message += f" ({error.context}{_started_at(error, mark)})"
        lines = text.split("\n")
        at = lines[line - 1] if mark is not None and line <= len(lines) else ""
        if "\t" in at[:col] or "'\\t'" in message or "tab character" in message:  # the C parser does not name the tab
            message += ". Indent with spaces: YAML does not allow tabs"
        out.at_position(line, col, message + ".")
    except yaml.YAMLError as error:
        out.at_position(1, 1, f"Invalid YAML: {error}.")
    return None


def _started_at(error: yaml.MarkedYAMLError, mark: yaml.Mark | None) -> str:
    """Where the construct named by the error's context ("while scanning a quoted
    scalar") starts, when that is somewhere else than the problem."""
    started = error.context_mark
    construct = str(error.context).startswith(("while scanning a", "while parsing a"))
    if not construct or started is None or mark is None or (started.line, started.column) == (mark.line, mark.column):
        return ""
    return f" that starts at line {started.line + 1}, column {started.column + 1}"


def _read_mapping(node: Node, fields: tuple[FieldSpec, ...], where: str, out: _Collector) -> dict[str, Node] | None:
    """The mapping's values by key, reporting unknown, duplicate and missing keys."""
    if not isinstance(node, MappingNode):
        out.at(node, f"Expected a mapping for {where} but received {_describe(node)}.")
        return None
    names = [spec.name for spec in fields]
    values: dict[str, Node] = {}
    suggested: set[str] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            out.at(key_node, f"Expected a key name in {where} but received {_describe(key_node)}.")
            continue
        key = key_node.value
        if key in values:
            line = values[key].start_mark.line + 1
            out.at(key_node, f"Duplicate key '{key}' in {where}: already given at line {line}.")
            continue
        if key not in names:
            close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
            suggested.update(close)
            hint = f" Did you mean '{close[0]}'?" if close else f" Expected one of: {', '.join(names)}."
            out.at(key_node, f"Unknown key '{key}' in {where}.{hint}")
            continue
        values[key] = value_node
    for spec in fields:
        if spec.required and spec.name not in values and spec.name not in suggested:
            out.at(node, f"Missing required key '{spec.name}' in {where}.")
    return values


# -- field types ----------------------------------------------------------------------------


def _string(node: Node, name: str, where: str, out: _Collector) -> str | None:
    if not isinstance(node, ScalarNode) or node.tag != _TAG + "str":
        hint = " Put text in quotes." if isinstance(node, ScalarNode) else ""
        out.at(node, f"Expected a string for '{name}' in {where} but received {_describe(node)}.{hint}")
        return None
    if not node.value.strip():
        out.at(node, f"Expected a non-empty string for '{name}' in {where} but received {node.value!r}.")
        return None
    return node.value


def _text(node: Node, name: str, where: str, out: _Collector) -> str | None:
    value = _string(node, name, where, out)
    if value is not None and (html := _RAW_HTML.search(value)):
        out.at(
            node,
            f"Raw HTML is not allowed in '{name}' of {where}: found {html.group(0)[:40]!r}. "
            "Write plain text or Markdown; to show a '<', write it with a space after it.",
        )
        return None
    return value


def _markdown(node: Node, name: str, where: str, out: _Collector) -> str | None:
    value = _text(node, name, where, out)
    if value is None:
        return None
    for match in _MD_LINK.finditer(value):
        target = _link_target(value, match.start(1)) if match.group(1) is not None else match.group(2)
        if not _SAFE_LINK.match(target or ""):
            out.at(
                node,
                f"Expected a link to an http://, https:// or mailto: address in '{name}' of "
                f"{where} but received {target!r}.",
            )
            return None
    return value


def _link_target(text: str, start: int) -> str:
    """The target of an inline link starting at ``start``: up to a space or the unbalanced ``)``."""
    depth = 0
    for end in range(start, len(text)):
        char = text[end]
        if char.isspace() or char == ">" or (char == ")" and depth == 0):
            return text[start:end]
        depth += {"(": 1, ")": -1}.get(char, 0)
    return text[start:]


def _pattern(node: Node, name: str, where: str, out: _Collector, pattern: re.Pattern[str], expected: str) -> str | None:
    value = _string(node, name, where, out)
    if value is not None and not pattern.fullmatch(value):
        out.at(node, f"Expected {expected} for '{name}' in {where} but received {value!r}.")
        return None
    return value


def _slug(node: Node, name: str, where: str, out: _Collector) -> str | None:
    expected = "a slug (lower-case letters, digits and single hyphens, like 'factory-capacity')"
    return _pattern(node, name, where, out, _SLUG, expected)


def _language(node: Node, name: str, where: str, out: _Collector) -> str | None:
    expected = "a BCP 47 language code such as 'fr', 'es' or 'en'"
    return _pattern(node, name, where, out, _LANGUAGE, expected)


def _url(node: Node, name: str, where: str, out: _Collector) -> str | None:
    return _pattern(node, name, where, out, _URL, "an http:// or https:// address")


def _date_value(node: Node, name: str, where: str, out: _Collector, *, periods: bool) -> PartialDate | None:
    if not isinstance(node, ScalarNode) or node.tag.removeprefix(_TAG) not in {
        "str",
        "int",
        "timestamp",
    }:
        out.at(node, f"Expected a date for '{name}' in {where} but received {_describe(node)}.")
        return None
    try:
        return parse_date(node.value, periods=periods)
    except ValueError as error:
        out.at(node, f"{error} for '{name}' in {where}.")
        return None


def _occurrence(node: Node, name: str, where: str, out: _Collector) -> int | None:
    number = yaml.safe_load(node.value) if isinstance(node, ScalarNode) and node.tag == _TAG + "int" else None
    if not isinstance(number, int) or number < 1:  # YAML ints include 0x1, 1_0 and 1:30
        out.at(node, f"Expected a whole number from 1 for '{name}' in {where} but received {_describe(node)}.")
        return None
    return number


def _value(node: Node, name: str, where: str, out: _Collector) -> tuple[float, str] | None:
    tag = node.tag.removeprefix(_TAG) if isinstance(node, ScalarNode) else None
    if tag not in {"int", "float", "str"}:
        out.at(node, f"Expected a number for '{name}' in {where} but received {_describe(node)}.")
        return None
    assert isinstance(node, ScalarNode)
    raw: object = node.value
    if tag == "int":
        raw = _CONSTRUCTOR.construct_yaml_int(node)
    elif tag == "float":
        raw = _CONSTRUCTOR.construct_yaml_float(node)
    try:
        return parse_value(raw), node.value
    except ValueError as error:
        out.at(node, f"{error} for '{name}' in {where}.")
        return None


def _kind(node: Node, name: str, where: str, out: _Collector) -> str | None:
    value = _string(node, name, where, out)
    if value is not None and value not in NOTE_KINDS:
        kinds = ", ".join(NOTE_KINDS)
        out.at(
            node,
            f"Expected one of {kinds} for '{name}' in {where} but received {value!r}."
            + _suggest(value, list(NOTE_KINDS)),
        )
        return None
    return value


def _boolean(node: Node, name: str, where: str, out: _Collector) -> bool | None:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in {"true", "yes", "on"}
    out.at(node, f"Expected true or false for '{name}' in {where} but received {_describe(node)}.")
    return None


def _sequence(node: Node, name: str, where: str, out: _Collector) -> list[Node] | None:
    if not isinstance(node, SequenceNode):
        out.at(node, f"Expected a list for '{name}' in {where} but received {_describe(node)}.")
        return None
    return list(node.value)


@dataclass
class _Context:
    """What field readers need beyond the node: the topics known."""

    topics: dict[str, Topic]
    topics_path: str
    topics_defined: bool


def _topics(node: Node, name: str, where: str, out: _Collector, ctx: _Context) -> tuple[str, ...] | None:
    items = _sequence(node, name, where, out)
    if items is None:
        return None
    result: list[str] = []
    for item in items:
        slug = _slug(item, name, where, out)
        if slug is None:
            continue
        if slug in result:
            out.at(item, f"Duplicate topic '{slug}' in '{name}' of {where}.")
            continue
        if slug not in ctx.topics:
            if ctx.topics_defined:
                hint = _suggest(slug, list(ctx.topics))
                out.at(item, f"Unknown topic '{slug}' in {where}.{hint} Topics are defined in {ctx.topics_path}.")
            else:
                out.at(item, f"Unknown topic '{slug}' in {where}: there is no {ctx.topics_path} to define it.")
            continue
        result.append(slug)
    return tuple(result)


_READERS: dict[str, Callable[[Node, str, str, _Collector], Any]] = {
    "text": _text,
    "markdown": _markdown,
    "quote": _string,
    "slug": _slug,
    "language": _language,
    "url": _url,
    "date": lambda n, name, where, out: _date_value(n, name, where, out, periods=False),
    "event_date": lambda n, name, where, out: _date_value(n, name, where, out, periods=True),
    "occurrence": _occurrence,
    "value": _value,
    "kind": _kind,
    "boolean": _boolean,
}


def _read_fields(
    node: Node, fields: tuple[FieldSpec, ...], where: str, out: _Collector, ctx: _Context
) -> tuple[dict[str, Any], dict[str, Node]] | None:
    """Values of the plain fields, converted; nodes of every present field."""
    nodes = _read_mapping(node, fields, where, out)
    if nodes is None:
        return None
    values: dict[str, Any] = {}
    failed = False
    for spec in fields:
        value_node = nodes.get(spec.name)
        if value_node is None:
            continue
        if _is_null(value_node) and not spec.required:
            del nodes[spec.name]
            continue
        if spec.type == "topics":
            value = _topics(value_node, spec.name, where, out, ctx)
        elif spec.type in _READERS:
            value = _READERS[spec.type](value_node, spec.name, where, out)
        else:
            continue  # lists of mappings: read by the caller
        if value is None:
            failed = True
        else:
            values[spec.name] = value
    missing = any(spec.required and spec.name not in nodes for spec in fields)
    return None if failed or missing else values, nodes


# -- topics -------------------------------------------------------------------------------


def _load_topics(path: Path, rel: str, problems: list[Problem]) -> tuple[dict[str, Topic], bool]:
    if not path.is_file():
        return {}, False
    out = _Collector(rel)
    text = _read_text(path, out)
    topics: dict[str, Topic] = {}
    root = _load_yaml(text, out) if text is not None else None
    if text is not None and root is None and not out.problems:
        out.at_position(1, 1, "Empty topics file: add 'topics:' with a list of topics.")
    if root is not None:
        ctx = _Context({}, rel, True)
        read = _read_fields(root, TOPICS_FILE_FIELDS, "the topics file", out, ctx)
        items = _sequence(read[1]["topics"], "topics", "the topics file", out) if read and "topics" in read[1] else None
        for item in items or []:
            where = _where("topic", item)
            fields = _read_fields(item, TOPIC_FIELDS, where, out, ctx)
            if fields is None or fields[0] is None:
                continue
            values = fields[0]
            if values["id"] in topics:
                out.at(fields[1]["id"], f"Duplicate topic id '{values['id']}': each topic needs its own id.")
                continue
            topics[values["id"]] = Topic(values["id"], values["title"], values["summary"])
    problems.extend(out.problems)
    return topics, True


def _where(kind: str, node: Node) -> str:
    """``claim 'x'`` when the mapping has a usable id, else ``claim at line N``."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            is_id = isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode)
            if is_id and value.value and _SLUG.fullmatch(value.value):
                return f"{kind} '{value.value}'"
    return f"the {kind} at line {node.start_mark.line + 1}"


# -- files --------------------------------------------------------------------------------


def _read_text(path: Path, out: _Collector) -> str | None:
    """The file decoded as UTF-8 without a leading BOM, or None with a problem."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        out.at_position(
            line,
            col,
            f"Expected UTF-8 text but byte 0x{data[error.start]:02X} is not valid UTF-8. "
            "Save the file as UTF-8 (it may be in Latin-1 or Windows-1252).",
        )
        return None
    return text.removeprefix(_BOM)


def read_marker_date(text: str) -> tuple[str, int] | None:
    """The ``date YYYY-MM[-DD]`` marker at the start of a scraped text: its date
    as written and where the text proper starts; None when there is none."""
    match = _MARKER.match(text)
    if match is None or not re.match(r"\d{4}", match["date"]):
        return None
    return match["date"], match.end()


def _load_source(
    slug: str,
    text_path: Path,
    annotation_path: Path | None,
    root: Path,
    ctx: _Context,
) -> Source | list[Problem]:
    """One source; a list of problems when nothing can be shown of it."""
    text_rel = text_path.relative_to(root).as_posix()
    text_out = _Collector(text_rel)
    size = text_path.stat().st_size
    text: str | None = None
    if size > MAX_SOURCE_BYTES:
        text_out.at_position(
            1,
            1,
            f"Expected a source of at most {MAX_SOURCE_BYTES:,} bytes but received {size:,} bytes. "
            "A news article is far smaller: check that this is the right file.",
        )
    else:
        text = _read_text(text_path, text_out)
        if text is not None and not text.strip():
            text_out.at_position(1, 1, "Empty source: the file has no text. Add the article as received.")
            text = None

    marker_date: PartialDate | None = None
    marker_failed = False
    body_start = 0
    if text is not None and (marker := read_marker_date(text)) is not None:
        written, body_start = marker
        try:
            marker_date = parse_date(written)
        except ValueError as error:
            marker_failed = True
            line_col = text[: text.find(written)]
            text_out.at_position(1, len(line_col) + 1, f"{error} in the date marker at the start of the text.")

    ann_out = _Collector(annotation_path.relative_to(root).as_posix()) if annotation_path else None
    meta: dict[str, Any] = {}
    notes: list[Note] = []
    claims: list[Claim] = []
    if annotation_path is not None and ann_out is not None:
        meta, notes, claims = _load_annotation(annotation_path, text, text_rel, body_start, ann_out, ctx)

    date = meta.get("date")
    date_origin = "annotation"
    if date is None and marker_date is not None:
        date, date_origin = marker_date, "marker"
    date_failed = marker_failed or "date" in meta.get("_failed", ())
    if date is None and text is not None and not date_failed:
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
    if text is None or date is None:
        return problems or [Problem(text_rel, 1, 1, "The source cannot be shown.")]
    return Source(
        id=slug,
        path=text_rel,
        text=text,
        body_start=body_start,
        title=meta.get("title") or slug.replace("-", " ").capitalize(),
        date=date,
        date_origin=date_origin,
        language=meta.get("language"),
        annotation_path=ann_out.path if ann_out else None,
        date_basis=meta.get("date_basis"),
        translated_from=meta.get("translated_from"),
        translation_basis=meta.get("translation_basis"),
        publisher=meta.get("publisher"),
        publisher_basis=meta.get("publisher_basis"),
        url=meta.get("url"),
        topics=meta.get("topics", ()),
        notes=tuple(sorted(notes, key=lambda n: (n.start, -n.end, n.id))),
        claims=tuple(sorted(claims, key=lambda c: (c.start, -c.end, c.id))),
        problems=tuple(sorted(problems)),
    )


def _load_annotation(
    path: Path,
    text: str | None,
    text_rel: str,
    body_start: int,
    out: _Collector,
    ctx: _Context,
) -> tuple[dict[str, Any], list[Note], list[Claim]]:
    raw = _read_text(path, out)
    if raw is None:
        return {"_failed": ("date",)}, [], []  # unreadable: whether it gives a date is unknown
    root = _load_yaml(raw, out)
    if root is None:
        if not out.problems:
            out.at_position(1, 1, "Empty annotation file: add at least 'title' and 'language'.")
            return {}, [], []
        return {"_failed": ("date",)}, [], []
    read = _read_fields(root, SOURCE_FIELDS, "the annotation file", out, ctx)
    if read is None:
        return {"_failed": ("date",)}, [], []  # not a mapping: whether it gives a date is unknown
    values, nodes = read
    meta = dict(values or {})
    if values is None:
        # Keep what did validate so the page can still show it in serve mode.
        meta = {}
        for spec in SOURCE_FIELDS:
            if spec.name in nodes and spec.type in _READERS:
                probe = _Collector(out.path)
                value = _READERS[spec.type](nodes[spec.name], spec.name, "", probe)
                if value is not None and not probe.problems:
                    meta[spec.name] = value
        if "date" in nodes and "date" not in meta:
            meta["_failed"] = ("date",)
    index = TextIndex(text, text_rel, body_start) if text is not None else None
    ids: dict[str, tuple[str, int]] = {}
    notes = [
        note for item in _items(nodes, "notes", out) if (note := _load_note(item, index, out, ctx, ids)) is not None
    ]
    claims = [
        claim for item in _items(nodes, "claims", out) if (claim := _load_claim(item, index, out, ctx, ids)) is not None
    ]
    return meta, notes, claims


def _items(nodes: dict[str, Node], name: str, out: _Collector) -> Iterator[Node]:
    if name in nodes:
        yield from _sequence(nodes[name], name, "the annotation file", out) or []


def _read_annotation(
    item: Node,
    kind: str,
    fields: tuple[FieldSpec, ...],
    out: _Collector,
    ctx: _Context,
    seen: dict[str, tuple[str, int]],
) -> tuple[str, dict[str, Any], dict[str, Node]] | None:
    """Where a note or claim is, with its values and nodes; None when its fields are
    invalid or its id repeats one already used by a note or claim of the source (reported)."""
    where = _where(kind, item)
    read = _read_fields(item, fields, where, out, ctx)
    if read is None or read[0] is None:
        return None
    values, nodes = read
    ident = values["id"]
    if ident in seen:
        other, line = seen[ident]
        message = (
            f"Duplicate {kind} id '{ident}': already used at line {line}. Give each {kind} its own id."
            if other == kind
            else f"Duplicate id '{ident}': already used by the {other} at line {line}. "
            "Give each note and claim its own id."
        )
        out.at(nodes["id"], message)
        return None
    seen[ident] = (kind, nodes["id"].start_mark.line + 1)
    return where, values, nodes


def _anchor(
    values: dict[str, Any], nodes: dict[str, Node], index: TextIndex | None, out: _Collector
) -> tuple[int, int] | None:
    if index is None:
        return None
    try:
        anchor = anchor_quote(
            index,
            values["quote"],
            occurrence=values.get("occurrence"),
            prefix=values.get("prefix"),
            suffix=values.get("suffix"),
        )
    except AnchorError as error:
        out.at(nodes["quote"], str(error))
        return None
    # What is published is the passage as stored, not the annotator's typing of it.
    values["quote"] = index.text[anchor.start : anchor.end]
    return anchor.start, anchor.end


def _load_note(
    item: Node, index: TextIndex | None, out: _Collector, ctx: _Context, seen: dict[str, tuple[str, int]]
) -> Note | None:
    read = _read_annotation(item, "note", NOTE_FIELDS, out, ctx, seen)
    if read is None:
        return None
    _, values, nodes = read
    span = _anchor(values, nodes, index, out)
    if span is None:
        return None
    return Note(
        id=values["id"],
        kind=values["kind"],
        quote=values["quote"],
        start=span[0],
        end=span[1],
        english=values["english"],
        explanation=values["explanation"],
        original=values.get("original"),
        original_language=values.get("original_language"),
        line=item.start_mark.line + 1,
    )


def _load_claim(
    item: Node, index: TextIndex | None, out: _Collector, ctx: _Context, seen: dict[str, tuple[str, int]]
) -> Claim | None:
    read = _read_annotation(item, "claim", CLAIM_FIELDS, out, ctx, seen)
    if read is None:
        return None
    where, values, nodes = read
    ok = True
    if "value" in values and "subject" not in values:
        out.at(
            nodes["value"], f"A 'value' needs a 'subject' in {where}, so that it can be compared with other sources."
        )
        ok = False
    if "unit" in values and "value" not in values:
        out.at(nodes["unit"], f"A 'unit' needs a 'value' in {where}.")
        ok = False
    context: list[Context] = []
    if "context" in nodes:
        for entry in _sequence(nodes["context"], "context", where, out) or []:
            read_entry = _read_fields(entry, CONTEXT_FIELDS, f"the context of {where}", out, ctx)
            if read_entry is None or read_entry[0] is None:
                ok = False
                continue
            context.append(Context(read_entry[0]["text"], read_entry[0]["url"]))
    span = _anchor(values, nodes, index, out)
    if span is None or not ok:
        return None
    value = values.get("value")
    return Claim(
        id=values["id"],
        quote=values["quote"],
        start=span[0],
        end=span[1],
        claim=values["claim"],
        topics=values["topics"],
        subject=values.get("subject"),
        value=value[0] if value else None,
        value_text=value[1] if value else None,
        unit=values.get("unit"),
        event_date=values.get("event_date"),
        comment=values.get("comment"),
        compare_across_units=values.get("compare_across_units", False),
        context=tuple(context),
        line=item.start_mark.line + 1,
    )


# -- the dossier ----------------------------------------------------------------------------


def _load_cached(
    slug: str, text_path: Path, annotation_path: Path | None, root: Path, ctx: _Context, cache: SourceCache
) -> Source | list[Problem]:
    """:func:`_load_source` through ``cache``, keyed by the files' state and the topics defined."""
    topics = (ctx.topics_path, ctx.topics_defined, tuple(ctx.topics.values()))
    key = (slug, str(root), file_stamp(text_path), file_stamp(annotation_path), topics)
    loaded = cache.get_or_load(key, lambda: _load_source(slug, text_path, annotation_path, root, ctx))
    return list(loaded) if isinstance(loaded, list) else loaded


def load_dossier(root: Path | str, sources_dir: str = "sources", cache: SourceCache | None = None) -> Dossier:
    """Every source and topic under ``root/sources_dir``, with all problems found.

    With a ``cache`` (``mkdocs serve``), sources whose files have not changed are reused.
    """
    root = Path(root)
    folder = root / sources_dir
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(Problem(sources_dir, 1, 1, f"Expected a folder of sources at '{sources_dir}' but found none."))
        return Dossier((), (), tuple(problems))
    topics_rel = f"{sources_dir}/{TOPICS_FILE}"
    topics, defined = _load_topics(folder / TOPICS_FILE, topics_rel, problems)
    ctx = _Context(topics, topics_rel, defined)

    texts: dict[str, Path] = {}
    annotations: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        rel = path.relative_to(root).as_posix()
        if path.name == TOPICS_FILE or path.name.startswith("."):
            continue
        if path.is_dir():
            problems.append(Problem(rel, 1, 1, _UNEXPECTED_FOLDER))
            continue
        if path.suffix not in {".txt", ".yml"}:
            problems.append(Problem(rel, 1, 1, _UNEXPECTED_FILE))
            continue
        if not _SLUG.fullmatch(path.stem):
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    f"Expected a file name made of lower-case letters, digits and single "
                    f"hyphens (like 2023-02-xiaomi-fines-supplier{path.suffix}) but received {path.name!r}.",
                )
            )
            continue
        (texts if path.suffix == ".txt" else annotations)[path.stem] = path

    sources: list[Source] = []
    for slug in sorted(texts.keys() | annotations.keys()):
        if slug not in texts:
            rel = annotations[slug].relative_to(root).as_posix()
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    f"Annotation file without a source: {sources_dir}/{slug}.txt does not exist. "
                    "Add the article as that file, or rename this one to match its source.",
                )
            )
            continue
        if cache is None:
            loaded = _load_source(slug, texts[slug], annotations.get(slug), root, ctx)
        else:
            loaded = _load_cached(slug, texts[slug], annotations.get(slug), root, ctx, cache)
        if isinstance(loaded, Source):
            sources.append(loaded)
            problems.extend(loaded.problems)
        else:
            problems.extend(loaded)
    if cache is not None:
        cache.prune()
    sources.sort(key=lambda s: (s.date.sort_key, s.id))
    return Dossier(tuple(sources), tuple(topics.values()), tuple(sorted(set(problems))))

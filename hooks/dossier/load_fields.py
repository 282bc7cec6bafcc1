"""Field readers: each key of an annotation mapping read and checked as :mod:`.schema` declares it.

:func:`read_fields` reads a mapping against a tuple of :class:`~.schema.FieldSpec`:
unknown, duplicate and missing keys, then each value by its type (strings, Markdown
with safe links only, patterns from :data:`~.schema.PATTERNS`, dates, numbers, note
kinds and other choices, topic ids). Every problem is reported where its node starts; the result is a
:class:`Fields` that says whether everything was valid.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .dates import PartialDate, parse_date
from .load_yaml import TAG, TAG_NAMES, describe, is_null
from .model import NOTE_KINDS, Topic
from .problems import Collector
from .schema import (
    DERIVATIONS,
    FINDING_STATUSES,
    MAX_CHARS,
    MAX_OCCURRENCE_DIGITS,
    PATTERNS,
    SUBJECT_KINDS,
    VERDICTS,
    FieldSpec,
    Pattern,
)
from .subjects import SUBJECTS_FILE, SubjectsKnown
from .values import check_value_size, parse_value

__all__ = ["Fields", "KnownTopics", "item_name", "probe_field", "read_fields", "read_sequence", "suggest"]

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""Turns an int or float scalar into its value, as ``yaml.safe_load`` would, without parsing it again."""
_SLUG = re.compile(PATTERNS["slug"].regex)
_RAW_HTML = re.compile(r"<(?:/?[A-Za-z]|[!?])[^>]*>?")  # as HTML reads a tag: no space after "<"
_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?\s*$", re.MULTILINE)
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:)\S+$")


def suggest(word: str, choices: list[str]) -> str:
    """`` Did you mean 'x'?`` for the closest of ``choices``, or nothing."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def item_name(kind: str, node: Node) -> str:
    """``claim 'x'`` when the mapping has a usable id, else ``the claim at line N``."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            is_id = isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode)
            if is_id and value.value and len(value.value) <= MAX_CHARS["slug"] and _SLUG.fullmatch(value.value):
                return f"{kind} '{value.value}'"
    return f"the {kind} at line {node.start_mark.line + 1}"


def _read_mapping(node: Node, fields: tuple[FieldSpec, ...], where: str, out: Collector) -> dict[str, Node] | None:
    """The mapping's values by key, reporting unknown, duplicate and missing keys."""
    if not isinstance(node, MappingNode):
        out.at(node, f"Expected a mapping for {where} but received {describe(node)}.")
        return None
    names = [spec.name for spec in fields]
    values: dict[str, Node] = {}
    suggested: set[str] = set()
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            out.at(key_node, f"Expected a key name in {where} but received {describe(key_node)}.")
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


def _string(node: Node, name: str, where: str, out: Collector) -> str | None:
    if not isinstance(node, ScalarNode) or node.tag != TAG + "str":
        hint = ""
        if isinstance(node, ScalarNode):
            known = node.tag.removeprefix(TAG) in TAG_NAMES
            hint = " Put text in quotes." if known else " Remove the tag: annotation files use none."
        elif node.tag in {TAG + "seq", TAG + "map"}:
            hint = " Write it as one string; for several lines, put '>-' after the key and indent the lines under it."
        out.at(node, f"Expected a string for '{name}' in {where} but received {describe(node)}.{hint}")
        return None
    if not node.value.strip():
        out.at(node, f"Expected a non-empty string for '{name}' in {where} but received {node.value!r}.")
        return None
    return node.value


def _text(node: Node, name: str, where: str, out: Collector) -> str | None:
    value = _string(node, name, where, out)
    if value is not None and (html := _RAW_HTML.search(value)):
        out.at(
            node,
            f"Raw HTML is not allowed in '{name}' of {where}: found {html.group(0)[:40]!r}. "
            "Write plain text or Markdown; to show a '<', write it with a space after it.",
        )
        return None
    return value


def _markdown(node: Node, name: str, where: str, out: Collector) -> str | None:
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


def _pattern(
    node: Node, name: str, where: str, out: Collector, *, regex: re.Pattern[str], pattern: Pattern
) -> str | None:
    value = _string(node, name, where, out)
    if value is not None and not regex.fullmatch(value):
        out.at(node, f"Expected {pattern.expected} for '{name}' in {where} but received {value!r}.")
        return None
    return value


def _date_value(node: Node, name: str, where: str, out: Collector, *, periods: bool) -> PartialDate | None:
    if not isinstance(node, ScalarNode) or node.tag.removeprefix(TAG) not in {
        "str",
        "int",
        "timestamp",
    }:
        out.at(node, f"Expected a date for '{name}' in {where} but received {describe(node)}.")
        return None
    try:
        return parse_date(node.value, periods=periods)
    except ValueError as error:
        out.at(node, f"{error} for '{name}' in {where}.")
        return None


def _occurrence(node: Node, name: str, where: str, out: Collector) -> int | None:
    is_int = isinstance(node, ScalarNode) and node.tag == TAG + "int"
    if is_int and len(node.value) > MAX_OCCURRENCE_DIGITS:
        out.at(node, f"Expected a whole number of at most {MAX_OCCURRENCE_DIGITS} digits for '{name}' in {where}.")
        return None
    number = _CONSTRUCTOR.construct_yaml_int(node) if is_int else None
    if not isinstance(number, int) or number < 1:  # YAML ints include 0x1, 1_0 and 1:30
        out.at(node, f"Expected a whole number from 1 for '{name}' in {where} but received {describe(node)}.")
        return None
    return number


def _value(node: Node, name: str, where: str, out: Collector) -> tuple[float, str] | None:
    tag = node.tag.removeprefix(TAG) if isinstance(node, ScalarNode) else None
    if tag not in {"int", "float", "str"}:
        out.at(node, f"Expected a number for '{name}' in {where} but received {describe(node)}.")
        return None
    assert isinstance(node, ScalarNode)
    raw: object = node.value
    try:
        check_value_size(node.value)  # before converting: a long integer costs time, a huge one fails
        if tag == "int":
            raw = _CONSTRUCTOR.construct_yaml_int(node)
        elif tag == "float":
            raw = _CONSTRUCTOR.construct_yaml_float(node)
        return parse_value(raw), node.value
    except ValueError as error:
        out.at(node, f"{error} for '{name}' in {where}.")
        return None


def _choice(node: Node, name: str, where: str, out: Collector, *, choices: tuple[str, ...]) -> str | None:
    """One of ``choices``, with a did-you-mean when it is not."""
    value = _string(node, name, where, out)
    if value is not None and value not in choices:
        out.at(
            node,
            f"Expected one of {', '.join(choices)} for '{name}' in {where} but received {value!r}."
            + suggest(value, list(choices)),
        )
        return None
    return value


def _boolean(node: Node, name: str, where: str, out: Collector) -> bool | None:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return node.value.lower() in {"true", "yes", "on"}
    out.at(node, f"Expected true or false for '{name}' in {where} but received {describe(node)}.")
    return None


def read_sequence(node: Node, name: str, where: str, out: Collector) -> list[Node] | None:
    if not isinstance(node, SequenceNode):
        out.at(node, f"Expected a list for '{name}' in {where} but received {describe(node)}.")
        return None
    return list(node.value)


@dataclass(frozen=True)
class KnownTopics:
    """What the readers need beyond the node: the topics defined, and where; the subjects defined."""

    topics: dict[str, Topic]
    topics_path: str
    topics_defined: bool
    subjects: SubjectsKnown = field(default_factory=lambda: SubjectsKnown({}, f"sources/{SUBJECTS_FILE}", False))


def _topics(node: Node, name: str, where: str, out: Collector, ctx: KnownTopics) -> tuple[str, ...] | None:
    items = read_sequence(node, name, where, out)
    if items is None:
        return None
    result: list[str] = []
    for item in items:
        slug = _SLUG_READER(item, name, where, out)
        if slug is None:
            continue
        if slug in result:
            out.at(item, f"Duplicate topic '{slug}' in '{name}' of {where}.")
            continue
        if slug not in ctx.topics:
            if ctx.topics_defined:
                hint = suggest(slug, list(ctx.topics))
                out.at(item, f"Unknown topic '{slug}' in {where}.{hint} Topics are defined in {ctx.topics_path}.")
            else:
                out.at(item, f"Unknown topic '{slug}' in {where}: there is no {ctx.topics_path} to define it.")
            continue
        result.append(slug)
    return tuple(result)


_READERS: dict[str, Callable[[Node, str, str, Collector], Any]] = {
    "text": _text,
    "markdown": _markdown,
    "summary": _markdown,
    "quote": _string,
    **{name: partial(_pattern, regex=re.compile(pattern.regex), pattern=pattern) for name, pattern in PATTERNS.items()},
    "date": partial(_date_value, periods=False),
    "event_date": partial(_date_value, periods=True),
    "occurrence": _occurrence,
    "value": _value,
    "kind": partial(_choice, choices=tuple(NOTE_KINDS)),
    "subject_kind": partial(_choice, choices=tuple(SUBJECT_KINDS)),
    "derivation": partial(_choice, choices=tuple(DERIVATIONS)),
    "verdict_rating": partial(_choice, choices=tuple(VERDICTS)),
    "finding_status": partial(_choice, choices=tuple(FINDING_STATUSES)),
    "boolean": _boolean,
}
"""The reader of each plain field type: its value, or None with the problem reported."""
_SLUG_READER = _READERS["slug"]


_SHORTEN = {"quote": "Quote a shorter passage.", "summary": "Shorten it to three to five sentences."}
"""What to do about a string too long for its type, when more can be said than "Shorten it"."""


def _too_long(node: Node, spec: FieldSpec, where: str, out: Collector) -> bool:
    """Whether a string is longer than its type allows (reported), before anything reads it."""
    limit = MAX_CHARS.get(spec.type)
    if limit is None or not isinstance(node, ScalarNode) or len(node.value) <= limit:
        return False
    out.at(
        node,
        f"Expected at most {limit:,} characters for '{spec.name}' in {where} but received {len(node.value):,}. "
        + _SHORTEN.get(spec.type, "Shorten it."),
    )
    return True


@dataclass(frozen=True)
class Fields:
    """A mapping as read: the node of every present field, and the values that are valid.

    Attributes:
        nodes: The value node of every field present (nulls of optional fields left out).
        values: The converted value of every plain field that is valid.
        valid: Whether every field is valid and every required one present.
    """

    nodes: dict[str, Node]
    values: dict[str, Any]
    valid: bool


def read_fields(
    node: Node, fields: tuple[FieldSpec, ...], where: str, out: Collector, ctx: KnownTopics
) -> Fields | None:
    """The fields of a mapping, read as ``fields`` declare them; None when ``node`` is not a mapping (reported)."""
    nodes = _read_mapping(node, fields, where, out)
    if nodes is None:
        return None
    values: dict[str, Any] = {}
    failed = False
    for spec in fields:
        value_node = nodes.get(spec.name)
        if value_node is None:
            continue
        if is_null(value_node) and not spec.required:
            del nodes[spec.name]
            continue
        if _too_long(value_node, spec, where, out):
            failed = True
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
    return Fields(nodes, values, not (failed or missing))


def probe_field(spec: FieldSpec, node: Node, path: str) -> Any:
    """The value of a plain field when it is valid, else None; nothing reported."""
    reader = _READERS.get(spec.type)
    if reader is None:
        return None
    probe = Collector(path)
    value = reader(node, spec.name, "", probe)
    return None if probe.problems else value

"""Loading and validating ``sources/``: texts, annotation files and topics.

:func:`load_dossier` reads every file, checks it against :mod:`.schema`,
locates every quote (:mod:`.anchor`) and returns a :class:`~.model.Dossier`
with *all* problems found, each as ``path:line:col: message`` with positions
taken from the YAML parser's marks. It never raises on bad input: the caller
decides whether problems stop a build.

Nothing in the input can crash, hang or leak: only regular files inside the
project are opened (links, pipes and devices are refused unopened), files,
strings, numbers, dates and YAML nesting are bounded before anything costly
reads them, and every message fits on one line.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .anchor import AnchorError, TextIndex, anchor_quote
from .cache import SourceCache
from .dates import PartialDate, parse_date
from .model import NOTE_KINDS, Claim, Context, Dossier, Note, Source, Topic
from .paths import taken_by
from .problems import Problem
from .schema import (
    CLAIM_FIELDS,
    CONTEXT_FIELDS,
    LANGUAGE_PATTERN,
    MAX_CHARS,
    MAX_OCCURRENCE_DIGITS,
    NOTE_FIELDS,
    SLUG_PATTERN,
    SOURCE_FIELDS,
    TOPIC_FIELDS,
    TOPICS_FILE_FIELDS,
    URL_PATTERN,
    FieldSpec,
)
from .values import check_value_size, parse_value

__all__ = [
    "MAX_ANNOTATION_BYTES",
    "MAX_SOURCE_BYTES",
    "MAX_YAML_DEPTH",
    "TOPICS_FILE",
    "load_dossier",
    "read_marker_date",
]

TOPICS_FILE = "topics.yml"
MAX_SOURCE_BYTES = 1_000_000
"""A news article is far smaller; a larger file is most likely the wrong file."""
MAX_ANNOTATION_BYTES = 1_000_000
"""The annotation file of one article, and the topics file, are far smaller."""

MAX_YAML_DEPTH = 20
"""The deepest nesting of lists and mappings in a YAML file; an annotation file needs 5."""

try:
    from yaml._yaml import CParser as _Parser  # libyaml's parser: fast, and it does not recurse
except ImportError:  # pragma: no cover - PyYAML without libyaml

    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)


_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=1 << 14)
def _plain_scalar_tag(value: str) -> str:
    """The implicit tag of a plain scalar: ``int`` for ``12``, ``str`` for ``factory``."""
    return _RESOLVER.resolve(ScalarNode, value, (True, False))


class _Resolver(yaml.resolver.Resolver):
    """Resolves scalar tags as the safe loader would but without its per-scalar work: quoted
    scalars are strings, and the tags of short plain scalars (keys, slugs, numbers) are cached."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _RESOLVER.DEFAULT_SCALAR_TAG
            if len(value) <= 64:
                return _plain_scalar_tag(value)
        return super().resolve(kind, value, implicit)


def _too_deep(mark: yaml.Mark | None) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(
        None,
        None,
        f"found lists or mappings nested more than {MAX_YAML_DEPTH} deep; "
        "an annotation file needs 5 levels at most: check the brackets and the indentation",
        mark,
    )


class _Loader(_Parser, yaml.composer.Composer, yaml.constructor.SafeConstructor, _Resolver):
    """The safe loader: libyaml's parser when available (it keeps line and column marks), and
    PyYAML's composer in Python, which counts nesting and stops past :data:`MAX_YAML_DEPTH`
    (libyaml's own composer recurses in C and crashes the process on deep nesting)."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.depth = 0

    check_node = yaml.composer.Composer.check_node
    get_node = yaml.composer.Composer.get_node
    get_single_node = yaml.composer.Composer.get_single_node

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        if self.depth >= MAX_YAML_DEPTH:
            raise _too_deep(self.peek_event().start_mark)
        self.depth += 1
        try:
            return yaml.composer.Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1


_FastLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.CSafeLoader, _Resolver):  # type: ignore[no-redef]
        """libyaml's loader, composer included: for files that cannot nest deep enough to crash it."""


_BLOCK_ENTRY = re.compile(r"[-?](?=\s|\Z)")
_FAST_OPENERS = 600
"""Below this many openers a file nests at most that deep, which libyaml's composer (recursing
in C, about 300 bytes of stack a level) survives even on a 512 KB thread stack."""


def _openers(text: str) -> int:
    """How many places of the text could open a list or mapping: each level of nesting needs
    one of its own (``[``, ``{``, the ``:`` of a key, a ``-`` or ``?`` entry)."""
    return text.count("[") + text.count("{") + text.count(":") + len(_BLOCK_ENTRY.findall(text))


def _compose(text: str) -> Node | None:
    """The YAML file's node tree, with nesting bounded by :data:`MAX_YAML_DEPTH`."""
    if _FastLoader is None or _openers(text) >= _FAST_OPENERS:
        return yaml.compose(text, Loader=_Loader)
    try:
        root = yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:  # said again by the other loader, whose messages name anchors and aliases
        return yaml.compose(text, Loader=_Loader)
    _check_depth(root)
    return root


def _check_depth(root: Node | None) -> None:
    """Raise as :class:`_Loader` would on a node nested deeper than :data:`MAX_YAML_DEPTH`:
    each node counted once, where it is first met (an alias does not nest again)."""
    seen: set[int] = set()
    stack = [(root, 1)] if isinstance(root, SequenceNode | MappingNode) else []
    while stack:  # lists and mappings only, in document order: their items are one level deeper
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        items = node.value if isinstance(node, SequenceNode) else [child for pair in node.value for child in pair]
        if depth >= MAX_YAML_DEPTH and items:
            raise _too_deep(items[0].start_mark)
        stack.extend((child, depth + 1) for child in reversed(items) if isinstance(child, SequenceNode | MappingNode))


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
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""What ``str.splitlines`` breaks a line at."""
_MESSAGE_CHARS = 2_000
"""The longest message: what quotes input back is cut before that."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters no text shows: C0 and C1 controls but tab, line feed and carriage return."""
_TEXT_LINE = re.compile(r"\r\n|\r|\n")
_SHOWN_CHARS = 60
"""The longest value quoted back in a message."""


@dataclass
class _Collector:
    """Problems of one file, in the order found."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def at(self, node: Node | None, message: str, *, end: bool = False) -> None:
        mark = None if node is None else (node.end_mark if end else node.start_mark)
        line, col = (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
        self.at_position(line, col, message)

    def at_position(self, line: int, col: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, col, _one_line(message)))


def _one_line(message: str) -> str:
    """A message on one line (line breaks from the input shown as ``\\n``) and of bounded length."""
    message = _LINE_BREAKS.sub(lambda m: repr(m.group())[1:-1], message)
    return message if len(message) <= _MESSAGE_CHARS else message[: _MESSAGE_CHARS - 1] + "…"


_UNEXPECTED_FILE = (
    "Unexpected file in the sources folder: expected a source text (<slug>.txt) or its annotation file (<slug>.yml)."
)
_GIT_FILES = frozenset({".gitattributes", ".gitignore", ".gitkeep"})
"""Git's own files, which may sit in any folder and are never published."""
_HIDDEN_FILE = (
    "Unexpected hidden file in the sources folder: files whose names start with a dot are not published. "
    "Remove it, or name it <slug>.txt or <slug>.yml."
)
_UNEXPECTED_FOLDER = (
    "Unexpected folder in the sources folder: sources sit directly in sources/ (a slug cannot contain '/'); "
    "move its files up and name them <slug>.txt and <slug>.yml."
)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode | SequenceNode):
        kind, default = ("a mapping", "map") if isinstance(node, MappingNode) else ("a list", "seq")
        return kind if node.tag == _TAG + default else f"{kind} tagged {_shown_tag(node.tag)}"
    assert isinstance(node, ScalarNode)
    name = _TAG_NAMES.get(node.tag.removeprefix(_TAG))
    if name is None:
        return f"a value tagged {_shown_tag(node.tag)}"
    if name in {"null", "a string"}:
        return name if name == "null" else f"the string {node.value!r}"
    return f"{name}: {_clip(node.value)}"


def _shown_tag(tag: str) -> str:
    """A YAML tag as it was written: ``'!!python/name:os.system'``."""
    return repr(_clip("!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag))


def _clip(text: str) -> str:
    """``text`` as a message quotes it: cut after :data:`_SHOWN_CHARS` characters."""
    if len(text) <= _SHOWN_CHARS:
        return text
    return f"{text[: _SHOWN_CHARS - 1]}… ({len(text):,} characters)"


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _TAG + "null"


# -- YAML ---------------------------------------------------------------------------------


def _load_yaml(text: str, out: _Collector) -> Node | None:
    try:
        return _compose(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
        message = f"Invalid YAML: {error.problem or error.context}"
        anchor = re.match(r"found duplicate anchor (.*); first occurrence$", str(error.context))
        if anchor and error.context_mark is not None:
            first = error.context_mark
            message = (
                f"Invalid YAML: duplicate anchor {anchor[1]}, first defined at line {first.line + 1}, "
                f"column {first.column + 1}. Give each anchor its own name"
            )
        elif error.context and error.problem:
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
        hint = ""
        if isinstance(node, ScalarNode):
            known = node.tag.removeprefix(_TAG) in _TAG_NAMES
            hint = " Put text in quotes." if known else " Remove the tag: annotation files use none."
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
    is_int = isinstance(node, ScalarNode) and node.tag == _TAG + "int"
    if is_int and len(node.value) > MAX_OCCURRENCE_DIGITS:
        out.at(node, f"Expected a whole number of at most {MAX_OCCURRENCE_DIGITS} digits for '{name}' in {where}.")
        return None
    number = _CONSTRUCTOR.construct_yaml_int(node) if is_int else None
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


def _too_long(node: Node, spec: FieldSpec, where: str, out: _Collector) -> bool:
    """Whether a string is longer than its type allows (reported), before anything reads it."""
    limit = MAX_CHARS.get(spec.type)
    if limit is None or not isinstance(node, ScalarNode) or len(node.value) <= limit:
        return False
    out.at(
        node,
        f"Expected at most {limit:,} characters for '{spec.name}' in {where} but received {len(node.value):,}. "
        + ("Quote a shorter passage." if spec.type == "quote" else "Shorten it."),
    )
    return True


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
    return None if failed or missing else values, nodes


# -- topics -------------------------------------------------------------------------------


def _load_topics(path: Path, root: Path, problems: list[Problem]) -> tuple[dict[str, Topic], bool]:
    if not os.path.lexists(path):
        return {}, False
    read = _read_file(path, root, _ANNOTATION_LIMIT)
    out = _Collector(read.rel)
    out.problems.extend(read.problems)
    text = _decode(read.data, out) if read.data is not None else None
    topics: dict[str, Topic] = {}
    root = _load_yaml(text, out) if text is not None else None
    if text is not None and root is None and not out.problems:
        out.at_position(1, 1, "Empty topics file: add 'topics:' with a list of topics.")
    if root is not None:
        ctx = _Context({}, read.rel, True)
        read = _read_fields(root, TOPICS_FILE_FIELDS, "the topics file", out, ctx)
        items = _sequence(read[1]["topics"], "topics", "the topics file", out) if read and "topics" in read[1] else None
        for item in items or []:
            where = _where("topic", item)
            fields = _read_fields(item, TOPIC_FIELDS, where, out, ctx)
            if fields is None or fields[0] is None:
                continue
            values = fields[0]
            if (taken := taken_by("topics", values["id"])) is not None:
                out.at(
                    fields[1]["id"],
                    f"Topic id '{values['id']}' is taken by {taken}: its page would replace that list. "
                    "Choose another id.",
                )
                continue
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
            if is_id and value.value and len(value.value) <= MAX_CHARS["slug"] and _SLUG.fullmatch(value.value):
                return f"{kind} '{value.value}'"
    return f"the {kind} at line {node.start_mark.line + 1}"


# -- files --------------------------------------------------------------------------------


_FILE_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class _Limit:
    """The largest file of a kind, and what to say about a larger one."""

    noun: str
    size: int
    hint: str


_SOURCE_LIMIT = _Limit(
    "a source", MAX_SOURCE_BYTES, "A news article is far smaller: check that this is the right file."
)
_ANNOTATION_LIMIT = _Limit(
    "an annotation file",
    MAX_ANNOTATION_BYTES,
    "Annotations of one article are far smaller: check that this is the right file.",
)


@dataclass(frozen=True)
class _Read:
    """A file as read: its bytes, or None with the problems that kept it unread."""

    rel: str
    data: bytes | None
    problems: tuple[Problem, ...]

    @property
    def key(self) -> tuple[str, bytes | None, tuple[Problem, ...]]:
        """What identifies the file's content: its bytes (hashed and compared by the cache's
        dict), not its size or modification time, which a copy can keep."""
        return (self.rel, self.data, self.problems)


def _read_file(path: Path, root: Path, limit: _Limit) -> _Read:
    """A regular file's bytes. Symbolic links and special files (pipes, devices) are
    refused without being opened, so that nothing outside the repository is read and
    nothing blocks; a file larger than ``limit`` is refused unread."""
    rel = path.relative_to(root).as_posix()
    out = _Collector(rel)
    data = _read_regular(path, limit, out)
    return _Read(rel, data, tuple(out.problems))


def _not_regular(path: Path, mode: int) -> str:
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return (
            f"Expected a regular file but found a symbolic link to {target!r}. "
            "Sources are published as stored: replace the link with the file itself."
        )
    kind = _FILE_KINDS.get(stat.S_IFMT(mode), "a special file")
    return f"Expected a regular file but found {kind}. Replace it with a plain text file."


def _read_regular(path: Path, limit: _Limit, out: _Collector) -> bytes | None:
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            out.at_position(1, 1, _not_regular(path, mode))
            return None
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        out.at_position(1, 1, f"Cannot read the file: {error.strerror}.")
        return None
    try:
        info = os.fstat(descriptor)  # the file opened, should it have been swapped since
        if not stat.S_ISREG(info.st_mode):
            out.at_position(1, 1, _not_regular(path, info.st_mode))
            return None
        if info.st_size > limit.size:
            out.at_position(1, 1, _too_large(limit, info.st_size))
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit.size and (chunk := os.read(descriptor, limit.size + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit.size:  # grew while being read
            out.at_position(1, 1, _too_large(limit, size))
            return None
        return b"".join(chunks)
    except OSError as error:
        out.at_position(1, 1, f"Cannot read the file: {error.strerror}.")
        return None
    finally:
        os.close(descriptor)


def _too_large(limit: _Limit, size: int) -> str:
    return f"Expected {limit.noun} of at most {limit.size:,} bytes but received {size:,} bytes. {limit.hint}"


def _decode(data: bytes, out: _Collector) -> str | None:
    """The bytes decoded as UTF-8 without a leading BOM, or None with a problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        guess = _guess_encoding(data)
        if "UTF-16" in guess:  # lines and columns of UTF-8 mean nothing in it
            line, col = 1, 1
        out.at_position(
            line,
            col,
            f"Expected UTF-8 text but byte 0x{data[error.start]:02X} is not valid UTF-8. "
            f"Save the file as UTF-8 ({guess}).",
        )
        return None
    return text.removeprefix(_BOM)


def _guess_encoding(data: bytes) -> str:
    """What the bytes of a file that is not UTF-8 look like, for the message."""
    if data[:2] in {b"\xff\xfe", b"\xfe\xff"}:
        return "it is in UTF-16"
    pairs = data[:2000]
    if len(pairs) >= 4 and pairs.count(0) * 4 >= len(pairs):
        return "it looks like UTF-16"
    return "it may be in Latin-1 or Windows-1252"


def _report_control(text: str, first: re.Match[str], out: _Collector) -> None:
    """A control character in a text (a NUL, an escape…): where the first is, and how many."""
    before = text[: first.start()]
    line = len(_TEXT_LINE.findall(before)) + 1
    col = first.start() - max(before.rfind("\n"), before.rfind("\r"))
    count = len(_CONTROL.findall(text))
    more = f", and {count - 1:,} more" if count > 1 else ""
    out.at_position(
        line,
        col,
        f"Expected printable text but found the control character U+{ord(first.group()):04X}{more}. "
        f"A text holds letters, tabs and line breaks: remove {'them' if more else 'it'} "
        "(control characters are left over from a copy or a conversion).",
    )


def read_marker_date(text: str) -> tuple[str, int] | None:
    """The ``date YYYY-MM[-DD]`` marker at the start of a scraped text: its date
    as written and where the text proper starts; None when there is none."""
    match = _MARKER.match(text)
    if match is None or not re.match(r"\d{4}", match["date"]):
        return None
    return match["date"], match.end()


def _load_source(slug: str, text_file: _Read, annotation_file: _Read | None, ctx: _Context) -> Source | list[Problem]:
    """One source; a list of problems when nothing can be shown of it."""
    text_rel = text_file.rel
    text_out = _Collector(text_rel)
    text_out.problems.extend(text_file.problems)
    text: str | None = None
    if text_file.data is not None:
        text = _decode(text_file.data, text_out)
        if text is not None and not text.strip():
            text_out.at_position(1, 1, "Empty source: the file has no text. Add the article as received.")
            text = None
        elif text is not None and (control := _CONTROL.search(text)) is not None:
            _report_control(text, control, text_out)
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

    ann_out = _Collector(annotation_file.rel) if annotation_file else None
    meta: dict[str, Any] = {}
    notes: list[Note] = []
    claims: list[Claim] = []
    if annotation_file is not None and ann_out is not None:
        meta, notes, claims = _load_annotation(annotation_file, text, text_rel, body_start, ann_out, ctx)

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
    file: _Read,
    text: str | None,
    text_rel: str,
    body_start: int,
    out: _Collector,
    ctx: _Context,
) -> tuple[dict[str, Any], list[Note], list[Claim]]:
    out.problems.extend(file.problems)
    raw = _decode(file.data, out) if file.data is not None else None
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
    slug: str, text_file: _Read, annotation_file: _Read | None, ctx: _Context, cache: SourceCache
) -> Source | list[Problem]:
    """:func:`_load_source` through ``cache``, keyed by the files' content and the topics defined."""
    topics = (ctx.topics_path, ctx.topics_defined, tuple(ctx.topics.values()))
    key = (slug, text_file.key, annotation_file.key if annotation_file else None, topics)
    loaded = cache.get_or_load(key, lambda: _load_source(slug, text_file, annotation_file, ctx))
    return list(loaded) if isinstance(loaded, list) else loaded


def load_dossier(root: Path | str, sources_dir: str = "sources", cache: SourceCache | None = None) -> Dossier:
    """Every source and topic under ``root/sources_dir``, with all problems found.

    With a ``cache`` (``mkdocs serve``), sources whose files have not changed are reused.
    Only regular files inside ``root`` are read: symbolic links and special files are refused.
    """
    root = Path(root).resolve()
    folder = root / sources_dir
    problems: list[Problem] = []
    if folder.is_symlink() or (folder.is_dir() and not folder.resolve().is_relative_to(root)):
        problems.append(
            Problem(
                sources_dir,
                1,
                1,
                f"Expected a folder of sources at '{sources_dir}' but found a symbolic link. "
                "Keep the sources in the repository.",
            )
        )
        return Dossier((), (), tuple(problems))
    if not folder.is_dir():
        problems.append(Problem(sources_dir, 1, 1, f"Expected a folder of sources at '{sources_dir}' but found none."))
        return Dossier((), (), tuple(problems))
    topics, defined = _load_topics(folder / TOPICS_FILE, root, problems)
    ctx = _Context(topics, f"{sources_dir}/{TOPICS_FILE}", defined)

    texts: dict[str, Path] = {}
    annotations: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        rel = path.relative_to(root).as_posix()
        if path.name == TOPICS_FILE or path.name in _GIT_FILES:
            continue
        if path.name.startswith("."):
            problems.append(Problem(rel, 1, 1, _HIDDEN_FILE))
            continue
        if path.is_dir() and not path.is_symlink():
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
        if (taken := taken_by("sources", path.stem)) is not None:
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    f"The name '{path.stem}' is taken by {taken}: this source's page would replace that list. "
                    f"Rename the source's files, for example to {sources_dir}/2023-02-{path.stem}.txt and .yml.",
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
        text_file = _read_file(texts[slug], root, _SOURCE_LIMIT)
        annotation_file = _read_file(annotations[slug], root, _ANNOTATION_LIMIT) if slug in annotations else None
        if cache is None:
            loaded = _load_source(slug, text_file, annotation_file, ctx)
        else:
            loaded = _load_cached(slug, text_file, annotation_file, ctx, cache)
        if isinstance(loaded, Source):
            sources.append(loaded)
            problems.extend(loaded.problems)
        else:
            problems.extend(loaded)
    if cache is not None:
        cache.prune()
    sources.sort(key=lambda s: (s.date.sort_key, s.id))
    return Dossier(tuple(sources), tuple(topics.values()), tuple(sorted(set(problems))))

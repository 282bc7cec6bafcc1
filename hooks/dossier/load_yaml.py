"""YAML as the loader reads it: node trees with line and column marks, nesting bounded.

:func:`load_yaml` parses a file with libyaml when it is available (fast, and its
marks name lines and columns), through PyYAML's composer when the file could nest
deep enough to crash libyaml's, and reports invalid YAML as one problem at its
place. :func:`describe` names a node as messages quote it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Collector

__all__ = ["MAX_YAML_DEPTH", "TAG", "TAG_NAMES", "describe", "is_null", "load_yaml"]

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


TAG = "tag:yaml.org,2002:"
TAG_NAMES = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "null": "null",
    "timestamp": "a date",
}
_SHOWN_CHARS = 60
"""The longest value quoted back in a message."""


def describe(node: Node) -> str:
    if isinstance(node, MappingNode | SequenceNode):
        kind, default = ("a mapping", "map") if isinstance(node, MappingNode) else ("a list", "seq")
        return kind if node.tag == TAG + default else f"{kind} tagged {_shown_tag(node.tag)}"
    assert isinstance(node, ScalarNode)
    name = TAG_NAMES.get(node.tag.removeprefix(TAG))
    if name is None:
        return f"a value tagged {_shown_tag(node.tag)}"
    if name in {"null", "a string"}:
        return name if name == "null" else f"the string {node.value!r}"
    return f"{name}: {_clip(node.value)}"


def _shown_tag(tag: str) -> str:
    """A YAML tag as it was written: ``'!!python/name:os.system'``."""
    return repr(_clip("!!" + tag.removeprefix(TAG) if tag.startswith(TAG) else tag))


def _clip(text: str) -> str:
    """``text`` as a message quotes it: cut after :data:`_SHOWN_CHARS` characters."""
    if len(text) <= _SHOWN_CHARS:
        return text
    return f"{text[: _SHOWN_CHARS - 1]}… ({len(text):,} characters)"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == TAG + "null"


# -- YAML ---------------------------------------------------------------------------------


def load_yaml(text: str, out: Collector) -> Node | None:
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

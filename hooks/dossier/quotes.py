"""Quotes written differently from the text they stand for, and rewriting them.

Anchoring is tolerant (:mod:`.anchor`): a quote typed with straight apostrophes
or plain spaces still finds a passage written with curly ones or no-break
spaces. What the site publishes is the passage as stored, so a quote that
differs from it only in typography is worth a warning, and ``check --fix``
copies the stored passage into the annotation file.

The rewrite touches nothing but the quote's scalar: the file is edited as text
at the YAML parser's marks, so comments, key order and every other scalar stay
byte-for-byte. The new scalar keeps its style (plain, single-quoted,
double-quoted, literal or folded block) when the passage can be written in it,
and is double-quoted otherwise; every rewrite is parsed again before a file is
written.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .anchor import normalize
from .model import Dossier, Source
from .problems import Problem

__all__ = [
    "InexactQuote",
    "compose_yaml",
    "double_quoted",
    "find_inexact_quotes",
    "fix_quotes",
    "mapping_pairs",
    "quote_warnings",
    "rewrite_scalar",
    "wrap_words",
]

_BOM = "\ufeff"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TRAILING_BREAKS = re.compile(r"(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))*[ \t]*\Z")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_WRAP_AT = re.compile(r"(?<=\S) (?=\S)")
_SHOWN_PAIRS = 3


@dataclass(frozen=True)
class InexactQuote:
    """A quote whose written form differs from the passage it is anchored to.

    Attributes:
        path: The annotation file, relative to the project root.
        line: Line of the quote's scalar, from 1.
        col: Column of the quote's scalar, from 1.
        written: The quote as the annotation file has it.
        exact: The passage as stored in the text: what the site publishes.
        item: Where the scalar sits: ``("notes", 2)`` is the third note's ``quote``.
    """

    path: str
    line: int
    col: int
    written: str
    exact: str
    item: tuple[str, int]


def find_inexact_quotes(dossier: Dossier, root: Path | str) -> list[InexactQuote]:
    """Every anchored quote of ``dossier`` whose written form is not its passage, in file order."""
    found: list[InexactQuote] = []
    for source in dossier.sources:
        if source.annotation_path and (source.notes or source.claims):
            found += _inexact_in(source, Path(root) / source.annotation_path)
    return found


def _inexact_in(source: Source, path: Path) -> Iterator[InexactQuote]:
    exact = {(item.line, item.id): item.quote for item in (*source.notes, *source.claims)}
    try:
        nodes = list(_quote_nodes(compose_yaml(path.read_bytes().decode("utf-8").removeprefix(_BOM))))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):  # reported by the loader already
        return
    lines = [(entry.start_mark.line + 1, ident) for _, entry, ident, _ in nodes]
    repeated = {line for line, count in Counter(lines).items() if count > 1}
    for (item, _, _, node), line in zip(nodes, lines, strict=True):
        passage = None if line in repeated else exact.get(line)
        written = node.value.strip()
        if passage is not None and written != passage and normalize(written) == normalize(passage):
            mark = node.start_mark
            yield InexactQuote(str(source.annotation_path), mark.line + 1, mark.column + 1, node.value, passage, item)


def compose_yaml(text: str) -> Node | None:
    """The YAML node tree of ``text``, with the parser's marks (raises ``yaml.YAMLError``)."""
    return yaml.compose(text, Loader=_Loader)


def _quote_nodes(document: Node | None) -> Iterator[tuple[tuple[str, int], MappingNode, str, ScalarNode]]:
    """``(("notes", i), the note, its id, its quote scalar)`` for each note and claim with an id and a quote."""
    for key, items in mapping_pairs(document):
        if key not in {"notes", "claims"} or not isinstance(items, SequenceNode):
            continue
        for number, entry in enumerate(items.value):
            fields = dict(mapping_pairs(entry))
            ident, quote = fields.get("id"), fields.get("quote")
            if isinstance(entry, MappingNode) and isinstance(ident, ScalarNode) and isinstance(quote, ScalarNode):
                yield (key, number), entry, ident.value, quote


def mapping_pairs(node: Node | None) -> Iterator[tuple[str, Node]]:
    """``(key, value node)`` of each scalar key of a mapping node; nothing for any other node."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield key.value, value


def quote_warnings(found: Iterable[InexactQuote]) -> list[Problem]:
    """A warning per inexact quote, at the quote's ``path:line:col``."""
    return [
        Problem(
            q.path,
            q.line,
            q.col,
            f"The quote differs from the text only in typography: {_differences(q.written.strip(), q.exact)}. "
            "The site shows the text's passage; run './dev check --fix' to copy it into this file.",
        )
        for q in found
    ]


def _differences(written: str, exact: str) -> str:
    """``the text has ’ (U+2019) where the quote has ' (U+0027)``, for each distinct change."""
    pairs: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, written, exact, autojunk=False).get_opcodes():
        pair = (written[a1:a2], exact[b1:b2])
        if op != "equal" and pair not in pairs:
            pairs.append(pair)
    shown = [f"the text has {_describe(new)} where the quote has {_describe(old)}" for old, new in pairs]
    more = len(shown) - _SHOWN_PAIRS
    return "; ".join(shown[:_SHOWN_PAIRS]) + (f"; and {more} more" if more > 0 else "")


def _describe(chars: str) -> str:
    if not chars:
        return "nothing"
    if len(chars) > 3:
        return repr(chars)
    return " ".join(_describe_char(c) for c in chars)


def _describe_char(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char.isspace() or not char.isprintable():
        return f"{unicodedata.name(char, 'a control character').lower()} ({code})"
    return f"{char} ({code})"


# -- rewriting -----------------------------------------------------------------------------


def fix_quotes(root: Path | str, found: Iterable[InexactQuote]) -> list[str]:
    """Rewrite each inexact quote to its passage, in place; returns the files changed.

    Raises :class:`ValueError` naming the file when a rewritten file would not
    read back the same (that file is left as it was; the ones before it are rewritten).
    """
    by_file: dict[str, list[InexactQuote]] = {}
    for quote in found:
        by_file.setdefault(quote.path, []).append(quote)
    changed: list[str] = []
    for name, quotes in by_file.items():
        path = Path(root) / name
        data = path.read_bytes().decode("utf-8")
        bom = _BOM if data.startswith(_BOM) else ""
        text = data.removeprefix(bom)
        wanted = {q.item: q.exact for q in quotes}
        nodes = {item: node for item, _, _, node in _quote_nodes(compose_yaml(text)) if item in wanted}
        new = text
        for item in sorted(nodes, key=lambda i: nodes[i].start_mark.index, reverse=True):
            try:
                new = rewrite_scalar(new, nodes[item], wanted[item], partial(_quote_at, item=item))
            except ValueError as error:
                raise ValueError(f"{name}: {error}; the file is left as it was") from None
        if _data(new, wanted) != _data(text, wanted):
            raise ValueError(f"{name}: rewriting its quotes would change other values; the file is left as it was")
        path.write_bytes((bom + new).encode("utf-8"))
        changed.append(name)
    return changed


def _data(text: str, quotes: dict[tuple[str, int], str]) -> object:
    """The file's data with the given quotes left out, to compare a rewrite with the original."""
    data = yaml.load(text, Loader=_Loader)
    for key, number in quotes:
        data[key][number]["quote"] = None
    return data


def _quote_at(text: str, item: tuple[str, int]) -> str | None:
    """The quote at ``item`` in the YAML ``text``, or None when the text does not parse to one."""
    try:
        document = compose_yaml(text)
    except yaml.YAMLError:
        return None
    for where, _, _, node in _quote_nodes(document):
        if where == item and node.tag == "tag:yaml.org,2002:str":
            return node.value
    return None


def rewrite_scalar(text: str, node: ScalarNode, value: str, read_back: Callable[[str], str | None]) -> str:
    """``text`` with the scalar ``node`` written as ``value``, in the node's style when possible.

    ``read_back(new_text)`` returns the scalar's value in a candidate text (None
    when it does not parse); the first candidate whose value, outer white space
    aside, is ``value`` wins. A double-quoted scalar always can.
    """
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style or ""
    if style in {"|", ">"}:
        end = start + len(_TRAILING_BREAKS.sub("", text[start:end]))
    newline = _NEWLINE.search(text)
    for written in _candidates(text[start:end], style, value, newline.group() if newline else "\n"):
        new = text[:start] + written + text[end:]
        got = read_back(new)
        if got is not None and got.strip() == value:
            return new
    raise ValueError(f"Cannot write the quote {value!r} as a YAML scalar")


def _candidates(old: str, style: str, value: str, newline: str) -> Iterator[str]:
    """Ways to write ``value`` in place of the scalar ``old``: its own style first."""
    if style == "" and "\n" not in value:
        yield value
    elif style == "'" and "\n" not in value:
        yield "'" + value.replace("'", "''") + "'"
    elif style in {"|", ">"}:
        yield from _block(old, style, value, newline)
    yield double_quoted(value)


def _block(old: str, style: str, value: str, newline: str) -> Iterator[str]:
    header, _, body = old.partition("\n")
    header = header.removesuffix("\r")
    lines = [line for line in _NEWLINE.split(body) if line.strip()]
    if not lines:
        return
    indent = " " * (len(lines[0]) - len(lines[0].lstrip(" ")))
    if style == "|":
        parts = value.split("\n")
    else:
        width = max(len(line) for line in lines) - len(indent)
        parts = wrap_words(value, width) if "\n" not in value else []
    if parts:
        yield header + newline + newline.join(indent + part if part else "" for part in parts)


def wrap_words(value: str, width: int) -> list[str]:
    """``value`` in lines of at most ``width`` characters (a longer word alone), broken at single spaces."""
    words = _WRAP_AT.split(value)
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def double_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar on one line; all but control characters kept as they are."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"} or char in "\ufeff\ufffe\uffff":
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'

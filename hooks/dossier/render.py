"""The annotated text of a source page, and the marks drawn over it.

Everything else on a source page is rendered from templates (:mod:`.templates`);
the annotated text is built here, in one small function, as it interleaves tags
with the text at arbitrary offsets. The annotated text keeps the source text exactly: it is escaped, split into
paragraphs at blank lines (the whitespace between them kept), and every
annotation becomes an element around its passage. Overlapping annotations are
split into properly nested fragments: ``<mark>`` for a claim, ``<u>`` for a
note. The first fragment of each carries its stable id (``claim-<id>`` or
``note-<id>``), a later one the same as ``data-dx``; the last one ends with an
empty, focusable marker link to its entry in the numbered lists below the text,
which link back. The markers' numbers are drawn by CSS, so the text's content
stays the source text. Nothing else is written per passage: the styles select
by element and link target, and the reading script derives the classes it uses
(``assets/dossier.js``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from .languages import LANGUAGE_NAMES, UNDETERMINED, language_name
from .markup import escape
from .model import Source

__all__ = [
    "LANGUAGE_NAMES",
    "UNDETERMINED",
    "Mark",
    "language_name",
    "language_statement",
    "marks_of",
    "original_language_name",
    "render_annotated_text",
]

_PARAGRAPH_BREAK = re.compile(r"[^\S\n]*\n(?:[^\S\n]*\n)+\s*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def original_language_name(source: Source) -> str:
    """The language the article was first written in: ``translated_from``, else the text's own.

    ``translated_from: und`` (BCP 47 for an undetermined language) says the text
    is a machine translation from a language that cannot be told: "Unknown".
    """
    if source.translated_from == UNDETERMINED:
        return "Unknown"
    return language_name(source.translated_from or source.language)


def language_statement(source: Source) -> str:
    """The text's language, and what it was machine-translated from: ``French, machine-translated from Spanish``."""
    language = language_name(source.language)
    if source.translated_from == UNDETERMINED:
        return f"{language}, machine-translated from an unknown language"
    if source.translated_from:
        return f"{language}, machine-translated from {language_name(source.translated_from)}"
    return language


@dataclass(frozen=True)
class Mark:
    """One annotation to draw over the text.

    Attributes:
        start: Offset of the passage in the text as stored.
        end: Offset just past the passage.
        anchor: The element id of its first fragment: ``claim-x`` or ``note-x``.
        kind: ``claim`` or ``note``.
        label: Its number as shown: ``C1``, ``N4``.
    """

    start: int
    end: int
    anchor: str
    kind: str
    label: str

    @property
    def ref(self) -> str:
        """The id of its entry in the lists below the text."""
        return f"ref-{self.anchor}"


def marks_of(source: Source) -> list[Mark]:
    """The source's claims and notes as marks, numbered in text order."""
    marks = [Mark(c.start, c.end, c.anchor, "claim", f"C{i}") for i, c in enumerate(source.claims, 1)]
    marks += [Mark(n.start, n.end, n.anchor, "note", f"N{i}") for i, n in enumerate(source.notes, 1)]
    return marks


def _order(mark: Mark) -> tuple[int, int, str, str]:
    """Outer annotations open first: earlier start, then longer span."""
    return (mark.start, -mark.end, mark.kind, mark.anchor)


def _tag(mark: Mark) -> str:
    """A claim is highlighted (``mark``), a note is an annotation drawn as an underline (``u``)."""
    return "mark" if mark.kind == "claim" else "u"


def _open(mark: Mark, first: bool) -> str:
    return f'<{_tag(mark)} id="{mark.anchor}">' if first else f'<{_tag(mark)} data-dx="{mark.anchor}">'


def _close(mark: Mark) -> str:
    return f"</{_tag(mark)}>"


def _marker(mark: Mark) -> str:
    what = "Claim" if mark.kind == "claim" else "Translation note"
    return f'<a href="#{mark.ref}" data-n="{mark.label}" aria-label="{what} {mark.label}"></a>'


def _text_html(text: str) -> str:
    """Escaped text with line breaks kept as ``<br>`` plus the break itself."""
    escaped = escape(text)
    if "\n" not in escaped and "\r" not in escaped:  # most pieces of a paragraph
        return escaped
    return _LINE_BREAK.sub(r"<br>\g<0>", escaped)


def _render_paragraph(text: str, start: int, end: int, marks: Sequence[Mark], opened: set[str]) -> str:
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = sorted({start, end} | {p for m in inside for p in (m.start, m.end) if start < p < end})
    out: list[str] = []
    stack: list[Mark] = []
    for left, right in itertools.pairwise(cuts):
        wanted = sorted((m for m in inside if m.start <= left and m.end >= right), key=_order)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend(_close(m) for m in reversed(stack[keep:]))
        for mark in wanted[keep:]:
            out.append(_open(mark, mark.anchor not in opened))
            opened.add(mark.anchor)
        stack = wanted
        out.append(_text_html(text[left:right]))
        for mark in reversed(stack):
            if mark.end == right:
                out.append(_marker(mark))
    out.extend(_close(m) for m in reversed(stack))
    return "".join(out)


def render_annotated_text(source: Source, marks: Sequence[Mark]) -> Markup:
    """The source's text as HTML paragraphs with its marks drawn in: safe HTML, every piece of text escaped."""
    text = source.text
    lang = f' lang="{escape(source.language)}"' if source.language else ""
    out = [f'<div class="dx-text"{lang}>']
    opened: set[str] = set()
    position = source.body_start
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text, source.body_start)]
    leading = re.match(r"\s*", text[position:])
    if leading and leading.end():
        out.append(escape(leading.group(0)))
        position += leading.end()
    for sep_start, sep_end in [*breaks, (len(text), len(text))]:
        if sep_start < position:
            continue
        if sep_start > position:
            out.append("<p>")
            out.append(_render_paragraph(text, position, sep_start, marks, opened))
            out.append("</p>")
        out.append(escape(text[sep_start:sep_end]))
        position = sep_end
    out.append("</div>")
    return Markup("".join(out))

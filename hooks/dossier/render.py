"""HTML for a source page: header, annotated text, and the lists of notes and claims.

The annotated text keeps the source text exactly: it is escaped, split into
paragraphs at blank lines (the whitespace between them kept), and every
annotation becomes an element around its passage. Overlapping annotations are
split into properly nested fragments; the first fragment of each carries its
stable id (``claim-<id>`` or ``note-<id>``), the last one an empty, focusable
marker link to its entry in the numbered lists below the text, which link
back. The markers' numbers are drawn by CSS, so the text's content stays the
source text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .markup import escape, render_inline
from .model import Claim, Note, Source
from .problems import Problem

__all__ = [
    "LANGUAGE_NAMES",
    "UNDETERMINED",
    "Mark",
    "language_name",
    "language_statement",
    "marks_of",
    "original_language_name",
    "render_annotated_text",
    "render_problems",
]

LANGUAGE_NAMES = {
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "pt": "Portuguese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "zh": "Chinese",
}
UNDETERMINED = "und"
"""BCP 47's code for a language that cannot be told."""
_PARAGRAPH_BREAK = re.compile(r"[^\S\n]*\n(?:[^\S\n]*\n)+\s*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def language_name(code: str | None) -> str:
    """English name of a BCP 47 code, or the code itself."""
    if code is None:
        return "not stated"
    return LANGUAGE_NAMES.get(code.split("-")[0], code)


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
    """One annotation to draw over the text."""

    start: int
    """Offset of the passage in the text as stored."""

    end: int
    """Offset just past the passage."""

    anchor: str
    """The element id of its first fragment: ``claim-x`` or ``note-x``."""

    kind: str
    """``claim`` or ``note``."""

    label: str
    """Its number as shown: ``C1``, ``N4``."""

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


def _open(mark: Mark, first: bool) -> str:
    tag = "mark" if mark.kind == "claim" else "span"
    ident = f' id="{mark.anchor}"' if first else ""
    cont = "" if first else " dx-cont"
    return f'<{tag} class="dx dx-{mark.kind}{cont}" data-dx="{mark.anchor}"{ident}>'


def _close(mark: Mark) -> str:
    return "</mark>" if mark.kind == "claim" else "</span>"


def _marker(mark: Mark) -> str:
    what = "Claim" if mark.kind == "claim" else "Translation note"
    return (
        f'<a class="dx-ref dx-ref-{mark.kind}" href="#{mark.ref}" data-dx="{mark.anchor}" '
        f'data-n="{mark.label}" aria-label="{what} {mark.label}"></a>'
    )


def _text_html(text: str) -> str:
    """Escaped text with line breaks kept as ``<br>`` plus the break itself."""
    return _LINE_BREAK.sub(lambda m: "<br>" + m.group(0), escape(text))


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


def render_annotated_text(source: Source, marks: Sequence[Mark]) -> str:
    """The source's text as HTML paragraphs with its marks drawn in."""
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
    return "".join(out)


def render_problems(problems: Sequence[Problem]) -> str:
    """A failure box listing problems, for pages shown while ``mkdocs serve`` runs."""
    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems)
    return (
        '<div class="admonition failure dx-problems" role="alert">'
        '<p class="admonition-title">This source has problems</p>'
        "<p>The build stops on these; fix them and the page comes back.</p>"
        f"<ul>{items}</ul></div>"
    )


def render_note_item(note: Note, mark: Mark, source: Source) -> str:
    """The entry of a translation note in the list under the text."""
    lang = f' lang="{escape(source.language)}"' if source.language else ""
    original = ""
    if note.original:
        olang = note.original_language or source.translated_from
        attr = f' lang="{escape(olang)}"' if olang else ""
        original = (
            f'<div class="dx-original"><span class="dx-field">Likely original:</span> '
            f"<q{attr}>{escape(note.original)}</q></div>"
        )
    return (
        f'<li id="{mark.ref}" class="dx-item dx-item-note">'
        f'<a class="dx-back" href="#{mark.anchor}" title="Back to the passage">{mark.label}</a> '
        f'<span class="dx-kind dx-kind-{note.kind}">{escape(note.kind_label)}</span> '
        f'<q class="dx-quote"{lang}>{escape(note.quote)}</q> '
        f'<div class="dx-english"><span class="dx-field">In English:</span> {escape(note.english)}</div>'
        f"{original}"
        f'<div class="dx-explanation">{render_inline(note.explanation)}</div>'
        "</li>"
    )


def render_claim_item(
    claim: Claim,
    mark: Mark,
    source: Source,
    topic_link: Callable[[str], str],
    extra: str = "",
) -> str:
    """The entry of a claim in the list under the text; ``extra`` is appended HTML."""
    lang = f' lang="{escape(source.language)}"' if source.language else ""
    facts: list[str] = []
    if claim.subject:
        figure = ""
        if claim.value_text is not None:
            unit = f" {escape(claim.unit)}" if claim.unit else ""
            figure = f': <span class="dx-value">{escape(claim.value_text)}{unit}</span>'
        facts.append(f'<span class="dx-subject">{escape(claim.subject)}</span>{figure}')
    if claim.event_date:
        facts.append(f'<span class="dx-when">{escape(claim.event_date.label)}</span>')
    topics = ", ".join(topic_link(t) for t in claim.topics)
    facts.append(f'<span class="dx-topics">Topics: {topics}</span>')
    comment = (
        f'<div class="dx-comment"><span class="dx-field">Annotator:</span> {render_inline(claim.comment)}</div>'
        if claim.comment
        else ""
    )
    context = "".join(
        f'<div class="dx-context"><span class="dx-field">Context:</span> {render_inline(c.text)} '
        f'(<a href="{escape(c.url)}" rel="nofollow noopener">source</a>)</div>'
        for c in claim.context
    )
    return (
        f'<li id="{mark.ref}" class="dx-item dx-item-claim">'
        f'<a class="dx-back" href="#{mark.anchor}" title="Back to the passage">{mark.label}</a> '
        f'<span class="dx-claim-text">{render_inline(claim.claim)}</span> '
        f'<q class="dx-quote"{lang}>{escape(claim.quote)}</q> '
        f'<div class="dx-facts">{" · ".join(facts)}</div>'
        f"{comment}{context}{extra}"
        "</li>"
    )

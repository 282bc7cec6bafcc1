"""Property tests of the annotated text: any text, any overlapping or nested spans.

The HTML must be well formed, its text content must be the source text
exactly, and each highlight must cover its quote: its fragments start and end
where the quote does, and whatever lies between them outside the highlight is
only the blank lines between paragraphs (a ``<mark>`` cannot span ``</p><p>``).
"""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.dates import parse_date
from dossier.model import Claim, Note, Source
from dossier.render import marks_of, render_annotated_text

EXAMPLES = 600
VOID = {"br"}
ALPHABET = st.sampled_from([*"ab cé\n\r\t<>&\"'«»’", "\u00a0", "😀", "\u0301"])


class _Reader(HTMLParser):
    """Checks nesting and collects the text, and the text of each highlight (by its anchor)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.length = 0
        self.highlights: dict[str, list[tuple[int, int]]] = {}
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        attributes = dict(attrs)
        passage = tag in {"mark", "u"}  # a claim's or a note's piece: its anchor as id, or data-dx after the first
        self.stack.append((tag, attributes.get("id") or attributes.get("data-dx") if passage else None))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        span = (self.length, self.length + len(data))
        self.text.append(data)
        self.length = span[1]
        for _, anchor in self.stack:
            if anchor:
                self.highlights.setdefault(anchor, []).append(span)


def _quotable(quote: str) -> bool:
    """Like a quote in an annotation file: not empty, no surrounding whitespace (it may span paragraphs)."""
    return bool(quote) and quote.strip() == quote


def _covered(text: str, fragments: list[tuple[int, int]]) -> str:
    """The text from the highlight's first fragment to its last, checking that the gaps are blank."""
    for (_, end), (start, _) in itertools.pairwise(fragments):
        assert text[end:start].strip() == "", f"gap {text[end:start]!r} inside a highlight"
    return text[fragments[0][0] : fragments[-1][1]] if fragments else ""


@st.composite
def annotated_sources(draw: st.DrawFn) -> Source:
    text = draw(st.text(ALPHABET, min_size=1, max_size=80))
    spans = draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=8).map(
            lambda pairs: [(min(a, b), max(a, b)) for a, b in pairs if _quotable(text[min(a, b) : max(a, b)])]
        )
    )
    claims, notes = [], []
    for i, (start, end) in enumerate(spans):
        if draw(st.booleans()):
            claims.append(Claim(f"c{i}", text[start:end], start, end, "A claim.", ("t",)))
        else:
            notes.append(Note(f"n{i}", text[start:end], start, end, "idiom", "English.", "Why."))
    return Source(
        id="2023-02-x",
        path="sources/2023-02-x.txt",
        text=text,
        body_start=0,
        title="X",
        date=parse_date("2023-02"),
        date_origin="annotation",
        language="fr",
        notes=tuple(notes),
        claims=tuple(claims),
    )


RUN = {"examples": 0}


@settings(max_examples=EXAMPLES, deadline=None)
@given(annotated_sources())
def _check_annotated_text(source: Source) -> None:
    RUN["examples"] += 1
    reader = _Reader()
    reader.feed(render_annotated_text(source, marks_of(source)))
    reader.close()
    assert reader.errors == []
    assert reader.stack == []
    text = "".join(reader.text)
    assert text == source.text
    for item in (*source.claims, *source.notes):
        assert _covered(text, reader.highlights.get(item.anchor, [])) == item.quote, item.anchor


def test_annotated_text_is_well_formed_and_keeps_the_text() -> None:
    """The property, over generated sources; in one test, so that the count of examples run is this
    test's own whichever worker runs it."""
    RUN["examples"] = 0
    _check_annotated_text()
    print(f"property test: {RUN['examples']} examples run (max_examples={EXAMPLES})")
    assert RUN["examples"] >= 100

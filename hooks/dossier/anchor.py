"""Locating quotes in a source text, as a W3C TextQuoteSelector would.

A quote matches its text when both are the same after *normalising*: curly and
straight apostrophes are one character, and so are all double quotation marks
and guillemets; every run of whitespace, non-breaking spaces included, is one
space. Anything else (case, accents, words run together) must match exactly.

A quote found several times must say which occurrence it means, by number or
by the text around it. Nothing is re-anchored silently: a quote that no longer
matches is an error that names the closest passage.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher

__all__ = ["SEARCH_BUDGET", "SHOWN_OCCURRENCES", "Anchor", "AnchorError", "TextIndex", "anchor_quote", "normalize"]

_QUOTE_CHARS = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4\u2039\u203a", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033", '"'),
    }
)
_QUOTE_RE = re.compile("[" + "".join(chr(c) for c in _QUOTE_CHARS) + "]")
_SPACES = re.compile(r"\s+")
_FOLDED = re.compile(r" \s+|[^\S ]\s*")
"""Whitespace runs that normalising changes: a lone space is kept as it is."""
_WORD = re.compile(r"\w{3,}")
_MAX_CANDIDATES = 400
_SHOWN = 90
SEARCH_BUDGET = 4_000_000
"""How much comparing the search for a quote's closest passage may do: passages compared
times the quote's length squared (what a comparison costs). The search stops there, so
that any quote costs a fraction of a second; a 200-character quote is compared with 100
passages, a 2,000-character one with one."""
_PIECE = 24
"""Characters of each piece of a long quote looked for exactly."""
_PIECES = 16
"""Pieces of a long quote looked for."""
_PIECE_HITS = 20
"""A piece found more often than this is too common to place the quote."""
_ALIGNED = 3
"""Starts compared in full with a long quote."""
SHOWN_OCCURRENCES = 5
"""Occurrences of an ambiguous quote listed in a message; the rest are counted."""


def normalize(text: str) -> str:
    """The matching form of ``text``: quotation marks unified, whitespace folded."""
    return _SPACES.sub(" ", unify_quotes(text))


def unify_quotes(text: str) -> str:
    """``text`` with its quotation marks unified; as ``str.translate`` but faster on long texts."""
    return _QUOTE_RE.sub(_quote_char, text) if _QUOTE_RE.search(text) else text


def _quote_char(match: re.Match[str]) -> str:
    return _QUOTE_CHARS[ord(match.group())]


@dataclass(frozen=True)
class Anchor:
    """Where a quote stands in its text.

    Attributes:
        start: Code-point offset of the first character, in the text as stored.
        end: Code-point offset just past the last character.
        line: Line of ``start``, from 1.
        col: Column of ``start``, from 1.
    """

    start: int
    end: int
    line: int
    col: int


class AnchorError(ValueError):
    """A quote that cannot be located; the message says why and what to do."""


@dataclass
class TextIndex:
    """A text prepared for quote look-ups: its normal form and line starts.

    Build one per text and reuse it for all of that text's quotes.

    Attributes:
        text: The text as stored.
        path: The text's file, for messages.
        body_start: Quotes are looked for from this offset on (past a date marker).
        norm: The normal form of ``text``.
    """

    text: str
    path: str
    body_start: int = 0
    norm: str = field(init=False)
    _norm_breaks: list[int] = field(init=False, repr=False)
    _orig_breaks: list[int] = field(init=False, repr=False)
    _line_starts: list[int] = field(init=False, repr=False)
    _lower: str | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        translated = unify_quotes(self.text)
        parts: list[str] = []
        norm_breaks = [0]
        orig_breaks = [0]
        position = 0
        length = 0
        for match in _FOLDED.finditer(translated):
            start, end = match.span()
            parts.append(translated[position:start])
            length += start - position
            norm_breaks.append(length)
            orig_breaks.append(start)
            parts.append(" ")
            length += 1
            norm_breaks.append(length)
            orig_breaks.append(end)
            position = end
        parts.append(translated[position:])
        self.norm = "".join(parts)
        self._norm_breaks = norm_breaks
        self._orig_breaks = orig_breaks
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]

    def to_text(self, norm_offset: int) -> int:
        """The offset in the stored text of a character of the normal form."""
        i = bisect_right(self._norm_breaks, norm_offset) - 1
        return self._orig_breaks[i] + (norm_offset - self._norm_breaks[i])

    def to_norm(self, offset: int) -> int:
        """The offset in the normal form of a character of the stored text."""
        i = bisect_right(self._orig_breaks, offset) - 1
        inside = offset - self._orig_breaks[i]
        if i % 2 == 1:  # inside a folded run of whitespace
            return self._norm_breaks[i]
        return self._norm_breaks[i] + inside

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column (from 1) of an offset in the stored text."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def where(self, offset: int) -> str:
        """``line L, column C`` of an offset, for messages."""
        line, col = self.line_col(offset)
        return f"line {line}, column {col}"

    def find_all(self, quote: str) -> list[int]:
        """Every offset (in the normal form) where the normal ``quote`` starts."""
        found: list[int] = []
        position = self.to_norm(self.body_start)
        while (position := self.norm.find(quote, position)) != -1:
            found.append(position)
            position += 1
        return found

    def anchor(self, norm_start: int, norm_length: int) -> Anchor:
        """The :class:`Anchor` of a match in the normal form."""
        start = self.to_text(norm_start)
        end = self.to_text(norm_start + norm_length - 1) + 1
        line, col = self.line_col(start)
        return Anchor(start, end, line, col)

    def closest(self, quote: str) -> Search:
        """The passage that looks most like ``quote``, within :data:`SEARCH_BUDGET`."""
        if self._lower is None:
            self._lower = self.norm.lower()
        lowered = quote.lower()
        body = self.to_norm(self.body_start)
        best: tuple[float, int] | None = None
        seen: set[int] = set()
        budget = max(1, SEARCH_BUDGET // max(1, len(lowered)) ** 2)
        for start in self._aligned(lowered, body)[:budget]:  # a long quote: where its exact pieces line up
            seen.add(start)
            ratio = SequenceMatcher(None, lowered, self._lower[start : start + len(lowered)], autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, start)
        if best is not None and best[0] >= 0.5:
            return self._passage(quote, best[1], body, len(seen), complete=True)
        words = sorted(set(_WORD.findall(lowered)), key=lambda word: (-len(word), word))[:6]
        complete = True
        for word in words:
            offset_in_quote = lowered.find(word)
            position = body
            tried = 0
            while tried < _MAX_CANDIDATES and (position := self._lower.find(word, position)) != -1:
                start = max(body, position - offset_in_quote)
                position += 1
                tried += 1
                if start in seen:
                    continue
                if len(seen) >= budget:  # what the pieces took counts too
                    complete = False
                    break
                seen.add(start)
                window = self._lower[start : start + len(lowered)]
                ratio = SequenceMatcher(None, lowered, window, autojunk=False).ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, start)
        if best is None or best[0] < 0.5:
            return Search(None, len(seen), complete)
        return self._passage(quote, best[1], body, len(seen), complete)

    def _aligned(self, lowered: str, body: int) -> list[int]:
        """Where a long quote would start if some of its pieces are exact: the starts most
        pieces agree on (a typo spoils one piece, not the others). Empty for a short quote."""
        assert self._lower is not None
        size = _PIECE
        if len(lowered) < 2 * size:
            return []
        votes: dict[int, int] = {}
        step = max(size, (len(lowered) - size) // (_PIECES - 1))
        for offset in range(0, len(lowered) - size + 1, step):
            piece = lowered[offset : offset + size]
            starts = []
            position = body
            while len(starts) <= _PIECE_HITS and (position := self._lower.find(piece, position)) != -1:
                starts.append(position - offset)
                position += 1
            if len(starts) <= _PIECE_HITS:  # a piece found everywhere tells nothing
                for start in starts:
                    votes[max(body, start)] = votes.get(max(body, start), 0) + 1
        return sorted(votes, key=lambda start: (-votes[start], start))[:_ALIGNED]

    def _passage(self, quote: str, best: int, body: int, compared: int, complete: bool) -> Search:
        """The passage at ``best`` widened to whole words, as the search's result."""
        start = best
        end = min(len(self.norm), start + len(quote))
        while start > body and self.norm[start - 1] != " " and best - start < 20:
            start -= 1
        while end < len(self.norm) and self.norm[end] != " " and end - start < len(quote) + 20:
            end += 1
        window = self.norm[start:end]
        start += len(window) - len(window.lstrip())
        end -= len(window) - len(window.rstrip())
        return Search(self.anchor(start, end - start), compared, complete)


@dataclass(frozen=True)
class Search:
    """What the search for a quote's closest passage found.

    Attributes:
        closest: Where the passage most like the quote stands in the text, if one is alike enough.
        compared: How many passages were compared with the quote.
        complete: Whether every candidate passage was compared (not cut by :data:`SEARCH_BUDGET`).
    """

    closest: Anchor | None
    compared: int
    complete: bool


def _shown(text: str) -> str:
    """A quote or passage for a message: on one line, cut after :data:`_SHOWN` characters."""
    text = _SPACES.sub(" ", text)
    text = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
    return '"' + text + '"'


def _difference(quote: str, passage: str) -> str:
    """What sets a quote apart from a passage that looks the same: Unicode normalisation, or
    an invisible character; empty when the difference is visible."""
    if quote not in passage and unicodedata.normalize("NFC", quote) in unicodedata.normalize("NFC", passage):
        return (
            " The two differ only by Unicode normalisation: one writes accented letters as a letter and a "
            "combining mark (NFD), the other as one character (NFC)."
        )
    for name, text in (("quote", quote), ("passage", passage)):
        for position, char in enumerate(text):
            if unicodedata.category(char) == "Cf" and char not in (passage if name == "quote" else quote):
                label = unicodedata.name(char, "an invisible character")
                return (
                    f" The {name} contains U+{ord(char):04X} {label} at character {position + 1}, which is invisible."
                )
    return ""


def anchor_quote(
    index: TextIndex,
    quote: str,
    *,
    occurrence: int | None = None,
    prefix: str | None = None,
    suffix: str | None = None,
) -> Anchor:
    """Locate ``quote`` in the indexed text, or raise :class:`AnchorError`.

    ``occurrence`` (from 1), or ``prefix`` and ``suffix`` (the text just before
    and after), choose among several occurrences.
    """
    wanted = normalize(quote).strip()
    if not wanted:
        raise AnchorError("Expected a quote from the text but received an empty string")
    found = index.find_all(wanted)
    if not found:
        search = index.closest(wanted)
        cut = (
            ""
            if search.complete
            else f" (the search stopped after {_count(search.compared, 'passage')}: "
            "a shorter quote is compared with more)"
        )
        if search.closest is None:
            raise AnchorError(
                f"Quote not found in {index.path}: {_shown(quote)}, and no passage resembles it{cut}. "
                "Copy the passage exactly as it stands in the text."
            )
        closest = search.closest
        # Shown as it stands in the text (curly quotes kept), on one line.
        passage = _SPACES.sub(" ", index.text[closest.start : closest.end])
        raise AnchorError(
            f"Quote not found in {index.path}: {_shown(quote)}. The closest passage is "
            f"{_shown(passage)} at {index.where(closest.start)}{cut}."
            f"{_difference(_SPACES.sub(' ', quote).strip(), passage)} "
            "Copy the passage exactly as it stands in the text."
        )
    candidates = found
    if prefix is not None:  # the normal form has single spaces: at most one to skip
        before = normalize(prefix).strip()
        candidates = [n for n in candidates if index.norm[max(0, n - len(before) - 1) : n].rstrip().endswith(before)]
    if suffix is not None:
        after = normalize(suffix).strip()
        end = len(wanted)
        candidates = [
            n for n in candidates if index.norm[n + end : n + end + len(after) + 1].lstrip().startswith(after)
        ]
    if prefix is not None or suffix is not None:
        if not candidates:
            every = _every(index, found)
            given = " and ".join(
                f"{name} {_shown(value)}"
                for name, value in (("prefix", prefix), ("suffix", suffix))
                if value is not None
            )
            raise AnchorError(
                f"Quote {_shown(quote)} occurs in {index.path} at {every}, but never with "
                f"{given}. Copy the text just before or after the passage exactly."
            )
        found = candidates
    if occurrence is not None:
        if not 1 <= occurrence <= len(found):
            raise AnchorError(
                f"Expected 'occurrence' from 1 to {len(found)} but received {occurrence}: quote "
                f"{_shown(quote)} occurs {_times(len(found))} in {index.path}, at {_every(index, found)}."
            )
        return index.anchor(found[occurrence - 1], len(wanted))
    if len(found) > 1:
        raise AnchorError(
            f"Quote {_shown(quote)} occurs {_times(len(found))} in {index.path}: at {_every(index, found)}. "
            f"Add 'occurrence: N' (1 to {len(found)}), or a 'prefix' or 'suffix' that tells "
            "them apart."
        )
    return index.anchor(found[0], len(wanted))


def _every(index: TextIndex, found: list[int]) -> str:
    """Where the first :data:`SHOWN_OCCURRENCES` matches are, and how many more, for messages."""
    shown = "; ".join(index.where(index.to_text(n)) for n in found[:SHOWN_OCCURRENCES])
    more = len(found) - SHOWN_OCCURRENCES
    return shown + (f"; and {more:,} more" if more > 0 else "")


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"

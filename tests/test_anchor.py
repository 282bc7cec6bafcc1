"""Quotes are located modulo quotation marks and whitespace, and never silently re-anchored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.anchor import AnchorError, TextIndex, anchor_quote, normalize

TEXT = "L’usine de «Pékin»  produit\n300\u00a0000 voitures.\nL’usine de Wuhan aussi. L’usine encore.\n"
PATH = "sources/x.txt"


def _anchor(quote: str, text: str = TEXT, **kwargs: object):
    return anchor_quote(TextIndex(text, PATH), quote, **kwargs)  # type: ignore[arg-type]


def _error(quote: str, text: str = TEXT, **kwargs: object) -> str:
    with pytest.raises(AnchorError) as error:
        _anchor(quote, text, **kwargs)
    return str(error.value)


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Il a dit l’usine.", "l'usine"),
        ("Il a dit l'usine.", "l’usine"),
        ("Il a dit «usine».", '"usine"'),
        ("Il a dit “usine”.", "«usine»"),
        ("Il a  dit\n\t usine.", "a dit usine"),
        ("300\u00a0000 voitures", "300 000 voitures"),
        ("300 000 voitures", "300\u00a0000\u202fvoitures"),
    ],
)
def test_normalisation(text: str, quote: str) -> None:
    anchor = _anchor(quote, text)
    assert normalize(text[anchor.start : anchor.end]) == normalize(quote)


def test_offsets_line_and_column() -> None:
    anchor = _anchor('L\'usine de "Pékin" produit 300 000')
    assert (anchor.start, anchor.end, anchor.line, anchor.col) == (0, 35, 1, 1)
    assert TEXT[anchor.start : anchor.end] == "L’usine de «Pékin»  produit\n300\u00a0000"


def test_case_and_accents_must_match() -> None:
    assert _error("pekin") == (
        f'Quote not found in {PATH}: "pekin", and no passage resembles it. '
        "Copy the passage exactly as it stands in the text."
    )


def test_ambiguous_quote_lists_every_occurrence() -> None:
    assert _error("L'usine") == (
        f'Quote "L\'usine" occurs 3 times in {PATH}: at line 1, column 1; line 3, column 1; line 3, column 25. '
        "Add 'occurrence: N' (1 to 3), or a 'prefix' or 'suffix' that tells them apart."
    )


@pytest.mark.parametrize(("occurrence", "col"), [(1, 1), (2, 1), (3, 25)])
def test_occurrence_n(occurrence: int, col: int) -> None:
    anchor = _anchor("L'usine", occurrence=occurrence)
    assert anchor.col == col
    assert TEXT[anchor.start : anchor.end] == "L’usine"


def test_occurrence_out_of_range() -> None:
    assert _error("L'usine", occurrence=4) == (
        f"Expected 'occurrence' from 1 to 3 but received 4: quote \"L'usine\" occurs 3 times in {PATH}, "
        "at line 1, column 1; line 3, column 1; line 3, column 25."
    )


def test_prefix_and_suffix_choose() -> None:
    assert _anchor("usine", prefix="voitures. L’").col == 3
    assert (_anchor("usine", prefix="voitures. L’").line, _anchor("usine", suffix="encore").col) == (3, 27)
    assert _anchor("usine", prefix="de Wuhan aussi. L'", suffix="encore.").col == 27


def test_prefix_that_never_matches() -> None:
    assert _error("usine", prefix="zzz") == (
        f'Quote "usine" occurs in {PATH} at line 1, column 3; line 3, column 3; line 3, column 27, '
        'but never with prefix "zzz". Copy the text just before or after the passage exactly.'
    )


def test_prefix_still_ambiguous_then_occurrence() -> None:
    assert _error("usine", prefix="L'") == (
        f'Quote "usine" occurs 3 times in {PATH}: at line 1, column 3; line 3, column 3; line 3, column 27. '
        "Add 'occurrence: N' (1 to 3), or a 'prefix' or 'suffix' that tells them apart."
    )
    assert _anchor("usine", prefix="L'", occurrence=2).line == 3


def test_not_found_names_the_closest_passage_as_it_stands() -> None:
    assert _error("L'usine de Wuhan ausi") == (
        f'Quote not found in {PATH}: "L\'usine de Wuhan ausi". The closest passage is '
        '"L’usine de Wuhan aussi." at line 3, column 1. Copy the passage exactly as it stands in the text.'
    )


def test_empty_quote() -> None:
    assert _error("  \n") == "Expected a quote from the text but received an empty string"


def test_long_quote_is_shortened_in_messages() -> None:
    quote = "zz " * 40
    message = _error(quote)
    assert message.startswith(f'Quote not found in {PATH}: "{quote[:89]}…", and no passage')


def test_quotes_before_the_body_are_not_found() -> None:
    text = "Pékin intro. Pékin"
    index = TextIndex(text, PATH, body_start=13)
    anchor = anchor_quote(index, "Pékin")
    assert (anchor.start, anchor.col) == (13, 14)


def test_crlf_lines() -> None:
    anchor = _anchor("deux", "un\r\ndeux\r\n")
    assert (anchor.start, anchor.line, anchor.col) == (4, 2, 1)


_ALPHABET = st.sampled_from(list("ab ’'«»\"“\u00a0\n\t"))


@given(text=st.text(_ALPHABET, min_size=1, max_size=40), data=st.data())
def test_every_occurrence_maps_back_to_its_quote(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    wanted = normalize(quote).strip()
    index = TextIndex(text, PATH)
    if not wanted:
        return
    count = len(index.find_all(wanted))
    assert count >= 1
    for n in range(1, count + 1):
        anchor = anchor_quote(index, quote, occurrence=n)
        assert normalize(text[anchor.start : anchor.end]) == wanted
        line, col = index.line_col(anchor.start)
        assert (anchor.line, anchor.col) == (line, col)

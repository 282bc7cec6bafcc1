"""Quotes are located modulo quotation marks and whitespace, and never silently re-anchored."""

from __future__ import annotations

import random

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


def test_an_ambiguous_quote_lists_five_occurrences_then_a_count() -> None:
    text = "une usine, " * 200_000  # 2.2 MB
    message = _error("u", text)
    assert message == (
        f'Quote "u" occurs 400000 times in {PATH}: at line 1, column 1; line 1, column 5; line 1, column 12; '
        "line 1, column 16; line 1, column 23; and 399,995 more. Add 'occurrence: N' (1 to 400000), or a "
        "'prefix' or 'suffix' that tells them apart."
    )


def test_prefix_and_suffix_among_many_occurrences() -> None:
    text = "une usine, " * 50_000 + "la grande usine rouge, " + "une usine, " * 50_000
    anchor = _anchor("usine", text, prefix="grande", suffix="rouge")
    assert text[anchor.start - 7 : anchor.end + 6] == "grande usine rouge"


def _long_text() -> str:
    words = [
        "xiaomi",
        "annonce",
        "une",
        "usine",
        "pékin",
        "voitures",
        "production",
        "capacité",
        "véhicules",
        "marché",
        "électrique",
    ]
    pick = random.Random(20).choice
    return " ".join(pick(words) for _ in range(100_000))  # ~900 KB of a few words in no order


def test_a_long_quote_with_a_typo_in_a_long_text_names_its_passage() -> None:
    text = _long_text()
    start = text.index(" ", 400_000) + 1
    passage = text[start : start + 2_000]
    quote = passage[:1_000] + "#" + passage[1_001:]
    message = _error(quote, text)
    shown = passage[:89] + "…"
    assert message == (
        f'Quote not found in {PATH}: "{quote[:89]}…". The closest passage is "{shown}" at line 1, '
        f"column {start + 1}. Copy the passage exactly as it stands in the text."
    )


def test_the_search_for_a_closest_passage_is_cut_and_says_so() -> None:
    text = _long_text()
    quote = " ".join(reversed(text[:1_500].split()))  # the words of the text, but no passage of it
    message = _error(quote, text)
    assert message.endswith(
        "(the search stopped after 1 passage: a shorter quote is compared with more). "
        "Copy the passage exactly as it stands in the text."
    )


def test_a_quote_on_several_lines_is_shown_on_one() -> None:
    assert "\n" not in _error("L'usine de\nMoscou")
    assert _error("L'usine de\nMoscou").startswith(f'Quote not found in {PATH}: "L\'usine de Moscou".')


def test_a_passage_that_differs_by_normalisation_is_named() -> None:
    nfd = "L’usine de «Pe\u0301kin»"
    assert _error(nfd) == (
        f'Quote not found in {PATH}: "{nfd}". The closest passage is "L’usine de «Pékin» produit" at line 1, '
        "column 1. The two differ only by Unicode normalisation: one writes accented letters as a letter and a "
        "combining mark (NFD), the other as one character (NFC). Copy the passage exactly as it stands in the text."
    )


def test_an_invisible_character_in_the_text_is_named() -> None:
    text = "L’usine de Wu\u200dhan produit.\n"
    assert _error("L'usine de Wuhan", text) == (
        f'Quote not found in {PATH}: "L\'usine de Wuhan". The closest passage is "L’usine de Wu\u200dhan" at line 1, '
        "column 1. The passage contains U+200D ZERO WIDTH JOINER at character 14, which is invisible. "
        "Copy the passage exactly as it stands in the text."
    )

"""Figures as sources write them compare equal however they are written."""

from __future__ import annotations

import pytest

from dossier.values import VALUE_FORMS, format_value, parse_value


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (300000, 300000.0),
        (1.5, 1.5),
        ("300000", 300000.0),
        ("300 000", 300000.0),
        ("300\u00a0000", 300000.0),
        ("300\u202f000", 300000.0),
        ("300,000", 300000.0),
        ("300.000", 300000.0),
        ("300 mille", 300000.0),
        ("1,5 million", 1500000.0),
        ("1.5 million", 1500000.0),
        ("10 milliards", 10_000_000_000.0),
        ("1 crore", 10_000_000.0),
        ("2 lakhs", 200_000.0),
        ("-3", -3.0),
        ("40 000 MILLIONS", 40_000_000_000.0),
    ],
)
def test_parse_value(value: object, number: float) -> None:
    assert parse_value(value) == number


def test_same_figure_written_three_ways_is_equal() -> None:
    assert parse_value("300 000") == parse_value("300 mille") == parse_value(300000)


@pytest.mark.parametrize("value", [True, None, [1], "", "environ", "3 00", "1,5,6"])
def test_not_a_number(value: object) -> None:
    with pytest.raises(ValueError) as error:
        parse_value(value)
    assert str(error.value) == f"Expected {VALUE_FORMS} but received {value!r}"


def test_unknown_number_word_is_named() -> None:
    with pytest.raises(ValueError) as error:
        parse_value("300 voitures")
    assert str(error.value) == f"Expected {VALUE_FORMS} but received '300 voitures': 'voitures' is not a number word"


@pytest.mark.parametrize(
    ("number", "text"),
    [(300000.0, "300\u202f000"), (1500000.0, "1\u202f500\u202f000"), (1.5, "1.5"), (12.25, "12.25"), (7.0, "7")],
)
def test_format_value(number: float, text: str) -> None:
    assert format_value(number) == text


def test_nan() -> None:
    with pytest.raises(ValueError) as error:
        parse_value(float("nan"))
    assert str(error.value) == f"Expected {VALUE_FORMS} but received nan"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (1e300, "1e+300"),
        (10**15 + 1, "1000000000000001"),
        (10**5000, "a number of over 40 digits"),
        ("2000000 milliards", "'2000000 milliards'"),
        ("-2000000 milliards", "'-2000000 milliards'"),
    ],
    ids=["inf", "-inf", "1e300", "16-digits", "5001-digits", "milliards", "negative"],
)
def test_too_large(value: object, shown: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_value(value)
    assert str(error.value) == f"Expected a figure of at most 10^15 (a million billion) but received {shown}"


def test_the_largest_figure_is_taken() -> None:
    assert parse_value(10**15) == parse_value("1000000 milliards") == 1e15


@pytest.mark.parametrize("value", ["1234567890123456", "1 234 567 890 123 456", "1,2345678901234567 million"])
def test_too_many_digits(value: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_value(value)
    assert str(error.value) == f"Expected a figure of at most 15 digits but received {value!r}"


@pytest.mark.parametrize("value", ["1" + " " * 60_000 + "a1", "9" * 41])
def test_too_long(value: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_value(value)
    assert str(error.value) == (
        f"Expected {VALUE_FORMS}, of at most 40 characters, but received {len(value):,} characters"
    )


@pytest.mark.parametrize("value", ["１２３", "١٢٣"], ids=["full-width", "arabic-indic"])
def test_only_ascii_digits(value: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_value(value)
    assert str(error.value) == f"Expected {VALUE_FORMS} but received {value!r}"

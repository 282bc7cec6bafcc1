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


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_not_finite(value: float) -> None:
    with pytest.raises(ValueError) as error:
        parse_value(value)
    assert str(error.value) == f"Expected {VALUE_FORMS} but received {value!r}"

"""Partial dates keep their precision, sort at the start of their span and refuse impossible days."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.dates import PartialDate, parse_date


@pytest.mark.parametrize(
    ("text", "precision", "label", "iso"),
    [
        ("2023", "year", "2023", "2023"),
        ("2024-H1", "half", "first half of 2024", "2024-H1"),
        ("2024-H2", "half", "second half of 2024", "2024-H2"),
        ("2024-Q1", "quarter", "first quarter of 2024", "2024-Q1"),
        ("2023-Q3", "quarter", "third quarter of 2023", "2023-Q3"),
        ("2023-02", "month", "February 2023", "2023-02"),
        ("2021-10-19", "day", "19 October 2021", "2021-10-19"),
        (" 2023-02 ", "month", "February 2023", "2023-02"),
    ],
)
def test_precision_label_and_iso(text: str, precision: str, label: str, iso: str) -> None:
    date = parse_date(text, periods=True)
    assert (date.precision, date.label, date.iso, str(date)) == (precision, label, iso, iso)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        ("2024-H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("2023-Q3", dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2021-10-19", dt.date(2021, 10, 19), dt.date(2021, 10, 19)),
    ],
)
def test_span(text: str, first: dt.date, last: dt.date) -> None:
    date = parse_date(text, periods=True)
    assert (date.first_day, date.last_day) == (first, last)


def test_sort_puts_coarser_date_first_at_the_same_start() -> None:
    texts = ["2023-02-01", "2023-02", "2023-Q1", "2023-H1", "2023", "2022-12-31", "2023-03"]
    dates = sorted((parse_date(t, periods=True) for t in texts), key=lambda d: d.sort_key)
    assert [d.iso for d in dates] == ["2022-12-31", "2023", "2023-H1", "2023-Q1", "2023-02", "2023-02-01", "2023-03"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2024", "2024-H1", True),
        ("2024-H1", "2024-Q2", True),
        ("2024-H1", "2024-Q3", False),
        ("2023-02", "2023-02-28", True),
        ("2023-02", "2023-03-01", False),
        ("2023", "2024", False),
    ],
)
def test_overlaps_is_symmetric(a: str, b: str, expected: bool) -> None:
    x, y = parse_date(a, periods=True), parse_date(b, periods=True)
    assert x.overlaps(y) is expected
    assert y.overlaps(x) is expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "Expected a day from 01 to 28 in February 2023 but received '2023-02-30'"),
        ("2024-02-30", "Expected a day from 01 to 29 in February 2024 but received '2024-02-30'"),
        ("2023-04-31", "Expected a day from 01 to 30 in April 2023 but received '2023-04-31'"),
        ("2023-02-00", "Expected a day from 01 to 28 in February 2023 but received '2023-02-00'"),
        ("2023-13", "Expected a month from 01 to 12 but received '2023-13'"),
        ("2023-00", "Expected a month from 01 to 12 but received '2023-00'"),
        ("Feb 2023", "Expected a date as YYYY, YYYY-MM or YYYY-MM-DD but received 'Feb 2023'"),
        ("2023-2", "Expected a date as YYYY, YYYY-MM or YYYY-MM-DD but received '2023-2'"),
        ("2024-H1", "Expected a date as YYYY, YYYY-MM or YYYY-MM-DD but received '2024-H1'"),
        ("", "Expected a date as YYYY, YYYY-MM or YYYY-MM-DD but received ''"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert str(error.value) == message


@pytest.mark.parametrize("text", ["2024-H3", "2024-Q5", "2024-Q0", "2024-H0"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(text, periods=True)
    assert str(error.value) == (
        f"Expected a date as YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, YYYY-H2 or YYYY-Q1 to YYYY-Q4 but received {text!r}"
    )


def test_partial_date_is_a_frozen_value() -> None:
    assert parse_date("2023-02") == PartialDate(2023, 2)
    with pytest.raises(AttributeError):
        parse_date("2023").year = 2024  # type: ignore[misc]


@pytest.mark.parametrize("text", ["0000", "0000-02-03", "0000-H1", "0999", "3000", "9999-12-31", "9999-Q4"])
def test_year_out_of_range(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(text, periods=True)
    assert str(error.value) == f"Expected a year from 1000 to 2999 but received {text!r}"


@pytest.mark.parametrize("text", ["２０２３-０２", "٢٠٢٣", "2023-০২"])
def test_only_ascii_digits(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert str(error.value) == f"Expected a date as YYYY, YYYY-MM or YYYY-MM-DD but received {text!r}"


def test_the_years_at_the_limits_are_taken() -> None:
    assert parse_date("1000-01-01", periods=True).first_day.year == 1000
    assert parse_date("2999-Q4", periods=True).last_day.isoformat() == "2999-12-31"

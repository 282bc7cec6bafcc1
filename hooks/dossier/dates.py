"""Dates with their precision: a year, a half, a quarter, a month or a day.

"February 2023" is not "1 February 2023": a :class:`PartialDate` keeps what
was said and no more, sorts at the start of its span, and prints at its own
precision.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .schema import EVENT_DATE_PATTERN, MAX_YEAR, MIN_YEAR

__all__ = ["DATE_FORMS", "EVENT_DATE_FORMS", "MAX_YEAR", "MIN_YEAR", "PartialDate", "parse_date", "year_span"]

DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
EVENT_DATE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, YYYY-H1, YYYY-H2 or YYYY-Q1 to YYYY-Q4"

_DATE = re.compile(EVENT_DATE_PATTERN)
"""ASCII digits only: ``\\d`` would take full-width and Arabic-Indic digits too."""
_YEAR, _PERIOD, _MONTH, _DAY = 1, 2, 3, 4
_PERIODS = {"H1": (1, 6), "H2": (7, 12), "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12)}
_PERIOD_LABELS = {
    "H1": "first half of {y}",
    "H2": "second half of {y}",
    "Q1": "first quarter of {y}",
    "Q2": "second quarter of {y}",
    "Q3": "third quarter of {y}",
    "Q4": "fourth quarter of {y}",
}
_PRECISION_RANK = {"year": 0, "half": 1, "quarter": 2, "month": 3, "day": 4}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, half, quarter, month or day.

    Attributes:
        year: The year, always known.
        month: The month (1–12), when known.
        day: The day of the month, when known; implies ``month``.
        period: A half or quarter of the year (``H1`` … ``Q4``), instead of a month.
    """

    year: int
    month: int | None = None
    day: int | None = None
    period: str | None = None

    @property
    def precision(self) -> str:
        """``year``, ``half``, ``quarter``, ``month`` or ``day``."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.period is not None:
            return "half" if self.period.startswith("H") else "quarter"
        return "year"

    @cached_property
    def iso(self) -> str:
        """The date as written in annotation files: ``2023``, ``2024-H1``, ``2023-02``…"""
        if self.period is not None:
            return f"{self.year:04d}-{self.period}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @cached_property
    def label(self) -> str:
        """The date for readers, at its own precision: ``February 2023``."""
        if self.period is not None:
            return _PERIOD_LABELS[self.period].format(y=self.year)
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @cached_property
    def first_day(self) -> _dt.date:
        """The first day of the span the date covers."""
        return _dt.date(self.year, self._months[0], self.day or 1)

    @cached_property
    def last_day(self) -> _dt.date:
        """The last day of the span the date covers."""
        last_month = self._months[1]
        if self.day is not None:
            return _dt.date(self.year, last_month, self.day)
        return _dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @cached_property
    def sort_key(self) -> tuple[_dt.date, int, _dt.date]:
        """Sorts by start of span, then the coarser date first, then end of span."""
        return (self.first_day, _PRECISION_RANK[self.precision], self.last_day)

    def overlaps(self, other: PartialDate) -> bool:
        """Whether the two spans share a day: ``2024`` and ``2024-H1`` agree."""
        return self.first_day <= other.last_day and other.first_day <= self.last_day

    @property
    def _months(self) -> tuple[int, int]:
        if self.period is not None:
            return _PERIODS[self.period]
        if self.month is None:
            return (1, 12)
        return (self.month, self.month)

    def __str__(self) -> str:
        return self.iso


@lru_cache(maxsize=1 << 12)
def parse_date(text: str, *, periods: bool = False) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (and ``YYYY-H1``… with ``periods``).

    Raises :class:`ValueError` with a reader's message on anything else,
    including impossible days such as ``2023-02-30``. A date written again is the same
    (immutable) object, so what is derived from it (its span, its label) is computed once.
    """
    forms = EVENT_DATE_FORMS if periods else DATE_FORMS
    match = _DATE.fullmatch(text.strip())
    if match is None or (match[_PERIOD] and not periods):
        raise ValueError(f"Expected a date as {forms} but received {text!r}")
    year = int(match[_YEAR])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Expected a year from {MIN_YEAR} to {MAX_YEAR} but received {text!r}")
    if match[_PERIOD]:
        return PartialDate(year, period=match[_PERIOD])
    if match[_MONTH] is None:
        return PartialDate(year)
    month = int(match[_MONTH])
    if not 1 <= month <= 12:
        raise ValueError(f"Expected a month from 01 to 12 but received {text!r}")
    if match[_DAY] is None:
        return PartialDate(year, month)
    day = int(match[_DAY])
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValueError(
            f"Expected a day from 01 to {last} in {calendar.month_name[month]} {year} but received {text!r}"
        )
    return PartialDate(year, month, day)


def year_span(dates: Iterable[PartialDate]) -> str:
    """The years the dates cover, for readers: ``2021–2023``, or ``2024`` when they share a year."""
    years = sorted({date.year for date in dates})
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"

"""Figures as sources write them: ``300 000``, ``300,000``, ``300 mille``.

A claim's ``value`` may be a number or a string with digits and a number word;
:func:`parse_value` turns either into one number, so that the same figure in
two sources compares equal however it was written.
"""

from __future__ import annotations

import math
import re

__all__ = [
    "MAX_VALUE",
    "MAX_VALUE_CHARS",
    "MAX_VALUE_DIGITS",
    "VALUE_FORMS",
    "check_value_size",
    "format_value",
    "parse_value",
]

VALUE_FORMS = 'a number such as 300000, "300 000", "300,000", "1,5 million" or "10 milliards"'
MAX_VALUE_CHARS = 40
"""The longest ``value`` as written: a figure and a number word are far shorter."""
MAX_VALUE_DIGITS = 15
"""The most digits of a figure: as many as a float holds exactly."""
MAX_VALUE = 10**15
"""The largest figure, number word included, in absolute value."""

_MAGNITUDES = {
    "k": 1e3,
    "mille": 1e3,
    "thousand": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "m": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "md": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
}
_NUMBER = re.compile(
    r"^(?P<sign>[-+]?)(?P<digits>[0-9][0-9\s\u00a0\u202f.,']*?)\s*(?P<word>[^0-9\s]+)?$",
    re.IGNORECASE,
)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[\s\u00a0\u202f.,'][0-9]{3})+$")


def check_value_size(written: str) -> None:
    """Refuse a ``value`` too long to be read quickly, before anything converts it."""
    if len(written) > MAX_VALUE_CHARS:
        raise ValueError(
            f"Expected {VALUE_FORMS}, of at most {MAX_VALUE_CHARS} characters, but received {len(written):,} characters"
        )


def parse_value(value: object) -> float:
    """The number a claim's ``value`` stands for; :class:`ValueError` if none, or if it has
    more than :data:`MAX_VALUE_DIGITS` digits or is larger than :data:`MAX_VALUE`."""
    if isinstance(value, bool):
        raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
        too_long = isinstance(value, int) and abs(value) >= 10**MAX_VALUE_CHARS  # str() of a huge int fails
        return _bounded(value, f"a number of over {MAX_VALUE_CHARS} digits" if too_long else repr(value))
    if not isinstance(value, str):
        raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
    check_value_size(value)
    match = _NUMBER.match(value.strip())
    if match is None:
        raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
    digits = match["digits"].strip()
    word = (match["word"] or "").lower()
    if word and word not in _MAGNITUDES:
        raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}: {match['word']!r} is not a number word")
    if _GROUPED.match(digits):
        number = float(re.sub(r"[\s\u00a0\u202f.,']", "", digits))
    elif re.fullmatch(r"\d+(?:[.,]\d+)?", digits):
        number = float(digits.replace(",", "."))
    else:
        raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
    if sum(c.isdigit() for c in digits) > MAX_VALUE_DIGITS:
        raise ValueError(f"Expected a figure of at most {MAX_VALUE_DIGITS} digits but received {value!r}")
    number *= _MAGNITUDES.get(word, 1.0)
    return _bounded(-number if match["sign"] == "-" else number, repr(value))


def _bounded(number: float, written: str) -> float:
    if abs(number) > MAX_VALUE:
        raise ValueError(f"Expected a figure of at most 10^15 (a million billion) but received {written}")
    return float(number)


def format_value(number: float) -> str:
    """A figure for readers, with thin thousands separators: ``300 000``."""
    if number == int(number):
        return f"{int(number):,}".replace(",", "\u202f")
    return f"{number:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f")

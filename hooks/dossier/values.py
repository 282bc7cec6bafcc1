"""Figures as sources write them: ``300 000``, ``300,000``, ``300 mille``.

A claim's ``value`` may be a number or a string with digits and a number word;
:func:`parse_value` turns either into one number, so that the same figure in
two sources compares equal however it was written.
"""

from __future__ import annotations

import math
import re

__all__ = ["VALUE_FORMS", "format_value", "parse_value"]

VALUE_FORMS = 'a number such as 300000, "300 000", "300,000", "1,5 million" or "10 milliards"'

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
    r"^(?P<sign>[-+]?)(?P<digits>\d[\d\s\u00a0\u202f.,']*?)\s*(?P<word>[^\d\s]+)?$",
    re.IGNORECASE,
)
_GROUPED = re.compile(r"^\d{1,3}(?:[\s\u00a0\u202f.,']\d{3})+$")


def parse_value(value: object) -> float:
    """The number a claim's ``value`` stands for; :class:`ValueError` if none."""
    if isinstance(value, bool):
        raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise ValueError(f"Expected {VALUE_FORMS} but received {value!r}")
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
    number *= _MAGNITUDES.get(word, 1.0)
    return -number if match["sign"] == "-" else number


def format_value(number: float) -> str:
    """A figure for readers, with thin thousands separators: ``300 000``."""
    if number == int(number):
        return f"{int(number):,}".replace(",", "\u202f")
    return f"{number:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f")

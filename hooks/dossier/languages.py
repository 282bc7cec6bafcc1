"""Languages: BCP 47 codes and their English names, for pages and exports alike."""

from __future__ import annotations

__all__ = ["LANGUAGE_NAMES", "UNDETERMINED", "language_name"]

LANGUAGE_NAMES = {
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "pt": "Portuguese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "zh": "Chinese",
}
UNDETERMINED = "und"
"""BCP 47's code for a language that cannot be told."""


def language_name(code: str | None) -> str:
    """English name of a BCP 47 code, or the code itself."""
    if code is None:
        return "not stated"
    return LANGUAGE_NAMES.get(code.split("-")[0], code)

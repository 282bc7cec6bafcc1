"""The limits a contributor can meet are the ones the format reference and the README state."""

from __future__ import annotations

import pytest
from conftest import ROOT

from dossier.anchor import SHOWN_OCCURRENCES
from dossier.dates import MAX_YEAR, MIN_YEAR
from dossier.load import MAX_ANNOTATION_BYTES, MAX_SOURCE_BYTES, MAX_YAML_DEPTH
from dossier.schema import MAX_CHARS, MAX_OCCURRENCE_DIGITS
from dossier.values import MAX_VALUE, MAX_VALUE_CHARS, MAX_VALUE_DIGITS

REFERENCE = (ROOT / "docs/reference/annotation-format.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "row",
    [
        f"| a source text | {MAX_SOURCE_BYTES:,} bytes,",
        f"| an annotation file, `topics.yml`, `subjects.yml` | {MAX_ANNOTATION_BYTES:,} bytes each",
        f"| nesting of lists and mappings in a YAML file | {MAX_YAML_DEPTH} levels",
        f"| `text` fields (`title`, `english`, `unit`…) | {MAX_CHARS['text']:,} characters |",
        f"| Markdown fields (`claim`, `explanation`, `comment`…) | {MAX_CHARS['markdown']:,} characters |",
        f"| `quote`, `prefix`, `suffix` | {MAX_CHARS['quote']:,} characters |",
        f"| ids, slugs and `subject` | {MAX_CHARS['slug']} characters |",
        f"| `url` | {MAX_CHARS['url']:,} characters |",
        f"| `value` | {MAX_VALUE_CHARS} characters as written, {MAX_VALUE_DIGITS} digits, "
        f"at most 10^{len(str(MAX_VALUE)) - 1} ",
        f"| `occurrence` | {MAX_OCCURRENCE_DIGITS} digits |",
        f"years {MIN_YEAR} to {MAX_YEAR}",
        f"lists its first {SHOWN_OCCURRENCES} places",
    ],
)
def test_the_reference_states_each_limit(row: str) -> None:
    assert row in REFERENCE


def test_the_readme_names_the_limits() -> None:
    stated = (
        f"texts and annotation files of {MAX_SOURCE_BYTES:,} bytes, YAML nested {MAX_YAML_DEPTH} levels\n"
        f"deep, text fields of {MAX_CHARS['text']:,} characters (Markdown fields {MAX_CHARS['markdown']:,}, "
        f"ids {MAX_CHARS['slug']}), figures\nof {MAX_VALUE_DIGITS} digits up to 10^15, dates from the year "
        f"{MIN_YEAR} to {MAX_YEAR}"
    )
    assert MAX_SOURCE_BYTES == MAX_ANNOTATION_BYTES
    assert stated in README

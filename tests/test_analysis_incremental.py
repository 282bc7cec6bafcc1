"""The analysis of an edited dossier, made from the last one (``mkdocs serve`` rebuilds), equals a
fresh analysis, and reuses what the edit did not touch."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_dossier
from dossier_fixture import A_YML, B_YML, C_YML, SUBJECTS, TOPICS, fixture_files

from dossier.analysis import Analysis, analyse
from dossier.cache import SourceCache
from dossier.load import load_dossier
from dossier.model import Dossier

D_TXT = "Une usine de 300 000 véhicules par an, selon un porte-parole.\n"
D_YML = """title: Source D
date: 2023-09
language: fr
topics: [money]
claims:
  - id: capacity
    quote: 300 000 véhicules par an
    claim: A factory for 300,000 vehicles a year.
    topics: [factory]
    subject: capacity
    value: 300 000
    unit: vehicles/year
"""

C_TOPIC = ("topics: [factory]\n    subject: start", "topics: [money]\n    subject: start")
C_SUBJECT = C_YML.replace("subject: capacity", "subject: fine").replace("unit: vehicles/year", "unit: CNY")
VERDICT = "    event_date: 2024\n    verdict:\n      rating: accurate\n      reason: The plant opened in 2024.\n"
DERIVED = "language: fr\nderived_from:\n  - source: 2023-02-a\n    how: republication\n"
START = ("When will production start?", "When does production start?")

EDITS: dict[str, dict[str, str | None]] = {
    "claim text": {"sources/2023-02-a.yml": A_YML.replace("A fine of 1 million yuan.", "A fine of one million yuan.")},
    "source text": {"sources/2021-c.txt": "Une capacité de 200 000 véhicules, dès le troisième trimestre 2024. Fin.\n"},
    "claim value": {"sources/2023-08-15-b.yml": B_YML.replace("value: 300 mille", "value: 250 mille")},
    "source added": {"sources/2023-09-d.txt": D_TXT, "sources/2023-09-d.yml": D_YML},
    "source removed": {"sources/2021-c.txt": None, "sources/2021-c.yml": None},
    "claim topic": {"sources/2021-c.yml": C_YML.replace(*C_TOPIC)},
    "source topic": {"sources/2023-02-a.yml": A_YML.replace("topics: [factory]\nclaims", "topics: [money]\nclaims")},
    "topics file": {"sources/topics.yml": TOPICS.replace("Prices and fines.", "Prices, fines and costs.")},
    "claim subject": {"sources/2021-c.yml": C_SUBJECT},
    "subjects file": {"sources/subjects.yml": SUBJECTS.replace(*START)},
    "verdict": {"sources/2023-08-15-b.yml": B_YML.replace("    event_date: 2024\n", VERDICT)},
    "provenance": {"sources/2021-c.yml": C_YML.replace("language: fr\n", DERIVED)},
}


def _load(root: Path, cache: SourceCache, files: dict[str, str | None]) -> Dossier:
    for name, text in files.items():
        if text is None:
            (root / name).unlink()
    write_dossier(root, {name: text for name, text in files.items() if text is not None})
    dossier = load_dossier(root, cache=cache)
    assert [str(p) for p in dossier.problems] == []
    return dossier


@pytest.mark.parametrize("edit", EDITS)
def test_an_analysis_made_from_the_last_equals_a_fresh_one_after_each_kind_of_edit(tmp_path: Path, edit: str) -> None:
    cache = SourceCache()
    first = analyse(_load(tmp_path, cache, fixture_files()))
    edited = _load(tmp_path, cache, EDITS[edit])
    again = analyse(edited, first)
    fresh = analyse(edited)
    assert again == fresh
    assert list(again.standing) == list(fresh.standing)  # in the same order too
    assert [c.subject for c in again.comparisons] == [c.subject for c in fresh.comparisons]
    back = _load(tmp_path, cache, {name: fixture_files().get(name) for name in EDITS[edit]})
    assert analyse(back, again) == analyse(back)  # and after undoing it


def _reused(again: Analysis, first: Analysis) -> set[str]:
    last = {c.subject: c for c in first.comparisons}
    return {c.subject for c in again.comparisons if last.get(c.subject) is c}


def test_an_edit_recomputes_only_the_subjects_whose_claims_it_touched(tmp_path: Path) -> None:
    cache = SourceCache()
    first = analyse(_load(tmp_path, cache, fixture_files()))
    edited = _load(tmp_path, cache, EDITS["claim value"])  # B's claims: capacity, start, fine
    assert _reused(analyse(edited, first), first) == set()
    first = analyse(edited)
    only_c = _load(tmp_path, cache, EDITS["source text"])  # C's claims: capacity and start, not fine
    again = analyse(only_c, first)
    assert _reused(again, first) == {"fine"}
    assert again.related["2023-02-a"] is not first.related["2023-02-a"]  # it lists C, a new object
    assert again.related["2023-02-a"] == analyse(only_c).related["2023-02-a"]
    assert again.standing[("2023-08-15-b", "fine")] is first.standing[("2023-08-15-b", "fine")]


def test_nothing_is_reused_when_the_subjects_change(tmp_path: Path) -> None:
    cache = SourceCache()
    first = analyse(_load(tmp_path, cache, fixture_files()))
    edited = _load(tmp_path, cache, EDITS["subjects file"])
    assert _reused(analyse(edited, first), first) == set()


def test_an_unchanged_dossier_reuses_the_whole_index(tmp_path: Path) -> None:
    cache = SourceCache()
    first = analyse(_load(tmp_path, cache, fixture_files()))
    again = analyse(_load(tmp_path, cache, {}), first)
    assert again.index is first.index
    assert again.provenance is first.provenance
    assert again.related == first.related


@pytest.mark.parametrize("edit", EDITS)
def test_each_edit_changes_a_file(edit: str) -> None:
    original = fixture_files()
    assert any(original.get(name) != text for name, text in EDITS[edit].items())

"""dossier.json: every field present, and offsets that point at each quote in the text as stored."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import ROOT

from dossier.analysis import analyse
from dossier.export import FORMAT_VERSION, _standing, build_dossier_json, render_json
from dossier.findings import Standing
from dossier.load import load_dossier
from dossier.paths import Layout

SOURCE_KEYS = {
    "id",
    "path",
    "annotation_path",
    "url",
    "title",
    "summary",
    "date",
    "date_precision",
    "date_basis",
    "language",
    "translated_from",
    "publisher",
    "original_url",
    "reliability",
    "topics",
    "notes",
    "claims",
}
NOTE_KEYS = {"id", "kind", "quote", "start", "end", "original", "english", "explanation"}
CLAIM_KEYS = {
    "id",
    "quote",
    "start",
    "end",
    "claim",
    "topics",
    "subject",
    "value",
    "unit",
    "event_date",
    "category",
    "as_of",
    "comment",
    "context",
    "verdict",
    "standing",
}


@pytest.fixture(scope="module")
def data() -> dict:
    dossier = load_dossier(ROOT)
    assert dossier.problems == ()
    return json.loads(render_json(build_dossier_json(dossier, analyse(dossier), Layout())))


def test_fields(data: dict) -> None:
    assert data["version"] == FORMAT_VERSION
    assert len(data["sources"]) == len(list((ROOT / "sources").glob("*.txt")))
    for source in data["sources"]:
        assert {"id", "path", "url", "title", "date", "date_precision", "language"} <= set(source) <= SOURCE_KEYS
        assert source["url"] == f"sources/{source['id']}/"
        for note in source.get("notes", ()):
            assert {"id", "kind", "quote", "start", "end", "english", "explanation"} <= set(note) <= NOTE_KEYS
        for claim in source.get("claims", ()):
            assert {"id", "quote", "start", "end", "claim", "topics", "standing"} <= set(claim) <= CLAIM_KEYS


def _values(item: object) -> list[object]:
    if isinstance(item, dict):
        return [*item.values(), *(v for value in item.values() for v in _values(value))]
    return [v for value in item for v in _values(value)] if isinstance(item, list) else []


def test_a_field_is_left_out_when_null_or_empty_and_as_of_when_it_is_the_sources_date(data: dict) -> None:
    dossier = load_dossier(ROOT)
    for source, exported in zip(dossier.sources, data["sources"], strict=True):
        assert None not in _values(exported) and [] not in _values(exported)
        assert ("summary" in exported, "topics" in exported) == (source.summary is not None, bool(source.topics))
        claims = {c["id"]: c for c in exported.get("claims", ())}
        assert list(claims) == [c.id for c in source.claims]
        for claim in source.claims:
            written = claims[claim.id]
            assert written.get("as_of", exported["date"]) == (claim.as_of or source.date).iso
            assert ("as_of" in written) == (claim.as_of is not None and claim.as_of != source.date)
            assert ("subject" in written, "comment" in written, "context" in written, "verdict" in written) == (
                claim.subject is not None,
                claim.comment is not None,
                bool(claim.context),
                claim.verdict is not None,
            )
    assert "timeline" not in data and all(set(t) == {"id", "title", "url"} for t in data["topics"])


def test_sources_sorted_by_date(data: dict) -> None:
    dates = [s["date"] for s in data["sources"]]
    assert dates == sorted(dates)


def test_offsets_point_at_the_quote_in_the_stored_text(data: dict) -> None:
    checked = 0
    for source in data["sources"]:
        text = (ROOT / source["path"]).read_bytes().decode("utf-8").removeprefix("\ufeff")
        for item in source.get("notes", []) + source.get("claims", []):
            passage = text[item["start"] : item["end"]]
            assert passage == item["quote"], (source["id"], item["id"])
            checked += 1
    assert checked > 0


def test_render_json_is_stable_text() -> None:
    assert render_json({"b": "é", "a": [1]}) == '{"b":"é","a":[1]}\n'


def test_subjects_and_provenance(data: dict) -> None:
    written = yaml.safe_load((ROOT / "sources" / "subjects.yml").read_text(encoding="utf-8"))["subjects"]
    assert [s["id"] for s in data["subjects"]] == [s["id"] for s in written]
    team = next(s for s in data["subjects"] if s["id"] == "rd-team-size")
    assert (team["title"], team["kind"], team["changes_over_time"], team["outcome"]) == (
        "Size of the R&D team",
        "quantity",
        True,
        "series",
    )
    assert [(p["as_of"], p["value"]) for p in team["series"]] == [
        ("2021-10-19", "450 people"),
        ("2023-02", "2\u202f300 people"),
    ]
    assert [p["source"] for p in data["provenance"]] == [s["id"] for s in data["sources"]]
    for entry in data["provenance"]:
        assert entry["chain"][-1]["key"] == f"source:{entry['source']}"


def test_each_claims_standing_reads_as_on_its_page_its_label_given_once_when_its_kinds(data: dict) -> None:
    """A standing's label is the claim's own when its kind's label varies (corroborated by how many
    origins, relayed from which), else the one ``standings`` gives its kind, said once."""
    dossier = load_dossier(ROOT)
    standing = analyse(dossier).standing
    table = data["standings"]
    assert table["contested"] == "Contested: other sources say otherwise"
    assert table["verdict-mistranslated"] == "Verdict: Mistranslated"
    read = {}
    for source in data["sources"]:
        for claim in source.get("claims", ()):
            given = claim["standing"]
            assert given.get("label") != table.get(given["kind"])  # never said twice
            read[(source["id"], claim["id"])] = (given["kind"], given.get("label") or table[given["kind"]])
    assert read == {key: (s.kind, s.label) for key, s in standing.items()}
    assert len(read) > 50
    corroborated = Standing("corroborated", "Corroborated by 2 independent origins")
    assert _standing(corroborated) == {"kind": "corroborated", "label": "Corroborated by 2 independent origins"}
    assert _standing(Standing("contested", table["contested"])) == {"kind": "contested"}


def test_a_subjects_claims_and_a_disagreements_figures_are_the_claims_own(data: dict) -> None:
    on = {}
    for source in data["sources"]:
        for claim in source.get("claims", ()):
            if "subject" in claim:
                on.setdefault(claim["subject"], set()).add((source["id"], claim["id"]))
    assert on
    for subject in data["subjects"]:
        assert "claims" not in subject  # each claim names its subject
        for answer in subject.get("answers", ()):
            assert {(r["source"], r["claim"]) for r in answer["claims"]} <= on[subject["id"]]
    assert data["disagreements"]
    field = {"value": "value", "date": "event_date", "category": "category"}
    compared = {c.subject: {r.key for r in c.refs} for c in analyse(load_dossier(ROOT)).disagreements}
    for disagreement in data["disagreements"]:
        assert set(disagreement) == {"subject", "kind"}  # its claims: its subject's that give what it compares
        derived = {
            (source["id"], claim["id"])
            for source in data["sources"]
            for claim in source.get("claims", ())
            if claim.get("subject") == disagreement["subject"] and field[disagreement["kind"]] in claim
        }
        assert derived == compared[disagreement["subject"]]

"""The committed JSON Schemas are up to date and agree with the loader on the real annotation files."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import ROOT

from dossier.schema import build_json_schema, build_subjects_json_schema, build_topics_json_schema

ANNOTATIONS = sorted((ROOT / "sources").glob("*.yml"))


class _EditorLoader(yaml.SafeLoader):
    """Reads dates as strings, as YAML 1.2 editors (and their schema checks) do."""


_EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read(path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_EditorLoader)


def test_committed_schemas_are_generated() -> None:
    committed = json.loads((ROOT / "schema" / "annotation.schema.json").read_text(encoding="utf-8"))
    topics = json.loads((ROOT / "schema" / "topics.schema.json").read_text(encoding="utf-8"))
    assert committed == build_json_schema(), "run: python hooks/check.py schema > schema/annotation.schema.json"
    assert topics == build_topics_json_schema()
    subjects = json.loads((ROOT / "schema" / "subjects.schema.json").read_text(encoding="utf-8"))
    assert subjects == build_subjects_json_schema(), (
        "run: python hooks/check.py subjects-schema > schema/subjects.schema.json"
    )


@pytest.mark.parametrize(
    "path", [p for p in ANNOTATIONS if p.name not in {"topics.yml", "subjects.yml"}], ids=lambda p: p.stem
)
def test_real_annotation_files_validate(path) -> None:
    jsonschema.validate(_read(path), build_json_schema())


def test_topics_file_validates() -> None:
    jsonschema.validate(_read(ROOT / "sources" / "topics.yml"), build_topics_json_schema())


def test_subjects_file_validates() -> None:
    jsonschema.validate(_read(ROOT / "sources" / "subjects.yml"), build_subjects_json_schema())


@pytest.mark.parametrize(
    "data",
    [
        {"subjects": [{"id": "a", "title": "A", "question": "Q?"}]},
        {"subjects": [{"id": "a", "title": "A", "question": "Q?", "kind": "number"}]},
        {"subjects": [{"id": "a", "title": "A", "question": "Q?", "kind": "category", "values": [{"id": "x"}]}]},
    ],
)
def test_invalid_subjects_fail_the_schema(data: dict) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, build_subjects_json_schema())


@pytest.mark.parametrize(
    "data",
    [
        {"language": "fr"},
        {"title": "A", "language": "fr", "titel": "x"},
        {"title": "A", "language": "fr", "date": "2023-02-30x"},
        {"title": "A", "language": "fr", "claims": [{"id": "c", "quote": "q", "claim": "c"}]},
    ],
)
def test_invalid_annotations_fail_the_schema(data: dict) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, build_json_schema())

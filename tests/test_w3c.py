"""The W3C Web Annotation export, checked against the MUST schemas of the W3C test suite.

The suite (https://github.com/w3c/web-annotation-tests) is not vendored: tests
find it through ``W3C_ANNOTATION_TESTS``, by default
``../shared/w3c-web-annotation-tests`` relative to the repository root. Its
``*Musts.test`` files list the schemas that state MUST rules; the schemas refer
to each other by their ``id``, so all of them go in one registry.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import pytest
from conftest import ROOT
from dossier_fixture import load_fixture
from referencing import Registry
from referencing.jsonschema import DRAFT4

from dossier.export import render_json
from dossier.load import load_dossier
from dossier.paths import Layout
from dossier.w3c import (
    CONTEXT,
    build_annotation_collection,
    expand,
    prefixes_of,
    read_verdict,
    verdict_text,
    write_annotation_collection,
)

SITE_URL = "https://example.org/dossier/"
CAPACITY_TOPICS = ["factory"]
CAPACITY_FIELDS = (  # its id ends the annotation's IRI, its topics are its tagging bodies, its text the Markdown body
    '{"subject":"capacity","value":"300 000","unit":"vehicles/year"}'
)


def _suite() -> Path:
    folder = ROOT / os.environ.get("W3C_ANNOTATION_TESTS", "../shared/w3c-web-annotation-tests")
    if not (folder / "annotations" / "annotationMusts.test").is_file():
        pytest.fail(
            f"The W3C Web Annotation test suite was not found at {folder}. "
            "Clone https://github.com/w3c/web-annotation-tests there, or set W3C_ANNOTATION_TESTS to its folder."
        )
    return folder


def _registry(suite: Path) -> Registry:
    resources = []
    for part in ("definitions", "annotations", "collections"):
        for path in sorted((suite / part).rglob("*.json")):
            contents = json.loads(path.read_text(encoding="utf-8"))
            resources.append((contents["id"], DRAFT4.create_resource(contents)))
    return Registry().with_resources(resources)


_FORMATS = jsonschema.FormatChecker(formats=())


@_FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    return not isinstance(value, str) or re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", value) is not None


@_FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    return not isinstance(value, str) or dt.datetime.fromisoformat(value) is not None


Musts = list[tuple[str, jsonschema.Draft4Validator]]


def _musts(suite: Path, test_file: str, registry: Registry) -> Musts:
    """The schemas a ``*Musts.test`` file lists, each with its validator (made once: they are reused)."""
    listed = json.loads((suite / test_file).read_text(encoding="utf-8"))["assertions"]
    return [
        (
            name,
            jsonschema.Draft4Validator(
                _inline(json.loads((suite / name).read_text(encoding="utf-8")), "", registry),
                registry=registry,
                format_checker=_FORMATS,
            ),
        )
        for name in listed
    ]


_SCHEMA_MAPS = ("properties", "patternProperties", "definitions", "dependencies")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMAS = ("not", "additionalItems", "additionalProperties", "items")


def _inline(schema: Any, base: str, registry: Registry, within: tuple[str, ...] = ()) -> Any:
    """A draft-4 ``schema`` with each ``$ref`` replaced by the schema it names, resolved from ``base``.

    The same rules, looked up once instead of on every validation: the suite's schemas refer
    to each other hundreds of times per annotation, and those look-ups take half the time.
    A reference within its own target (recursion) stays a reference, made absolute.
    """
    if not isinstance(schema, dict):
        return schema
    if isinstance(schema.get("id"), str):
        base = urljoin(base, schema["id"])
    ref = schema.get("$ref")
    if isinstance(ref, str):  # in draft 4, what stands beside a $ref is ignored
        uri = urljoin(base, ref)
        if uri in within:
            return {"$ref": uri}
        target = registry.resolver(base).lookup(ref).contents
        return _inline(target, uri.partition("#")[0], registry, (*within, uri))
    inlined = {}
    for key, value in schema.items():
        if key in _SCHEMA_MAPS and isinstance(value, dict):
            value = {name: _inline(sub, base, registry, within) for name, sub in value.items()}
        elif key in _SCHEMA_LISTS or (key == "items" and isinstance(value, list)):
            value = [_inline(sub, base, registry, within) for sub in value]
        elif key in _SCHEMAS:
            value = _inline(value, base, registry, within)
        inlined[key] = value
    return inlined


def _violations(instance: dict[str, Any], musts: Musts) -> list[str]:
    return [
        f"{instance.get('id')}: {name}: {validator.schema.get('errorMessage', '')}"
        for name, validator in musts
        if not validator.is_valid(instance)
    ]


@pytest.fixture(scope="module")
def suite() -> dict[str, Musts]:
    folder = _suite()
    registry = _registry(folder)
    return {
        "annotation": _musts(folder, "annotations/annotationMusts.test", registry),
        "collection": _musts(folder, "collections/collectionMusts.test", registry),
        "page": _musts(folder, "collections/pages/pageMusts.test", registry),
    }


@pytest.mark.slow  # every annotation against every schema of the outside suite
@pytest.mark.parametrize("site_url", [SITE_URL, None])
def test_every_annotation_and_the_collection_meet_the_w3c_musts(suite, site_url: str | None) -> None:
    musts = suite
    collection = build_annotation_collection(load_dossier(ROOT), Layout(), site_url)
    context = collection["@context"]
    page = collection["first"]
    items = page["items"]
    assert collection["total"] == len(items) > 0
    problems = _violations(collection, musts["collection"])
    problems += _violations({"@context": context, **page}, musts["page"])
    for item in items:
        problems += _violations({"@context": context, **item}, musts["annotation"])
    assert problems == []


def test_the_musts_catch_a_broken_annotation(suite) -> None:
    musts = suite
    collection = build_annotation_collection(load_dossier(ROOT), Layout(), SITE_URL)
    good = {"@context": collection["@context"], **collection["first"]["items"][0]}
    broken = {**good, "id": "not an IRI", "type": "Note"}
    assert _violations(good, musts["annotation"]) == []
    assert [v.split(": ")[1] for v in _violations(broken, musts["annotation"])] == [
        "annotations/3.1-annotationIdValidated.json",
        "annotations/3.1-annotationTypeValidated.json",
    ]


def test_one_claim_as_an_annotation(tmp_path: Path) -> None:
    collection = build_annotation_collection(load_fixture(tmp_path), Layout(), SITE_URL)
    assert collection["@context"] == ["http://www.w3.org/ns/anno.jsonld", {"site": "https://example.org/dossier/"}]
    assert collection["id"] == "site:annotations.jsonld"
    assert collection["first"]["id"] == "site:annotations.jsonld#page1"
    assert collection["total"] == 8
    assert collection["first"]["items"][2] == {
        "id": "site:sources/2023-02-a/#claim-capacity",
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "TextualBody",
                "value": "A factory for **300,000** vehicles a year.",
                "format": "text/markdown",
                "language": "en",
            },
            *({"type": "TextualBody", "purpose": "tagging", "value": topic} for topic in CAPACITY_TOPICS),
            {"type": "TextualBody", "value": CAPACITY_FIELDS, "format": "application/json"},
        ],
        "target": {
            "type": "SpecificResource",
            "source": "site:sources/2023-02-a.txt",
            "selector": {"type": "TextQuoteSelector", "exact": "300 000 véhicules par an"},  # found once: alone
        },
    }


def test_compact_iris_expand_to_the_sites_addresses_by_the_documents_own_context(tmp_path: Path) -> None:
    collection = build_annotation_collection(load_fixture(tmp_path), Layout(), SITE_URL)
    prefixes = prefixes_of(collection)
    item = collection["first"]["items"][2]
    assert prefixes == {"site": SITE_URL}
    assert [expand(i, prefixes) for i in (collection["id"], item["id"], item["target"]["source"])] == [
        "https://example.org/dossier/annotations.jsonld",
        "https://example.org/dossier/sources/2023-02-a/#claim-capacity",
        "https://example.org/dossier/sources/2023-02-a.txt",
    ]
    assert expand("site://example.org/x", prefixes) == "site://example.org/x"  # an absolute IRI of that scheme
    assert expand("urn:x-dossier:sources/2023-02-a.txt", prefixes) == "urn:x-dossier:sources/2023-02-a.txt"
    assert build_annotation_collection(load_fixture(tmp_path), Layout(), None)["@context"] == CONTEXT


def test_without_a_site_url_ids_are_urns(tmp_path: Path) -> None:
    collection = build_annotation_collection(load_fixture(tmp_path), Layout(), None)
    item = collection["first"]["items"][2]
    assert (collection["id"], item["id"], item["target"]["source"]) == (
        "urn:x-dossier:annotations.jsonld",
        "urn:x-dossier:sources/2023-02-a:claim-capacity",
        "urn:x-dossier:sources/2023-02-a.txt",
    )


@pytest.mark.parametrize("site_url", ["https://example.org/dossier/", None])
def test_the_written_collection_is_the_built_one_as_compact_json(tmp_path: Path, site_url: str | None) -> None:
    dossier = load_dossier(ROOT, "sources")
    written = io.StringIO()
    write_annotation_collection(written, dossier, Layout(), site_url)
    built = build_annotation_collection(dossier, Layout(), site_url)
    assert built["total"] > 0
    assert written.getvalue() == render_json(built)


def test_a_verdict_is_said_once_by_its_own_annotation_and_reads_back() -> None:
    dossier = load_dossier(ROOT, "sources")
    items = build_annotation_collection(dossier, Layout(), SITE_URL)["first"]["items"]
    judged = {(s.id, c.id): c.verdict for s in dossier.sources for c in s.claims if c.verdict is not None}
    assert judged
    said = [item for item in items if item["motivation"] == "assessing"]
    assert len(said) == len(judged)
    for item in items:
        fields = [
            json.loads(b["value"])
            for b in item["body"]
            if isinstance(item["body"], list) and "format" in b and b["format"] == "application/json"
        ]
        assert all("verdict" not in f for f in fields), item["id"]
    for verdict in judged.values():
        assert read_verdict(verdict_text(verdict.label, verdict.reason)) == {
            "rating": verdict.rating,
            "reason": verdict.reason,
        }
    assert read_verdict("Verdict: Plausible. Not a rating of the dossier.") is None


def test_a_verdict_targets_its_claims_annotation() -> None:
    items = build_annotation_collection(load_dossier(ROOT, "sources"), Layout(), SITE_URL)["first"]["items"]
    verdicts = [(before, item) for before, item in itertools.pairwise(items) if item["motivation"] == "assessing"]
    assert verdicts
    for claim, verdict in verdicts:
        assert claim["motivation"] == "describing"
        assert verdict["target"] == claim["id"]
        assert verdict["id"] == claim["id"].replace("#claim-", "#verdict-")


def test_a_quote_found_more_than_once_has_its_prefix_suffix_and_position() -> None:
    dossier = load_dossier(ROOT, "sources")
    collection = build_annotation_collection(dossier, Layout(), SITE_URL)
    items, prefixes = collection["first"]["items"], prefixes_of(collection)
    texts = {s.path: s.text for s in dossier.sources}
    annotated = {
        (s.path, item.anchor): (item.start, item.end) for s in dossier.sources for item in (*s.claims, *s.notes)
    }
    repeated = 0
    for item in items:
        if item["motivation"] == "assessing":
            continue
        path = "sources/" + expand(item["target"]["source"], prefixes).rsplit("/sources/", 1)[1]
        text = texts[path]
        start, end = annotated[path, item["id"].rsplit("#", 1)[1]]
        selector = item["target"]["selector"]
        if isinstance(selector, dict):  # the quote alone: found once in the text, where the passage is
            assert selector == {"type": "TextQuoteSelector", "exact": text[start:end]}, item["id"]
            assert text.find(selector["exact"]) == start and text.find(selector["exact"], start + 1) < 0, item["id"]
            continue
        repeated += 1
        quote, position = selector
        assert text.find(quote["exact"]) != start or text.find(quote["exact"], start + 1) >= 0, item["id"]
        assert position == {"type": "TextPositionSelector", "start": start, "end": end}
        assert quote["prefix"] == text[max(0, start - 32) : start]
        assert quote["suffix"] == text[end : end + 32]
    assert repeated  # the dossier quotes repeated passages (occurrence: 2)

"""``./dev import``: W3C and Hypothesis JSON appended to annotation files, all or nothing."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from dossier.cli import main
from dossier.importer import append_entries, import_annotations, read_annotations, site_settings
from dossier.load import load_dossier
from dossier.w3c import build_annotation_collection

FIXTURES = Path(__file__).parent / "import_fixtures"
HYPOTHESIS = FIXTURES / "hypothesis-search.json"
PLACEABLE = FIXTURES / "hypothesis-search-placeable.json"
REUTERS = "sources/2023-02-xiaomi-fines-supplier-reuters.yml"
KINDS = "mistranslation, untranslated, extraction, idiom, localisation, gloss"


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "dossier"
    root.mkdir()
    shutil.copytree(ROOT / "sources", root / "sources")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "sources").iterdir())}


def _without_line(items):
    return sorted((dataclasses.replace(item, line=0) for item in items), key=lambda item: item.id)


def test_the_sites_own_annotations_restore_every_note_and_claim(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    settings = site_settings(ROOT)
    original = load_dossier(ROOT)
    exported = tmp_path / "annotations.jsonld"
    exported.write_text(json.dumps(build_annotation_collection(original, settings.layout, settings.site_url)))
    for path in (root / "sources").glob("*.yml"):
        if path.name != "topics.yml":
            path.write_text(re.sub(r"(?ms)^(notes|claims):.*?(?=^\S|\Z)", "", path.read_text(encoding="utf-8")))
    emptied = load_dossier(root)
    assert emptied.problems == () and not any(s.notes or s.claims for s in emptied.sources)

    result = import_annotations(root, [exported])

    assert (result.problems, result.warnings) == ([], [])
    restored = load_dossier(root)
    assert restored.problems == ()
    assert result.added == sum(len(s.notes) + len(s.claims) for s in original.sources) > 100
    for before, after in zip(original.sources, restored.sources, strict=True):
        assert _without_line(after.notes) == _without_line(before.notes)
        assert _without_line(after.claims) == _without_line(before.claims)


def test_hypothesis_json_with_an_unknown_address_and_a_missing_quote_writes_nothing(tmp_path: Path, capsys) -> None:
    root = _copy(tmp_path)
    before = _files(root)

    status = main(["import", "--root", str(root), str(HYPOTHESIS)])

    out, err = capsys.readouterr()
    assert status == 1
    assert out.splitlines() == [
        f"{HYPOTHESIS}:0: warning: The tag 'bumpers' is neither a topic of sources/topics.yml nor a note kind "
        f"({KINDS}); it is left out.",
        f"{HYPOTHESIS}:2: No source of the dossier is at 'https://example.com/another-article/': expected the "
        "article's 'url', its page on the site or its raw text.",
        f"{HYPOTHESIS}:3: Quote not found in sources/2023-02-xiaomi-fines-supplier-reuters.txt: "
        '"une amende de 2 millions de CNY". The closest passage is "une amende de 1 million de CNY (environ" '
        "at line 1, column 54. Copy the passage exactly as it stands in the text.",
    ]
    assert err == "2 problems found; nothing was written.\n"
    assert _files(root) == before


def test_placeable_hypothesis_annotations_are_appended_and_check(tmp_path: Path, capsys) -> None:
    root = _copy(tmp_path)
    before = (root / REUTERS).read_text(encoding="utf-8")

    assert main(["import", "--root", str(root), "--dry-run", str(PLACEABLE)]) == 0
    dry = capsys.readouterr().out
    assert (root / REUTERS).read_text(encoding="utf-8") == before
    assert main(["import", "--root", str(root), str(PLACEABLE)]) == 0
    assert capsys.readouterr().out.endswith(f"Added 2 annotations to {REUTERS}.\n")

    after = (root / REUTERS).read_text(encoding="utf-8")
    note = (
        "  - id: weibo-2\n"
        '    quote: "Weibo"\n'
        "    occurrence: 1\n"
        "    kind: gloss\n"
        '    english: "Weibo"\n'
        "    explanation: >-\n"
        "      Weibo is a Chinese microblogging service, often compared with X\n"
        "      (formerly Twitter).\n"
    )
    claim = (
        "  - id: the-leaked-images-showed-the\n"
        '    quote: "voiture à venir"\n'
        "    occurrence: 2\n"
        '    claim: "The leaked images showed the bumpers of a car **not yet released**."\n'
        "    topics: [design-leak]\n"
    )
    notes_end = before.index("claims:\n")
    assert after == before[:notes_end] + note + before[notes_end:] + claim
    assert "+  - id: weibo-2\n" in dry and "+    occurrence: 2\n" in dry and dry.startswith("tests/") is False
    source = next(s for s in load_dossier(root).sources if s.annotation_path == REUTERS)
    leak = next(c for c in source.claims if c.id == "the-leaked-images-showed-the")
    assert source.text.count("voiture à venir") == 2
    assert leak.start == source.text.rindex("voiture à venir")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T  # kept\nnotes:\n  - id: a\n    quote: q  # a comment\n\n# trailing\n",
            'title: T  # kept\nnotes:\n  - id: a\n    quote: q  # a comment\n  - id: b\n    quote: "x y"\n'
            "\n# trailing\n",
        ),
        (
            "title: T\nnotes:\n- id: a\n  quote: >-\n    q\n",
            'title: T\nnotes:\n- id: a\n  quote: >-\n    q\n- id: b\n  quote: "x y"\n',
        ),
        ("title: T\nnotes: []\nclaims: []\n", 'title: T\nnotes:\n  - id: b\n    quote: "x y"\nclaims: []\n'),
        ("title: T\nnotes:\nclaims: []\n", 'title: T\nnotes:\n  - id: b\n    quote: "x y"\nclaims: []\n'),
        ("title: T", 'title: T\nnotes:\n  - id: b\n    quote: "x y"\n'),
        ("title: T\r\nnotes:\r\n  - id: a\r\n", 'title: T\r\nnotes:\r\n  - id: a\r\n  - id: b\r\n    quote: "x y"\r\n'),
    ],
)
def test_entries_are_appended_at_the_end_of_their_sequence(text: str, expected: str) -> None:
    assert append_entries(text, "notes", [{"id": "b", "quote": "x y"}]) == expected


def test_a_file_that_is_not_annotation_json_is_named(tmp_path: Path, capsys) -> None:
    root = _copy(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "Note"}')
    assert main(["import", "--root", str(root), str(bad)]) == 1
    assert capsys.readouterr().out == (
        f"{bad}: Expected W3C Web Annotation JSON-LD (an AnnotationCollection, an AnnotationPage or a list of "
        "Annotations) or the JSON of the Hypothesis search API (with 'rows').\n"
    )


_QUOTE = {"type": "TextQuoteSelector", "exact": "voiture à venir", "prefix": "avant et arrière d’une "}
_ANNOTATION = {
    "type": "Annotation",
    "body": [
        {"type": "TextualBody", "value": "The car was *not yet released*.", "format": "text/markdown"},
        {"type": "TextualBody", "purpose": "tagging", "value": "design-leak"},
    ],
    "target": {
        "source": "https://example-org.github.io/xiaomi-ev-dossier/sources/2023-02-xiaomi-fines-supplier-reuters.txt",
        "selector": {"type": "FragmentSelector", "value": "t=0", "refinedBy": _QUOTE},
    },
}


@pytest.mark.parametrize(
    "document",
    [
        _ANNOTATION,
        [_ANNOTATION],
        {"type": "AnnotationPage", "items": [], "next": {"type": "AnnotationPage", "items": [_ANNOTATION]}},
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "first": {"items": [_ANNOTATION]},
        },
        [
            {"type": "AnnotationCollection", "first": "urn:p1"},
            {"id": "urn:p1", "type": "AnnotationPage", "items": [_ANNOTATION]},
        ],
    ],
    ids=["annotation", "list", "page-and-next", "collection", "collection-and-listed-page"],
)
def test_every_w3c_shape_gives_its_annotation(document, tmp_path: Path) -> None:
    (incoming,) = read_annotations(document)
    assert (incoming.index, incoming.quote.exact, incoming.quote.prefix, incoming.tags) == (
        0,
        "voiture à venir",
        "avant et arrière d’une ",
        ("design-leak",),
    )
    root = _copy(tmp_path)
    saved = tmp_path / "w3c.json"
    saved.write_text(json.dumps(document), encoding="utf-8")
    result = import_annotations(root, [saved])
    assert (result.problems, result.added) == ([], 1)
    assert (
        (root / REUTERS)
        .read_text(encoding="utf-8")
        .endswith(
            "  - id: the-car-was-not-yet\n"
            '    quote: "voiture à venir"\n'
            "    occurrence: 2\n"
            '    claim: "The car was *not yet released*."\n'
            "    topics: [design-leak]\n"
        )
    )


def test_a_collection_without_its_pages_and_a_target_without_selector_are_reported(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="The collection's first page 'urn:p1' is not embedded"):
        read_annotations({"type": "AnnotationCollection", "first": "urn:p1"})
    root = _copy(tmp_path)
    saved = tmp_path / "w3c.json"
    bare = {**_ANNOTATION, "target": _ANNOTATION["target"]["source"]}
    saved.write_text(json.dumps([bare]), encoding="utf-8")
    assert import_annotations(root, [saved]).problems == [
        f"{saved}:0: Expected a TextQuoteSelector with the passage but received none"
    ]


def test_importing_the_sites_own_annotations_again_adds_nothing(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    settings = site_settings(ROOT)
    exported = tmp_path / "annotations.jsonld"
    collection = build_annotation_collection(load_dossier(ROOT), settings.layout, settings.site_url)
    exported.write_text(json.dumps(collection), encoding="utf-8")
    before = _files(root)
    result = import_annotations(root, [exported])
    # Every note and claim is already there; a verdict's annotation ('assessing') is read with its claim.
    passages = [item for item in collection["first"]["items"] if item["motivation"] != "assessing"]
    assert len(passages) < collection["total"]
    assert (result.problems, result.added, len(result.warnings)) == ([], 0, len(passages))
    assert result.warnings[0].endswith("on the same passage; left out.")
    assert _files(root) == before


def test_a_claims_category_as_of_and_verdict_come_back_from_the_export(tmp_path: Path) -> None:
    from conftest import write_dossier
    from dossier_fixture import Y_YML, time_files

    y_yml = Y_YML.replace(
        "    category: lawsuit\n",
        "    category: lawsuit\n    verdict:\n      rating: mistranslated\n      reason: The Spanish *demandar*.\n",
    ).replace("    unit: people\n", "    unit: people\n    as_of: 2023-01\n")
    root = tmp_path / "dossier"
    write_dossier(root, time_files(**{"sources/2023-02-y.yml": y_yml}))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    original = load_dossier(root)
    assert original.problems == ()
    settings = site_settings(root)
    exported = tmp_path / "annotations.jsonld"
    exported.write_text(json.dumps(build_annotation_collection(original, settings.layout, settings.site_url)))
    for path in (root / "sources").glob("2*.yml"):
        path.write_text(re.sub(r"(?ms)^claims:.*?(?=^\S|\Z)", "", path.read_text(encoding="utf-8")))

    result = import_annotations(root, [exported])

    assert (result.problems, result.warnings) == ([], [])
    restored = load_dossier(root)
    assert restored.problems == ()
    claim = next(c for c in restored.sources[1].claims if c.id == "sanction")
    assert (claim.category, claim.verdict.rating, claim.verdict.reason) == (
        "lawsuit",
        "mistranslated",
        "The Spanish *demandar*.",
    )
    assert next(c for c in restored.sources[1].claims if c.id == "team").as_of.iso == "2023-01"
    for before, after in zip(original.sources, restored.sources, strict=True):
        assert _without_line(after.claims) == _without_line(before.claims)

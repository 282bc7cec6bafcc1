"""The schema.org ClaimReview data of source pages with verdicts, and the W3C verdict annotations.

The JSON-LD is checked against ``tests/schemaorg/claimreview.schema.json``, a JSON Schema written
from the schema.org definitions of ClaimReview, Review, Rating, Claim, CreativeWork and Organization:
it allows only properties that schema.org defines on each type (or on a type it inherits from), with
the value types schema.org expects, and requires what fact-check markup needs. That checks what a
JSON-LD expansion could not: an expansion accepts any property name under the schema.org vocabulary,
typos included, while the schema refuses a property on a type that does not define it.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import write_dossier
from dossier_fixture import Y_YML, time_files

from dossier.export import RATING_VALUES, build_claim_reviews, render_json
from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.markup import json_script
from dossier.paths import Layout
from dossier.schema import VERDICTS
from dossier.site import build_source_page
from dossier.w3c import build_annotation_collection, build_annotations, expand, write_annotation_collection

SCHEMA = json.loads((Path(__file__).parent / "schemaorg" / "claimreview.schema.json").read_text(encoding="utf-8"))
LAYOUT = Layout(site_url="https://example.org/dossier/", site_name="The Xiaomi EV dossier")
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
VERDICT = """    verdict:
      rating: mistranslated
      reason: The Spanish *demandar* became **sued** < /script > & more.
"""


def _dossier(root: Path):
    y_yml = Y_YML.replace("    category: lawsuit\n", "    category: lawsuit\n" + VERDICT)
    y_yml = y_yml.replace(
        "date: 2023-02\n", "date: 2023-02\nurl: https://example.com/original\npublisher: A news site\n"
    )
    write_dossier(root, time_files(**{"sources/2023-02-y.yml": y_yml}))
    dossier = load_dossier(root)
    assert [str(p) for p in dossier.problems] == []
    return dossier


def test_every_verdict_has_a_rating_value() -> None:
    assert set(RATING_VALUES) == set(VERDICTS)


def test_a_source_page_with_a_verdict_embeds_one_valid_claim_review(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dossier = _dossier(tmp_path)
    site = make_site(dossier, LAYOUT)
    x, y = dossier.sources
    assert SCRIPT.findall(build_source_page(x, site, ()).html) == []
    [script] = SCRIPT.findall(build_source_page(y, site, ()).html)
    assert "<" not in script and "&" not in script
    data = json.loads(script)
    jsonschema.validate(data, SCHEMA)
    assert data == {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Organization",
                "@id": "_:dossier",
                "name": "The Xiaomi EV dossier",
                "url": "https://example.org/dossier/",
            },
            {"@type": "Organization", "@id": "_:publisher", "name": "A news site"},
            {
                "@type": "ClaimReview",
                "url": "https://example.org/dossier/sources/2023-02-y/#ref-claim-sanction",
                "claimReviewed": "Xiaomi sued the supplier.",
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": [
                        {
                            "@type": "CreativeWork",
                            "url": "https://example.org/dossier/sources/2023-02-y/#claim-sanction",
                        },
                        {"@type": "CreativeWork", "url": "https://example.com/original"},
                    ],
                    "datePublished": "2023-02",
                    "author": {"@id": "_:publisher"},
                },
                "author": {"@id": "_:dossier"},
                "datePublished": "2023-11-14",
                "reviewBody": "The Spanish *demandar* became **sued** < /script > & more.",
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": "Mistranslated",
                    "ratingValue": 1,
                    "bestRating": 5,
                    "worstRating": 1,
                },
            },
        ],
    }


def _references(item: object) -> list[str]:
    if isinstance(item, dict):
        own = [item["@id"]] if set(item) == {"@id"} else []
        return own + [r for value in item.values() for r in _references(value)]
    return [r for value in item for r in _references(value)] if isinstance(item, list) else []


def test_the_organisations_are_written_once_and_every_reference_names_one(tmp_path: Path) -> None:
    """Two verdicts on a page: one review each, one node each for the dossier and the publisher."""
    y_yml = Y_YML.replace("    category: lawsuit\n", "    category: lawsuit\n" + VERDICT)
    y_yml = y_yml.replace("  - id: team\n", "  - id: team\n" + VERDICT.replace("mistranslated", "accurate"), 1)
    y_yml = y_yml.replace("date: 2023-02\n", "date: 2023-02\npublisher: A news site\n")
    write_dossier(tmp_path, time_files(**{"sources/2023-02-y.yml": y_yml}))
    [_, y] = load_dossier(tmp_path).sources
    data = build_claim_reviews(y, LAYOUT)
    jsonschema.validate(data, SCHEMA)
    graph = data["@graph"]
    assert [n["@type"] for n in graph] == ["Organization", "Organization", "ClaimReview", "ClaimReview"]
    defined = [n["@id"] for n in graph if "@id" in n]
    assert sorted(defined) == sorted(set(defined)) == ["_:dossier", "_:publisher"]
    assert sorted(set(_references(graph))) == sorted(defined)
    assert json.dumps(data).count("A news site") == 1


def test_a_page_without_a_verdict_has_no_review_data(tmp_path: Path) -> None:
    [x, _] = _dossier(tmp_path).sources
    assert build_claim_reviews(x, LAYOUT) is None


@pytest.mark.parametrize(
    "broken",
    [
        {"reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1}},
        {"claimReviewd": "typo"},
        {"itemReviewed": {"@type": "Claim", "appearance": [{"@type": "CreativeWork", "url": "x y"}]}},
    ],
)
def test_the_schema_refuses_a_broken_review(tmp_path: Path, broken: dict) -> None:
    data = build_claim_reviews(_dossier(tmp_path).sources[1], LAYOUT)
    review = data["@graph"][-1]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "@graph": [*data["@graph"][:-1], {**review, **broken}]}, SCHEMA)


def test_json_script_cannot_close_its_element() -> None:
    assert str(json_script({"a": "</script><!--&\u2028"})) == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028"}'


def test_the_w3c_export_carries_each_verdict_as_an_assessment(tmp_path: Path) -> None:
    items = build_annotations(_dossier(tmp_path), LAYOUT, "https://example.org/dossier/")
    [assessing] = [i for i in items if i["motivation"] == "assessing"]
    assert assessing["id"] == "site:sources/2023-02-y/#verdict-sanction"
    assert expand(assessing["id"], {"site": "https://example.org/dossier/"}) == (
        "https://example.org/dossier/sources/2023-02-y/#verdict-sanction"
    )
    assert assessing["body"]["value"].startswith("Verdict: Mistranslated. The Spanish *demandar*")
    describing = next(i for i in items if i["id"].endswith("2023-02-y/#claim-sanction"))
    assert assessing["target"] == describing["id"]  # the claim's annotation, by its IRI


def test_the_written_collection_counts_and_holds_the_verdicts(tmp_path: Path) -> None:
    dossier = _dossier(tmp_path)
    written = io.StringIO()
    write_annotation_collection(written, dossier, LAYOUT, "https://example.org/dossier/")
    built = build_annotation_collection(dossier, LAYOUT, "https://example.org/dossier/")
    assert any(item["motivation"] == "assessing" for item in built["first"]["items"])
    assert written.getvalue() == render_json(built)

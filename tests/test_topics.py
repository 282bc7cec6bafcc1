"""Comparisons between sources, topic pages and related sources (dossier.topics, dossier.pages)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from conftest import write_dossier
from dossier_fixture import B_YML, fixture_files, load_fixture

from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.pages import build_disagreements_page, build_topic_page
from dossier.paging import NOTE_OTHERS
from dossier.paths import Layout
from dossier.templates import Renderer
from dossier.topics import compare_subjects, other_claims, related_sources

LAYOUT = Layout()
NNBSP = "\u202f"


RENDERER = Renderer()


def _href(page: str):
    return lambda to, fragment=None: LAYOUT.href(page, to, fragment)


def render_comparison_note(comparison, ref, href, listed) -> str:
    others = other_claims(comparison, ref.claim, NOTE_OTHERS)
    return RENDERER.render("comparison-note", comparison=comparison, others=others, href=href, listed=listed)


def render_related(related, topics, subjects, href) -> str:
    return RENDERER.render("related", related=related, topics=topics, subjects=subjects, href=href)


def _statuses(dossier) -> dict[str, tuple[str, str, list[tuple[str, str]]]]:
    return {c.subject: (c.kind, c.status, [r.key for r in c.refs]) for c in compare_subjects(dossier)}


def test_numbers_are_compared_after_normalising_and_dates_at_their_precision(tmp_path: Path) -> None:
    assert _statuses(load_fixture(tmp_path)) == {
        "capacity": (
            "value",
            "disagree",
            [("2021-c", "capacity"), ("2023-02-a", "capacity"), ("2023-08-15-b", "capacity")],
        ),
        "fine": ("value", "incomparable", [("2023-02-a", "fine"), ("2023-08-15-b", "fine")]),
        "start": ("date", "disagree", [("2021-c", "start"), ("2023-02-a", "start"), ("2023-08-15-b", "start")]),
    }


def test_300_000_and_300_mille_agree_and_2024_agrees_with_its_first_half(tmp_path: Path) -> None:
    files = fixture_files(**{"sources/2021-c.txt": None, "sources/2021-c.yml": None})
    write_dossier(tmp_path, files)
    statuses = {s: status for s, (_, status, _) in _statuses(load_dossier(tmp_path)).items()}
    assert statuses == {"capacity": "agree", "fine": "incomparable", "start": "agree"}


def test_compare_across_units_turns_different_units_into_a_disagreement(tmp_path: Path) -> None:
    b_yml = B_YML.replace("    unit: EUR\n", "    unit: EUR\n    compare_across_units: true\n")
    dossier = load_fixture(tmp_path, **{"sources/2023-08-15-b.yml": b_yml})
    assert _statuses(dossier)["fine"][1] == "disagree"


def test_compare_across_units_must_be_a_boolean(tmp_path: Path) -> None:
    b_yml = B_YML.replace("    unit: EUR\n", "    unit: EUR\n    compare_across_units: often\n")
    write_dossier(tmp_path, fixture_files(**{"sources/2023-08-15-b.yml": b_yml}))
    assert [str(p) for p in load_dossier(tmp_path).problems] == [
        "sources/2023-08-15-b.yml:25:27: Expected true or false for 'compare_across_units' in claim 'fine' "
        "but received the string 'often'."
    ]


def test_the_note_beside_a_claim_links_the_other_sources(tmp_path: Path) -> None:
    comparisons = compare_subjects(load_fixture(tmp_path))
    capacity, fine = comparisons[0], comparisons[1]
    href = _href("sources/2023-02-a.md")
    assert render_comparison_note(capacity, capacity.refs[1], href, {"capacity": "disagreements.md"}) == (
        '<div class="dx-compare dx-compare-disagree"><span class="dx-field">Sources disagree:</span> '
        f'other sources say <a href="../2021-c/#claim-capacity">200{NNBSP}000 vehicles/year</a> (Source C, 2021); '
        f'<a href="../2023-08-15-b/#claim-capacity">300{NNBSP}000 vehicles/year</a> (Source B, 15 August 2023).</div>'
    )
    assert render_comparison_note(fine, fine.refs[0], href, {"fine": "disagreements.md"}) == (
        '<div class="dx-compare dx-compare-incomparable"><span class="dx-field">Not directly comparable:</span> '
        f'other sources give, in other units, <a href="../2023-08-15-b/#claim-fine">130{NNBSP}000 EUR</a> '
        "(Source B, 15 August 2023).</div>"
    )


def test_related_sources_share_a_topic_or_a_subject_shown_by_its_title(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path)
    related = related_sources(dossier)["2023-02-a"]
    html = render_related(related, dossier.topic_map, dossier.subject_map, _href("sources/2023-02-a.md"))
    assert html == (
        '<h2 id="related">Related sources</h2><ul class="dx-related">'
        '<li><a href="../2021-c/">Source C</a> <small>(2021)</small> — shares Factory, '
        "Factory capacity, Start of production</li>"
        '<li><a href="../2023-08-15-b/">Source B</a> <small>(15 August 2023)</small> — shares Factory, Money, '
        "Factory capacity, The fine, Start of production</li></ul>"
    )


def test_topic_page_has_every_section_and_no_source_text(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path)
    [page] = build_topic_page(dossier.topic_map["money"], make_site(dossier, LAYOUT))
    assert page.path == "topics/money.md"
    assert [item.id for item in page.toc] == ["sources", "claims", "timeline", "disagreements"]
    assert '<p class="dx-summary">Prices and fines.</p>' in page.html
    assert (  # each claim a short line linking to its full display on its source page
        '<ul class="dx-topic-claims"><li><a href="../../sources/2023-02-a/#claim-fine">A fine of 1 million yuan.</a>'
        " — 1\u202f000\u202f000 CNY</li></ul>"
    ) in page.html
    assert (
        '<h3 id="subject-fine">The fine <span class="dx-status">Not directly comparable</span></h3>'
        '<p class="dx-question">How much was the supplier fined?</p>'
    ) in page.html
    assert "<p>No dated event yet.</p>" in page.html
    assert "Une usine de 300 000" not in page.html


def test_disagreements_page_lists_each_outcome_under_its_heading(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path)
    [page] = build_disagreements_page(make_site(dossier, LAYOUT))
    assert [(item.level, item.id) for item in page.toc] == [
        (2, "status-disagree"),
        (3, "subject-capacity"),
        (3, "subject-start"),
        (2, "status-incomparable"),
        (3, "subject-fine"),
    ]
    assert (  # one link a row: the figure, to the claim on its source's page
        '<tr><td>Source C <small>(2021)</small></td><td><a href="../sources/2021-c/#claim-capacity">'
        "200\u202f000 vehicles/year</a></td></tr>"
    ) in page.html
    assert (  # each figure with how many sources give it: what a claim's line on its source page counts
        '<p class="dx-values"><span class="dx-field">Figures:</span> 300\u202f000 vehicles/year from 2 sources; '
        "200\u202f000 vehicles/year from 1 source (3 sources, 3 independent origins).</p>"
    ) in page.html


def test_the_note_speaks_of_other_claims_when_one_is_from_the_same_source(tmp_path: Path) -> None:
    capacity = compare_subjects(load_fixture(tmp_path))[0]
    a, c = capacity.refs[1], capacity.refs[0]
    same_source = dataclasses.replace(c, source=a.source, claim=dataclasses.replace(c.claim, id="capacity-2"))
    comparison = dataclasses.replace(capacity, refs=(a, same_source))
    html = render_comparison_note(comparison, a, _href("sources/2023-02-a.md"), {"capacity": "disagreements.md"})
    assert "</span> other claims say <a " in html


def test_a_long_comparison_is_counted_beside_a_claim_and_listed_in_full_on_its_subject_page(tmp_path: Path) -> None:
    capacity = compare_subjects(load_fixture(tmp_path))[0]
    c, a, b = capacity.refs  # 200 000 (Source C), 300 000 (Source A), 300 000 (Source B)
    second = dataclasses.replace(c, claim=dataclasses.replace(c.claim, id="capacity-2"))  # Source C again
    comparison = dataclasses.replace(capacity, refs=(c, a, b, second, dataclasses.replace(a, claim=c.claim)))
    assert len(comparison.refs) - 1 > NOTE_OTHERS
    html = render_comparison_note(comparison, a, _href("sources/2023-02-a.md"), {"capacity": "disagreements.md"})
    assert html == (
        '<div class="dx-compare dx-compare-disagree"><span class="dx-field">Sources disagree:</span> '
        "2 values among 3 sources (3 independent origins); "
        'see <a href="../../disagreements/#subject-capacity">the comparison</a>.</div>'
    )


def test_a_related_source_sharing_many_topics_or_subjects_counts_them(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path)
    [b] = [r for r in related_sources(dossier)["2023-02-a"] if r.source.id == "2023-08-15-b"]
    many = dataclasses.replace(b, topics=("factory", "money", "people", "leak"), subjects=b.subjects)
    html = render_related([many], dossier.topic_map, dossier.subject_map, _href("sources/2023-02-a.md"))
    assert (
        "<small>(15 August 2023)</small> — shares 4 topics, Factory capacity, The fine, Start of production</li>"
        in html
    )


def test_a_long_comparison_of_one_source_counts_one_source(tmp_path: Path) -> None:
    capacity = compare_subjects(load_fixture(tmp_path))[0]
    a = capacity.refs[1]
    refs = tuple(dataclasses.replace(a, claim=dataclasses.replace(a.claim, id=f"capacity-{i}")) for i in range(5))
    comparison = dataclasses.replace(capacity, status="single-source", refs=refs, origins=capacity.origins[:1])
    html = render_comparison_note(comparison, refs[0], _href("sources/2023-02-a.md"), {"capacity": "disagreements.md"})
    assert "</span> 1 value among 1 source (1 independent origin); see <a " in html

"""Values over time and answers by category: a series is not a disagreement, a fine against a lawsuit is."""

from __future__ import annotations

from pathlib import Path

from conftest import write_dossier
from dossier_fixture import X_YML, Y_TXT, Y_YML, load_fixture, time_files

from dossier.analysis import analyse
from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.pages import build_disagreements_page, build_findings_page, build_provenance_page
from dossier.paths import Layout
from dossier.site import build_source_page

LAYOUT = Layout()
NNBSP = "\u202f"


def _load(root: Path, **overrides: str | None):
    write_dossier(root, time_files(**overrides))
    dossier = load_dossier(root)
    assert [str(p) for p in dossier.problems] == []
    return dossier


def _comparisons(dossier):
    return {c.subject: c for c in analyse(dossier).comparisons}


def test_values_at_different_dates_form_a_series_not_a_disagreement(tmp_path: Path) -> None:
    team = _comparisons(_load(tmp_path))["team"]
    assert (team.kind, team.status, team.status_label) == ("value", "series", "Changes over time")
    assert [(p.as_of.iso, p.figure) for p in team.series] == [
        ("2021-10", "450 people"),
        ("2023-02", f"2{NNBSP}300 people"),
    ]


def _with_z(root: Path, as_of: str, source_date: str = "2023-03"):
    """The fixture and a source Z giving a team of 2 000 ``as_of`` a date."""
    z_yml = Y_YML.replace("Source Y", "Source Z").replace("2023-02", source_date).replace("2 300", "2 000")
    z_yml = z_yml.replace("value: 2 000", f"value: 2000\n    as_of: {as_of}")
    z_txt = "L'équipe compte 2 000 personnes. Xiaomi a poursuivi le fournisseur.\n"
    return _load(root, **{"sources/2023-03-z.txt": z_txt, "sources/2023-03-z.yml": z_yml})


def test_different_values_at_overlapping_dates_disagree_at_their_precision(tmp_path: Path) -> None:
    # "as of 2023" overlaps February 2023: 2 000 against 2 300 is a disagreement.
    team = _comparisons(_with_z(tmp_path, "2023", source_date="2024"))["team"]
    assert team.status == "disagree"
    assert team.series == ()
    z = next(r for r in team.refs if r.source.id == "2023-03-z")
    assert (z.claim.as_of.iso, z.as_of.iso, z.source.date.iso) == ("2023", "2023", "2024")


def test_as_of_a_later_date_keeps_the_series(tmp_path: Path) -> None:
    team = _comparisons(_with_z(tmp_path, "2022-06"))["team"]
    assert team.status == "series"
    assert [(p.as_of.label, p.figure) for p in team.series] == [
        ("October 2021", "450 people"),
        ("June 2022", f"2{NNBSP}000 people"),
        ("February 2023", f"2{NNBSP}300 people"),
    ]


def test_without_changes_over_time_different_values_disagree(tmp_path: Path) -> None:
    subjects = time_files()["sources/subjects.yml"].replace("    changes_over_time: true\n", "")
    team = _comparisons(_load(tmp_path, **{"sources/subjects.yml": subjects}))["team"]
    assert team.status == "disagree"


def test_a_fine_against_a_lawsuit_is_contested_and_shown_by_label(tmp_path: Path) -> None:
    sanction = _comparisons(_load(tmp_path))["sanction"]
    assert (sanction.kind, sanction.status) == ("category", "disagree")
    assert [r.figure for r in sanction.refs] == ["A fine", "A lawsuit"]


def test_the_same_answer_agrees(tmp_path: Path) -> None:
    sanction = _comparisons(
        _load(tmp_path, **{"sources/2023-02-y.yml": Y_YML.replace("category: lawsuit", "category: fine")})
    )["sanction"]
    assert sanction.status == "agree"


def test_pages_show_the_series_and_the_answers_never_a_slug(tmp_path: Path) -> None:
    dossier = _load(tmp_path)
    site = make_site(dossier, LAYOUT)
    [page] = build_disagreements_page(site)
    html = page.html
    assert (
        '<p class="dx-series"><span class="dx-field">Over time:</span> '
        '<a href="../sources/2021-10-x/#claim-team">450 people</a> (October 2021) → '
        f'<a href="../sources/2023-02-y/#claim-team">2{NNBSP}300 people</a> (February 2023)</p>'
    ) in html
    assert '<h2 id="status-series">Changes over time</h2>' in html
    assert '<h3 id="subject-sanction">The sanction <span class="dx-status">Sources disagree</span></h3>' in html
    assert "<th>Answer</th>" in html and ">A lawsuit</a>" in html
    source = build_source_page(dossier.sources[0], site, ()).html
    assert '<div class="dx-facts">The sanction: A fine · ' in source
    assert "Changes over time:</span> other sources give, at other dates," in source
    for slug in (">team<", ">sanction<", ">fine<", ">lawsuit<"):
        assert slug not in html + source


W_YML = (
    Y_YML.replace("Source Y", "Source W")
    + "derived_from:\n  - source: 2023-02-y\n    how: machine-translation\n"
    + "    note: Machine-translated into **French**.\n"
)


def test_two_sources_sharing_an_origin_are_relayed_not_corroborated(tmp_path: Path) -> None:
    files = {"sources/2021-10-x.txt": None, "sources/2021-10-x.yml": None}
    dossier = _load(tmp_path, **files, **{"sources/2023-02-w.txt": Y_TXT, "sources/2023-02-w.yml": W_YML})
    found = _comparisons(dossier)
    assert (found["sanction"].status, found["sanction"].status_label) == ("relayed", "Relayed, not corroborated")
    assert [o.label for o in found["sanction"].origins] == ["Source Y"]
    assert found["team"].status == "relayed"


def test_corroboration_counts_independent_origins(tmp_path: Path) -> None:
    x_yml = X_YML.replace("category: fine", "category: lawsuit")
    files = {"sources/2021-10-x.yml": x_yml, "sources/2023-02-w.txt": Y_TXT, "sources/2023-02-w.yml": W_YML}
    sanction = _comparisons(_load(tmp_path, **files))["sanction"]
    assert (sanction.status, [o.key for o in sanction.origins]) == ("agree", ["source:2021-10-x", "source:2023-02-y"])
    site = make_site(load_dossier(tmp_path), LAYOUT)
    page = build_source_page(site.dossier.sources[0], site, ()).html
    assert "Corroborated:</span> other sources say the same, from 2 independent origins:" in page


def _through(site: str, origin: str) -> str:
    return f"derived_from:\n  - name: {site}\n    how: machine-translation\n  - name: {origin}\n    how: rewrite\n"


def test_sources_sharing_a_text_between_them_and_their_origins_are_relayed_by_it(tmp_path: Path) -> None:
    # Two translations of one Spanish site, which rewrote two different stories: the site links them.
    files = {
        "sources/2021-10-x.txt": None,
        "sources/2021-10-x.yml": None,
        "sources/2023-02-y.yml": Y_YML
        + "  - id: sanction-again\n    quote: Xiaomi a poursuivi\n    claim: Xiaomi sued.\n"
        + "    topics: [team]\n    subject: sanction\n    category: lawsuit\n"
        + _through("Spanish site", "Reuters"),
        "sources/2023-02-w.txt": Y_TXT,
        "sources/2023-02-w.yml": Y_YML.replace("Source Y", "Source W") + _through("Spanish site", "GizmoChina"),
    }
    found = _comparisons(_load(tmp_path, **files))
    assert (found["sanction"].status, [o.label for o in found["sanction"].origins]) == ("relayed", ["Spanish site"])
    standing = analyse(_load(tmp_path, **files)).standing
    assert (
        standing[("2023-02-w", "sanction")].label == "Relayed: the sources that say it share one origin (Spanish site)"
    )


def test_sources_linked_only_through_a_third_count_once_with_it(tmp_path: Path) -> None:
    # X and W share nothing, but Y shares its origin with X and its site with W: the three are not independent.
    files = {
        "sources/2021-10-x.yml": X_YML.replace("category: fine", "category: lawsuit")
        + _through("Indian site", "Reuters"),
        "sources/2023-02-y.yml": Y_YML + _through("Spanish site", "Reuters"),
        "sources/2023-02-w.txt": Y_TXT,
        "sources/2023-02-w.yml": Y_YML.replace("Source Y", "Source W") + _through("Spanish site", "GizmoChina"),
    }
    sanction = _comparisons(_load(tmp_path, **files))["sanction"]
    assert (sanction.status, [o.label for o in sanction.origins]) == ("relayed", ["Reuters"])
    without_y = {**files, "sources/2023-02-y.txt": None, "sources/2023-02-y.yml": None}
    sanction = _comparisons(_load(tmp_path / "2", **without_y))["sanction"]
    assert (sanction.status, [o.label for o in sanction.origins]) == ("agree", ["Reuters", "GizmoChina"])


def test_two_claims_of_one_source_are_one_source_only(tmp_path: Path) -> None:
    y_yml = Y_YML + (
        "  - id: sanction-again\n    quote: Xiaomi a poursuivi\n    claim: Xiaomi sued.\n"
        "    topics: [team]\n    subject: sanction\n    category: lawsuit\n"
    )
    files = {"sources/2021-10-x.txt": None, "sources/2021-10-x.yml": None, "sources/2023-02-y.yml": y_yml}
    sanction = _comparisons(_load(tmp_path, **files))["sanction"]
    assert (sanction.status, sanction.status_label) == ("single-source", "One source only")


def test_each_source_page_shows_its_chain_and_the_provenance_page_draws_the_graph(tmp_path: Path) -> None:
    y_yml = Y_YML + (
        "derived_from:\n  - name: Gadgets 360\n    how: republication\n    note: rupee conversions added\n"
        "  - name: Reuters\n    url: https://www.reuters.com/\n    date: 2023-02-16\n    how: rewrite\n"
    )
    files = {"sources/2023-02-y.yml": y_yml, "sources/2023-02-w.txt": Y_TXT, "sources/2023-02-w.yml": W_YML}
    dossier = _load(tmp_path, **files)
    site = make_site(dossier, LAYOUT)
    chains = site.analysis.provenance.chains
    assert [(s.label, s.how) for s in chains["2023-02-w"]] == [
        ("Reuters", None),
        ("Gadgets 360", "rewrite"),
        ("Source Y", "republication"),
        ("Source W", "machine translation"),
    ]
    assert site.analysis.provenance.origins["2021-10-x"].key == "source:2021-10-x"
    w = next(s for s in dossier.sources if s.id == "2023-02-w")
    page = build_source_page(w, site, ()).html
    assert (
        '<dt>Provenance</dt><dd class="dx-chain"><a href="https://www.reuters.com/" rel="nofollow noopener">Reuters</a>'
        ' → Gadgets 360 <span class="dx-how">(rewrite)</span>'
        ' → <a href="../2023-02-y/">Source Y</a>'
        ' <span class="dx-how">(republication: rupee conversions added)</span>'
        ' → this text <span class="dx-how">(machine translation:'
        " Machine-translated into <strong>French</strong>.)</span>"
        "</dd>"
    ) in page
    [provenance] = build_provenance_page(site)
    assert provenance.path == "provenance.md" and provenance.in_nav
    html = provenance.html
    assert '<svg class="dx-provenance-svg" aria-labelledby="provenance-title provenance-desc"' in html
    assert '<title id="provenance-title">Provenance of the sources: 5 texts, 3 derivations</title>' in html
    assert '<li><a href="../sources/2021-10-x/">Source X</a>: no origin declared: an origin of its own</li>' in html
    # Its box, its own entry and the end of its chain, W's chain.
    assert html.count('<a href="../sources/2023-02-y/">') == 4


FINDING = """    finding:
      status: contested
      answer: Xiaomi demanded compensation; the lawsuit is a mistranslation.
      reasoning: The original statement speaks of **compensation**.
      citations:
        - url: https://example.org/statement
          supports: The statement's wording.
"""
VERDICT = """    verdict:
      rating: mistranslated
      reason: The Spanish *demandar* became **sued**.
"""


def _with_findings(root: Path):
    subjects = time_files()["sources/subjects.yml"] + FINDING
    y_yml = Y_YML.replace("    category: lawsuit\n", "    category: lawsuit\n" + VERDICT)
    return _load(root, **{"sources/subjects.yml": subjects, "sources/2023-02-y.yml": y_yml})


def test_findings_and_verdicts_are_loaded(tmp_path: Path) -> None:
    dossier = _with_findings(tmp_path)
    finding = dossier.subject_map["sanction"].finding
    assert (finding.status, finding.status_label, finding.citations[0].supports) == (
        "contested",
        "Contested",
        "The statement's wording.",
    )
    verdict = dossier.sources[1].claims[1].verdict
    assert (verdict.rating, verdict.label) == ("mistranslated", "Mistranslated")


def test_each_claim_shows_its_standing_in_words(tmp_path: Path) -> None:
    dossier = _with_findings(tmp_path)
    standing = analyse(dossier).standing
    assert {key: s.label for key, s in standing.items()} == {
        ("2021-10-x", "team"): "Single source: no other source reports it",
        ("2021-10-x", "sanction"): "Contested: other sources say otherwise",
        ("2023-02-y", "team"): "Single source: no other source reports it",
        ("2023-02-y", "sanction"): "Verdict: Mistranslated",
    }
    site = make_site(dossier, LAYOUT)
    page = build_source_page(dossier.sources[1], site, ()).html
    assert (
        '<div id="verdict-sanction" class="dx-badge dx-standing-verdict-mistranslated">'
        "Verdict: Mistranslated. The Spanish <em>demandar</em> became <strong>sued</strong>.</div>"
    ) in page


def test_a_claims_standing_is_said_once_by_its_comparison_line_else_by_its_badge(tmp_path: Path) -> None:
    """X's sanction is contested: the line beside it says "Sources disagree", no badge repeats it. Its
    team claim is a point of a series, which the line does not judge: its badge says where it stands."""
    site = make_site(_with_findings(tmp_path), LAYOUT)
    page = build_source_page(site.dossier.sources[0], site, ()).html
    sanction = page[page.index('<li id="ref-claim-sanction">') :]
    sanction = sanction[: sanction.index("</li>")]
    assert '<div class="dx-compare dx-compare-disagree"><span class="dx-field">Sources disagree:</span>' in sanction
    assert "dx-badge" not in sanction and "Contested" not in sanction
    team = page[page.index('<li id="ref-claim-team">') :]
    team = team[: team.index("</li>")]
    assert '<div class="dx-compare dx-compare-series"><span class="dx-field">Changes over time:</span>' in team
    assert '<div class="dx-badge dx-standing-single-source">Single source: no other source reports it</div>' in team


def test_a_series_point_given_by_two_independent_origins_is_corroborated(tmp_path: Path) -> None:
    files = {"sources/2023-02-w.txt": Y_TXT, "sources/2023-02-w.yml": Y_YML.replace("Source Y", "Source W")}
    standing = analyse(_load(tmp_path, **files)).standing
    assert standing[("2023-02-w", "team")].label == "Corroborated by 2 independent origins"
    assert standing[("2021-10-x", "team")].kind == "single-source"


def test_the_findings_page_lists_every_subject_by_its_question(tmp_path: Path) -> None:
    site = make_site(_with_findings(tmp_path), LAYOUT)
    [page] = build_findings_page(site)
    assert (page.path, page.title, page.in_nav) == ("findings.md", "What the sources establish", True)
    html = page.html
    assert [(t.level, t.id, t.title) for t in page.toc] == [
        (2, "subjects", "Subjects"),
        (3, "subject-team", "Size of the team"),
        (3, "subject-sanction", "The sanction"),
    ]
    assert '<h3 id="subject-sanction">What did Xiaomi do to the supplier?</h3>' in html
    assert (
        '<p class="dx-subject-title">The sanction: <strong class="dx-finding-status dx-finding-contested">'
        "Contested</strong>; the sources compared: sources disagree.</p>"
    ) in html
    assert '<p class="dx-answer"><span class="dx-field">Answer:</span> Xiaomi demanded compensation;' in html
    assert (
        "<li><strong>A fine</strong>: 1 independent origin"
        ' (<a href="../sources/2021-10-x/#claim-sanction">Source X</a>)'
    ) in html
    assert '<a href="https://example.org/statement" rel="nofollow noopener">' in html
    assert "No finding yet</strong>; the sources compared: changes over time." in html
    [disagreements] = build_disagreements_page(site)
    assert (
        '<p class="dx-finding"><span class="dx-field">Finding:</span> <strong>Contested</strong>. '
        "Xiaomi demanded compensation; the lawsuit is a mistranslation. "
        '(<a href="../findings/">all findings</a>)</p>'
    ) in disagreements.html


def test_a_figure_given_elsewhere_only_in_other_units_stands_alone(tmp_path: Path) -> None:
    standing = analyse(load_fixture(tmp_path)).standing
    assert standing[("2023-02-a", "fine")].label == "Single source: other sources give it only in other units"
    assert standing[("2023-02-a", "capacity")].label == "Contested: other sources say otherwise"

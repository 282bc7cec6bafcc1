"""The claim and note indexes and the home page's generated block (dossier.pages)."""

from __future__ import annotations

from pathlib import Path

from dossier_fixture import A_YML, load_fixture

from dossier.generated import make_site
from dossier.pages import HOME_BLOCKS, build_cross_pages, build_home_blocks, build_notes_index
from dossier.paths import Layout

LAYOUT = Layout()

A_WITH_NOTES = A_YML.replace(
    "claims:\n",
    """notes:
  - id: amende
    quote: Amende
    kind: idiom
    english: Fine
    explanation: A *fine*, as in a penalty.
  - id: semestre
    quote: premier semestre
    kind: mistranslation
    english: first half-year
    explanation: Not a university term.
claims:
""",
)


def test_no_index_of_all_claims_besides_the_topic_pages_that_list_each_claim(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path)
    site = make_site(dossier, LAYOUT)
    pages = build_cross_pages(site)
    assert not any(page.path.startswith("claims") for page in pages)
    topic_pages = "".join(page.html for page in pages if page.path.startswith("topics/"))
    for source in dossier.sources:
        for claim in source.claims:
            assert f'<li><a href="../../sources/{source.id}/#{claim.anchor}">' in topic_pages, claim.id
    assert (
        '<li><a href="../../sources/2021-c/#claim-capacity">Capacity of 200,000 vehicles.</a> — '
        "200\u202f000 vehicles/year</li>"  # its comparison is on its source's page and its subject's
    ) in topic_pages


def test_notes_index_groups_notes_by_kind_in_the_kinds_order(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path, **{"sources/2023-02-a.yml": A_WITH_NOTES})
    [page] = build_notes_index(make_site(dossier, LAYOUT))
    assert [(item.id, item.title) for item in page.toc] == [
        ("kind-mistranslation", "Mistranslation"),
        ("kind-idiom", "Idiom"),
    ]
    assert (
        '<h2 id="kind-idiom">Idiom</h2><ul class="dx-glossary"><li>Source A<ul>'
        '<li><a href="../sources/2023-02-a/#note-amende">Fine</a>. A <em>fine</em>, as in a penalty.</li>'
        "</ul></li></ul>"
    ) in page.html


A_WITH_GLOSSES = A_WITH_NOTES.replace(
    "claims:\n",
    """  - id: usine
    quote: usine
    kind: gloss
    english: factory
    explanation: Correct French, explained.
  - id: usine-again
    quote: usine
    kind: gloss
    english: plant
    explanation: The same word, glossed twice.
claims:
""",
)


def test_glosses_are_listed_under_their_own_heading_and_not_counted_as_damage(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path, **{"sources/2023-02-a.yml": A_WITH_GLOSSES})
    counts = dossier.count_notes()
    assert (counts.damage, counts.glosses) == (2, 2)
    [page] = build_notes_index(make_site(dossier, LAYOUT))
    assert [item.id for item in page.toc] == ["kind-mistranslation", "kind-idiom", "kind-gloss"]
    assert (
        "<p>2 passages the translations or the scraping garbled, by kind. Then, under “Gloss”, 2 glosses: "
        "passages in correct French, explained for readers without French; they are not damage.</p>"
    ) in page.html
    assert page.html.index('<h2 id="kind-gloss">Gloss</h2>') > page.html.index('<h2 id="kind-idiom">')
    glosses = page.html[page.html.index('<h2 id="kind-gloss">') :]
    assert glosses == (  # two glosses of one source: the source named once
        '<h2 id="kind-gloss">Gloss</h2><ul class="dx-glossary"><li>Source A<ul>'
        '<li><a href="../sources/2023-02-a/#note-usine">factory</a>. Correct French, explained.</li>'
        '<li><a href="../sources/2023-02-a/#note-usine-again">plant</a>. The same word, glossed twice.</li>'
        "</ul></li></ul>"
    )
    html = build_home_blocks(make_site(dossier, LAYOUT))["home-summary"]
    assert "· 2 translation notes · 2 glosses ·" in html
    assert "<td>French</td><td>3</td><td>4</td></tr>" in html


def test_notes_index_without_glosses_says_nothing_of_them(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path, **{"sources/2023-02-a.yml": A_WITH_NOTES})
    [page] = build_notes_index(make_site(dossier, LAYOUT))
    assert "<p>2 passages the translations or the scraping garbled, by kind.</p>" in page.html
    assert "· 2 translation notes · 0 glosses ·" in build_home_blocks(make_site(dossier, LAYOUT))["home-summary"]


def test_home_block_counts_and_links(tmp_path: Path) -> None:
    blocks = build_home_blocks(make_site(load_fixture(tmp_path), LAYOUT))
    assert tuple(blocks) == HOME_BLOCKS
    html = blocks["home-summary"]
    assert (
        '<p class="dx-counts">3 sources published 2021–2023 · 8 claims · 0 translation notes · 0 glosses · 2 topics · '
        "2 disagreements between sources</p>"
    ) in html
    assert (
        '<tr><td>February 2023</td><td><a href="sources/2023-02-a/">Source A</a></td><td></td>'
        "<td>French</td><td>3</td><td>0</td></tr>"
    ) in html
    assert '<li><a href="notes/">Translation notes</a></li>' in html

"""The timeline: order and labels at each date's precision, the list, the SVG picture."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from dossier_fixture import load_fixture

from dossier.generated import make_site
from dossier.pages import build_timeline_page
from dossier.paths import Layout
from dossier.templates import Renderer
from dossier.timeline import collect_events, draw_timeline, topic_colours

LAYOUT = Layout()
SVG = "{http://www.w3.org/2000/svg}"
RENDERER = Renderer()


def _href(to: str, fragment: str | None = None) -> str:
    return LAYOUT.href("timeline.md", to, fragment)


def test_events_sort_at_their_span_and_keep_their_precision(tmp_path: Path) -> None:
    events = collect_events(load_fixture(tmp_path))
    assert [(e.date.label, e.source.id, e.claim.id if e.claim else None) for e in events] == [
        ("2021", "2021-c", None),
        ("February 2023", "2023-02-a", None),
        ("15 August 2023", "2023-08-15-b", None),
        ("2024", "2023-08-15-b", "start"),
        ("first half of 2024", "2023-02-a", "start"),
        ("third quarter of 2024", "2021-c", "start"),
    ]


def test_a_topic_timeline_has_only_its_claims(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path)
    assert [e.date.iso for e in collect_events(dossier, "factory")] == ["2024", "2024-H1", "2024-Q3"]
    assert collect_events(dossier, "money") == []


def test_the_list_groups_by_year_and_links_each_event(tmp_path: Path) -> None:
    events = collect_events(load_fixture(tmp_path))
    assert RENDERER.render("timeline-list", events=events[2:5], href=_href, heading=2, prefix="") == (
        '<h2 id="year-2023">2023</h2><ol class="dx-timeline">'
        '<li><time datetime="2023-08-15">15 August 2023</time> — '
        '<a href="../sources/2023-08-15-b/">Publication of “Source B”</a></li></ol>'
        '<h2 id="year-2024">2024</h2><ol class="dx-timeline">'
        '<li><time datetime="2024">2024</time> — '
        '<a href="../sources/2023-08-15-b/#claim-start">Production starts in 2024.</a> '
        '<small>(<a href="../sources/2023-08-15-b/">Source B</a>)</small></li>'
        "<li>first half of 2024 — "
        '<a href="../sources/2023-02-a/#claim-start">Production starts in the first half of 2024.</a> '
        '<small>(<a href="../sources/2023-02-a/">Source A</a>)</small></li></ol>'
    )


def test_the_svg_is_labelled_and_each_event_is_a_link_spanning_its_period(tmp_path: Path) -> None:
    dossier = load_fixture(tmp_path)
    events = collect_events(dossier)
    drawing = draw_timeline(events, topic_colours(dossier.topics))
    svg = RENDERER.render("timeline-svg", drawing=drawing, href=_href, ident="timeline")
    root = ET.fromstring(svg)
    assert root.get("role") is None  # holds links: role="img" would hide them (axe nested-interactive)
    assert root.get("aria-labelledby") == "timeline-title timeline-desc"
    assert root.find(f"{SVG}title").text == "Timeline of 6 dated events, 2021–2024"
    links = root.findall(f"{SVG}a")
    assert [a.get("href") for a in links][3:] == [
        "../sources/2023-08-15-b/#claim-start",
        "../sources/2023-02-a/#claim-start",
        "../sources/2021-c/#claim-start",
    ]
    assert [a.find(f"{SVG}title").text for a in links][4] == (
        "first half of 2024: Production starts in the first half of 2024. (Source A)"
    )
    widths = [float(a.find(f"{SVG}rect").get("width")) for a in links]
    # a year spans twice a half-year and four times a quarter; a day gets the minimum width
    assert widths[3:] == [190.4, 94.7, 47.8]
    assert widths[2] == 6.0
    assert {a.find(f"{SVG}rect").get("fill") for a in links[3:]} == {"#1f77b4"}


def test_timeline_page_is_an_index_page_with_one_section_per_year(tmp_path: Path) -> None:
    [page] = build_timeline_page(make_site(load_fixture(tmp_path), LAYOUT))
    assert page.in_nav
    assert [item.id for item in page.toc] == ["year-2021", "year-2023", "year-2024"]
    assert re.findall(r'<h2 id="(year-\d+)">', page.html) == ["year-2021", "year-2023", "year-2024"]
    assert page.html.index("<svg") < page.html.index('<h2 id="year-2021">')

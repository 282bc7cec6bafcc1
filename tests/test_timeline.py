"""The timeline: order and labels at each date's precision, the list, the SVG picture."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from dossier_fixture import load_fixture

from dossier.dates import PartialDate
from dossier.generated import make_site
from dossier.pages import build_timeline_page
from dossier.paths import Layout
from dossier.templates import Renderer
from dossier.timeline import collect_events, draw_timeline, group_by_date

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
    assert RENDERER.render("timeline-list", events=events[2:5], href=_href, heading=2, prefix="", drawing=None) == (
        '<h2 id="year-2023">2023</h2><ol class="dx-timeline">'
        '<li><time datetime="2023-08-15">15 August 2023</time><ul>'
        '<li><a href="../sources/2023-08-15-b/">Publication of “Source B”</a></li></ul></li></ol>'
        '<h2 id="year-2024">2024</h2><ol class="dx-timeline">'
        '<li><time datetime="2024">2024</time><ul>'
        '<li>Source B:<ul><li><a href="../sources/2023-08-15-b/#claim-start">Production starts in 2024.</a></li>'
        "</ul></li></ul></li>"
        "<li>first half of 2024<ul>"
        '<li>Source A:<ul><li><a href="../sources/2023-02-a/#claim-start">'
        "Production starts in the first half of 2024.</a></li></ul></li></ul></li></ol>"
    )


def test_the_list_says_each_date_once_and_each_source_once_at_a_date(tmp_path: Path) -> None:
    """Two sources published in 2021; in 2024, two claims of B, one of A, B's again: the date 2021
    heads both publications, the date 2024 the three runs of claims, each under its source."""
    [c, a, _, b_claim, a_claim, _] = collect_events(load_fixture(tmp_path))
    on = PartialDate(2024)
    events = [replace(c, date=PartialDate(2021)), replace(a, date=PartialDate(2021))]
    events += [replace(b_claim, date=on)] * 2 + [replace(a_claim, date=on), replace(b_claim, date=on)]
    [(first, [published]), (second, [dated])] = group_by_date(events)
    assert (first, second) == (2021, 2024)
    assert [(r.source.id, r.publication, len(r.events)) for r in published.runs] == [
        ("2021-c", True, 1),
        ("2023-02-a", True, 1),
    ]
    assert [(r.source.id, r.publication, len(r.events)) for r in dated.runs] == [
        ("2023-08-15-b", False, 2),
        ("2023-02-a", False, 1),
        ("2023-08-15-b", False, 1),
    ]
    html = RENDERER.render("timeline-list", events=events, href=_href, heading=2, prefix="", drawing=None)
    assert html.count('<time datetime="2021">2021</time>') == 1
    assert html.count('<time datetime="2024">2024</time>') == 1
    assert html.count("Source B:") == 2  # two runs: Source A's claim comes between them


def test_the_svg_is_labelled_and_counts_the_events_per_period_each_bar_linking_to_its_section(tmp_path: Path) -> None:
    events = collect_events(load_fixture(tmp_path))
    drawing = draw_timeline(events)
    html = RENDERER.render("timeline", events=events, drawing=drawing, href=_href, heading=2, ident="timeline")
    root = ET.fromstring(html[html.index("<svg") : html.index("</svg>") + 6])
    assert root.get("role") is None  # holds links: role="img" would hide them (axe nested-interactive)
    assert root.get("aria-labelledby") == "timeline-title timeline-desc"
    # 2021 to 2024 is over three years: a bar per quarter
    assert root.find(f"{SVG}title").text == "Timeline of 6 dated events, 2021–2024, by quarter"
    links = root.findall(f"{SVG}a")
    assert [(a.get("href"), a.find(f"{SVG}text").text) for a in links] == [
        ("#quarter-2021-q1", "1"),
        ("#quarter-2023-q1", "1"),
        ("#quarter-2023-q3", "1"),
        ("#quarter-2024-q1", "2"),  # "2024" and "first half of 2024" both begin in it
        ("#quarter-2024-q3", "1"),
    ]
    assert links[3].find(f"{SVG}title").text == "first quarter of 2024: 2 events"
    heights = [float(a.findall(f"{SVG}rect")[1].get("height")) for a in links]
    assert heights == [60.0, 60.0, 60.0, 120.0, 60.0]
    # each bar's target is the first event of its period in the list
    assert re.findall(r'<li id="(quarter-[^"]+)">', html) == [a.get("href")[1:] for a in links]
    assert '<li id="quarter-2024-q1"><time datetime="2024">2024</time>' in html


def test_the_period_is_chosen_from_the_span_so_the_picture_stays_bounded(tmp_path: Path) -> None:
    events = collect_events(load_fixture(tmp_path))
    in_2024 = [e for e in events if e.date.year == 2024]
    month = draw_timeline(in_2024)
    assert month.unit == "month"
    assert [p.ident for p in month.periods] == ["month-2024-01", "month-2024-07"]
    many = [replace(e, date=PartialDate(2000 + i % 40, 1 + i % 12)) for i, e in enumerate(events * 500)]
    years = draw_timeline(many)
    assert years.unit == "year" and len(years.periods) == 40 and years.events == 3000
    assert sum(p.count for p in years.periods) == 3000


def test_timeline_page_is_an_index_page_with_one_section_per_year(tmp_path: Path) -> None:
    [page] = build_timeline_page(make_site(load_fixture(tmp_path), LAYOUT))
    assert page.in_nav
    assert [item.id for item in page.toc] == ["year-2021", "year-2023", "year-2024"]
    assert re.findall(r'<h2 id="(year-\d+)">', page.html) == ["year-2021", "year-2023", "year-2024"]
    assert page.html.index("<svg") < page.html.index('<h2 id="year-2021">')

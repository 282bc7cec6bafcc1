"""The cross-source pages: topics, timeline, disagreements, claims, notes, home blocks.

:func:`build_cross_pages` returns them as :class:`~.site.GeneratedPage`;
:func:`build_home_blocks` returns the HTML put in place of the
``<!-- dossier:<name> -->`` markers of the hand-written home page. Every page
here is an index: none inlines the text of a source, and the navigation lists
only the index pages.
"""

from __future__ import annotations

from collections.abc import Callable

from .markup import escape, render_inline, render_label
from .model import NOTE_KINDS, Dossier, Topic
from .render import language_name
from .site import GeneratedPage, Layout, TocItem, source_page_path, topic_page_path
from .timeline import collect_events, render_timeline, topic_colours
from .topics import (
    Comparison,
    collect_claims,
    compare_subjects,
    comparisons_by_claim,
    render_comparison,
    render_topic_claims,
    sources_on_topic,
)

__all__ = [
    "HOME_BLOCKS",
    "build_claims_index",
    "build_cross_pages",
    "build_disagreements_page",
    "build_home_blocks",
    "build_notes_index",
    "build_timeline_page",
    "build_topic_page",
]

HOME_BLOCKS = ("home-summary",)
"""The generated blocks of the home page, by marker name."""


def _href(layout: Layout, page: str) -> Callable[[str, str | None], str]:
    return lambda to, fragment=None: layout.href(page, to, fragment)


def _link(href: Callable[[str, str | None], str], to: str, text_html: str, fragment: str | None = None) -> str:
    return f'<a href="{escape(href(to, fragment))}">{text_html}</a>'


def build_topic_page(
    topic: Topic, dossier: Dossier, layout: Layout, comparisons: tuple[Comparison, ...]
) -> GeneratedPage:
    """A topic: summary, sources, claims by source, timeline, and where sources disagree."""
    page = topic_page_path(topic.id)
    href = _href(layout, page)
    sources = sources_on_topic(topic, dossier)
    source_items = "".join(
        f"<li>{_link(href, source_page_path(s.id), escape(s.title))} <small>({escape(s.date.label)})</small></li>"
        for s in sources
    )
    claim_keys = {r.key for r in collect_claims(dossier, topic.id)}
    mine = [c for c in comparisons if any(r.key in claim_keys for r in c.refs)]
    differ = [c for c in mine if c.status != "agree"]
    agree = [c for c in mine if c.status == "agree"]
    parts = [
        f"<h1>{escape(topic.title)}</h1>",
        f'<p class="dx-summary">{render_inline(topic.summary)}</p>',
        '<h2 id="sources">Sources</h2>',
        f"<ul>{source_items}</ul>" if sources else "<p>No source touches this topic yet.</p>",
        '<h2 id="claims">Claims</h2>',
        render_topic_claims(topic, dossier, comparisons_by_claim(comparisons), href),
        '<h2 id="timeline">Timeline</h2>',
        render_timeline(
            collect_events(dossier, topic.id), topic_colours(dossier.topics), dossier.topics, href, 3, "topic-timeline"
        ),
        '<h2 id="disagreements">Where sources disagree</h2>',
        "".join(render_comparison(c, href) for c in differ) or "<p>No disagreement between sources on this topic.</p>",
    ]
    toc = [TocItem(2, "sources", "Sources"), TocItem(2, "claims", "Claims"), TocItem(2, "timeline", "Timeline")]
    toc.append(TocItem(2, "disagreements", "Where sources disagree"))
    if agree:
        parts.append('<h2 id="corroborated">Where sources agree</h2>')
        parts.append("".join(render_comparison(c, href) for c in agree))
        toc.append(TocItem(2, "corroborated", "Where sources agree"))
    return GeneratedPage(path=page, title=topic.title, html="".join(parts), toc=tuple(toc))


def build_timeline_page(dossier: Dossier, layout: Layout) -> GeneratedPage:
    """Every dated event, drawn then listed by year."""
    page = "timeline.md"
    events = collect_events(dossier)
    html = (
        "<h1>Timeline</h1><p>Every source's publication and every dated claim, in order. "
        "Dates keep their precision: a month is shown as a month, a half-year as a half-year.</p>"
        + render_timeline(events, topic_colours(dossier.topics), dossier.topics, _href(layout, page))
    )
    years = sorted({e.date.year for e in events})
    toc = tuple(TocItem(2, f"year-{y}", str(y)) for y in years)
    return GeneratedPage(path=page, title="Timeline", html=html, toc=toc, in_nav=True)


def build_disagreements_page(dossier: Dossier, layout: Layout, comparisons: tuple[Comparison, ...]) -> GeneratedPage:
    """Every subject reported by several claims: disagreements first, then the rest."""
    page = "disagreements.md"
    href = _href(layout, page)
    parts = [
        "<h1>Disagreements</h1>",
        "<p>Claims that report the same subject are compared: figures after normalising their "
        "magnitude (300 000, 300,000 and “300 mille” are one value) within one unit, dates at their "
        "precision (2024 and the first half of 2024 agree).</p>",
    ]
    toc = []
    sections = (
        ("disagree", "Where sources disagree"),
        ("incomparable", "Not directly comparable"),
        ("agree", "Corroborated"),
    )
    for status, title in sections:
        found = [c for c in comparisons if c.status == status]
        if not found and status != "disagree":
            continue
        ident = f"status-{status}"
        parts.append(f'<h2 id="{ident}">{title}</h2>')
        toc.append(TocItem(2, ident, title))
        parts.append("".join(render_comparison(c, href) for c in found) or "<p>No disagreement found.</p>")
        toc += [TocItem(3, c.anchor, c.subject) for c in found]
    return GeneratedPage(path=page, title="Disagreements", html="".join(parts), toc=tuple(toc), in_nav=True)


def build_claims_index(dossier: Dossier, layout: Layout, comparisons: tuple[Comparison, ...]) -> GeneratedPage:
    """All claims in one table."""
    page = "claims.md"
    href = _href(layout, page)
    topics = dossier.topic_map
    compared = comparisons_by_claim(comparisons)
    rows = []
    for ref in collect_claims(dossier):
        claim, source = ref.claim, ref.source
        comparison = compared.get(ref.key)
        status = (
            _link(href, "disagreements.md", escape(comparison.status_label), comparison.anchor) if comparison else ""
        )
        topic_links = ", ".join(
            _link(href, topic_page_path(t), escape(topics[t].title if t in topics else t)) for t in claim.topics
        )
        rows.append(
            f"<tr><td>{_link(href, source_page_path(source.id), escape(source.title))}</td>"
            f"<td>{_link(href, source_page_path(source.id), render_label(claim.claim), claim.anchor)}</td>"
            f"<td>{escape(ref.figure)}</td><td>{topic_links}</td><td>{status}</td></tr>"
        )
    html = (
        f"<h1>All claims</h1><p>{len(rows)} claims from {len(dossier.sources)} sources.</p>"
        '<table class="dx-table"><thead><tr><th>Source</th><th>Claim</th><th>Figure or date</th>'
        f"<th>Topics</th><th>Comparison</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return GeneratedPage(path=page, title="All claims", html=html, in_nav=True)


def build_notes_index(dossier: Dossier, layout: Layout) -> GeneratedPage:
    """All translation notes grouped by kind: how these texts were garbled."""
    page = "notes.md"
    href = _href(layout, page)
    parts = ["<h1>Translation notes</h1><p>Every passage the translations or the scraping garbled, by kind.</p>"]
    toc = []
    for kind, label in NOTE_KINDS.items():
        items = [
            f'<li><q lang="{escape(s.language or "und")}">{escape(n.quote)}</q> — {escape(n.english)}. '
            f"{render_inline(n.explanation)} "
            f"<small>({_link(href, source_page_path(s.id), escape(s.title), n.anchor)})</small></li>"
            for s in dossier.sources
            for n in s.notes
            if n.kind == kind
        ]
        if not items:
            continue
        parts.append(f'<h2 id="kind-{kind}">{escape(label)}</h2><ul class="dx-glossary">{"".join(items)}</ul>')
        toc.append(TocItem(2, f"kind-{kind}", label))
    if not toc:
        parts.append("<p>No translation note yet.</p>")
    return GeneratedPage(path=page, title="Translation notes", html="".join(parts), toc=tuple(toc), in_nav=True)


def build_cross_pages(dossier: Dossier, layout: Layout) -> list[GeneratedPage]:
    """Topic pages, the timeline, disagreements, and the claim and note indexes."""
    comparisons = compare_subjects(dossier)
    pages = [build_topic_page(t, dossier, layout, comparisons) for t in dossier.topics]
    pages.append(build_timeline_page(dossier, layout))
    pages.append(build_disagreements_page(dossier, layout, comparisons))
    pages.append(build_claims_index(dossier, layout, comparisons))
    pages.append(build_notes_index(dossier, layout))
    return pages


def build_home_blocks(dossier: Dossier, layout: Layout) -> dict[str, str]:
    """The HTML of each generated block of the home page, by marker name."""
    href = _href(layout, "index.md")
    comparisons = compare_subjects(dossier)
    claims = sum(len(s.claims) for s in dossier.sources)
    notes = sum(len(s.notes) for s in dossier.sources)
    disagree = sum(1 for c in comparisons if c.status == "disagree")
    rows = "".join(
        f"<tr><td>{escape(s.date.label)}</td><td>{_link(href, source_page_path(s.id), escape(s.title))}</td>"
        f"<td>{escape(s.publisher or '')}</td>"
        f"<td>{escape(language_name(s.translated_from or s.language))}</td>"
        f"<td>{len(s.claims)}</td><td>{len(s.notes)}</td></tr>"
        for s in dossier.sources
    )
    links = [
        ("sources/index.md", "Sources"),
        ("topics/index.md", "Topics"),
        ("timeline.md", "Timeline"),
        ("disagreements.md", "Disagreements"),
        ("claims.md", "All claims"),
        ("notes.md", "Translation notes"),
    ]
    summary = (
        '<div class="dx-home">'
        f'<p class="dx-counts">{len(dossier.sources)} sources · {claims} claims · {notes} translation notes · '
        f"{len(dossier.topics)} topics · {disagree} disagreement{'s' if disagree != 1 else ''} between sources</p>"
        '<table class="dx-table"><thead><tr><th>Date</th><th>Title</th><th>Publisher or origin</th>'
        "<th>Original language</th><th>Claims</th><th>Notes</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f'<ul class="dx-home-links">{"".join(f"<li>{_link(href, to, label)}</li>" for to, label in links)}</ul>'
        "</div>"
    )
    return {"home-summary": summary}

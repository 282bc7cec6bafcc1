"""The cross-source pages: topics, timeline, disagreements, claims, notes, home blocks.

:func:`build_cross_pages` returns them as :class:`~.site.GeneratedPage`;
:func:`build_home_blocks` returns the HTML put in place of the
``<!-- dossier:<name> -->`` markers of the hand-written home page. Every page
here is an index: none inlines the text of a source, and the navigation lists
only the index pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from .dates import year_span
from .markup import escape, render_inline, render_label
from .model import NOTE_KINDS, Dossier, Note, Source, Topic
from .paging import (
    CLAIMS_PER_PAGE,
    COMPARISON_ROWS_PER_PAGE,
    COMPARISONS_PER_PAGE,
    EVENTS_PER_PAGE,
    HOME_SOURCES,
    NOTES_PER_PAGE,
    TOPIC_CLAIMS_PER_PAGE,
    TOPIC_COMPARISONS,
    TOPIC_EVENTS,
    TOPIC_SOURCES,
    chunk,
    page_path,
    page_title,
    render_more,
    render_pager,
)
from .render import original_language_name
from .site import GeneratedPage, Layout, Rendered, TocItem, build_paged, source_page_path, topic_page_path
from .timeline import TimelineEvent, collect_events, render_timeline, topic_colours
from .topics import (
    ClaimRef,
    Comparison,
    ComparisonIndex,
    collect_claims,
    compare_subjects,
    has_own_page,
    index_comparisons,
    list_comparisons,
    render_comparison,
    render_topic_claims,
    sources_on_topic,
    subject_page_path,
)

__all__ = [
    "HOME_BLOCKS",
    "build_claims_index",
    "build_cross_pages",
    "build_disagreements_page",
    "build_home_blocks",
    "build_notes_index",
    "build_subject_pages",
    "build_timeline_page",
    "build_topic_page",
]

HOME_BLOCKS = ("home-summary",)
"""The generated blocks of the home page, by marker name."""

Href = Callable[[str, str | None], str]
Toc = tuple[TocItem, ...]


def _href(layout: Layout, page: str) -> Href:
    return lambda to, fragment=None: layout.href(page, to, fragment)


def _link(href: Href, to: str, text_html: str, fragment: str | None = None) -> str:
    return f'<a href="{escape(href(to, fragment))}">{text_html}</a>'


def _topic_comparisons(comparisons: Sequence[Comparison], href: Href, empty: str) -> str:
    """The first comparisons of a topic, then a link to the disagreements pages for the rest."""
    shown = "".join(render_comparison(c, href) for c in comparisons[:TOPIC_COMPARISONS])
    more = render_more(TOPIC_COMPARISONS, len(comparisons), "subjects", _link(href, "disagreements.md", "all of them"))
    return shown + more or empty


def build_topic_page(
    topic: Topic,
    dossier: Dossier,
    layout: Layout,
    comparisons: tuple[Comparison, ...],
    index: ComparisonIndex | None = None,
) -> list[GeneratedPage]:
    """A topic: summary, sources, claims by source (continued on further pages when many),
    timeline, and where sources disagree."""
    index = index or index_comparisons(comparisons)
    page = topic_page_path(topic.id)
    runs = chunk(collect_claims(dossier, topic.id), TOPIC_CLAIMS_PER_PAGE)
    pages = [
        GeneratedPage(path=page, title=topic.title, render=partial(_render_topic, topic, dossier, layout, index, runs))
    ]
    for number, run in enumerate(runs[1:], start=2):
        name = page_title(f"{topic.title}: claims", number, len(runs))
        render = partial(_render_topic_claims, layout, index, page, name, run, number, len(runs))
        pages.append(GeneratedPage(path=page_path(page, number), title=name, render=render, searchable=False))
    return pages


def _render_topic_claims(
    layout: Layout, index: ComparisonIndex, base: str, name: str, run: Sequence[ClaimRef], number: int, count: int
) -> Rendered:
    """A continuation page of a topic's claims."""
    href = _href(layout, page_path(base, number))
    pager = render_pager(href, base, number, count)
    html = f"<h1>{escape(name)}</h1>{pager}{render_topic_claims(run, index.by_claim, index.listed, href)}{pager}"
    return html, ()


def _render_topic(
    topic: Topic, dossier: Dossier, layout: Layout, index: ComparisonIndex, runs: list[Sequence[ClaimRef]]
) -> Rendered:
    """The first page of a topic, ``runs`` being its claims a page at a time."""
    compared, listed = index.by_claim, index.listed
    page = topic_page_path(topic.id)
    href = _href(layout, page)
    sources = sources_on_topic(topic, dossier)
    source_items = "".join(
        f"<li>{_link(href, source_page_path(s.id), escape(s.title))} <small>({escape(s.date.label)})</small></li>"
        for s in sources[:TOPIC_SOURCES]
    )
    more_sources = render_more(TOPIC_SOURCES, len(sources), "sources", "the others are in the claims and the "
                               + _link(href, "sources/index.md", "list of all sources"))  # fmt: skip
    total = sum(len(run) for run in runs)
    mine = [c for c in index.comparisons if topic.id in index.topics[c.subject]]
    differ = [c for c in mine if c.status != "agree"]
    agree = [c for c in mine if c.status == "agree"]
    events = collect_events(dossier, topic.id)
    if len(events) <= TOPIC_EVENTS:
        timeline = render_timeline(events, topic_colours(dossier.topics), dossier.topics, href, 3, "topic-timeline")
    else:
        timeline = (
            f"<p>{len(events)} dated events on this topic, too many to draw here: "
            f"they are on the {_link(href, 'timeline.md', 'timeline')}.</p>"
        )
    pager = render_pager(href, page, 1, len(runs))
    parts = [
        f"<h1>{escape(topic.title)}</h1>",
        f'<p class="dx-summary">{render_inline(topic.summary)}</p>',
        '<h2 id="sources">Sources</h2>',
        f"<ul>{source_items}</ul>{more_sources}" if sources else "<p>No source touches this topic yet.</p>",
        '<h2 id="claims">Claims</h2>',
        render_more(len(runs[0]), total, "claims", "the others are on the next pages") + pager,
        render_topic_claims(runs[0], compared, listed, href) + pager,
        '<h2 id="timeline">Timeline</h2>',
        timeline,
        '<h2 id="disagreements">Where sources disagree</h2>',
        _topic_comparisons(differ, href, "<p>No disagreement between sources on this topic.</p>"),
    ]
    toc = [TocItem(2, "sources", "Sources"), TocItem(2, "claims", "Claims"), TocItem(2, "timeline", "Timeline")]
    toc.append(TocItem(2, "disagreements", "Where sources disagree"))
    if agree:
        parts.append('<h2 id="corroborated">Where sources agree</h2>')
        parts.append(_topic_comparisons(agree, href, ""))
        toc.append(TocItem(2, "corroborated", "Where sources agree"))
    return "".join(parts), tuple(toc)


def build_timeline_page(dossier: Dossier, layout: Layout) -> list[GeneratedPage]:
    """Every dated event, drawn then listed by year, a page at a time."""
    colours = topic_colours(dossier.topics)

    def body(events: Sequence[TimelineEvent], href: Href) -> tuple[str, Toc]:
        years = sorted({e.date.year for e in events})
        toc = tuple(TocItem(2, f"year-{y}", str(y)) for y in years)
        return render_timeline(events, colours, dossier.topics, href), toc

    intro = (
        "<p>Every source's publication and every dated claim, in order. "
        "Dates keep their precision: a month is shown as a month, a half-year as a half-year.</p>"
    )
    return build_paged(layout, "timeline.md", "Timeline", intro, collect_events(dossier), EVENTS_PER_PAGE, body)


def build_disagreements_page(
    dossier: Dossier, layout: Layout, comparisons: tuple[Comparison, ...]
) -> list[GeneratedPage]:
    """Every subject reported by several claims: disagreements first, then the rest."""
    titles = {"disagree": "Where sources disagree", "incomparable": "Not directly comparable", "agree": "Corroborated"}
    ranked = [c for c, _ in list_comparisons(comparisons)]
    none_disagree = not any(c.status == "disagree" for c in comparisons)

    def body(found: Sequence[Comparison], href: Href) -> tuple[str, Toc]:
        parts: list[str] = []
        toc: list[TocItem] = []
        first = not found or found[0] is ranked[0]
        for status, title in titles.items():
            mine = [c for c in found if c.status == status]
            if not mine and not (status == "disagree" and none_disagree and first):
                continue
            ident = f"status-{status}"
            parts.append(f'<h2 id="{ident}">{title}</h2>')
            toc.append(TocItem(2, ident, title))
            parts.append("".join(render_comparison(c, href) for c in mine) or "<p>No disagreement found.</p>")
            toc += [TocItem(3, c.anchor, c.subject) for c in mine]
        return "".join(parts), tuple(toc)

    intro = (
        "<p>Claims that report the same subject are compared: figures after normalising their "
        "magnitude (300 000, 300,000 and “300 mille” are one value) within one unit, dates at their "
        "precision (2024 and the first half of 2024 agree).</p>"
    )
    return build_paged(layout, "disagreements.md", "Disagreements", intro, ranked, COMPARISONS_PER_PAGE, body)


def build_subject_pages(layout: Layout, comparisons: tuple[Comparison, ...]) -> list[GeneratedPage]:
    """A page (or several) for each comparison too long to show in full where it is listed."""
    pages = []
    for comparison in comparisons:
        if not has_own_page(comparison):
            continue

        def body(refs: Sequence[ClaimRef], href: Href, comparison: Comparison = comparison) -> tuple[str, Toc]:
            return render_comparison(comparison, href, 2, refs), ()

        intro = f"<p>{len(comparison.refs)} claims report this subject.</p>"
        title = f"Subject {comparison.subject}"
        base = subject_page_path(comparison.subject)
        pages += build_paged(layout, base, title, intro, comparison.refs, COMPARISON_ROWS_PER_PAGE, body, False, False)
    return pages


def build_claims_index(
    dossier: Dossier, layout: Layout, comparisons: tuple[Comparison, ...], index: ComparisonIndex | None = None
) -> list[GeneratedPage]:
    """All claims in one table, a page at a time."""
    topics = dossier.topic_map
    index = index or index_comparisons(comparisons)
    compared, listed = index.by_claim, index.listed
    refs = collect_claims(dossier)

    def body(run: Sequence[ClaimRef], href: Href) -> tuple[str, Toc]:
        rows = []
        for ref in run:
            claim, source = ref.claim, ref.source
            comparison = compared.get(ref.key)
            status = (
                _link(href, listed[comparison.subject], escape(comparison.status_label), comparison.anchor)
                if comparison
                else ""
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
            '<table class="dx-table"><thead><tr><th>Source</th><th>Claim</th><th>Figure or date</th>'
            f"<th>Topics</th><th>Comparison</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )
        return html, ()

    intro = f"<p>{len(refs)} claims from {len(dossier.sources)} sources.</p>"
    return build_paged(layout, "claims.md", "All claims", intro, refs, CLAIMS_PER_PAGE, body, searchable=False)


def build_notes_index(dossier: Dossier, layout: Layout) -> list[GeneratedPage]:
    """All translation notes grouped by kind: how these texts were garbled; a page at a time."""
    order = {kind: i for i, kind in enumerate(NOTE_KINDS)}
    notes = sorted(((s, n) for s in dossier.sources for n in s.notes), key=lambda sn: order[sn[1].kind])

    def body(run: Sequence[tuple[Source, Note]], href: Href) -> tuple[str, Toc]:
        parts = []
        toc = []
        for kind, label in NOTE_KINDS.items():
            items = [
                f'<li><q lang="{escape(s.language or "und")}">{escape(n.quote)}</q> — {escape(n.english)}. '
                f"{render_inline(n.explanation)} "
                f"<small>({_link(href, source_page_path(s.id), escape(s.title), n.anchor)})</small></li>"
                for s, n in run
                if n.kind == kind
            ]
            if not items:
                continue
            parts.append(f'<h2 id="kind-{kind}">{escape(label)}</h2><ul class="dx-glossary">{"".join(items)}</ul>')
            toc.append(TocItem(2, f"kind-{kind}", label))
        if not toc:
            parts.append("<p>No translation note yet.</p>")
        return "".join(parts), tuple(toc)

    counts = dossier.count_notes()
    intro = f"<p>{_plural(counts.damage, 'passage')} the translations or the scraping garbled, by kind."
    if counts.glosses:
        intro += (
            f" Then, under “{escape(NOTE_KINDS['gloss'])}”, {_plural(counts.glosses, 'gloss', 'glosses')}: passages"
            " in correct French, explained for readers without French; they are not damage."
        )
    intro += "</p>"
    return build_paged(layout, "notes.md", "Translation notes", intro, notes, NOTES_PER_PAGE, body, searchable=False)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def build_cross_pages(dossier: Dossier, layout: Layout, index: ComparisonIndex | None = None) -> list[GeneratedPage]:
    """Topic pages, the timeline, disagreements and subjects, and the claim and note indexes."""
    index = index or index_comparisons(compare_subjects(dossier))
    comparisons = index.comparisons
    pages = [page for t in dossier.topics for page in build_topic_page(t, dossier, layout, comparisons, index)]
    pages += build_timeline_page(dossier, layout)
    pages += build_disagreements_page(dossier, layout, comparisons)
    pages += build_subject_pages(layout, comparisons)
    pages += build_claims_index(dossier, layout, comparisons, index)
    pages += build_notes_index(dossier, layout)
    return pages


def _published(dossier: Dossier) -> str:
    """`` published 2021–2023``: the years of the sources' dates, computed, never written by hand."""
    span = year_span(s.date for s in dossier.sources)
    return f" published {span}" if span else ""


def build_home_blocks(dossier: Dossier, layout: Layout) -> dict[str, str]:
    """The HTML of each generated block of the home page, by marker name."""
    href = _href(layout, "index.md")
    comparisons = compare_subjects(dossier)
    claims = sum(len(s.claims) for s in dossier.sources)
    counts = dossier.count_notes()
    disagree = sum(1 for c in comparisons if c.status == "disagree")
    rows = "".join(
        f"<tr><td>{escape(s.date.label)}</td><td>{_link(href, source_page_path(s.id), escape(s.title))}</td>"
        f"<td>{escape(s.publisher or '')}</td>"
        f"<td>{escape(original_language_name(s))}</td>"
        f"<td>{len(s.claims)}</td><td>{len(s.notes)}</td></tr>"
        for s in dossier.sources[:HOME_SOURCES]
    )
    more = render_more(HOME_SOURCES, len(dossier.sources), "sources", _link(href, "sources/index.md", "all of them"))
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
        f'<p class="dx-counts">{len(dossier.sources)} sources{_published(dossier)} · {claims} claims · '
        f"{counts.damage} translation notes · {_plural(counts.glosses, 'gloss', 'glosses')} · "
        f"{len(dossier.topics)} topics · {_plural(disagree, 'disagreement')} between sources</p>"
        '<table class="dx-table"><thead><tr><th>Date</th><th>Title</th><th>Publisher or origin</th>'
        "<th>Original language</th><th>Claims</th><th>Notes</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{more}"
        f'<ul class="dx-home-links">{"".join(f"<li>{_link(href, to, label)}</li>" for to, label in links)}</ul>'
        "</div>"
    )
    return {"home-summary": summary}

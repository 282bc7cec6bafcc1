"""The cross-source pages: the sources and topics indexes, topics, timeline, disagreements,
claims, notes, home blocks.

:func:`build_cross_pages` returns them as :class:`~.generated.GeneratedPage`;
:func:`build_home_blocks` returns the HTML put in place of the
``<!-- dossier:<name> -->`` markers of the hand-written home page. Every page
here is an index: none inlines the text of a source, and the navigation lists
only the index pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby

from .dates import year_span
from .generated import GeneratedPage, Rendered, Site, TocItem, prepared
from .model import NOTE_KINDS, Note, Source, Topic
from .paging import (
    COMPARISON_ROWS_PER_PAGE,
    COMPARISONS_PER_PAGE,
    EVENTS_PER_PAGE,
    FINDINGS_PER_PAGE,
    NOTES_PER_PAGE,
    PROVENANCE_CHAINS_PER_PAGE,
    PROVENANCE_DRAWN,
    SOURCES_PER_PAGE,
    TOPIC_CLAIMS_PER_PAGE,
    TOPIC_EVENTS,
    chunk,
    page_title,
)
from .paths import (
    DISAGREEMENTS_PAGE,
    FINDINGS_PAGE,
    HOME_PAGE,
    NOTES_PAGE,
    PROVENANCE_PAGE,
    READING_GUIDE,
    SOURCES_INDEX,
    TIMELINE_PAGE,
    TOPICS_INDEX,
    page_path,
    subject_page_path,
    topic_page_path,
)
from .provenance import draw_provenance
from .timeline import TimelineEvent, draw_timeline
from .topics import STATUS_LABELS, ClaimRef, Comparison, has_own_page, list_comparisons

__all__ = [
    "HOME_BLOCKS",
    "build_cross_pages",
    "build_disagreements_page",
    "build_findings_page",
    "build_home_blocks",
    "build_notes_index",
    "build_paged",
    "build_provenance_page",
    "build_sources_index",
    "build_subject_pages",
    "build_timeline_page",
    "build_topic_page",
    "build_topics_index",
]

HOME_BLOCKS = ("home-summary",)
"""The generated blocks of the home page, by marker name."""

Href = Callable[..., str]
"""``href(page_path, fragment=None)``: a link from the page being built."""
Toc = tuple[TocItem, ...]
Body = Callable[[Sequence, Href], Rendered]
"""Renders one page's run of items with that page's ``href``: HTML and table of contents."""


def _paragraph(text: str) -> str:
    """A paragraph written over several lines of code, on one line: its words separated by single spaces."""
    return " ".join(text.split())


def _href(site: Site, page: str) -> Href:
    return partial(site.layout.href, page)


READING_GUIDE_SECTION = TocItem(2, READING_GUIDE, "How to read a source page")
"""The section of the sources index's first page (``reading-guide.html``) that says how a source page
reads: what its marks and numbers mean. Every source page links to it, instead of each saying it."""


def _render_run(
    site: Site,
    base: str,
    name: str,
    intro: str,
    body: Body,
    run: Sequence,
    number: int,
    count: int,
    guide: bool = False,
) -> Rendered:
    """Page ``number`` of ``count`` of a list: its heading, pagers and body (with the reading guide
    after them on the first page, when ``guide``: the list comes first, the guide is a section of its own)."""
    href = _href(site, page_path(base, number))
    html, toc = body(run, href)
    after = ""
    if guide and number == 1:
        after = site.renderer.render("reading-guide", guide=READING_GUIDE_SECTION)
        toc = (*toc, READING_GUIDE_SECTION)
    page = site.renderer.render(
        "list-page", name=name, intro=intro, body=html, after=after, href=href, base=base, number=number, count=count
    )
    return str(page), toc


def build_paged(
    site: Site,
    base: str,
    title: str,
    intro: str,
    items: Sequence,
    per_page: int,
    body: Body,
    in_nav: bool = True,
    searchable: bool = True,
    guide: bool = False,
) -> list[GeneratedPage]:
    """A list over as many pages as it needs: ``base`` (with ``intro``, a paragraph of text, in the navigation
    when ``in_nav``, searchable when ``searchable``, with the reading guide when ``guide``), then
    ``<base>/page-2.md``…, each with links to the previous and next, left out of search."""
    runs = chunk(items, per_page)
    pages = []
    for number, run in enumerate(runs, start=1):
        name = page_title(title, number, len(runs))
        render = partial(_render_run, site, base, name, intro, body, run, number, len(runs), guide)
        first = number == 1
        pages.append(
            GeneratedPage(
                path=page_path(base, number),
                title=name,
                render=render,
                in_nav=in_nav and first,
                searchable=searchable and first,
            )
        )
    return pages


_NO_TOPIC_CLAIM = "No claim is filed under this topic yet."


def _claims_context(site: Site, refs: Sequence[ClaimRef], href: Href, heading: int = 3, empty: str = "") -> dict:
    """What the ``claims-by-source`` template reads: ``refs`` grouped by source."""
    groups = [list(run) for _, run in groupby(refs, key=lambda r: r.source.id)]
    return {"groups": groups, "heading": heading, "empty": empty or _NO_TOPIC_CLAIM, "href": href,
            "topics": site.topics}  # fmt: skip


def build_topic_page(topic: Topic, site: Site) -> list[GeneratedPage]:
    """A topic: summary, sources, claims by source (continued on further pages when many),
    timeline, and where sources disagree."""
    page = topic_page_path(topic.id)
    runs = chunk(site.analysis.claims_by_topic.get(topic.id, ()), TOPIC_CLAIMS_PER_PAGE)
    pages = [GeneratedPage(path=page, title=topic.title, render=partial(_render_topic, topic, site, runs))]
    for number, run in enumerate(runs[1:], start=2):
        name = page_title(f"{topic.title}: claims", number, len(runs))
        render = partial(_render_topic_claims, site, page, name, run, number, len(runs))
        pages.append(GeneratedPage(path=page_path(page, number), title=name, render=render, searchable=False))
    return pages


def _render_topic_claims(
    site: Site, base: str, name: str, run: Sequence[ClaimRef], number: int, count: int
) -> Rendered:
    """A continuation page of a topic's claims."""
    href = _href(site, page_path(base, number))
    body = site.renderer.render("claims-by-source", **_claims_context(site, run, href))
    html = site.renderer.render(
        "list-page", name=name, intro="", body=body, after="", href=href, base=base, number=number, count=count
    )
    return str(html), ()


def _render_topic(topic: Topic, site: Site, runs: list[Sequence[ClaimRef]]) -> Rendered:
    """The first page of a topic, ``runs`` being its claims a page at a time."""
    analysis, renderer = site.analysis, site.renderer
    page = topic_page_path(topic.id)
    href = _href(site, page)
    mine = [c for c in analysis.comparisons if topic.id in analysis.index.topics[c.subject]]
    agree = [c for c in mine if c.status not in {"disagree", "incomparable"}]
    agree_title = "Where sources agree"
    if any(c.status == "series" for c in agree):
        agree_title += " or values change over time"
    events = analysis.events_by_topic.get(topic.id, ())
    too_many = len(events) > TOPIC_EVENTS
    html = renderer.render(
        "topic",
        topic=topic,
        sources=analysis.sources_by_topic.get(topic.id, ()),
        claims_shown=len(runs[0]),
        claims_total=sum(len(run) for run in runs),
        pager=renderer.render("pager", href=href, base=page, number=1, count=len(runs)),
        events=events,
        too_many_events=too_many,
        drawing=None if too_many else draw_timeline(events),
        differ=[c for c in mine if c.status in {"disagree", "incomparable"}],
        agree=agree,
        agree_title=agree_title,
        **_claims_context(site, runs[0], href),
    )
    toc = [TocItem(2, "sources", "Sources"), TocItem(2, "claims", "Claims"), TocItem(2, "timeline", "Timeline")]
    toc.append(TocItem(2, "disagreements", "Where sources disagree"))
    if agree:
        toc.append(TocItem(2, "corroborated", agree_title))
    return str(html), tuple(toc)


def build_timeline_page(site: Site) -> list[GeneratedPage]:
    """Every dated event, drawn then listed by year, a page at a time."""

    def body(events: Sequence[TimelineEvent], href: Href) -> tuple[str, Toc]:
        years = sorted({e.date.year for e in events})
        toc = tuple(TocItem(2, f"year-{y}", str(y)) for y in years)
        html = site.renderer.render(
            "timeline",
            events=events,
            drawing=draw_timeline(events),
            href=href,
            heading=2,
            ident="timeline",
        )
        return html, toc

    intro = _paragraph(
        """
        Every source's publication and every dated claim, in order. Dates keep their precision: a month is shown as a
        month, a half-year as a half-year.
        """
    )
    events = site.analysis.events
    return build_paged(site, TIMELINE_PAGE, "Timeline", intro, events, EVENTS_PER_PAGE, body)


@dataclass(frozen=True)
class _Section:
    """The comparisons of one outcome on a page of the disagreements."""

    status: str
    title: str
    comparisons: list[Comparison]


def build_disagreements_page(site: Site) -> list[GeneratedPage]:
    """Every subject reported by several claims: disagreements first, then the rest."""
    comparisons = site.analysis.comparisons
    titles = {**STATUS_LABELS, "disagree": "Where sources disagree", "agree": "Corroborated"}
    ranked = [c for c, _ in list_comparisons(comparisons)]
    none_disagree = not any(c.status == "disagree" for c in comparisons)

    def body(found: Sequence[Comparison], href: Href) -> tuple[str, Toc]:
        sections: list[_Section] = []
        toc: list[TocItem] = []
        first = not found or found[0] is ranked[0]
        for status, title in titles.items():
            mine = [c for c in found if c.status == status]
            if not mine and not (status == "disagree" and none_disagree and first):
                continue
            sections.append(_Section(status, title, mine))
            toc.append(TocItem(2, f"status-{status}", title))
            toc += [TocItem(3, c.anchor, c.title) for c in mine]
        return site.renderer.render("disagreements", sections=sections, href=href), tuple(toc)

    intro = _paragraph(
        """
        Claims that report the same subject are compared: figures after normalising their magnitude (300 000, 300,000
        and “300 mille” are one value) within one unit, dates at their precision (2024 and the first half of 2024
        agree), answers by category. For a subject whose value changes over time, values at different dates form a
        series; agreement counts as corroboration only from independent origins. What the editor found on each subject
        is on the findings page.
        """
    )
    return build_paged(site, DISAGREEMENTS_PAGE, "Disagreements", intro, ranked, COMPARISONS_PER_PAGE, body)


def build_findings_page(site: Site) -> list[GeneratedPage]:
    """What the sources establish: every subject by its question, with its finding and answers."""

    def body(entries: Sequence, href: Href) -> tuple[str, Toc]:
        toc = (TocItem(2, "subjects", "Subjects"), *(TocItem(3, e.anchor, e.subject.title) for e in entries))
        return site.renderer.render("findings", entries=entries, href=href), toc

    intro = _paragraph(
        """
        Every subject the claims answer, by its question: what the editor found, and the answers the sources give, each
        with the independent origins behind it (sources that relay one origin count once).
        """
    )
    subjects = site.analysis.subjects
    return build_paged(site, FINDINGS_PAGE, "What the sources establish", intro, subjects, FINDINGS_PER_PAGE, body)


def build_provenance_page(site: Site) -> list[GeneratedPage]:
    """Where each source comes from: the graph of origins (drawn when small enough), then every chain."""
    provenance = site.analysis.provenance
    drawing = draw_provenance(provenance)
    too_many = len(drawing.nodes) > PROVENANCE_DRAWN
    chains = [(s, provenance.chains[s.id]) for s in site.dossier.sources]
    head = chains[0] if chains else None  # what the body reads of the list: its first page's starts with it

    def body(run: Sequence, href: Href) -> tuple[str, Toc]:
        first = not run or run[0] is head
        shown = drawing if first and not too_many else None
        html = site.renderer.render("provenance", drawing=shown, too_many=first and too_many, chains=run, href=href)
        return html, (TocItem(2, "chains", "Each source's chain"),)

    intro = _paragraph(
        """
        Where each text comes from, as far as the sources and the editor can tell: the outside origin or the other
        source it derives from, and how (translation, machine translation, republication, rewrite). Sources that share
        an origin, or a text on the way (one site that two translations come from), relay it: their agreement is not
        counted as corroboration.
        """
    )
    return build_paged(site, PROVENANCE_PAGE, "Provenance", intro, chains, PROVENANCE_CHAINS_PER_PAGE, body)


def build_subject_pages(site: Site) -> list[GeneratedPage]:
    """A page (or several) for each comparison too long to show in full where it is listed."""
    pages = []
    for comparison in site.analysis.comparisons:
        if not has_own_page(comparison):
            continue

        def body(refs: Sequence[ClaimRef], href: Href, comparison: Comparison = comparison) -> tuple[str, Toc]:
            return site.renderer.render("comparison", comparison=comparison, href=href, heading=2, rows=refs), ()

        intro = f"{len(comparison.refs)} claims report this subject."
        title = comparison.title
        base = subject_page_path(comparison.subject)
        pages += build_paged(site, base, title, intro, comparison.refs, COMPARISON_ROWS_PER_PAGE, body, False, False)
    return pages


@dataclass(frozen=True)
class _NoteGroup:
    """The notes of one kind on a page of the notes index, by source (each source once)."""

    kind: str
    label: str
    sources: list[tuple[Source, list[Note]]]


def _by_source(notes: Iterable[tuple[Source, Note]]) -> list[tuple[Source, list[Note]]]:
    """``(source, note)`` pairs as each source once with its notes (the sources in their order)."""
    runs = [list(run) for _, run in groupby(notes, key=lambda sn: sn[0].id)]
    return [(run[0][0], [note for _, note in run]) for run in runs]


def build_notes_index(site: Site) -> list[GeneratedPage]:
    """All translation notes grouped by kind: how these texts were garbled; a page at a time."""
    order = {kind: i for i, kind in enumerate(NOTE_KINDS)}
    notes = sorted(((s, n) for s in site.dossier.sources for n in s.notes), key=lambda sn: order[sn[1].kind])

    def body(run: Sequence[tuple[Source, Note]], href: Href) -> tuple[str, Toc]:
        groups = [
            _NoteGroup(kind, label, _by_source(n for n in run if n[1].kind == kind))
            for kind, label in NOTE_KINDS.items()
        ]
        groups = [g for g in groups if g.sources]
        toc = tuple(TocItem(2, f"kind-{g.kind}", g.label) for g in groups)
        return site.renderer.render("notes-index", groups=groups, href=href), toc

    counts = site.dossier.count_notes()
    intro = f"{_plural(counts.damage, 'passage')} the translations or the scraping garbled, by kind."
    if counts.glosses:
        intro += (
            f" Then, under “{NOTE_KINDS['gloss']}”, {_plural(counts.glosses, 'gloss', 'glosses')}: passages"
            " in correct French, explained for readers without French; they are not damage."
        )
    title = "Translation notes"
    return build_paged(site, NOTES_PAGE, title, intro, notes, NOTES_PER_PAGE, body, searchable=False)


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def build_sources_index(site: Site) -> list[GeneratedPage]:
    """The list of all sources."""

    def body(sources: Sequence[Source], href: Href) -> tuple[str, Toc]:
        return site.renderer.render("sources-table", sources=sources, href=href, summaries=False), ()

    return build_paged(site, SOURCES_INDEX, "Sources", "", site.dossier.sources, SOURCES_PER_PAGE, body, guide=True)


def build_topics_index(site: Site) -> GeneratedPage:
    """The list of all topics."""
    html = site.renderer.render(
        "topics-index",
        topic_list=site.dossier.topics,
        claims=site.analysis.claims_by_topic,
        href=_href(site, TOPICS_INDEX),
    )
    return GeneratedPage(path=TOPICS_INDEX, title="Topics", render=prepared(str(html)), in_nav=True)


def build_cross_pages(site: Site) -> list[GeneratedPage]:
    """The sources index, topic pages, the timeline, disagreements and subjects, the notes index and
    the topics index. Every claim is listed on the page of each of its topics (a claim has one at
    least), so there is no index of all claims besides them."""
    pages = build_sources_index(site)
    pages += [page for t in site.dossier.topics for page in build_topic_page(t, site)]
    pages += build_timeline_page(site)
    pages += build_disagreements_page(site)
    pages += build_subject_pages(site)
    pages += build_provenance_page(site)
    pages += build_findings_page(site)
    pages += build_notes_index(site)
    pages.append(build_topics_index(site))
    return pages


def build_home_blocks(site: Site) -> dict[str, str]:
    """The HTML of each generated block of the home page, by marker name."""
    dossier = site.dossier
    summary = site.renderer.render(
        "home-summary",
        dossier=dossier,
        claims=sum(len(s.claims) for s in dossier.sources),
        notes=dossier.count_notes(),
        published=year_span(s.date for s in dossier.sources),
        disagreements=len(site.analysis.disagreements),
        href=_href(site, HOME_PAGE),
    )
    return {"home-summary": str(summary)}

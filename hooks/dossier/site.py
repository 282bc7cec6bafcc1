"""The generated pages of the site and the links between them.

:class:`Layout` turns a page's source path (``sources/x.md``) into its URL and
computes relative links, as MkDocs would with or without directory URLs.
:func:`build_pages` returns every generated page as a :class:`GeneratedPage`:
a title, where it sits, and how to render its prepared HTML and table of
contents. Pages render when asked (:func:`render_page`), so a site generator can
hold one page's HTML at a time however large the dossier. Only index pages are
meant for the navigation, so no page grows with the number of sources.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from .contribute import render_annotate_block
from .markup import escape, render_inline
from .model import Claim, Dossier, Source, Topic
from .paging import RELATED_SOURCES, SOURCES_PER_PAGE, chunk, page_path, page_title, render_pager
from .problems import Problem
from .render import (
    language_statement,
    marks_of,
    original_language_name,
    render_annotated_text,
    render_claim_item,
    render_note_item,
    render_problems,
)
from .topics import (
    ClaimRef,
    compare_subjects,
    comparison_target,
    index_comparisons,
    related_sources,
    render_comparison_note,
    render_related,
)

__all__ = [
    "GeneratedPage",
    "Layout",
    "Rendered",
    "TocItem",
    "build_paged",
    "build_pages",
    "build_source_page",
    "prepared",
    "render_page",
    "source_page_path",
]


@dataclass(frozen=True)
class TocItem:
    """A heading of a generated page."""

    level: int
    """2 for a section, 3 for a subsection."""

    id: str
    """The heading's element id."""

    title: str
    """The heading's text."""


Rendered = tuple[str, tuple[TocItem, ...]]
"""A rendered page body: prepared HTML starting with its ``<h1>``, and its sections."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the dossier, ready for the site generator."""

    path: str
    """Source path of the page, as the generator sees it: ``sources/x.md``."""

    title: str
    """Plain-text title."""

    render: Callable[[], Rendered] = field(repr=False, compare=False)
    """Renders the page body and its sections, each time it is called (see :func:`render_page`)."""

    edit_path: str | None = None
    """The file to edit to change the page, relative to the project root."""

    in_nav: bool = False
    """Whether the navigation lists it (index pages only)."""

    searchable: bool = True
    """Whether the site's search indexes it. Claims and notes are found on their source's
    page; pages that only list them again (the claims and notes indexes, subject pages,
    the continuation pages of every list) are left out, so each appears once in results."""

    @property
    def html(self) -> str:
        """The page body, prepared HTML, starting with its ``<h1>`` (rendered on each use)."""
        return self.render()[0]

    @property
    def toc(self) -> tuple[TocItem, ...]:
        """Its sections (rendered on each use)."""
        return self.render()[1]


def prepared(html: str, toc: Sequence[TocItem] = ()) -> Callable[[], Rendered]:
    """The ``render`` of a small page rendered at once."""
    rendered = (html, tuple(toc))
    return lambda: rendered


def render_page(page: GeneratedPage) -> Rendered:
    """Render a page's body and sections: the engine's work for one page, done when the
    generator writes it."""
    return page.render()


@dataclass(frozen=True)
class Layout:
    """Where pages end up and how they link to each other."""

    directory_urls: bool = True
    """``sources/x.md`` → ``sources/x/`` (True) or ``sources/x.html`` (False)."""

    repo_url: str | None = None
    """The repository, for "Improve this annotation" links."""

    repo_branch: str = "main"
    """The branch those links point at."""

    def url(self, path: str) -> str:
        """The URL of a page, relative to the site root."""
        return _page_url(path, self.directory_urls)

    def href(self, from_path: str, to: str, fragment: str | None = None) -> str:
        """A relative link from one page to another page (``.md``) or file."""
        target = _page_url(to, self.directory_urls) if to.endswith(".md") else to
        rel = _relative(target, _page_dir(from_path, self.directory_urls))
        if rel == "./" and fragment:
            rel = ""
        return rel + (f"#{fragment}" if fragment else "")

    def repo_file(self, path: str) -> str | None:
        """The address of a repository file, when the repository is known."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/blob/{self.repo_branch}/{path}"


@lru_cache(maxsize=1 << 16)
def _page_url(path: str, directory_urls: bool) -> str:
    """The URL of a page (``sources/x.md``) relative to the site root."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"  # index pages too: "./" would list the folder under file://
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


@lru_cache(maxsize=1 << 16)
def _page_dir(path: str, directory_urls: bool) -> str:
    """The folder a page's links are relative to, relative to the site root."""
    base = _page_url(path, directory_urls)
    return base if base.endswith("/") or not base else posixpath.dirname(base) + "/"


@lru_cache(maxsize=1 << 18)
def _relative(target: str, base_dir: str) -> str:
    """``target`` relative to ``base_dir`` (both relative to the site root, without ``.`` or ``..``
    segments), as ``posixpath.relpath`` would give it, keeping a folder's trailing slash."""
    to = [part for part in target.split("/") if part]
    base = [part for part in base_dir.split("/") if part]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + to[common:]) or "."
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def source_page_path(source_id: str) -> str:
    """The page of a source."""
    return f"sources/{source_id}.md"


def topic_page_path(topic_id: str) -> str:
    """The page of a topic."""
    return f"topics/{topic_id}.md"


@dataclass
class _Site:
    dossier: Dossier
    layout: Layout
    topics: dict[str, Topic] = field(init=False)

    def __post_init__(self) -> None:
        self.topics = self.dossier.topic_map

    def topic_link(self, page: str, topic_id: str) -> str:
        topic = self.topics.get(topic_id)
        title = topic.title if topic else topic_id
        return f'<a href="{escape(self.layout.href(page, topic_page_path(topic_id)))}">{escape(title)}</a>'


def _meta_row(label: str, value_html: str) -> str:
    return f"<dt>{escape(label)}</dt><dd>{value_html}</dd>"


def _basis(text: str | None) -> str:
    return f' <span class="dx-basis">({render_inline(text)})</span>' if text else ""


def _date_html(source: Source) -> str:
    date = source.date
    when = escape(date.label)
    if date.period is None:
        when = f'<time datetime="{date.iso}">{when}</time>'
    if source.date_basis:
        return when + _basis(source.date_basis)
    if source.date_origin == "marker":
        return when + ' <span class="dx-basis">(from the date marker at the start of the scraped text)</span>'
    return when


def _legend() -> str:
    return (
        '<div class="admonition info dx-legend"><p class="admonition-title">How to read this page</p>'
        '<p><mark class="dx dx-claim">Highlighted passages</mark> are <strong>claims</strong>: '
        "facts, figures and plans, numbered C1, C2… "
        '<span class="dx dx-note">Underlined passages</span> carry <strong>translation notes</strong>: '
        "mistranslations, untranslated or garbled passages, idioms, numbered N1, N2… "
        "Each number links to its entry in the lists under the text, and each entry links back; "
        "with JavaScript, hovering a passage or focusing its number shows the entry.</p></div>"
    )


def build_source_page(
    source: Source, site: _Site, related_html: str = "", claim_extra: Callable[[Claim], str] | None = None
) -> GeneratedPage:
    """The annotated page of one source; ``claim_extra`` adds HTML to each claim's entry."""
    return GeneratedPage(
        path=source_page_path(source.id),
        title=source.title,
        render=partial(render_source_page, source, site, related_html, claim_extra),
        edit_path=source.annotation_path or source.path,
    )


def render_source_page(
    source: Source, site: _Site, related_html: str = "", claim_extra: Callable[[Claim], str] | None = None
) -> Rendered:
    """The body and sections of a source's page."""
    layout = site.layout
    page = source_page_path(source.id)
    marks = marks_of(source)
    by_anchor = {m.anchor: m for m in marks}
    rows = [_meta_row("Published", _date_html(source))]
    if source.publisher:
        rows.append(_meta_row("Origin", escape(source.publisher) + _basis(source.publisher_basis)))
    rows.append(_meta_row("Language", escape(language_statement(source)) + _basis(source.translation_basis)))
    if source.topics:
        rows.append(_meta_row("Topics", ", ".join(site.topic_link(page, t) for t in source.topics)))
    if source.url:
        rows.append(
            _meta_row("Original", f'<a href="{escape(source.url)}" rel="nofollow noopener">{escape(source.url)}</a>')
        )
    files = [f'<a href="{escape(layout.href(page, source.path))}" type="text/plain">Raw text</a>']
    edit = layout.repo_file(source.annotation_path or source.path)
    if edit:
        label = "Improve this annotation" if source.annotated else "Annotate this source"
        files.insert(0, f'<a href="{escape(edit)}">{label}</a>')
    rows.append(_meta_row("Files", " · ".join(files)))

    parts = [f"<h1>{escape(source.title)}</h1>"]
    if source.problems:
        parts.append(render_problems(source.problems))
    parts.append(f'<dl class="dx-meta">{"".join(rows)}</dl>')
    if not source.annotated:
        parts.append(
            '<div class="admonition note"><p class="admonition-title">Not yet annotated</p>'
            "<p>This source has no annotation file yet: its text is shown as received.</p></div>"
        )
    elif marks:
        parts.append(_legend())
    toc = [TocItem(2, "text", "Text")]
    parts.append('<h2 id="text">Text</h2>')
    # The annotate form's data (contribute.py): one block before the text.
    parts.append(render_annotate_block(source, site.dossier.topics, layout.repo_url, layout.repo_branch))
    parts.append(render_annotated_text(source, marks))
    if source.notes:
        toc.append(TocItem(2, "translation-notes", "Translation notes"))
        items = "".join(render_note_item(n, by_anchor[n.anchor], source) for n in source.notes)
        parts.append(f'<h2 id="translation-notes">Translation notes</h2><ol class="dx-list dx-notes">{items}</ol>')
    if source.claims:
        toc.append(TocItem(2, "claims", "Claims"))
        items = "".join(
            render_claim_item(
                c,
                by_anchor[c.anchor],
                source,
                lambda t: site.topic_link(page, t),
                claim_extra(c) if claim_extra else "",
            )
            for c in source.claims
        )
        parts.append(f'<h2 id="claims">Claims</h2><ol class="dx-list dx-claims">{items}</ol>')
    if related_html:
        toc.append(TocItem(2, "related", "Related sources"))
        parts.append(related_html)
    return "".join(parts), tuple(toc)


def build_failed_source_page(slug: str, problems: Sequence[Problem]) -> GeneratedPage:
    """The page of a source that cannot be shown at all (serve mode only)."""
    return GeneratedPage(
        path=source_page_path(slug),
        title=slug,
        render=prepared(f"<h1>{escape(slug)}</h1>" + render_problems(problems)),
    )


Body = Callable[[Sequence, Callable[[str, str | None], str]], Rendered]
"""Renders one page's run of items with that page's ``href``: HTML and table of contents."""


def _render_run(
    layout: Layout, base: str, name: str, intro: str, body: Body, run: Sequence, number: int, count: int
) -> Rendered:
    """Page ``number`` of ``count`` of a list: its heading, pagers and body."""
    path = page_path(base, number)

    def href(to: str, fragment: str | None = None) -> str:
        return layout.href(path, to, fragment)

    html, toc = body(run, href)
    pager = render_pager(href, base, number, count)
    head = f"<h1>{escape(name)}</h1>" + (intro if number == 1 else "")
    return head + pager + html + pager, toc


def build_paged(
    layout: Layout,
    base: str,
    title: str,
    intro: str,
    items: Sequence,
    per_page: int,
    body: Body,
    in_nav: bool = True,
    searchable: bool = True,
) -> list[GeneratedPage]:
    """A list over as many pages as it needs: ``base`` (with ``intro``, in the navigation when
    ``in_nav``, searchable when ``searchable``), then ``<base>/page-2.md``…, each with links to
    the previous and next, left out of search."""
    runs = chunk(items, per_page)
    pages = []
    for number, run in enumerate(runs, start=1):
        name = page_title(title, number, len(runs))
        render = partial(_render_run, layout, base, name, intro, body, run, number, len(runs))
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


def build_sources_index(dossier: Dossier, layout: Layout) -> list[GeneratedPage]:
    """The list of all sources."""

    def body(sources: Sequence[Source], href: Callable[[str, str | None], str]) -> tuple[str, tuple[TocItem, ...]]:
        rows = "".join(
            "<tr>"
            f'<td>{escape(s.date.label)}</td><td><a href="{escape(href(source_page_path(s.id), None))}">'
            f"{escape(s.title)}</a></td><td>{escape(s.publisher or '')}</td>"
            f"<td>{escape(original_language_name(s))}</td>"
            f"<td>{len(s.claims)}</td><td>{len(s.notes)}</td></tr>"
            for s in sources
        )
        return (
            '<table class="dx-table"><thead><tr><th>Date</th><th>Title</th><th>Publisher or origin</th>'
            "<th>Original language</th><th>Claims</th><th>Notes</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        ), ()

    return build_paged(layout, "sources/index.md", "Sources", "", dossier.sources, SOURCES_PER_PAGE, body)


def build_topics_index(dossier: Dossier, layout: Layout) -> GeneratedPage:
    """The list of all topics."""
    page = "topics/index.md"
    counts: dict[str, int] = defaultdict(int)
    for source in dossier.sources:
        for claim in source.claims:
            for topic in claim.topics:
                counts[topic] += 1
    items = "".join(
        f'<li><a href="{escape(layout.href(page, topic_page_path(t.id)))}">{escape(t.title)}</a> '
        f"({counts[t.id]} claims) — {render_inline(t.summary)}</li>"
        for t in dossier.topics
    )
    return GeneratedPage(path=page, title="Topics", render=prepared(f"<h1>Topics</h1><ul>{items}</ul>"), in_nav=True)


def _problems_by_slug(dossier: Dossier) -> dict[str, list[Problem]]:
    shown = {s.id for s in dossier.sources}
    failed: dict[str, list[Problem]] = defaultdict(list)
    for problem in dossier.problems:
        stem = posixpath.splitext(posixpath.basename(problem.path))[0]
        is_source_file = problem.path.endswith((".txt", ".yml")) and not problem.path.endswith("/topics.yml")
        if problem.path.startswith("sources/") and stem not in shown and is_source_file:
            failed[stem].append(problem)
    return failed


def build_pages(dossier: Dossier, layout: Layout) -> list[GeneratedPage]:
    """Every generated page of the site."""
    from .pages import build_cross_pages  # here, as pages.py builds on this module

    site = _Site(dossier, layout)
    index = index_comparisons(compare_subjects(dossier))
    related = related_sources(dossier, RELATED_SOURCES + 1)
    pages = []
    for source in dossier.sources:
        page = source_page_path(source.id)

        def href(to: str, fragment: str | None = None, page: str = page) -> str:
            return layout.href(page, to, fragment)

        def extra(claim: Claim, source: Source = source, href=href) -> str:
            comparison = index.by_claim.get((source.id, claim.id))
            if not comparison:
                return ""
            full = comparison_target(comparison, index.listed)
            return render_comparison_note(comparison, ClaimRef(source, claim), href, full)

        pages.append(build_source_page(source, site, render_related(related[source.id], site.topics, href), extra))
    pages += [build_failed_source_page(slug, probs) for slug, probs in _problems_by_slug(dossier).items()]
    pages += build_sources_index(dossier, layout)
    pages += build_cross_pages(dossier, layout, index)
    pages.append(build_topics_index(dossier, layout))
    return pages

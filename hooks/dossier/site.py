"""The pages of the sources, and every generated page of the site.

:func:`build_pages` returns every generated page as a
:class:`~.generated.GeneratedPage`: a title, where it sits, and how to render its
prepared HTML and table of contents: the source pages built here, the others by
:mod:`.pages`. Only index pages are meant for the navigation, so no page grows
with the number of sources.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial

from .generated import GeneratedPage, Rendered, Site, TocItem, prepared
from .markup import escape, render_inline
from .model import Claim, Dossier, Source
from .pages import build_cross_pages
from .paths import source_page_path, topic_page_path
from .problems import Problem
from .render import (
    language_name,
    marks_of,
    render_annotated_text,
    render_claim_item,
    render_note_item,
    render_problems,
)
from .topics import ClaimRef, comparison_target, render_comparison_note, render_related

__all__ = ["build_pages", "build_source_page", "render_source_page"]


def _topic_link(site: Site, page: str, topic_id: str) -> str:
    topic = site.topics.get(topic_id)
    title = topic.title if topic else topic_id
    return f'<a href="{escape(site.layout.href(page, topic_page_path(topic_id)))}">{escape(title)}</a>'


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
    source: Source, site: Site, related_html: str = "", claim_extra: Callable[[Claim], str] | None = None
) -> GeneratedPage:
    """The annotated page of one source; ``claim_extra`` adds HTML to each claim's entry."""
    return GeneratedPage(
        path=source_page_path(source.id),
        title=source.title,
        render=partial(render_source_page, source, site, related_html, claim_extra),
        edit_path=source.annotation_path or source.path,
    )


def render_source_page(
    source: Source, site: Site, related_html: str = "", claim_extra: Callable[[Claim], str] | None = None
) -> Rendered:
    """The body and sections of a source's page."""
    layout = site.layout
    page = source_page_path(source.id)
    marks = marks_of(source)
    by_anchor = {m.anchor: m for m in marks}
    rows = [_meta_row("Published", _date_html(source))]
    if source.publisher:
        rows.append(_meta_row("Origin", escape(source.publisher) + _basis(source.publisher_basis)))
    language = escape(language_name(source.language))
    if source.translated_from:
        language += f", machine-translated from {escape(language_name(source.translated_from))}"
    rows.append(_meta_row("Language", language + _basis(source.translation_basis)))
    if source.topics:
        rows.append(_meta_row("Topics", ", ".join(_topic_link(site, page, t) for t in source.topics)))
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
                lambda t: _topic_link(site, page, t),
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


def _problems_by_slug(dossier: Dossier) -> dict[str, list[Problem]]:
    shown = {s.id for s in dossier.sources}
    failed: dict[str, list[Problem]] = defaultdict(list)
    for problem in dossier.problems:
        stem = posixpath.splitext(posixpath.basename(problem.path))[0]
        is_source_file = problem.path.endswith((".txt", ".yml")) and not problem.path.endswith("/topics.yml")
        if problem.path.startswith("sources/") and stem not in shown and is_source_file:
            failed[stem].append(problem)
    return failed


def build_pages(site: Site) -> list[GeneratedPage]:
    """Every generated page of the site."""
    dossier, layout = site.dossier, site.layout
    index = site.analysis.index
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

        related = render_related(site.analysis.related[source.id], site.topics, href)
        pages.append(build_source_page(source, site, related, extra))
    pages += [build_failed_source_page(slug, probs) for slug, probs in _problems_by_slug(dossier).items()]
    pages += build_cross_pages(site)
    return pages

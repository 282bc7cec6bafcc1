"""The pages of the sources, and every generated page of the site.

:func:`build_pages` returns every generated page as a
:class:`~.generated.GeneratedPage`: a title, where it sits, and how to render its
prepared HTML and table of contents: the source pages built here, the others by
:mod:`.pages`. Only index pages are meant for the navigation, so no page grows
with the number of sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from markupsafe import Markup

from .contribute import LISTS_PATH, annotate_data
from .export import build_claim_reviews
from .findings import Standing
from .generated import GeneratedPage, Rendered, Site, TocItem, prepared
from .markup import json_script
from .model import Source
from .pages import build_cross_pages
from .paging import NOTE_OTHERS
from .paths import source_page_path
from .problems import Problem
from .render import marks_of, render_annotated_text
from .topics import RelatedSource, other_claims

__all__ = ["badge_standings", "build_pages", "build_source_page", "comparison_notes", "render_source_page"]


def build_source_page(source: Source, site: Site, related: Sequence[RelatedSource] = ()) -> GeneratedPage:
    """The annotated page of one source, with its ``related`` sources."""
    return GeneratedPage(
        path=source_page_path(source.id),
        title=source.title,
        render=partial(render_source_page, source, site, related),
        edit_path=source.annotation_path or source.path,
    )


def comparison_notes(source: Source, site: Site) -> dict[str, Markup]:
    """The "other sources say" line (``comparison-note.html``) of each claim of ``source`` that takes
    part in a comparison, by claim id.

    The claims of a comparison mostly show the same first few others, and every source page sits at
    the same depth, so their links read the same from any of them: the line is rendered once per
    build for each distinct context (the comparison, those others, and the page when one of them is
    on it) (:attr:`~.generated.Site.fragments`) and reused on every page that shows it.
    """
    index, found = site.analysis.index, {}
    href = partial(site.layout.href, source_page_path(source.id))
    for claim in source.claims:
        comparison = index.by_claim.get((source.id, claim.id))
        if comparison is None:
            continue
        others = other_claims(comparison, claim, NOTE_OTHERS)
        if len(comparison.refs) - 1 > len(others):  # counted, not named: the same line for every claim
            key: tuple[object, ...] = ("comparison-note", comparison.subject)
        else:
            here = source.id if any(r.source.id == source.id for r in others) else None  # links within the page
            key = ("comparison-note", comparison.subject, tuple(r.key for r in others), here)
        note = site.fragments.get(key)
        if note is None:
            note = site.fragments[key] = site.renderer.render(
                "comparison-note", comparison=comparison, others=others, href=href, listed=index.listed
            )
        found[claim.id] = note
    return found


def badge_standings(source: Source, site: Site) -> dict[str, Standing]:
    """The standing each claim of ``source`` shows as a badge, by claim id: said once. A verdict is
    always a badge. Otherwise a claim that takes part in a comparison shows none: the comparison's
    line beside it names the outcome ("Sources disagree", "Corroborated", "Relayed, not
    corroborated"…), which is the claim's standing, except in a series, where a claim stands as the
    claims of its own date do, so it keeps its badge."""
    standing, by_claim, shown = site.analysis.standing, site.analysis.index.by_claim, {}
    for claim in source.claims:
        found = standing.get((source.id, claim.id))
        if found is None:
            continue
        comparison = by_claim.get((source.id, claim.id))
        if claim.verdict is not None or comparison is None or comparison.status == "series":
            shown[claim.id] = found
    return shown


def render_source_page(source: Source, site: Site, related: Sequence[RelatedSource] = ()) -> Rendered:
    """The body and sections of a source's page."""
    layout = site.layout
    page = source_page_path(source.id)
    marks = marks_of(source)
    html = site.renderer.render(
        "source",
        source=source,
        text=render_annotated_text(source, marks),
        marks={m.anchor: m for m in marks},
        edit=layout.repo_file(source.annotation_path or source.path),
        related=related,
        href=(href := partial(layout.href, page)),
        topics=site.topics,
        topic_links=site.renderer.topic_links(href, site.topics),
        subjects=site.subjects,
        chains=site.analysis.provenance.chains,
        reliability=site.analysis.provenance.reliability.get(source.id),
        standings=badge_standings(source, site),
        reviews=None if (reviews := build_claim_reviews(source, layout)) is None else json_script(reviews),
        compare_notes=comparison_notes(source, site),
        annotate=annotate_data(source, href(LISTS_PATH), layout.repo_url, layout.repo_branch),
    )
    toc = [TocItem(2, "text", "Text")]
    if source.notes:
        toc.append(TocItem(2, "translation-notes", "Translation notes"))
    if source.claims:
        toc.append(TocItem(2, "claims", "Claims"))
    if related:
        toc.append(TocItem(2, "related", "Related sources"))
    return str(html), tuple(toc)


def build_failed_source_page(site: Site, slug: str, problems: Sequence[Problem]) -> GeneratedPage:
    """The page of a source that cannot be shown at all (serve mode only)."""
    html = site.renderer.render("failed-source", slug=slug, problems=problems)
    return GeneratedPage(path=source_page_path(slug), title=slug, render=prepared(str(html)))


def build_pages(site: Site) -> list[GeneratedPage]:
    """Every generated page of the site."""
    dossier = site.dossier
    pages = [build_source_page(s, site, site.analysis.related[s.id]) for s in dossier.sources]
    pages += [build_failed_source_page(site, failed.id, failed.problems) for failed in dossier.failed]
    pages += build_cross_pages(site)
    return pages

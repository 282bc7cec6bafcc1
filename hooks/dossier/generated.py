"""What a generated page is (:class:`GeneratedPage`, its sections :class:`TocItem`, how it renders)
and what pages are made from (:class:`Site`: the dossier, its analysis, the layout and the templates of one build).

Pages render when asked (:func:`render_page`), so a site generator can hold one
page's HTML at a time however large the dossier.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from .analysis import Analysis, analyse
from .model import Dossier, Subject, Topic
from .paths import Layout
from .templates import Renderer

__all__ = ["GeneratedPage", "Rendered", "Site", "TocItem", "make_site", "prepared", "render_page"]


@dataclass(frozen=True)
class Site:
    """What the pages of one build are made from.

    Attributes:
        dossier: The loaded dossier.
        analysis: Its analysis, computed once for the build.
        layout: Where pages sit and how they link.
        renderer: The templates of the build.
    """

    dossier: Dossier
    analysis: Analysis
    layout: Layout
    renderer: Renderer

    @cached_property
    def topics(self) -> dict[str, Topic]:
        """The topics by id."""
        return self.dossier.topic_map

    @cached_property
    def subjects(self) -> dict[str, Subject]:
        """The subjects by id."""
        return self.dossier.subject_map

    @cached_property
    def fragments(self) -> dict[tuple, Markup]:
        """Fragments shown alike on several pages, rendered once for the build, by what they depend on
        (at most one per claim of the dossier); they go with the site, so with the build."""
        return {}


def make_site(
    dossier: Dossier, layout: Layout, analysis: Analysis | None = None, renderer: Renderer | None = None
) -> Site:
    """The site of one build; ``analysis`` when already computed (else analysed here), ``renderer``
    when the site overrides templates (else the shipped templates)."""
    analysis = analysis if analysis is not None else analyse(dossier)
    return Site(dossier, analysis, layout, renderer if renderer is not None else Renderer())


@dataclass(frozen=True)
class TocItem:
    """A heading of a generated page.

    Attributes:
        level: 2 for a section, 3 for a subsection.
        id: The heading's element id.
        title: The heading's text.
    """

    level: int
    id: str
    title: str


Rendered = tuple[str, tuple[TocItem, ...]]
"""A rendered page body: prepared HTML starting with its ``<h1>``, and its sections."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the dossier, ready for the site generator.

    Attributes:
        path: Source path of the page, as the generator sees it: ``sources/x.md``.
        title: Plain-text title.
        render: Renders the page body and its sections, each time it is called (see :func:`render_page`).
        edit_path: The file to edit to change the page, relative to the project root.
        in_nav: Whether the navigation lists it (index pages only).
        searchable: Whether the site's search indexes it. Claims and notes are found on their source's page; pages that
            only list them again (the claims and notes indexes, subject pages, the continuation pages of every list) are
            left out, so each appears once in results.
    """

    path: str
    title: str
    render: Callable[[], Rendered] = field(repr=False, compare=False)
    edit_path: str | None = None
    in_nav: bool = False
    searchable: bool = True

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

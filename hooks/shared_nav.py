"""The theme's navigation (Material's ``partials/nav.html``) rendered once for the pages outside it
that read it alike, instead of once per page.

Material renders the whole navigation into every page; only the index pages are in the
dossier's, so the thousands of pages outside it (sources, topics, subjects…) show it with no
item active, and the pages of one folder read every one of its links alike. The navigation's
HTML depends on the page only through which of its items the page is (none, for these), its
links made relative to the page's folder (``url``), and ``base_url``. So a page outside the
navigation, with no page of the navigation below its own address, gets the navigation rendered
for the first such page of the same folder and kind of address: the same HTML, rendered once.
Any other page (in the navigation, the home page, a page above one of the navigation's) has it
rendered as Material does.

For one build: :func:`share_navigation` is given the build's template environment.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import TemplateNotFound

__all__ = ["NAV_TEMPLATE", "share_navigation"]

NAV_TEMPLATE = "partials/nav.html"
"""The theme's template of the navigation."""


def share_navigation(env: Any) -> None:
    """Make ``env``'s navigation template render once for each group of pages that read it alike."""
    try:
        template = env.get_template(NAV_TEMPLATE)
    except TemplateNotFound:  # a theme without that template: nothing to share
        return
    template.root_render_func = _shared(template.root_render_func)


def _shared(render: Callable[[Any], Iterator[str]]) -> Callable[[Any], Iterator[str]]:
    rendered: dict[tuple, str] = {}

    def root(context: Any) -> Iterator[str]:
        key = _reading(context)
        if key is None:
            yield from render(context)
            return
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = "".join(render(context))
        yield html

    return root


def _reading(context: Any) -> tuple | None:
    """What the navigation's HTML depends on for the page being rendered, or None when it must be
    rendered for that page alone."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or not hasattr(nav, "pages"):
        return None
    url = page.url
    if not url or page in nav.pages or any(item.url.startswith(url) for item in nav.pages):
        return None
    # The folder links are made relative to (MkDocs' get_relative_url): the page's own address when
    # it ends in a folder, else its parent; the page's own name is anonymous, as no link leads below it.
    name = posixpath.basename(url.rstrip("/"))
    return (context.get("base_url"), posixpath.dirname(url.rstrip("/")), url.endswith("/"), "." in name)

"""Parts of the theme's chrome (Material's navigation, search box, palette switch, repository link and
logo) rendered once for the pages outside the navigation that read them alike, instead of once per page.

Material renders the whole navigation into every page; only the index pages are in the
dossier's, so the thousands of pages outside it (sources, topics, subjects…) show it with no
item active, and the pages of one folder read every one of its links alike. The HTML of these
parts (:data:`SHARED`) depends on the page only through which item of the navigation the page is
(none, for these), their links made relative to the page's folder (``url``), and ``base_url``. So
a page outside the navigation, with no page of the navigation below its own address, gets each
part rendered for the first such page of the same folder and kind of address: the same HTML,
rendered once. Any other page (in the navigation, the home page, a page above one of the
navigation's) has them rendered as Material does. The header around them, which names the page,
is rendered for each.

For one build: :func:`share_chrome` is given the build's template environment.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import TemplateNotFound

__all__ = ["SHARED", "share_chrome"]

SHARED = (
    "partials/nav.html",
    "partials/search.html",
    "partials/palette.html",
    "partials/source.html",
    "partials/logo.html",
)
"""The theme's templates rendered once for the pages that read them alike: none reads the page but
through the navigation's items and links relative to it."""


def share_chrome(env: Any) -> None:
    """Make each of ``env``'s templates :data:`SHARED` render once for each group of pages that read it alike."""
    reading = _PageReading()
    for name in SHARED:
        try:
            template = env.get_template(name)
        except TemplateNotFound:  # a theme without that template: nothing to share
            continue
        template.root_render_func = _shared(template.root_render_func, reading)


class _PageReading:
    """:func:`_reading` of the page being rendered, worked out once for all its shared parts."""

    def __init__(self) -> None:
        self.page: object = None
        self.key: tuple | None = None

    def __call__(self, context: Any) -> tuple | None:
        page = context.get("page")
        if page is None or page is not self.page:
            self.page, self.key = page, _reading(context)
        return self.key


def _shared(
    render: Callable[[Any], Iterator[str]], reading: Callable[[Any], tuple | None]
) -> Callable[[Any], Iterator[str]]:
    rendered: dict[tuple, str] = {}

    def root(context: Any) -> Iterator[str]:
        key = reading(context)
        if key is None:
            yield from render(context)
            return
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = "".join(render(context))
        yield html

    return root


def _reading(context: Any) -> tuple | None:
    """What a shared part's HTML depends on for the page being rendered, or None when it must be
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

"""Safe HTML from untrusted text: escaping, and inline Markdown without HTML;
and the lighter rendition of prepared HTML that a search indexer reads.

Annotation fields may use inline Markdown (emphasis, code, links); raw HTML is
rejected by the loader and, as a second line of defence, never passed through
here: Markdown's HTML handling is switched off, images are not rendered and
links to anything but ``http(s):`` and ``mailto:`` lose their ``href``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree

import markdown
import markupsafe
from markdown.treeprocessors import Treeprocessor

__all__ = ["escape", "json_script", "render_inline", "render_label", "strip_links", "strip_phrasing"]

_PLAIN = re.compile(r"^[^*_`\[\]!\\&<>~]*$")
_EMPHASIS_ONLY = re.compile(r"^[^_`\[\]!\\&<>~\n]*$")
_STRONG = re.compile(r"(?<![^\s(])\*\*([^\s*](?:[^*]*[^\s*])?)\*\*(?![^\s.,;:?)])")
_EM = re.compile(r"(?<![^\s(])\*([^\s*](?:[^*]*[^\s*])?)\*(?![^\s.,;:?)])")
_SAFE_HREF = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_LINK_TAG = re.compile(r"</?a\b[^>]*>")
_PHRASING_TAG = re.compile(
    r"</?(?:a|abbr|b|bdi|bdo|cite|data|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|time|u|var)\b[^>]*>"
)
"""Opening and closing tags of phrasing elements that carry no text of their own, in HTML whose
attribute values are escaped (no ``>`` inside them), as every page of the engine's is."""
_KEPT_BLOCKS = {"empty", "paragraph", "reference"}
_DROPPED_INLINE = ("html", "image_link", "image_reference", "short_image_ref", "automail", "autolink")


try:  # markupsafe's own escaping of a string, in C, when it is built with its speedups
    from markupsafe._speedups import _escape_inner as _escape_text
except ImportError:  # pragma: no cover - markupsafe without its C extension

    def _escape_text(text: str) -> str:
        return (
            text.replace("&", "&amp;")
            .replace(">", "&gt;")
            .replace("<", "&lt;")
            .replace("'", "&#39;")
            .replace('"', "&#34;")
        )


def escape(text: str) -> str:
    """``text`` escaped for HTML content and attribute values, as the templates escape it
    (:func:`markupsafe.escape`, a plain string escaped without making a Markup of it first).
    The templates write a value through it each time: safe HTML (:class:`~markupsafe.Markup`) and a
    number come back as their text without passing through :func:`markupsafe.escape`, which would
    make two new strings of them."""
    kind = type(text)
    if kind is str:
        return _escape_text(text)
    if kind is markupsafe.Markup or kind is int:
        return str(text)
    return str(markupsafe.escape(text))


def json_script(data: object) -> markupsafe.Markup:
    r"""``data`` as JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` written as
    ``\u003c``, ``\u003e`` and ``\u0026``, so no text can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return markupsafe.Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_emphasis(text: str) -> str | None:
    """The fast path of :func:`render_inline` for text whose only markup is simple
    ``**strong**`` and ``*emphasis*``, or None when Markdown must decide."""
    if not _EMPHASIS_ONLY.match(text):
        return None
    out = _EM.sub(r"<em>\1</em>", _STRONG.sub(r"<strong>\1</strong>", escape(text.strip())))
    if "*" in out:
        return None
    return re.sub(r"\s*\n\s*\n\s*", "<br><br>", out).replace("\n", " ")


class _SafeLinks(Treeprocessor):
    """Drops unsafe link targets and marks outside links."""

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = link.get("href", "")
            if not _SAFE_HREF.match(href):
                link.attrib.pop("href", None)
            else:
                link.set("rel", "nofollow noopener")


def _build() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    for name in _DROPPED_INLINE:
        md.inlinePatterns.deregister(name)
    for name in [item.name for item in md.parser.blockprocessors._priority]:
        if name not in _KEPT_BLOCKS:
            md.parser.blockprocessors.deregister(name)
    md.treeprocessors.register(_SafeLinks(md), "dossier_safe_links", 0)
    return md


_MD = _build()


def render_inline(text: str) -> str:
    """Inline Markdown as HTML for use inside a paragraph; paragraphs become ``<br>``."""
    if _PLAIN.match(text):
        return re.sub(r"\s*\n\s*\n\s*", "<br><br>", escape(text.strip())).replace("\n", " ")
    fast = render_emphasis(text)
    if fast is not None:
        return fast
    _MD.reset()
    out = _MD.convert(text).strip()
    out = out.removeprefix("<p>").removesuffix("</p>")
    return re.sub(r"</p>\s*<p>", "<br><br>", out).replace("\n", " ")


def render_label(text: str) -> str:
    """:func:`render_inline` for use inside a link: the text's own links keep their
    words but lose their ``<a>`` (a link may not hold another). Every ``<`` left in
    the output is markup we wrote: the text's own is escaped."""
    return strip_links(render_inline(text))


def strip_links(inline_html: str) -> str:
    """``inline_html`` (from :func:`render_inline`) without its ``<a>`` tags, their words kept."""
    return _LINK_TAG.sub("", inline_html)


def strip_phrasing(prepared_html: str) -> str:
    """``prepared_html`` without its phrasing tags (links, marks, spans, quotes, emphasis…),
    their text kept in place: what a search indexer that splits pages at headings and keeps
    only block structure, code and sub/superscripts reads, at a fraction of the tags."""
    return _PHRASING_TAG.sub("", prepared_html)

"""Untrusted text becomes safe HTML: escaped, inline Markdown only, safe links only;
and the search rendition of a page indexes exactly as the page itself."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT
from material.plugins.search.plugin import Parser as SearchParser

from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.markup import escape, render_inline, render_label, strip_phrasing
from dossier.paths import Layout
from dossier.site import build_pages

sys.path.insert(0, str(ROOT / "bench"))
from synth import make_sources, write_dossier_site


def test_escape_content_and_attributes() -> None:
    assert escape('<a href="x">\'&') == "&lt;a href=&#34;x&#34;&gt;&#39;&amp;"


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("plain <b> & x", "plain &lt;b&gt; &amp; x"),
        ("  spaced\nlines  ", "spaced lines"),
        ("a\n\n b\nc", "a<br><br>b c"),
        ("*em* **strong** `code`", "<em>em</em> <strong>strong</strong> <code>code</code>"),
        ("*a*\n\nb", "<em>a</em><br><br>b"),
        ("[a](https://x.org)", '<a href="https://x.org" rel="nofollow noopener">a</a>'),
        ("[a](mailto:x@y.z)", '<a href="mailto:x@y.z" rel="nofollow noopener">a</a>'),
        ("a & b *c*", "a &amp; b <em>c</em>"),
        ("# title *x*", "# title <em>x</em>"),
        ("- list *x*", "- list <em>x</em>"),
        ("> quote *x*", "&gt; quote <em>x</em>"),
    ],
)
def test_render_inline(text: str, html: str) -> None:
    assert render_inline(text) == html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("[a](javascript:alert(1))", "<a>a</a>"),
        ("[a](JAVASCRIPT:alert(1))", "<a>a</a>"),
        ("[a](data:text/html,x)", "<a>a</a>"),
        ("![img](https://x/y.png)", "![img](https://x/y.png)"),
        ("<script>x</script> *a*", "&lt;script&gt;x&lt;/script&gt; <em>a</em>"),
        ("<img src=x onerror=alert(1)> *a*", "&lt;img src=x onerror=alert(1)&gt; <em>a</em>"),
        ("<https://x.org>", "&lt;https://x.org&gt;"),
        ('*a* [b](https://x.org "t\\" onclick=\\"x")', None),
    ],
)
def test_no_raw_html_and_no_unsafe_link(text: str, html: str | None) -> None:
    out = render_inline(text)
    if html is not None:
        assert out == html
    tags, attributes = _parse(out)
    assert tags <= {"a", "em", "strong", "code", "br"}
    assert attributes <= {"href", "rel", "title"}


def _parse(html: str) -> tuple[set[str], set[str]]:
    tags: set[str] = set()
    attributes: set[str] = set()

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.add(tag)
            attributes.update(name for name, _ in attrs)

    Parser().feed(html)
    return tags, attributes


def test_a_label_keeps_the_words_of_its_links_but_not_the_links() -> None:
    text = "See [the *report*](https://example.org/r) & [x](javascript:alert(1)) <a href=x>"
    assert render_label(text) == "See the <em>report</em> &amp; x &lt;a href=x&gt;"


def test_strip_phrasing_keeps_text_blocks_code_and_superscripts() -> None:
    html = (
        '<h2 id="text">Text</h2><p>Une <mark class="dx" id="c1"><a href="#x" title="a &gt; b">usine</a></mark>'
        '<sup><a href="#claim-1">C1</a></sup> <q lang="fr">à <em>Pékin</em></q> <code>x</code> '
        '<small><time datetime="2023">2023</time></small><span class="spacer"></span></p><ol><li>x</li></ol>'
    )
    assert strip_phrasing(html) == (
        '<h2 id="text">Text</h2><p>Une usine<sup>C1</sup> à Pékin <code>x</code> 2023</p><ol><li>x</li></ol>'
    )


def _indexed(html: str) -> list[tuple[str, str, str]]:
    """What the search plugin (Material's) makes of a page's HTML: its sections' ids, titles and texts."""
    parser = SearchParser()
    parser.feed(html)
    parser.close()
    return [(section.id or "", "".join(section.title), "".join(section.text)) for section in parser.data]


@pytest.mark.parametrize("dossier_of", ["real", pytest.param("synthetic", marks=pytest.mark.slow)])
def test_the_search_rendition_of_every_page_indexes_as_the_page(tmp_path: Path, dossier_of: str) -> None:
    if dossier_of == "real":
        dossier = load_dossier(ROOT, "sources")
    else:
        write_dossier_site(tmp_path, make_sources(40))
        dossier = load_dossier(tmp_path, "sources")
    assert not dossier.problems
    pages = [page for page in build_pages(make_site(dossier, Layout())) if page.searchable]
    assert len(pages) > len(dossier.sources)
    for page in pages:
        html = page.html
        assert _indexed(strip_phrasing(html)) == _indexed(html), page.path
        assert len(strip_phrasing(html)) < len(html), page.path

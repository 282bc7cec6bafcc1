"""Untrusted text becomes safe HTML: escaped, inline Markdown only, safe links only."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from dossier.markup import escape, render_inline, render_label


def test_escape_content_and_attributes() -> None:
    assert escape('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


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

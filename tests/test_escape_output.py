"""Templates write their values escaped exactly as markupsafe escapes them (dossier.templates, through
dossier.markup.escape)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from dossier.markup import escape as markup_escape
from dossier.templates import Renderer

escape_output = markup_escape  # what the templates write each value through


@given(st.text())
def test_a_string_is_escaped_as_markupsafe_escapes_it(text: str) -> None:
    assert escape_output(text) == str(escape(text))


def test_safe_html_numbers_and_objects_are_written_as_markupsafe_writes_them() -> None:
    class Html:
        def __html__(self) -> str:
            return "<b>kept</b>"

    for value in (Markup("<i>safe</i>"), 12, 1.5, None, Html(), ["<"]):
        assert escape_output(value) == escape(value)


def test_a_template_escapes_what_it_writes_and_keeps_safe_html() -> None:
    renderer = Renderer()
    html = renderer.render("topic-link", t="<x>", href=lambda to, fragment=None: f"{to}?a=1&b='2'", topics={})
    assert "&lt;x&gt;" in html
    assert "?a=1&amp;b=&#39;2&#39;" in html
    assert "<x>" not in html


@given(st.text())
def test_the_engine_escapes_text_as_the_templates_do(text: str) -> None:
    assert markup_escape(text) == str(escape(text))
    assert markup_escape(Markup(text)) == text

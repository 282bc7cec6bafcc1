"""The engine's templates: autoescaped, strict, compacted, and overridden by a site's ``custom_dir``."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import jinja2
import pytest
from conftest import write_dossier
from dossier_fixture import fixture_files
from markupsafe import Markup
from site_fixtures import write_fixture_project

from dossier.model import Topic
from dossier.problems import Problem
from dossier.templates import FRAGMENTS, SHIPPED, Renderer, single_quoted

PROBLEMS = [Problem("sources/x.yml", 1, 2, "Bad <b>")]


def test_every_shipped_template_compiles() -> None:
    renderer = Renderer()
    names = sorted(p.stem for p in (SHIPPED / FRAGMENTS).glob("*.html"))
    assert "claim" in names and "source" in names
    for name in names:
        assert isinstance(renderer.template(name), jinja2.Template)


def test_values_are_escaped_and_safe_html_is_kept() -> None:
    html = Renderer().render("failed-source", slug="<x>", problems=PROBLEMS)
    assert isinstance(html, Markup)
    assert html.startswith("<h1>&lt;x&gt;</h1><div class=")
    assert "<code>sources/x.yml:1:2: Bad &lt;b&gt;</code>" in html
    assert Renderer().render("list-page", name="N", intro="", body=Markup("<p>b</p>"), after="<i>", href=None,
                             base="x.md", number=1, count=1) == "<h1>N</h1><p>b</p>&lt;i&gt;"  # fmt: skip


def test_the_annotate_data_keeps_its_json_quotes_in_single_quoted_attributes() -> None:
    pairs = (("topics", '[["a","<b> & \'c\'"]]'), ("source", "s"))
    html = Renderer().render("annotate", annotate=pairs)
    assert html == (
        '<div class="dx-annotate" data-topics=\'[["a","&lt;b&gt; &amp; &#39;c&#39;"]]\' data-source=\'s\'></div>'
    )
    assert single_quoted("x'\"") == 'x&#39;"'


def test_an_undefined_name_is_an_error() -> None:
    with pytest.raises(jinja2.UndefinedError):
        Renderer().render("failed-source", slug="x")


def test_line_breaks_and_indentation_of_a_template_are_dropped(tmp_path: Path) -> None:
    folder = tmp_path / FRAGMENTS
    folder.mkdir(parents=True)
    (folder / "failed-source.html").write_text("<h1>\n    {{ slug }}{{ ' ' }}\n  </h1>\n", encoding="utf-8")
    assert Renderer(tmp_path).render("failed-source", slug="s", problems=[]) == "<h1>s </h1>"


def test_calls_reach_plain_functions_directly_and_marked_ones_with_their_context(tmp_path: Path) -> None:
    folder = tmp_path / FRAGMENTS
    folder.mkdir(parents=True)
    template = (
        "{% macro macro(n) %}<i>{{ n }}</i>{% endmacro %}"
        "{% for n in [1, 2] %}{{ plain(n, by=10) }} {{ bound(n) }} {{ wrapped(n) }} {{ named(n) }} "
        "{{ environmental(n) }}|{% endfor %}{{ stopped() is undefined }} {{ macro('<3') }}"
    )
    (folder / "failed-source.html").write_text(template, encoding="utf-8")

    def stopped() -> None:
        raise StopIteration

    html = Renderer(tmp_path).render(
        "failed-source",
        plain=lambda n, by: n * by,
        bound={1: "one", 2: "two"}.get,
        wrapped=partial(pow, 2),
        named=jinja2.pass_context(lambda context, n: f"{context['prefix']}{n}"),
        environmental=jinja2.pass_environment(lambda environment, n: type(environment).__name__),
        stopped=stopped,
        prefix="#",
    )
    assert html == "10 one 2 #1 Environment|20 two 4 #2 Environment|True <i>&lt;3</i>"


def test_an_override_replaces_only_its_fragment(tmp_path: Path) -> None:
    folder = tmp_path / FRAGMENTS
    folder.mkdir(parents=True)
    (folder / "problems.html").write_text('<p class="mine">{{ problems|length }} to fix</p>', encoding="utf-8")
    html = Renderer(tmp_path).render("failed-source", slug="s", problems=PROBLEMS)
    assert html == '<h1>s</h1><p class="mine">1 to fix</p>'
    assert Renderer().render("failed-source", slug="s", problems=PROBLEMS) != html


def test_a_template_overridden_in_the_custom_dir_changes_the_built_page(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = write_fixture_project(write_dossier(tmp_path, fixture_files()))
    override = root / "overrides" / FRAGMENTS / "claim.html"
    override.parent.mkdir(parents=True)
    override.write_text(
        '<li id="{{ mark.ref }}" class="my-claim">{{ mark.label }}: {{ claim.claim|inline }}</li>', encoding="utf-8"
    )
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    page = (root / "site" / "sources" / "2023-02-a" / "index.html").read_text(encoding="utf-8")
    mine = (
        '<li id="ref-claim-capacity" class="my-claim">C1: A factory for <strong>300,000</strong> vehicles a year.</li>'
    )
    assert mine in page
    assert '<a class="dx-back" href="#claim-capacity">' not in page  # the shipped claim entry is replaced
    assert '<details class="dx-about">' in page  # the other fragments stay the shipped ones


def test_topic_links_are_separated_by_a_comma_and_a_space() -> None:
    renderer = Renderer()
    topics = {"a": Topic("a", "Alpha", "A."), "b": Topic("b", "Beta", "B.")}
    links = renderer.topic_links(lambda to, fragment=None: to, topics)
    html = renderer.render("topic-links", topic_ids=("a", "b"), topic_links=links)
    assert html == '<a href="topics/a.md">Alpha</a>, <a href="topics/b.md">Beta</a>'

"""The hook that mends Material's HTML changes exactly the faulty attributes."""

from __future__ import annotations

from pathlib import Path

import material
from theme_fixes import compact_chrome, drop_unused_theme_files, mend_html, palette_script, trim_config

from generator_api import File, Files


def test_empty_tabindex_toc_label_and_search_dialog_are_mended() -> None:
    page = (
        '<label class="md-nav__link" for="__nav_4" id="__nav_4_label" tabindex="">'
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<label class="md-nav__title" for="__toc">'
    )
    assert mend_html(page) == (
        '<label class="md-nav__link" for="__nav_4" id="__nav_4_label">'
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'
        '<label class="md-nav__title">'
    )


def test_the_toc_label_is_kept_when_its_checkbox_exists() -> None:
    page = (
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"><label class="md-nav__title" for="__toc">'
    )
    assert mend_html(page) == page


def test_the_chrome_loses_its_indentation_and_the_content_keeps_its_own() -> None:
    page = (
        "<html>\n  <body>\n\n    <nav>\n      <span>\n   Home  \n  </span></nav>\n"
        '<article class="md-content__inner md-typeset">\n<pre>  a\n\n    b</pre>\n  </article>\n\n  </body>\n</html>\n'
    )
    assert compact_chrome(page) == (
        "<html>\n<body>\n<nav>\n<span>\nHome\n</span></nav>\n"
        '<article class="md-content__inner md-typeset">\n<pre>  a\n\n    b</pre>\n  </article>\n</body>\n</html>\n'
    )
    assert compact_chrome("<p>\n  no article\n</p>") == "<p>\n  no article\n</p>"


def test_the_themes_wrappers_inside_the_article_lose_their_indentation_and_the_content_keeps_its_own() -> None:
    """Between the article's start and the content's heading, and after the content's last tag, only
    the theme's own markup: whitespace, a wrapper, the edit button, closing tags."""
    content = "<h1>T</h1>\n\n<pre>  a\n\n    b</pre>\n  <p>x</p>  "
    page = (
        '<article class="md-content__inner md-typeset">\n    \n  <div data-pagefind-body>\n      \n'
        '  <a href="e">\n    <svg></svg>\n  </a>\n\n' + content + "\n\n  \n  </div>\n  \n  </article>\n"
    )
    assert compact_chrome(page) == (
        '<article class="md-content__inner md-typeset">\n<div data-pagefind-body>\n<a href="e">\n<svg></svg>\n'
        "</a>\n" + content.rstrip() + "\n</div>\n</article>\n"
    )


def test_chrome_whitespace_runs_with_a_line_break_become_one_and_other_spaces_stay() -> None:
    article = '<article class="md-content__inner md-typeset"> \r\n x </article>'
    before = "\n \t<a  b>\r\n\r\n\t<i> </i> \t\n\n"
    after = "\r\n\n <p>\t x \r </p>  \n"
    assert compact_chrome(before + article + after) == ("\n<a  b>\n<i> </i>\n" + article + "\n<p>\t x \r </p>\n")
    assert compact_chrome(article + "\n") == article + "\n"


def _files(*paths: str) -> Files:
    return Files([File(path, src_dir="/theme", dest_dir="/site", use_directory_urls=True) for path in paths])


THEME_FILES = (
    "assets/javascripts/bundle.a5f9d56c.min.js",
    "assets/javascripts/bundle.a5f9d56c.min.js.map",
    "assets/javascripts/lunr/min/lunr.fr.min.js",
    "assets/javascripts/workers/search.a7633da7.min.js",
    "assets/stylesheets/main.57a0d79d.min.css",
    "assets/stylesheets/main.57a0d79d.min.css.map",
    "assets/dossier.js",
)


def test_the_search_worker_lunr_and_source_maps_are_not_copied_without_a_search_plugin() -> None:
    kept = drop_unused_theme_files(_files(*THEME_FILES), ["dossier_hooks", "theme_fixes"])
    assert [f.src_uri for f in kept] == [
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/dossier.js",
    ]


def test_the_search_worker_and_lunr_stay_with_materials_search_plugin() -> None:
    kept = drop_unused_theme_files(_files(*THEME_FILES), ["material/search"])
    assert [f.src_uri for f in kept] == [p for p in THEME_FILES if not p.endswith(".map")]


def test_the_palette_script_is_the_one_the_themes_own_partial_inlines(tmp_path: Path) -> None:
    override = tmp_path / "partials" / "javascripts" / "palette.html"
    override.parent.mkdir(parents=True)
    override.write_text('<script src="assets/palette.js"></script>', encoding="utf-8")
    theme = Path(material.__file__).parent / "templates"
    inlined = (theme / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8")
    script = palette_script([str(tmp_path), str(theme)])
    assert script is not None and script.startswith("var palette=__md_get(")
    assert f"<script>{script}</script>" in inlined


def test_no_palette_script_without_a_partial_that_inlines_one(tmp_path: Path) -> None:
    assert palette_script([str(tmp_path)]) is None


def test_without_a_search_plugin_the_theme_config_loses_only_what_its_search_reads() -> None:
    config = (
        '<script id="__config" type="application/json">{"base": "../..", "features": ["navigation.top"], '
        '"translations": {"clipboard.copy": "Copy <it> & \'go\'", "search.result.none": "No matching documents", '
        '"select.version": "Select version"}, "search": "../../assets/javascripts/workers/search.a7633da7.min.js", '
        '"tags": null, "version": null}</script>'
    )
    page = f"<body>{config}<script src='b.js'></script></body>"
    assert trim_config(page) == (
        '<body><script id="__config" type="application/json">{"base":"../..","features":["navigation.top"],'
        '"translations":{"clipboard.copy":"Copy \\u003cit\\u003e \\u0026 \\u0027go\\u0027",'
        '"select.version":"Select version"},"tags":null,"version":null}</script>'
        "<script src='b.js'></script></body>"
    )
    assert trim_config("<body></body>") == "<body></body>"

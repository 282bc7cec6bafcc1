"""The hook that mends Material's HTML changes exactly the faulty attributes."""

from __future__ import annotations

from theme_fixes import mend_html


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

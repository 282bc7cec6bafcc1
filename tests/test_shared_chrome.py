"""The theme's navigation and the like are rendered once for the pages outside it that read them
alike, and the pages are the same as when they are rendered for each."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import shared_chrome
from shared_chrome import _reading
from site_fixtures import ROOT, build_in_process

NAV = SimpleNamespace(pages=[SimpleNamespace(url=url) for url in ("", "sources/", "topics/", "about/team/")])


def _key(url: str, base_url: str = "../..") -> tuple | None:
    return _reading({"page": SimpleNamespace(url=url), "nav": NAV, "base_url": base_url})


def test_pages_of_one_folder_outside_the_navigation_read_it_alike() -> None:
    assert _key("sources/a/") == _key("sources/b/") is not None
    assert _key("sources/a.html", "..") == _key("sources/b.html", "..") is not None
    assert len({_key("sources/a/"), _key("topics/a/"), _key("sources/a.html", ".."), _key("sources/a", "..")}) == 4


@pytest.mark.parametrize("url", ["", "sources/", "about/"])  # the home page, a page of the navigation, one above it
def test_a_page_of_the_navigation_or_above_one_gets_its_own(url: str) -> None:
    assert _key(url) is None


def test_the_pages_are_those_of_a_chrome_rendered_for_each(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_chrome, "share_chrome", lambda env: None)
    result = build_in_process(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len([page for page in pages if page.startswith("sources/")]) > 2
    assert pages == sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*.html"))
    for page in pages:
        assert (tmp_path / "site" / page).read_bytes() == (built_site / page).read_bytes(), page

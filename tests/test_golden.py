"""Golden HTML: small fixture sources rendered and compared byte for byte.

Each ``tests/golden/<name>.txt`` (with ``<name>.yml`` and the shared
``topics.yml``) is rendered by ``render.render_annotated_text`` into
``<name>.text.html`` and by ``site.build_source_page`` into
``<name>.page.html``. After an intended change of the HTML, rewrite the golden
files with ``UPDATE_GOLDEN=1 ./dev test tests/test_golden.py`` and review the diff.

Whatever the golden files say, the HTML must be well formed and the annotated
text must read exactly as the source text.
"""

from __future__ import annotations

import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

from dossier.generated import Site, make_site
from dossier.load import load_dossier
from dossier.model import Source
from dossier.paths import Layout
from dossier.render import marks_of, render_annotated_text
from dossier.site import build_source_page

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
NAMES = sorted(p.stem for p in GOLDEN.glob("*.txt"))
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Source], Site]:
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(GOLDEN, root / "sources", ignore=shutil.ignore_patterns("*.html"))
    dossier = load_dossier(root)
    assert [str(p) for p in dossier.problems] == []
    site = make_site(dossier, Layout(repo_url="https://github.com/o/r"))
    return {s.id: s for s in dossier.sources}, site


def _compare(path: Path, html: str) -> None:
    if UPDATE:
        path.write_bytes(html.encode("utf-8") + b"\n")
    assert path.is_file(), f"{path.name} is missing: run UPDATE_GOLDEN=1 ./dev test"
    assert html + "\n" == path.read_bytes().decode("utf-8")


class _Checker(HTMLParser):
    """Checks nesting and collects the text content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("type") != "application/ld+json":
            self.errors.append("a <script> element other than JSON-LD data")
        if any(name.startswith("on") for name, _ in attrs):
            self.errors.append(f"an event handler on <{tag}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _check(html: str) -> str:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return "".join(checker.text)


@pytest.mark.parametrize("name", NAMES)
def test_annotated_text(name: str, loaded: tuple[dict[str, Source], Site]) -> None:
    source = loaded[0][name]
    html = render_annotated_text(source, marks_of(source))
    _compare(GOLDEN / f"{name}.text.html", html)
    assert _check(html) == source.body


@pytest.mark.parametrize("name", NAMES)
def test_source_page(name: str, loaded: tuple[dict[str, Source], Site]) -> None:
    sources, site = loaded
    page = build_source_page(sources[name], site)
    _compare(GOLDEN / f"{name}.page.html", page.html)
    _check(page.html)


def test_every_annotation_is_drawn(loaded: tuple[dict[str, Source], Site]) -> None:
    for source in loaded[0].values():
        html = render_annotated_text(source, marks_of(source))
        for mark in marks_of(source):
            assert html.count(f'id="{mark.anchor}"') == 1
            assert html.count(f'href="#{mark.ref}"') == 1


def test_no_golden_file_without_its_source() -> None:
    stems = {p.name.split(".")[0] for p in GOLDEN.glob("*.html")}
    assert stems <= set(NAMES)


def test_real_sources_render_well_formed_and_keep_their_text() -> None:
    dossier = load_dossier(ROOT)
    site = make_site(dossier, Layout())
    for source in dossier.sources:
        assert _check(render_annotated_text(source, marks_of(source))) == source.body
        _check(build_source_page(source, site).html)

"""MkDocs hooks: adapt MkDocs events to the dossier engine in ``dossier/``.

Loaded once per process by ``hooks:`` in mkdocs.yml and kept across
``mkdocs serve`` rebuilds, so each build starts from a fresh :class:`_Build`;
nothing else is carried from one build to the next.

- ``on_pre_build`` loads and validates ``sources/``. ``mkdocs build`` stops on
  any problem, before the site folder is cleaned, so no partial site is
  written. ``mkdocs serve`` logs the problems and carries on, showing them on
  the affected pages, so the server never hangs on a bad edit.
- ``on_files`` adds the generated pages and the raw texts.
- ``on_page_markdown`` hands Markdown nothing for generated pages;
  ``on_page_context`` renders each one's HTML and sections just before its
  template. The search plugin, which runs between the two halves of that
  event, reads a searchable page without its phrasing tags (the same sections and text,
  a fraction of the tags for its HTML parser); the template gets the full HTML.
  ``on_post_page`` lets go of the HTML once the page is written, so the build
  holds one generated page's HTML at a time, not the whole site's.
- ``on_post_build`` writes the exports.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dossier.cache import SourceCache
from dossier.export import build_dossier_json, render_json
from dossier.load import load_dossier
from dossier.markup import escape, strip_phrasing
from dossier.model import Dossier
from dossier.pages import build_home_blocks
from dossier.problems import format_github, format_problems
from dossier.render import render_problems
from dossier.repo import derive_branch
from dossier.site import GeneratedPage, Layout, build_pages, render_page
from dossier.w3c import build_annotation_collection
from generator_api import (
    CombinedEvent,
    File,
    Files,
    InclusionLevel,
    LiveReloadServer,
    MkDocsConfig,
    Page,
    PluginError,
    event_priority,
    get_plugin_logger,
    get_toc,
)

log = get_plugin_logger(__name__)

SOURCES_DIR = "sources"
_BLOCK = "<!-- dossier:{} -->"


@dataclass
class _Build:
    """What one build knows; replaced at the start of every build."""

    root: Path
    layout: Layout
    dossier: Dossier | None = None
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)
    site_url: str | None = None
    writing: tuple[str, str] | None = None
    """The generated page being written: its source path and full HTML."""


_command = "build"
_build: _Build | None = None
_SOURCE_CACHE = SourceCache()
"""Deliberate cache across ``mkdocs serve`` rebuilds: sources whose files did not change."""


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).resolve().parent
    layout = Layout(
        directory_urls=config.use_directory_urls,
        repo_url=config.repo_url,
        repo_branch=derive_branch(config.edit_uri),
    )
    _build = _Build(root=root, layout=layout, site_url=config.site_url or None)
    return config


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    assert _build is not None
    server.watch(str(_build.root / SOURCES_DIR))
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    assert _build is not None
    dossier = load_dossier(_build.root, SOURCES_DIR, cache=_SOURCE_CACHE if _command == "serve" else None)
    if dossier.problems:
        count = len(dossier.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in {SOURCES_DIR}/"
        if _command == "serve":
            log.error(f"{summary}; the pages concerned show them:\n{format_problems(dossier.problems)}")
        else:
            if os.environ.get("GITHUB_ACTIONS") == "true":
                print(format_github(dossier.problems), file=sys.stderr)
            raise PluginError(f"{summary}:\n{format_problems(dossier.problems)}")
    _build.dossier = dossier
    _build.pages = {page.path: page for page in build_pages(dossier, _build.layout)}
    _build.blocks = build_home_blocks(dossier, _build.layout)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _build is not None and _build.dossier is not None
    for page in _build.pages.values():
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        search = "" if page.searchable else "search:\n  exclude: true\n"
        front = f"---\ntitle: {json.dumps(escape(page.title))}\n{search}---\n"
        file = File.generated(config, page.path, content=front, inclusion=inclusion)
        if page.edit_path:
            file.edit_uri = _edit_uri(config, page.edit_path)
        files.append(file)
    for source in _build.dossier.sources:
        files.append(File.generated(config, source.path, abs_src_path=str(_build.root / source.path)))
    return files


def _edit_uri(config: MkDocsConfig, path: str) -> str | None:
    """The file's edit link relative to ``edit_uri``, which points into ``docs/``."""
    if not config.edit_uri:
        return None
    depth = len(Path(config.docs_dir).resolve().relative_to(_build.root).parts) if _build else 1
    return "../" * depth + path


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is not None and page.file.src_uri in _build.pages:
        return ""
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _build is not None
    if page.file.src_uri in _build.pages:
        return ""  # rendered in on_page_context
    if page.is_homepage and _build.dossier is not None and _build.dossier.problems:
        html = render_problems(_build.dossier.problems) + html
    if page.is_homepage:
        for name, block in _build.blocks.items():
            html = html.replace(_BLOCK.format(name), block)
    return html


@event_priority(100)  # before the search plugin (priority 0) reads the page
def _render_generated(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    assert _build is not None
    generated = _build.pages.get(page.file.src_uri)
    if generated is not None:
        html, toc = render_page(generated)
        page.toc = get_toc([{"level": t.level, "id": t.id, "name": escape(t.title), "children": []} for t in toc])
        page.content = html
        if generated.searchable:  # the search plugin reads it, then the template gets the full HTML back
            page.content = strip_phrasing(html)
            _build.writing = (page.file.src_uri, html)
    return context


@event_priority(-100)  # after the search plugin, before the template
def _restore_generated(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    assert _build is not None
    if _build.writing is not None and _build.writing[0] == page.file.src_uri:
        page.content = _build.writing[1]
        _build.writing = None
    return context


on_page_context = CombinedEvent(_render_generated, _restore_generated)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _build is not None and page.file.src_uri in _build.pages:
        page.content = None  # written: the build need not hold it any more
    return output


def on_post_build(config: MkDocsConfig) -> None:
    assert _build is not None and _build.dossier is not None
    site = Path(config.site_dir)
    data = build_dossier_json(_build.dossier, _build.layout)
    (site / "dossier.json").write_text(render_json(data), encoding="utf-8")
    collection = build_annotation_collection(_build.dossier, _build.layout, _build.site_url)
    (site / "annotations.jsonld").write_text(render_json(collection), encoding="utf-8")

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

``mkdocs build`` writes into a fresh folder beside the site folder and puts it in
the site folder's place only once it is complete (and, with ``--strict``, free of
warnings), so a build that fails at any step leaves the last site as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

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

log = get_plugin_logger(__name__)

SOURCES_DIR = "sources"
_BLOCK = "<!-- dossier:{} -->"


@dataclass
class _Build:
    """What one build knows; replaced at the start of every build."""

    root: Path
    layout: Layout
    config: MkDocsConfig
    dossier: Dossier | None = None
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)
    site_url: str | None = None
    writing: tuple[str, str] | None = None
    """The generated page being written: its source path and full HTML."""
    site_dir: str | None = None
    """The site folder this build replaces once complete; None when it writes in place (serve)."""
    warnings: CountHandler | None = None
    """Warnings logged during a ``--strict`` build that writes beside the site folder."""


_command = "build"
_dirty = False
_build: _Build | None = None
_SOURCE_CACHE = SourceCache()
"""Deliberate cache across ``mkdocs serve`` rebuilds: sources whose files did not change."""


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    root = Path(config.config_file_path).resolve().parent
    layout = Layout(
        directory_urls=config.use_directory_urls,
        repo_url=config.repo_url,
        repo_branch=derive_branch(config.edit_uri),
    )
    _build = _Build(root=root, layout=layout, config=config, site_url=config.site_url or None)
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
    if _command != "serve" and not _dirty:
        _build_beside(config, _build)


def _build_beside(config: MkDocsConfig, build: _Build) -> None:
    """Point the build at a fresh folder beside the site folder, which MkDocs then cleans
    and fills instead of the site folder itself."""
    site = Path(config.site_dir)
    fresh = site.with_name(f".{site.name}.building-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    build.site_dir, config.site_dir = config.site_dir, str(fresh)
    if config.strict:
        build.warnings = CountHandler()
        build.warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(build.warnings)


def _finish_beside(config: MkDocsConfig, build: _Build, *, complete: bool) -> None:
    """Put the fresh folder in the site folder's place when the build is complete, else drop it."""
    if build.site_dir is None:
        return
    fresh, config.site_dir, build.site_dir = Path(config.site_dir), build.site_dir, None
    if build.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(build.warnings)
        complete = complete and not build.warnings.get_counts()  # --strict then aborts
    if complete:
        _replace_folder(Path(config.site_dir), fresh)
    else:
        shutil.rmtree(fresh, ignore_errors=True)


def _replace_folder(target: Path, fresh: Path) -> None:
    """``fresh`` renamed to ``target``; the old ``target`` removed once it is out of the way."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        if target.exists() or target.is_symlink():
            target.rename(old)
        fresh.rename(target)
    except OSError:  # a folder that cannot be renamed (a mount point): empty it and move the new files in
        if old.exists() and not target.exists():
            old.rename(target)
        target.mkdir(exist_ok=True)
        for entry in target.iterdir():
            (shutil.rmtree if entry.is_dir() and not entry.is_symlink() else os.remove)(entry)
        for entry in fresh.iterdir():
            shutil.move(entry, target / entry.name)
        fresh.rmdir()
    shutil.rmtree(old, ignore_errors=True)


def _published_file(path: Path, root: Path) -> bool:
    """Whether ``path`` is a regular file inside ``root``, neither a link nor a special file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and path.resolve().is_relative_to(root)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _build is not None and _build.dossier is not None
    for page in _build.pages.values():
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content="", inclusion=inclusion)
        if page.edit_path:
            file.edit_uri = _edit_uri(config, page.edit_path)
        files.append(file)
    for source in _build.dossier.sources:
        path = _build.root / source.path
        if not _published_file(path, _build.root):  # changed since it was loaded
            raise PluginError(f"{source.path}:1:1: Expected a regular file: it changed during the build. Build again.")
        files.append(File.generated(config, source.path, abs_src_path=str(path)))
    return files


def _edit_uri(config: MkDocsConfig, path: str) -> str | None:
    """The file's edit link relative to ``edit_uri``, which points into ``docs/``."""
    if not config.edit_uri:
        return None
    depth = len(Path(config.docs_dir).resolve().relative_to(_build.root).parts) if _build else 1
    return "../" * depth + path


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    generated = _build.pages.get(page.file.src_uri) if _build is not None else None
    if generated is not None:  # metadata set as values: no front matter to write and parse again
        page.meta["title"] = escape(generated.title)
        if not generated.searchable:
            page.meta["search"] = {"exclude": True}
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


def _write_exports(config: MkDocsConfig) -> None:
    assert _build is not None and _build.dossier is not None
    site = Path(config.site_dir)
    data = build_dossier_json(_build.dossier, _build.layout)
    (site / "dossier.json").write_text(render_json(data), encoding="utf-8")
    collection = build_annotation_collection(_build.dossier, _build.layout, _build.site_url)
    (site / "annotations.jsonld").write_text(render_json(collection), encoding="utf-8")


@event_priority(-100)  # after every plugin has written its files
def _put_site_in_place(config: MkDocsConfig) -> None:
    if _build is not None:
        _finish_beside(config, _build, complete=True)


on_post_build = CombinedEvent(_write_exports, _put_site_in_place)


def on_build_error(error: Exception) -> None:
    if _build is not None:
        _finish_beside(_build.config, _build, complete=False)

"""MkDocs hooks: adapt MkDocs events to the dossier engine in ``dossier/``.

Loaded once per process by ``hooks:`` in mkdocs.yml and kept across
``mkdocs serve`` rebuilds. The hook functions below only hand each event to
:class:`DossierHooks`, the adapter's one state object: ``on_startup`` makes a
new one for each ``mkdocs`` command (a build started without it, as by calling
MkDocs' build function in-process, gets one for a ``build`` on first use).
Each build starts from a fresh :class:`_Build`, made in ``on_config``, and the
engine's caches go with the objects it holds: the layout's URLs and links
(:class:`~dossier.paths.Layout`) and the renderer's compiled templates and
inline Markdown (:class:`~dossier.templates.Renderer`), each bounded. What
``mkdocs serve`` carries from one build to the next: its cache of parsed
sources (:attr:`DossierHooks.sources`), which rereads any file that changed and
forgets what the last load did not use; each source's W3C Annotations and
entry in ``dossier.json`` as JSON text (:attr:`DossierHooks.annotations`,
:attr:`DossierHooks.entries`, kept while the source and its other inputs do not
change); the garbage collector's timing (:attr:`DossierHooks.collector`: not
during a build, once the server is quiet after it); the renderer, while the theme's
overrides do not change (:attr:`DossierHooks.renderers`); the theme's compiled
templates (:attr:`DossierHooks.templates`); and with ``--dirty``
(what ``./dev serve`` runs), the record of the last build that lets a rebuild
write only the pages whose content changed (:attr:`DossierHooks.incremental`,
see :mod:`incremental`), dropped when a build fails; the last build's analysis
(:attr:`DossierHooks.analysis`), from which the next reuses what an edit did not
touch; the parts of ``dossier.json`` that are not per source (:attr:`DossierHooks.rest`);
and its watch of ``sources/`` (:attr:`DossierHooks.watcher`, see :mod:`watcher`),
which sees a save at once instead of at MkDocs' next poll.

- ``on_pre_build`` loads and validates ``sources/``. ``mkdocs build`` stops on
  any problem, before the site folder is cleaned, so no partial site is
  written. ``mkdocs serve`` logs the problems and carries on, showing them on
  the affected pages, so the server never hangs on a bad edit.
- ``on_files`` adds the generated pages and the raw texts.
- ``on_page_markdown`` hands Markdown nothing for generated pages, and
  they skip its conversion;
  ``on_page_context`` renders each one's HTML and sections just before its
  template. A search plugin, if the configuration has one (the site's own has
  none: its search is Pagefind's), runs between the two halves of that event and
  reads a searchable page without its phrasing tags (the same sections and text,
  a fraction of the tags for its HTML parser); the template gets the full HTML.
  ``on_post_page`` lets go of the HTML once the page is written, so the build
  holds one generated page's HTML at a time, not the whole site's.
- ``on_post_build`` writes the exports (with ``serve --dirty``: first hands the
  search plugin, when there is one, every page's entries), then the search index
  (Pagefind over the written site, :mod:`dossier.search`): ``mkdocs build`` waits
  for it; ``mkdocs serve`` deletes what the rebuild no longer writes, then runs it
  in the background and stops it when the next rebuild starts.

``mkdocs build`` writes into a fresh folder beside the site folder and puts it in
the site folder's place only once it is complete (and, with ``--strict``, free of
warnings), so a build that fails at any step leaves the last site as it was.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from incremental import (
    Incremental,
    TemplateCache,
    digest,
    fingerprint,
    folder_state,
    quiet_dirty_warning,
    search_index_of,
)
from quiet_gc import QuietCollector
from shared_chrome import share_chrome
from watcher import SourcesWatcher

from dossier.analysis import Analysis, analyse
from dossier.cache import PerSource, Pieces, SourceCache
from dossier.contribute import LISTS_PATH, annotate_lists
from dossier.export import write_dossier_json
from dossier.folders import drop_folder, fresh_folder, regular_file_inside, replace_folder
from dossier.gcpause import paused_gc
from dossier.generated import GeneratedPage, Site, render_page
from dossier.load import load_dossier
from dossier.markup import escape, strip_phrasing
from dossier.pages import build_home_blocks
from dossier.paths import Layout
from dossier.problems import format_github, format_problems
from dossier.repo import derive_branch
from dossier.reuse import PageInputs
from dossier.search import BackgroundIndexer, SearchIndexError, StreamingIndexer, index_site
from dossier.site import build_pages
from dossier.templates import Renderer
from dossier.w3c import write_annotation_collection
from generator_api import (
    CombinedEvent,
    CountHandler,
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
    """What one build knows; made in ``on_config``, so dropped at the start of the next build.

    Attributes:
        renderer: The engine's templates, overridden by the theme's ``custom_dir``; compiled once per build (``mkdocs
            serve`` keeps them while no override changes, so an edited override shows on the next rebuild).
        config: The build's configuration, for ``on_build_error``, which is not handed it.
        writing: The generated page being written: its source path and full HTML.
        files: The build's files, once every plugin has added its own (``on_env``).
        inputs: What each generated page is made from (``serve --dirty``).
        search_mark: How many search entries there were before the page being written (``serve --dirty``).
        site_dir: The site folder this build replaces once complete; None when it writes in place (serve).
        warnings: Warnings logged during a ``--strict`` build that writes beside the site folder.
        streaming: ``mkdocs build``'s search index, fed each page as it is written (None in serve).
        search_plugin: Whether a search plugin (Material's, or MkDocs' default) reads the pages; the site's own
            mkdocs.yml has none (its search is Pagefind's), a bare configuration gets MkDocs' default.
    """

    root: Path
    layout: Layout
    renderer: Renderer
    config: MkDocsConfig
    site_url: str | None = None
    site: Site | None = None
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)
    writing: tuple[str, str] | None = None
    files: Files | None = None
    inputs: PageInputs | None = None
    search_mark: int = 0
    site_dir: str | None = None
    warnings: CountHandler | None = None
    streaming: StreamingIndexer | None = None
    search_plugin: bool = False

    def generated(self, page: Page) -> GeneratedPage | None:
        """The generated page behind ``page``, if it is one."""
        return self.pages.get(page.file.src_uri)


class DossierHooks:
    """The adapter's state for one ``mkdocs`` command, and its handling of each event."""

    def __init__(self, command: str = "build", dirty: bool = False) -> None:
        self.command = command
        """``build``, ``serve`` or ``gh-deploy``."""

        self.dirty = dirty
        """Whether ``--dirty`` keeps the site folder's other files (then it is written in place)."""

        self.sources: SourceCache | None = SourceCache() if command == "serve" else None
        """Parsed sources kept across ``mkdocs serve`` rebuilds, each reread when its files change;
        held for the command's life, None for a single build."""

        self.indexer: BackgroundIndexer | None = BackgroundIndexer() if command == "serve" else None
        """``mkdocs serve``'s search indexing, run in the background after each rebuild."""

        self.annotations: PerSource | None = PerSource() if command == "serve" else None
        """Each source's W3C Annotations as JSON text, kept across ``mkdocs serve`` rebuilds while the
        source does not change; None for a single build."""

        self.entries: PerSource | None = PerSource() if command == "serve" else None
        """Each source's entry in ``dossier.json`` as JSON text, kept across ``mkdocs serve`` rebuilds
        while the source, its page's address, reliability and standings do not change; None for a
        single build."""

        self.rest: Pieces | None = Pieces() if command == "serve" else None
        """The parts of ``dossier.json`` that are not per source, as JSON text, kept across ``mkdocs serve``
        rebuilds while made from equal inputs; None for a single build."""

        self.build: _Build | None = None
        """The current build (see :class:`_Build`)."""

        self.analysis: Analysis | None = None
        """``mkdocs serve``: the last build's analysis, from which the next one reuses what an edit
        did not touch (see :mod:`dossier.analysis`); replaced by each build's, None for a single build."""

        self.collector: QuietCollector | None = QuietCollector() if command == "serve" else None
        """``mkdocs serve``: the garbage collector, paused during each build and run once the server is
        quiet after it (see :mod:`quiet_gc`); None for a single build."""

        self.layout: Layout | None = None
        """``mkdocs serve``: the last build's layout, kept with the URLs and links it computed (each cache
        bounded) while the configuration gives an equal one; None for a single build."""

        self.renderers: tuple[object, Renderer] | None = None
        """``mkdocs serve``: the last build's templates and the state of the overrides they were
        compiled from, reused while the overrides do not change; None for a single build."""

        self.templates: TemplateCache | None = TemplateCache() if command == "serve" else None
        """``mkdocs serve``: the theme's compiled templates, kept across rebuilds; None for a single build."""

        self.watcher: SourcesWatcher | None = SourcesWatcher() if command == "serve" else None
        """``mkdocs serve``'s watch of ``sources/``, which sees a save at once (see :mod:`watcher`);
        None for a single build."""

        self.texts = PerSource()
        """``serve --dirty``: the digest of each source's text as copied, kept while the loader hands
        back the same source (then its text file's bytes are those it loaded)."""

        self.incremental: Incremental | None = Incremental() if command == "serve" and dirty else None
        """``mkdocs serve --dirty``'s record of the last build, which decides what each rebuild
        writes (see :mod:`incremental`); None otherwise: every build is complete."""
        if self.incremental is not None:
            quiet_dirty_warning()

    def _current(self) -> _Build:
        if self.build is None:
            raise PluginError("dossier hooks: an event arrived before on_config")
        return self.build

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        layout = Layout(
            directory_urls=config.use_directory_urls,
            repo_url=config.repo_url,
            repo_branch=derive_branch(config.edit_uri),
            site_url=config.site_url or None,
            site_name=config.site_name,
        )
        if self.command == "serve":  # the last build's, with the URLs and links it computed, while equal
            layout = self.layout = self.layout if self.layout == layout else layout
        renderer = self._renderer(config.theme.custom_dir)
        self.build = _Build(
            root=root,
            layout=layout,
            renderer=renderer,
            config=config,
            site_url=config.site_url or None,
            search_plugin=any(name in config.plugins for name in ("search", "material/search")),
        )
        return config

    def _renderer(self, custom_dir: str | None) -> Renderer:
        """The engine's templates, overridden from ``custom_dir``: compiled anew for each build, but
        kept across ``mkdocs serve`` rebuilds while no file under ``custom_dir`` changes."""
        folder = Path(custom_dir) if custom_dir else None
        if self.command != "serve":
            return Renderer(folder)
        state = (custom_dir, folder_state(folder) if folder is not None and folder.is_dir() else None)
        if self.renderers is None or self.renderers[0] != state:
            self.renderers = (state, Renderer(folder))
        return self.renderers[1]

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        folder = str(self._current().root / SOURCES_DIR)
        if self.watcher is None:
            server.watch(folder)
        elif self.watcher.start(server, folder):
            # watched here: not by MkDocs' polling too (``watch:`` in the configuration), which would see
            # the same save up to 0.5 s later and ask for a second rebuild
            config.watch[:] = [path for path in config.watch if os.path.abspath(path) != os.path.abspath(folder)]
        else:
            log.debug(f"Watching {folder} by polling")
        return server

    def on_pre_build(self, config: MkDocsConfig) -> None:
        build = self._current()
        if self.indexer is not None:
            self.indexer.stop()  # the rebuild replaces the pages it reads
        if self.collector is not None:
            self.collector.pause()
        single = self.command != "serve"
        if single:
            # The dossier, its analysis and its pages live until the build ends: made with the cyclic
            # garbage collector paused, then frozen out of its sight, they are not walked again by every
            # collection the build triggers (given back to it when the build ends: see _release_heap).
            # Not in serve, where each rebuild's objects must be collectable once the next one replaces them.
            with paused_gc():
                self._load(build)
            gc.freeze()
        else:
            self._load(build)
        if self.incremental is not None:
            self._start_incremental(config, build)
        if single and not self.dirty:
            self._build_beside(config, build)
        if single:
            try:
                build.streaming = StreamingIndexer(Path(config.site_dir))
            except SearchIndexError as error:
                raise PluginError(str(error)) from error

    def _load(self, build: _Build) -> None:
        """Load and analyse the dossier; list its pages and the home page's blocks."""
        dossier = load_dossier(build.root, SOURCES_DIR, cache=self.sources)
        if dossier.problems:
            count = len(dossier.problems)
            summary = f"{count} problem{'s' if count != 1 else ''} in {SOURCES_DIR}/"
            if self.command == "serve":
                log.error(f"{summary}; the pages concerned show them:\n{format_problems(dossier.problems)}")
            else:
                if os.environ.get("GITHUB_ACTIONS") == "true":
                    print(format_github(dossier.problems), file=sys.stderr)
                raise PluginError(f"{summary}:\n{format_problems(dossier.problems)}")
        analysis = analyse(dossier, self.analysis)
        if self.command == "serve":
            self.analysis = analysis
        build.site = Site(dossier, analysis, build.layout, build.renderer)
        build.pages = {page.path: page for page in build_pages(build.site)}
        build.blocks = build_home_blocks(build.site)

    def _start_incremental(self, config: MkDocsConfig, build: _Build) -> None:
        """Start a ``serve --dirty`` build: complete when the configuration, ``docs/``, the theme's
        overrides or the navigation changed since the last build, else of the changed files only."""
        assert self.incremental is not None and build.site is not None
        folders = [Path(config.docs_dir)] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
        nav = [(page.path, page.title) for page in build.pages.values() if page.in_nav]
        site = build.site

        def inputs(last: object | None) -> PageInputs:
            build.inputs = PageInputs(site, last if isinstance(last, PageInputs) else None)
            return build.inputs

        if not self.incremental.start(fingerprint(Path(config.config_file_path), folders, nav), inputs):
            log.info("Building every page (first build, or the configuration, docs/ or theme changed)")

    def _build_beside(self, config: MkDocsConfig, build: _Build) -> None:
        """Point the build at a fresh folder beside the site folder, which MkDocs then cleans
        and fills instead of the site folder itself."""
        build.site_dir, config.site_dir = config.site_dir, str(fresh_folder(Path(config.site_dir)))
        if config.strict:
            build.warnings = CountHandler()
            build.warnings.setLevel(logging.WARNING)
            logging.getLogger("mkdocs").addHandler(build.warnings)

    def _finish_beside(self, config: MkDocsConfig, build: _Build, *, complete: bool) -> None:
        """Put the fresh folder in the site folder's place when the build is complete, else drop it."""
        if build.site_dir is None:
            return
        fresh, config.site_dir, build.site_dir = Path(config.site_dir), build.site_dir, None
        if build.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(build.warnings)
            complete = complete and not build.warnings.get_counts()  # --strict then aborts
        if complete:
            replace_folder(Path(config.site_dir), fresh)
        else:
            drop_folder(fresh)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._current()
        assert build.site is not None
        edit_prefix = self._edit_prefix(config)
        for page in build.pages.values():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.path, content="", inclusion=inclusion)
            if page.edit_path:
                file.edit_uri = edit_prefix + page.edit_path if edit_prefix is not None else None
            if self.incremental is not None:
                _mark(file, self._page_modified(page, file))
            files.append(file)
        for source in build.site.dossier.sources:
            path = build.root / source.path
            if not regular_file_inside(path, build.root):  # changed since it was loaded
                raise PluginError(
                    f"{source.path}:1:1: Expected a regular file: it changed during the build. Build again."
                )
            file = File.generated(config, source.path, abs_src_path=str(path))
            if self.incremental is not None:
                text = self.texts.get_or_make(source.id, source, source.path, partial(_file_digest, path))
                _mark(file, self.incremental.modified(source.path, text))
            files.append(file)
        if self.incremental is not None:
            self.texts.prune()
        if self.incremental is not None:
            self._mark_documents(files, build)
        return files

    def _page_modified(self, page: GeneratedPage, file: File) -> bool:
        """Whether a generated page differs from the last build's (``serve --dirty``): rendered now
        and compared by digest, unless the build is complete anyway (then its digest is taken
        when it is written)."""
        assert self.incremental is not None and self.build is not None and self.build.inputs is not None
        inputs = self.build.inputs.of(page)
        return self.incremental.page_modified(page.path, inputs, lambda: _page_digest(page, file, render_page(page)))

    def _mark_documents(self, files: Files, build: _Build) -> None:
        """The hand-written pages change with the dossier only on the home page (its blocks and
        problems); any other change to ``docs/`` makes the build complete."""
        assert self.incremental is not None and build.site is not None
        generated = set(build.pages)
        for file in files.documentation_pages():
            if file.src_uri in generated:
                continue
            if file.src_uri == HOME_SOURCE:
                home = digest(sorted(build.blocks.items()), build.site.dossier.problems)
                _mark(file, self.incremental.modified(file.src_uri, home))
            else:
                _mark(file, self.incremental.last is None)

    def _edit_prefix(self, config: MkDocsConfig) -> str | None:
        """What leads from ``edit_uri``, which points into ``docs/``, to the project's root; None
        without ``edit_uri``."""
        if not config.edit_uri:
            return None
        return "../" * len(Path(config.docs_dir).resolve().relative_to(self._current().root).parts)

    def on_env(self, env, config: MkDocsConfig, files: Files):
        build = self._current()
        build.files = files
        if self.templates is not None:
            env.bytecode_cache = self.templates
        if self.command != "serve":
            share_chrome(env)  # the theme's navigation and the like rendered once per folder of pages outside it
        if self.incremental is not None:
            pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            self.incremental.order = [file.src_uri for file in pages]
        return env

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self._current().generated(page)
        if generated is None:
            return markdown
        page.meta["title"] = escape(generated.title)  # values, not front matter to write and parse again
        if not generated.searchable:
            page.meta["search"] = {"exclude": True}
        page.render = partial(_render_no_markdown, page)  # type: ignore[method-assign]
        return ""

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self._current()
        if build.generated(page) is not None:
            return ""  # rendered in on_page_context
        if page.is_homepage and build.site is not None and build.site.dossier.problems:
            html = build.renderer.render("problems", problems=build.site.dossier.problems) + html
        if page.is_homepage:
            for name, block in build.blocks.items():
                html = html.replace(_BLOCK.format(name), block)
        return html

    def render_generated(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        """Put a generated page's HTML and sections in place, before the search plugin reads it."""
        build = self._current()
        if self.incremental is not None and (search := search_index_of(config.plugins)) is not None:
            build.search_mark = len(search.search_index.entries)
        generated = build.generated(page)
        if generated is not None:
            html, toc = render_page(generated)
            if self.incremental is not None:
                self.incremental.written(generated.path, _page_digest(generated, page.file, (html, toc)))
            entries = [{"level": t.level, "id": t.id, "name": escape(t.title), "children": []} for t in toc]
            page.toc = get_toc(entries)
            page.content = html
            if generated.searchable and build.search_plugin:  # it reads this; the template gets the full HTML
                page.content = strip_phrasing(html)
                build.writing = (page.file.src_uri, html)
        return context

    def restore_generated(self, context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
        """Give the template the full HTML back, after the search plugin read the lighter one."""
        build = self._current()
        if build.writing is not None and build.writing[0] == page.file.src_uri:
            page.content = build.writing[1]
            build.writing = None
        if self.incremental is not None:
            search = search_index_of(config.plugins)
            entries = search.search_index.entries[build.search_mark :] if search is not None else []
            self.incremental.indexed(page.file.src_uri, entries)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self._current().generated(page) is not None:
            page.content = None  # written: the build need not hold it any more
        return output

    def index_page(self, output: str, page: Page) -> str:
        """Give the page as written to the build's search index."""
        streaming = self._current().streaming
        if streaming is not None:
            try:
                streaming.add(page.file.dest_uri, output)
            except SearchIndexError as error:
                raise PluginError(str(error)) from error
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        build = self._current()
        assert build.site is not None
        site = Path(config.site_dir)
        dossier, analysis = build.site.dossier, build.site.analysis
        with (site / "dossier.json").open("w", encoding="utf-8") as out:
            write_dossier_json(out, dossier, analysis, build.layout, self.entries, self.rest)
        with (site / "annotations.jsonld").open("w", encoding="utf-8") as out:
            write_annotation_collection(out, dossier, build.layout, build.site_url, self.annotations)
        lists = site / LISTS_PATH
        lists.parent.mkdir(parents=True, exist_ok=True)
        lists.write_text(annotate_lists(build.site.topics.values(), build.site.subjects.values()), encoding="utf-8")

    def index_search(self, config: MkDocsConfig) -> None:
        """Write the search index over the written site (``mkdocs serve``: see :meth:`put_site_in_place`)."""
        if self.indexer is None:
            streaming, self._current().streaming = self._current().streaming, None
            try:
                if streaming is not None:
                    streaming.finish()
                if streaming is None or not streaming.pages:  # no page marks what to index: all are
                    index_site(Path(config.site_dir))
            except SearchIndexError as error:
                raise PluginError(str(error)) from error

    def complete_search(self, config: MkDocsConfig) -> None:
        """``serve --dirty``: hand the search plugin every page's entries, not only the rebuilt pages'."""
        search = search_index_of(config.plugins)
        if self.incremental is not None and search is not None:
            search.search_index.entries = self.incremental.complete_search()
            search.search_index_prev = None  # its own merging assumes a single rebuilt page

    def put_site_in_place(self, config: MkDocsConfig) -> None:
        """The build is complete: its folder takes the site folder's place (``serve --dirty``: the
        files the last build wrote and this one did not are deleted)."""
        if self.build is not None:
            self._finish_beside(config, self.build, complete=True)
        if self.incremental is not None and self.build is not None and self.build.files is not None:
            included = (f for f in self.build.files if InclusionLevel.is_in_serve(f.inclusion))
            stale = self.incremental.finish(Path(config.site_dir), {f.dest_uri for f in included})
            if stale:
                log.info(f"Deleted {len(stale)} file(s) no longer in the site")
        if self.indexer is not None:
            try:
                self.indexer.start(Path(config.site_dir))  # in the background, over the finished site
            except SearchIndexError as error:
                log.error(str(error))
        self._release_heap()

    def on_build_error(self, error: Exception) -> None:
        """The build failed: its folder is dropped, the last site stays (``serve --dirty``: the next
        build is complete)."""
        if self.incremental is not None:
            self.incremental.drop()
        if self.build is not None and self.build.streaming is not None:
            self.build.streaming.close()
            self.build.streaming = None
        if self.build is not None:
            self._finish_beside(self.build.config, self.build, complete=False)
        self._release_heap()

    def _release_heap(self) -> None:
        """Give what ``on_pre_build`` froze back to the garbage collector, so a process that builds
        again (tests, a program calling MkDocs) can free it (``mkdocs serve``: collect it once quiet)."""
        if self.collector is not None:
            self.collector.resume()
        else:
            gc.unfreeze()


HOME_SOURCE = "index.md"


def _render_no_markdown(page: Page, config: MkDocsConfig, files: Files) -> None:
    """In place of ``Page.render`` on a generated page: what it leaves on a page of no Markdown,
    without making a Markdown converter with every extension for it (about 0.2 ms a
    page; the engine makes the page's HTML)."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def _mark(file: File, modified: bool) -> None:
    """Whether MkDocs' ``--dirty`` build writes ``file``: decided here, not by modification times."""
    file.is_modified = lambda: modified  # type: ignore[method-assign]


def _file_digest(path: Path) -> str:
    return digest(path.read_bytes())


def _page_digest(page: GeneratedPage, file: File, rendered: tuple) -> str:
    """What a generated page's output is made from, besides the navigation and the configuration."""
    return digest(page.title, file.edit_uri, page.in_nav, page.searchable, rendered)


_hooks = DossierHooks()
"""The state of the running command; replaced by ``on_startup``."""


def on_startup(command: str, dirty: bool) -> None:
    global _hooks
    _hooks = DossierHooks(command, dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return _hooks.on_config(config)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    return _hooks.on_serve(server, config, builder)


def on_pre_build(config: MkDocsConfig) -> None:
    _hooks.on_pre_build(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _hooks.on_files(files, config)


def on_env(env, config: MkDocsConfig, files: Files):
    return _hooks.on_env(env, config, files)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _hooks.on_page_markdown(markdown, page, config, files)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _hooks.on_page_content(html, page, config, files)


@event_priority(100)  # before the search plugin (priority 0) reads the page
def _render_generated(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    return _hooks.render_generated(context, page, config, nav)


@event_priority(-100)  # after the search plugin, before the template
def _restore_generated(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    return _hooks.restore_generated(context, page, config, nav)


on_page_context = CombinedEvent(_render_generated, _restore_generated)


def _let_go(output: str, page: Page, config: MkDocsConfig) -> str:
    return _hooks.on_post_page(output, page, config)


@event_priority(-100)  # the page as written, after every other change to it
def _index_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _hooks.index_page(output, page)


on_post_page = CombinedEvent(_let_go, _index_page)


@event_priority(50)  # before the search plugin writes its index
def _complete_search(config: MkDocsConfig) -> None:
    _hooks.complete_search(config)


def _write_exports(config: MkDocsConfig) -> None:
    _hooks.on_post_build(config)


@event_priority(-50)  # after every plugin has written its files
def _index_search(config: MkDocsConfig) -> None:
    _hooks.index_search(config)


@event_priority(-100)  # after every plugin has written its files, and the search index
def _put_site_in_place(config: MkDocsConfig) -> None:
    _hooks.put_site_in_place(config)


on_post_build = CombinedEvent(_complete_search, _write_exports, _index_search, _put_site_in_place)


def on_shutdown() -> None:
    if _hooks.watcher is not None:
        _hooks.watcher.stop()
    if _hooks.indexer is not None:
        _hooks.indexer.stop()
    if _hooks.collector is not None:
        _hooks.collector.stop()


def on_build_error(error: Exception) -> None:
    _hooks.on_build_error(error)

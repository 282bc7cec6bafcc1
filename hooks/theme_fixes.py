"""MkDocs hook: mend the spots of Material's HTML that the Nu Html Checker or axe-core reject,
that no theme override reaches (the repository link's API call is stopped by
``overrides/partials/source.html``).

- Section labels in the navigation carry ``tabindex=""`` (an empty string is
  not an integer): the attribute is dropped, which is what Material meant.
- Pages outside the navigation keep a ``<label for="__toc">`` whose checkbox
  is only written for pages in it: the dangling ``for`` is dropped.
- The search dialog has no accessible name (axe-core ``aria-dialog-name``):
  it is labelled "Search".

Pages also lose the indentation and blank lines of Material's templates around
their content, inside the content's ``<article>`` too (:func:`compact_chrome`): each run of whitespace holding a line
break becomes one line break, which HTML renders alike (the chrome has no
``<pre>``, ``<textarea>`` or multi-line attribute), about 4 KB a page.

The theme's files that a site without Material's search plugin never loads are
not copied (:func:`drop_unused_theme_files`): the search worker and its lunr
language files (the site's search is Pagefind's), and the source maps of the
minified scripts and style sheets (read only by a browser's developer tools),
about 2.5 MB.

Material's palette script, inlined by its ``partials/javascripts/palette.html`` in every page, is
written once as ``assets/palette.js`` (:func:`palette_script`, taken from the installed theme's own
partial, so it follows the theme's version), which ``overrides/partials/javascripts/palette.html``
loads where Material inlines it: about 0.7 KB a page.

The header's icons are drawn from one file, ``assets/icons.svg`` (:func:`icon_sprite`, rendered
by the ``sprite`` macro of ``overrides/partials/icons.html`` from the theme's own icon files), to
which each page refers instead of carrying the drawings: about 3 KB a page.

Without Material's search plugin, the theme's configuration written in every page
(``<script id="__config">``) loses the search worker's address and the search
result messages (:func:`trim_config`): only Material's search component reads
them, and the header the site overrides has none (Pagefind's box shows its own
messages, from its form's data), about 0.4 KB a page.

Nothing else is touched; the page's own content (inside ``<article>``) is never rewritten here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from jinja2 import TemplateNotFound

from generator_api import File, Files, MkDocsConfig, Page

_EMPTY_TABINDEX = ' tabindex="">'
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_CONTENT = '<article class="md-content__inner md-typeset">'
_CONTENT_END = "</article>"
_WRAPPER_END = "</div>"
"""The closing tag of the theme's wrappers between a page's content and the end of its article."""
_SPACE = " \t\r"
"""What, beside line breaks, is a space in the runs :func:`compact_chrome` writes as one line break."""
_SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
_PALETTE_PARTIAL = "partials/javascripts/palette.html"
_PALETTE_FILE = "assets/palette.js"
_ICONS_PARTIAL = "partials/icons.html"
_ICONS_FILE = "assets/icons.svg"
_INLINE_SCRIPT = re.compile(r"<script>(.+?)</script>", re.DOTALL)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})
"""What Jinja's ``tojson`` escapes so that JSON stays inert inside a script element."""
_SOURCE_MAP = re.compile(r"assets/(javascripts|stylesheets)/[^/]+\.min\.(js|css)\.map")


def mend_html(output: str) -> str:
    """The page with the three faults mended."""
    output = output.replace(_EMPTY_TABINDEX, ">")
    output = output.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">')
    if 'id="__toc"' not in output:
        output = output.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return output


def compact_chrome(output: str) -> str:
    """The page with each run of whitespace that holds a line break, outside its content, written as
    one line break; a page without a content ``<article>`` is left as it is. The content is what
    the article holds from its heading (``<h1``) to its end, less the closing ``</div>`` tags and
    whitespace of the theme's wrappers around it (an article without a heading keeps all it holds)."""
    start = output.find(_CONTENT)
    end = output.rfind(_CONTENT_END)
    if start < 0 or end < start:
        return output
    heading = output.find("<h1", start, end)
    if heading < 0:
        return _one_line_break(output[:start]) + output[start:end] + _one_line_break(output[end:])
    tail = _wrappers_start(output, heading, end)
    return _one_line_break(output[:heading]) + output[heading:tail] + _one_line_break(output[tail:])


def _wrappers_start(output: str, content: int, end: int) -> int:
    """Where the whitespace and ``</div>`` tags that end the article (at ``end``) begin, after ``content``."""
    tail = end
    while tail > content:
        if output[tail - 1].isspace():
            tail -= 1
        elif output.endswith(_WRAPPER_END, content, tail):
            tail -= len(_WRAPPER_END)
        else:
            break
    return tail


def _one_line_break(text: str) -> str:
    """``text`` with each run of spaces, tabs and carriage returns that holds a line break written
    as one line break: the line breaks split the text, each line loses the spaces at its ends that
    touch a line break, and the lines left empty go (a regular expression took six times as long)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    middle = [line for line in (line.strip(_SPACE) for line in lines[1:-1]) if line]
    return "\n".join([lines[0].rstrip(_SPACE), *middle, lines[-1].lstrip(_SPACE)])


def _search_plugin(plugins: Iterable[str]) -> bool:
    return any(name in ("search", "material/search") for name in plugins)


def trim_config(output: str) -> str:
    """The page with its theme configuration rid of what only Material's search component reads:
    the worker's address and the ``search.*`` messages."""
    found = _CONFIG.search(output)
    if found is None:
        return output
    return output[: found.start(2)] + _trimmed_config(found.group(2)) + output[found.end(2) :]


@lru_cache(maxsize=64)
def _trimmed_config(text: str) -> str:
    """The configuration's JSON text without the search settings: worked out once for each text, which
    pages share (it differs only by the pages' depth), not parsed and written again for every page."""
    config = json.loads(text)
    config.pop("search", None)
    translations = config.get("translations") or {}
    config["translations"] = {k: v for k, v in translations.items() if not k.startswith("search.")}
    return json.dumps(config, ensure_ascii=False, separators=(",", ":")).translate(_JSON_IN_HTML)


def drop_unused_theme_files(files: Files, plugins: list[str]) -> Files:
    """``files`` without the theme's search worker and lunr files (unless a search plugin is among
    ``plugins``) and without the source maps of its minified scripts and style sheets."""
    search = _search_plugin(plugins)
    for file in list(files):
        path = file.src_uri
        if (not search and path.startswith(_SEARCH_ASSETS)) or _SOURCE_MAP.fullmatch(path):
            files.remove(file)
    return files


def palette_script(theme_dirs: Iterable[str]) -> str | None:
    """The script the theme's palette partial inlines, from the first of ``theme_dirs`` whose partial
    inlines one (the site's override loads the file instead, so the theme's own is found); None if none."""
    for folder in theme_dirs:
        partial = Path(folder) / _PALETTE_PARTIAL
        found = _INLINE_SCRIPT.search(partial.read_text(encoding="utf-8")) if partial.is_file() else None
        if found:
            return found.group(1)
    return None


def icon_sprite(config: MkDocsConfig) -> str | None:
    """The text of ``assets/icons.svg``: the ``sprite`` macro of the theme's ``partials/icons.html``
    (the site's override), given the site's configuration; None if that partial has no such macro."""
    try:
        partial = config.theme.get_env().get_template(_ICONS_PARTIAL)
    except TemplateNotFound:
        return None
    sprite = getattr(partial.module, "sprite", None)
    return None if sprite is None else str(sprite(config))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    script = palette_script(config.theme.dirs)
    if script is not None:
        files.append(File.generated(config, _PALETTE_FILE, content=script))
    sprite = icon_sprite(config)
    if sprite is not None:
        files.append(File.generated(config, _ICONS_FILE, content=sprite))
    return drop_unused_theme_files(files, list(config.plugins))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = compact_chrome(mend_html(output))
    return output if _search_plugin(config.plugins) else trim_config(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return mend_html(output_content) if template_name.endswith(".html") else output_content

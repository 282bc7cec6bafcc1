"""The engine's HTML fragments, rendered from Jinja2 templates that a site can override.

Every fragment the engine emits is a template under ``templates/fragments/dossier/``
in this package. A site overrides one by a file of the same relative name in its
own folder of templates (for MkDocs, the theme's ``custom_dir``:
``overrides/fragments/dossier/claim.html``), as Material's partials are
overridden. Templates are autoescaped: values already safe are
:class:`markupsafe.Markup` (the annotated text, inline Markdown), everything else
is escaped by the template engine; an undefined name is an error.

Template sources are prepared as they load (:class:`_FragmentLoader`):

- a line break and the indentation after it are dropped, so a template can be
  laid out on several lines while the HTML it writes stays on one. Write a space
  that must separate two lines as ``{{ " " }}`` at the end of the first;
- ``{% include "fragments/dossier/x.html" %}`` is replaced by the source of that
  fragment (overridden or shipped), so a fragment drawn for each claim of a page
  costs no call of its own. An included fragment sees the variables of the place
  it is included from, as with Jinja's own include.

A :class:`Renderer` compiles each template once; make one per build, so its
cache of inline Markdown (:meth:`Renderer.inline`) goes with the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined, Template, TemplateNotFound
from jinja2.runtime import Context
from markupsafe import Markup

from . import paging, paths
from .markup import escape, render_inline, strip_links
from .model import Topic
from .render import language_name, language_statement, original_language_name
from .timeline import group_by_date, period_ident
from .topics import comparison_target, other_claims

__all__ = ["FRAGMENTS", "SHIPPED", "Renderer", "single_quoted"]

SHIPPED = Path(__file__).resolve().parent / "templates"
"""The templates shipped with the engine."""

FRAGMENTS = "fragments/dossier"
"""The folder of the engine's templates, the same under the shipped and the overriding folders."""

_LINE_BREAK = re.compile(r"\n[ \t]*")
_INCLUDE = re.compile(r'\{%-?\s*include\s+"(fragments/dossier/[^"]+)"\s*-?%\}')
_INCLUDE_DEPTH = 8
"""How deep fragments may include each other (a deeper chain is a loop)."""
_INLINE_CACHE_LIMIT = 1 << 14
"""Inline Markdown renderings a :class:`Renderer` keeps before starting its cache afresh."""


class _FragmentLoader(BaseLoader):
    """Loads templates from ``folders``, the first holding a name winning; compacts them and inlines
    the fragments they include (see the module's docstring)."""

    def __init__(self, folders: list[Path]) -> None:
        self.loaders = [FileSystemLoader(str(folder)) for folder in folders]

    def _raw(self, environment: Environment, name: str) -> tuple[str, str | None, Callable[[], bool]]:
        for loader in self.loaders:
            try:
                return loader.get_source(environment, name)
            except TemplateNotFound:
                continue
        raise TemplateNotFound(name)

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        return self._prepared(environment, template, 0)

    def _prepared(self, environment: Environment, name: str, depth: int) -> tuple[str, str | None, Callable[[], bool]]:
        if depth > _INCLUDE_DEPTH:
            raise TemplateNotFound(f"{name} (included more than {_INCLUDE_DEPTH} levels deep: a loop?)")
        source, filename, uptodate = self._raw(environment, name)
        checks = [uptodate]

        def inline(match: re.Match[str]) -> str:
            text, _, check = self._prepared(environment, match.group(1), depth + 1)
            checks.append(check)
            return text

        source = _INCLUDE.sub(inline, _LINE_BREAK.sub("", source.strip("\n")))
        return source, filename, lambda: all(check() for check in checks)

    def list_templates(self) -> list[str]:
        return sorted({name for loader in self.loaders for name in loader.list_templates()})


class _Template(Template):
    """A compiled template that writes its values through the engine's :func:`~.markup.escape` (the same
    text as :func:`markupsafe.escape`, a string escaped without making a Markup of it first): the
    template engine calls ``escape`` on every value it writes, a third of the time spent rendering a
    source page."""

    @classmethod
    def from_code(cls, environment: Environment, code: Any, globals: Any, uptodate: Any = None) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = escape  # the module of the compiled template
        return template


_PLAIN_CALLABLES = frozenset({FunctionType, MethodType, BuiltinFunctionType, partial})
"""Kinds of callables that take no context from the template engine unless marked so (``jinja_pass_arg``)."""


class _Context(Context):
    """The context of a template's rendering, whose calls of a plain function or method (``href(…)``,
    ``comparisons.get(…)``: a quarter of a million a build) go straight to it: Jinja's own
    :meth:`~jinja2.runtime.Context.call` first looks on every callable for a context to pass it, twice.
    Anything else (macros, callables marked by ``pass_context`` and its kin) is called as Jinja calls it."""

    def call(self, function: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        if type(function) not in _PLAIN_CALLABLES or hasattr(function, "jinja_pass_arg"):
            return super().call(function, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return function(*args, **kwargs)
        except StopIteration:
            return self.environment.undefined("value was undefined because a callable raised a StopIteration exception")


class _TopicLinks(dict[str, Markup]):
    """Links to topics from one page, rendered on first use."""

    def __init__(self, template: Template, href: Callable[..., str], topics: Mapping[str, Topic]) -> None:
        super().__init__()
        self.template, self.href, self.topics = template, href, topics

    def __missing__(self, topic_id: str) -> Markup:
        found = self[topic_id] = Markup(self.template.render(t=topic_id, href=self.href, topics=self.topics))
        return found


def single_quoted(text: str) -> Markup:
    """``text`` escaped for an attribute value written in single quotes: ``&``, ``<``, ``>`` and ``'``
    as character references, ``"`` as it is (JSON in such an attribute keeps its quotes as they are,
    a fifth of the bytes of ``&#34;``)."""
    return Markup(str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;"))


class Renderer:
    """Renders the engine's fragments: from ``overrides`` first when given, else from :data:`SHIPPED`."""

    def __init__(self, overrides: Path | None = None) -> None:
        folders = [overrides] if overrides is not None else []
        self.overrides = overrides
        """The folder whose templates replace the shipped ones, if any."""
        self.environment = Environment(
            loader=_FragmentLoader([*folders, SHIPPED]),
            autoescape=True,
            undefined=StrictUndefined,
            auto_reload=False,
            cache_size=-1,
        )
        self.environment.template_class = _Template
        self.environment.context_class = _Context
        self.environment.filters.update(inline=self.inline, label=self.label, single_quoted=single_quoted)
        self.environment.globals.update(
            paths=paths,
            limits=paging,
            language_name=language_name,
            language_statement=language_statement,
            original_language_name=original_language_name,
            comparison_target=comparison_target,
            other_claims=other_claims,
            period_ident=period_ident,
            group_by_date=group_by_date,
        )
        self._inline: dict[str, Markup] = {}
        self._templates: dict[str, Template] = {}

    def template(self, name: str) -> Template:
        """The compiled template ``fragments/dossier/<name>.html``, compiled on first use."""
        found = self._templates.get(name)
        if found is None:
            found = self._templates[name] = self.environment.get_template(f"{FRAGMENTS}/{name}.html")
        return found

    def render(self, fragment: str, /, **context: Any) -> Markup:
        """The ``fragment`` (``claim`` for ``fragments/dossier/claim.html``) rendered with ``context``."""
        return Markup(self.template(fragment).render(context))

    def inline(self, text: str) -> Markup:
        """Inline Markdown as safe HTML (:func:`~.markup.render_inline`); kept for the renderer's life,
        at most :data:`_INLINE_CACHE_LIMIT` of them at a time, as the same text recurs on many pages."""
        found = self._inline.get(text)
        if found is None:
            if len(self._inline) >= _INLINE_CACHE_LIMIT:
                self._inline.clear()
            found = self._inline[text] = Markup(render_inline(text))
        return found

    def topic_links(self, href: Callable[..., str], topics: Mapping[str, Topic]) -> Mapping[str, Markup]:
        """The link to each topic from one page (``topic-link.html``), by topic id, each rendered
        once for the page however many claims list it."""
        return _TopicLinks(self.template("topic-link"), href, topics)

    def label(self, text: str) -> Markup:
        """Inline Markdown as safe HTML for use inside a link (:func:`~.markup.render_label`), from :meth:`inline`."""
        return Markup(strip_links(self.inline(text)))

"""What a generated page is made from, so that a rebuild can tell, without rendering it, that a page
renders as it did (``mkdocs serve`` rebuilds after an edit).

:class:`PageInputs` gives, for one build, each page's inputs (:meth:`PageInputs.of`): a value that
equals the last build's only if the page renders the same, or None when the page's inputs are not
known here (the caller then renders it and compares the result). Inputs are compared with ``==``:
sources are frozen and reused from the load cache when their files did not change, so comparing
them costs an identity check.

- A source's page is made from the source, its related sources, its chain of provenance, its
  claims' standings, the comparisons its claims take part in, as the "other sources say" line
  shows them (:func:`comparison_view`: each claim's figure, source, dates, anchor, not its text,
  which that line does not show), where comparisons are listed, the topics and the subjects.
- A page of a list (``_render_run``, the continuation pages of a topic's claims) is made from its
  run of items, its place in the list and what its body reads from the site, all of the analysis
  that is not in the items taken together (:attr:`PageInputs.whole`); a change there makes every
  such page render again. The bodies of lists read their items from the run and only the topics
  and subjects from the dossier they capture.
- A topic's first page is made from the topic, its first claims and their count, its sources,
  events and comparisons (their :func:`comparison_view` and their claims, whose texts they show)
  and :attr:`PageInputs.whole`.
- Any other page (the topics index, a failed source's page) is rendered and compared.

The layout and the templates are the same for every page of a build; the caller starts over
when the configuration or the templates change. Each build's inputs are made knowing the last
build's (``previous``): values shared by many pages (the comparisons, :attr:`PageInputs.whole`) are
compared once, and each page's inputs then hold the last build's object when equal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from .findings import SubjectFindings
from .generated import GeneratedPage, Site
from .model import Dossier, Source, Topic
from .pages import _render_run, _render_topic, _render_topic_claims
from .paths import Layout
from .provenance import Step
from .site import render_source_page
from .templates import Renderer
from .timeline import TimelineEvent
from .topics import ClaimRef, Comparison, ComparisonIndex, RelatedSource

__all__ = ["PageInputs", "comparison_view"]

_LISTS = (_render_run, _render_topic_claims)
_DATA = frozenset(
    {str, int, float, bool, type(None), Source, ClaimRef, Comparison, TimelineEvent, SubjectFindings, Step}
)
"""The types of values that are inputs as they are: frozen data holding no site, layout or function."""
_SAME = "same in every page of a build"


def comparison_view(comparison: Any) -> tuple:
    """What a page shows of a comparison beside one of its claims: everything but the claims' texts."""
    refs = tuple(
        (r.key, r.claim.anchor, r.figure, r.source.title, r.source.date, r.as_of, r.about) for r in comparison.refs
    )
    return (comparison.subject, comparison.kind, comparison.status, comparison.about, comparison.origins, refs)


def _same(value: Any, last: Any) -> Any:
    """``last`` when it equals ``value``: compared once here, then by identity in every page's inputs."""
    return last if last is not None and last == value else value


def _related_view(related: Sequence[RelatedSource]) -> tuple:
    return tuple((r.source.id, r.source.title, r.source.date, r.topics, r.subjects) for r in related)


class PageInputs:
    """The inputs of each generated page of one build."""

    def __init__(self, site: Site, previous: PageInputs | None = None) -> None:
        comparisons = {c.subject: comparison_view(c) for c in site.analysis.comparisons}
        shown = {c.subject: (comparisons[c.subject], tuple(r.claim for r in c.refs)) for c in site.analysis.comparisons}
        analysis, index = site.analysis, site.analysis.index
        topics = (tuple(site.dossier.topics), tuple(site.dossier.subjects))
        whole = (topics, analysis.standing, comparisons, index.listed, index.topics, analysis.provenance.chains)
        if previous is not None:  # the last build's equal values, so that pages compare them by identity
            comparisons = {s: _same(view, previous.comparisons.get(s)) for s, view in comparisons.items()}
            shown = {s: _same(view, previous.shown.get(s)) for s, view in shown.items()}
            whole = _same(
                tuple(_same(part, last) for part, last in zip(whole, previous.whole, strict=True)), previous.whole
            )
        self.comparisons: dict[str, tuple] = comparisons
        """Each comparison's :func:`comparison_view`, by subject."""
        self.whole: tuple = whole
        """What the pages of lists read from the site besides their items."""
        self._lists: dict[int, tuple[object, tuple]] = {}
        """Each list or tuple of the pages' arguments already made an input, by id (with the list, kept
        alive while this build's inputs are)."""
        self.shown: dict[str, tuple] = shown
        """Each comparison as a topic's page shows it, by subject: its :func:`comparison_view` and its
        claims (loaded objects, the same while their source does not change)."""

    def of(self, page: GeneratedPage) -> object | None:
        """``page``'s inputs, or None when not known without rendering it."""
        render = page.render
        if not isinstance(render, partial) or render.keywords:
            return None
        if render.func is render_source_page:
            return self._source_page(*render.args)
        if render.func is _render_topic:
            return self._topic_page(*render.args)
        if render.func in _LISTS:
            return (render.func.__name__, tuple(self._value(arg) for arg in render.args))
        return None

    def _source_page(self, source: Source, site: Site, related: Sequence[RelatedSource] = ()) -> tuple:
        analysis, index = site.analysis, site.analysis.index
        keys = [(source.id, claim.id) for claim in source.claims]
        compared = tuple(index.by_claim.get(key) for key in keys)
        return (
            source,
            _related_view(related),
            analysis.provenance.chains.get(source.id),
            tuple(analysis.standing.get(key) for key in keys),
            tuple(self.comparisons[c.subject] if c is not None else None for c in compared),
            self.whole[0],
            self.whole[3],
        )

    def _topic_page(self, topic: Topic, site: Site, runs: Sequence[Sequence[object]]) -> tuple:
        analysis = site.analysis
        topics = analysis.index.topics
        compared = tuple(self.shown[c.subject] for c in analysis.comparisons if topic.id in topics[c.subject])
        return (
            topic,
            tuple(runs[0]) if runs else (),
            sum(len(run) for run in runs),
            analysis.sources_by_topic.get(topic.id),
            analysis.events_by_topic.get(topic.id),
            compared,
            self.whole,
        )

    def _value(self, value: object) -> object:
        """An argument or captured variable as an input: the site and its index as :attr:`whole`,
        the layout and templates as the same, a function as its code and what it captured."""
        if isinstance(value, (Site, ComparisonIndex)):
            return self.whole
        if isinstance(value, Dossier):  # a list's body reads its items from its run, the topics from here
            return self.whole[0]
        if isinstance(value, (Layout, Renderer)):
            return _SAME
        if isinstance(value, (list, tuple)):
            if all(type(item) in _DATA for item in value):
                return tuple(value)
            known = self._lists.get(id(value))
            if known is None or known[0] is not value:  # a list several pages capture is walked once
                known = self._lists[id(value)] = (value, tuple(self._value(item) for item in value))
            return known[1]
        if callable(value) and hasattr(value, "__code__"):
            return self._function(value)
        return value

    def _function(self, function: Callable) -> tuple:
        cells = tuple(self._value(cell.cell_contents) for cell in function.__closure__ or ())  # type: ignore[attr-defined]
        defaults = tuple(self._value(d) for d in function.__defaults__ or ())  # type: ignore[attr-defined]
        return (function.__code__, cells, defaults)  # type: ignore[attr-defined]

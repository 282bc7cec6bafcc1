"""Provenance: where each text comes from, which sources share an origin, and the dossier's graph of them.

Each source that declares an origin also gets a **reliability line**, its chain said in one
phrase (:func:`describe_reliability`): "Machine translation (French) of a republication; origin:
Reuters".

A source's ``derived_from`` lists its origins, nearest first; the last may be another
source of the dossier, whose own chain then continues it. :func:`check_derivations`
reports what a single file cannot tell (an unknown source, a loop);
:func:`trace_provenance` follows every chain once: each source's chain from its
farthest origin (:class:`Step`), its **origin** (the farthest step) and the graph
drawn on the provenance page (:func:`draw_provenance`). Claims whose sources' chains
share a text, their origin or one in between, are relayed, not corroborated
(:func:`.topics.independent_origins`). It writes no HTML.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

from .languages import UNDETERMINED, language_name
from .model import Source
from .paths import source_page_path
from .problems import Problem
from .schema import DERIVATIONS

__all__ = [
    "Edge",
    "GraphNode",
    "Provenance",
    "ProvenanceDrawing",
    "Step",
    "check_derivations",
    "describe_reliability",
    "draw_provenance",
    "trace_provenance",
]


@dataclass(frozen=True)
class Step:
    """One text along a chain of provenance.

    Attributes:
        key: ``source:<id>`` for a source of the dossier, ``name:<name>`` for an outside origin.
        label: Its name or title, for readers.
        page: Its page, for a source of the dossier.
        url: Its address, for an outside origin that gives one.
        how: How it derives from the step before it (a label); None for the first step.
        note: What changed on the way (inline Markdown).
    """

    key: str
    label: str
    page: str | None = None
    url: str | None = None
    how: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Provenance:
    """Every source's chain and origin.

    Attributes:
        chains: For each source id, its chain from its farthest origin to itself (the source alone when it declares no
            origin).
        reliability: For each source id that declares an origin, its chain in one phrase (:func:`describe_reliability`).
    """

    chains: dict[str, tuple[Step, ...]]
    reliability: dict[str, str] = field(default_factory=dict)

    @property
    def origins(self) -> dict[str, Step]:
        """For each source id, its farthest origin (itself when it declares none)."""
        return {ident: chain[0] for ident, chain in self.chains.items()}


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def _next_source(source: Source) -> str | None:
    last = source.derived_from[-1] if source.derived_from else None
    return last.source if last is not None else None


def check_derivations(sources: Sequence[Source]) -> list[Problem]:
    """The ``derived_from`` entries that name no source of the dossier, or that close a loop."""
    by_id = {s.id: s for s in sources}
    problems = []
    for source in sources:
        origin = source.derived_from[-1] if source.derived_from else None
        if origin is None or origin.source is None or source.annotation_path is None:
            continue
        at = (source.annotation_path, origin.line, origin.column)
        if origin.source not in by_id:
            hint = _suggest(origin.source, list(by_id))
            message = (
                f"Unknown source '{origin.source}' in derived_from.{hint} Name a source of the dossier by its slug"
            )
            problems.append(Problem(*at, f"{message}, or an outside origin with 'name'."))
            continue
        path = [source.id]
        ident: str | None = origin.source
        while ident is not None and ident in by_id and ident not in path:
            path.append(ident)
            ident = _next_source(by_id[ident])
        if ident == source.id:
            loop = " → ".join([*path, source.id])
            problems.append(Problem(*at, f"derived_from makes a loop: {loop}. A text cannot derive from itself."))
    return problems


def _source_step(source: Source, how: str | None = None, note: str | None = None) -> Step:
    return Step(f"source:{source.id}", source.title, source_page_path(source.id), None, how, note)


def _chain(source: Source, by_id: dict[str, Source], seen: frozenset[str]) -> list[Step]:
    origins = source.derived_from
    if not origins:
        return [_source_step(source)]
    last = origins[-1]
    if last.source is not None:
        found = by_id.get(last.source)
        head = _chain(found, by_id, seen | {source.id}) if found and found.id not in seen else []
    else:
        assert last.name is not None
        head = [Step(f"name:{last.name.casefold()}", last.name, None, last.url)]
    steps = list(head)
    for nearer, farther in zip(reversed(origins[:-1]), reversed(origins[1:]), strict=True):
        assert nearer.name is not None
        steps.append(
            Step(f"name:{nearer.name.casefold()}", nearer.name, None, nearer.url, farther.how_label, farther.note)
        )
    steps.append(_source_step(source, origins[0].how_label, origins[0].note))
    return steps


def trace_provenance(sources: Sequence[Source]) -> Provenance:
    """Every source's chain from its farthest origin, and its reliability line."""
    by_id = {s.id: s for s in sources}
    chains = {s.id: tuple(_chain(s, by_id, frozenset())) for s in sources}
    lines = {s.id: describe_reliability(chains[s.id], s.language) for s in sources}
    return Provenance(chains, {ident: line for ident, line in lines.items() if line is not None})


_TRANSLATIONS = frozenset({DERIVATIONS["translation"], DERIVATIONS["machine-translation"]})
"""The derivations after which the line names the text's language."""


def _with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def describe_reliability(chain: Sequence[Step], language: str | None = None) -> str | None:
    """The chain as one phrase that says how far the text stands from its origin: each derivation,
    nearest first, then the farthest origin by its name:
    ``Machine translation (French) of a republication; origin: Reuters``.

    ``chain`` runs from the farthest origin to the text (:func:`trace_provenance`); ``language``
    is the text's (BCP 47), named after a translation. A source of the dossier is named by its title,
    quoted; the outside texts on the way are left to the chain itself, as their names may be
    descriptions ("an unnamed Spanish-language site"). Only what the chain states is said: nothing
    for a text that declares no origin.
    """
    if len(chain) < 2:
        return None
    first = chain[-1].how or ""  # every step but the farthest says how it derives
    named = language is not None and language != UNDETERMINED and first in _TRANSLATIONS
    said = first[:1].upper() + first[1:] + (f" ({language_name(language)})" if named else "")
    for step in reversed(chain[1:-1]):
        said += f" of {_with_article(step.how or '')}" + (f" (“{step.label}”)" if step.page else "")
    origin = chain[0]
    return f"{said}; origin: " + (f"“{origin.label}”" if origin.page else origin.label)


@dataclass(frozen=True)
class GraphNode:
    """A text drawn on the provenance graph.

    Attributes:
        step: The text.
        x: Left edge.
        y: Top edge.
    """

    step: Step
    x: int
    y: int

    @property
    def short(self) -> str:
        """The label as the box shows it: cut to fit, the full label being the box's title."""
        return self.step.label if len(self.step.label) <= _LABEL_CHARS else self.step.label[: _LABEL_CHARS - 1] + "…"


@dataclass(frozen=True)
class Edge:
    """An arrow from an origin to a text derived from it.

    Attributes:
        how: How the text derives from its origin.
    """

    x1: int
    y1: int
    x2: int
    y2: int

    how: str | None


@dataclass(frozen=True)
class ProvenanceDrawing:
    """The geometry of the provenance graph: origins on the left, derived texts to their right."""

    nodes: tuple[GraphNode, ...]
    edges: tuple[Edge, ...]
    width: int
    height: int
    node_width: int
    node_height: int


_LABEL_CHARS = 32
"""The most characters of a label that fit in a box."""
_NODE_WIDTH, _NODE_HEIGHT = 220, 44
"""A box's size, in pixels."""
_GAP_X, _GAP_Y = 60, 16
"""The space between two columns of boxes, and between two boxes of a column."""


def draw_provenance(provenance: Provenance) -> ProvenanceDrawing:
    """Lay out every chain: each text in the column of its distance from its farthest origin,
    in the order first met, and an arrow along each derivation."""
    columns: dict[str, int] = {}
    order: list[str] = []
    steps: dict[str, Step] = {}
    links: dict[tuple[str, str], str | None] = {}
    for chain in provenance.chains.values():
        for depth, step in enumerate(chain):
            if step.key not in columns:
                order.append(step.key)
                columns[step.key] = depth
            steps.setdefault(step.key, step)
            if depth:
                links.setdefault((chain[depth - 1].key, step.key), step.how)
    rows: dict[int, int] = {}
    place: dict[str, tuple[int, int]] = {}
    for key in order:
        column = columns[key]
        row = rows.get(column, 0)
        rows[column] = row + 1
        place[key] = (column * (_NODE_WIDTH + _GAP_X) + 10, row * (_NODE_HEIGHT + _GAP_Y) + 10)
    nodes = tuple(GraphNode(steps[key], *place[key]) for key in order)
    edges = tuple(
        Edge(
            place[a][0] + _NODE_WIDTH,
            place[a][1] + _NODE_HEIGHT // 2,
            place[b][0],
            place[b][1] + _NODE_HEIGHT // 2,
            how,
        )
        for (a, b), how in links.items()
    )
    width = (max(columns.values(), default=0) + 1) * (_NODE_WIDTH + _GAP_X) - _GAP_X + 20
    height = max(rows.values(), default=1) * (_NODE_HEIGHT + _GAP_Y) - _GAP_Y + 20
    return ProvenanceDrawing(nodes, edges, width, height, _NODE_WIDTH, _NODE_HEIGHT)

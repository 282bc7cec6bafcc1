"""The engine's shape: no import cycle between its modules, and exports that never depend on HTML code."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "hooks" / "dossier"
HTML_MODULES = {"generated", "markup", "pages", "render", "site", "templates"}
"""The modules that build pages and their HTML."""
EXPORTS = ("export", "w3c")


def imports_of(path: Path) -> set[str]:
    """The engine modules ``path`` imports anywhere (top level or inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.split(".")[0] == "dossier" and "." in node.module:
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("dossier."))
    return found


def engine_graph() -> dict[str, set[str]]:
    """Each engine module and the engine modules it imports."""
    modules = {p.stem: p for p in ENGINE.glob("*.py")}
    return {name: imports_of(path) & modules.keys() for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as the list of modules along it (first repeated last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or not."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from .b import x\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("def f():\n    from . import a\n", encoding="utf-8")
    graph = {p.stem: imports_of(p) for p in tmp_path.glob("*.py")}
    assert find_cycle(graph) == ["a", "b", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_the_engine() -> None:
    graph = engine_graph()
    assert len(graph) > 10
    assert find_cycle(graph) is None


def test_exports_depend_on_no_html_module() -> None:
    graph = engine_graph()
    for export in EXPORTS:
        assert reachable(graph, export) & HTML_MODULES == set(), export
        assert {"model", "paths", "analysis"} & reachable(graph, export)

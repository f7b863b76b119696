"""One direction: no module of ``kg`` imports, however indirectly, a module that imports it.

The graph counts every import statement a module holds, at any depth: top level, inside a
function (a deferred import still makes the two modules depend on each other) and under
``if TYPE_CHECKING`` (an annotation naming a later stage's record is still a dependency).
Shared records belong in a module of their own that the stages import
(``kg/extract/state.py``), not in a later stage imported back.
Importing a submodule is not counted as depending on its package's ``__init__``.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import kg

ROOT = Path(kg.__file__).resolve().parent


def module_name(path: Path, root: Path) -> str:
    parts = ("kg", *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The modules of ``known`` that the module ``name`` imports anywhere in its source."""
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # ``from kg import lexicon`` imports the module kg.lexicon; ``from kg.x import f`` kg.x
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    paths = sorted(root.rglob("*.py"))
    names = {p: module_name(p, root) for p in paths}
    known = set(names.values())
    return {names[p]: imported_modules(p.read_text(encoding="utf-8"), names[p], p.name == "__init__.py", known) for p in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as a list of modules (first = last), or [] if there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def test_kg_modules_import_in_one_direction():
    graph = import_graph()
    assert "kg.extract.state" in graph and graph["kg.extract.document"], "the graph reads the package"
    cycle = find_cycle(graph)
    assert not cycle, "import cycle: " + " → ".join(cycle)


@pytest.mark.parametrize(
    "modules, expected",
    [
        # a deferred import and an annotation-only import are edges like any other
        ({"a": "from kg.b import f\n", "b": "def g():\n    from kg.a import h\n"}, ["kg.a", "kg.b", "kg.a"]),
        (
            {"a": "from kg.b import f\n", "b": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from kg.a import T\n"},
            ["kg.a", "kg.b", "kg.a"],
        ),
        ({"a": "from kg import b\n", "b": "import kg.a\n"}, ["kg.a", "kg.b", "kg.a"]),
        ({"a": "from . import b\n", "b": "from .c import x\n", "c": "from .a import y\n"}, ["kg.a", "kg.b", "kg.c", "kg.a"]),
        # a shared record module both import is no cycle
        ({"a": "from kg.state import S\nfrom kg.b import f\n", "b": "from kg.state import S\n", "state": "import re\n"}, []),
    ],
)
def test_cycle_finder_sees_every_kind_of_import(tmp_path, modules, expected):
    for name, source in modules.items():
        (tmp_path / f"{name}.py").write_text(source, encoding="utf-8")
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    assert find_cycle(import_graph(tmp_path)) == expected

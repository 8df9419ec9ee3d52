"""No import circles in ``src/marsad``: the module-level import graph is acyclic.

The graph is built with :mod:`ast` from the top-level statements of every module (imports inside
functions and ``if TYPE_CHECKING:`` blocks are left out: they run later, or never). ``from a.b
import c`` is an edge to ``a.b.c`` when that is a module, else to ``a.b``; a package's
``__init__`` is not added as a parent of each submodule import (Python imports it first, but
every module of ``marsad`` would then sit on a circle through the root package).

A second test adds the imports inside functions: a circle hidden by moving one of its imports into
a function is still a circle (``pipeline ⇄ registrations`` was one); a function-level import is for
an optional dependency or start-up time, and says so in a comment.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "marsad"

#: Circles that run through files another refactoring owns (store/, ingest/, scale/load.py,
#: cli/ingest.py, api/): allowed for now, as the sorted modules of each strongly connected
#: component; remove an entry once its circle is broken (the test fails while a listed one is gone).
ALLOWED_CYCLES: frozenset[tuple[str, ...]] = frozenset()

#: The same, with the imports inside functions counted too.
ALLOWED_CYCLES_WITH_FUNCTIONS: frozenset[tuple[str, ...]] = frozenset({
    # ingest.base looks up its built-in sources in a function (builtins → feeds, files), which
    # import base (and fetch, which imports base) at the top; files ⇄ feeds and files ⇄ archives
    # open one another in functions
    ("marsad.ingest.archives", "marsad.ingest.base", "marsad.ingest.builtins", "marsad.ingest.feeds",
     "marsad.ingest.fetch", "marsad.ingest.files", "marsad.ingest.html"),
})  # fmt: skip


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")  # fmt: skip


def _function_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement of the module but those under ``if TYPE_CHECKING:``."""
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
               for stmt in node.body for n in ast.walk(stmt)}  # fmt: skip
    return [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) and id(n) not in skipped]


def _top_level_imports(body: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """The import statements run when the module is imported (not in functions or classes)."""
    out: list[ast.Import | ast.ImportFrom] = []
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                out += _top_level_imports(node.body)
            out += _top_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                out += _top_level_imports(block)
        elif isinstance(node, ast.With):
            out += _top_level_imports(node.body)
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The longest module of the package that ``name`` names (a.b.C → a.b)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(functions: bool = False) -> dict[str, set[str]]:
    """Module → the modules of the package it imports (``functions``: inside functions too)."""
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for mod, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        is_pkg = path.name == "__init__.py"
        for node in _function_imports(tree) if functions else _top_level_imports(tree.body):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:  # relative: from the module's package upwards
                    anchor = mod.split(".")[: len(mod.split(".")) - node.level + (1 if is_pkg else 0)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                hit = _resolve(target, modules)
                if hit is not None and hit != mod:
                    graph[mod].add(hit)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[tuple[str, ...]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[tuple[str, ...]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(tuple(sorted(comp)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert "marsad.pipeline" in graph and "marsad.article" in graph["marsad.pipeline"]


def test_no_import_cycles() -> None:
    found = set(cycles(import_graph()))
    new = found - ALLOWED_CYCLES
    assert new == set(), "import circles: " + "; ".join(" ⇄ ".join(c) for c in new)
    assert ALLOWED_CYCLES - found == set(), "allow-listed circles that are gone: remove them from ALLOWED_CYCLES"


def test_no_import_cycles_through_functions() -> None:
    found = set(cycles(import_graph(functions=True)))
    allowed = ALLOWED_CYCLES_WITH_FUNCTIONS
    assert found - allowed == set(), "import circles: " + "; ".join(" ⇄ ".join(c) for c in found - allowed)
    assert allowed - found == set(), "allow-listed circles that are gone: remove them"

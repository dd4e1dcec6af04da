"""The package's layers: no import cycle at module level, no import from a lower layer to a
higher one (module-level and function-level imports alike).

The imports are read with ``ast`` (nothing is imported), relative ones resolved. A
module belongs to the layer of the longest name in ``LAYERS`` it starts with (the top
package's name covers its ``__init__`` only); a module no entry covers fails the test, so
a new module gets its place by a decision.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "policy_extract"

# Lowest first. A module may import its own layer and the ones before it, never a later one.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("errors and package data", ("policy_extract.errors", "policy_extract.about",
                                 "policy_extract.data")),
    # the rule loader and registry: every stage reads its data files through them
    ("rules", ("policy_extract.rules",)),
    # data types and their plain views: Document.tree() calls the text view, and the views
    # (render/) read nothing but the schema
    ("data types", ("policy_extract.schema", "policy_extract.numbers", "policy_extract.dates",
                    "policy_extract.render")),
    ("text", ("policy_extract.text", "policy_extract.io")),
    ("time frames", ("policy_extract.frames",)),
    # the run's state on the spaCy Doc, and the Doc -> Document conversion
    ("doc state", ("policy_extract.extensions", "policy_extract.export")),
    # the learned parts the components call (features, the status model)
    ("model parts", ("policy_extract.model.features", "policy_extract.model.status")),
    # spaCy components; the tokenizer and the frames component write the doc state too
    ("components", ("policy_extract.components", "policy_extract.frames.component",
                    "policy_extract.text.tokenizer")),
    ("pipeline", ("policy_extract.pipeline",)),
    # what runs the pipeline over files and corpora, scores it, checks its data
    ("services", ("policy_extract.corpus", "policy_extract.evaluate", "policy_extract.batch",
                  "policy_extract.rule_checks")),
    # built on those: benchmarks, Spark, DataFrames, tracking, training; the package's
    # own __init__ (the public API re-exports track and to_dataframe)
    ("applications", ("policy_extract", "policy_extract.bench", "policy_extract.distributed",
                      "policy_extract.dataframe", "policy_extract.track", "policy_extract.model")),
    ("command line", ("policy_extract.cli", "policy_extract.__main__")),
    # the old import paths, kept for users' code: render_html still answers cmd_render and
    # register_cli from the CLI, so these sit above it, and nothing in the package imports them
    ("old import paths", ("policy_extract.render_text", "policy_extract.render_html")),
)


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    line: int
    module_level: bool  # runs when ``src`` is imported (not inside a function)
    implicit: bool = False  # the package a ``from pkg.mod import x`` runs first
    typing_only: bool = False  # under ``if TYPE_CHECKING:``


def module_names(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package ``__init__``) for every ``.py`` under ``root``."""
    out = {}
    for p in sorted(root.rglob("*.py")):
        parts = list(p.relative_to(root.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_pkg else parts)] = (p, is_pkg)
    return out


def _resolve(mod: str, is_pkg: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    parts = mod.split(".") if is_pkg else mod.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, in_function: bool = False, typing_only: bool = False):
    """Every import node under ``node`` with (inside a function, under TYPE_CHECKING)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child, in_function, typing_only
        fn = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef,
                                               ast.Lambda))
        tc = typing_only or (isinstance(child, ast.If) and _is_type_checking(child))
        yield from _walk(child, fn, tc)


def _targets(mod: str, is_pkg: bool, node, mods) -> list[tuple[str, bool]]:
    """(imported module, implicit) for one import statement, within the package only."""
    found: list[tuple[str, bool]] = []
    if isinstance(node, ast.Import):
        for alias in node.names:
            parts = alias.name.split(".")
            for i in range(1, len(parts) + 1):  # import a.b.c runs a, a.b, then a.b.c
                found.append((".".join(parts[:i]), i < len(parts)))
        return [(t, imp) for t, imp in found if t in mods]
    base = _resolve(mod, is_pkg, node)
    subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in mods]
    found += [(s, False) for s in subs]
    # `from pkg import mod` runs pkg first; `from pkg import name` needs pkg itself
    found.append((base, len(subs) == len(node.names)))
    return [(t, imp) for t, imp in found if t in mods]


def import_edges(root: Path) -> tuple[dict[str, tuple[Path, bool]], list[Edge]]:
    """The package's modules and every import among them."""
    mods = module_names(root)
    edges = []
    for mod, (path, is_pkg) in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, in_function, typing_only in _walk(tree):
            for dst, implicit in _targets(mod, is_pkg, node, mods):
                # an enclosing package is already being imported: no new import runs
                if dst == mod or mod.startswith(dst + "."):
                    continue
                edges.append(Edge(mod, dst, node.lineno, not in_function, implicit,
                                  typing_only))
    return mods, edges


def module_cycles(edges: list[Edge]) -> list[list[str]]:
    """Strongly connected groups (more than one module) of the imports that run at import
    time, each as one cycle through it (Tarjan)."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        if e.module_level and not e.typing_only:
            graph.setdefault(e.src, set()).add(e.dst)
            graph.setdefault(e.dst, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

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
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(_one_cycle(sorted(group), graph))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return groups


def _one_cycle(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A path from the group's first module back to it, inside the group (for the message)."""
    inside = set(group)
    start = group[0]
    paths = {start: [start]}
    todo = [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(graph[v] & inside):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                todo.append(w)
    return group


def layer_of(mod: str, layers=LAYERS) -> int | None:
    """Index in ``layers`` of the longest prefix that names ``mod`` or a package above it;
    the top package's own name (no dot) names its ``__init__`` alone."""
    best, best_len = None, -1
    for i, (_, prefixes) in enumerate(layers):
        for p in prefixes:
            covers = mod == p or ("." in p and mod.startswith(p + "."))
            if covers and len(p) > best_len:
                best, best_len = i, len(p)
    return best


def upward_imports(edges: list[Edge], layers=LAYERS) -> list[str]:
    """Each import from a lower layer to a higher one, as ``src:line -> dst (a < b)``."""
    out = []
    for e in edges:
        if e.implicit:  # the package a submodule import runs first: not a dependency on it
            continue
        a, b = layer_of(e.src, layers), layer_of(e.dst, layers)
        if a is not None and b is not None and a < b:
            where = "module level" if e.module_level else "in a function"
            out.append(f"{e.src}:{e.line} -> {e.dst} ({where}): layer {layers[a][0]!r} "
                       f"imports {layers[b][0]!r}")
    return sorted(set(out))


@pytest.fixture(scope="module")
def graph():
    return import_edges(PACKAGE)


def test_every_module_has_a_layer(graph):
    mods, _ = graph
    assert [m for m in mods if layer_of(m) is None] == []


def test_no_import_cycle_at_module_level(graph):
    _, edges = graph
    assert module_cycles(edges) == []


def test_no_import_from_a_lower_layer_to_a_higher_one(graph):
    _, edges = graph
    assert upward_imports(edges) == []


def test_the_library_never_imports_the_command_line(graph):
    _, edges = graph
    cli = layer_of("policy_extract.cli")
    assert cli == layer_of("policy_extract.__main__") == len(LAYERS) - 2
    assert sorted({e.src for e in edges if layer_of(e.dst) == cli
                   and layer_of(e.src) < cli}) == []


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")


def test_a_cycle_and_an_upward_import_are_reported(tmp_path):
    # a synthetic package: low <-> mid at module level, and low calling up into top.cmd
    pkg = tmp_path / "pkg"
    _write(pkg, {
        "__init__.py": "",
        "low.py": "from .mid import B\n\ndef f():\n    from .top import cmd\n",
        "mid.py": "from . import low\nB = 1\n",
        "top/__init__.py": "",
        "top/cmd.py": "from ..low import f\n",
        "ok.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .ok2 import X\n",
        "ok2.py": "from .ok import TYPE_CHECKING\n",
    })
    layers = (("low", ("pkg.low", "pkg.ok", "pkg.ok2", "pkg")), ("mid", ("pkg.mid",)),
              ("top", ("pkg.top",)))
    mods, edges = import_edges(pkg)
    assert set(mods) == {"pkg", "pkg.low", "pkg.mid", "pkg.top", "pkg.top.cmd", "pkg.ok",
                         "pkg.ok2"}
    # a TYPE_CHECKING import runs nothing: ok <-> ok2 is no cycle
    assert module_cycles(edges) == [["pkg.low", "pkg.mid", "pkg.low"]]
    up = upward_imports(edges, layers)
    assert any(u.startswith("pkg.low:1 -> pkg.mid (module level)") for u in up)
    assert any(u.startswith("pkg.low:4 -> pkg.top.cmd (in a function)") for u in up)
    # `from .top import cmd` runs pkg.top first, but depends on pkg.top.cmd only
    assert not any(u.startswith("pkg.low:4 -> pkg.top ") for u in up)
    assert layer_of("pkg.top.cmd", layers) == 2 and layer_of("pkg", layers) == 0
    assert layer_of("pkg.other", layers) is None  # a new module needs its layer named

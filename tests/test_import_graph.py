"""The layers, read from the source: no import cycle between modules or between packages, and
each package imports only the layers below it.

Every `import` and `from … import` counts, at module level and inside functions (a function-level
import is a dependency all the same, only a later one). Imports under `if TYPE_CHECKING:` do not
count: they exist for the type checker and never run.

The layers, bottom up: `wording`; `policy` (rules and data, no geometry); `geodata` (geometry,
uses policy's names and models); `briefing` (combines policy and geodata); `ui`; the page
(`dashboard.py`). One documented module composes upwards: `policy.cli_places`, which gives
`python -m policy evaluate --place` the places of `geodata`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("wording", "policy", "geodata", "briefing", "ui")
COMPOSITION = {"policy.cli_places"}
ALLOWED = {
    "wording": set(),
    "policy": {"wording"},
    "geodata": {"wording", "policy"},
    "briefing": {"wording", "policy", "geodata"},
    "ui": {"wording", "policy", "geodata", "briefing"},
    "dashboard": {"wording", "policy", "geodata", "briefing", "ui"},
}


def _modules() -> dict[str, Path]:
    modules = {"dashboard": ROOT / "dashboard.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


MODULES = _modules()


def _type_checking_nodes(tree: ast.AST) -> set[ast.AST]:
    """The import nodes inside `if TYPE_CHECKING:` blocks."""
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                skipped.update(ast.walk(child))
    return skipped


def _project_module(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                parts = parts if is_package else parts[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
            # `from policy import x` names the module policy.x when there is one.
            names = [n for n in names if n in MODULES] or [base]
        for name in names:
            target = _project_module(name)
            if target and target != module:
                found.add(target)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package(module: str) -> str:
    return module.split(".")[0]


def _package_graph() -> dict[str, set[str]]:
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in GRAPH.items():
        if module in COMPOSITION:
            continue
        for target in targets:
            if _package(target) != _package(module):
                packages[_package(module)].add(_package(target))
    return packages


def test_the_graph_is_read() -> None:
    """The walk sees function-level imports (policy.cli_places imports geodata in functions)."""
    assert "geodata" in {_package(target) for target in GRAPH["policy.cli_places"]}
    assert "policy.rules" in GRAPH["policy.cli"]


def test_no_cycle_between_modules() -> None:
    assert _cycles(GRAPH) == []


def test_no_cycle_between_packages() -> None:
    assert _cycles(_package_graph()) == []


def test_each_package_imports_only_the_layers_below() -> None:
    wrong = {
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if module not in COMPOSITION
        for target in targets
        if _package(target) != _package(module)
        and _package(target) not in ALLOWED[_package(module)]
    }
    assert sorted(wrong) == []


def test_the_composition_module_is_the_only_upward_import_of_policy() -> None:
    upward = {
        module
        for module, targets in GRAPH.items()
        if _package(module) == "policy"
        and any(_package(t) in ("geodata", "briefing", "ui") for t in targets)
    }
    assert upward == COMPOSITION

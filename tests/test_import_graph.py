"""The import graph of engine, training and app, read from the source with ``ast``: it has no
cycle (not even through an import inside a function, which only hides one); the layers hold
(engine and training never import app or Qt; training is below app); and the app uses the
engine only through its public names (never spandrel, never a name starting with ``_``).

Every import counts, wherever it stands, except those under ``if TYPE_CHECKING:``, which
never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "training", "app")
QT = ("PySide6", "pyqtgraph", "qtawesome")
FORBIDDEN = {"engine": ("app", "training", *QT), "training": ("app", *QT)}
"""What each lower layer must never import (its own name's first part)."""

Graph = dict[str, set[str]]


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(nodes: Iterable[ast.AST]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in or below ``nodes``, but those under ``if TYPE_CHECKING:``."""
    for node in nodes:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _imports(node.orelse)
        else:
            yield from _imports(ast.iter_child_nodes(node))


def imported_names(source: str, module: str, is_package: bool) -> set[str]:
    """The dotted names ``module`` imports: for ``from X import Y``, ``X.Y`` where that may be
    a module as well as ``X`` (the caller keeps the names that are modules)."""
    names: set[str] = set()
    for node in _imports([ast.parse(source)]):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = module.split(".")
            anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
            base = ".".join([*anchor, base] if base else anchor)
        names.add(base)
        names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def build_graph(root: Path, packages: tuple[str, ...] = PACKAGES) -> tuple[Graph, Graph]:
    """The imports among the modules of ``packages`` below ``root``, and every import each
    module makes (outside modules included, by their full dotted name)."""
    sources = {
        module_name(path, root): path
        for package in packages
        for path in sorted((root / package).rglob("*.py"))
    }
    everything = {
        module: imported_names(path.read_text(encoding="utf-8"), module, path.stem == "__init__")
        for module, path in sources.items()
    }
    inside = {
        module: {name for name in names if name in sources} for module, names in everything.items()
    }
    return inside, everything


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle of ``graph`` as the modules along it (the first repeated at the end), or None."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str] | None:
        path.append(module)
        on_path.add(module)
        for target in sorted(graph.get(module, ())):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                found = visit(target)
                if found:
                    return found
        path.pop()
        on_path.discard(module)
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done:
            found = visit(module)
            if found:
                return found
    return None


@pytest.fixture(scope="module")
def graphs() -> tuple[Graph, Graph]:
    return build_graph(REPO)


def test_the_modules_import_one_another_without_a_cycle(graphs):
    cycle = find_cycle(graphs[0])
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_lower_layer_never_imports_a_higher_one_or_qt(graphs, layer):
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in graphs[1].items()
        if module.split(".")[0] == layer
        for name in names
        if name.split(".")[0] in FORBIDDEN[layer]
    )
    assert not wrong, "\n".join(wrong)


def app_reaches_around_the_engine(names: Iterable[str]) -> list[str]:
    """The imported names by which a module of ``app`` reaches around the engine's public
    face: spandrel (the engine's model library wraps it), or an engine name (module or not)
    that starts with an underscore."""
    return sorted(
        name
        for name in names
        if name.split(".")[0] == "spandrel"
        or (name.split(".")[0] == "engine" and any(p.startswith("_") for p in name.split(".")))
    )


def test_the_app_uses_the_engine_only_through_its_public_names(graphs):
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in graphs[1].items()
        if module.split(".")[0] == "app"
        for name in app_reaches_around_the_engine(names)
    )
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_spandrel_and_private_engine_names():
    source = (
        "import spandrel.architectures\nfrom engine.restorer import _PlacedModel, Restorer\n"
        "from engine.library import _hidden\nfrom engine.library.catalog import all_models\n"
    )
    names = imported_names(source, "app.window", is_package=False)
    assert app_reaches_around_the_engine(names) == [
        "engine.library._hidden",
        "engine.restorer._PlacedModel",
        "spandrel.architectures",
    ]


def test_the_check_sees_a_cycle_hidden_in_a_function(tmp_path):
    package = tmp_path / "engine"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from engine.b import two\n\ndef one():\n    return two()\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from engine import a\n\n"
        "def two():\n    from engine import a\n\n    return a\n"
    )
    inside, _ = build_graph(tmp_path, ("engine",))
    assert find_cycle(inside) == ["engine.a", "engine.b", "engine.a"]
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from engine import a\n"
    )
    assert find_cycle(build_graph(tmp_path, ("engine",))[0]) is None

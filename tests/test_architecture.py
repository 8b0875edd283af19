"""The shape the code keeps: no import cycles, renderers never import readers, no private name
crosses a module, and no function in docconv/ runs past 60 lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "docconv"
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def imports(tree: ast.Module, known: set[str]) -> list[tuple[str, list[str], bool]]:
    """(module, names, at run time) for each docconv import; imports under TYPE_CHECKING are not run."""
    checking: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            checking |= {id(child) for statement in node.body for child in ast.walk(statement)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("docconv"):
            names = [alias.name for alias in node.names]
            submodules = [f"{node.module}.{n}" for n in names if f"{node.module}.{n}" in known]
            found.append((node.module, names, id(node) not in checking))
            found += [(sub, [], id(node) not in checking) for sub in submodules]
        elif isinstance(node, ast.Import):
            found += [(a.name, [], id(node) not in checking) for a in node.names if a.name.startswith("docconv")]
    return found


def import_graph() -> dict[str, set[str]]:
    """Module → the docconv modules it imports when run, lazily inside functions too: a lazy import still
    makes two modules depend on each other."""
    trees = modules()
    known = set(trees)
    return {
        name: {target for target, _, run in imports(tree, known) if run and target in known and target != name}
        for name, tree in trees.items()
    }


def test_no_import_cycles() -> None:
    graph = import_graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            # A package's __init__ importing its own submodule is how packages work, not a cycle.
            if target.startswith(node + ".") or node.startswith(target + "."):
                continue
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target] if target in path else [node, target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


def test_no_renderer_imports_a_reader() -> None:
    trees = modules()
    known = set(trees)
    offenders = [
        (name, target)
        for name, tree in trees.items()
        if name.startswith("docconv.renderers")
        for target, _, _ in imports(tree, known)
        if target.startswith("docconv.readers")
    ]
    assert not offenders, offenders


def test_no_private_name_is_imported_across_modules() -> None:
    trees = modules()
    known = set(trees)
    offenders = [
        (name, target, imported)
        for name, tree in trees.items()
        for target, names, _ in imports(tree, known)
        for imported in names
        if imported.startswith("_") and not imported.startswith("__")
    ]
    assert not offenders, offenders


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert not long, long


def test_the_docs_stand_alone() -> None:
    for path in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and "PITFALLS" not in text and "STYLE.md" not in text, path

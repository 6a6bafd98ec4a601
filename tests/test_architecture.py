"""The shape of the package, kept by tests: one package per pipeline stage, data flowing forward only.

    core (shared) <- load <- validate <- model <- render <- write

A module may import its own package, `core`, and the stages before its own; never a later stage, and no
two modules may import each other, directly or round about (imports inside functions count too). At
most eight modules stand directly under generator/ (the command line, the server, the pipeline, the
incremental build), and every module stays small enough to read in one sitting.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
STAGES = ("core", "load", "validate", "model", "render", "write")
#: top-level modules and the stages they may import; the rest (cli, serve, pipeline) may import anything
TOP_LEVEL_LIMITS = {"incremental": ("core",)}
MAX_TOP_LEVEL = 8
MAX_LINES = 400


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("generator",) + path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of the package that `name` imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found |= {c for c in candidates if c in modules and c != name}
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _stage(name: str) -> str | None:
    """The stage of a module; the package root (it holds only the version) counts as core."""
    parts = name.split(".")
    if name == "generator":
        return "core"
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_no_import_from_a_later_stage():
    wrong = []
    for name, imported in sorted(_graph().items()):
        stage = _stage(name)
        top = name.split(".")[1] if name.count(".") == 1 else None
        for target in sorted(imported):
            target_stage = _stage(target)
            if stage is not None and (target_stage is None or STAGES.index(target_stage) > STAGES.index(stage)):
                wrong.append(f"{name} -> {target}")
            elif top in TOP_LEVEL_LIMITS and target_stage not in TOP_LEVEL_LIMITS[top]:
                wrong.append(f"{name} -> {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_circles():
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == []


def test_at_most_eight_modules_directly_under_generator():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(STAGES)


def test_every_module_is_small():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}

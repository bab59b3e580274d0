"""The house is one-way: the base (home/, config/) knows no app, and no modules import each other
in a loop. Walks the import statements of the source tree (function-level imports included),
so a lazy import inside a function counts as much as one at the top."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ("home", "config")
APPS = ("campaigns", "disclosures", "internal")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _source_modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in (*BASE, *APPS)
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _imported(module: str, path: Path, node, modules) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    else:
        prefix = node.module
    # `from package import submodule` imports the submodule; `from module import name` the module
    return [f"{prefix}.{a.name}" if f"{prefix}.{a.name}" in modules else prefix for a in node.names]


def import_graph() -> dict[str, set[str]]:
    modules = _source_modules()
    graph = {}
    for module, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _imported(module, path, node, modules):
                    while target not in modules and "." in target:
                        target = target.rsplit(".", 1)[0]
                    if target in modules and target != module:
                        targets.add(target)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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


def test_the_base_imports_no_app():
    upward = {
        module: sorted(t for t in targets if t.split(".")[0] in APPS)
        for module, targets in import_graph().items()
        if module.split(".")[0] in BASE
    }
    assert {module: targets for module, targets in upward.items() if targets} == {}


def test_apps_do_not_import_each_other():
    sideways = {
        module: sorted(
            t for t in targets if t.split(".")[0] in APPS and t.split(".")[0] != module.split(".")[0]
        )
        for module, targets in import_graph().items()
        if module.split(".")[0] in APPS
    }
    assert {module: targets for module, targets in sideways.items() if targets} == {}


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_checker_sees_what_it_should():
    """The walk must find a lazy import inside a function and report a planted loop."""
    graph = import_graph()
    assert "home.privacy" in graph["campaigns.models.case"]  # a top-level import
    assert "internal.models" in graph["internal.privacy"]  # an import inside a function
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


DEV_TOOLS = {
    "pytest",
    "pytest-django",
    "playwright",
    "ruff",
    "factory-boy",
    "wagtail-factories",
    "time-machine",
}


def _locked(name: str) -> set[str]:
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return {
        line.split("==")[0].strip().lower() for line in lines if "==" in line and not line.startswith("#")
    }


def test_production_lock_holds_no_test_or_lint_tool():
    runtime, development = _locked("requirements.lock"), _locked("requirements-dev.lock")
    assert runtime & DEV_TOOLS == set()
    assert DEV_TOOLS <= development and runtime <= development
    # what the code imports at run time is declared, not only pulled in by something else
    assert {
        "wagtail",
        "django",
        "wagtail-localize",
        "django-q2",
        "pillow",
        "modelsearch",
        "croniter",
    } <= runtime

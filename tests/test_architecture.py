"""The house is one-way: the base (home/, config/) knows no app, and no modules import each other
in a loop. Walks the import statements of the source tree (function-level imports included),
so a lazy import inside a function counts as much as one at the top."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ("home", "config")
APPS = ("campaigns", "disclosures", "internal", "clues", "hotline")
# The one layering between apps: 府检线索互通 builds on the internal section (its member units, their
# liaisons and the procuratorate's groups). Never the other way round, and no other pair.
BUILDS_ON = {"clues": {"internal"}, "hotline": {"clues", "internal"}}


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
            t
            for t in targets
            if t.split(".")[0] in APPS
            and t.split(".")[0] != module.split(".")[0]
            and t.split(".")[0] not in BUILDS_ON.get(module.split(".")[0], set())
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
    assert "home.security.privacy" in graph["campaigns.models.case"]  # a top-level import
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


def _named_in_docs() -> tuple[set[str], set[str]]:
    """Paths (`home/caching/pages.py`, `home/listings/`) and dotted names (`home.models.BasePage`)
    that the README and docs/ quote in backticks."""
    import re

    paths, dotted = set(), set()
    for doc in (*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"):
        for quoted in re.findall(r"`([^`\s]+)`", doc.read_text(encoding="utf-8")):
            if re.fullmatch(
                r"(home|config|campaigns|disclosures|internal|clues|tests|bench|deploy|docs)/[\w/.-]*", quoted
            ):
                paths.add(quoted)
            elif re.fullmatch(r"(home|config|campaigns|disclosures|internal|clues)(\.\w+)+", quoted):
                dotted.add(quoted)
    return paths, dotted


def _defines(source: Path, name: str) -> bool:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name:
            return True
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
        if isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == name for a in node.names):
            return True
    return False


def _is_permission(app_label: str, codename: str) -> bool:
    """`internal.report_own_unit`: a custom permission declared in the app's models."""
    models = [ROOT / app_label / "models.py", *(ROOT / app_label / "models").glob("*.py")]
    return any(f'"{codename}"' in source.read_text(encoding="utf-8") for source in models if source.exists())


def test_the_architecture_document_names_only_what_exists():
    paths, dotted = _named_in_docs()
    assert paths and dotted
    missing = sorted(path for path in paths if not (ROOT / path).exists())
    for name in sorted(dotted):
        parts = name.split(".")
        if len(parts) == 2 and _is_permission(*parts):
            continue
        for cut in range(len(parts), 0, -1):
            base = ROOT.joinpath(*parts[:cut])
            source = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
            if source.exists():
                rest = parts[cut:]
                if rest and not _defines(source, rest[0]):
                    missing.append(name)
                break
        else:
            missing.append(name)
    assert not missing, f"named in the docs but not in the code: {missing}"


def test_no_template_opens_a_comment_it_does_not_close_on_the_same_line():
    """Django reads `{# … #}` as a comment on one line only: a multi-line one is printed to readers
    (it once put "A GET form of select boxes…" on /campaigns/). Longer notes use {% comment %}."""
    offenders = []
    for template in sorted((ROOT / "templates").rglob("*.html")) + sorted(ROOT.glob("*/templates/**/*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            rest = line
            while "{#" in rest:
                rest = rest[rest.index("{#") + 2 :]
                if "#}" not in rest:
                    offenders.append(f"{template.relative_to(ROOT)}:{number}")
                    break
                rest = rest[rest.index("#}") + 2 :]
    assert offenders == []

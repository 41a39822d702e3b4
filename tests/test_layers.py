"""The architecture as a test: which layer may import which, no import cycles, no Qt below the UI, panes
never import each other (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "desktop"
QT_FREE = ("core", "sources", "tagging", "store", "services")

# layer → the layers of ours it may import (any import: module level or inside a function, which is the same
# dependency, only later). "root" is desktop/*.py: entry points and composition, which may import anything.
ALLOWED = {
    "core": set(),
    "sources": {"core"},
    "tagging": {"core"},
    "store": {"core"},
    "services": {"core", "sources", "tagging", "store", "config"},
    "runtime": {"core", "services", "config"},
    "ui": {"core", "runtime", "services", "config"},
    "config": {"core"},
}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 2 and parts[1] == "config":
        return "config"
    if len(parts) >= 3 or (len(parts) == 2 and (PKG / parts[1]).is_dir()):
        return parts[1]
    return "root"


def module_name(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, *, runtime_only: bool = True) -> set[str]:
    """Modules of ours that `path` imports; `if TYPE_CHECKING:` blocks are left out (never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if runtime_only and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PKG.rglob("*.py")}


def our_imports(path: Path, mods: dict[str, Path]) -> set[str]:
    return {m for m in imports(path) if m in mods and m != "desktop"}


def violations(mods: dict[str, Path]) -> list[str]:
    out = []
    for name, path in mods.items():
        layer = layer_of(name)
        if layer == "root" or name.endswith("__init__"):
            continue
        for dep in our_imports(path, mods):
            target = layer_of(dep)
            if target != layer and target not in ALLOWED.get(layer, set()):
                out.append(f"{name} ({layer}) imports {dep} ({target})")
    return sorted(out)


def test_each_layer_imports_only_what_the_table_allows():
    assert violations(all_modules()) == []


def test_the_table_check_fails_when_a_ui_module_imports_sources(tmp_path, monkeypatch):
    """The check above can fail: a ui module importing desktop.sources is reported."""
    mods = all_modules()
    bad = tmp_path / "bad_pane.py"
    bad.write_text("from desktop.sources.market import exchange_of\n", encoding="utf-8")
    mods["desktop.ui.panes.bad_pane"] = bad
    assert violations(mods) == ["desktop.ui.panes.bad_pane (ui) imports desktop.sources.market (sources)"]


def cycles(mods: dict[str, Path]) -> list[list[str]]:
    graph = {m: our_imports(p, mods) for m, p in mods.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))

    def visit(v: str) -> None:       # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_even_through_imports_inside_functions():
    """A cycle hidden by a function-level import is still a cycle (it only fails later)."""
    assert cycles(all_modules()) == []


def test_the_cycle_check_can_fail(tmp_path):
    mods = all_modules()
    a, b = tmp_path / "a.py", tmp_path / "b.py"
    a.write_text("def f():\n    from desktop.core.b import x\n", encoding="utf-8")
    b.write_text("from desktop.core.a import f\n", encoding="utf-8")
    mods["desktop.core.a"], mods["desktop.core.b"] = a, b
    assert ["desktop.core.a", "desktop.core.b"] in cycles(mods)


def test_lower_layers_have_no_qt_imports():
    offenders = [str(p.relative_to(PKG)) for layer in QT_FREE for p in (PKG / layer).rglob("*.py")
                 if any(m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph") for m in imports(p))]
    assert offenders == []


def test_importing_lower_layers_loads_no_qt():
    modules = [module_name(p) for layer in QT_FREE for p in (PKG / layer).rglob("*.py") if p.name != "__init__.py"]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PKG.parent)


@pytest.mark.parametrize("pane", sorted(p.stem for p in (PKG / "ui" / "panes").glob("*.py") if p.name != "__init__.py"))
def test_panes_do_not_import_each_other(pane):
    names = {p.stem for p in (PKG / "ui" / "panes").glob("*.py") if p.name != "__init__.py"}
    others = {m.rsplit(".", 1)[-1] for m in imports(PKG / "ui" / "panes" / f"{pane}.py")
              if m.startswith("desktop.ui.panes.")} - {pane}
    assert not (others & names), f"{pane} imports {others & names}"


# -- all SQL lives in desktop/store ---------------------------------------------------------------------------
# SQL as statements are written (keywords in capitals, in the shape a statement has), so English prose ("Select a
# stock from the list", "delete from the watchlist") and docstrings are not taken for it. An f-string is read with
# each placeholder as "?", so `f"SELECT … IN ({marks})"` is still found.
SQL_TEXT = re.compile(
    r"\bSELECT\s+(?:DISTINCT\s+)?[\w*(]|\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b|\bREPLACE\s+INTO\b|\bUPDATE\s+\w+\s+SET\b"
    r"|\bDELETE\s+FROM\b|\b(?:CREATE|DROP|ALTER)\s+(?:TEMP\s+|UNIQUE\s+)?(?:TABLE|INDEX|VIEW|TRIGGER|VIRTUAL)\b"
    r"|\bPRAGMA\s+\w+|\bWHERE\s+[\w.]+\s*(?:=|<|>|!=|\bIN\b|\bIS\b|\bLIKE\b|\bGLOB\b)|\bVACUUM\b|\bATTACH\s+DATABASE\b")


def _string_texts(tree: ast.AST):
    """(line, text) of every string literal that is not a docstring; an f-string's placeholders read as "?"."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    inside_fstrings = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for n in ast.walk(tree):
        if isinstance(n, ast.JoinedStr):
            yield n.lineno, "".join(v.value if isinstance(v, ast.Constant) else "?" for v in n.values)
        elif (isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
              and id(n) not in inside_fstrings):
            yield n.lineno, n.value


def sql_outside_store(mods: dict[str, Path]) -> list[str]:
    out = []
    for name, path in mods.items():
        if name == "desktop.store" or name.startswith("desktop.store."):
            continue
        for line, text in _string_texts(ast.parse(path.read_text(encoding="utf-8"))):
            if SQL_TEXT.search(text):
                shown = path.relative_to(PKG.parent) if path.is_relative_to(PKG.parent) else path
                out.append(f"{shown}:{line}: {' '.join(text.split())[:80]}")
    return sorted(out)


def test_all_sql_lives_in_the_store():
    """Statements outside desktop/store are named functions there instead (docs/ARCHITECTURE.md)."""
    assert sql_outside_store(all_modules()) == []


def test_the_sql_check_names_a_planted_statement_and_leaves_prose_alone(tmp_path):
    mods = all_modules()
    planted = tmp_path / "planted.py"
    planted.write_text('"""Select a stock from the list; SELECT in a docstring is prose."""\n'
                       'HINT = "Select a stock from the list, or delete from the watchlist"\n'
                       'WORDS = ("选择", "Update the feeds", "pragma: no cover")\n'
                       'def names(conn, codes):\n'
                       '    marks = ",".join("?" * len(codes))\n'
                       '    return conn.execute(f"SELECT code, name FROM stocks WHERE code IN ({marks})", codes)\n'
                       'def forget(conn):\n'
                       '    conn.execute("DELETE FROM quotes")\n', encoding="utf-8")
    mods["desktop.services.planted"] = planted
    found = [f for f in sql_outside_store(mods) if "planted.py" in f]
    assert found == [f"{planted}:6: SELECT code, name FROM stocks WHERE code IN (?)",
                     f"{planted}:8: DELETE FROM quotes"]


# -- no private names across modules -------------------------------------------------------------------------
def private_imports(mods: dict[str, Path]) -> list[str]:
    """`from desktop.x import _name`: a leading underscore says "only this module uses it"."""
    out = []
    for name, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("desktop"):
                out += [f"{name} imports {node.module}.{a.name}" for a in node.names
                        if a.name.startswith("_") and not a.name.startswith("__")]
    return sorted(out)


def test_no_private_name_is_imported_from_another_module():
    assert private_imports(all_modules()) == []


def test_the_private_import_check_can_fail(tmp_path):
    mods = all_modules()
    bad = tmp_path / "bad.py"
    bad.write_text("from desktop.ui.models.quote_model import _amount\n", encoding="utf-8")
    mods["desktop.ui.widgets.bad"] = bad
    assert "desktop.ui.widgets.bad imports desktop.ui.models.quote_model._amount" in private_imports(mods)


def test_every_module_is_in_the_architecture_listing():
    """docs/ARCHITECTURE.md lists every module of desktop/ with what it holds (issue 25.9: it missed 13)."""
    import re

    doc = (PKG.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = sorted(str(p.relative_to(PKG.parent)) for p in PKG.rglob("*.py")
                     if p.name != "__init__.py" and not re.search(rf"(?<![\w.]){re.escape(p.name)}\b", doc))
    assert not missing, f"list these in docs/ARCHITECTURE.md with a line saying what each holds: {missing}"


# A module imports inside functions only what must wait: a heavy library, or anything on the way to the window's
# first paint (tests/ui/test_first_paint_imports.py). The same import repeated in three or more of a module's
# functions has no such reason left — it was the pattern of services/reader.py's six identical imports (issue 25.8)
# — except where the module itself is on the first paint's path and the import would pull in what the paint waits
# for (named here with the reason).
REPEATED_IMPORT_REASONS = {
    ("desktop/services/market_view.py", "from desktop.store import market_reads as mr"):
        "MarketView is built before the first paint; the store (sqlite3) loads with the first read",
    ("desktop/services/market_view.py", "from desktop.store import market_store as ms"): "as above",
    ("desktop/ui/panes/watchlist_pane.py", "from desktop.services import watchlists"):
        "the watchlist is built before the first paint; its writes (the store) come later",
    ("desktop/runtime/signals.py", "import socket"): "imported by gui_main before the first paint; socket is not",
    ("desktop/sources/flash_news.py", "import requests"):
        "feed_refresh (the window's feed thread) imports this module; requests loads with the first 快讯 fetch",
    ("desktop/sources/em_json.py", "import requests"): "the market process starts without requests (issue 28)",
}


def repeated_function_imports(root: Path) -> dict[tuple[str, str], int]:
    import ast
    import collections

    seen: collections.Counter[tuple[str, str]] = collections.Counter()
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(fn):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        seen[(str(path.relative_to(root.parent)), ast.unparse(node))] += 1
    return {k: n for k, n in seen.items() if n >= 3}


def test_no_module_repeats_a_function_level_import_without_a_reason():
    left = {k: n for k, n in repeated_function_imports(PKG).items() if k not in REPEATED_IMPORT_REASONS}
    assert not left, f"import these once at the module's top, or say in REPEATED_IMPORT_REASONS why not: {left}"


def test_the_repeated_import_check_can_fail(tmp_path):
    pkg = tmp_path / "desktop"
    pkg.mkdir()
    (pkg / "bad.py").write_text("".join(f"def f{i}():\n    import json\n    return json\n" for i in range(3)),
                                encoding="utf-8")
    assert repeated_function_imports(pkg) == {("desktop/bad.py", "import json"): 3}

"""The layers below the UI never import Qt; panes never import each other."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "desktop"
QT_FREE = ("core", "sources", "tagging", "store", "services")


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_lower_layers_have_no_qt_imports():
    offenders = [str(p.relative_to(PKG)) for layer in QT_FREE for p in (PKG / layer).rglob("*.py")
                 if any(m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph") for m in imports(p))]
    assert offenders == []


def test_importing_lower_layers_loads_no_qt():
    modules = [".".join(p.relative_to(PKG.parent).with_suffix("").parts) for layer in QT_FREE
               for p in (PKG / layer).rglob("*.py") if p.name != "__init__.py"]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'pyqtgraph'))]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PKG.parent)


def test_panes_do_not_import_each_other():
    panes = PKG / "ui" / "panes"
    names = {p.stem for p in panes.glob("*.py") if p.name != "__init__.py"}
    for p in panes.glob("*.py"):
        others = {m.rsplit(".", 1)[-1] for m in imports(p) if m.startswith("desktop.ui.panes")} - {p.stem}
        assert not (others & names), f"{p.name} imports {others & names}"

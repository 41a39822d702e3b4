"""Rewrite PySide6's short enum names to their scoped names, or (--check) list the short ones left.

`Qt.AlignLeft` becomes `Qt.AlignmentFlag.AlignLeft`, `QSizePolicy.Expanding` becomes `QSizePolicy.Policy.Expanding`.
Why: PySide6's type stubs know enums only scoped, so every short name is a type-checker error; and PySide6 resolves a
short name through a slow fallback on each lookup (20-32 ms of import time in gui_panes before this pass).

Each `Class.Name` is resolved at runtime, not from a table: the names a file imports from PySide6 (anywhere in the
file, function-level imports included) are looked up, and an attribute is rewritten when the class has no `Name` of
its own (in its MRO's dicts) but `getattr` answers an enum member, whose type's name is the scope. The member is the
same object either way, so the rewrite changes no behaviour.

    python3 scripts/qt_scoped_enums.py [--check] [paths...]     (default: desktop/)
"""

from __future__ import annotations

import argparse
import ast
import enum
import importlib
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _imported_names(tree: ast.AST) -> dict[str, Any]:
    """Names bound to PySide6 modules or classes by the file's import statements."""
    names: dict[str, Any] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "PySide6":
            module = importlib.import_module(node.module)
            for alias in node.names:
                value = getattr(module, alias.name, None)
                if value is None:  # a submodule: from PySide6 import QtCore
                    try:
                        value = importlib.import_module(f"{node.module}.{alias.name}")
                    except ImportError:
                        continue
                names[alias.asname or alias.name] = value
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "PySide6":
                    if alias.asname:
                        names[alias.asname] = importlib.import_module(alias.name)
                    else:
                        names["PySide6"] = importlib.import_module("PySide6")
                        importlib.import_module(alias.name)
    return names


def _local_subclasses(tree: ast.AST, names: dict[str, Any]) -> dict[str, Any]:
    """The file's own classes of a PySide6 base (`class AlertRuleDialog(QDialog)`), as that base: a short name read
    through one (AlertRuleDialog.Accepted) is the base's. A name the class body binds itself is left out."""
    found: dict[str, Any] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.bases:
            base = _resolve(node.bases[0], {**names, **found})
            if isinstance(base, type) and base.__module__.split(".")[0] == "PySide6":
                own = {t.id for item in node.body if isinstance(item, ast.Assign | ast.AnnAssign)
                       for t in (item.targets if isinstance(item, ast.Assign) else [item.target])
                       if isinstance(t, ast.Name)}
                own |= {item.name for item in node.body if isinstance(item, ast.FunctionDef | ast.ClassDef)}
                found[node.name] = type(node.name, (base,), dict.fromkeys(own))
    return found


def _resolve(node: ast.expr, names: dict[str, Any]) -> Any:
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, names)
        return None if base is None else getattr(base, node.attr, None)
    return None


def _own(cls: type, name: str) -> bool:
    return any(name in vars(klass) for klass in cls.__mro__)


def _scope(base: Any, name: str) -> str | None:
    """The enum type's name when `base.name` is a short enum name, else None."""
    if not isinstance(base, type) or issubclass(base, enum.Enum) or _own(base, name):
        return None
    try:
        value = getattr(base, name)
    except AttributeError:
        return None
    if not isinstance(value, enum.Enum):
        return None
    scope = type(value).__name__
    return scope if hasattr(base, scope) else None


def short_names(source: str) -> list[tuple[ast.Attribute, str]]:
    """Each short enum attribute in the source with the scope it needs."""
    tree = ast.parse(source)
    names = _imported_names(tree)
    if not names:
        return []
    names.update(_local_subclasses(tree, names))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            scope = _scope(_resolve(node.value, names), node.attr)
            if scope is not None:
                found.append((node, scope))
    return found


def rewrite(source: str) -> tuple[str, int]:
    found = short_names(source)
    if not found:
        return source, 0
    lines = source.splitlines(keepends=True)
    # Right to left and bottom up, so earlier offsets stay valid; the attribute name is the node's last characters.
    for node, scope in sorted(found, key=lambda item: (item[0].end_lineno or 0, item[0].end_col_offset or 0), reverse=True):
        assert node.end_lineno is not None and node.end_col_offset is not None  # parsed source has end positions
        row = node.end_lineno - 1
        data = lines[row].encode()
        end = node.end_col_offset  # a UTF-8 byte offset
        start = end - len(node.attr.encode())
        assert data[start:end].decode() == node.attr
        lines[row] = (data[:start] + f"{scope}.".encode() + data[start:]).decode()
    return "".join(lines), len(found)


def _files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        out.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list the short names left; exit 1 if any")
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "desktop")])
    args = parser.parse_args(argv)
    total = 0
    for path in _files(args.paths):
        source = path.read_text(encoding="utf-8")
        if args.check:
            for node, scope in short_names(source):
                print(f"{path}:{node.lineno}: {ast.unparse(node)} -> scope {scope}")
                total += 1
            continue
        new, count = rewrite(source)
        if count:
            path.write_text(new, encoding="utf-8")
            print(f"{path}: {count}")
            total += count
    print(f"{total} short Qt enum name(s) {'left' if args.check else 'rewritten'}", file=sys.stderr)
    return 1 if args.check and total else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""PySide6 enums are written scoped (Qt.AlignmentFlag.AlignLeft, not Qt.AlignLeft): the type stubs know only the
scoped names, so a short one is a mypy error in desktop/ui, and PySide6 answers it through a slower fallback.
scripts/qt_scoped_enums.py finds them by resolving each Class.Name at runtime (and rewrites them without --check)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "qt_scoped_enums.py"


def _codemod():
    spec = importlib.util.spec_from_file_location("qt_scoped_enums", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_short_qt_enum_name_in_desktop():
    run = subprocess.run([sys.executable, str(SCRIPT), "--check", str(ROOT / "desktop")],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 0, f"short Qt enum names (run python3 scripts/qt_scoped_enums.py):\n{run.stdout}"


def test_the_codemod_scopes_what_resolves_to_an_enum_member_and_nothing_else():
    source = (
        "from PySide6 import QtCore\n"
        "from PySide6.QtCore import Qt\n"
        "from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy\n"
        "a = Qt.AlignLeft | Qt.AlignmentFlag.AlignTop\n"
        "b = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Policy.Fixed)\n"
        "c = QLabel.NoFrame, QFrame.Shape.Box, QtCore.Qt.UserRole + 1\n"
        "d = Qt.AlignmentFlag, QLabel.setText, Qt.AlignLeft.value\n"
        "e = '标题', Qt.ElideRight  # 中文\n"
    )
    new, count = _codemod().rewrite(source)
    assert count == 6
    assert new.splitlines()[3:] == [
        "a = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop",
        "b = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)",
        "c = QLabel.Shape.NoFrame, QFrame.Shape.Box, QtCore.Qt.ItemDataRole.UserRole + 1",
        "d = Qt.AlignmentFlag, QLabel.setText, Qt.AlignmentFlag.AlignLeft.value",
        "e = '标题', Qt.TextElideMode.ElideRight  # 中文",
    ]
    assert _codemod().rewrite(new) == (new, 0)


def test_a_short_name_read_through_a_class_of_our_own_is_found_too():
    source = (
        "from PySide6.QtWidgets import QDialog\n"
        "class Rule(QDialog):\n"
        "    Mode = 1\n"
        "ok = Rule.Accepted, Rule.Mode, Rule.DialogCode.Rejected\n"
    )
    new, count = _codemod().rewrite(source)
    assert count == 1 and new.splitlines()[-1] == "ok = Rule.DialogCode.Accepted, Rule.Mode, Rule.DialogCode.Rejected"

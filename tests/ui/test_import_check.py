"""desktop/ui/import_check.py: PySide6's after-import check, answered cheaply, must answer as PySide's does."""

from __future__ import annotations

import subprocess
import sys
import types

from desktop.ui import import_check
from tests.procs import child_env


def test_the_cheap_check_answers_as_pysides_own_for_every_module_the_window_imports():
    code = ("import sys\n"
            "import PySide6.QtWidgets\n"
            "import desktop.gui_app, desktop.gui_main\n"
            "from desktop.gui_panes import PANES, pane_class\n"
            "for key, _make, _area in PANES: pane_class(key)\n"
            "from desktop.ui.import_check import uses_pyside\n"
            "real = sys.modules['shibokensupport.feature']._mod_uses_pyside\n"
            "mods = [m for m in list(sys.modules.values()) if isinstance(m, type(sys))]\n"
            "differ = [m.__name__ for m in mods if real(m) != uses_pyside(m)]\n"
            "print(len(mods), sum(uses_pyside(m) for m in mods), differ)\n")
    done = subprocess.run([sys.executable, "-c", code], env=child_env(QT_QPA_PLATFORM="offscreen"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    count, using, differ = done.stdout.split(maxsplit=2)
    assert int(count) > 200 and int(using) > 30          # ours and PySide's own modules are among them
    assert differ.strip() == "[]"


def test_lighten_replaces_pysides_check_and_says_when_it_cannot():
    import PySide6.QtCore  # noqa: F401  (PySide's feature module is loaded with it)

    feature = sys.modules["shibokensupport.feature"]
    before = feature._mod_uses_pyside
    try:
        assert import_check.lighten() is True
        assert feature._mod_uses_pyside is import_check.uses_pyside
    finally:
        feature._mod_uses_pyside = before
    saved = sys.modules.pop("shibokensupport.feature")
    try:
        assert import_check.lighten() is False                      # another PySide: nothing is touched
    finally:
        sys.modules["shibokensupport.feature"] = saved


def test_a_module_without_a_source_file_does_not_use_pyside(tmp_path):
    assert import_check.uses_pyside(sys) is False
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    assert import_check.uses_pyside(gone) is False
    (tmp_path / "here.py").write_text("from PySide6.QtCore import Qt\n", encoding="utf-8")
    here = types.ModuleType("here")
    here.__file__ = str(tmp_path / "here.py")
    assert import_check.uses_pyside(here) is True

"""The panes the first-run layout keeps behind a tab (涨停, 异动, 持仓, 提醒) are imported and built just after the
first paint (issue 28): nothing of them is imported with the window's module, their docks exist from the start (a
saved layout restores them), and by the time the panes load each dock holds its pane, laid out as saved."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QDockWidget

from desktop.gui_app import PANES
from desktop.gui_panes import AFTER_PAINT

DEFERRED = {key: make for key, make, _area in PANES if key in AFTER_PAINT}


def test_the_window_module_imports_no_pane():
    """No pane module is imported with the window's: the window as users start it paints before any (and the
    ones behind a tab are built after the first paint in every start)."""
    assert set(DEFERRED) == {"limitup", "movers", "positions", "alerts"}
    modules = [make.split(":")[0] for _key, make, _area in PANES]
    code = ("import sys, desktop.gui_app; "
            f"print([m for m in {modules!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_each_deferred_dock_holds_its_pane_once_the_window_has_loaded(make_gui):
    app = make_gui()
    names = {"limitup": "limitUpPane", "movers": "moversPane", "positions": "positionsPane", "alerts": "alertsPane"}
    for key, name in names.items():
        dock = app.window.findChild(QDockWidget, f"dock_{key}")
        assert dock.widget() is app.panes[key] and dock.widget().objectName() == name
    assert app.panes["positions"].day_pnl.parent() is not None          # 当日盈亏 in the status bar


def test_a_layout_saved_with_a_deferred_pane_in_front_comes_back(make_gui, qtbot):
    first = make_gui()
    first.window.bring_to_front("limitup")
    qtbot.waitUntil(lambda: not first.window.docks["limitup"].visibleRegion().isEmpty(), timeout=3000)
    first.shutdown()
    second = make_gui()
    qtbot.waitUntil(lambda: not second.window.docks["limitup"].visibleRegion().isEmpty(), timeout=3000)
    assert second.window.docks["limitup"].widget() is second.panes["limitup"]

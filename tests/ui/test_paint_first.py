"""The window as users start it paints first (issue 28: first paint ≤ 1.2× a bare window): its frame — menus, the
index strip, every dock with its title, the status bar — paints before any pane module is imported; the panes in
view are built first, one per event-loop turn, then the ones behind a tab; each is wired as if built at once."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QDockWidget

from desktop.gui_panes import AFTER_PAINT, PANES
from tests.procs import child_env

IN_VIEW = [key for key, _make, _area in PANES if key not in AFTER_PAINT]


def test_before_the_first_paint_every_dock_waits_with_its_place_holder(qtbot, paths, settings):
    from desktop.gui_app import GuiApp

    app = GuiApp(paths, settings, start_pollers=False, paint_first=True)
    try:
        qtbot.addWidget(app.window)
        assert app.panes == {}
        for key, _make, _area in PANES:
            dock = app.window.findChild(QDockWidget, f"dock_{key}")
            assert dock.widget().objectName() == f"pending_{key}"
        app.show()
        qtbot.waitUntil(lambda: app.loaded, timeout=20_000)
        # built in order: the panes in view (news first: the list), then the ones behind a tab
        assert list(app.panes) == IN_VIEW + [key for key, _m, _a in PANES if key in AFTER_PAINT]
        for key, pane in app.panes.items():
            assert app.window.findChild(QDockWidget, f"dock_{key}").widget() is pane
        assert app.window.findChildren(object, "pending_news") == []
    finally:
        app.shutdown()


def test_a_pane_built_after_the_paint_is_wired_as_one_built_at_once(make_gui, qtbot):
    from desktop.core.status import SourceState

    app = make_gui(paint_first=True)
    assert app.news is app.panes["news"] and app.watchlist is app.panes["watchlist"]
    # the background's feed state reaches the list (its empty state says why nothing arrived)
    app.background.source_state.emit(SourceState("feeds", "error", None, "1/1 a: cannot connect: refused", True,
                                                 total=1))
    assert app.news.empty.feeds_state is not None and app.news.empty.feeds_state.state == "error"
    # the watchlist's CSV result and 持仓's messages reach the status bar
    app.watchlist.csv_done.emit("已导出 3 只股票")
    assert app.window.statusBar().currentMessage() == "已导出 3 只股票"
    app.panes["positions"].message.emit("已导入 2 笔")
    assert app.window.statusBar().currentMessage() == "已导入 2 笔"
    assert app.panes["positions"].day_pnl.parent() is not None


def test_the_window_as_users_start_it_paints_before_importing_a_pane():
    """Through the real entry point: at the first paint no pane module has been imported."""
    modules = sorted({make.split(":")[0] for _key, make, _area in PANES})
    code = f"""
import sys, json
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Spy(QObject):
    seen = None
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and self.seen is None and isinstance(obj.window(), QMainWindow):
            self.seen = [m for m in {modules!r} if m in sys.modules]
            print(json.dumps(self.seen), flush=True)
            QTimer.singleShot(0, app.quit)
        return False
spy = Spy(); app.installEventFilter(spy)
QTimer.singleShot(30000, app.quit)
from desktop.__main__ import main
main(["--data-dir", sys.argv[1]])
"""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-c", code, tmp], env=child_env(QT_QPA_PLATFORM="offscreen"),
                              capture_output=True, text=True, timeout=120)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("[")]
    assert lines, done.stdout[-2000:] + done.stderr[-3000:]
    assert lines[0] == "[]"


def test_the_window_as_users_start_it_is_fusion_whatever_the_desktop_asks_for(tmp_path):
    """gui_main asks Qt for Fusion in QApplication's arguments (apply_theme then skips setStyle, which would
    build PySide's QStyle type before the first paint): a desktop's own style (QT_STYLE_OVERRIDE) does not win."""
    code = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import desktop.ui.startup as startup
real = startup.FirstPaint
def spy(window, then):
    def after():
        print("style:", QApplication.instance().style().name(), flush=True)
        QTimer.singleShot(0, QApplication.instance().quit)
        then()
    return real(window, after)
startup.FirstPaint = spy
from desktop.__main__ import main
main(["--data-dir", sys.argv[1]])
"""
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")],
                          env=child_env(QT_QPA_PLATFORM="offscreen", QT_STYLE_OVERRIDE="Windows"),
                          capture_output=True, text=True, timeout=120)
    assert "style: fusion" in done.stdout, done.stdout[-2000:] + done.stderr[-3000:]

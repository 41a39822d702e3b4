"""Nothing heavy is imported before the window's first paint (issue 25.8, issue 28): akshare, pandas, numpy,
pyqtgraph, jieba, exchange_calendars, pypinyin — nor the panes built after it — through the real entry point
(desktop.__main__.main) on a fresh data directory, in a child process (this one has imported them all). The
function-level imports that remain in the code each have this reason; bench/startup.py measures the time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("akshare", "pandas", "numpy", "pyqtgraph", "jieba", "exchange_calendars", "pypinyin", "py_mini_racer",
         "curl_cffi", "desktop.ui.panes.limitup_pane", "desktop.ui.panes.movers_pane",
         "desktop.ui.panes.positions_pane", "desktop.ui.panes.alerts_pane")

CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
HEAVY = %r
class Spy(QObject):
    done = False
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and not self.done and isinstance(obj.window(), QMainWindow):
            self.done = True
            print(json.dumps({"heavy_before_paint": [m for m in HEAVY if m in sys.modules]}), flush=True)
            QTimer.singleShot(0, app.quit)
        return False
spy = Spy(); app.installEventFilter(spy)
QTimer.singleShot(20000, app.quit)
from desktop.__main__ import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_nothing_heavy_is_imported_before_the_first_paint(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HUOHUA_CONFIG_DIR": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", CHILD % (HEAVY,), str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"the window never painted: {done.stderr[-2000:]}"
    assert lines[0]["heavy_before_paint"] == []

"""Start-up: process start → first painted main window with 100,000 articles, next to a bare PySide6 window
with the same widget types, in one run; then how long until every pane is populated.

    python bench/startup.py [--articles 100000] [--runs 5] [--json]

Both run in fresh processes on the offscreen platform; "first paint" is the first Paint event delivered to
the main window's widgets (seen by an application-wide event filter), timed with the system monotonic clock
from just before the process is spawned. The Huohua child goes through the real entry point
(desktop.__main__.main, no sub-command), which makes the QApplication as a user's start does (the bench
only attaches its spy to it: the bare window makes its own too). Bar: median Huohua ≤ 1.5× median bare; panes populated ≤ 1 s after
the first paint; pyqtgraph, pandas and akshare not imported before the first paint.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

HEAVY = ("pyqtgraph", "pandas", "akshare", "exchange_calendars", "numpy")

BARE = r"""
import sys, time, json
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QLineEdit, QMainWindow, QTableView, QTextBrowser,
                               QTreeWidget, QSplitter, QComboBox, QToolButton, QVBoxLayout, QWidget)
from PySide6.QtGui import QStandardItemModel
app = QApplication([])
class Spy(QObject):
    done = False
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and not self.done:
            self.done = True
            print(json.dumps({"painted": time.monotonic()}), flush=True)
            QTimer.singleShot(0, app.quit)
        return False
spy = Spy(); app.installEventFilter(spy)
w = QMainWindow()
news = QWidget(); lay = QVBoxLayout(news)
lay.addWidget(QLineEdit()); lay.addWidget(QComboBox()); lay.addWidget(QToolButton())
sp = QSplitter(); sp.addWidget(QTreeWidget()); t = QTableView(); t.setModel(QStandardItemModel(50, 5)); sp.addWidget(t)
lay.addWidget(sp)
for title, widget in (("资讯", news), ("正文", QTextBrowser()), ("自选股", QTableView()), ("K线", QLabel("x")),
                      ("板块", QLabel("y"))):
    d = QDockWidget(title, w); d.setWidget(widget); w.addDockWidget(Qt.LeftDockWidgetArea, d)
w.statusBar().addWidget(QLabel("status"))
w.resize(1440, 900); w.show()
app.exec()
"""

HUOHUA = r"""
import sys, time, json
t_import = time.monotonic()
import PySide6.QtWidgets as widgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
HEAVY = %r
class Spy(QObject):
    painted = None
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Paint and self.painted is None and isinstance(obj.window(), QMainWindow):
            self.painted = time.monotonic()
            loaded = [m for m in HEAVY if m in sys.modules]
            print(json.dumps({"painted": self.painted, "heavy_before_paint": loaded}), flush=True)
        return False
class SpiedApplication(QApplication):
    # The app is made by the entry point, as a user's start makes it (its arguments included: gui_main asks Qt
    # for the Fusion style there); the spy and the check are attached as it is.
    def __init__(self, argv):
        super().__init__(argv)
        self.installEventFilter(spy)
        timer.timeout.connect(check)
        timer.start(5)
        QTimer.singleShot(20000, self.quit)
spy = Spy()
timer = QTimer()
widgets.QApplication = SpiedApplication
def check():
    app = QApplication.instance()
    w = next((w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)), None)
    if spy.painted is None or w is None:
        return
    news = w.findChild(QObject, "newsList"); tree = w.findChild(QObject, "feedTree")
    wl = w.findChild(QObject, "watchlistTable")
    if news is None or tree is None or wl is None:      # the panes are built just after the first paint
        return
    ok = (news.model().rowCount() > 0 and tree.topLevelItemCount() > 3 and wl.model().rowCount() > 0
          and wl.model().rows and wl.model().rows[0] is not None)
    if ok:
        print(json.dumps({"populated": time.monotonic()}), flush=True)
        timer.stop(); app.quit()
from desktop.__main__ import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def build_db(data_dir: Path, n: int) -> None:
    """100,000 tagged articles through the real ingest path, the stock list and a watchlist with quotes."""
    from bench.search import build
    from desktop.core.market import Quote
    from desktop.services.market_service import seed_bundled_stocks
    from desktop.store import market_store as ms
    from desktop.store.writer import Writer

    data_dir.mkdir(parents=True, exist_ok=True)
    build(data_dir / "huohua.sqlite3", n, tag=True)
    with Writer(data_dir / "huohua.sqlite3") as w:
        w.call(lambda c: seed_bundled_stocks(c, ROOT / "resources" / "stocks", int(time.time())))
        w.call(ms.ensure_default_watchlist)
        rng = random.Random(3)
        now = int(time.time())
        codes = w.call(ms.watched_codes)
        w.call(lambda c: ms.upsert_quotes(c, [Quote(code, "", 10.0, rng.uniform(-5, 5), 0.1, 10, 11, 9, 10, 1e6,
                                                   1e8, 1.0, 1e10, now, now) for code in codes], "bench"))


def run(code: str, args: list[str], env: dict) -> dict:
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120)
    out: dict = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            out.update(json.loads(line))
    if "painted" not in out:
        raise SystemExit(f"child did not paint:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    out["paint_s"] = out["painted"] - start
    if "populated" in out:
        out["populated_after_s"] = out["populated"] - out["painted"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HUOHUA_CONFIG_DIR": ""}
    # As installed apps run: with compiled bytecode cached (this sandbox sets PYTHONDONTWRITEBYTECODE, which
    # would make every start recompile ~70 modules). The warm-up runs below write the caches.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        build_db(data, args.articles)
        print(f"database: {args.articles} articles, built in {time.perf_counter() - t:.0f} s")
        run(BARE, [], env)                      # warm the OS file cache for both, then alternate
        run(HUOHUA % (HEAVY,), [str(data)], env)
        bare, ours, populated, heavy = [], [], [], set()
        for _ in range(args.runs):
            bare.append(run(BARE, [], env)["paint_s"])
            r = run(HUOHUA % (HEAVY,), [str(data)], env)
            ours.append(r["paint_s"])
            populated.append(r.get("populated_after_s", float("nan")))
            heavy.update(r.get("heavy_before_paint", []))
    b, o = statistics.median(bare), statistics.median(ours)
    pop, pop_max = statistics.median(populated), max(populated)
    print(f"bare PySide6 window, first paint : {b * 1000:7.0f} ms median of {args.runs}  (baseline)")
    print(f"huohua main window, first paint  : {o * 1000:7.0f} ms median of {args.runs}  ratio {o / b:.2f}× "
          f"(bar ≤ 1.5×)")
    print(f"every pane populated after paint : {pop * 1000:7.0f} ms median "
          f"(max {pop_max * 1000:.0f} ms; bar ≤ 1000 ms)")
    print(f"heavy modules imported before the first paint: {sorted(heavy) or 'none'}")
    def ms(s: float) -> int | None:                           # nan (a run never populated) is not JSON
        return None if math.isnan(s) else round(s * 1000)

    return finish([bar("ratio", round(o / b, 2), 1.5, unit="×"),
                   bar("populated_ms", ms(pop), 1000, unit=" ms"),
                   bar("heavy_before_paint", len(heavy), 0)],
                  {"articles": args.articles, "runs": args.runs, "bare_paint_ms": ms(b),
                   "huohua_paint_ms": ms(o), "ratio": round(o / b, 2), "bar": 1.5,
                   "populated_ms": ms(pop), "populated_max_ms": ms(pop_max), "populated_bar_ms": 1000,
                   "heavy_before_paint": sorted(heavy)}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

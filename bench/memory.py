"""Memory: the GUI process's resident size with 100,000 articles, the full market and every pane shown, next
to a bare PySide6 window's in the same run.

    python bench/memory.py [--articles 100000] [--json]

Both run in fresh processes on the offscreen platform. The Huohua child builds the real window (GuiApp) on a
database of `--articles` tagged articles and the bundled stock list, starts the pollers on the bundled demo
recording (the market worker and its source process: quotes, boards, the snapshot, history), fetches a local
feed through the real pipeline (a round this small parses and tags in the window's process), brings every
pane to the front once, selects a stock (the chart draws its bars and news strip) and an article, lets it
settle and reads VmRSS and VmHWM (peak) from /proc/self/status. The database also holds a quote for every
bundled A-share (5,550; the demo recording's own snapshot has 725).
Worker processes (feed parsing, the market source) are not the GUI process: their sizes are printed apart.
Bar: the GUI process ≤ 300 MiB resident.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

BARE = r"""
import json
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTableView, QTextBrowser, QTreeWidget
app = QApplication([])
w = QMainWindow()
for title, widget in (("资讯", QTreeWidget()), ("正文", QTextBrowser()), ("自选股", QTableView())):
    d = QDockWidget(title, w); d.setWidget(widget); w.addDockWidget(Qt.LeftDockWidgetArea, d)
w.resize(1440, 900); w.show()
def done():
    status = dict(l.split(":", 1) for l in open("/proc/self/status") if ":" in l)
    kb = lambda k: int(status[k].split()[0])
    print(json.dumps({"rss_kb": kb("VmRSS"), "hwm_kb": kb("VmHWM")}), flush=True)
    app.quit()
QTimer.singleShot(1500, done)
app.exec()
"""

HUOHUA = r"""
import json, os, sys, time
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from desktop.gui_main import configure_process
configure_process()
app = QApplication([])
from desktop.config import Settings, resolve_paths
from desktop.gui_app import GuiApp
HEAVY = ("akshare", "pandas", "pyqtgraph", "numpy", "feedparser", "desktop.tagging.tagger")

def wait(seconds, until=lambda: False):
    end = time.monotonic() + seconds
    while time.monotonic() < end and not until():
        loop = QEventLoop(); QTimer.singleShot(50, loop.quit); loop.exec()

import random
from bench.ingest import make_feed, serve
from desktop.store import feeds as feed_ops
paths = resolve_paths(Path(sys.argv[1]))
gui = GuiApp(paths, Settings(paths.settings_file), replay_dir=Path(sys.argv[2]))
gui.show()
wait(20, lambda: gui.loaded and gui.market_service is not None)
# a feed round through the real pipeline (a refresh this small parses and tags in this process)
server = serve({"/f.xml": make_feed(1, 50, random.Random(2))})
url = f"http://127.0.0.1:{server.server_address[1]}/f.xml"
gui.core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url=url)]))
before = gui.core.writer.call(lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0])
gui.refresh_now()
wait(30, lambda: gui.core.writer.call(lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0]) > before)
fetched = gui.core.writer.call(lambda c: c.execute("SELECT count(*) FROM articles").fetchone()[0]) - before
def snapshot_done():
    job = gui.market_service.status().get("snapshot") if gui.market_service else None
    return job is not None and job.last_success is not None
wait(60, snapshot_done)
for key in gui.panes:
    gui.window.bring_to_front(key)
    wait(0.5)
heat = gui.panes["heatmap"]
gui.window.bring_to_front("heatmap")
wait(5, lambda: heat.view is not None)
heat.set_view("market")                       # the whole market as tiles (5,550)
wait(20, lambda: len(heat.view.tiles) >= 5000)
tiles = len(heat.view.tiles)
gui.bus.select_stock("300750", "bench")
gui.window.bring_to_front("chart")
wait(30, lambda: len(gui.panes["chart"].bars) > 0)
wait(2)
rows = gui.news.model.rowCount()
if rows:
    gui.news.table.selectRow(0)
wait(3)
quotes = gui.core.writer.call(lambda c: c.execute("SELECT count(*) FROM quotes").fetchone()[0])
status = dict(l.split(":", 1) for l in open("/proc/self/status") if ":" in l)
kb = lambda k: int(status[k].split()[0])
children = []
for pid in os.popen(f"pgrep -P {os.getpid()}").read().split():
    try:
        st = dict(l.split(":", 1) for l in open(f"/proc/{pid}/status") if ":" in l)
        children.append(int(st["VmRSS"].split()[0]))
    except (OSError, KeyError):
        pass
print(json.dumps({"fetched": fetched, "tiles": tiles, "rss_kb": kb("VmRSS"), "hwm_kb": kb("VmHWM"), "quotes": quotes, "news_rows": rows,
                  "chart_bars": len(gui.panes["chart"].bars), "children_kb": children,
                  "modules": sorted(m for m in HEAVY if m in sys.modules)}),
      flush=True)
gui.shutdown()
"""


def run(code: str, args: list[str], env: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          timeout=300, cwd=ROOT)
    out: dict = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            out.update(json.loads(line))
    if "rss_kb" not in out:
        raise SystemExit(f"child did not report:\n{proc.stdout}\n{proc.stderr[-3000:]}")
    return out


def seed_full_market(data: Path) -> int:
    """A quote for every bundled A-share, as a full-market snapshot leaves them (the demo's covers 725)."""
    import random

    from desktop.core.market import Quote
    from desktop.store import market_store as ms
    from desktop.store.writer import Writer

    rng, now = random.Random(11), int(time.time())
    with Writer(data / "huohua.sqlite3") as w:
        codes = [r[0] for r in w.call(lambda c: c.execute("SELECT code FROM stocks").fetchall())]
        quotes = [Quote(code, "", 10.0, rng.uniform(-5, 5), 0.1, 10, 11, 9, 10, 1e6, 1e8, 1.0, 1e10, now, now)
                  for code in codes]
        w.call(lambda c: ms.upsert_quotes(c, quotes, "snapshot"))
    return len(quotes)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    from bench.startup import build_db

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HUOHUA_CONFIG_DIR": ""}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        build_db(data, args.articles)
        seed_full_market(data)
        print(f"database: {args.articles} articles, built in {time.perf_counter() - t:.0f} s")
        bare = run(BARE, [], env)
        ours = run(HUOHUA, [str(data), str(ROOT / "resources" / "demo")], env)
    mib = lambda kb: kb / 1024   # noqa: E731
    print(f"bare PySide6 window            : {mib(bare['rss_kb']):6.0f} MiB resident  (baseline)")
    print(f"huohua, every pane, full market: {mib(ours['rss_kb']):6.0f} MiB resident, peak "
          f"{mib(ours['hwm_kb']):.0f} MiB  (bar ≤ 300 MiB)")
    print(f"  shown: {ours['news_rows']} news rows ({ours['fetched']} fetched from a local feed), "
          f"{ours['tiles']} heatmap tiles (全市场), {ours['quotes']} quotes stored, {ours['chart_bars']} chart bars; "
          f"imported in the GUI process: {', '.join(ours['modules'])}")
    print(f"  worker processes (not the GUI process): {[round(mib(k)) for k in ours['children_kb']]} MiB")
    return finish([bar("rss_mib", round(mib(ours["rss_kb"])), 300, unit=" MiB")],
                  {"articles": args.articles, "bare_rss_mib": round(mib(bare["rss_kb"])),
                   "rss_mib": round(mib(ours["rss_kb"])), "peak_mib": round(mib(ours["hwm_kb"])),
                   "quotes": ours["quotes"], "children_mib": [round(mib(k)) for k in ours["children_kb"]],
                   "modules": ours["modules"], "bar_mib": 300}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

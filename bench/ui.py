"""UI responsiveness: the worst stall of a 5 ms heartbeat timer on the GUI thread while 1,000 new articles are
fetched, parsed, tagged, written and shown — next to the same heartbeat with the app idle, in one run.

    python bench/ui.py [--base-articles 100000] [--feeds 10] [--items 100] [--json]

The main window runs offscreen on a database that already holds `--base-articles` articles; the articles
arrive through the real pipeline (local HTTP server → feed poller thread → parse workers → writer →
data_committed → news list and sidebar). Bar: worst stall ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.verdict import bar, finish  # noqa: E402


def heartbeat(app, seconds: float, until=None) -> tuple[float, int]:
    """Run the real event loop with a 5 ms timer; return (worst gap beyond the interval in ms, ticks)."""
    from PySide6.QtCore import QEventLoop, QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
        if until is not None and until():
            loop.quit()

    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    last[0] = time.perf_counter()
    loop.exec()
    timer.stop()
    worst = max(gaps) if gaps else 0.0
    return max(0.0, worst - 0.005) * 1000, len(gaps)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-articles", type=int, default=100_000)
    ap.add_argument("--feeds", type=int, default=10)
    ap.add_argument("--items", type=int, default=100)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    from bench.ingest import make_feed, serve
    from bench.startup import build_db
    from desktop.config import Settings, resolve_paths
    from desktop.gui_app import GuiApp
    from desktop.gui_main import configure_process
    from desktop.store import feeds as feed_ops

    configure_process()                  # as `huohua` does before building the window (GIL switch interval)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t = time.perf_counter()
        build_db(data, args.base_articles)
        print(f"database: {args.base_articles} articles, built in {time.perf_counter() - t:.0f} s")
        rng = random.Random(5)
        bodies = {f"/u{i}.xml": make_feed(1000 + i, args.items, rng) for i in range(args.feeds)}
        server = serve(bodies)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        paths = resolve_paths(data)
        settings = Settings(paths.settings_file)
        gui = GuiApp(paths, settings, start_pollers=False, feed_check_ms=200)
        gui.show()
        heartbeat(app, 1.0, until=lambda: gui.loaded)
        gui.core.parse_pool().start()                       # as at app start: workers ready before news arrives
        gui.core.parse_pool().parse(bodies["/u0.xml"], {}, "http://warm/", 0)
        heartbeat(app, 1.5)                                 # let start-up work (counts, first paints) settle
        idle, idle_ticks = heartbeat(app, 3.0)
        rows_before = gui.news.model.rowCount()
        gui.core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url=base + p) for p in bodies]))
        total = args.feeds * args.items
        t = time.perf_counter()
        gui.start_background(market=False)   # the news path only: no live market calls offline
        states: list = []
        gui.background.source_state.connect(states.append)   # the rounds' SourceStates (feeds)
        import cProfile
        import pstats
        prof = cProfile.Profile()
        prof.enable()
        busy, busy_ticks = heartbeat(app, 120.0, until=lambda: gui.news.model.rowCount() >= rows_before + total)
        took = time.perf_counter() - t
        prof.disable()
        if os.environ.get("BENCH_PROFILE"):
            pstats.Stats(prof).sort_stats("tottime").print_stats(15)
        shown = gui.news.model.rowCount() - rows_before
        failed = [st for st in states if st.state in ("error", "stale")]
        if failed or shown < total:
            print(f"warning: {shown} of {total} shown; failures: {[st.error for st in failed][:3]}")
        after, _ = heartbeat(app, 1.0)            # the sidebar counts and last commits settle
        gui.shutdown()
        server.shutdown()
    print(f"idle app, 3 s                  : worst heartbeat stall {idle:6.1f} ms ({idle_ticks} ticks)  (baseline)")
    print(f"ingesting {total} new articles  : worst heartbeat stall {max(busy, after):6.1f} ms ({busy_ticks} ticks, "
          f"{shown} rows shown in {took:.1f} s)  bar ≤ 50 ms")
    # every article shown is part of the bar: a stall-free run that drops articles has measured nothing
    return finish([bar("stall_ms", round(max(busy, after), 1), 50, unit=" ms"),
                   bar("shown", shown, total, at_least=True)],
                  {"articles": args.base_articles, "ingested": total, "shown": shown,
                   "idle_stall_ms": round(idle, 1), "stall_ms": round(max(busy, after), 1),
                   "ingest_s": round(took, 2), "bar_ms": 50}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

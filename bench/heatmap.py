"""The sector heatmap with the whole market: 5,550 tiles laid out, painted, hovered — next to the `squarify`
package laying out the same sizes, in one run.

    python bench/heatmap.py [--articles 20000] [--json]

The window (GuiApp, offscreen, 1600×960) runs on a database of tagged articles, the bundled stock list and a
quote for every stock (sizes: lognormal caps; the 全市场 view, grouped by industry). Measured:
- layout: our squarified layout of the 5,550 sizes vs `squarify.squarify` (with its normalize_sizes) on the same
  sizes and rectangle (median of 7); the grouped layout the view uses is printed too;
- repaint: a full synchronous repaint of the heatmap widget from its cached layout (median of 20);
- hover: the hit-test and the tooltip text (the pane's: name, %, cap, freshness, news count and headlines) at
  random points, worst of 300;
- a quote update of every tile with unchanged sizes: recolour only (the layout is kept; checked and timed).
Bars: layout ≥ 5× faster than squarify; repaint ≤ 16 ms; hover ≤ 2 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.verdict import bar, finish  # noqa: E402


def seed_market(data: Path, rng: random.Random) -> int:
    from desktop.core.market import Quote
    from desktop.store import market_store as ms
    from desktop.store.writer import Writer

    now = int(time.time())
    with Writer(data / "huohua.sqlite3") as w:
        codes = [r[0] for r in w.call(lambda c: c.execute("SELECT code FROM stocks").fetchall())]
        quotes = [Quote(code, "", 10.0, rng.gauss(0, 2.0), 0.1, 10, 11, 9, 10, 1e6, 1e8, 1.0,
                        rng.lognormvariate(23, 1.3), now, now) for code in codes]
        w.call(lambda c: ms.upsert_quotes(c, quotes, "snapshot"))
    return len(quotes)


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    import squarify as baseline
    from PySide6.QtCore import QEventLoop, QPoint, QTimer
    from PySide6.QtWidgets import QApplication

    from bench.startup import build_db
    from desktop.config import Settings, resolve_paths
    from desktop.core.treemap import squarify
    from desktop.gui_app import GuiApp
    from desktop.gui_main import configure_process

    configure_process()
    _qapp = QApplication.instance() or QApplication([])   # kept alive for the run
    rng = random.Random(7)

    def spin(seconds: float, until=lambda: False) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        build_db(data, args.articles)
        n_quotes = seed_market(data, rng)
        paths = resolve_paths(data)
        gui = GuiApp(paths, Settings(paths.settings_file), start_pollers=False)
        gui.window.resize(1600, 960)
        gui.show()
        spin(10, lambda: gui.loaded)
        gui.window.docks["heatmap"].raise_()
        pane = gui.panes["heatmap"]
        spin(5, lambda: pane.view is not None)
        # the articles of bench/search.build are one a minute from 1,700,000,000: read the market as of the
        # newest, so that the last 24 h hold 1,440 of them (tiles with news; headlines queried on hover)
        gui.market.set_clock(lambda: 1_700_000_000 + args.articles * 60, lambda: 0)
        pane.set_view("market")
        view = pane.view
        spin(20, lambda: len(view.tiles) >= n_quotes)
        view.resize(1600, 900)
        spin(0.5)
        tiles = len(view.tiles)
        with_news = sum(1 for t in view.tiles if t.news)
        sizes = sorted((t.size for t in view.tiles), reverse=True)
        w, h = float(view.width()), float(view.height())
        ours = statistics.median(timed(lambda: squarify(sizes, 0, 0, w, h), 7))
        theirs = statistics.median(timed(lambda: baseline.squarify(baseline.normalize_sizes(sizes, w, h), 0, 0, w, h),
                                         7))

        def grouped_layout() -> None:
            view._layout_key = None
            view._relayout()

        grouped = statistics.median(timed(grouped_layout, 7))
        repaint = statistics.median(timed(view.repaint, 20))
        points = [QPoint(rng.randrange(view.width()), rng.randrange(view.height())) for _ in range(300)]
        hover = max(timed(lambda: view.tooltip_at(points[rng.randrange(len(points))]), 300))
        before = view._layout_key
        groups = [(g, [type(t)(**{**{f: getattr(t, f) for f in t.__slots__}, "pct": (t.pct or 0) + 0.1})
                       for t in ts]) for g, ts in view.groups]
        recolour = statistics.median(timed(lambda: (view.set_tiles(groups, True), view.repaint()), 5))
        relaid = view._layout_key is not before and view._layout_key != before
        gui.shutdown()
    print(f"tiles                         : {tiles} (全市场, grouped by industry, {int(w)}×{int(h)} px)")
    print(f"layout (ours)                 : {ours:7.2f} ms median   (grouped, as the view: {grouped:.2f} ms)")
    print(f"layout (squarify package)     : {theirs:7.2f} ms median   ({theirs / ours:.0f}× ours; bar ≥ 5×)")
    print(f"full repaint                  : {repaint:7.2f} ms median   (bar ≤ 16 ms)")
    print(f"hover hit-test + tooltip text : {hover:7.2f} ms worst of 300   (bar ≤ 2 ms; {with_news} tiles with news "
          f"in the last 24 h, their headlines queried on first hover)")
    print(f"quote update, same sizes      : {recolour:7.2f} ms (recolour + repaint; layout recomputed: "
          f"{'yes' if relaid else 'no'})")
    return finish([bar("layout_speedup", round(theirs / ours, 1), 5, at_least=True, unit="×"),
                   bar("repaint_ms", round(repaint, 2), 16, unit=" ms"),
                   bar("hover_ms", round(hover, 3), 2, unit=" ms")],
                  {"tiles": tiles, "layout_ms": round(ours, 2), "squarify_ms": round(theirs, 2),
                   "grouped_layout_ms": round(grouped, 2), "repaint_ms": round(repaint, 2),
                   "hover_ms": round(hover, 3), "update_ms": round(recolour, 2), "relayout_on_update": relaid,
                   "tiles_with_news": with_news}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

"""The K-line chart: first draw and a pan/zoom frame for 2,500 daily bars, next to a PlotDataItem-per-candle chart.

    python bench/chart.py [--json]

Ours: desktop.ui.widgets.kline_plot.KlinePlot (candles as one cached-picture item, volume as one BarGraphItem,
MA5/10/20), all 2,500 bars in view (the worst case: zoomed fully out). Baseline: the naive pyqtgraph chart — one
PlotDataItem per candle (wick and body outline) plus the same volume bars and MAs.
"first draw" = set the bars and render the widget once (QWidget.grab renders synchronously, offscreen);
"frame" = pan by one bar or zoom by 10 % and render again (median of 30; the worst is printed too).
Bars: first draw ≤ 50 ms, frame ≤ 16 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

BARS = 2500
FIRST_BAR_MS = 50.0
FRAME_BAR_MS = 16.0
UP, DOWN = "#e03131", "#2f9e44"


def make_bars(n: int) -> list:
    from desktop.core.market import Bar

    rng = random.Random(7)
    price, out = 50.0, []
    for i in range(n):
        o = price
        c = max(1.0, o * (1 + rng.gauss(0, 0.02)))
        hi, lo = max(o, c) * (1 + rng.random() * 0.01), min(o, c) * (1 - rng.random() * 0.01)
        out.append(Bar("300750", 1_500_000_000 + i * 86400, o, hi, lo, c, rng.uniform(1e5, 1e6), 0.0, "qfq"))
        price = c
    return out


def baseline_widget(bars: list):
    """The chart most first attempts build: a PlotDataItem per candle."""
    import numpy as np
    import pyqtgraph as pg

    w = pg.GraphicsLayoutWidget()
    price, volume = w.addPlot(row=0, col=0), w.addPlot(row=1, col=0)
    volume.setXLink(price)
    for i, b in enumerate(bars):
        pen = pg.mkPen(UP if b.close >= b.open else DOWN)
        lo, hi = min(b.open, b.close), max(b.open, b.close)
        xs = [i, i, i - 0.34, i + 0.34, i + 0.34, i + 0.34, i + 0.34, i - 0.34, i - 0.34, i - 0.34]
        ys = [b.low, b.high, lo, lo, lo, hi, hi, hi, hi, lo]       # the wick, then the body's four edges
        price.addItem(pg.PlotDataItem(xs, ys, pen=pen, connect="pairs"))
    x = np.arange(len(bars), dtype=float)
    volume.addItem(pg.BarGraphItem(x=x, height=[b.volume for b in bars], width=0.7,
                                   brushes=[pg.mkBrush(UP if b.close >= b.open else DOWN) for b in bars]))
    closes = np.array([b.close for b in bars])
    for n in (5, 10, 20):
        price.plot(x[n - 1:], np.convolve(closes, np.ones(n) / n, mode="valid"))
    return w, price


def frames(widget, plot, n: int = 30) -> list[float]:
    out = []
    vb = plot.getViewBox()
    for k in range(n):
        t = time.perf_counter()
        if k % 2:                 # one bar right, then back: the chart's x limits stop a pan past its ends
            vb.translateBy(x=1.0 if k % 4 == 1 else -1.0)
        else:
            vb.scaleBy(x=0.9 if k % 4 else 1 / 0.9)
        widget.grab()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    import pyqtgraph  # noqa: F401  (the import is the chart's first-show cost, not the draw's)

    from desktop.ui.widgets.kline_plot import KlinePlot

    bars = make_bars(BARS)
    ours = KlinePlot(UP, DOWN)
    ours.resize(1000, 600)
    ours.show()
    app.processEvents()
    t = time.perf_counter()
    ours.set_bars(bars, [5, 10, 20])
    ours.price.setXRange(-0.5, len(bars) - 0.5, padding=0)       # all 2,500 in view: the worst case
    ours.grab()
    first_ms = (time.perf_counter() - t) * 1000
    ours_frames = frames(ours, ours.price)

    t = time.perf_counter()
    base, base_price = baseline_widget(bars)
    base.resize(1000, 600)
    base.show()
    base.grab()
    baseline_first_ms = (time.perf_counter() - t) * 1000
    base_frames = frames(base, base_price, 10)
    app.processEvents()

    frame_ms = statistics.median(ours_frames)
    print(f"bars                         : {BARS}")
    print(f"first draw (ours)            : {first_ms:7.1f} ms   (bar ≤ {FIRST_BAR_MS:.0f} ms)")
    print(f"first draw (PlotDataItem/bar): {baseline_first_ms:7.1f} ms   ({baseline_first_ms / first_ms:.0f}× ours)")
    print(f"pan/zoom frame (ours)        : {frame_ms:7.1f} ms median, {max(ours_frames):.1f} ms worst "
          f"(bar ≤ {FRAME_BAR_MS:.0f} ms)")
    print(f"pan/zoom frame (baseline)    : {statistics.median(base_frames):7.1f} ms median")
    # "bars" is the verdict's list of bars, so the candle count travels as "candles"
    return finish([bar("first_ms", round(first_ms, 1), FIRST_BAR_MS, unit=" ms"),
                   bar("frame_ms", round(frame_ms, 1), FRAME_BAR_MS, unit=" ms")],
                  {"candles": BARS, "first_ms": round(first_ms, 1), "frame_ms": round(frame_ms, 1),
                   "frame_max_ms": round(max(ours_frames), 1),
                   "baseline_first_ms": round(baseline_first_ms, 1),
                   "baseline_frame_ms": round(statistics.median(base_frames), 1),
                   "first_bar_ms": FIRST_BAR_MS, "frame_bar_ms": FRAME_BAR_MS}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

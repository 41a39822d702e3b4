"""KlinePlot: price (candles + MAs) over volume, x linked, with a crosshair — pyqtgraph, loaded only here.

`setClipToView` and peak downsampling keep the MA lines cheap when zoomed out (vn.py's settings); the candles are
one item (widgets/candles.py), the volume one BarGraphItem. Wheel zooms, drag pans (pyqtgraph's ViewBox).
`hovered(index)` reports the bar under the mouse; `x_of(index)` / `bar_at(x)` let tests find a candle.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal

from desktop.ui.widgets.candles import CandleItem

MA_COLORS = {5: "#e6a23c", 10: "#409eff", 20: "#a855f7"}


class KlinePlot(pg.GraphicsLayoutWidget):
    hovered = Signal(int)

    def __init__(self, up: str, down: str, parent=None):
        super().__init__(parent)
        self.setBackground(None)
        self.price = self.addPlot(row=0, col=0)
        self.volume = self.addPlot(row=1, col=0)
        self.ci.layout.setRowStretchFactor(0, 4)
        self.ci.layout.setRowStretchFactor(1, 1)
        self.volume.setXLink(self.price)
        for plot in (self.price, self.volume):
            plot.showGrid(x=False, y=True, alpha=0.15)
            plot.setClipToView(True)
            plot.setDownsampling(mode="peak")
        self.price.hideAxis("bottom")
        self.candles = CandleItem(up, down)
        self.price.addItem(self.candles)
        self.bars_item = pg.BarGraphItem(x=[], height=[], width=0.7, brushes=[])
        self.volume.addItem(self.bars_item)
        self.ma_lines: dict[int, pg.PlotDataItem] = {}
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#888", width=1))
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#888", width=1))
        self.price.addItem(self.vline, ignoreBounds=True)
        self.price.addItem(self.hline, ignoreBounds=True)
        self.bars: list = []
        self.scene().sigMouseMoved.connect(self._moved)

    def set_bars(self, bars: list, ma: list[int]) -> None:
        self.bars = bars
        self.candles.set_bars(bars)
        x = np.arange(len(bars), dtype=float)
        vol = np.array([b.volume for b in bars], dtype=float)
        up, down = self.candles.up, self.candles.down
        brushes = [pg.mkBrush(up if b.close >= b.open else down) for b in bars]
        self.bars_item.setOpts(x=x, height=vol, width=0.7, brushes=brushes, pens=[None] * len(bars))
        closes = np.array([b.close for b in bars], dtype=float)
        for n in list(self.ma_lines):
            if n not in ma:
                self.price.removeItem(self.ma_lines.pop(n))
        for n in ma:
            if len(closes) < n:
                continue
            avg = np.convolve(closes, np.ones(n) / n, mode="valid")
            line = self.ma_lines.get(n)
            if line is None:
                line = self.ma_lines[n] = self.price.plot(pen=pg.mkPen(MA_COLORS.get(n, "#888"), width=1))
            line.setData(x[n - 1:], avg)
        if bars:
            shown = min(len(bars), 120)              # the last ~6 months, as terminals open
            self.price.setXRange(len(bars) - shown - 0.5, len(bars) - 0.5, padding=0)
            recent = bars[-shown:]
            self.price.setYRange(min(b.low for b in recent), max(b.high for b in recent), padding=0.05)
            self.volume.setYRange(0, max(b.volume for b in recent) * 1.05 or 1, padding=0)

    def x_of(self, index: int) -> float:
        """Where bar `index` is on the x axis (for a test that clicks or hovers it)."""
        return float(index)

    def bar_at(self, x: float) -> int:
        i = int(round(x))
        return i if 0 <= i < len(self.bars) else -1

    def _moved(self, pos) -> None:
        if not self.price.sceneBoundingRect().contains(pos) and not self.volume.sceneBoundingRect().contains(pos):
            return
        point = self.price.vb.mapSceneToView(pos)
        self.vline.setPos(point.x())
        self.hline.setPos(point.y())
        self.hovered.emit(self.bar_at(point.x()))

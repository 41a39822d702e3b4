"""KlinePlot: price (candles + MAs) over volume, x linked, with a crosshair — pyqtgraph, loaded only here.

`setClipToView` and peak downsampling keep the MA lines cheap when zoomed out (vn.py's settings); the candles are
one item (widgets/candles.py), the volume bars another. Wheel zooms, drag pans (pyqtgraph's ViewBox).
`hovered(index)` reports the bar under the mouse; `x_of(index)` / `bar_at(x)` let tests find a candle.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt, Signal

from desktop.ui.widgets.candles import CandleItem, VolumeItem

MA_COLORS = {5: "#e6a23c", 10: "#409eff", 20: "#a855f7"}
NEWS_MARK = "#d9480f"             # the app's accent, as the news strip: news is not a price move
SHANGHAI = timezone(timedelta(hours=8))


class DateAxis(pg.AxisItem):
    """x is a bar's index (no gaps for weekends and holidays); its label is the bar's date in Asia/Shanghai."""

    def __init__(self, plot: KlinePlot):
        super().__init__("bottom")
        self.plot = plot

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        bars = self.plot.bars
        out = []
        for v in values:
            i = int(round(v))
            out.append(datetime.fromtimestamp(bars[i].time, SHANGHAI).strftime("%Y-%m-%d")
                       if 0 <= i < len(bars) else "")
        return out


class VolumeAxis(pg.AxisItem):
    """Volume in 万 / 亿 as the terminals label it in Chinese, K / M / B in English (never 3e+07)."""

    def __init__(self):
        super().__init__("left")
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        chinese = QLocale().language() == QLocale.Chinese        # i18n.install sets the default locale
        return [volume_text(v, chinese) for v in values]


def volume_text(v: float, chinese: bool = True) -> str:
    units = ((1e8, "亿", 1), (1e4, "万", 0)) if chinese else ((1e9, "B", 1), (1e6, "M", 0), (1e3, "K", 0))
    for size, unit, digits in units:
        if abs(v) >= size:
            return f"{v / size:.{digits}f}{unit}"
    return f"{v:.0f}"


class KlinePlot(pg.GraphicsLayoutWidget):
    hovered = Signal(int)

    def __init__(self, up: str, down: str, parent=None):
        super().__init__(parent)
        self.setBackground(None)
        self.price = self.addPlot(row=0, col=0)
        self.volume = self.addPlot(row=1, col=0, axisItems={"bottom": DateAxis(self), "left": VolumeAxis()})
        self.ci.setContentsMargins(0, 0, 0, 0)   # as a PlotWidget's: the news strip below lines up with the bars
        self.ci.layout.setRowStretchFactor(0, 4)
        self.ci.layout.setRowStretchFactor(1, 1)
        self.volume.setXLink(self.price)
        for plot in (self.price, self.volume):
            # No pyqtgraph grid: its lines are recorded into each axis' picture and replaying them cost ~17 ms of
            # a 20 ms pan frame at 1000×600 (bench/chart.py; 4 ms without).
            plot.setClipToView(True)
            plot.setDownsampling(mode="peak")
        self.price.hideAxis("bottom")
        self.candles = CandleItem(up, down)
        self.price.addItem(self.candles)
        self.volume_bars = VolumeItem(up, down)
        self.volume.addItem(self.volume_bars)
        self.ma_lines: dict[int, pg.PlotDataItem] = {}
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#888", width=1))
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#888", width=1))
        self.price.addItem(self.vline, ignoreBounds=True)
        self.price.addItem(self.hline, ignoreBounds=True)
        self.vline.hide()                        # until the mouse is over the chart
        self.hline.hide()
        # the article open in the reader: where its time falls (the news colour, dashed)
        self.article_line = pg.InfiniteLine(angle=90, movable=False,
                                            pen=pg.mkPen(NEWS_MARK, width=1, style=Qt.DashLine))
        self.price.addItem(self.article_line, ignoreBounds=True)
        self.article_line.hide()
        for plot in (self.price, self.volume):   # the price axis as wide as the volume's (x lines up)
            plot.getAxis("left").setWidth(56)
        self.bars: list = []
        self.scene().sigMouseMoved.connect(self._moved)

    def set_bars(self, bars: list, ma: list[int]) -> None:
        self.bars = bars
        self.candles.set_bars(bars)
        x = np.arange(len(bars), dtype=float)
        self.volume_bars.set_bars(bars)
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

    def mark_article(self, x: float | None) -> None:
        """The vertical line at `x` (None hides it)."""
        self.article_line.setVisible(x is not None)
        if x is not None:
            self.article_line.setPos(x)

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
        self.vline.show()
        self.hline.show()
        self.vline.setPos(point.x())
        self.hline.setPos(point.y())
        self.hovered.emit(self.bar_at(point.x()))

    def set_colors(self, up: str, down: str) -> None:
        self.candles.set_colors(up, down)
        self.volume_bars.set_colors(up, down)

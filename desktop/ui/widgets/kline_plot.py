"""KlinePlot: price (candles + MAs) over volume, x linked, with a crosshair — pyqtgraph, loaded only here.

`setClipToView` and peak downsampling keep the MA lines cheap when zoomed out (vn.py's settings); the candles are
one item (widgets/candles.py), the volume bars another. As in every terminal, the wheel zooms time only and a
drag pans time only; after any zoom or pan the price axis fits the bars in view (and their MAs) and the volume
axis their volumes, so the latest bars are never off the top. Volume reads in one unit on the axis and in the
readout: 万手 in 日K (English: M = million shares), 手 (lots) in 分时.
`hovered(index)` reports the bar under the mouse; `x_of(index)` / `bar_at(x)` let tests find a candle.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal

from desktop.core.numbers import lots, wan_lots
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
    """Volume (stored in shares) in the unit the readout uses, with the unit on every label: 日K in 万手 (English:
    M, million shares — the readout's "M shares"), 分时 in 手 (English: lots), never 3e+07."""

    def __init__(self, unit: str = "daily"):
        super().__init__("left")
        self.unit = unit
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        return [volume_text(v, self.unit) for v in values]


def volume_text(shares: float, unit: str = "daily") -> str:
    """An axis label for a volume of `shares`, in the interface's language: "daily" in 万手 ("20万手"; English
    "20M", million shares), "minute" in 手 ("3000手"; English "3000 lots") — the readouts' units (chart_pane)."""
    if not shares:
        return "0"                         # the axis' foot
    if unit == "minute":
        return QCoreApplication.translate("VolumeAxis", "%1手").replace("%1", lots(shares))
    return QCoreApplication.translate("VolumeAxis", "%1万手").replace("%1", wan_lots(shares, trim=True))


class KlinePlot(pg.GraphicsLayoutWidget):
    hovered = Signal(int)
    VOLUME_UNIT = "daily"
    MIN_BARS = 10                 # the closest zoom: ten bars across

    def __init__(self, up: str, down: str, parent=None):
        super().__init__(parent)
        self.setBackground(None)      # the window's colour shows through (a theme switch: see changeEvent)
        self.price = self.addPlot(row=0, col=0)
        self.volume = self.addPlot(row=1, col=0, axisItems={"bottom": DateAxis(self),
                                                            "left": VolumeAxis(self.VOLUME_UNIT)})
        self.ci.setContentsMargins(0, 0, 0, 0)   # as a PlotWidget's: the news strip below lines up with the bars
        self.ci.layout.setRowStretchFactor(0, 4)
        self.ci.layout.setRowStretchFactor(1, 1)
        self.volume.setXLink(self.price)
        for plot in (self.price, self.volume):
            # No pyqtgraph grid: its lines are recorded into each axis' picture and replaying them cost ~17 ms of
            # a 20 ms pan frame at 1000×600 (bench/chart.py; 4 ms without).
            plot.setClipToView(True)
            plot.setDownsampling(mode="peak")
            plot.setMouseEnabled(x=True, y=False)   # the wheel and a drag move time; the price axis follows
            plot.hideButtons()                      # pyqtgraph's "A" (auto-range) button: the fit is automatic
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
                                            pen=pg.mkPen(NEWS_MARK, width=1, style=Qt.PenStyle.DashLine))
        self.price.addItem(self.article_line, ignoreBounds=True)
        self.article_line.hide()
        # the price axis as wide as the volume's (x lines up; the news strip below takes it too): room for the
        # widest volume label in the interface's language ("20000 lots" is wider than "20000手")
        from PySide6.QtGui import QFontMetrics

        fm = QFontMetrics(self.font())
        widest = max(fm.horizontalAdvance(volume_text(v, self.VOLUME_UNIT)) for v in (5e9, 2e6))     # 5000万手, 20000手
        self.axis_width = max(56, widest + 14)
        for plot in (self.price, self.volume):
            plot.getAxis("left").setWidth(self.axis_width)
        self.bars: list = []
        self._lows = self._highs = self._volumes = np.zeros(0)
        self._ma_values: dict[int, np.ndarray] = {}       # period → its values (value j is bar j + period - 1)
        self.price.vb.sigXRangeChanged.connect(self._fit_y)
        self.scene().sigMouseMoved.connect(self._moved)

    def changeEvent(self, event) -> None:  # noqa: N802
        """A live theme switch: the view caches its (transparent) background, painted in the old palette's colour
        until something invalidates it — the plot stayed white in the dark theme until a restart."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.resetCachedContent()
            self.viewport().update()
        super().changeEvent(event)

    def set_theme(self, theme: str) -> None:
        """Colours that depend on light/dark (the background follows the palette by itself)."""
        self.resetCachedContent()
        self.viewport().update()

    def set_bars(self, bars: list, ma: list[int], keep_view: bool = False) -> None:
        """Draw `bars` with the `ma` periods. `keep_view`: the same stock's bars again (a commit) — keep the zoom the
        user chose, following the latest bar if it was in view; else open on the last ~6 months."""
        old_n, (old_x0, old_x1) = len(self.bars), self.price.vb.viewRange()[0]
        self.bars = bars
        self.candles.set_bars(bars)
        x = np.arange(len(bars), dtype=float)
        self.volume_bars.set_bars(bars)
        closes = np.array([b.close for b in bars], dtype=float)
        self._lows = np.array([b.low for b in bars], dtype=float)
        self._highs = np.array([b.high for b in bars], dtype=float)
        self._volumes = np.array([b.volume for b in bars], dtype=float)
        self._ma_values = {}
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
            self._ma_values[n] = avg
        if not bars:
            return
        n = len(bars)
        # no panning off into emptiness, no zooming past ten bars or out past all of them
        self.price.vb.setLimits(xMin=-2.5, xMax=n + 1.5, minXRange=min(self.MIN_BARS, n + 1),
                                maxXRange=max(n + 4.0, 30.0))
        if keep_view and old_n and old_x1 > old_x0:
            width = old_x1 - old_x0
            if old_x1 >= old_n - 1.5:            # the latest bar was in view: it stays in view
                right = old_x1 + (n - old_n)
                self.price.setXRange(right - width, right, padding=0)
            else:
                self.price.setXRange(old_x0, old_x1, padding=0)
        else:
            shown = min(n, 120)                  # the last ~6 months, as terminals open
            self.price.setXRange(n - shown - 0.5, n - 0.5, padding=0)
        self._fit_y()

    def _fit_y(self, *_args) -> None:
        """The price axis fits the bars in view (their highs and lows, and their MAs), the volume axis their
        volumes — after every zoom and pan (sigXRangeChanged) and every redraw."""
        n = len(self._lows)
        if not n:
            return
        x0, x1 = self.price.vb.viewRange()[0]
        i0, i1 = max(0, math.ceil(x0 - 0.5)), min(n - 1, math.floor(x1 + 0.5))
        if i0 > i1:                              # nothing in view (cannot happen within the limits)
            return
        lo, hi = float(self._lows[i0:i1 + 1].min()), float(self._highs[i0:i1 + 1].max())
        for period, values in self._ma_values.items():
            j0, j1 = max(0, i0 - period + 1), i1 - period + 1
            if j1 >= j0:
                part = values[j0:j1 + 1]
                lo, hi = min(lo, float(part.min())), max(hi, float(part.max()))
        if hi <= lo:
            hi, lo = hi + max(abs(hi) * 0.01, 0.01), lo - max(abs(lo) * 0.01, 0.01)
        self.price.setYRange(lo, hi, padding=0.05)
        self.volume.setYRange(0, float(self._volumes[i0:i1 + 1].max()) * 1.05 or 1, padding=0)

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

"""IntradayPlot: the 分时 view — the session's 1-minute price line, its average price (均价), the previous close
as a dashed line, and volume under it; x is the minute slot (core/intraday.py), so the axis always spans
09:30–15:00 and a session still trading fills it from the left, as in 同花顺/通达信.

The price range is symmetric around the previous close (the right axis reads % from it), so how far the stock
moved is seen at a glance and the line never sits on an edge. Shares KlinePlot's crosshair, volume axis and
`hovered(index)` / `x_of(index)` / `bar_at(x)` (index: into `bars`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from desktop.core.intraday import SLOTS, average_prices, slot_label, slot_of_label
from desktop.ui.widgets.kline_plot import KlinePlot

PRICE_COLOR = {"light": "#1f2937", "dark": "#e5e7eb"}
AVG_COLOR = "#e6a23c"              # 均价: yellow-orange in every terminal
TICKS = (0, 60, 120, 180, 240)     # 09:30 10:30 11:30/13:00 14:00 15:00


class SlotAxis(pg.AxisItem):
    def __init__(self):
        super().__init__("bottom")
        self.setTicks([[(s, "11:30/13:00" if s == 120 else slot_label(s)) for s in TICKS]])


class PctAxis(pg.AxisItem):
    """The right axis: % from the previous close."""

    def __init__(self, plot: IntradayPlot):
        super().__init__("right")
        self.plot = plot
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        prev = self.plot.prev_close
        return [f"{(v / prev - 1) * 100:+.2f}%" if prev else "" for v in values]


class IntradayPlot(KlinePlot):
    VOLUME_UNIT = "minute"            # 手 on the axis, as in the readout

    def __init__(self, up: str, down: str, theme: str = "light", parent=None):
        super().__init__(up, down, parent)
        self.price.removeItem(self.candles)
        self.volume.setAxisItems({"bottom": SlotAxis()})
        self.price.setAxisItems({"right": PctAxis(self)})
        self.price.showAxis("right")
        self.volume.showAxis("right")
        self.volume.getAxis("right").setStyle(showValues=False)
        for plot in (self.price, self.volume):
            plot.getAxis("right").setWidth(56)
            plot.setMouseEnabled(x=False, y=False)     # a session is one screen: nothing to pan or zoom
        self.line = self.price.plot(pen=pg.mkPen(PRICE_COLOR.get(theme, PRICE_COLOR["light"]), width=1.4))
        self.avg = self.price.plot(pen=pg.mkPen(AVG_COLOR, width=1))
        self.prev_line = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#888", width=1, style=Qt.PenStyle.DashLine))
        self.price.addItem(self.prev_line, ignoreBounds=True)
        self.prev_close = 0.0
        self.slots: list[int] = []
        self.averages: list[float] = []
        self.session_day = ""         # the session's date above the plot when it is not today's ("" today)

    def set_session(self, bars: list, prev_close: float | None) -> None:
        """The session's bars (ascending) and the previous close (None: the first bar's open stands in)."""
        self.bars = bars
        self.slots = [slot_of_label(b.time) for b in bars]
        self.averages = average_prices(bars)
        self.prev_close = float(prev_close or (bars[0].open if bars else 0.0))
        x = np.array(self.slots, dtype=float)
        self.line.setData(x, np.array([b.close for b in bars], dtype=float))
        self.avg.setData(x, np.array(self.averages, dtype=float))
        self.prev_line.setPos(self.prev_close)
        self.volume_bars.set_bars(bars, [float(s) for s in self.slots])
        self.price.setXRange(-0.5, SLOTS - 0.5, padding=0)
        if bars and self.prev_close:
            far = max(max(abs(b.high - self.prev_close), abs(b.low - self.prev_close)) for b in bars)
            far = max(far, self.prev_close * 0.002)     # a flat session still shows ±0.2 %
            self.price.setYRange(self.prev_close - far, self.prev_close + far, padding=0.05)
            self.volume.setYRange(0, max(b.volume for b in bars) * 1.05 or 1, padding=0)
        self.price.getAxis("right").picture = None      # the % labels depend on the previous close
        self.price.getAxis("right").update()
        self._show_day(bars[-1].time if bars else None)

    def _show_day(self, ts: int | None) -> None:
        """An earlier session (the demo's recording, Friday's on a Monday morning) says its date: the axis
        alone reads 09:30–15:00 whatever the day."""
        from desktop.ui.market_day import is_today, when

        day = "" if ts is None or is_today(ts) else when(ts).strftime("%Y-%m-%d")
        if day != self.session_day:
            self.session_day = day
            self.price.setTitle(day or None, size="9pt", color="#888", justify="left")

    def set_bars(self, bars: list, ma: list[int], keep_view: bool = False) -> None:   # the daily chart's entry point: not for 分时
        self.set_session(bars, None)

    def x_of(self, index: int) -> float:
        return float(self.slots[index]) if 0 <= index < len(self.slots) else -1.0

    def bar_at(self, x: float) -> int:
        """The bar at or before slot `x` (a minute without a trade shows the last price)."""
        if not self.slots:
            return -1
        import bisect

        i = bisect.bisect_right(self.slots, int(round(x))) - 1
        return i if 0 <= i < len(self.slots) and x <= SLOTS - 0.5 and x >= -0.5 else -1

    def set_colors(self, up: str, down: str) -> None:
        self.volume_bars.set_colors(up, down)

    def set_theme(self, theme: str) -> None:
        """The price line is dark on light and light on dark (a live switch too, not only after a restart)."""
        self.line.setPen(pg.mkPen(PRICE_COLOR.get(theme, PRICE_COLOR["light"]), width=1.4))
        super().set_theme(theme)

    def _fit_y(self, *_args) -> None:
        """The session's price range is symmetric around 昨收 (set_session), whatever the x range."""

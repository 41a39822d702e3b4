"""HoldingMarks: the 持仓 on the chart's 日K (issue 27) — a horizontal line at the holding's 成本价 labelled
"成本 284.04" (`chartCostLine`), and each trade as a triangle at its date and price (`chartTradeMarks`): ▲ a buy
in the up colour, ▼ a sell in the down colour (red/green by the setting), a plain tooltip with the date, the
shares and the price.

The trades come through services/positions_view.chart_marks on the chart pane's tasks: read when a stock is shown
and when a commit says the trades changed (`Changes.positions`), never on a hover (the readout stays a lookup).
隐藏金额 (`positions.hide_amounts`): the line stays, its label says only "成本", and the tooltips show ****
for the shares and the price.

A trade's marker is at the bar of its date (a trade on a day without a bar: the next bar); trades before the
first bar shown are left out. Prices are the ones traded: on a 前复权 chart bars before a later dividend are
shifted down, so an old marker may sit above its candle (不复权 puts it on it) — as the terminals draw it.
pyqtgraph is imported only when something is drawn (the chart already loaded it).
"""

from __future__ import annotations

import bisect
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop.core.changes import Changes
from desktop.ui.plain import plain_tip

HIDE_KEY = "positions.hide_amounts"
HIDDEN = "****"
COST_COLOR = "#e6a23c"          # the MA5's amber is taken by a line; the cost line is dashed, labelled


class HoldingMarks:
    def __init__(self, pane):
        self.pane = pane
        self.marks = None                   # services.positions_view.ChartMarks of the shown stock
        self.plot = None                    # the KlinePlot drawn on
        self.cost_line = None               # pg.InfiniteLine (chartCostLine)
        self.scatter = None                 # pg.ScatterPlotItem (chartTradeMarks)
        self.spots: list[dict] = []         # what the scatter holds: x, y, side, date, shares, price
        pane.ctx.bus.data_committed.connect(self._on_committed)

    @property
    def hidden(self) -> bool:
        return bool(self.pane.ctx.settings[HIDE_KEY])

    # -- reading -------------------------------------------------------------------------------------------
    def load(self, code: str) -> None:
        """The stock's trades and cost, on a task; drawn when they arrive (and on every later redraw)."""
        from desktop.services import positions_view

        market = self.pane.ctx.market
        if not code or getattr(market, "db_path", None) is None:
            return

        def done(marks, error) -> None:
            if error is None and code == self.pane.code:
                self.marks = marks
                self.draw(self.plot)

        if self.marks is not None and self.marks.code != code:
            self.marks = None
            self.draw(self.plot)
        self.pane.tasks.run("holding-marks", lambda _t: positions_view.chart_marks(market.db_path, code), done)

    def _on_committed(self, changes: Changes) -> None:
        if changes.positions and self.pane.code:
            self.load(self.pane.code)

    def apply_settings(self, keys: frozenset[str]) -> None:
        if HIDE_KEY in keys or keys & {"ui.colors", "ui.theme"}:
            self.draw(self.plot)

    # -- drawing -------------------------------------------------------------------------------------------
    def draw(self, plot, bars: list | None = None) -> None:
        """(Re)draw on `plot` (a KlinePlot; None: nothing drawn yet) over its bars."""
        if plot is None:
            return
        if plot is not self.plot:
            self._detach()
            self.plot = plot
        bars = plot.bars if bars is None else bars
        marks = self.marks if self.marks is not None and self.marks.code == self.pane.code else None
        self._draw_cost(plot, marks)
        self._draw_trades(plot, marks, bars)

    def _detach(self) -> None:
        if self.plot is not None:
            for item in (self.cost_line, self.scatter):
                if item is not None:
                    self.plot.price.removeItem(item)
        self.cost_line = self.scatter = None

    def _draw_cost(self, plot, marks) -> None:
        import pyqtgraph as pg
        from PySide6.QtCore import Qt

        if marks is None or marks.cost_price is None or not plot.bars:
            if self.cost_line is not None:
                self.cost_line.hide()
            return
        if self.cost_line is None:
            self.cost_line = pg.InfiniteLine(angle=0, movable=False,
                                             pen=pg.mkPen(COST_COLOR, width=1, style=Qt.PenStyle.DashLine),
                                             label="", labelOpts={"position": 0.04, "color": COST_COLOR,
                                                                  "anchors": [(0, 1), (0, 1)]})
            self.cost_line.setObjectName("chartCostLine")
            plot.price.addItem(self.cost_line, ignoreBounds=True)    # the price axis fits the bars, not it
        self.cost_line.setPos(float(marks.cost_price))
        self.cost_line.label.setFormat(self.label_text())
        self.cost_line.show()

    def label_text(self) -> str:
        """"成本 284.04" — or only "成本" under 隐藏金额 (the line stays; no figure)."""
        marks = self.marks
        if marks is None or marks.cost_price is None:
            return ""
        if self.hidden:
            return QCoreApplication.translate("HoldingMarks", "成本")
        return QCoreApplication.translate("HoldingMarks", "成本 %1").replace("%1", f"{marks.cost_price:.2f}")

    def _draw_trades(self, plot, marks, bars: list) -> None:
        import pyqtgraph as pg

        self.spots = spots_of(marks.trades, bars) if marks is not None else []
        if self.scatter is None:
            self.scatter = pg.ScatterPlotItem(pxMode=True, hoverable=True, tip=self._tip)
            self.scatter.setObjectName("chartTradeMarks")
            self.scatter.setZValue(5)
            plot.price.addItem(self.scatter, ignoreBounds=True)
        up, down = self.pane._colors()
        self.scatter.setData(
            [{"pos": (s["x"], s["y"]), "symbol": "t1" if s["side"] == "buy" else "t", "size": 11,
              "brush": pg.mkBrush(up if s["side"] == "buy" else down), "pen": pg.mkPen("#ffffff", width=0.8),
              "data": i} for i, s in enumerate(self.spots)])

    def tip_text(self, i: int) -> str:
        """A marker's tooltip, plain: "2026-10-13 卖出 100 股 @ 296.40" (shares and price **** when hidden)."""
        s = self.spots[i]
        side = (QCoreApplication.translate("HoldingMarks", "买入") if s["side"] == "buy"
                else QCoreApplication.translate("HoldingMarks", "卖出"))
        shares = HIDDEN if self.hidden else str(s["shares"])
        price = HIDDEN if self.hidden else f"{s['price']:.2f}"
        text = QCoreApplication.translate("HoldingMarks", "%1 %2 %3 股 @ %4")
        return text.replace("%1", s["date"].isoformat()).replace("%2", side).replace("%3", shares) \
            .replace("%4", price)

    def _tip(self, x=None, y=None, data=None) -> str:
        return plain_tip(self.tip_text(data)) if isinstance(data, int) and 0 <= data < len(self.spots) else ""


def spots_of(trades, bars: list) -> list[dict]:
    """Each trade at the bar of its date (a day without a bar: the next one); trades before the first bar or
    after the last are left out."""
    from desktop.core.market_hours import SHANGHAI  # zoneinfo: not before the window's first paint

    days = [datetime.fromtimestamp(b.time, SHANGHAI).date() for b in bars]
    out = []
    for day, side, shares, price in trades:
        i = bisect.bisect_left(days, day)
        if not days or day < days[0] or i >= len(days):
            continue
        out.append({"x": float(i), "y": float(price), "side": side, "date": day, "shares": shares,
                    "price": price})
    return out

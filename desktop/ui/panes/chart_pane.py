"""ChartPane: the daily K-line of the stock selected anywhere — candles, volume, MA5/10/20, a crosshair readout.

pyqtgraph is imported when the chart is first shown with a stock (never before the window's first paint).
Bars come from the store (so the chart opens offline from what was fetched before); a request to the market
worker fetches the latest (front-adjusted, qfq) and the commit redraws. Colours follow the red-up setting.
Under it the news strip (chartNewsStrip): linked articles per bar; a click opens that bar's newest article.
Not yet here (issue 9): the intraday view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.core.changes import Changes
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.widgets.finder_keys import FinderKeys

NAME = "chartPane"
DAYS = 250
MA = ((5, "#e6a23c"), (10, "#409eff"), (20, "#a855f7"))
NEWS_COLOR = "#d9480f"          # the app's accent: news is not a price move, so neither red nor green


class ChartPane(QWidget, Pane):
    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx = ctx
        self.tasks = ctx.tasks.scope(NAME)
        self.code = ""
        self.bars: list = []
        self._plot = None                   # built on first use (pyqtgraph)
        self.strip = None                   # the news strip under it (chartNewsStrip)
        self.news: dict[int, list[int]] = {}   # bar index → linked article ids, newest first
        self._controls = False              # the bar above the chart: built when the pane is first shown
        self.empty = QLabel(self.tr("选择一只股票查看K线（在任意面板选中，或直接输入代码/拼音）"), self,
                            alignment=Qt.AlignCenter, wordWrap=True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.empty, 1)
        self._finder = None
        self.setFocusPolicy(Qt.StrongFocus)
        self._finder_keys = FinderKeys(self, self.finder)
        ctx.bus.stock_selected.connect(self._on_stock)
        ctx.bus.data_committed.connect(self._on_committed)

    def _build_controls(self) -> None:
        """The chart starts as a tab behind the watchlist: nothing but a label exists before the first paint."""
        if self._controls:
            return
        self._controls = True
        self.mode = QComboBox(self, objectName="chartMode")
        self.mode.addItem(self.tr("日K"), "daily")
        self.title = QLabel(self, objectName="chartTitle", textFormat=Qt.PlainText)
        self.readout = QLabel(self, objectName="chartReadout", textFormat=Qt.PlainText)
        self.ma = QToolButton(self, objectName="chartMA", text="MA", checkable=True, checked=True)
        self.ma.toggled.connect(self._show_ma)
        self.link = QToolButton(self, objectName="chartLink", checkable=True, checked=True, text=self.tr("联动"))
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.title)
        top.addWidget(self.mode)
        top.addWidget(self.ma)
        top.addWidget(self.readout, 1)
        top.addWidget(self.link)
        self._layout.insertLayout(0, top)

    def showEvent(self, event) -> None:  # noqa: N802
        self._build_controls()
        if self.code and self.bars:
            self._draw()                    # bars that arrived while another tab was in front
        super().showEvent(event)

    def finder(self):
        if self._finder is None:
            from desktop.ui.widgets.stock_finder import StockFinder  # its widgets: on first use

            self._finder = StockFinder(self.ctx, parent=self)
        return self._finder

    # -- the pane interface ----------------------------------------------------------------------------------
    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"} and self._plot is not None:
            up, down = self._colors()
            self._plot.set_colors(up, down)

    # -- following the bus -----------------------------------------------------------------------------------
    def _on_stock(self, code: str, _origin: str) -> None:
        if (self._controls and not self.link.isChecked()) or not code or code == self.code:
            return
        self.show_stock(code)

    def show_stock(self, code: str) -> None:
        """Draw what is stored for `code` now, and ask the market worker for the latest bars."""
        self._build_controls()
        self.code = code
        name = self.ctx.stock_names.get(code, "")
        self.title.setText(f"{name} {code}".strip())
        self._load()
        if self.ctx.requests is not None:
            self.ctx.requests.history(code, DAYS, "qfq")

    def _on_committed(self, changes: Changes) -> None:
        if self.code and self.code in changes.bars:
            self._load()
        elif self.code and self.bars and self._plot is not None and (changes.articles_added
                                                                     or changes.articles_removed):
            self._load_news()

    def _load(self) -> None:
        try:
            self.bars = self.ctx.market.daily_bars(self.code, "qfq", DAYS)
        except Exception:     # no database yet: the request's commit draws it
            self.bars = []
        if self.bars and self.isVisible():      # hidden behind another tab: drawn when first shown
            self._draw()

    # -- drawing -------------------------------------------------------------------------------------------
    def _colors(self) -> tuple[str, str]:
        from desktop.ui.style import price_colors

        c = price_colors(self.ctx.settings["ui.colors"], self.ctx.settings["ui.theme"])
        return c.up, c.down

    def _ensure_plot(self):
        if self._plot is None:
            from desktop.ui.widgets.kline_plot import KlinePlot  # pyqtgraph: only now

            up, down = self._colors()
            self._plot = KlinePlot(up, down, self)
            self._plot.setObjectName("chart")
            self._plot.hovered.connect(self._readout)
            from desktop.ui.widgets.news_strip import NewsStrip

            self.strip = NewsStrip(NEWS_COLOR, self)
            self.strip.link_to(self._plot.price)
            self.strip.bar_clicked.connect(self._open_news)
            self.empty.hide()
            self._layout.addWidget(self._plot, 1)
            self._layout.addWidget(self.strip)
        return self._plot

    def _draw(self) -> None:
        plot = self._ensure_plot()
        plot.set_bars(self.bars, [n for n, _c in MA] if self.ma.isChecked() else [])
        self._load_news()

    # -- the news strip ------------------------------------------------------------------------------------
    def _load_news(self) -> None:
        """Linked articles since the first bar, bucketed per bar — on a task (thousands of links for a big name)."""
        if not self.bars or self.ctx.reader is None:
            return
        from desktop.core.news_buckets import bucket_daily

        code, times, reader = self.code, [b.time for b in self.bars], self.ctx.reader
        since = times[0] - 86400

        def done(buckets, error) -> None:
            if error is None and code == self.code and self._plot is not None:
                self.news = buckets
                self.strip.set_counts({i: len(ids) for i, ids in buckets.items()}, len(times))

        self.tasks.run("news", lambda _t: bucket_daily(times, reader.linked_since(code, since)), done)

    def _open_news(self, index: int) -> None:
        """A click on the strip: that bar's newest article opens in the reader."""
        ids = self.news.get(index, [])
        if ids:
            self.ctx.bus.select_article(ids[0], NAME)

    def _show_ma(self, _on: bool) -> None:
        if self._plot is not None and self.bars:
            self._draw()

    def _readout(self, i: int) -> None:
        if not 0 <= i < len(self.bars):
            self.readout.setText("")
            return
        from datetime import datetime

        from desktop.core.market_hours import SHANGHAI

        b = self.bars[i]
        prev = self.bars[i - 1].close if i else b.open
        pct = (b.close - prev) / prev * 100 if prev else 0.0
        day = datetime.fromtimestamp(b.time, SHANGHAI).strftime("%Y-%m-%d")
        self.readout.setText(self.tr("%1 开 %2 高 %3 低 %4 收 %5 %6% 量 %7万手")
                             .replace("%1", day).replace("%2", f"{b.open:.2f}").replace("%3", f"{b.high:.2f}")
                             .replace("%4", f"{b.low:.2f}").replace("%5", f"{b.close:.2f}")
                             .replace("%6", f"{pct:+.2f}").replace("%7", f"{b.volume / 1e6:.2f}"))

"""ChartPane: the stock selected anywhere, as a daily K-line (日K: candles, volume, MA5/10/20) or the session's
分时 (1-minute price, 均价, the previous close, volume), with a crosshair readout — `chartMode` switches.

pyqtgraph is imported when the chart is first shown with a stock (never before the window's first paint).
Bars come from the store (so the chart opens offline from what was fetched before); a request to the market
worker fetches the latest (daily: front-adjusted, qfq, by default — `chartAdjust` switches to unadjusted;
分时: the session's minutes, then the market worker follows the stock every minute while 分时 is shown) and
the commit redraws; a failed request says so in the readout. Colours follow the red-up setting.
Under it the news strip (chartNewsStrip): linked articles per bar (per minute in 分时); a click opens that
bar's newest article. The mode is kept across restarts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.core.changes import Changes
from desktop.core.indices import is_index_key
from desktop.core.numbers import lots, wan_lots
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props
from desktop.ui.widgets.finder_keys import FinderKeys
from desktop.ui.widgets.holding_marks import HoldingMarks
from desktop.ui.widgets.index_strip import index_name

if TYPE_CHECKING:  # the plot and the strip are imported with pyqtgraph, after the first paint
    from desktop.ui.widgets import kline_plot, news_strip
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
        self._plot: kline_plot.KlinePlot | None = None  # the shown plot: built on first use (pyqtgraph)
        self._plots: dict = {}              # mode → KlinePlot / IntradayPlot
        self.mode_key = "daily"             # "daily" (日K) | "intraday" (分时)
        self.adjust = "qfq"                 # 日K prices: "qfq" (前复权, as terminals open) | "" (不复权)
        self._asked = ""                    # the key of the latest request (its failure is shown)
        self._listening = False
        self.prev_close: float | None = None
        self.strip: news_strip.NewsStrip | None = None  # the news strip under it (chartNewsStrip)
        self.news: dict[int, list[int]] = {}   # x (bar index; 分时: minute slot) → linked article ids, newest first
        self._controls = False              # the bar above the chart: built when the pane is first shown
        self.empty = props(QLabel(self.tr("选择一只股票查看K线（在任意面板选中，或直接输入代码/拼音）"), self, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True, textFormat=Qt.TextFormat.PlainText),
                           objectName="chartEmpty")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.empty, 1)
        self._finder = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._finder_keys = FinderKeys(self, self.finder)
        self.article_id = 0                 # the article open in the reader: marked on the chart
        ctx.bus.stock_selected.connect(self._on_stock)
        ctx.bus.article_selected.connect(self._on_article)
        ctx.bus.data_committed.connect(self._on_committed)
        self.holding_marks = HoldingMarks(self)   # 持仓's cost line and trades on 日K (issue 27)

    def _build_controls(self) -> None:
        """The chart starts as a tab behind the watchlist: nothing but a label exists before the first paint."""
        if self._controls:
            return
        self._controls = True
        self.mode = props(QComboBox(self), objectName="chartMode")
        self.mode.addItem(self.tr("日K"), "daily")
        self.mode.addItem(self.tr("分时"), "intraday")
        self.mode.setCurrentIndex(max(0, self.mode.findData(self.mode_key)))
        self.mode.currentIndexChanged.connect(lambda _i: self.set_mode(self.mode.currentData()))
        self.title = props(QLabel(self, textFormat=Qt.TextFormat.PlainText), objectName="chartTitle")
        self.readout = props(QLabel(self, textFormat=Qt.TextFormat.PlainText), objectName="chartReadout")
        self.adjust_box = props(QComboBox(self), objectName="chartAdjust")
        self.adjust_box.addItem(self.tr("前复权"), "qfq")
        self.adjust_box.addItem(self.tr("不复权"), "")
        self.adjust_box.setCurrentIndex(max(0, self.adjust_box.findData(self.adjust)))
        self.adjust_box.setEnabled(self.mode_key == "daily")
        self.adjust_box.currentIndexChanged.connect(lambda _i: self.set_adjust(self.adjust_box.currentData()))
        self.ma = props(QToolButton(self), objectName="chartMA", text="MA", checkable=True, checked=True)
        self.ma.toggled.connect(self._show_ma)
        self.ma.setEnabled(self.mode_key == "daily")
        self._dim_when_disabled()
        self.link = props(QToolButton(self), objectName="chartLink", checkable=True, checked=True, text=self.tr("联动"))
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.title)
        top.addWidget(self.mode)
        top.addWidget(self.adjust_box)
        top.addWidget(self.ma)
        top.addWidget(self.readout, 1)
        top.addWidget(self.link)
        self._layout.insertLayout(0, top)

    def showEvent(self, event) -> None:  # noqa: N802
        self._build_controls()
        if self.code and (self.bars or self._plots):
            self._draw()                    # bars that arrived while another tab was in front
        super().showEvent(event)

    def finder(self):
        if self._finder is None:
            from desktop.ui.widgets.stock_finder import StockFinder  # its widgets: on first use

            self._finder = StockFinder(self.ctx, parent=self)
        return self._finder

    # -- the pane interface ----------------------------------------------------------------------------------
    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"}:
            up, down = self._colors()
            for plot in self._plots.values():
                plot.set_colors(up, down)
        self.holding_marks.apply_settings(keys)
        if "ui.theme" in keys:
            for plot in self._plots.values():
                plot.set_theme(self.ctx.settings["ui.theme"])
            if self._controls:
                self._dim_when_disabled()

    def _dim_when_disabled(self) -> None:
        """前复权 and MA are off in 分时 (they mean nothing there) and must look it: the app's palette gives disabled
        text the enabled colour, so these two carry the theme's muted colour for it."""
        from PySide6.QtGui import QColor, QPalette

        from desktop.ui.style import colors

        muted = QColor(colors(self.ctx.settings["ui.theme"])["muted"])
        for control in (self.adjust_box, self.ma):
            pal = QPalette()
            for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
                pal.setColor(QPalette.ColorGroup.Disabled, role, muted)
            control.setPalette(pal)

    def save_state(self, state) -> None:
        state.setValue("chart/mode", self.mode_key)
        state.setValue("chart/adjust", self.adjust or "none")

    def restore_state(self, state) -> None:
        mode = state.value("chart/mode")
        if mode in ("daily", "intraday"):
            self.mode_key = mode
        adjust = state.value("chart/adjust")
        if adjust in ("qfq", "none"):
            self.adjust = "" if adjust == "none" else adjust

    def set_adjust(self, adjust: str) -> None:
        """前复权 ("qfq") or 不复权 ("") for the daily chart (also what `chartAdjust` does)."""
        if adjust not in ("qfq", "") or adjust == self.adjust:
            return
        self._build_controls()
        self.adjust = adjust
        if self.adjust_box.currentData() != adjust:
            self.adjust_box.setCurrentIndex(self.adjust_box.findData(adjust))
        if self.code and self.mode_key == "daily":
            self.bars = []
            self._load()
            self._fetch()

    def set_mode(self, mode: str) -> None:
        """日K or 分时 for the current stock (also what `chartMode` does)."""
        if mode not in ("daily", "intraday") or mode == self.mode_key:
            return
        self._build_controls()
        self.mode_key = mode
        if self._controls and self.mode.currentData() != mode:
            self.mode.setCurrentIndex(self.mode.findData(mode))
        self.ma.setEnabled(mode == "daily")
        self.adjust_box.setEnabled(mode == "daily")
        if self.ctx.requests is not None:
            self.ctx.requests.keep_intraday_fresh(self.code if mode == "intraday" and self.code else "")
        if self.code:
            self.bars = []
            self._load()
            self._fetch()

    # -- following the bus -----------------------------------------------------------------------------------
    def _on_stock(self, code: str, _origin: str) -> None:
        if (self._controls and not self.link.isChecked()) or not code or code == self.code:
            return
        self.show_stock(code)

    def show_stock(self, code: str) -> None:
        """Draw what is stored for `code` now, and ask the market worker for the latest bars."""
        self._build_controls()
        self.code = code
        name = index_name(code) if is_index_key(code) else self.ctx.stock_names.get(code, "")   # 上证指数 sh000001
        self.title.setText(f"{name} {code}".strip())
        self.empty.setText(self.tr("正在获取 %1 的K线…").replace("%1", f"{name} {code}".strip()))   # until drawn
        self.holding_marks.load(code)
        self._load()
        self._fetch()
        if self.ctx.requests is not None and self.mode_key == "intraday":
            self.ctx.requests.keep_intraday_fresh(code)      # the market worker keeps its minutes fresh while it is shown

    def _fetch(self) -> None:
        self._clear_failure()               # the last request's failure was about another stock or view
        if self.ctx.requests is None:
            return
        if not self._listening:
            self.ctx.requests.finished.connect(self._fetched)
            self._listening = True
        kind, args = ("intraday", (self.code,)) if self.mode_key == "intraday" else \
            ("history", (self.code, DAYS, self.adjust))
        self._asked = self.ctx.requests.key(kind, *args)   # before asking: a refusal answers at once
        self.ctx.requests.request(kind, *args)

    def _clear_failure(self) -> None:
        if self._controls:
            self.readout.setText("")
            self.readout.setToolTip("")

    def _fetched(self, key: str, error: str) -> None:
        """The latest request failed: say so where the readout is (the chart keeps what is stored); one that
        succeeded clears an earlier failure."""
        if key == self._asked and not error:
            self._clear_failure()
        if key == self._asked and error and self._controls:
            from desktop.ui.error_text import describe, headline

            text = self.tr("更新失败，显示本地已存数据：%1") if self.bars else self.tr("获取失败：%1")
            self.readout.setText(text.replace("%1", headline(error)))
            self.readout.setToolTip(plain_tip(describe(error, market=True)))   # quotes servers
            if not self.bars:               # the body says it too, with what to do (never "选择一只股票…")
                from desktop.ui.error_text import explain

                what, do = explain(error, market=True)
                self.empty.setText(self.tr("没有 %1 的K线：获取失败（%2）。\n%3").replace(
                    "%1", self.title.text()).replace("%2", what).replace("%3", do))

    def _on_committed(self, changes: Changes) -> None:
        if self.code and self.code in changes.bars:
            self._load()
        elif self.code and self.bars and self._plot is not None and (changes.articles_added
                                                                     or changes.articles_removed):
            self._load_news()

    def _load(self) -> None:
        try:
            if self.mode_key == "intraday":
                self.bars, self.prev_close = self.ctx.market_reads.intraday_session(self.code)
            else:
                self.bars = self.ctx.market_reads.daily_bars(self.code, self.adjust or "none", DAYS)
        except Exception:     # no database yet: the request's commit draws it
            self.bars = []
        if (self.bars or self._plots) and self.isVisible():   # behind another tab: drawn when first shown
            self._draw()                    # (no bars yet in this mode: an empty plot until the request's commit)
        self._load_why()

    def _load_why(self) -> None:
        """The title's tooltip: why the stock moves (ui/why_text.py), read on a task; `why_lines` keeps it."""
        code, market = self.code, self.ctx.market

        def work(_t):
            rows = market.quote_rows([code])
            return market.why_moving([code]).get(code), rows[0].quote.change_pct if rows else None

        def done(result, error) -> None:
            if error is None and code == self.code:
                from desktop.ui.why_text import why_lines

                self.why_lines = [self.title.text(), *why_lines(*result)]
                self.title.setToolTip(plain_tip("\n".join(self.why_lines)))

        self.tasks.run("why", work, done)

    # -- drawing -------------------------------------------------------------------------------------------
    def _colors(self) -> tuple[str, str]:
        from desktop.ui.style import price_colors

        c = price_colors(self.ctx.settings["ui.colors"], self.ctx.settings["ui.theme"])
        return c.up, c.down

    def _ensure_plot(self):
        """The current mode's plot, built on first use; the other mode's is hidden (its state kept)."""
        plot = self._plots.get(self.mode_key)
        if plot is None:
            up, down = self._colors()
            if self.mode_key == "intraday":
                from desktop.ui.widgets.intraday_plot import IntradayPlot  # pyqtgraph: only now

                plot = IntradayPlot(up, down, self.ctx.settings["ui.theme"], self)
            else:
                from desktop.ui.widgets.kline_plot import KlinePlot

                plot = KlinePlot(up, down, self)
            plot.hovered.connect(self._readout)
            self._plots[self.mode_key] = plot
            self._layout.insertWidget(self._layout.indexOf(self.empty) + 1, plot, 1)
        if self.strip is None:
            from desktop.ui.widgets.news_strip import NewsStrip

            self.strip = NewsStrip(NEWS_COLOR, self)
            self.strip.bar_clicked.connect(self._open_news)
            self.strip.bar_hovered.connect(self._headlines)
            self._layout.addWidget(self.strip)
        if self._plot is not plot:
            for other in self._plots.values():
                other.setObjectName("")
                other.setVisible(other is plot)
            plot.setObjectName("chart")           # the shown plot is the one tests and users find
            self.strip.link_to(plot.price, plot.axis_width)
            self._plot = plot
        self.empty.hide()
        return plot

    def _draw(self) -> None:
        plot = self._ensure_plot()
        if self.mode_key == "intraday":
            plot.set_session(self.bars, self.prev_close)
        else:   # the same stock's bars again (a commit, the MA toggle): the user's zoom stays
            shown, plot.shown = getattr(plot, "shown", None), (self.code, self.adjust)
            plot.set_bars(self.bars, [n for n, _c in MA] if self.ma.isChecked() else [],
                          keep_view=shown == plot.shown)
            self.holding_marks.draw(plot)
        self._load_news()

    # -- the news strip ------------------------------------------------------------------------------------
    def _load_news(self) -> None:
        """Linked articles since the first bar, bucketed per bar (per minute in 分时) — on a task (thousands of
        links for a big name)."""
        if not self.bars or self.ctx.reader is None:
            self.news = {}
            if self.strip is not None:
                self.strip.set_counts({}, 0)
            return
        from desktop.core import news_buckets

        code, mode, times, reader = self.code, self.mode_key, [b.time for b in self.bars], self.ctx.reader
        if mode == "intraday":
            from desktop.core.intraday import SLOTS, session_start

            day, width = session_start(self.bars), SLOTS
            market = self.ctx.market

            def work(_t):
                since = news_buckets.overnight_from(day, market.previous_session(code, day))
                return with_notices(news_buckets.bucket_intraday(day, reader.linked_since(code, since), since))
        else:
            since, width = times[0] - 86400, len(times)

            def work(_t):
                return with_notices(news_buckets.bucket_daily(times, reader.linked_since(code, since)))

        def with_notices(buckets: dict[int, list[int]]):
            """The buckets, and how many 公告 each holds (they get their own marker)."""
            notice_ids = reader.tagged({a for ids in buckets.values() for a in ids}, "公告")
            return buckets, {x: n for x, ids in buckets.items() if (n := sum(a in notice_ids for a in ids))}

        def done(result, error) -> None:
            if error is None and code == self.code and mode == self.mode_key and self._plot is not None and self.strip is not None:
                buckets, notices = result
                self.news = buckets
                self.strip.set_counts({i: len(ids) for i, ids in buckets.items()}, width, notices)
                self._mark_article()

        self.tasks.run("news", work, done)

    def headlines(self, x: int, limit: int = 8) -> list[str]:
        """The newest headlines of bar `x` (what hovering it lists), "HH:MM 标题" (日K: "MM-DD HH:MM 标题")."""
        ids = self.news.get(x, [])
        if not ids or self.ctx.reader is None:
            return []
        from datetime import datetime

        from desktop.core.market_hours import SHANGHAI

        fmt = "%H:%M" if self.mode_key == "intraday" else "%m-%d %H:%M"
        rows = {r.id: r for r in self.ctx.reader.rows_by_ids(ids[:limit])}
        lines = [f"{datetime.fromtimestamp(rows[i].published, SHANGHAI).strftime(fmt)} {rows[i].title}"
                 for i in ids[:limit] if i in rows]
        if len(ids) > limit:
            lines.append(self.tr("……共 %1 篇").replace("%1", str(len(ids))))
        return lines

    def _headlines(self, x: int) -> None:
        assert self.strip is not None, "the strip's own hover calls this"
        self.strip.show_headlines("\n".join(self.headlines(x)) if x >= 0 else "")

    def _on_article(self, article_id: int, _origin: str) -> None:
        self.article_id = article_id
        self._mark_article()

    def _mark_article(self) -> None:
        """A dashed line where the reader's article falls on the chart (its bar; in 分时 its minute)."""
        if self._plot is None or self.strip is None:      # (they are made together)
            return
        x = None
        if self.article_id and self.bars and self.ctx.reader is not None:
            rows = self.ctx.reader.rows_by_ids([self.article_id])
            if rows:
                from desktop.core import news_buckets

                article = [(self.article_id, rows[0].published)]
                if self.mode_key == "intraday":
                    from desktop.core.intraday import session_start

                    day = session_start(self.bars)
                    since = news_buckets.overnight_from(day, self.ctx.market_reads.previous_session(self.code, day))
                    found = news_buckets.bucket_intraday(day, article, since)
                else:
                    found = news_buckets.bucket_daily([b.time for b in self.bars], article)
                x = next(iter(found), None)
        self._plot.mark_article(x)
        self.strip.mark_article(x)

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
        if self.mode_key == "intraday":
            assert self._plot is not None, "the plot's crosshair calls this"
            prev = self.prev_close or self.bars[0].open
            pct = (b.close - prev) / prev * 100 if prev else 0.0
            avg = self._plot.averages[i] if i < len(self._plot.averages) else b.close
            hhmm = datetime.fromtimestamp(b.time, SHANGHAI).strftime("%H:%M")
            self.readout.setText(self.tr("%1 价 %2 %3% 均价 %4 量 %5手")
                                 .replace("%1", hhmm).replace("%2", f"{b.close:.2f}").replace("%3", f"{pct:+.2f}")
                                 .replace("%4", f"{avg:.2f}").replace("%5", lots(b.volume)))
            return
        prev = self.bars[i - 1].close if i else b.open
        pct = (b.close - prev) / prev * 100 if prev else 0.0
        day = datetime.fromtimestamp(b.time, SHANGHAI).strftime("%Y-%m-%d")
        self.readout.setText(self.tr("%1 开 %2 高 %3 低 %4 收 %5 %6% 量 %7万手")
                             .replace("%1", day).replace("%2", f"{b.open:.2f}").replace("%3", f"{b.high:.2f}")
                             .replace("%4", f"{b.low:.2f}").replace("%5", f"{b.close:.2f}")
                             .replace("%6", f"{pct:+.2f}").replace("%7", wan_lots(b.volume)))

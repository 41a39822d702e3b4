"""HeatmapPane (`heatmapPane`): what moves, drilled into, with why — the sector heatmap.

Views (`heatmapView`): 行业 and 概念 (boards), 全市场 (every stock with a quote, grouped by industry like
finviz's map), 自选 (every watchlist, a group each), 主题 (a theme's basket: the stocks linked to its articles in
the last 7 days; its header gives the cap-weighted change and the member count). Area by total cap, float cap
or turnover (`heatmapSize`; boards only have a total cap), colour by % change clamped at ±3/5/10 %
(`heatmapScale`), following the red-up setting, with a legend.

A click selects on the bus (a stock, or a board: the news pane filters to its members' articles); a
double-click or Enter drills into a board (members fetched through the market worker if not stored) or brings
a stock's chart up; Esc or the breadcrumb (`heatmapBreadcrumb`) goes back. The selected stock (or, in a board
view, its boards) and the open article's stocks are outlined. Tiles with unusually many linked articles in the
last 24 h carry a badge; the tooltip says why a tile moves: its last 24 h of linked articles and the newest
three headlines. Everything is read on a task; the widget is built after the first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.core.changes import Changes
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.qt_props import props
from desktop.ui.widgets import heat_state
from desktop.ui.widgets.finder_keys import FinderKeys
from desktop.ui.widgets.heat_holdings import HoldingsOnly
from desktop.ui.widgets.heat_tooltip import NEWS_WINDOW_S, HeatTips

if TYPE_CHECKING:
    from desktop.ui.widgets.treemap_view import HeatmapView

NAME = "heatmapPane"
VIEWS = (("industry", QT_TRANSLATE_NOOP("HeatmapPane", "行业")), ("concept", QT_TRANSLATE_NOOP("HeatmapPane", "概念")),
         ("market", QT_TRANSLATE_NOOP("HeatmapPane", "全市场")), ("watchlist", QT_TRANSLATE_NOOP("HeatmapPane", "自选")),
         ("theme", QT_TRANSLATE_NOOP("HeatmapPane", "主题")))
SIZES = (("total_cap", QT_TRANSLATE_NOOP("HeatmapPane", "总市值")),
         ("float_cap", QT_TRANSLATE_NOOP("HeatmapPane", "流通市值")),
         ("amount", QT_TRANSLATE_NOOP("HeatmapPane", "成交额")))
SCALES = (3.0, 5.0, 10.0)
BASKET_DAYS = 7
RELOAD_MS = 300          # snapshot pages commit every second or so: one reload per burst


def label(text: str) -> str:
    """A VIEWS / SIZES label (marked with QT_TRANSLATE_NOOP above) in the UI's language."""
    return QCoreApplication.translate("HeatmapPane", text)


class HeatmapPane(QWidget, Pane):
    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx = ctx
        self.tasks = ctx.tasks.scope(NAME)
        self.view_key, self.size_by, self.clamp, self.theme = "industry", "total_cap", 3.0, ""
        self.start_limits = False                          # the 涨停 colour mode, from the saved state
        self.drill: tuple[str, str, str] | None = None     # (board code, kind, name) when inside a board
        self.news: dict[str, int] = {}
        self._members: dict[str, list[str]] = {}
        self.view: HeatmapView | None = None               # built on first show / load
        self._loaded = False
        self._reload = props(QTimer(self, singleShot=True, interval=RELOAD_MS), timeout=self.reload)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self._layout = layout
        self.empty = QLabel(self.tr("行情数据加载后显示板块热力图"), self, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        layout.addWidget(self.empty, 1)
        ctx.bus.stock_selected.connect(lambda *_: self._mark())
        ctx.bus.article_selected.connect(self._on_article)
        ctx.bus.theme_selected.connect(self._on_theme)
        ctx.bus.data_committed.connect(self._on_committed)
        # a bound method of the timer, not a lambda: Qt drops the connection when the pane and its timer go (a
        # late market_ready after a window closed raised "Internal C++ object already deleted" in the clock matrix)
        ctx.bus.market_ready.connect(self._reload.start)
        self._article_codes: set[str] = set()
        self._finder = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._finder_keys, self.holdings = [FinderKeys(self, self.finder)], HoldingsOnly(self)   # 只看持仓
        self.tips = HeatTips(self)                        # the tile tooltip and its headline cache

    def finder(self):
        """键盘精灵 over the heatmap too: a digit or a letter opens it."""
        if self._finder is None:
            from desktop.ui.widgets.stock_finder import StockFinder  # its widgets: on first use

            self._finder = StockFinder(self.ctx, parent=self)
        return self._finder

    # -- building ----------------------------------------------------------------------------------------
    def _build(self) -> None:
        if self.view is not None:
            return
        from desktop.ui.widgets.heat_bar import Breadcrumb, ElidedLabel, HeatBar
        from desktop.ui.widgets.heat_legend import HeatLegend
        from desktop.ui.widgets.treemap_view import HeatmapView

        self.view_box = self._combo("heatmapView", [(k, label(t)) for k, t in VIEWS], self.view_key, self.set_view)
        self.theme_box = self._combo("heatmapTheme", [], "", self.set_theme)
        self.size_box = self._combo("heatmapSize", [(k, label(t)) for k, t in SIZES], self.size_by, self.set_size)
        from desktop.ui.widgets.heat_limits import HeatLimits

        self.scale_box = self._combo("heatmapScale", [(c, f"±{c:.0f}%") for c in SCALES] + [HeatLimits.item()],
                                     HeatLimits.item()[0] if self.start_limits else self.clamp, self.set_clamp)
        self.link = props(QToolButton(self), objectName="heatmapLink", checkable=True, checked=True, text=self.tr("联动"))
        self.link.setToolTip(self.tr("联动：选中资讯主题时切换到该主题的股票篮子"))
        self.back = props(QToolButton(self, autoRaise=True), objectName="heatmapBack", text="‹")
        self.back.setToolTip(self.tr("返回（Esc）"))
        self.back.clicked.connect(self.go_back)
        self.crumb = Breadcrumb(self)               # "行业 › 光伏设备": the root goes back
        self.crumb.linkActivated.connect(lambda _href: self.go_back())
        self.summary = ElidedLabel(self, objectName="heatmapSummary")
        self.legend = HeatLegend(self)
        # one row when it all fits, else the breadcrumb and the summary get a row of their own (widgets/heat_bar.py)
        self.bar = HeatBar(self, self._layout, [self.view_box, self.theme_box, self.holdings.button()],
                           [self.size_box, self.scale_box, self.legend, self.link], [self.back, self.crumb],
                           self.summary)
        self.view = view = HeatmapView(self)
        view.tooltip_for = self.tooltip
        self.limits = HeatLimits(self)          # the colour box's 涨停 mode (on when the saved state says so)
        self.limits.on = self.start_limits
        view.tile_clicked.connect(self._clicked)
        view.tile_activated.connect(self._activated)
        view.tile_menu.connect(self._tile_menu)
        view.back_requested.connect(self.go_back)
        self._finder_keys.append(FinderKeys(view, self.finder))
        self.empty.hide()
        self._layout.addWidget(view, 1)
        self._fill_themes()
        self._apply_scale()
        self._show_controls()

    def _combo(self, name: str, items: list, current, on_change) -> QComboBox:
        box = props(QComboBox(self), objectName=name)
        for data, label in items:
            box.addItem(label, data)
        i = box.findData(current)
        box.setCurrentIndex(max(0, i))
        box.currentIndexChanged.connect(lambda _i, b=box: on_change(b.currentData()))
        return box

    def _fill_themes(self) -> None:
        lang = self.ctx.settings["ui.language"]
        self.theme_box.blockSignals(True)
        self.theme_box.clear()
        for t in self.ctx.themes:
            self.theme_box.addItem(t.label(lang), t.name)
        if self.theme not in {t.name for t in self.ctx.themes} and self.ctx.themes:
            self.theme = self.ctx.themes[0].name    # none chosen yet, or a theme that no longer exists
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(self.theme)))
        self.theme_box.blockSignals(False)

    def showEvent(self, event) -> None:  # noqa: N802
        if self._loaded:
            self._build()
            self.reload()
        super().showEvent(event)

    # -- the pane interface ------------------------------------------------------------------------------
    def load(self) -> None:
        self._loaded = True
        if self.isVisible():
            self._build()
            self.reload()

    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"} and self.view is not None:
            self._apply_scale()

    def save_state(self, state) -> None:
        heat_state.save(self, state)

    def restore_state(self, state) -> None:
        heat_state.restore(self, state, dict(VIEWS), dict(SIZES), SCALES)

    # -- controls ----------------------------------------------------------------------------------------
    def set_view(self, view: str) -> None:
        """行业 / 概念 / 全市场 / 自选 / 主题 ("industry" … "theme"; also `heatmapView`)."""
        self._build()
        self.view_key, self.drill = view, None
        self._sync(self.view_box, view)
        self._show_controls()
        self.reload()

    def set_theme(self, theme: str) -> None:
        self._build()
        self.theme = theme
        self._sync(self.theme_box, theme)
        if self.view_key == "theme":
            self.reload()

    def set_size(self, size_by: str) -> None:
        self._build()
        self.size_by = size_by
        self._sync(self.size_box, size_by)
        self.reload()

    def set_clamp(self, clamp: float | str) -> None:
        """±3/5/10 % (3.0 …), or "limit": by 涨停 status (widgets/heat_limits.py)."""
        self._build()
        self.limits.on = clamp == "limit"
        self.clamp = self.clamp if self.limits.on else float(clamp)
        self._sync(self.scale_box, clamp)
        self._apply_scale()

    @staticmethod
    def _sync(box: QComboBox, value) -> None:
        i = box.findData(value)
        if i >= 0 and box.currentIndex() != i:
            box.blockSignals(True)
            box.setCurrentIndex(i)
            box.blockSignals(False)

    def _apply_scale(self) -> None:
        s = self.ctx.settings
        red_up = s["ui.colors"] != "green_up"
        assert self.view is not None, "the view is built first"
        self.view.set_scale(self.clamp, red_up, s["ui.theme"])
        self.legend.set_scale(self.clamp, red_up, s["ui.theme"])
        self.limits.apply(red_up, s["ui.theme"])

    def _show_controls(self) -> None:
        self.theme_box.setVisible(self.view_key == "theme" and self.drill is None)
        self.back.setVisible(self.drill is not None)
        self.crumb.setVisible(self.drill is not None)     # at the top level the view box says where it is
        self.crumb.set_path(label(dict(VIEWS)[self.view_key]), self.drill[2] if self.drill else "")
        self.bar.arrange()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.view is not None:
            self.bar.arrange()

    # -- drilling ----------------------------------------------------------------------------------------
    def drill_into(self, board: str) -> None:
        """A board's members (fetched by the market worker when not stored yet)."""
        self._build()
        assert self.view is not None
        tile = self.view.tile(board)
        kind = self.view_key if self.view_key in ("industry", "concept") else "industry"
        self.drill = (board, kind, tile.name if tile else board)
        self.view.current = -1
        self._show_controls()
        self.reload()
        if self.ctx.requests is not None:
            self.ctx.requests.board_members(board, kind)

    def go_back(self) -> None:
        if self.drill is not None:
            board = self.drill[0]
            self.drill = None
            self._show_controls()
            self.reload(focus=board)

    # -- loading -----------------------------------------------------------------------------------------
    def reload(self, focus: str = "") -> None:
        if self.view is None or not self._loaded:
            return
        if not self.isVisible():       # a tab behind another: read again when it is shown (showEvent)
            return
        market, reader = self.ctx.market_reads, self.ctx.reader
        view, size_by, drill, theme = self.view_key, self.size_by, self.drill, self.theme
        now, keep = int(market.now()), self.holdings.filter(market)

        def work(_t):
            from desktop.core.heat_tiles import arrange

            news = reader.linked_counts_all(now - NEWS_WINDOW_S) if reader is not None else {}
            members: dict[str, list[str]] = {}
            header = ""
            if drill is not None:
                codes = market.board_member_codes(drill[0]) or market.industry_codes(drill[2])
                tiles, grouped = market.stock_tiles(codes, size_by), False
            elif view in ("industry", "concept"):
                tiles, grouped = market.board_tiles(view), False
                members = market.member_map(view)
                for t in tiles:
                    t.news = sum(news.get(c, 0) for c in members.get(t.key, ()))
            elif view == "market":
                tiles, grouped = market.stock_tiles(None, size_by), True
            elif view == "watchlist":
                from desktop.ui.list_names import shown_name

                groups = {}
                for wl in market.watchlists():
                    for c in wl.codes:
                        groups.setdefault(c, shown_name(wl.name))   # 自选 reads "My stocks" in English
                tiles, grouped = market.stock_tiles(list(groups), size_by, groups), True
            else:
                basket = reader.theme_stocks(theme, now - BASKET_DAYS * 86400) if reader is not None else {}
                tiles, grouped = market.stock_tiles(list(basket), size_by), False
                header = "basket"
            for t in tiles:
                if t.kind == "stock":
                    t.news = news.get(t.key, 0)
            why = market.why_moving([t.key for t in tiles if t.kind == "stock"])   # the tips' "why", read once
            return arrange(keep(tiles, members), grouped), grouped, members, header, why

        def done(result, error) -> None:
            if error is not None or self.view is None:
                return
            groups, grouped, members, header, why = result
            self._members = members
            self.tips.clear()
            self.tips.why = why
            self.view.set_tiles(groups, grouped)
            tiles = self.view.tiles
            counts = sorted(t.news for t in tiles if t.news)
            floor = max(3, counts[int(len(counts) * 0.9)] if counts else 3)
            badges = {t.key for t in tiles if t.news >= floor}
            self.view.set_marks(self._selected_keys(), self._article_keys(), badges)
            if focus and focus in self.view.keys():
                self.view.current = self.view.keys().index(focus)
            self._summarise(tiles, header)

        self.tasks.run("tiles", work, done)

    def _summarise(self, tiles: list, header: str) -> None:
        from datetime import datetime

        from desktop.core.heat_tiles import weighted_change
        from desktop.core.market_hours import SHANGHAI

        assert self.view is not None, "tiles are shown once the view is built"
        self.view.set_empty_text("" if tiles else self._empty_text())
        if not tiles:
            self.summary.setText(self.tr("正在获取成分股…") if self.drill is not None else "")
            self.bar.arrange()
            return
        up = sum(1 for t in tiles if t.pct is not None and t.pct > 0 and not t.stale)
        down = sum(1 for t in tiles if t.pct is not None and t.pct < 0 and not t.stale)
        newest = max((t.updated for t in tiles), default=0)
        when = datetime.fromtimestamp(newest, SHANGHAI).strftime("%H:%M") if newest else "—"
        text = self.tr("%1 个 · 涨 %2 跌 %3 · %4").replace("%1", str(len(tiles))).replace("%2", str(up)) \
            .replace("%3", str(down)).replace("%4", when)
        if header == "basket":
            w = weighted_change(tiles)
            text = self.tr("篮子 %1（市值加权）· ").replace("%1", "—" if w is None else f"{w:+.2f}%") + text
        self.summary.setText(text)
        self.bar.arrange()

    def _empty_text(self) -> str:
        """Why the heatmap is empty and what to do, by what it shows (painted in the middle of the view)."""
        if self.drill is not None:
            return self.tr("正在获取该板块的成分股…\n若一直为空，请检查网络连接")
        return {"watchlist": self.tr("自选股里还没有股票。\n在自选股列表里输入代码、名称或拼音即可添加"),
                "holdings": self.holdings.empty_text(),
                "theme": self.tr("近期没有与该主题相关的股票。\n换一个主题，或等新资讯到来")}.get(
            "holdings" if self.holdings.on else self.view_key, self.tr("暂无行情数据：还没有获取到行情。\n联网后会自动获取；请检查状态栏的“行情”“板块”"))

    # -- tooltips ----------------------------------------------------------------------------------------
    def tooltip(self, t) -> str:
        """Name, code, %, cap, members' breadth and leader (boards), freshness, and why it moves
        (widgets/heat_tooltip.py)."""
        return self.tips.text(t)

    # -- the bus -----------------------------------------------------------------------------------------
    def _tile_menu(self, key: str, kind: str, where) -> None:
        """A stock tile's right-click: its chart, or an alert for it (the alerts pane, prefilled)."""
        if kind != "stock":
            return
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        menu.setObjectName("heatmapTileMenu")
        menu.addAction(self.tr("显示K线"), lambda: self.ctx.bus.show_chart(key, NAME))
        menu.addAction(self.tr("添加提醒…"), lambda: self.ctx.bus.alert_requested.emit(key))
        self.last_menu = menu
        menu.popup(where)

    def _clicked(self, key: str, kind: str) -> None:
        if kind == "board":
            self.ctx.bus.select_board(key, NAME)
        else:
            self.ctx.bus.select_stock(key, NAME)

    def _activated(self, key: str, kind: str) -> None:
        if kind == "board":
            self.drill_into(key)
        else:
            self.ctx.bus.show_chart(key, NAME)

    def _selected_keys(self) -> set[str]:
        code = self.ctx.bus.stock
        if not code:
            return set()
        if self.drill is None and self.view_key in ("industry", "concept"):
            return {b for b, members in self._members.items() if code in members}
        return {code}

    def _article_keys(self) -> set[str]:
        codes = self._article_codes
        if self.drill is None and self.view_key in ("industry", "concept"):
            return {b for b, members in self._members.items() if codes & set(members)}
        return set(codes)

    def _mark(self) -> None:
        if self.view is not None:
            self.view.set_marks(self._selected_keys(), self._article_keys(), self.view.badges)

    def _on_article(self, article_id: int, _origin: str) -> None:
        rows = self.ctx.reader.rows_by_ids([article_id]) if article_id and self.ctx.reader is not None else []
        self._article_codes = set(rows[0].stocks) if rows else set()
        self._mark()

    def _on_theme(self, theme: str, origin: str) -> None:
        if origin == NAME or not theme or self.view is None or not self.link.isChecked():
            return
        self.theme = theme
        self._sync(self.theme_box, theme)
        self.set_view("theme")

    def _on_committed(self, changes: Changes) -> None:
        if self.view is None or not self._loaded:
            return
        if changes.quotes or changes.boards or changes.stocks or changes.watchlists or changes.articles_added \
                or changes.movers:      # a new 异动: the tips' why
            self._reload.start()


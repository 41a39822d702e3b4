"""LimitUpPane (`limitUpPane`, dock `dock_limitup`, tabbed with the heatmap): the 涨停 / 炸板 / 跌停 pools with
their reasons (issue 26).

A stored pool of a stored day (`limitUpPool`, `limitUpDate`: the newest day unless another is chosen) in ladder
order (连板, then the first sealing) in `limitUpTable` (columns models/limit_model.COLUMNS), or grouped by 题材
(`limitUpGroup`: a header row per 题材 with its count, core/limit_groups.py). 原因 is the best of the stock's 公告
and news since the previous close (core/limit_reasons.py); a click on it, or 查看相关资讯 in the row's menu, asks
the news list for that stock and day (`bus.news_requested`, the window raises the list) and opens the reason.
Selecting a row selects the stock on the bus; a stock selected elsewhere selects its row. An empty pool says
why (`limitUpEmpty`). Read on a task (services/limit_view.py) whenever a commit stores a pool of this kind
(Changes.limit_pools), new articles arrive (the reasons) or the market clock arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import Changes
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.linked_rows import LinkedRows
from desktop.ui.models.limit_model import COLUMNS, HIDDEN, LimitModel
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.qt_props import props
from desktop.ui.widgets.day_box import fill_days
from desktop.ui.widgets.empty_hint import EmptyHint

if TYPE_CHECKING:
    from desktop.services.limit_view import PoolView
from desktop.ui.widgets.heat_bar import ElidedLabel

NAME = "limitUpPane"
POOLS = (("zt", QT_TRANSLATE_NOOP("LimitUpPane", "涨停")), ("zb", QT_TRANSLATE_NOOP("LimitUpPane", "炸板")),
         ("dt", QT_TRANSLATE_NOOP("LimitUpPane", "跌停")))
RELOAD_MS = 1500          # new articles come in bursts: the reasons are read again once per burst
REASON_MIN = 120         # 原因 never narrower than a few words


def pool_label(kind: str) -> str:
    return QCoreApplication.translate("LimitUpPane", dict(POOLS)[kind])


def _ems(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


class LimitUpPane(QWidget, LinkedRows, Pane):
    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx, self.bus, self.settings = ctx, ctx.bus, ctx.settings
        self.tasks = ctx.tasks.scope(NAME)
        self.kind, self.chosen_day = "zt", ""          # "": the newest stored day
        self.view: PoolView | None = None              # the pool shown
        self._loaded = False
        self._reload = props(QTimer(self, singleShot=True, interval=RELOAD_MS), timeout=self.reload)
        self.model = LimitModel(self._colors, self)
        self.pool_box = props(QComboBox(self), objectName="limitUpPool")
        for kind, _text in POOLS:
            self.pool_box.addItem(pool_label(kind), kind)
        self.pool_box.currentIndexChanged.connect(lambda _i: self.set_pool(self.pool_box.currentData()))
        self.date_box = props(QComboBox(self, sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToContents), objectName="limitUpDate")
        self.date_box.setToolTip(self.tr("已保存的交易日"))
        self.date_box.activated.connect(lambda i: self.set_day(self.date_box.itemData(i) or ""))
        self.group_button = props(QToolButton(self), objectName="limitUpGroup", text=self.tr("按题材分组"), checkable=True)
        self.group_button.setToolTip(self.tr("按成员共有的主题、概念板块或行业分组，每只股票归入成员最多的一组"))
        self.group_button.toggled.connect(lambda _on: self._show())
        self.summary = ElidedLabel(self, objectName="limitUpSummary")     # never widens the dock: elides instead
        self.table = props(QTableView(self, showGrid=False, wordWrap=False),
                           objectName="limitUpTable", contextMenuPolicy=Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # 证据数 shown before 原因: the title is the one cell that may be cut at the dock's edge (it elides; its tooltip
        # has it whole), the count never is
        header.moveSection(header.visualIndex(COLUMNS.index("evidence")), header.visualIndex(COLUMNS.index("reason")))
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.clicked.connect(self._on_click)
        self.table.activated.connect(self._on_activated)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.empty = EmptyHint(self.table, "limitUpEmpty")
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        for w in (self.pool_box, self.date_box, self.group_button):
            top.addWidget(w)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.last_menu: QMenu | None = None
        self.bus.stock_selected.connect(self._on_stock)
        self.bus.data_committed.connect(self._on_committed)
        self.bus.market_ready.connect(self._reload.start)

    # -- the pane interface (ui/pane.py) -------------------------------------------------------------------
    def load(self) -> None:
        from desktop.ui.widgets.row_delegate import RowDelegate  # after the first paint (QStyle's type)

        self.table.setItemDelegate(RowDelegate(self.table))
        self._loaded = True
        self.reload()

    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"}:
            self.model.layoutChanged.emit()

    def save_state(self, state) -> None:
        state.setValue("limitup/pool", self.kind)
        state.setValue("limitup/grouped", "1" if self.group_button.isChecked() else "0")

    def restore_state(self, state) -> None:
        if state.value("limitup/pool") in dict(POOLS):
            self.kind = state.value("limitup/pool")
            self.pool_box.blockSignals(True)
            self.pool_box.setCurrentIndex(self.pool_box.findData(self.kind))
            self.pool_box.blockSignals(False)
        self.group_button.blockSignals(True)
        self.group_button.setChecked(state.value("limitup/grouped") == "1")
        self.group_button.blockSignals(False)

    # -- controls ------------------------------------------------------------------------------------------
    def set_pool(self, kind: str) -> None:
        """涨停 / 炸板 / 跌停 ("zt" | "zb" | "dt"; also `limitUpPool`): the newest stored day of that pool."""
        if self.pool_box.currentData() != kind:
            self.pool_box.setCurrentIndex(self.pool_box.findData(kind))     # comes back here
            return
        self.kind, self.chosen_day = kind, ""
        self.reload()

    def set_day(self, day: str) -> None:
        """A stored day (ISO; `limitUpDate`); "" or the newest: follow the newest as new days are stored."""
        days = self.view.days if self.view is not None else []
        self.chosen_day = "" if not days or day == days[0] else day
        self.reload()

    def set_grouped(self, on: bool) -> None:
        self.group_button.setChecked(on)

    # -- reading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        if not self._loaded:
            return
        from desktop.services import limit_view

        lang = self.settings["ui.language"]
        labels = {t.name: t.label(lang) for t in self.ctx.themes}
        industries = {t.name: t.industries for t in self.ctx.themes if t.industries} if self.ctx.themes else None
        db, kind, day, now = self.ctx.market_reads.db_path, self.kind, self.chosen_day, self.ctx.market_reads.now()
        self.tasks.run("pool", lambda _t: limit_view.read_pool(db, kind, day, now, labels, industries), self._shown)

    def _shown(self, view, error) -> None:
        if error is not None or view is None or view.kind != self.kind:
            return
        self.view = view
        fill_days(self.date_box, view.days, view.day)
        self._show()

    def _show(self) -> None:
        """The view as a table, plain or grouped; the selection and the empty state follow."""
        from desktop.core.limit_groups import group

        view = self.view
        if view is None:
            return
        groups = group(view.rows, view.topics) if self.group_button.isChecked() and view.rows else None
        self.model.set_view(view, groups, self.tr("其他"))
        self.table.clearSpans()
        for row in self.model.header_rows():
            self.table.setSpan(row, 0, 1, len(COLUMNS))
        for i, col in enumerate(COLUMNS):
            self.table.setColumnHidden(i, col in HIDDEN[view.kind])
        self._fit_columns()
        self.empty.setText(self.empty_text())
        self.empty.refresh()
        self.summary.setText(self.summary_text())
        if self.bus.stock and self.model.row_of(self.bus.stock) >= 0:
            self._select_row(self.bus.stock)

    def _fit_columns(self) -> None:
        """Each column as wide as its widest text (the header's too); 原因 takes the room the others leave, between
        REASON_MIN and what its longest title needs (it elides; the tooltip has it whole).
        Measured from the model's texts: resizeColumnsToContents asked every cell for every role (0.8 s for 300)."""
        fm, bold = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        grouped = set(self.model.header_rows())
        rows = [t for i, t in enumerate(self.model.texts) if i not in grouped]
        self._widths = {}
        for i, _col in enumerate(COLUMNS):
            if self.table.isColumnHidden(i):
                continue
            # the widest few by a width estimate (a Han character is two digits wide), then measured
            likely = sorted({t[i] for t in rows}, key=_ems, reverse=True)[:6]
            widest = max((fm.horizontalAdvance(t) for t in likely), default=0)
            self._widths[i] = max(widest, bold.horizontalAdvance(self.model.headers[i]) + 8) + 14
            self.table.setColumnWidth(i, self._widths[i])
        self._fit_reason()

    def _fit_reason(self) -> None:
        reason = COLUMNS.index("reason")
        need = getattr(self, "_widths", {}).get(reason)
        if need is None:
            return
        others = sum(w for i, w in self._widths.items() if i != reason)
        room = self.table.viewport().width() - others
        self.table.setColumnWidth(reason, max(REASON_MIN, min(need, room)))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_reason()

    def summary_text(self) -> str:
        view = self.view
        if view is None or not view.rows:
            return ""
        text = self.tr("%1 %2 %3 家").replace("%1", view.day).replace("%2", pool_label(view.kind)) \
            .replace("%3", str(len(view.rows)))
        if view.kind == "zt":
            ladder = [r.streak for r in view.rows if r.streak and r.streak > 1]
            if ladder:
                text += self.tr(" · 连板 %1 家，最高 %2 板").replace("%1", str(len(ladder))) \
                    .replace("%2", str(max(ladder)))
        return text

    def empty_text(self) -> str:
        """Why the pool is empty and what to do ("" when it has rows)."""
        view = self.view
        if view is None or view.rows:
            return ""
        pool = pool_label(view.kind).lower()        # in the middle of an English sentence
        if view.why == "closed":
            head = self.tr("%1 休市（周末或节假日），没有%2池。").replace("%1", view.day) if view.day else \
                self.tr("今天休市（周末或节假日），还没有保存过%2池。")
            return head.replace("%2", pool) + "\n" + self.tr("开市后会自动获取；也可在日期列表中选择以前的交易日")
        if view.why == "before_open":
            return self.tr("今天还没有开盘：9:25 集合竞价后开始获取%1池。").replace("%1", pool) + "\n" + \
                (self.tr("可在日期列表中选择以前的交易日") if view.days else self.tr("开盘后每分钟自动更新"))
        if view.why == "empty":
            return self.tr("%1 的%2池没有股票。").replace("%1", view.day).replace("%2", pool) + "\n" + \
                self.tr("可选择其他日期，或切换涨停、炸板、跌停查看")
        return self.tr("还没有获取到%1池数据。").replace("%1", pool) + "\n" + \
            self.tr("交易时段每分钟自动获取；若一直为空，请检查网络连接和状态栏的“行情”")

    def _on_committed(self, changes: Changes) -> None:
        if not self._loaded:
            return
        if any(kind == self.kind for kind, _day in changes.limit_pools):
            self.reload()
        elif (changes.articles_added and self.kind == "zt") or changes.stocks or changes.boards:
            self._reload.start()

    # -- the bus -------------------------------------------------------------------------------------------
    def _on_click(self, index) -> None:
        code = self.model.code_at(index.row())
        if code and COLUMNS[index.column()] in ("reason", "evidence") and self.model.reason(code) is not None:
            self.show_news(code)

    def _on_activated(self, index) -> None:
        code = self.model.code_at(index.row())
        if code and COLUMNS[index.column()] not in ("reason", "evidence"):
            self.bus.show_chart(code, NAME)

    def show_news(self, code: str) -> None:
        """The news list filtered to `code` and the pool's day (the window raises it), the reason opened."""
        if self.view is None or not self.view.day:
            return
        self.bus.select_stock(code, NAME)
        since, until = self.view.span
        self.bus.news_requested.emit(code, since, until)
        reason = self.model.reason(code)
        if reason is not None:
            self.bus.select_article(reason.article_id, NAME)

    def _row_menu(self, pos) -> None:
        code = self.model.code_at(self.table.indexAt(pos).row())
        if not code:
            return
        menu = props(QMenu(self), objectName="limitUpMenu")
        menu.addAction(self.tr("查看相关资讯"), lambda: self.show_news(code)).setObjectName("limitUpNews")
        menu.addAction(self.tr("显示K线"), lambda: self.bus.show_chart(code, NAME)).setObjectName("limitUpChart")
        menu.addAction(self.tr("添加提醒…"), lambda: self.bus.alert_requested.emit(code))
        self.last_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _colors(self):
        from desktop.ui.style import price_colors

        return price_colors(self.settings["ui.colors"], self.settings["ui.theme"])

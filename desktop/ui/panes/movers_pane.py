"""MoversPane (`moversPane`, dock `dock_movers`, tabbed with the 涨停 pane or the heatmap): the day's 盘口异动 as a
stream (issue 26).

The newest stored day's events, newest first, in `moversTable` (models/movers_model.py: 时间 代码 名称 类型 详情 相关
资讯; the type red for up-types, green for down-types under the colour setting). `moversWatched` (只看自选) keeps the
watchlists' stocks, `moversType` one type. Selecting a row selects the stock on the bus (the other panes follow);
a stock selected elsewhere selects its latest row; a double click on 相关资讯 opens the item. `moversEmpty` says
why there are none. Read on a task (services/movers.read_pane) when a commit stores new events (Changes.movers),
the watchlists change, or new articles arrive (the linked items).

`moversDate` picks a stored day (the newest unless another is chosen; a chosen older day stays until the newest is
picked again). `moversBoards` (板块异动) shows the day's board 异动 instead, in `moversBoardTable`
(widgets/board_movers.py). Each event's 相关资讯 is the stock's newest linked item published at or before the
event's time (services/movers.rows_from): what was known when it moved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import Changes
from desktop.core.movers import POLLED
from desktop.ui.linked_rows import LinkedRows
from desktop.ui.models.movers_model import COLUMNS, MoversModel, type_label
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.qt_props import props
from desktop.ui.widgets.board_movers import BoardMoversTable
from desktop.ui.widgets.day_box import fill_days
from desktop.ui.widgets.empty_hint import EmptyHint

if TYPE_CHECKING:
    from desktop.services.movers import MoverRow

NAME = "moversPane"
RELOAD_MS = 1500          # new articles come in bursts: the linked items are read again once per burst
ARTICLE_WIDTH = 280


class MoversPane(QWidget, LinkedRows, Pane):
    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx, self.bus, self.settings = ctx, ctx.bus, ctx.settings
        self.tasks = ctx.tasks.scope(NAME)
        self.day = ""
        self.all_rows: list[MoverRow] = []
        self.watched: frozenset[str] = frozenset()
        self.days: list[str] = []
        self.boards: list = []                  # the day's board 异动 (core.movers.BoardMove)
        self.chosen_day = ""                    # "": the newest stored day
        self._loaded = False
        self._reload = props(QTimer(self, singleShot=True, interval=RELOAD_MS), timeout=self.reload)
        self.model = MoversModel(self._colors, self)
        self.watched_box = props(QCheckBox(self.tr("只看自选"), self), objectName="moversWatched")
        self.watched_box.setToolTip(self.tr("只显示自选股列表中的股票"))
        self.watched_box.toggled.connect(lambda _on: self._show())
        self.type_box = props(QComboBox(self), objectName="moversType")
        self.type_box.addItem(self.tr("全部类型"), 0)
        for code in POLLED:
            self.type_box.addItem(type_label(code), code)
        self.type_box.currentIndexChanged.connect(lambda _i: self._show())
        self.date_box = props(QComboBox(self, sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToContents), objectName="moversDate")
        self.date_box.setToolTip(self.tr("已保存的交易日"))
        self.date_box.activated.connect(lambda i: self.set_day(self.date_box.itemData(i) or ""))
        self.boards_button = props(QToolButton(self), objectName="moversBoards", checkable=True, text=self.tr("板块异动"))
        self.boards_button.setToolTip(self.tr("显示当日各板块的异动：涨跌幅、主力净流入、异动次数、最频繁个股"))
        self.boards_button.toggled.connect(lambda _on: self._show())
        self.board_table = BoardMoversTable(self._colors, self)
        self.board_table.hide()
        self.board_empty = EmptyHint(self.board_table, "moversBoardEmpty")
        self.board_table.selectionModel().selectionChanged.connect(self._on_board_selection)
        self.board_table.activated.connect(self._on_board_activated)
        self.table = props(QTableView(self, showGrid=False, wordWrap=False), objectName="moversTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.activated.connect(self._on_activated)
        self.empty = EmptyHint(self.table, "moversEmpty")
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.date_box)
        top.addWidget(self.type_box)
        top.addWidget(self.watched_box)
        top.addStretch(1)
        top.addWidget(self.boards_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.board_table, 1)
        self.bus.stock_selected.connect(self._on_stock)
        self.bus.data_committed.connect(self._on_committed)
        self.bus.market_ready.connect(self._reload.start)

    # -- the pane interface (ui/pane.py) -------------------------------------------------------------------
    def load(self) -> None:
        self._loaded = True
        self.reload()

    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"}:
            for model in (self.model, self.board_table.model_):
                model.restyle()
                model.layoutChanged.emit()

    def save_state(self, state) -> None:
        state.setValue("movers/watched", "1" if self.watched_box.isChecked() else "0")
        state.setValue("movers/type", str(self.type_box.currentData() or 0))
        state.setValue("movers/boards", "1" if self.boards_button.isChecked() else "0")

    def restore_state(self, state) -> None:
        for w in (self.watched_box, self.type_box, self.boards_button):
            w.blockSignals(True)
        self.watched_box.setChecked(state.value("movers/watched") == "1")
        self.boards_button.setChecked(state.value("movers/boards") == "1")
        i = self.type_box.findData(int(state.value("movers/type") or 0)) if str(
            state.value("movers/type") or "0").isdigit() else -1
        self.type_box.setCurrentIndex(max(0, i))
        for w in (self.watched_box, self.type_box, self.boards_button):
            w.blockSignals(False)

    # -- controls ------------------------------------------------------------------------------------------
    def set_watched_only(self, on: bool) -> None:
        self.watched_box.setChecked(on)

    def set_type(self, code: int) -> None:
        """One 异动 type (Eastmoney's code, core/movers.TYPES), 0 for all."""
        self.type_box.setCurrentIndex(max(0, self.type_box.findData(code)))

    def set_day(self, day: str) -> None:
        """A stored day (ISO; `moversDate`); "" or the newest: follow the newest as new days are stored."""
        self.chosen_day = "" if not self.days or day == self.days[0] else day
        self.reload()

    def set_boards(self, on: bool) -> None:
        """The day's board 异动 (`moversBoards`) instead of the events."""
        self.boards_button.setChecked(on)

    # -- reading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        if not self._loaded or self.ctx.market is None:
            return
        from desktop.services import movers

        db, day = self.ctx.market.db_path, self.chosen_day
        self.tasks.run("movers", lambda _t: movers.read_pane(db, day), self._loaded_view)

    def _loaded_view(self, view, error) -> None:
        if error is not None or view is None:
            return
        self.days, self.day, self.all_rows, self.boards, self.watched = \
            view.days, view.day, view.rows, view.boards, view.watched
        if self.chosen_day not in self.days:
            self.chosen_day = ""                 # a chosen day no longer stored: the newest again
        fill_days(self.date_box, self.days, self.day)
        self._show()

    def shown_rows(self) -> list:
        kind = self.type_box.currentData() or 0
        watched = self.watched_box.isChecked()
        return [r for r in self.all_rows if (not kind or r.event.type == kind)
                and (not watched or r.event.code in self.watched)]

    def _show(self) -> None:
        boards = self.boards_button.isChecked()
        self.table.setVisible(not boards)
        self.board_table.setVisible(boards)
        self.type_box.setEnabled(not boards)            # the filters are the events'
        self.watched_box.setEnabled(not boards)
        self.board_table.set_rows(self.boards if boards else [])
        self.model.set_rows(self.shown_rows())
        if self.model.rows:
            self._size_columns()
        self.empty.setText(self.empty_text())
        self.empty.refresh()
        self.board_empty.setText(self.board_empty_text())
        self.board_empty.refresh()
        if self.bus.stock and self.model.row_of(self.bus.stock) >= 0:
            self._select_row(self.bus.stock)

    def _size_columns(self) -> None:
        """Each column as wide as its longest text, measured once: resizeColumnsToContents measures every cell
        (2,000 events took 1.6 s; bench/movers.py). 相关资讯 takes the rest, at most ARTICLE_WIDTH to start."""
        fm = self.table.fontMetrics()
        pad = 2 * self.table.style().pixelMetric(self.table.style().PixelMetric.PM_FocusFrameHMargin) + 12
        header = self.model.headerData
        rows = self.model.rows
        longest_of = {"time": lambda: "00:00:00", "code": lambda: "000000",
                      "name": lambda: max((r.event.name for r in rows), key=len, default=""),
                      "type": lambda: max(self.model.labels.values(), key=len, default=""),
                      "detail": lambda: max((r.detail for r in rows), key=len, default="")}
        for i, col in enumerate(COLUMNS[:-1]):
            longest = longest_of[col]()
            width = max(fm.horizontalAdvance(longest), fm.horizontalAdvance(header(i, Qt.Orientation.Horizontal) or ""))
            self.table.setColumnWidth(i, width + pad)
        self.table.setColumnWidth(len(COLUMNS) - 1, ARTICLE_WIDTH)

    def empty_text(self) -> str:
        """Why no event shows, and what to do ("" when some do)."""
        if self.model.rows:
            return ""
        if not self.day:
            return self.tr("还没有获取到盘口异动。") + "\n" + \
                self.tr("交易时段每分钟自动获取；若一直为空，请检查网络连接和状态栏的“行情”")
        if self.all_rows:
            return self.tr("%1 没有符合条件的异动。").replace("%1", self.day) + "\n" + \
                self.tr("取消“只看自选”或选择“全部类型”查看全部")
        return self.tr("%1 还没有盘口异动。").replace("%1", self.day) + "\n" + self.tr("开盘后每分钟自动更新")

    def board_empty_text(self) -> str:
        """Why the board table is empty ("" when it is not)."""
        if self.boards:
            return ""
        if not self.day:
            return self.tr("还没有获取到板块异动。") + "\n" + self.tr("板块异动与个股异动一起每分钟获取")
        return self.tr("%1 没有保存板块异动。").replace("%1", self.day) + "\n" + self.tr("板块异动与个股异动一起每分钟获取")

    def _on_committed(self, changes: Changes) -> None:
        if not self._loaded:
            return
        if changes.movers or changes.board_movers or changes.watchlists:
            self.reload()
        elif changes.articles_added or changes.stocks:
            self._reload.start()

    # -- the bus -------------------------------------------------------------------------------------------
    def _on_board_selection(self, *_args) -> None:
        code = self.board_table.selected_code()
        if code and code != self.bus.stock:
            self.bus.select_stock(code, NAME)

    def _on_board_activated(self, index) -> None:
        if code := self.board_table.model_.code_at(index.row()):
            self.bus.show_chart(code, NAME)

    def _on_activated(self, index) -> None:
        """Enter / double click: the linked item on 相关资讯, else the stock's chart."""
        article = self.model.article_at(index.row())
        if COLUMNS[index.column()] == "article" and article is not None:
            self.bus.select_article(article, NAME)
        elif (code := self.model.code_at(index.row())) is not None:
            self.bus.show_chart(code, NAME)

    def _colors(self):
        from desktop.ui.style import price_colors

        return price_colors(self.settings["ui.colors"], self.settings["ui.theme"])

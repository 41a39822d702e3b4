"""PositionsPane (`positionsPane`, dock `dock_positions`, tabbed with the watchlist): the 持仓 (issue 27).

What is held, what it cost and what it made: the table (`positionsTable`, columns position_model.COLUMNS), the
totals (`positionsTotals`) and the day's total in the status bar (`positionsDayPnl`, status_bar.DayPnl). The
figures are worked out on a task (services/positions_view.snapshot: the trades from the database, the quotes the
watchlist reads) whenever a commit touches a held stock's quote, the market clock arrives or a trade is stored.
Selecting a row selects the stock on the bus; the pane follows the bus.

隐藏金额 (`positionsHide`, Ctrl+Shift+H) shows every amount as **** here and in the status bar, and is kept
across restarts (`positions.hide_amounts`). Trades are entered in PositionTradeDialog; the cost method and the
lots CSV are in the pane's menu (`positionsMenu`); a broker's export opens BrokerCsvDialog to map its columns
(ui/widgets/broker_csv_dialog.py). Amounts are never logged.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import Changes
from desktop.core.numbers import money_text
from desktop.core.positions import PositionError
from desktop.services import positions_view
from desktop.ui import ops
from desktop.ui.models.position_model import COLUMNS, HIDDEN, PositionModel, pct_text
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props
from desktop.ui.status_bar import DayPnl
from desktop.ui.style import style_banner
from desktop.ui.widgets.empty_hint import EmptyHint

NAME = "positionsPane"
HIDE_KEY = "positions.hide_amounts"
HIDE_SHORTCUT = "Ctrl+Shift+H"


class PositionsPane(QWidget, Pane):
    message = Signal(str)          # what an import/export (or a failed read) did, in words: the status bar shows it

    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx, self.bus, self.market, self.settings = ctx, ctx.bus, ctx.market, ctx.settings
        self.tasks = ctx.tasks.scope(NAME)
        self.snapshot: positions_view.Snapshot | None = None    # shown (None before the first read)
        self.dialog: QDialog | None = None                       # the trade (or broker CSV) dialog open last
        self.last_message = ""
        self.model = PositionModel(self._colors, self)
        self.table = props(QTableView(self, showGrid=False),
                           objectName="positionsTable", contextMenuPolicy=Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.clicked.connect(self._on_selection)
        self.table.activated.connect(self._show_chart)
        self.table.customContextMenuRequested.connect(self._row_menu)
        self.empty = EmptyHint(self.table, "positionsEmpty",
                               self.tr("还没有持仓。\n点“买入…”记下一笔成交，或在“更多”菜单中导入持仓 CSV"))
        self.buy = props(QToolButton(self, autoRaise=True), objectName="positionsAdd", text=self.tr("买入…"))
        self.buy.clicked.connect(lambda: self.open_trade("buy"))
        self.sell = props(QToolButton(self, autoRaise=True), objectName="positionsSell", text=self.tr("卖出…"))
        self.sell.clicked.connect(lambda: self.open_trade("sell", self.selected_code()))
        self.hide_button = props(QToolButton(self, autoRaise=True),
                                 objectName="positionsHide", text=self.tr("隐藏金额"), checkable=True)
        self.hide_button.setToolTip(self.tr("把所有金额显示为 ****（%1）").replace("%1", HIDE_SHORTCUT))
        self.hide_button.setChecked(bool(self.settings[HIDE_KEY]))
        self.hide_button.toggled.connect(self.set_hidden)
        self.menu = props(QMenu(self), objectName="positionsMenuList")
        self.more = props(QToolButton(self, autoRaise=True, popupMode=QToolButton.ToolButtonPopupMode.InstantPopup),
                          objectName="positionsMenu", text=self.tr("更多"))
        self.more.setMenu(self.menu)
        self.method_actions = self._build_menu()
        self.badge = props(QLabel(ctx.demo_label, self), objectName="positionsDemo", visible=bool(ctx.demo_label))
        style_banner(self.badge)
        self.totals = props(QWidget(self), objectName="positionsTotals")
        self.total_labels = {}
        row = QHBoxLayout(self.totals)
        row.setContentsMargins(6, 2, 6, 4)
        for key in ("value", "pnl_today", "pnl", "realized"):
            # word-wrapped: a narrow column puts a total's figure under its name instead of widening the window
            # (the four totals on one line set the right column's least width to 520 px in English)
            label = props(QLabel(self.totals, textFormat=Qt.TextFormat.PlainText, wordWrap=True), objectName=f"positionsTotal_{key}")
            self.total_labels[key] = label
            row.addWidget(label)
        row.addStretch(1)
        self.day_pnl = DayPnl()             # the window puts it in the status bar
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        for w in (self.buy, self.sell, self.more):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.badge)
        top.addWidget(self.hide_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        self.model.set_hidden(self.hide_button.isChecked())
        self._show_totals()
        self.bus.data_committed.connect(self._on_committed)
        self.bus.stock_selected.connect(self._on_stock)
        self.bus.market_ready.connect(self.reload)        # the market clock (the demo's session): today's figures

    def _build_menu(self) -> dict:
        methods = self.menu.addMenu(self.tr("成本算法"))
        methods.setObjectName("positionsMethods")
        group = QActionGroup(self)
        actions = {}
        for key, text in (("average", self.tr("移动加权平均")), ("fifo", self.tr("先进先出"))):
            act = methods.addAction(text)
            act.setObjectName(f"positionsMethod_{key}")
            act.setCheckable(True)
            act.setChecked(key == "average")
            group.addAction(act)
            act.triggered.connect(lambda _on=False, key=key: self.set_method(key))
            actions[key] = act
        self.menu.addSeparator()
        self.menu.addAction(self.tr("导入持仓 CSV…"), self.import_csv).setObjectName("positionsImport")
        self.menu.addAction(self.tr("导出持仓 CSV…"), self.export_csv).setObjectName("positionsExport")
        return actions

    # -- the pane interface (ui/pane.py) -------------------------------------------------------------------
    def load(self) -> None:
        from desktop.ui.widgets.row_delegate import RowDelegate  # after the first paint (QStyle's type)

        self.table.setItemDelegate(RowDelegate(self.table))
        self.reload()

    def shortcuts(self):
        return [(HIDE_SHORTCUT, self.hide_button.toggle)]

    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"}:
            self.model.layoutChanged.emit()
            self._show_totals()
        if HIDE_KEY in keys:
            self.hide_button.setChecked(bool(self.settings[HIDE_KEY]))

    def save_state(self, state) -> None:
        state.setValue("positions/header", self.table.horizontalHeader().saveState())

    def restore_state(self, state) -> None:
        header = state.value("positions/header")
        if header:
            self.table.horizontalHeader().restoreState(header)

    # -- reading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """The figures, worked out on a task (a newer request supersedes an older one)."""
        market, names = self.ctx.market_reads, dict(self.ctx.stock_names)
        self.tasks.run("snapshot", lambda _t: positions_view.snapshot(market.db_path, market, names),
                       self._shown)

    def _shown(self, snap, error) -> None:
        if error is not None:
            text = error.text(self.settings["ui.language"]) if isinstance(error, PositionError) else str(error)
            self._say(self.tr("持仓无法计算：") + text)
            return
        self.snapshot = snap
        code = self.selected_code()
        self.model.set_rows(snap.rows, snap.prev_close)
        if code and code in self.model.codes():
            self._select_row(code)
        for key, act in self.method_actions.items():
            act.setChecked(key == snap.method)
        self._show_totals()

    def held_codes(self) -> list[str]:
        return self.model.codes()

    def _on_committed(self, changes: Changes) -> None:
        if changes.quotes & set(self.model.codes()) or changes.stocks:
            self.reload()

    # -- amounts, shown or hidden --------------------------------------------------------------------------
    def set_hidden(self, hidden: bool) -> None:
        """隐藏金额 on or off: the table, the totals and the status bar at once; kept in settings.toml."""
        if self.hide_button.isChecked() != hidden:
            self.hide_button.setChecked(hidden)          # comes back here through toggled
            return
        self.model.set_hidden(hidden)
        self._show_totals()
        if bool(self.settings[HIDE_KEY]) != hidden:
            self.settings.set(HIDE_KEY, hidden)
            try:
                self.settings.save()
            except Exception as exc:   # noqa: BLE001 - a settings file that cannot be written: say so, keep going
                self._say(self.tr("无法保存设置：") + str(exc))
            self.settings.announce([HIDE_KEY])           # the tray's notifications follow it too

    @property
    def hidden(self) -> bool:
        return self.model.hidden

    def _show_totals(self) -> None:
        snap = self.snapshot
        held = snap is not None and bool(snap.rows)
        self.totals.setVisible(held)
        if snap is None or not held:
            self.day_pnl.show_total(None)
            return
        t, colors, chinese = snap.totals, self._colors(), self.model._chinese

        def amount(v, signed=True) -> str:
            return HIDDEN if self.hidden else money_text(v, chinese, signed)

        def colour(v) -> str:
            return "" if self.hidden or v is None else colors.for_change(v)

        pct = pct_text(t.pnl_pct)
        parts = {"value": (self.tr("合计市值 %1").replace("%1", amount(t.value, False)), ""),
                 "pnl_today": (self.tr("当日盈亏 %1").replace("%1", amount(t.pnl_today)), colour(t.pnl_today)),
                 "pnl": (self.tr("浮动盈亏 %1（%2）").replace("%1", amount(t.pnl)).replace("%2", pct), colour(t.pnl)),
                 "realized": (self.tr("已实现盈亏 %1").replace("%1", amount(t.realized)), colour(t.realized))}
        for key, (text, c) in parts.items():
            self.total_labels[key].setText(text)
            self.total_labels[key].setStyleSheet(f"color: {c}" if c else "")
        self.day_pnl.show_total(amount(t.pnl_today), colour(t.pnl_today))

    def totals_text(self) -> str:
        return "  ".join(label.text() for label in self.total_labels.values() if self.totals.isVisible())

    # -- the bus -------------------------------------------------------------------------------------------
    def selected_code(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return (self.model.code_at(rows[0].row()) or "") if rows else ""

    def _on_selection(self, *_args) -> None:
        code = self.selected_code()
        if code:
            self.bus.select_stock(code, NAME)

    def _on_stock(self, code: str, origin: str) -> None:
        if origin != NAME and code in self.model.codes():
            self._select_row(code)

    def _select_row(self, code: str) -> None:
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(self.model.codes().index(code))
        self.table.selectionModel().blockSignals(False)
        self.table.viewport().update()

    def _show_chart(self, index) -> None:
        code = self.model.code_at(index.row())
        if code:
            self.bus.show_chart(code, NAME)

    def _row_menu(self, pos) -> None:
        code = self.model.code_at(self.table.indexAt(pos).row())
        menu = QMenu(self)
        if code:
            menu.addAction(self.tr("买入…"), lambda: self.open_trade("buy", code))
            menu.addAction(self.tr("卖出…"), lambda: self.open_trade("sell", code))
            menu.addAction(self.tr("显示K线"), lambda: self.bus.show_chart(code, NAME))
            menu.addSeparator()
        menu.addActions(self.menu.actions())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # -- writing -------------------------------------------------------------------------------------------
    def _writer(self):
        reader = self.ctx.reader
        return None if reader.read_only else reader.writer

    def open_trade(self, side: str = "buy", code: str = ""):
        """The trade dialog (window-modal, not blocking: `pane.dialog`), prefilled with `code`."""
        from desktop.core import clock
        from desktop.services.positions_view import market_day
        from desktop.ui.widgets.position_dialog import PositionTradeDialog

        if self._writer() is None:
            self._say(self.tr("数据目录只读：无法记录成交"))
            return None
        self.dialog = PositionTradeDialog(
            self, side=side, code=code or self.selected_code(), day=min(market_day(self.market),
                                                                        clock.today_shanghai()),
            language=self.settings["ui.language"], matcher=self.ctx.market_reads.directory.matcher(),
            today=clock.today_shanghai(), save=self._save_trade)
        self.dialog.open()
        return self.dialog

    def _save_trade(self, trade, done) -> None:
        writer = self._writer()

        def finished(_ids, error) -> bool:
            done(error)
            if error is None:
                self.reload()
            return isinstance(error, PositionError)     # the dialog's own words; a failed save: ops.py says it too

        ops.job(self.ctx, NAME, "save-trade", self.tr("记录成交"),
                lambda _t: positions_view.save_trade(writer, trade), finished)

    def set_method(self, name: str) -> None:
        """移动加权平均 (average) or 先进先出 (fifo), kept in the database as `huohua positions method` keeps it."""
        writer = self._writer()
        if writer is None:
            return
        ops.job(self.ctx, NAME, "method", self.tr("设置成本计算方法"), lambda _t: positions_view.set_method(writer, name),
                lambda _r, error: self.reload() if error is None else None)

    # -- the lots CSV (docs/POSITIONS.md): on a task, never on the GUI thread --------------------------------
    @staticmethod
    def choose_file(parent, caption: str, save: bool) -> str:
        """Replaceable (tests): a path, "" when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        pick = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = pick(parent, caption, "huohua-positions.csv" if save else "", "CSV (*.csv)")
        return path

    def import_csv(self) -> None:
        from desktop.core import clock
        from desktop.services import broker_csv, positions_view

        writer = self._writer()
        path = self.choose_file(self, self.tr("导入持仓 CSV"), save=False) if writer is not None else ""
        if not path:
            return
        directory, today = self.ctx.market_reads.directory, clock.today_shanghai()
        config_dir = self.settings.path.parent          # a broker's mappings live beside settings.toml

        def run(_t):
            broker = broker_csv.inspect(Path(path), config_dir)   # not our lots CSV: a broker's, to map first
            if broker is not None:
                return broker
            matcher = directory.matcher()
            return positions_view.import_lots(writer, Path(path), lambda c: matcher.get(c) is not None, today)

        def done(n, error):
            if isinstance(n, broker_csv.BrokerFile):
                from desktop.ui.widgets.broker_csv_dialog import open_for

                self.dialog = open_for(self, n, writer, config_dir)
                return True
            return self._csv_done(n, error, self.tr("已导入 %1 笔成交"))

        ops.job(self.ctx, NAME, "csv", self.tr("导入持仓 CSV"), run, done)

    def export_csv(self) -> None:
        path = self.choose_file(self, self.tr("导出持仓 CSV"), save=True)
        if not path:
            return
        db = self.ctx.market_reads.db_path
        ops.job(self.ctx, NAME, "csv", self.tr("导出持仓 CSV"), lambda _t: positions_view.export_lots(db, Path(path)),
                lambda n, error: self._csv_done(n, error, self.tr("已导出 %1 笔成交")))

    def _csv_done(self, n, error, done: str) -> bool:
        """True: said here (the file's fault); any other failure is ops.py's to log and say in plain words."""
        if error is None:
            self._say(done.replace("%1", str(n)))
            self.reload()
        elif isinstance(error, PositionError):
            self._say(self.tr("持仓 CSV 未导入：") + error.text(self.settings["ui.language"]))
        elif isinstance(error, OSError):
            self._say(self.tr("持仓 CSV 失败：") + str(error.strerror or error))
        return error is None or isinstance(error, PositionError | OSError)

    def _say(self, text: str) -> None:
        self.last_message = text
        self.badge.setToolTip(plain_tip(text))
        self.message.emit(text)

    def _colors(self):
        from desktop.ui.style import price_colors

        return price_colors(self.settings["ui.colors"], self.settings["ui.theme"])


__all__ = ["COLUMNS", "PositionsPane"]

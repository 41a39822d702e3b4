"""WatchlistPane: the watchlist's latest quotes; selecting a row selects the stock on the bus.

Reads the stored quotes only (the market poller writes them); refreshes when a commit touches its codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTabBar,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import Changes
from desktop.core.errors import StoreError
from desktop.ui import ops
from desktop.ui.list_names import shown_name
from desktop.ui.models.quote_model import COLUMNS, HIDDEN_BY_DEFAULT, QuoteModel
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props
from desktop.ui.style import style_banner
from desktop.ui.widgets.empty_hint import EmptyHint
from desktop.ui.widgets.finder_keys import FinderKeys

if TYPE_CHECKING:  # both made in load(), after the first paint
    from desktop.ui.widgets import quote_columns, sparkline

NAME = "watchlistPane"
STALE_CHECK_MS = 5000


class WatchlistPane(QWidget, Pane):
    csv_done = Signal(str)        # what an import/export did, in words (the window shows it in the status bar)

    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.tasks = ctx.tasks.scope(NAME)
        self.message = ""
        self.bus, self.market, self.settings = ctx.bus, ctx.market, ctx.settings
        self.lists = props(QTabBar(self, expanding=False, drawBase=False), objectName="watchlistTabs", contextMenuPolicy=Qt.ContextMenuPolicy.CustomContextMenu)  # one tab per list (同花顺's 自选股 pages); each tab's data is the list's id
        self.lists.currentChanged.connect(lambda _i: self.reload())
        self.link = props(QToolButton(self), objectName="watchlistLink", checkable=True, checked=True, text=self.tr("联动"))
        self.badge = props(QLabel(ctx.demo_label, self), objectName="watchlistDemo", visible=bool(ctx.demo_label))
        style_banner(self.badge)
        self.model = QuoteModel(self._colors, self)
        # Click a header to sort (again to reverse); the model keeps the order as quotes update, and "按列表顺序"
        # in the header's menu goes back to the list's own order.
        self.table = props(QTableView(self, showGrid=False), objectName="watchlistTable", contextMenuPolicy=Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for col in HIDDEN_BY_DEFAULT:
            self.table.setColumnHidden(COLUMNS.index(col), True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)      # drag rows to reorder the list
        self.table.setDragDropOverwriteMode(False)
        self.model.on_move = self.move_codes
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)   # uniform rows: cheap relayout
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.columns: quote_columns.QuoteColumns | None = None   # widths: every figure whole, a narrow list scrolls sideways
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.clicked.connect(self._on_selection)   # clicking the selected row again re-publishes it
        self.table.activated.connect(self._show_chart)   # Enter or double-click: the row's chart in front
        self._stale_timer = props(QTimer(self, interval=STALE_CHECK_MS), timeout=self.reload)  # failed polls commit nothing: staleness is re-checked on a timer too (one small query)
        self.lists.customContextMenuRequested.connect(self._tab_menu)
        self.new_list = props(QToolButton(self, autoRaise=True), objectName="watchlistNew", text="+")
        self.new_list.setToolTip(self.tr("新建列表"))
        self.new_list.clicked.connect(self.create_list)
        self._select_after_load: str | None = None
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.lists)
        top.addWidget(self.new_list)
        top.addStretch(1)
        top.addWidget(self.badge)
        top.addWidget(self.link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.empty = EmptyHint.watchlist(self.table)   # why empty: typing opens 键盘精灵
        self.bus.data_committed.connect(self._on_committed)
        self.bus.stock_selected.connect(self._on_stock)
        self.bus.market_ready.connect(self.reload)      # the market clock is real now: staleness too
        self._lists: dict = {}
        self._names: list[str] = []         # the lists' stored names, in the tabs' order
        self.sparks: sparkline.SparkFeed | None = None   # the 分时走势 column's feed
        self.ctx = ctx
        self._finder = None     # 键盘精灵: typing a code, a name's initials … over the list opens the finder; Ctrl+Enter adds
        self._finder_keys = [FinderKeys(w, self.finder) for w in (self.table, self)]
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.installEventFilter(self)

    # -- the pane interface (ui/pane.py) -------------------------------------------------------------------
    def load(self) -> None:
        from desktop.ui.widgets.quote_columns import QuoteColumns
        from desktop.ui.widgets.row_delegate import RowDelegate  # after the first paint (QStyle's type)
        from desktop.ui.widgets.sparkline import SparkDelegate, SparkFeed

        self.columns = QuoteColumns(self.table, self.model)       # after the header's saved state (its modes)
        self.sparks = SparkFeed(self.market, self.ctx.requests, self.tasks, self.model)
        self.table.setItemDelegate(RowDelegate(self.table))     # the selected row as one band, no lighter cell
        self.table.setItemDelegateForColumn(COLUMNS.index("spark"), SparkDelegate(self._colors, self.table))
        self._load_lists()
        self._stale_timer.start()

    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"}:
            self.model.layoutChanged.emit()     # red up / green down (or the reverse), in this theme's shades

    # -- the lists themselves -----------------------------------------------------------------------------
    @staticmethod
    def ask_name(parent, title: str, label: str, text: str = "") -> str:
        """Replaceable (tests): the name typed, "" when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value.strip() if ok else ""

    @staticmethod
    def confirm(parent, title: str, text: str) -> bool:
        """Replaceable (tests): Yes/No, No by default."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def create_list(self) -> None:
        name = self.ask_name(self, self.tr("新建列表"), self.tr("列表名称：")) if self._writer() is not None else ""
        if name and name not in self.list_names():
            self._select_after_load = name          # shown once the commit reloads the tabs
            self._save(self.tr("新建列表“%1”").replace("%1", name), "create_list", name)

    def rename_list(self) -> None:
        if (wid := self.current_list_id()) is None or self._writer() is None:
            return
        old = self.list_names()[self.lists.currentIndex()]
        shown = shown_name(old)
        name = self.ask_name(self, self.tr("重命名列表"), self.tr("列表名称："), shown)
        if name and name not in (old, shown) and name not in self.list_names():
            self._select_after_load = name
            self._save(self.tr("重命名列表“%1”").replace("%1", shown), "rename_list", wid, name)

    def delete_list(self) -> None:
        if (wid := self.current_list_id()) is None or self._writer() is None:
            return
        name = shown_name(self.list_names()[self.lists.currentIndex()])
        if self.confirm(self, self.tr("删除列表"), self.tr("删除列表“{0}”？其中的股票不会受影响。").format(name)):
            self._save(self.tr("删除列表“%1”").replace("%1", name), "delete_list", wid)

    def _tab_menu(self, pos) -> None:
        index = self.lists.tabAt(pos)
        if index >= 0:
            self.lists.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.tr("新建列表"), self.create_list)
        if index >= 0:
            menu.addAction(self.tr("重命名列表"), self.rename_list)
            menu.addAction(self.tr("删除列表"), self.delete_list)
        menu.addSeparator()
        menu.addAction(self.tr("导入 CSV…"), self.import_csv)
        menu.addAction(self.tr("导出 CSV…"), self.export_csv)
        menu.exec(self.lists.mapToGlobal(pos))

    # -- CSV (code,name,list; GBK or UTF-8 in, UTF-8 with BOM out): on a task, never on the GUI thread ---------
    @staticmethod
    def choose_file(parent, caption: str, save: bool) -> str:
        """Replaceable (tests): a path, "" when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        pick = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = pick(parent, caption, "huohua-watchlists.csv" if save else "", "CSV (*.csv)")
        return path

    def import_csv(self) -> None:
        writer = self._writer()
        path = self.choose_file(self, self.tr("导入自选股 CSV"), save=False) if writer is not None else ""
        if not path:
            return
        from pathlib import Path

        from desktop.services import watchlists

        directory = self.ctx.market_reads.directory
        ops.job(self.ctx, NAME, "csv", self.tr("导入自选股 CSV"),
                lambda _t: watchlists.import_csv(writer, directory.matcher(), Path(path)), self._csv_done)

    def export_csv(self) -> None:
        path = self.choose_file(self, self.tr("导出自选股 CSV"), save=True)
        if not path:
            return
        from pathlib import Path

        from desktop.services import watchlists

        lists, names = self.ctx.market_reads.watchlists(), dict(self.ctx.stock_names)
        self.tasks.run("csv", lambda _t: watchlists.export_csv(lists, names, Path(path)), self._csv_done)

    def _csv_done(self, result, error) -> bool:
        """True: said here (the file's fault); a failed save (StoreError) is ops.py's to log and say."""
        if isinstance(error, StoreError):
            return False
        if error is not None:
            self.message = self.tr("CSV 失败：") + str(getattr(error, "strerror", None) or error)
        elif isinstance(result, int):
            self.message = self.tr("已导出 %1 只股票").replace("%1", str(result))
        else:
            self.message = self.tr("已导入 %1 只股票").replace("%1", str(result.added))
            if result.unknown:
                self.message += self.tr("；未找到：") + "、".join(result.unknown[:5])
        self.badge.setToolTip(plain_tip(self.message))     # quotes the CSV's codes: never markup
        self.csv_done.emit(self.message)
        return True

    def finder(self):
        """The finder, built on first use (the first key typed over the list)."""
        if self._finder is None:
            from desktop.ui.widgets.stock_finder import StockFinder  # its widgets: on first use

            self._finder = StockFinder(self.ctx, on_add=self.add_code, parent=self)
        return self._finder

    # -- editing the current list --------------------------------------------------------------------------
    def list_names(self) -> list[str]:
        """The lists' names as stored, in the tabs' order (a tab shows a built-in list's name in the interface's
        language: ui/list_names.py)."""
        return list(self._names)

    def select_list(self, name: str) -> bool:
        """Show the list called `name` (as clicking its tab does); False if there is none."""
        names = self.list_names()
        if name not in names:
            return False
        self.lists.setCurrentIndex(names.index(name))
        return True

    def current_list_id(self) -> int | None:
        i = self.lists.currentIndex()
        return self.lists.tabData(i) if i >= 0 else None

    def _writer(self):
        reader = self.ctx.reader
        return None if reader.read_only else reader.writer

    def _save(self, what: str, op: str, *args) -> None:
        """services/watchlists.<op>(writer, *args) through ui/ops.py: a failure is logged and said."""
        from desktop.services import watchlists  # the store, after the first paint

        writer = self._writer()
        ops.write(self.ctx, what, lambda: getattr(watchlists, op)(writer, *args))

    def add_code(self, code: str) -> None:
        """Add `code` to the list shown (the finder's Ctrl+Enter / Insert)."""
        wid = self.current_list_id()
        if wid is not None and self._writer() is not None and code not in self.codes():
            self._save(self.tr("添加 %1 到自选").replace("%1", code), "add_code", wid, code)

    def remove_selected(self) -> None:
        """Delete key / context menu: the selected stocks leave the list shown."""
        codes, wid = self._selected_codes(), self.current_list_id()
        if codes and wid is not None and self._writer() is not None:
            self._save(self.tr("从自选删除 %1").replace("%1", "、".join(codes)), "remove_codes", wid, codes)

    def move_codes(self, codes: list[str], before_row: int) -> None:
        """Put `codes` (in their list order) before the stock now at `before_row` (drag, menu, Ctrl+↑/↓).
        Only in the list's own order; saved as the list's new order."""
        wid, writer = self.current_list_id(), self._writer()
        current = self.codes()
        if wid is None or writer is None or self.model.sort_column >= 0 or not set(codes) <= set(current):
            return
        anchor = current[before_row] if 0 <= before_row < len(current) else None
        moving = [c for c in current if c in codes]
        rest = [c for c in current if c not in codes]
        at = rest.index(anchor) if anchor in rest else len(rest)
        order = rest[:at] + moving + rest[at:]
        if order != current:
            self._save(self.tr("调整自选股顺序"), "reorder", wid, order)

    def _selected_codes(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [c for c in (self.code_at_view_row(r) for r in rows) if c]

    def move_selected(self, step: int) -> None:
        """Ctrl+↑ / Ctrl+↓ (step ±1), 置顶 (a large negative step)."""
        codes = self._selected_codes()
        if not codes:
            return
        current = self.codes()
        first = min(current.index(c) for c in codes)
        last = max(current.index(c) for c in codes)
        target = max(0, first + step) if step < 0 else min(len(current), last + 1 + step)
        self.move_codes(codes, target)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_selected(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(obj, event)

    def _header_menu(self, pos) -> None:
        """Which columns show (persisted with the pane's state), and back to the list's own order."""
        menu = QMenu(self)
        for i, _key in enumerate(COLUMNS):
            act = menu.addAction(self.model.headers[i])
            act.setCheckable(True)
            act.setChecked(not self.table.isColumnHidden(i))
            act.toggled.connect(lambda on, i=i: self._show_column(i, on))
        menu.addSeparator()
        menu.addAction(self.tr("按列表顺序"), self.unsort)
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _show_column(self, col: int, on: bool) -> None:
        self.table.setColumnHidden(col, not on)
        if self.columns is not None:
            self.columns.fit()           # the others share the room again (or the list scrolls)

    def unsort(self) -> None:
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.sort(-1)

    def save_state(self, state) -> None:
        state.setValue("watchlist/header", self.table.horizontalHeader().saveState())

    def restore_state(self, state) -> None:
        header = state.value("watchlist/header")
        if header:
            self.table.horizontalHeader().restoreState(header)

    def _menu(self, pos) -> None:
        menu = QMenu(self)
        code = self.code_at_view_row(self.table.indexAt(pos).row())
        if code:
            menu.addAction(self.tr("显示K线"), lambda: self.bus.show_chart(code, self.objectName()))
            menu.addAction(self.tr("添加提醒…"), lambda: self.bus.alert_requested.emit(code))
            menu.addSeparator()
            menu.addAction(self.tr("从本列表删除"), self.remove_selected)
            if self.model.sort_column < 0:
                menu.addAction(self.tr("上移"), lambda: self.move_selected(-1))
                menu.addAction(self.tr("下移"), lambda: self.move_selected(1))
                menu.addAction(self.tr("置顶"), lambda: self.move_selected(-len(self.codes())))
        menu.addAction(self.tr("添加股票…"), lambda: self.finder().open_with("", self.table))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _colors(self):
        from desktop.ui.style import price_colors

        return price_colors(self.settings["ui.colors"], self.settings["ui.theme"])

    def _load_lists(self) -> None:
        lists = self.ctx.market_reads.watchlists()   # [] until the market worker has created the default list
        current = self.current_list_id()
        self.lists.blockSignals(True)
        while self.lists.count():
            self.lists.removeTab(0)
        for wl in lists:
            # "&" would underline the next letter (a mnemonic): "Storage & batteries", a user's "A&B"
            self.lists.setTabData(self.lists.addTab(shown_name(wl.name).replace("&", "&&")), wl.id)
        self._names = [wl.name for wl in lists]
        ids = [self.lists.tabData(i) for i in range(self.lists.count())]
        names = self.list_names()
        if self._select_after_load in names:          # a list just created or renamed here
            self.lists.setCurrentIndex(names.index(self._select_after_load))
            self._select_after_load = None
        elif current in ids:
            self.lists.setCurrentIndex(ids.index(current))
        self.lists.blockSignals(False)
        self._lists = {wl.id: wl for wl in lists}
        self.reload()

    def codes(self) -> list[str]:
        wl = self._lists.get(self.current_list_id()) if self._lists else None
        return list(wl.codes) if wl else []

    def reload(self) -> None:
        codes = self.codes()
        rows = self.ctx.market_reads.quote_rows(codes)
        self.model.set_rows(codes, rows, self.ctx.stock_names)
        self._reload_news()
        if self.sparks is not None:
            self.sparks.update(codes, rows)

    def _reload_news(self) -> None:
        """今日资讯: articles linked today per code — on a task (a burst of commits while feeds arrive costs
        the window nothing: each newer request supersedes the last)."""
        reader, codes, now = self.ctx.reader, self.codes(), self.ctx.market_reads.now()
        self.tasks.run("news-counts", lambda _t: reader.linked_today(codes, now),
                       lambda counts, error: self.model.set_news(counts) if error is None else None)
        self.tasks.run("why", lambda _t: self.ctx.market_reads.why_moving(codes), lambda w, e: self.model.set_why(w or {}))

    def _on_committed(self, changes: Changes) -> None:
        if changes.watchlists or changes.stocks:
            self._load_lists()
        elif changes.quotes & set(self.codes()):
            self.reload()
        elif changes.bars & set(self.codes()) and self.sparks is not None:   # a session fetched: its line
            self.sparks.update(self.codes(), [r for r in self.model.rows if r is not None])
        elif changes.articles_added or changes.articles_removed or changes.movers or changes.boards:   # + why
            self._reload_news()

    def _on_selection(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        code = self.code_at_view_row(rows[0].row()) if rows else None
        if code:
            self.bus.select_stock(code, NAME)

    def code_at_view_row(self, row: int) -> str | None:
        """The code on a row as shown (sorted or not)."""
        return self.model.code_at(row)

    def _show_chart(self, index) -> None:
        code = self.model.codes[index.row()] if 0 <= index.row() < len(self.model.codes) else ""
        if code:
            self.bus.show_chart(code, NAME)

    def view_codes(self) -> list[str]:
        """The codes in the order shown."""
        return list(self.model.codes)

    def _on_stock(self, code: str, origin: str) -> None:
        if origin == NAME or not self.link.isChecked() or code not in self.model.codes:
            return
        row = self.model.codes.index(code)
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)
        self.table.viewport().update()


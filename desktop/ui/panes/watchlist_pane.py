"""WatchlistPane: the watchlist's latest quotes; selecting a row selects the stock on the bus.

Reads the stored quotes only (the market poller writes them); refreshes when a commit touches its codes.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.changes import Changes
from desktop.ui.models.quote_model import QuoteModel
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.style import style_banner

NAME = "watchlistPane"
STALE_CHECK_MS = 5000


class WatchlistPane(QWidget, Pane):
    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.bus, self.market, self.settings, self.stock_names = ctx.bus, ctx.market, ctx.settings, ctx.stock_names
        self.lists = QComboBox(self, objectName="watchlistSelect")
        self.lists.currentIndexChanged.connect(lambda _i: self.reload())
        self.link = QToolButton(self, objectName="watchlistLink", checkable=True, checked=True, text=self.tr("联动"))
        self.badge = QLabel(ctx.demo_label, self, objectName="watchlistDemo", visible=bool(ctx.demo_label))
        style_banner(self.badge)
        self.model = QuoteModel(self._colors, self)
        self.table = QTableView(self, objectName="watchlistTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setShowGrid(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.clicked.connect(self._on_selection)   # clicking the selected row again re-publishes it
        # Failed polls commit nothing, so staleness is re-checked on a timer too (one small query)
        self._stale_timer = QTimer(self, interval=STALE_CHECK_MS, timeout=self.reload)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.lists, 1)
        top.addWidget(self.badge)
        top.addWidget(self.link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.bus.data_committed.connect(self._on_committed)
        self.bus.stock_selected.connect(self._on_stock)
        self.bus.market_ready.connect(self.reload)      # the market clock is real now: staleness too
        self._lists: dict = {}

    # -- the pane interface (ui/pane.py) -------------------------------------------------------------------
    def load(self) -> None:
        self._load_lists()
        self._stale_timer.start()

    def apply_settings(self, keys: frozenset[str]) -> None:
        if keys & {"ui.colors", "ui.theme"}:
            self.model.layoutChanged.emit()     # red up / green down (or the reverse), in this theme's shades

    def _colors(self):
        from desktop.ui.style import price_colors

        return price_colors(self.settings["ui.colors"], self.settings["ui.theme"])

    def _load_lists(self) -> None:
        lists = self.market.watchlists()   # [] until the market worker has created the default list
        current = self.lists.currentData()
        self.lists.blockSignals(True)
        self.lists.clear()
        for wl in lists:
            self.lists.addItem(wl.name, wl.id)
        if current is not None and self.lists.findData(current) >= 0:
            self.lists.setCurrentIndex(self.lists.findData(current))
        self.lists.blockSignals(False)
        self._lists = {wl.id: wl for wl in lists}
        self.reload()

    def codes(self) -> list[str]:
        wl = self._lists.get(self.lists.currentData()) if self._lists else None
        return list(wl.codes) if wl else []

    def reload(self) -> None:
        codes = self.codes()
        self.model.set_rows(codes, self.market.quote_rows(codes), self.stock_names)

    def _on_committed(self, changes: Changes) -> None:
        if changes.watchlists or changes.stocks:
            self._load_lists()
        elif changes.quotes & set(self.codes()):
            self.reload()

    def _on_selection(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        code = self.model.code_at(rows[0].row()) if rows else None
        if code:
            self.bus.select_stock(code, NAME)

    def _on_stock(self, code: str, origin: str) -> None:
        if origin == NAME or not self.link.isChecked() or code not in self.model.codes:
            return
        row = self.model.codes.index(code)
        self.table.selectionModel().blockSignals(True)
        self.table.selectRow(row)
        self.table.selectionModel().blockSignals(False)
        self.table.viewport().update()


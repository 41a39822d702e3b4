"""A pane the market issue fills (heatmap, watchlist, chart): a titled placeholder that follows the bus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.pane import Pane, PaneContext
from desktop.ui.widgets.finder_keys import FinderKeys


class PlaceholderPane(QWidget, Pane):
    def __init__(self, ctx: PaneContext, name: str, kind: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        title, note = {
            "heatmap": (self.tr("板块热力图"), self.tr("行业与概念板块涨跌（行情面板）")),
            "chart": (self.tr("K线"), self.tr("日K与分时图（行情面板）")),
        }[kind]
        self.title = title
        self.label = QLabel(self, alignment=Qt.AlignCenter, wordWrap=True)
        self.label.setObjectName(f"{name}Label")
        self.note = note
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        ctx.bus.stock_selected.connect(self._on_stock)
        self._on_stock("", "")
        # a market pane: typing a code or 拼音 initials over it opens the stock finder (the chart follows the bus)
        self.ctx = ctx
        self._finder = None
        self.setFocusPolicy(Qt.StrongFocus)
        self._finder_keys = FinderKeys(self, self.finder)

    def finder(self):
        if self._finder is None:
            from desktop.ui.widgets.stock_finder import StockFinder  # its widgets: on first use

            self._finder = StockFinder(self.ctx, parent=self)
        return self._finder

    def _on_stock(self, code: str, _origin: str) -> None:
        follow = self.tr("当前股票：") + code if code else ""
        self.label.setText(f"<b>{self.title}</b><br><span style='color:gray'>{self.note}</span><br>{follow}")

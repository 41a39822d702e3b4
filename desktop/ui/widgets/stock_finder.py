"""The keyboard stock finder (键盘精灵): type a digit or a letter over a market pane, pick a stock.

As in 同花顺/通达信: the first keystroke opens a small box below the pane with what was typed; it matches codes,
names, former names and 拼音 initials (core.stock_match, ~2 ms a keystroke) and shows code, name and exchange.
Enter selects the stock on the bus (the news follows) and brings its chart to the front; Ctrl+Enter or Insert
adds it to the current watchlist and selects it (when the pane offers one); Esc closes. The indices are found
too (000001 shows 平安银行 and 上证指数, szzs 上证指数), labelled 指数 where a stock shows its exchange; choosing one
selects its key (sh000001, core/indices.py), never the bare digits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.ui.qt_props import props

NAME = "stockFinder"
ROWS = 12


class StockFinder(QFrame):
    def __init__(self, ctx, on_add: Callable[[str], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName(NAME)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.ctx = ctx
        self.on_add = on_add
        self.input = props(QLineEdit(self), objectName="stockFinderInput")
        self.input.setPlaceholderText(self.tr("代码 / 名称 / 拼音首字母"))
        self.list = props(QListWidget(self), objectName="stockFinderList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.input)
        layout.addWidget(self.list)
        self.input.textChanged.connect(self._search)
        self.input.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.choose(add=False))
        self.resize(260, 320)

    def open_with(self, text: str, anchor: QWidget) -> None:
        """Show below `anchor`'s top-left corner with `text` typed."""
        self.move(anchor.mapToGlobal(anchor.rect().topLeft()))
        self.show()
        self.input.setFocus()
        self.input.setText(text)

    def codes(self) -> list[str]:
        """The codes shown, best first (what a test or a user sees)."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _search(self, text: str) -> None:
        self.list.clear()
        if not text.strip():
            return
        for e in self.ctx.market.directory.matcher(indices=True).search(text, ROWS):
            if e.kind == "index":
                from desktop.ui.widgets.index_strip import index_name

                label = self.tr("指数")          # outside the f-string: lupdate reads only plain tr() calls
                item = QListWidgetItem(f"{e.digits}  {index_name(e.code)}  {label}")
            else:
                item = QListWidgetItem(f"{e.code}  {e.name}  {e.exchange}")
            item.setData(Qt.ItemDataRole.UserRole, e.code)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def choose(self, add: bool) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        self.hide()
        if add and self.on_add is not None:
            self.on_add(code)
            self.ctx.bus.select_stock(code, NAME)
        else:
            self.ctx.bus.show_chart(code, NAME)      # Enter: the stock everywhere, its chart in front

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.input and event.type() == QEvent.Type.KeyPress:
            press = cast(QKeyEvent, event)          # a KeyPress's event is a QKeyEvent
            key, mods = press.key(), press.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose(add=bool(mods & Qt.KeyboardModifier.ControlModifier))
                return True
            if key == Qt.Key.Key_Insert:
                self.choose(add=True)
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                steps: dict[int, int] = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: ROWS, Qt.Key.Key_PageUp: -ROWS}
                step = steps[key]                   # (key() is an int; Qt.Key's members are ints too)
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return False

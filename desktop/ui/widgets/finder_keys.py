"""FinderKeys: a digit or a Latin letter typed over a market pane opens the stock finder (键盘精灵).

Apart from the finder itself so that the panes can listen for keys without importing the finder's widgets
before the window's first paint (bench/startup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.ui.widgets.stock_finder import StockFinder


class FinderKeys(QObject):
    """Opens the finder when a digit or a Latin letter is typed over `widget` (no modifier but Shift).
    `finder()` builds it on first use: nothing of it is made before the window's first paint."""

    def __init__(self, widget: QWidget, finder: Callable[[], StockFinder]):
        super().__init__(widget)
        self.widget, self._finder = widget, finder
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            press = cast(QKeyEvent, event)          # both kinds are QKeyEvents
            text = press.text()
            if (len(text) == 1 and text.isascii() and text.isalnum()
                    and not press.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)):
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()          # the key is ours here, not the reader's J/K/S/M shortcuts
                    return True
                self._finder().open_with(text, self.widget)
                return True
        return False

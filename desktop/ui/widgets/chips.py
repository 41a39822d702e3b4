"""Chips: small rounded buttons for themes, stocks and active filters (removable with ×)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

from desktop.ui.plain import plain_tip
from desktop.ui.style import chip_css, restyle_on_theme

CHIP_PAD_Y = 9                # a chip button's height over its text line (measured: 23 px for a 14 px line)


class ChipBar(QWidget):
    clicked = Signal(str, str)    # kind, value
    removed = Signal(str, str)    # kind, value (only for removable chips)
    activated = Signal(str, str)  # kind, value: a double-click, or Enter on a focused chip (a stock: its chart)

    def __init__(self, parent=None, removable: bool = False):
        super().__init__(parent)
        self.removable = removable
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.restyle()
        restyle_on_theme(self)
        # the row's height with or without chips: a chip's (its text line and the style sheet's padding and
        # border, CHIP_PAD_Y); measured from the font, not from a probe button (a style sheet per probe cost
        # ~1 ms of start-up for each of the three chip rows)
        self.setMinimumHeight(self.fontMetrics().height() + CHIP_PAD_Y)

    def restyle(self) -> None:
        """The chips' look, on this widget only (an application style sheet slows every widget down)."""
        self.setStyleSheet(chip_css())

    def set_chips(self, chips: list[tuple[str, str, str]]) -> None:
        """chips: (kind, value, label)."""
        while self._layout.count() > 1:
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget:
                widget.deleteLater()
        for kind, value, label in chips:
            b = QToolButton(self)
            b.setText(f"{label}  ×" if self.removable else label)
            b.setObjectName(f"chip_{kind}_{value}")
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.setToolTip(self.tr("移除此筛选") if self.removable else plain_tip(label))
            if self.removable:
                b.clicked.connect(lambda _=False, k=kind, v=value: self.removed.emit(k, v))
            else:
                b.clicked.connect(lambda _=False, k=kind, v=value: self.clicked.emit(k, v))
                b.setProperty("chip", (kind, value))
                b.installEventFilter(self)
            self._layout.insertWidget(self._layout.count() - 1, b)
        # A filter row keeps its height when empty: appearing and disappearing it moved the list (and the
        # sidebar under the pointer) by a row's height.
        self.setVisible(True)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        chip = obj.property("chip") if isinstance(obj, QToolButton) else None
        if chip:
            kind = event.type()
            if (kind == QEvent.Type.MouseButtonDblClick and event.button() == Qt.MouseButton.LeftButton) or \
                    (kind == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
                self.activated.emit(*chip)
                return True
        return False

    def chip_labels(self) -> list[str]:
        return [_chip(self._layout, i).text() for i in range(self._layout.count() - 1)]


def _chip(layout: QHBoxLayout, i: int) -> QToolButton:
    """The i-th chip (the layout holds the chips, then a stretch)."""
    item = layout.itemAt(i)
    chip = item.widget() if item is not None else None
    assert isinstance(chip, QToolButton)
    return chip

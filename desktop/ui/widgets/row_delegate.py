"""RowDelegate: the cells of a table that selects whole rows, painted as one band.

Fusion draws the current cell of a focused view with a focus frame and a lighter gradient inside it. In a
table whose selection is always a whole row (the watchlist) that showed as a lighter rectangle in one cell of
the selected row — the cell clicked, often 最新价. The current index still moves with the keyboard (↑/↓,
Ctrl+↑/↓); only its frame is not drawn: the selected row itself says where the keyboard is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QStyledItemDelegate

_NO_FOCUS = ~QStyle.StateFlag.State_HasFocus


class RowDelegate(QStyledItemDelegate):
    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.state &= _NO_FOCUS

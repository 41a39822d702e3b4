"""MoverTypesList (`alertMoverTypes`): the 异动 types an alert rule watches, as a checkable list (the alert rule
dialog's row for the kind "mover"; core/alert_movers.py). The polled types first, checked by default: 火箭发射,
高台跳水, 封涨停板, 打开涨停板 (the moves a holder most wants to hear of)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from desktop.core.alert_movers import query_of
from desktop.core.movers import POLLED
from desktop.ui.models.movers_model import type_label

DEFAULT = (8201, 8203, 4, 16)


class MoverTypesList(QListWidget):
    def __init__(self, parent=None):
        super().__init__(parent, objectName="alertMoverTypes")
        for code in POLLED:
            item = QListWidgetItem(type_label(code), self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in DEFAULT else Qt.CheckState.Unchecked)
        self.setMaximumHeight(5 * self.sizeHintForRow(0) + 2 * self.frameWidth() + 4)

    def chosen(self) -> list[int]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, codes) -> None:
        for i in range(self.count()):
            self.item(i).setCheckState(Qt.CheckState.Checked if self.item(i).data(Qt.ItemDataRole.UserRole) in set(codes) else Qt.CheckState.Unchecked)

    def query(self) -> str:
        """The rule's query: the chosen types' names (core/alert_movers.types_of reads them back)."""
        return query_of(self.chosen())

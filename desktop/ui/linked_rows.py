"""A pane's table of stock rows linked to the bus both ways: selecting a row selects its stock everywhere, and a
stock selected elsewhere selects its row (or clears the selection when the table does not hold it), without echoing
back. Shared by the 涨停 and 异动 panes; the pane has `table`, `model` (with `code_at(row)` and `row_of(code)`),
`bus` and `objectName()`."""

from __future__ import annotations

from typing import Any


class LinkedRows:
    table: Any
    model: Any
    bus: Any

    def selected_code(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return (self.model.code_at(rows[0].row()) or "") if rows else ""

    def _on_selection(self, *_args: Any) -> None:
        code = self.selected_code()
        if code and code != self.bus.stock:
            self.bus.select_stock(code, self.objectName())   # type: ignore[attr-defined]  # a QWidget's

    def _on_stock(self, code: str, origin: str) -> None:
        if origin == self.objectName():                       # type: ignore[attr-defined]
            return
        if self.model.row_of(code) >= 0:
            self._select_row(code)
        else:
            self._quietly(self.table.clearSelection)
            self.table.viewport().update()

    def _select_row(self, code: str) -> None:
        row = self.model.row_of(code)
        self._quietly(lambda: self.table.selectRow(row))
        self.table.scrollTo(self.model.index(row, 0))
        self.table.viewport().update()

    def _quietly(self, change: Any) -> None:
        """A selection change the bus asked for: not announced again (no echo)."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        change()
        selection.blockSignals(False)

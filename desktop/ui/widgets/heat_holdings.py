"""只看持仓 for the heatmap (issue 27): a toggle (`heatmapHoldingsOnly`) that limits every view to what is held —
in a stock view (全市场, 自选, 主题, a board drilled into) the held stocks' tiles; in 行业/概念 the boards holding at
least one of them. The held codes are read on the heatmap's task (services/positions_view.held_codes), with the
tiles; a commit that changes the trades (`Changes.positions`) reads them again. Kept with the pane's state
(`heatmap/holdings`). Its own module: the pane only asks it to filter (panes/heatmap_pane.py stays small)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolButton

from desktop.core.changes import Changes
from desktop.ui.qt_props import props

STATE_KEY = "heatmap/holdings"


class HoldingsOnly:
    def __init__(self, pane):
        self.pane = pane
        self.on = False
        self.toggle: QToolButton | None = None
        pane.ctx.bus.data_committed.connect(self._on_committed)

    def button(self) -> QToolButton:
        """The toggle (built with the pane's controls, after the first paint)."""
        if self.toggle is None:
            self.toggle = props(QToolButton(self.pane),
                                objectName="heatmapHoldingsOnly", checkable=True, checked=self.on, text=QCoreApplication.translate("HeatmapPane", "持仓"))
            self.toggle.setToolTip(QCoreApplication.translate("HeatmapPane", "只看持仓：只显示持有的股票（行业、概念：含持仓股的板块）"))
            self.toggle.toggled.connect(self.set)
        return self.toggle

    def set(self, on: bool) -> None:
        """Holdings only, or everything (also what `heatmapHoldingsOnly` does)."""
        on = bool(on)
        if self.toggle is not None and self.toggle.isChecked() != on:
            self.toggle.setChecked(on)              # comes back here through toggled
            return
        if on != self.on:
            self.on = on
            self.pane.reload()

    def save(self, state) -> None:
        state.setValue(STATE_KEY, "1" if self.on else "0")

    def restore(self, state) -> None:
        self.on = state.value(STATE_KEY) == "1"

    def _on_committed(self, changes: Changes) -> None:
        if self.on and changes.positions and self.pane.view is not None:
            self.pane.reload()

    def filter(self, market) -> Callable[[list, dict], list]:
        """For the pane's task: tiles → the tiles to show (all of them when the toggle is off)."""
        if not self.on:
            return lambda tiles, _members: tiles

        def keep(tiles: list, members: dict[str, list[str]]) -> list:
            from desktop.services.positions_view import held_codes

            held = held_codes(market.db_path)
            return [t for t in tiles if (t.key in held if t.kind == "stock" else held & set(members.get(t.key, ())))]

        return keep

    @staticmethod
    def empty_text() -> str:
        return QCoreApplication.translate("HeatmapPane", "这里没有持仓股票。\n在“持仓”中记下买入，或关闭“持仓”按钮显示全部")

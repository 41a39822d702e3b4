"""The heatmap's 涨停 colour mode (issue 26: "the heatmap can colour by 涨停 status"): "涨停" in the colour box
(`heatmapScale`, beside ±3/5/10 %) paints the stocks of the newest stored pools — 涨停 in the rise colour, 跌停 in
the fall colour (red/green as the setting says), 炸板 amber — and every other tile neutral grey, so a day's
limit-ups stand out on the 全市场 map or inside a board. The statuses are read on a task (services/limit_view
.statuses) when the mode is chosen and again when a commit stores a pool; the tooltip names the pool and day.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from desktop.core.heat_colors import DEEP, NEUTRAL
from desktop.ui.i18n import QT_TRANSLATE_NOOP

LIMIT_MODE = "limit"
AMBER = "#f08c00"           # 炸板: touched the limit and opened — neither the rise nor the fall colour
LABELS = {"zt": QT_TRANSLATE_NOOP("HeatLimits", "涨停"), "zb": QT_TRANSLATE_NOOP("HeatLimits", "炸板"),
          "dt": QT_TRANSLATE_NOOP("HeatLimits", "跌停")}


def label(kind: str) -> str:
    return QCoreApplication.translate("HeatLimits", LABELS[kind])


def limit_colors(red_up: bool, theme: str) -> dict[str, str]:
    """Pool → fill ("" the rest): the deep ends of the heatmap's own scale, so the mode reads like the map."""
    deep = DEEP.get(theme, DEEP["light"])
    up, down = (deep["red"], deep["green"]) if red_up else (deep["green"], deep["red"])
    return {"zt": up, "dt": down, "zb": AMBER, "": NEUTRAL.get(theme, NEUTRAL["light"])}


class HeatLimits(QObject):
    """Attached to a HeatmapPane once its view is built: the mode's state, its reads and its tooltip line."""

    def __init__(self, pane):
        super().__init__(pane)
        self.pane, self.on, self.day = pane, False, ""
        inner = pane.view.tooltip_for
        pane.view.tooltip_for = lambda t: self.tip(inner(t) if inner else "", t)
        pane.ctx.bus.data_committed.connect(self._on_committed)

    @staticmethod
    def item() -> tuple[str, str]:
        """The colour box's entry (data, text)."""
        return LIMIT_MODE, label("zt")

    def apply(self, red_up: bool, theme: str) -> None:
        """The mode on or off in the view and the legend, with the colour setting; on: read the pools."""
        view = self.pane.view
        colors = limit_colors(red_up, theme) if self.on else None
        view.set_limits(colors, view.limit_status)
        self.pane.legend.set_limits(colors and {label(k): colors[k] for k in ("zt", "zb", "dt")})
        if self.on:
            self.read()

    def read(self) -> None:
        from desktop.services import limit_view

        db = self.pane.ctx.market.db_path
        self.pane.tasks.run("limits", lambda _t: limit_view.statuses(db), self._shown)

    def _shown(self, result, error) -> None:
        view = self.pane.view
        if error is not None or not self.on or view is None:
            return
        self.day, status = result
        view.set_limits(view.limit_colors, status)

    def _on_committed(self, changes) -> None:
        if self.on and changes.limit_pools:
            self.read()

    def tip(self, text: str, tile) -> str:
        """The tile's tooltip with "涨停池 2026-11-20" added in the mode (the rest is the pane's plain_tip)."""
        kind = self.pane.view.limit_status.get(tile.key) if self.on else None
        if not kind or not text.endswith("</p>"):
            return text
        import html

        line = self.tr("%1池 %2").replace("%1", label(kind)).replace("%2", self.day)
        return text[:-4] + "\n" + html.escape(line, quote=False) + "</p>"

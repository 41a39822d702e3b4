"""HeatLegend (`heatmapLegend`): the heatmap's colour scale, −clamp … 0 … +clamp, in the current convention."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.heat_colors import STEPS, palette, text_color


class HeatLegend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("heatmapLegend")
        self.clamp = 3.0
        self.colors = palette(True, "light")
        self.limits: dict[str, str] | None = None     # the 涨停 mode: label → colour (widgets/heat_limits.py)
        self.setFixedHeight(22)
        self.setMinimumWidth(96)              # a narrow dock: the scale shrinks before the toolbar overflows
        self.setMaximumWidth(150)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(150, 22)

    def set_scale(self, clamp: float, red_up: bool, theme: str) -> None:
        self.clamp, self.colors = clamp, palette(red_up, theme)
        self.setToolTip(self.tr("颜色：涨跌幅，±%1% 封顶").replace("%1", f"{clamp:.0f}"))
        self.update()

    def set_limits(self, limits: dict[str, str] | None) -> None:
        """The 涨停 mode's three swatches (涨停, 炸板, 跌停) instead of the scale; None: the scale again."""
        self.limits = limits
        if limits:
            self.setToolTip(self.tr("颜色：涨停池、炸板池、跌停池中的股票，其余为灰色"))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        if self.limits:
            w = (self.width() - 2) / len(self.limits)
            for i, (text, colour) in enumerate(self.limits.items()):
                box = QRectF(1 + i * w, 1, w - 1, self.height() - 2)
                p.fillRect(box, QColor(colour))
                p.setPen(QColor(text_color(colour)))
                p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
            p.end()
            return
        w = (self.width() - 2) / (2 * STEPS + 1)
        p.setPen(Qt.PenStyle.NoPen)
        for i, step in enumerate(range(-STEPS, STEPS + 1)):
            p.setBrush(QColor(self.colors[step]))
            p.drawRect(QRectF(1 + i * w, 1, w + 0.5, self.height() - 2))
        p.setPen(QColor("#ffffff"))
        box = QRectF(3, 1, self.width() - 6, self.height() - 2)
        p.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), f"-{self.clamp:.0f}%")
        p.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), "0")
        p.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"+{self.clamp:.0f}%")
        p.end()

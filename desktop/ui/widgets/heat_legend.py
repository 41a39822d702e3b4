"""HeatLegend (`heatmapLegend`): the heatmap's colour scale, −clamp … 0 … +clamp, in the current convention."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.heat_colors import STEPS, palette


class HeatLegend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("heatmapLegend")
        self.clamp = 3.0
        self.colors = palette(True, "light")
        self.setFixedHeight(22)
        self.setMinimumWidth(96)              # a narrow dock: the scale shrinks before the toolbar overflows
        self.setMaximumWidth(150)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(150, 22)

    def set_scale(self, clamp: float, red_up: bool, theme: str) -> None:
        self.clamp, self.colors = clamp, palette(red_up, theme)
        self.setToolTip(self.tr("颜色：涨跌幅，±%1% 封顶").replace("%1", f"{clamp:.0f}"))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        w = (self.width() - 2) / (2 * STEPS + 1)
        p.setPen(Qt.NoPen)
        for i, step in enumerate(range(-STEPS, STEPS + 1)):
            p.setBrush(QColor(self.colors[step]))
            p.drawRect(QRectF(1 + i * w, 1, w + 0.5, self.height() - 2))
        p.setPen(QColor("#ffffff"))
        box = QRectF(3, 1, self.width() - 6, self.height() - 2)
        p.drawText(box, int(Qt.AlignLeft | Qt.AlignVCenter), f"-{self.clamp:.0f}%")
        p.drawText(box, int(Qt.AlignHCenter | Qt.AlignVCenter), "0")
        p.drawText(box, int(Qt.AlignRight | Qt.AlignVCenter), f"+{self.clamp:.0f}%")
        p.end()

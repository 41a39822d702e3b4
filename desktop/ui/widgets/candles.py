"""CandleItem: every daily candle as one pyqtgraph item, drawn from a cached QPicture.

One item, not one per candle: 2,500 PlotDataItems cost pyqtgraph a scene item each (bench/chart.py compares).
The picture is rebuilt only when the bars or the colours change; panning and zooming repaint it as is.
Imported only when the chart is first shown (pyqtgraph is not loaded before that).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QPicture


class CandleItem(pg.GraphicsObject):
    def __init__(self, up: str, down: str):
        super().__init__()
        self.up, self.down = up, down
        self.bars: list = []
        self.picture = QPicture()
        self._bounds = QRectF()

    def set_bars(self, bars: list) -> None:
        """`bars`: Bar objects in time order; x is the bar's index (trading days have no gaps on the axis)."""
        self.prepareGeometryChange()
        self.bars = bars
        self._render()
        self.update()

    def set_colors(self, up: str, down: str) -> None:
        self.up, self.down = up, down
        self._render()
        self.update()

    def _render(self) -> None:
        pic = QPicture()
        p = QPainter(pic)
        w = 0.34
        up, down = QColor(self.up), QColor(self.down)
        for i, b in enumerate(self.bars):
            rising = b.close >= b.open
            color = up if rising else down
            pen = QPen(color)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawLine(QPointF(i, b.low), QPointF(i, b.high))
            if rising:      # hollow rising candles, filled falling ones: the Chinese terminals' convention
                p.setBrush(QColor(0, 0, 0, 0))
            else:
                p.setBrush(color)
            top, bottom = max(b.open, b.close), min(b.open, b.close)
            p.drawRect(QRectF(i - w, bottom, 2 * w, max(top - bottom, 1e-6)))
        p.end()
        self.picture = pic
        if self.bars:
            lo = min(b.low for b in self.bars)
            hi = max(b.high for b in self.bars)
            self._bounds = QRectF(-1, lo, len(self.bars) + 1, hi - lo)
        else:
            self._bounds = QRectF()

    def paint(self, p, *_args) -> None:
        p.drawPicture(0, 0, self.picture)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

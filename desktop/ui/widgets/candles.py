"""CandleItem and VolumeItem: every daily candle (and every volume bar) as one pyqtgraph item, drawn from a
cached QPicture.

One item, not one per candle: 2,500 PlotDataItems cost pyqtgraph a scene item each, and even BarGraphItem makes a
pen and a brush per bar (bench/chart.py compares). Each picture is recorded batched by colour — a handful of
draw calls however many bars — and rebuilt only when the bars or the colours change; panning and zooming replay
it as is. Zoomed out past ~2 px a bar, bodies are sub-pixel: a second picture of plain high–low lines (as the
terminals draw a compressed K-line) halves the frame. Imported only when the chart is first shown (pyqtgraph is not loaded before that).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QPicture

HALF_WIDTH = 0.34                 # of a candle body or a volume bar, in bars (x is the bar's index)
MIN_PX = 2.0                      # narrower than this on screen, a body or bar is drawn as a line


class _PictureItem(pg.GraphicsObject):
    def __init__(self, up: str, down: str):
        super().__init__()
        self.up, self.down = up, down
        self.bars: list = []
        self.xs: list[float] | None = None
        self.picture = QPicture()
        self.compact = QPicture()              # one vertical line a bar: for when a bar is narrower than MIN_PX
        self._bounds = QRectF()

    def set_bars(self, bars: list, xs: list[float] | None = None) -> None:
        """`bars`: Bar objects in time order; x is the bar's index (trading days have no gaps on the axis), or
        `xs[i]` when given (the intraday chart's minute slots)."""
        self.prepareGeometryChange()
        self.bars = bars
        self.xs = xs
        self._record()
        self.update()

    def set_colors(self, up: str, down: str) -> None:
        self.up, self.down = up, down
        self._record()
        self.update()

    def _record(self) -> None:
        self.picture, self.compact = QPicture(), QPicture()
        full, compact = QPainter(self.picture), QPainter(self.compact)
        for rising, color in ((True, QColor(self.up)), (False, QColor(self.down))):
            pen = QPen(color)
            pen.setCosmetic(True)
            xs = self.xs or range(len(self.bars))
            bars = [(x, b) for x, b in zip(xs, self.bars, strict=True) if (b.close >= b.open) == rising]
            for p in (full, compact):
                p.setPen(pen)
            self._draw(full, bars, rising, color)
            if bars:
                compact.drawLines([QLineF(i, lo, i, hi) for i, lo, hi in self._span(bars)])
        full.end()
        compact.end()
        self._bounds = self._extent() if self.bars else QRectF()

    def paint(self, p, *_args) -> None:
        per_pixel = self.pixelWidth()          # view units (bars) per device pixel; 0 before the item is shown
        narrow = per_pixel > 0 and 2 * HALF_WIDTH / per_pixel < MIN_PX
        p.drawPicture(0, 0, self.compact if narrow else self.picture)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds


class CandleItem(_PictureItem):
    def _draw(self, p: QPainter, bars: list, rising: bool, color: QColor) -> None:
        wicks, bodies = [], []
        for i, b in bars:
            top, bottom = max(b.open, b.close), min(b.open, b.close)
            wicks.append(QLineF(i, b.low, i, bottom))       # the wick stops at the body (hollow candles)
            wicks.append(QLineF(i, top, i, b.high))
            bodies.append(QRectF(i - HALF_WIDTH, bottom, 2 * HALF_WIDTH, max(top - bottom, 1e-6)))
        # hollow rising candles, filled falling ones: the Chinese terminals' convention
        p.setBrush(QColor(0, 0, 0, 0) if rising else color)
        if bodies:
            p.drawLines(wicks)
            p.drawRects(bodies)

    @staticmethod
    def _span(bars: list) -> list:
        return [(i, b.low, b.high) for i, b in bars]

    def _extent(self) -> QRectF:
        lo = min(b.low for b in self.bars)
        hi = max(b.high for b in self.bars)
        return QRectF(-1, lo, len(self.bars) + 1, hi - lo)


class VolumeItem(_PictureItem):
    def _draw(self, p: QPainter, bars: list, rising: bool, color: QColor) -> None:
        p.setBrush(color)
        if bars:
            p.drawRects([QRectF(i - HALF_WIDTH, 0, 2 * HALF_WIDTH, b.volume) for i, b in bars])

    @staticmethod
    def _span(bars: list) -> list:
        return [(i, 0.0, b.volume) for i, b in bars]

    def _extent(self) -> QRectF:
        right = (self.xs[-1] if self.xs else len(self.bars)) + 1
        return QRectF(-1, 0, right + 1, max(b.volume for b in self.bars) or 1)

"""NewsStrip (`chartNewsStrip`): linked-article counts per bar under the K-line, x linked to the price plot.

A widget of its own (not a row of the chart's layout) so tests and users find it by objectName. Each bar with
news shows a column as tall as its count, its 公告 (company announcements) at the foot in their own colour; a click on one emits `bar_clicked(index)` — the pane selects that bar's
newest article. `x_of(index)` is where bar `index` sits (the same x as the candles).
The mouse resting on a bar with news shows its headlines (the strip answers the viewport's tooltip event itself:
the graphics scene would otherwise answer it, and hide any tooltip, as no item of it has one); titles are outside
text, so a tooltip that Qt would take for rich text is escaped and shown literally.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPicture

from desktop.ui.widgets.candles import HALF_WIDTH

NAME = "chartNewsStrip"
HEIGHT = 56


NOTICE_COLOR = "#7048e8"   # 公告: their own colour, apart from news (and from red/green)


class _Counts(pg.GraphicsObject):
    def __init__(self, color: str):
        super().__init__()
        self.color = color
        self.picture = QPicture()
        self._bounds = QRectF()

    def set_counts(self, counts: dict[int, int], n_bars: int, notices: dict[int, int] | None = None) -> None:
        self.prepareGeometryChange()
        self.picture = QPicture()
        p = QPainter(self.picture)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(self.color))
        if counts:
            p.drawRects([QRectF(i - HALF_WIDTH, 0, 2 * HALF_WIDTH, c) for i, c in counts.items()])
        if notices:       # the bar's 公告, at its foot in their own colour
            p.setBrush(QColor(NOTICE_COLOR))
            p.drawRects([QRectF(i - HALF_WIDTH, 0, 2 * HALF_WIDTH, c) for i, c in notices.items()])
        p.end()
        self._bounds = QRectF(-1, 0, n_bars + 1, max(counts.values(), default=0) or 1)
        self.update()

    def paint(self, p, *_args) -> None:
        p.drawPicture(0, 0, self.picture)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds


class NewsStrip(pg.PlotWidget):
    bar_clicked = Signal(int)
    bar_hovered = Signal(int)       # the x under the mouse with news there (-1: none); the pane lists headlines

    def __init__(self, color: str, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.setBackground(None)
        self.setFixedHeight(HEIGHT)
        self.setMenuEnabled(False)
        plot = self.getPlotItem()
        plot.hideButtons()                           # pyqtgraph's "A" (auto-range) button
        plot.hideAxis("bottom")
        plot.getAxis("left").setWidth(56)
        plot.getAxis("left").setTicks([[]])          # no ticks: a column's height is its count
        # a rotated axis label clips CJK at this height: the strip says what it is in its tooltip
        self.setToolTip(QCoreApplication.translate("NewsStrip", "资讯：每根K线提到该股的文章数，点击打开最新一篇"))
        plot.getViewBox().setMouseEnabled(x=True, y=False)
        self.items = _Counts(color)
        plot.addItem(self.items)
        self.counts: dict[int, int] = {}
        self.notices: dict[int, int] = {}
        self.n_bars = 0
        self.help = self.toolTip()
        self._hovered = -1
        self.article_line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
        plot.addItem(self.article_line, ignoreBounds=True)
        self.article_line.hide()
        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._moved)
        self.viewport().installEventFilter(self)

    def changeEvent(self, event) -> None:  # noqa: N802
        """A live theme switch: the cached (transparent) background is painted again in the new palette."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.resetCachedContent()
            self.viewport().update()
        super().changeEvent(event)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """The mouse resting over the strip: the hovered bar's headlines (or the help), while it stays on that bar."""
        if obj is self.viewport() and event.type() == QEvent.Type.ToolTip:
            from PySide6.QtWidgets import QToolTip

            x = self._x_at(event.pos())
            self.hover_bar(x)
            index = x if x in self.counts else -1
            tip = self.toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport(), self._bar_rect(index))
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(obj, event)

    def _x_at(self, viewport_pos) -> int:
        scene = self.mapToScene(viewport_pos)
        return int(round(self.getPlotItem().getViewBox().mapSceneToView(scene).x()))

    def _bar_rect(self, index: int) -> QRect:
        """Bar `index`'s column on the viewport (the tooltip goes when the mouse leaves it); the help: anywhere."""
        if index < 0:
            return QRect()
        vb = self.getPlotItem().getViewBox()
        left = self.mapFromScene(vb.mapViewToScene(QPointF(index - 0.5, 0))).x()
        right = self.mapFromScene(vb.mapViewToScene(QPointF(index + 0.5, 0))).x()
        return QRect(min(left, right), 0, max(1, abs(right - left)), self.viewport().height())

    def link_to(self, plot, axis_width: int = 56) -> None:
        """x follows `plot` (the chart's price plot), whose left axis is `axis_width` wide: the bars line up."""
        self.getPlotItem().getAxis("left").setWidth(axis_width)
        self.getPlotItem().setXLink(plot)

    def set_counts(self, counts: dict[int, int], n_bars: int, notices: dict[int, int] | None = None) -> None:
        """`counts`: linked articles per x; `notices`: how many of them are 公告 (drawn in their own colour)."""
        self.counts, self.n_bars, self.notices = counts, n_bars, dict(notices or {})
        self.items.set_counts(counts, n_bars, self.notices)
        self.getPlotItem().setYRange(0, max(counts.values(), default=0) or 1, padding=0.1)

    def x_of(self, index: int) -> float:
        return float(index)

    def click_bar(self, index: int) -> None:
        """What a click on bar `index` does (also for tests and keyboard use)."""
        if index in self.counts:
            self.bar_clicked.emit(index)

    def mark_article(self, x: float | None) -> None:
        self.article_line.setVisible(x is not None)
        if x is not None:
            self.article_line.setPos(x)

    def hover_bar(self, index: int) -> None:
        """What the mouse over bar `index` does (also for tests): the pane is asked for its headlines."""
        index = index if index in self.counts else -1
        if index != self._hovered:
            self._hovered = index
            self.bar_hovered.emit(index)

    def show_headlines(self, text: str) -> None:
        """The hovered bar's headlines as the strip's tooltip (the help text again when off a bar). Headlines are
        plain text: one Qt would render as rich text (a title starting with a tag) is escaped."""
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        if text and QtGui.Qt.mightBeRichText(text):
            from desktop.ui.plain import plain_tip

            text = plain_tip(text)
        self.setToolTip(text or self.help)
        if text and self.underMouse():
            QToolTip.showText(QCursor.pos(), text, self.viewport(), self._bar_rect(self._hovered))

    def _moved(self, pos) -> None:
        self.hover_bar(int(round(self.getPlotItem().getViewBox().mapSceneToView(pos).x())))

    def _clicked(self, event) -> None:
        x = self.getPlotItem().getViewBox().mapSceneToView(event.scenePos()).x()
        self.click_bar(int(round(x)))

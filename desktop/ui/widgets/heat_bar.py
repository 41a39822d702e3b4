"""The heatmap's toolbar: where the map is (`heatmapBack`, `heatmapBreadcrumb` "行业 › 光伏设备") and what it shows
(`heatmapSummary` "66 个 · 涨 36 跌 30 · 14:40"), beside the controls (view, theme, area, scale, legend, link).

One row when everything fits at its natural width; otherwise the breadcrumb and the summary take a second row of
their own under the controls — never squeezed to a character, never painted over a control (issue 22: at 1024 px
the summary was cut to "6" over the area box and the breadcrumb never named the board). The row they are in never
sets the dock's minimum width (a long English summary once pushed the reader to a third of the window): the
summary elides ("…", the whole text in its tooltip) if even its own row is too narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props

SEPARATOR = " › "


class Breadcrumb(QLabel):
    """ "行业 › 光伏设备": plain text (a board's name is shown as written); the root, drawn as a link, goes back
    (`linkActivated("back")`). `text()` is what it reads."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="heatmapBreadcrumb", textFormat=Qt.TextFormat.PlainText)
        self.root, self.name = "", ""
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_path(self, root: str, name: str = "") -> None:
        self.root, self.name = root, name
        self.setText(f"{root}{SEPARATOR}{name}" if name else root)
        self.setToolTip(plain_tip(self.tr("返回%1").replace("%1", root)) if name else "")

    def _root_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(self.root)

    def _on_root(self, x: float) -> bool:
        left = self.contentsRect().left()
        return bool(self.name) and left <= x <= left + self._root_width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(min(24, super().minimumSizeHint().width()), super().minimumSizeHint().height())

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.name:
            super().paintEvent(event)
            return
        p = QPainter(self)
        r = self.contentsRect()
        link = QFont(self.font())
        link.setUnderline(True)
        p.setFont(link)
        p.setPen(self.palette().color(QPalette.ColorRole.Link))
        p.drawText(r, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self.root)
        x = self._root_width()
        p.setFont(self.font())
        p.setPen(self.palette().color(self.foregroundRole()))
        rest = self.fontMetrics().elidedText(SEPARATOR + self.name, Qt.TextElideMode.ElideRight, max(0, r.width() - x))
        p.drawText(r.adjusted(x, 0, 0, 0), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), rest)
        p.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        self.setCursor(Qt.CursorShape.PointingHandCursor if self._on_root(event.position().x()) else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._on_root(event.position().x()):
            self.linkActivated.emit("back")
            event.accept()
            return
        super().mousePressEvent(event)


class ElidedLabel(QLabel):
    """Plain text that elides at the right when cut ("…"; the whole text in its tooltip); asks for its text's
    width, but never makes its row wider than the room there is."""

    def __init__(self, parent=None, **kw):
        super().__init__(parent, textFormat=Qt.TextFormat.PlainText, **kw)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(24, super().minimumSizeHint().height())

    def elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self._tip()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._tip()

    def _tip(self) -> None:
        self.setToolTip(plain_tip(self.text()) if self.elided() else "")   # a board's name

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setPen(self.palette().color(self.foregroundRole()))
        r = self.contentsRect()
        p.drawText(r, int(self.alignment()), self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, r.width()))
        p.end()


class HeatBar:
    """Lays the toolbar out in one, two or three rows. `left`, `right`: the control groups of the first row;
    `place` and `summary`: the breadcrumb group and the summary, which go into the first row only when everything
    fits. When even the controls do not fit in one row (a narrow dock, English labels), the right group (area,
    scale, legend, 联动) moves down beside the breadcrumb: the controls never set a minimum width wider than their
    larger group (the 只看持仓 button once widened the heatmap's dock, and with it the whole right column)."""

    ONE, TWO, THREE = "one", "two", "three"

    def __init__(self, pane: QWidget, outer: QBoxLayout, left: list[QWidget], right: list[QWidget],
                 place: list[QWidget], summary: QWidget):
        self.pane, self.outer = pane, outer
        self.left, self.right, self.place_widgets, self.summary = left, right, place, summary
        self.where = props(QWidget(pane), objectName="heatmapWhere")
        where = QHBoxLayout(self.where)
        where.setContentsMargins(0, 0, 0, 0)
        for w in place:
            w.setParent(self.where)
            where.addWidget(w)
        where.addStretch(1)
        summary.setParent(self.where)
        where.addWidget(summary)
        self.top = QHBoxLayout()
        self.top.setContentsMargins(4, 4, 4, 0)
        self.second = QHBoxLayout()
        self.second.setContentsMargins(6, 0, 4, 0)
        self.third = QHBoxLayout()
        self.third.setContentsMargins(6, 0, 4, 0)
        outer.insertLayout(0, self.top)
        outer.insertLayout(1, self.second)
        outer.insertLayout(2, self.third)
        self.mode = ""
        self._lay_out(self.ONE)

    @property
    def one_row(self) -> bool:
        return self.mode == self.ONE

    @staticmethod
    def _natural(widgets, spacing: int) -> int:
        shown = [w for w in widgets if not w.isHidden()]
        return sum(w.sizeHint().width() for w in shown) + spacing * max(0, len(shown) - 1)

    @staticmethod
    def _least(widgets, spacing: int) -> int:
        shown = [w for w in widgets if not w.isHidden()]
        # as a layout reads a widget's least width: its minimum hint if its policy lets it shrink, else its hint
        def least(w: QWidget) -> int:
            if w.minimumWidth() > 0:
                return w.minimumWidth()
            can_shrink = bool(w.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ShrinkFlag.value)
            return (w.minimumSizeHint() if can_shrink else w.sizeHint()).width()

        return sum(least(w) for w in shown) + spacing * max(0, len(shown) - 1)

    def arrange(self) -> None:
        """One row if the controls and the breadcrumb and summary all fit at their natural width; else the
        breadcrumb and summary on a row of their own; else the right controls on a row of their own too."""
        where = self.where.layout()
        assert where is not None                           # made with the bar
        outer, inner = max(self.top.spacing(), 6), max(where.spacing(), 6)
        margins = self.top.contentsMargins()
        controls = self._natural(self.left + self.right, outer) + 2 * outer + margins.left() + margins.right()
        need = controls + self._natural(self.place_widgets + [self.summary], inner) + inner
        width = self.pane.width()
        self._lay_out(self.ONE if width >= need else self.TWO if width >= controls else self.THREE)
        # The pane may be as narrow as the three-row layout allows, whichever layout it has now: the layout's own
        # minimum (its current rows) would keep a dock from ever being narrowed into the three-row layout.
        least = max(self._least(self.left, outer), self._least(self.right, outer) + outer)
        self.pane.setMinimumWidth(least + margins.left() + margins.right())

    def _lay_out(self, mode: str) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        for row in (self.top, self.second, self.third):
            while row.count():
                row.takeAt(0)                # widgets stay the pane's; only the layout items go
        for w in self.left:
            self.top.addWidget(w)
        if mode == self.ONE:
            self.top.addWidget(self.where, 1)
        else:
            self.top.addStretch(1)
            self.second.addWidget(self.where, 1)
        rights = self.top if mode != self.THREE else self.third
        if mode == self.THREE:
            self.third.addStretch(1)
        for w in self.right:
            rights.addWidget(w)
        self.outer.activate()                # now, not at the next event: this runs inside the pane's resize

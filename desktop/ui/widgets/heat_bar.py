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

SEPARATOR = " › "


class Breadcrumb(QLabel):
    """ "行业 › 光伏设备": plain text (a board's name is shown as written); the root, drawn as a link, goes back
    (`linkActivated("back")`). `text()` is what it reads."""

    def __init__(self, parent=None):
        super().__init__(parent, objectName="heatmapBreadcrumb", textFormat=Qt.PlainText)
        self.root, self.name = "", ""
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)

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
        p.setPen(self.palette().color(QPalette.Link))
        p.drawText(r, int(Qt.AlignLeft | Qt.AlignVCenter), self.root)
        x = self._root_width()
        p.setFont(self.font())
        p.setPen(self.palette().color(self.foregroundRole()))
        rest = self.fontMetrics().elidedText(SEPARATOR + self.name, Qt.ElideRight, max(0, r.width() - x))
        p.drawText(r.adjusted(x, 0, 0, 0), int(Qt.AlignLeft | Qt.AlignVCenter), rest)
        p.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        self.setCursor(Qt.PointingHandCursor if self._on_root(event.position().x()) else Qt.ArrowCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton and self._on_root(event.position().x()):
            self.linkActivated.emit("back")
            event.accept()
            return
        super().mousePressEvent(event)


class ElidedLabel(QLabel):
    """Plain text that elides at the right when cut ("…"; the whole text in its tooltip); asks for its text's
    width, but never makes its row wider than the room there is."""

    def __init__(self, parent=None, **kw):
        super().__init__(parent, textFormat=Qt.PlainText, **kw)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)

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
        p.drawText(r, int(self.alignment()), self.fontMetrics().elidedText(self.text(), Qt.ElideRight, r.width()))
        p.end()


class HeatBar:
    """Lays the toolbar out in one row or two. `controls`: the left and right control groups of the first row;
    `where`: the breadcrumb group and the summary, which go into the first row only when everything fits."""

    def __init__(self, pane: QWidget, outer: QBoxLayout, left: list[QWidget], right: list[QWidget],
                 place: list[QWidget], summary: QWidget):
        self.pane, self.outer = pane, outer
        self.left, self.right, self.place_widgets, self.summary = left, right, place, summary
        self.where = QWidget(pane, objectName="heatmapWhere")
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
        for w in left:
            self.top.addWidget(w)
        self.top.addWidget(self.where, 1)
        for w in right:
            self.top.addWidget(w)
        self.second = QHBoxLayout()
        self.second.setContentsMargins(6, 0, 4, 0)
        outer.insertLayout(0, self.top)
        outer.insertLayout(1, self.second)
        self.one_row = True

    @staticmethod
    def _natural(widgets, spacing: int) -> int:
        shown = [w for w in widgets if not w.isHidden()]
        return sum(w.sizeHint().width() for w in shown) + spacing * max(0, len(shown) - 1)

    def arrange(self) -> None:
        """One row if the controls and the breadcrumb and summary all fit at their natural width, else two."""
        outer, inner = max(self.top.spacing(), 6), max(self.where.layout().spacing(), 6)
        margins = self.top.contentsMargins()
        need = (self._natural(self.left + self.right, outer) + 2 * outer + margins.left() + margins.right()
                + self._natural(self.place_widgets + [self.summary], inner) + inner)
        one_row = self.pane.width() >= need
        if one_row == self.one_row:
            return
        self.one_row = one_row
        slot = len(self.left)
        self.top.takeAt(slot)                # the breadcrumb-and-summary group, or the stretch standing in for it
        if one_row:
            self.second.removeWidget(self.where)
            self.top.insertWidget(slot, self.where, 1)
        else:
            self.top.insertStretch(slot, 1)
            self.second.addWidget(self.where)
        self.outer.activate()                # now, not at the next event: this runs inside the pane's resize

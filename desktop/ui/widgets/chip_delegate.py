"""ChipDelegate: paints every cell of the news list — text columns and chip columns (themes, stocks); a click
on a chip selects it.

One delegate for all columns because painting is dominated by calls from C++ into Python, each of which must
take the GIL from busy background threads: with the stock item painting a frame made ~600 such calls (the
view asks 7 roles per cell); here it is one call per cell, which reads one cached tuple per row.

The model answers CHIPS_ROLE with [(kind, value, label), …]; the delegate lays the chips out left to right
(the same layout for painting and for hit-testing) and emits `chip_clicked(kind, value)`. Each distinct chip
is rendered once into a cached pixmap: a cell then costs one drawPixmap per chip, which keeps repaints cheap
while articles stream in (bench/ui.py: painting the chips with QPainter calls per cell cost ~20 ms a frame).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate

CHIPS_ROLE = Qt.ItemDataRole.UserRole + 7
PAINT_ROLE = Qt.ItemDataRole.UserRole + 8      # (texts per column, read, (theme chips, stock chips)) for one row
CHIP_COLUMNS = (3, 4)
PAD_X, GAP, MARGIN = 6, 4, 3



def _state_selected():
    """QStyle's Python type costs ~4 ms to create (its enums): not before the window's first paint."""
    from PySide6.QtWidgets import QStyle

    return QStyle.StateFlag.State_Selected


class ChipDelegate(QStyledItemDelegate):
    chip_clicked = Signal(str, str)
    chip_activated = Signal(str, str)      # a double-click on a chip

    def __init__(self, colors, parent=None):
        super().__init__(parent)
        self.colors = colors          # callable → {"chip": "#…", "chip_text": "#…"}
        self._font_key = None
        self._fm: QFontMetrics | None = None
        self._height = 0
        self._widths: dict[str, int] = {}
        self._pixmaps: dict[tuple, QPixmap] = {}
        self.terms: tuple[str, ...] = ()       # the search's words: marked in the titles (column 2)
        self.mark = "#ffe08a"                   # their background (the pane sets it per light/dark)

    def _metrics(self, font) -> None:
        key = font.key()
        if key != self._font_key:
            self._font_key, self._fm = key, QFontMetrics(font)
            self._height = self._fm.height() + 4
            self._widths.clear()
            self._pixmaps.clear()

    def _layout(self, option, chips) -> list[tuple[QRect, tuple[str, str, str]]]:
        self._metrics(option.font)
        assert self._fm is not None             # _metrics made it
        r = option.rect
        h = min(r.height() - 2 * MARGIN, self._height)
        y = r.top() + (r.height() - h) // 2
        x = r.left() + MARGIN
        out = []
        for chip in chips:
            w = self._widths.get(chip[2])
            if w is None:
                w = self._widths[chip[2]] = self._fm.horizontalAdvance(chip[2]) + 2 * PAD_X
            if x + w > r.right() - MARGIN:
                break                 # no room: the tooltip lists everything
            out.append((QRect(x, y, w, h), chip))
            x += w + GAP
        return out

    def _pixmap(self, label: str, size, selected: bool, option) -> QPixmap:
        c = self.colors()
        text = option.palette.highlightedText().color().name() if selected else c["chip_text"]
        key = (label, size.width(), size.height(), selected, c["chip"], c["border"], text)
        pm = self._pixmaps.get(key)
        if pm is None:
            if len(self._pixmaps) > 2000:
                self._pixmaps.clear()
            dpr = option.widget.devicePixelRatioF() if option.widget else 1.0
            pm = QPixmap(size * dpr)
            pm.setDevicePixelRatio(dpr)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            # an outline: the chip's fill is close to the alternate rows' colour, where it vanished
            p.setPen(Qt.PenStyle.NoPen if selected else QColor(c["border"]))
            p.setBrush(QColor(255, 255, 255, 60) if selected else QColor(c["chip"]))
            rect = QRect(0, 0, size.width(), size.height())
            p.drawRoundedRect(rect.adjusted(0, 0, -1, -1), size.height() / 2, size.height() / 2)
            p.setPen(QColor(text))
            p.setFont(option.font)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            p.end()
            self._pixmaps[key] = pm
        return pm

    def paint(self, painter: QPainter, option, index) -> None:
        texts, read, chips = index.data(PAINT_ROLE)
        col = index.column()
        selected = bool(option.state & _state_selected())
        # Background and selection drawn directly: the style's full item painting costs more than the content.
        if selected:
            painter.fillRect(option.rect, option.palette.highlight())
        elif option.features & option.ViewItemFeature.Alternate:
            painter.fillRect(option.rect, option.palette.alternateBase())
        if col in CHIP_COLUMNS:
            for rect, (_kind, _value, label) in self._layout(option, chips[col - CHIP_COLUMNS[0]]):
                painter.drawPixmap(rect.topLeft(), self._pixmap(label, rect.size(), selected, option))
            return
        font = option.font
        if not read:
            font = self._bold_font(font)
        painter.setFont(font)
        painter.setPen(option.palette.highlightedText().color() if selected else option.palette.text().color())
        rect = option.rect.adjusted(4, 0, -4, 0)
        shown = self._elided(texts[col], font, rect.width())
        if col == 2 and self.terms and not selected:
            self._mark_terms(painter, rect, shown, font)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)

    def _mark_terms(self, painter: QPainter, rect: QRect, text: str, font) -> None:
        """The search's words in a title, on a marker-coloured background (case-insensitive)."""
        fm = QFontMetrics(font)
        low = text.lower()
        h = fm.height()
        y = rect.top() + (rect.height() - h) // 2
        for term in self.terms:
            t = term.lower()
            i = low.find(t)
            while t and i >= 0:
                x = rect.left() + fm.horizontalAdvance(text[:i])
                painter.fillRect(QRect(x, y, fm.horizontalAdvance(text[i:i + len(t)]), h), QColor(self.mark))
                i = low.find(t, i + len(t))

    def chip_at(self, option, chips, pos) -> tuple[str, str, str] | None:
        """The chip under `pos` in a cell laid out by `option` (for a context menu)."""
        for rect, chip in self._layout(option, chips or ()):
            if rect.contains(pos):
                return chip
        return None

    def _bold_font(self, font):
        key = font.key()
        cached = getattr(self, "_bold", None)
        if cached is None or cached[0] != key:
            bold = type(font)(font)
            bold.setBold(True)
            self._bold = cached = (key, bold)
        return cached[1]

    def _elided(self, text: str, font, width: int) -> str:
        key = (text, font.bold(), width)
        cache = self.__dict__.setdefault("_elide_cache", {})
        out = cache.get(key)
        if out is None:
            if len(cache) > 5000:
                cache.clear()
            out = cache[key] = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
        return out

    def editorEvent(self, event, model, option, index) -> bool:  # noqa: N802
        kind_of_event = event.type()
        if kind_of_event in (QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick) \
                and event.button() == Qt.MouseButton.LeftButton:
            if index.column() not in CHIP_COLUMNS:
                return super().editorEvent(event, model, option, index)
            for rect, (kind, value, _label) in self._layout(option, index.data(CHIPS_ROLE) or ()):
                if rect.contains(event.position().toPoint()):
                    # a click filters; a double-click on a stock brings its chart up (as everywhere else)
                    (self.chip_clicked if kind_of_event == QEvent.Type.MouseButtonRelease else self.chip_activated)\
                        .emit(kind, value)
                    return True
        return super().editorEvent(event, model, option, index)

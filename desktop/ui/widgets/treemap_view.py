"""HeatmapView (`heatmap`): a squarified treemap of tiles painted with QPainter — no graphics item per tile.

The layout (core/treemap.py) is computed only when the size or the tiles' sizes change; a quote update that
keeps every size only recolours. Painting replays cached rectangles: one `drawRects` per colour step (≤ 25
batches for 5,550 tiles), then the labels that fit (measured with the font's metrics, so CJK never overflows a
tile), group headers, news badges and outlines. Hit-testing goes through a coarse grid of tile indices.

For tests: `tile_rect(key)` is a tile's rectangle (click its centre), `key_at(point)` the reverse, `keys()` the
tiles shown, `current` the keyboard's tile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.core.heat_colors import palette, step_of, text_color
from desktop.core.heat_tiles import Tile
from desktop.core.numbers import amount_text
from desktop.core.treemap import grouped as grouped_layout
from desktop.core.treemap import has_header, squarify
from desktop.ui.i18n import chinese_numbers

NAME = "heatmap"
CELL = 48                      # hit-test grid cell, px
HEADER = 16.0                  # a group's name strip (全市场, 自选)
BADGE = "#d9480f"              # the news accent
OUTLINE_SELECTED = "#ffd43b"   # the selected stock/board: bright, on any tile colour
OUTLINE_ARTICLE = "#ffffff"


class HeatmapView(QWidget):
    tile_clicked = Signal(str, str)       # key, kind
    tile_activated = Signal(str, str)     # double-click or Enter: drill into a board, a stock's chart
    tile_menu = Signal(str, str, object)  # key, kind, global QPoint: a right-click on a tile
    back_requested = Signal()             # Esc

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(160, 120)
        self.groups: list[tuple[str, list[Tile]]] = []
        self.grouped = False
        self.tiles: list[Tile] = []
        self.rects: list[QRectF] = []
        self._raw: list[tuple[float, float, float, float]] = []
        self.group_boxes: list[tuple[QRectF, str]] = []
        self.clamp = 3.0
        self._palette = palette(True, "light")
        self._colors = {s: QColor(c) for s, c in self._palette.items()}
        self._index: dict[str, int] = {}
        self._grid: dict[tuple[int, int], list[int]] = {}
        self._layout_key: tuple | None = None
        self._labels: list[tuple[QRectF, str, int]] = []      # rect, text, tile index (its colour decides ink)
        self.selected: set[str] = set()           # the selected stock, or the boards it belongs to
        self.article_keys: set[str] = set()
        self.badges: set[str] = set()
        self.current = -1
        self.tooltip_for: Callable[[Tile], str] | None = None
        self.limit_colors: dict[str, str] | None = None   # the 涨停 colour mode (widgets/heat_limits.py): on when set
        self.limit_status: dict[str, str] = {}            # key → "zt" | "zb" | "dt" in that mode
        self._limit_q: dict[str, QColor] = {}
        self._font = QFont(self.font())
        self._small = QFont(self.font())
        self._small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))

    # -- data --------------------------------------------------------------------------------------------
    empty_text = ""     # shown centred while there are no tiles (the pane says why: set_empty_text)

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.setAccessibleDescription(text)
        self.update()

    def set_tiles(self, groups: list[tuple[str, list[Tile]]], grouped: bool) -> None:
        """Groups of tiles, each sorted by size (core.heat_tiles.arrange). Relayout only when sizes changed."""
        current = self.tiles[self.current].key if 0 <= self.current < len(self.tiles) else ""
        self.groups, self.grouped = groups, grouped
        self.tiles = [t for _g, ts in groups for t in ts]
        self._index = {t.key: i for i, t in enumerate(self.tiles)}
        self.current = self._index.get(current, -1)     # the keyboard stays on its tile, not on an index
        if not self._relayout():
            self._place_labels()        # same rectangles, new numbers: the labels (% and names) are read again
        self.update()

    def set_scale(self, clamp: float, red_up: bool, theme: str) -> None:
        self.clamp = clamp
        self._palette = palette(red_up, theme)
        self._colors = {s: QColor(c) for s, c in self._palette.items()}
        self.update()

    def set_limits(self, colors: dict[str, str] | None, status: dict[str, str]) -> None:
        """The 涨停 colour mode: tiles in a pool painted its colour, the rest neutral (`colors` None: off)."""
        self.limit_colors, self.limit_status = colors, dict(status) if colors is not None else {}
        self._limit_q = {k: QColor(v) for k, v in (colors or {}).items()}
        self.update()

    def set_marks(self, selected: set[str] | None = None, article_keys: set[str] | None = None,
                  badges: set[str] | None = None) -> None:
        """Outlines: the selected stock (or its boards), the open article's stocks; news badges."""
        self.selected = set(selected or ())
        self.article_keys = set(article_keys or ())
        if badges is not None:
            self.badges = set(badges)
        self.update()

    def keys(self) -> list[str]:
        return [t.key for t in self.tiles]

    def tile(self, key: str) -> Tile | None:
        i = self._index.get(key)
        return self.tiles[i] if i is not None else None

    def tile_rect(self, key: str) -> QRect:
        """The tile's rectangle in widget coordinates (empty when it is not shown)."""
        i = self._index.get(key)
        return self.rects[i].toAlignedRect() if i is not None and i < len(self.rects) else QRect()

    def key_at(self, pos) -> str:
        i = self._hit(pos.x(), pos.y())
        return self.tiles[i].key if i >= 0 else ""

    # -- layout ------------------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802
        self._relayout()
        super().resizeEvent(event)

    def _relayout(self) -> bool:
        """Lay the tiles out again if the size or the tiles' sizes changed; False when nothing had to move."""
        w, h = float(self.width()), float(self.height())
        key = (w, h, self.grouped, [g for g, _ts in self.groups], [t.key for t in self.tiles],
               [t.size for t in self.tiles])
        if key == self._layout_key:
            return False                            # same sizes: a recolour only
        self._layout_key = key
        raw: list[tuple[float, float, float, float]] = []
        self.group_boxes = []
        if self.grouped:
            boxes, tiles = grouped_layout([[t.size for t in ts] for _g, ts in self.groups], 0, 0, w, h, HEADER)
            for (gx, gy, gw, gh), (name, _ts), members in zip(boxes, self.groups, tiles, strict=True):
                self.group_boxes.append((QRectF(gx, gy, gw, gh), name))
                raw += members
        else:
            raw = squarify([t.size for t in self.tiles], 0, 0, w, h)
        # half a pixel in on every side: the background between tiles is their border (no pen to stroke)
        raw = [(x + 0.5, y + 0.5, rw - 1 if rw > 1 else 0.0, rh - 1 if rh > 1 else 0.0) for x, y, rw, rh in raw]
        self._raw = raw
        self.rects = [QRectF(*r) for r in raw]
        grid: dict[tuple[int, int], list[int]] = {}
        for i, (x, y, rw, rh) in enumerate(raw):
            x0, x1, y0, y1 = int(x) // CELL, int(x + rw) // CELL, int(y) // CELL, int(y + rh) // CELL
            if x0 == x1 and y0 == y1:
                cell = grid.get((x0, y0))
                if cell is None:
                    grid[(x0, y0)] = [i]
                else:
                    cell.append(i)
                continue
            for gx in range(x0, x1 + 1):
                for gy in range(y0, y1 + 1):
                    grid.setdefault((gx, gy), []).append(i)
        self._grid = grid
        self._place_labels()
        return True

    def _place_labels(self) -> None:
        """Which tiles get which text: the name where it fits, the % under it, code and cap on big tiles."""
        fm, small = QFontMetrics(self._font), QFontMetrics(self._small)
        line, sline = fm.height(), small.height()
        labels: list[tuple[QRectF, str, int]] = []
        for i, (t, (_x, _y, rw, rh)) in enumerate(zip(self.tiles, self._raw, strict=True)):
            if rw < 24 or rh < line:
                continue
            r = self.rects[i]
            name = t.name
            if fm.horizontalAdvance(name) > r.width() - 4:
                name = fm.elidedText(name, Qt.TextElideMode.ElideRight, int(r.width() - 4))
                if len(name) <= 2:                  # "…" alone says nothing: no label
                    continue
            lines = [(name, False)]
            if r.height() >= line + sline + 2:
                lines.append(("—" if t.pct is None else f"{t.pct:+.2f}%", True))
            if r.height() >= line + 3 * sline + 6 and r.width() >= 90:
                lines.append((t.key, True))
                if t.cap:
                    lines.append((_cap_text(t.cap), True))
            total = line + sline * (len(lines) - 1)
            y = r.center().y() - total / 2
            for text, is_small in lines:
                height = sline if is_small else line
                if (small if is_small else fm).horizontalAdvance(text) <= r.width() - 4:
                    labels.append((QRectF(r.left() + 2, y, r.width() - 4, height), text, i if not is_small else ~i))
                y += height
        self._labels = labels

    # -- painting ----------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        p.setPen(Qt.PenStyle.NoPen)
        batches: dict[int | str, list[QRectF]] = {}     # colour step, or 涨停 status
        missing: list[QRectF] = []
        limits = self.limit_status if self.limit_colors is not None else None
        for t, r in zip(self.tiles, self.rects, strict=False):
            status = limits.get(t.key) if limits is not None else None
            if status:                              # 涨停 mode: a pool's stock is marked even without a quote
                batches.setdefault(status, []).append(r)
            elif t.pct is None or t.stale:
                missing.append(r)
            else:
                batches.setdefault("" if limits is not None else step_of(t.pct, self.clamp), []).append(r)
        for step, rects in batches.items():
            p.setBrush(self._limit_q[step] if isinstance(step, str) else self._colors[step])
            p.drawRects(rects)
        if missing:                                 # stale or no quote: pale and hatched, never a colour
            p.setBrush(QColor("#c5c9cf") if self._palette[0] == "#8c929b" else QColor("#3a3e45"))
            p.drawRects(missing)
            p.setBrush(QBrush(QColor(0, 0, 0, 40), Qt.BrushStyle.BDiagPattern))
            p.drawRects(missing)
        if not self.tiles and self.empty_text:     # why it is empty and what to do, readable in the middle
            p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRectF(self.rect()).adjusted(24, 24, -24, -24), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                       self.empty_text)
        self._paint_labels(p)
        self._paint_marks(p)
        p.end()

    def _ink(self, i: int) -> QColor:
        t = self.tiles[i]
        if self.limit_colors is not None and (t.key in self.limit_status or not (t.pct is None or t.stale)):
            return QColor(text_color(self.limit_colors[self.limit_status.get(t.key, "")]))
        if t.pct is None or t.stale:
            return QColor("#444444") if self._palette[0] == "#8c929b" else QColor("#c8ccd2")
        return QColor(text_color(self._palette[step_of(t.pct, self.clamp)]))

    def _paint_labels(self, p: QPainter) -> None:
        for box, name in self.group_boxes:
            if has_header(box.width(), box.height(), HEADER):
                p.setPen(self.palette().windowText().color())
                p.setFont(self._small)
                p.drawText(QRectF(box.left() + 3, box.top() + 1, box.width() - 6, HEADER - 1),
                           int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        inks: dict[int, QColor] = {}
        for rect, text, code in self._labels:
            i = code if code >= 0 else ~code
            ink = inks.get(i)
            if ink is None:
                ink = inks[i] = self._ink(i)
            p.setPen(ink)
            p.setFont(self._font if code >= 0 else self._small)
            p.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), text)

    def _paint_marks(self, p: QPainter) -> None:
        p.setBrush(QColor(BADGE))
        p.setPen(Qt.PenStyle.NoPen)
        for key in self.badges:
            i = self._index.get(key)
            if i is not None and self.rects[i].width() >= 12 and self.rects[i].height() >= 12:
                r = self.rects[i]
                p.drawEllipse(QPointF(r.right() - 5, r.top() + 5), 3.5, 3.5)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for keys, color, width in ((self.article_keys, OUTLINE_ARTICLE, 1.5), (self.selected, OUTLINE_SELECTED, 2.5)):
            p.setPen(QPen(QColor(color), width))
            for key in keys:
                i = self._index.get(key)
                if i is not None:
                    p.drawRect(self.rects[i].adjusted(1, 1, -1, -1))
        if 0 <= self.current < len(self.rects) and self.hasFocus():
            p.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine))
            p.drawRect(self.rects[self.current].adjusted(2, 2, -2, -2))

    # -- hit-testing, mouse, keys ------------------------------------------------------------------------
    def _hit(self, x: float, y: float) -> int:
        raw = self._raw
        for i in self._grid.get((int(x) // CELL, int(y) // CELL), ()):
            rx, ry, rw, rh = raw[i]
            if rx <= x <= rx + rw and ry <= y <= ry + rh:
                return i
        return -1

    def tooltip_at(self, pos) -> str:
        """The tooltip for the tile under `pos` (what hovering shows)."""
        i = self._hit(pos.x(), pos.y())
        if i < 0 or self.tooltip_for is None:
            return ""
        return self.tooltip_for(self.tiles[i])

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        text = self.tooltip_at(event.position())
        if text:
            QToolTip.showText(event.globalPosition().toPoint(), text, self)
        else:
            QToolTip.hideText()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        i = self._hit(event.position().x(), event.position().y())
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.current = i
            self.tile_clicked.emit(self.tiles[i].key, self.tiles[i].kind)
            self.update()

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        i = self._hit(event.pos().x(), event.pos().y())
        if i >= 0:
            self.tile_menu.emit(self.tiles[i].key, self.tiles[i].kind, event.globalPos())

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        i = self._hit(event.position().x(), event.position().y())
        if i >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.tile_activated.emit(self.tiles[i].key, self.tiles[i].kind)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and 0 <= self.current < len(self.tiles):
            t = self.tiles[self.current]
            self.tile_activated.emit(t.key, t.kind)
            return
        moves = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in moves and self.tiles:
            self.move_current(*moves[key])
            return
        super().keyPressEvent(event)

    def move_current(self, dx: int, dy: int) -> None:
        """Arrow keys: to the nearest tile whose centre lies that way (the first tile when none is current)."""
        if not (0 <= self.current < len(self.rects)):
            self.current = 0
        else:
            c = self.rects[self.current].center()
            best, best_d = -1, float("inf")
            for i, r in enumerate(self.rects):
                if i == self.current or r.width() < 1:
                    continue
                v = r.center() - c
                ahead = v.x() * dx + v.y() * dy
                if ahead <= 0:
                    continue
                side = abs(v.x() * dy) + abs(v.y() * dx)
                d = ahead + 2 * side
                if d < best_d:
                    best, best_d = i, d
            if best < 0:
                return
            self.current = best
        t = self.tiles[self.current]
        self.tile_clicked.emit(t.key, t.kind)
        self.update()


def _cap_text(cap: float) -> str:
    return amount_text(cap, chinese=chinese_numbers())   # 万亿/亿 in Chinese, B/M in English, as the watchlist

"""The news list's column widths and the sidebar's width.

Columns: 时间 fits its widest text in bold, 来源 fits the publishers it shows (财联社, 东方财富: the whole name is in
the tooltip), the title stretches, and in a narrow dock the chip columns (主题, 股票) give way to the title — first
down to one chip each, then out of view — instead of a sideways scroll bar hiding them. The title keeps TITLE_MIN.

The sidebar is as wide as its names and counts need, within what the list leaves (`SidebarWidth`): it widens
with the window and narrows with it, until the user drags the splitter — from then on their width is kept
(window.ini), as a column the user sized is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView, QTreeWidget

from desktop.ui.feed_names import short_source
from desktop.ui.qt_props import props

if TYPE_CHECKING:
    from desktop.ui.models.news_model import NewsModel

SOURCE_WIDTH = 72              # before any row is shown
SOURCE_MIN, SOURCE_NARROW, SOURCE_MAX = 48, 90, 160   # 来源: its least, in a tight list, at most
CHIP_WIDTHS = (104, 132)       # 主题, 股票 at their ease
CHIP_MIN = 56                  # one chip, at the least
CHIP_ROOM = 2 * 6 + 2 * 3 + 2  # a chip's padding (chip_delegate PAD_X) and the cell's margins (MARGIN)
TITLE_MIN = 180
TITLE_COMFORT = 300            # the title's room before the chip columns widen, and before the sidebar does
SCROLL = 18                    # the vertical scroll bar, and the frame (not asked of the style: see news_pane)
CELL_ROOM = 12                 # the cell's text margins, and a little air
SIDEBAR_MIN, SIDEBAR_NARROW, SIDEBAR_HINT = 120, 160, 260


class NewsColumns(QObject):
    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # 时间 fits its widest text ("11-24 09:31", "2025-11-24") in the bold of an unread row: never "11-20 0…"
        bold = QFont(table.font())
        bold.setBold(True)
        self.bold = QFontMetrics(bold)
        time_width = max(self.bold.horizontalAdvance(t) for t in ("88-88 88:88", "8888-88-88")) + 18
        # a chip column at its least shows one chip of a four-character name (宁德时代, 人工智能: the chip
        # delegate draws no chip it cannot show whole) and its whole header ("Stocks", "Themes" in English)
        model = table.model()
        heads = QFontMetrics(header.font())
        one = QFontMetrics(table.font()).horizontalAdvance("宁德时代") + CHIP_ROOM
        self.chip_min = tuple(max(CHIP_MIN, one, heads.horizontalAdvance(model.headerData(c, Qt.Orientation.Horizontal))
                                  + 2 * CELL_ROOM) for c in (3, 4))
        self._source_head = heads.horizontalAdvance(model.headerData(1, Qt.Orientation.Horizontal)) + 2 * CELL_ROOM
        for col, width in ((0, time_width), (1, SOURCE_WIDTH), (3, CHIP_WIDTHS[0]), (4, CHIP_WIDTHS[1])):
            table.setColumnWidth(col, width)
        self._source_set = SOURCE_WIDTH      # the width this class gave 来源 last: another one is the user's
        self._source_user = False
        self._sources: frozenset[str] = frozenset()
        self._source_need = SOURCE_WIDTH
        self._width = 0
        model.modelReset.connect(self.fit_source)
        model.rowsInserted.connect(lambda *_: self.fit_source())
        table.installEventFilter(self)

    # -- 来源 -------------------------------------------------------------------------------------------------
    def source_auto(self) -> bool:
        """False once the user sized 来源 (dragged it, or a saved layout did)."""
        if not self._source_user and not self.table.isColumnHidden(1):
            self._source_user = self.table.columnWidth(1) != self._source_set
        return not self._source_user

    def restored(self, source_auto: bool) -> None:
        """After the header's saved state is back: whether 来源 was still ours when it was saved."""
        self._source_set = self.table.columnWidth(1)
        self._source_user = not source_auto
        self._sources = frozenset()
        self.fit_source()

    def fit_source(self) -> None:
        """来源's need: the widest publisher shown, in bold (SOURCE_MIN … SOURCE_MAX); `fit` gives it."""
        titles = {r.feed_title for r in cast("NewsModel", self.table.model()).rows}     # a few feeds, however many rows
        names = frozenset(short_source(t) for t in titles)
        if names == self._sources:
            return
        self._sources = names
        need = max((self.bold.horizontalAdvance(n) for n in names), default=0) + CELL_ROOM
        self._source_need = max(SOURCE_MIN, self._source_head, min(SOURCE_MAX, need))
        if self._width:
            self.fit(self._width)

    # -- the title's room ---------------------------------------------------------------------------------------
    def _source_least(self) -> int:
        t = self.table
        if t.isColumnHidden(1):
            return 0
        return max(self._source_head, min(self._source_need, SOURCE_NARROW)) if self.source_auto() else \
            t.columnWidth(1)

    def min_width(self) -> int:
        """The narrowest list that shows the title at TITLE_MIN and one chip in each chip column."""
        return self.table.columnWidth(0) + self._source_least() + TITLE_MIN + sum(self.chip_min) + SCROLL

    def least_width(self) -> int:
        """The list the sidebar may not squeeze: the title at TITLE_MIN and the themes' column (the stocks'
        column gives way to the sidebar's names)."""
        return self.table.columnWidth(0) + self._source_least() + TITLE_MIN + self.chip_min[0] + SCROLL

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Type.Resize:
            self.fit(event.size().width())
        return False

    def fit(self, width: int) -> None:
        """Share the list's width out, most important first: the title keeps TITLE_MIN, 来源 gets up to
        SOURCE_NARROW, 主题 and then 股票 one chip each (else they leave the view), 来源 the rest of its need, the
        title up to TITLE_COMFORT, the chip columns their ease; the title takes what is left."""
        self._width = width
        t = self.table
        auto = self.source_auto()
        rest = width - SCROLL - t.columnWidth(0) - TITLE_MIN
        source = self._source_least()
        rest -= source
        shown: list[bool] = []
        for least in self.chip_min:                 # 主题 outlives 股票
            on = rest >= least and (not shown or shown[-1])
            shown.append(on)
            rest -= least if on else 0
        if auto and not t.isColumnHidden(1):
            grow = max(0, min(rest, self._source_need - source))
            source, rest = source + grow, rest - grow
            if t.columnWidth(1) != source:
                t.setColumnWidth(1, source)
            self._source_set = source
        rest -= min(max(0, rest), TITLE_COMFORT - TITLE_MIN)
        want = sum(max(base, least) - least for base, least, on in zip(CHIP_WIDTHS, self.chip_min, shown, strict=True)
                   if on)
        scale = 1.0 if rest >= want else max(0.0, rest / want) if want else 0.0
        for col, base, least, on in zip((3, 4), CHIP_WIDTHS, self.chip_min, shown, strict=True):
            if t.isColumnHidden(col) == on:
                t.setColumnHidden(col, not on)
            if on:
                t.setColumnWidth(col, int(least + (max(base, least) - least) * scale))

    def comfort_width(self) -> int:
        """A list at its ease: every publisher whole, the title at TITLE_COMFORT, one chip in each column."""
        t = self.table
        source = 0 if t.isColumnHidden(1) else self._source_need if self.source_auto() else t.columnWidth(1)
        return t.columnWidth(0) + source + TITLE_COMFORT + sum(self.chip_min) + SCROLL


class SidebarWidth(QObject):
    """The reader's sidebar (`tree`, the splitter's first widget) as wide as its names and counts need, as long
    as the list keeps its ease (`list_comfort()`); in a narrow pane up to SIDEBAR_NARROW, the list keeping its
    least (`list_least()`). It follows the window until the user drags the splitter."""

    def __init__(self, splitter: QSplitter, tree: QTreeWidget, list_least: Callable[[], int],
                 list_comfort: Callable[[], int]):
        super().__init__(splitter)
        self.splitter, self.tree = splitter, tree
        self.list_least, self.list_comfort = list_least, list_comfort
        self.ready = False           # the names are in (after the first populate): nothing to measure before
        self._user = False
        self._set: int | None = None
        splitter.splitterMoved.connect(self._moved)
        # after the splitter has shared out its new size (an event filter sees the Resize before it does)
        self._later = props(QTimer(self, singleShot=True, interval=0), timeout=lambda: self.fit(after_resize=True))
        splitter.installEventFilter(self)

    def _moved(self, *_args) -> None:
        self._user = True

    def auto(self) -> bool:
        """False once the user sized the sidebar (dragged the splitter, or set its sizes some other way). A
        width the splitter itself changed on a resize is not the user's: the fit after it follows at once."""
        if not self._user and self._set is not None and not self._later.isActive() \
                and self.splitter.sizes()[0] != self._set:
            self._user = True
        return not self._user

    def restored(self, auto: bool) -> None:
        self._user = not auto
        self._set = None

    def need(self) -> int:
        """The width that shows every name and count whole (the tree's frame and, when it scrolls, its bar)."""
        tree = self.tree
        extra = 2 * tree.frameWidth() + 2
        bar = tree.verticalScrollBar()
        if bar.isVisible():
            extra += bar.width()
        return tree.sizeHintForColumn(0) + extra

    def hint(self) -> int:
        """The sidebar's part of the pane's size hint: its need, up to SIDEBAR_HINT (that, before its names are
        in: the window's first layout happens before them)."""
        return min(SIDEBAR_HINT, self.need()) if self.ready else SIDEBAR_HINT

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.splitter and event.type() == QEvent.Type.Resize and self.ready:
            self._later.start()
        return False

    def fit(self, after_resize: bool = False) -> None:
        """Size the sidebar; `after_resize`: the splitter has just shared out a new size (its own change to
        the sidebar's width is no sign of the user's)."""
        self.ready = True
        if self._user if after_resize else not self.auto():
            return
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) != 2:
            return
        # every name whole (up to SIDEBAR_HINT) while the list keeps half-way between its least and its ease —
        # names cut in the sidebar cost more than a title column a little short of its ease (at 1440 px the demo's
        # sources were cut for 50 px of title); else up to SIDEBAR_NARROW while the list keeps its least (a
        # 1024 px window); never below SIDEBAR_MIN
        need = self.need()
        least, comfort = self.list_least(), self.list_comfort()
        half_way = least + max(0, comfort - least) // 2
        if need <= total - comfort:
            want = need
        elif min(need, SIDEBAR_HINT) <= total - half_way:
            want = min(need, SIDEBAR_HINT)
        else:
            want = max(total - half_way, min(need, SIDEBAR_NARROW, total - least))
        want = max(SIDEBAR_MIN, want)
        if sizes[0] != want:
            self.splitter.setSizes([want, total - want])
        self._set = self.splitter.sizes()[0]

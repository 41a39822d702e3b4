"""The news list's column widths: 时间 fits its widest text in bold, 来源 is narrow, the title stretches, and in a
narrow dock the chip columns (主题, 股票) give way to the title instead of a sideways scroll bar hiding them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

SOURCE_WIDTH = 72
CHIP_WIDTHS = (104, 132)       # 主题, 股票 at their ease
CHIP_MIN = 56                  # one chip
TITLE_MIN = 180


class NewsColumns(QObject):
    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        # 时间 fits its widest text ("11-24 09:31", "2025-11-24") in the bold of an unread row: never "11-20 0…"
        bold = QFont(table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        time_width = max(metrics.horizontalAdvance(t) for t in ("88-88 88:88", "8888-88-88")) + 18
        # 来源 is narrow: its tooltip has the whole name, and a single feed's view hides it
        for col, width in ((0, time_width), (1, SOURCE_WIDTH), (3, CHIP_WIDTHS[0]), (4, CHIP_WIDTHS[1])):
            table.setColumnWidth(col, width)
        table.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.table and event.type() == QEvent.Resize:
            self.fit(event.size().width())
        return False

    def fit(self, width: int) -> None:
        """The title keeps at least TITLE_MIN: in a narrow dock (English's first-run layout once gave the list
        ~370 px) the chip columns shrink, down to one chip each."""
        fixed = sum(self.table.columnWidth(c) for c in (0, 1) if not self.table.isColumnHidden(c))
        room = width - fixed - TITLE_MIN - 4
        want = sum(CHIP_WIDTHS)
        scale = 1.0 if room >= want else max(0.0, room / want)
        for col, base in zip((3, 4), CHIP_WIDTHS, strict=True):
            self.table.setColumnWidth(col, max(CHIP_MIN, int(base * scale)))

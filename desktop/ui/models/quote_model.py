"""QuoteModel: quotes for a list of codes, refreshed in one batch (one dataChanged, never row by row).

What each column shows, how it is coloured and sorted is one table (ui/models/quote_table.py). Colours follow the user's convention (红涨绿跌 by default). Stale quotes are greyed, with their age in the
tooltip; missing prices (停牌, "-") show as "—". Times are market time (Asia/Shanghai), whatever the
computer's zone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.indices import is_index_key
from desktop.ui.i18n import chinese_numbers
from desktop.ui.models.quote_table import CHANGE, COLUMNS, HIDDEN_BY_DEFAULT, QUOTE_COLUMNS, VS_PREV_CLOSE
from desktop.ui.models.table_model import TableModel

if TYPE_CHECKING:
    from desktop.core.market import QuoteRow
from desktop.ui.plain import plain_tip
from desktop.ui.style import PriceColors

__all__ = ["CODE_ROLE", "COLUMNS", "HIDDEN_BY_DEFAULT", "SORT_ROLE", "SPARK_ROLE", "QuoteModel"]
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2           # the number behind a cell (None sorts last), for the header's sorting
SPARK_ROLE = Qt.ItemDataRole.UserRole + 3          # the 分时走势 column's core.sparklines.Spark (widgets/sparkline.py paints it)


_DISPLAY, _ALIGN, _FOREGROUND, _FONT, _TOOLTIP = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                                                  Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole)
_SERVED = frozenset({_DISPLAY, _ALIGN, _FOREGROUND, _FONT, _TOOLTIP, CODE_ROLE, SORT_ROLE, SPARK_ROLE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MIME = "application/x-huohua-codes"
_GREY = QColor("#9aa3ad")


def _index_name(code: str) -> str:
    """An index key's name (上证指数 for sh000001, core/indices.py); "" for a stock code."""
    if code[:1].isdigit():
        return ""
    from desktop.ui.widgets.index_strip import index_name

    return index_name(code) if is_index_key(code) else ""


class QuoteModel(TableModel):
    def __init__(self, colors: Callable[[], PriceColors], parent=None):
        super().__init__(parent)
        self.colors = colors
        self.rows: list[QuoteRow | None] = []     # aligned with `codes`
        self.codes: list[str] = []                # as shown (sorted, or the list's order)
        self.list_codes: list[str] = []           # the list's own order
        self._by_code: dict[str, QuoteRow] = {}
        self.sort_column, self.sort_order = -1, Qt.SortOrder.AscendingOrder
        self.news: dict[str, int] = {}            # code → articles linked today (今日资讯)
        self.sparks: dict = {}                    # code → Spark (分时走势)
        self.why: dict = {}                       # code → core.why_moving.Why (the rows' tooltips)
        self.names: Mapping[str, str] = {}
        self.headers = tuple(QCoreApplication.translate("QuoteModel", c.label) for c in QUOTE_COLUMNS)
        self.header_tips = {i: QCoreApplication.translate("QuoteModel", c.tip) for i, c in enumerate(QUOTE_COLUMNS)
                            if c.tip}
        self._chinese = chinese_numbers()     # the UI language is fixed for a run
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, codes: list[str], rows: list[QuoteRow], names: Mapping[str, str]) -> None:
        """`codes` in the list's order. A new set of codes resets the model; new quotes for the same codes are
        one dataChanged (and, when sorted and the order moved, one layout change that keeps the selection)."""
        if codes != self.list_codes:
            self.beginResetModel()
            self.list_codes, self.names = list(codes), names
            self._by_code = {r.quote.code: r for r in rows}
            self.codes = self._display_order()
            self.rows = [self._by_code.get(c) for c in self.codes]
            self.endResetModel()
            return
        self.names = names
        self._by_code = {r.quote.code: r for r in rows}
        order = self._display_order()
        if order != self.codes:
            self._relayout(order)
        self.rows = [self._by_code.get(c) for c in self.codes]
        if self.codes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.codes) - 1, len(COLUMNS) - 1))

    # -- sorting (here, not in a proxy: a proxy asks Python for every comparison — 300 ms at 5,000 rows) ---------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: D401 - Qt's signature
        """A header click (QTableView with sorting enabled calls this); column -1 = the list's own order."""
        self.sort_column, self.sort_order = column, order
        new = self._display_order()
        if new != self.codes:
            self._relayout(new)
            self.rows = [self._by_code.get(c) for c in self.codes]

    def _display_order(self) -> list[str]:
        col = self.sort_column
        if col < 0 or col >= len(COLUMNS):
            return list(self.list_codes)
        key = QUOTE_COLUMNS[col].sort
        desc = self.sort_order == Qt.SortOrder.DescendingOrder
        present, missing = [], []
        for c in self.list_codes:
            v = self._sort_value(c, self._by_code.get(c), key)
            (missing.append(c) if v is None else present.append((v, c)))
        present.sort(key=lambda vc: vc[0], reverse=desc)
        return [c for _v, c in present] + missing          # no value (suspended, not fetched): always last

    def _relayout(self, order: list[str]) -> None:
        self.layoutAboutToBeChanged.emit()
        where = {c: i for i, c in enumerate(order)}
        old = self.persistentIndexList()
        new = [self.index(where.get(self.codes[i.row()], i.row()), i.column()) if 0 <= i.row() < len(self.codes)
               else i for i in old]
        self.codes = order
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def code_at(self, row: int) -> str | None:
        return self.codes[row] if 0 <= row < len(self.codes) else None

    def _size(self) -> int:
        return len(self.codes)

    # -- drag to reorder (only in the list's own order: a sorted view has no place to drop into) ----------
    on_move: Callable[[list[str], int], None] | None = None   # set by the pane: where dropped rows go

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        base = super().flags(index)
        if self.sort_column >= 0:
            return base
        return base | (Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled)

    def supportedDropActions(self):  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [_MIME]

    def mimeData(self, indexes):  # noqa: N802
        from PySide6.QtCore import QMimeData

        rows = sorted({i.row() for i in indexes})
        data = QMimeData()
        data.setData(_MIME, " ".join(self.codes[r] for r in rows).encode())
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if action != Qt.DropAction.MoveAction or not data.hasFormat(_MIME) or self.on_move is None or self.sort_column >= 0:
            return False
        codes = bytes(data.data(_MIME)).decode().split()
        before = row if row >= 0 else (parent.row() if parent.isValid() else len(self.codes))
        self.on_move(codes, before)
        return False           # the list's new order arrives as a commit; Qt must not remove rows itself

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # A repaint asks ~8 roles of each visible cell: roles are compared with module constants (each
        # `Qt.SomeRole` attribute lookup goes through PySide's enum machinery) and unserved ones leave at once.
        if role not in _SERVED or not index.isValid():
            return None
        row = index.row()
        code, qr, column = self.codes[row], self.rows[row], QUOTE_COLUMNS[index.column()]
        col = column.key
        if role == _DISPLAY:
            if column.text is not None:
                return "—" if qr is None else column.text(qr.quote, self._chinese)
            if col == "code":
                return code
            if col == "name":           # an index (sh000001) before its first quote: its own name
                return (qr.quote.name if qr and qr.quote.name else None) or self.names.get(code) or _index_name(code)
            if col == "news":
                return str(self.news[code]) if self.news.get(code) else ""
            return ""                   # spark: painted by its delegate
        if role == SPARK_ROLE:
            return self.sparks.get(code) if col == "spark" else None
        if role == _ALIGN:
            return _RIGHT if column.right else None
        if role == CODE_ROLE:
            return code
        if role == SORT_ROLE:
            return self._sort_value(code, qr, column.sort)
        if col == "news" and role == _TOOLTIP:
            n = self.news.get(code, 0)
            return self.tr("今天有 %1 篇资讯提到它（点击查看）").replace("%1", str(n)) if n else None
        if role == _TOOLTIP:        # why it moves (+ a stale quote's age): outside text, so plain
            return plain_tip("\n".join(self.tip_lines(code)))
        if qr is None:
            return None
        stale = qr.stale or qr.frozen        # a frozen quote (answered, but not moving) is no fresher
        if role == _FOREGROUND:
            if stale:
                return _GREY if column.stale_grey else None
            q = qr.quote
            if column.colour == CHANGE:
                return QColor(self.colors().for_change(q.change_pct))
            if column.colour == VS_PREV_CLOSE:      # against the previous close, as every terminal colours them
                v = getattr(q, col)
                move = None if v is None or q.prev_close is None else v - q.prev_close
                return QColor(self.colors().for_change(move))
            return None
        if role == _FONT:
            return self._italic if stale else None
        return None

    def tip_lines(self, code: str) -> list[str]:
        """A row's tooltip as lines: a stale quote's age, then why it moves (ui/why_text.py; read per refresh)."""
        from desktop.ui.why_text import why_lines

        qr, lines = self._by_code.get(code), []
        if qr is not None and qr.stale:          # not fetched lately: its age (the source fails)
            lines.append(self.tr("数据已过时：%1 秒前获取").replace("%1", str(qr.age_s)))
        if qr is not None and qr.frozen:         # fetched, but not moving: since when
            from desktop.ui.market_day import time_text

            lines.append(self.tr("数据已过时：行情自 %1 起未再变动（北京时间）").replace("%1", time_text(qr.quote.time)))
        name = (qr.quote.name if qr else "") or self.names.get(code, "")
        return [*lines, f"{name} {code}".strip(), *why_lines(self.why.get(code), qr.quote.change_pct if qr else None)]

    def set_why(self, why: dict) -> None:
        """code → core.why_moving.Why, read once per refresh: a hover only looks it up."""
        self.why = why

    def set_news(self, counts: dict[str, int]) -> None:
        """今日资讯 counts; only that column repaints (and the order, if sorted by it)."""
        if counts == self.news:
            return
        self.news = counts
        if self.sort_column == COLUMNS.index("news"):
            self.sort(self.sort_column, self.sort_order)
        if self.codes:
            col = COLUMNS.index("news")
            self.dataChanged.emit(self.index(0, col), self.index(len(self.codes) - 1, col))

    def set_sparks(self, sparks: dict) -> None:
        """分时走势 lines (core.sparklines.Spark per code); only that column repaints."""
        if sparks == self.sparks:
            return
        self.sparks = sparks
        if self.codes:
            col = COLUMNS.index("spark")
            self.dataChanged.emit(self.index(0, col), self.index(len(self.codes) - 1, col))

    def _sort_value(self, code: str, qr: QuoteRow | None, sort: str):
        """The number (or text) behind a cell, by its column's sort key (quote_table.Column.sort)."""
        if sort == "news":
            return self.news.get(code, 0)
        if sort == "code":
            return code
        if sort == "name":
            return qr.quote.name if qr else ""
        return getattr(qr.quote, sort, None) if qr else None

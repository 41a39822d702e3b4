"""The 异动 pane's board table (`moversBoardTable`, shown by `moversBoards`): the day's board 异动 as `huohua movers
--boards` stores them — 板块, 涨跌幅 (red up / green down under the colour setting), 主力净流入, 异动次数, 最频繁个股
(its name and 大笔买入/大笔卖出 side) and the board's most frequent types — the most events first. Board and stock
names are outside text: plain cells, tooltips through ui/plain.plain_tip. Selecting a row selects its most
frequent stock on the bus; Enter or a double click brings that stock's chart up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.core.numbers import amount_text
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.models.movers_model import type_label
from desktop.ui.models.table_model import TableModel
from desktop.ui.plain import plain_tip
from desktop.ui.style import PriceColors

COLUMNS = ("board", "change", "inflow", "count", "top", "types")
TITLES = {"board": QT_TRANSLATE_NOOP("BoardMoversModel", "板块"),
          "change": QT_TRANSLATE_NOOP("BoardMoversModel", "涨跌幅"),
          "inflow": QT_TRANSLATE_NOOP("BoardMoversModel", "主力净流入"),
          "count": QT_TRANSLATE_NOOP("BoardMoversModel", "异动次数"),
          "top": QT_TRANSLATE_NOOP("BoardMoversModel", "最频繁个股"),
          "types": QT_TRANSLATE_NOOP("BoardMoversModel", "主要类型")}
TOP_TYPES = 3                   # the board's most frequent types named in 主要类型


def type_counts(types: str) -> list[tuple[int, int]]:
    """BoardMove.types ("8201:3,8193:2", as stored) → [(type code, count)], the most frequent first; parts that
    are not "code:count" are left out."""
    out = []
    for part in filter(None, (types or "").split(",")):
        code, _, n = part.partition(":")
        if code.strip().lstrip("-").isdigit() and n.strip().isdigit():
            out.append((int(code), int(n)))
    return sorted(out, key=lambda cn: (-cn[1], cn[0]))


class BoardMoversModel(TableModel):
    def __init__(self, colors: Callable[[], PriceColors], parent=None):
        super().__init__(parent)
        self._colors = colors
        self.rows: list = []                  # core.movers.BoardMove, the most events first
        self._up = self._down = QColor()

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.restyle()
        self.endResetModel()

    def restyle(self) -> None:
        colors = self._colors()
        self._up, self._down = QColor(colors.up), QColor(colors.down)

    def _size(self) -> int:
        return len(self.rows)

    # the base's attribute, which other models set once, is worked out here on each read (the language may change)
    @property
    def headers(self) -> tuple[str, ...]:  # type: ignore[override]          # translated when read (the interface language)
        return tuple(QCoreApplication.translate("BoardMoversModel", TITLES[c]) for c in COLUMNS)

    def text(self, row: int, column: str) -> str:
        from desktop.ui.i18n import chinese_numbers

        b = self.rows[row]
        if column == "board":
            return b.board
        if column == "change":
            return "—" if b.change_pct is None else f"{b.change_pct:+.2f}%"
        if column == "inflow":
            if b.inflow is None:
                return "—"
            return ("-" if b.inflow < 0 else "") + amount_text(abs(b.inflow), chinese=chinese_numbers())
        if column == "count":
            return str(b.count)
        if column == "top":
            side = type_label(8193 if b.top_side == "大笔买入" else 8194) if b.top_side in ("大笔买入", "大笔卖出") else ""
            return f"{b.top_name} {side}".strip() if b.top_code else "—"
        return "、".join(f"{type_label(c)} {n}" for c, n in type_counts(b.types)[:TOP_TYPES]) or "—"

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), column)
        b = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and column in ("change", "inflow"):
            v = b.change_pct if column == "change" else b.inflow
            return None if not v else (self._up if v > 0 else self._down)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("board", "top", "types"):
            return plain_tip(self.text(index.row(), column)) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("change", "inflow", "count"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def code_at(self, row: int) -> str:
        """The board's most frequent stock ("" when the answer named none)."""
        return self.rows[row].top_code if 0 <= row < len(self.rows) else ""


class BoardMoversTable(QTableView):
    def __init__(self, colors: Callable[[], PriceColors], parent=None):
        super().__init__(parent, showGrid=False, wordWrap=False)
        self.setObjectName("moversBoardTable")
        self.model_ = BoardMoversModel(colors, self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setStretchLastSection(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def set_rows(self, rows: list) -> None:
        self.model_.set_rows(rows)
        if rows:
            self.resizeColumnsToContents()          # a day has tens of boards, not thousands: measure them all

    def selected_code(self) -> str:
        rows = self.selectionModel().selectedRows()
        return self.model_.code_at(rows[0].row()) if rows else ""

"""PositionModel: the 持仓 table — one row a holding (core/positions.Holding), sorted here as the watchlist's
model sorts (no proxy), money shown from the exact Decimal (core/numbers.money_text: to the cent, 万/亿 from
100万), gains and losses in the user's red/green. While amounts are hidden (隐藏金额) every amount reads ****
and is not coloured (a red **** would still say "a gain"); prices and percentages stay.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.core.numbers import money_text
from desktop.ui.models.table_model import TableModel
from desktop.ui.style import PriceColors

COLUMNS = ("code", "name", "shares", "cost_price", "price", "value", "pnl_today", "pnl", "pnl_pct", "weight_pct",
           "realized")
AMOUNTS = frozenset({"shares", "value", "pnl_today", "pnl", "realized"})    # what 隐藏金额 hides
GAINS = frozenset({"pnl_today", "pnl", "pnl_pct", "realized"})             # coloured by their sign
HIDDEN = "****"
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2           # the exact value behind a cell (None sorts last)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MILLI = Decimal("0.001")
_CENT = Decimal("0.01")


def pct_text(d: Decimal | None, signed: bool = True) -> str:
    if d is None:
        return "—"
    q = d.quantize(_CENT)
    return f"{'+' if signed and q > 0 else ''}{q}%"


def price_text(d: Decimal | None) -> str:
    """A price as quoted, with at least two decimals (18.2 → 18.20; a fund's 1.234 stays)."""
    if d is None:
        return "—"
    exponent = d.as_tuple().exponent      # an int for a finite number ('n', 'N', 'F' for NaN and infinities)
    return str(d.quantize(_CENT) if isinstance(exponent, int) and exponent >= -2 else d)


class PositionModel(TableModel):
    def __init__(self, colors: Callable[[], PriceColors], parent=None):
        super().__init__(parent)
        self.colors = colors
        self.rows: list = []                      # Holdings, as shown
        self.prev_close: dict[str, Decimal] = {}
        self.hidden = False
        self.sort_column, self.sort_order = -1, Qt.SortOrder.AscendingOrder
        self.headers = (self.tr("代码"), self.tr("名称"), self.tr("持仓"), self.tr("成本价"), self.tr("现价"),
                        self.tr("市值"), self.tr("当日盈亏"), self.tr("浮动盈亏"), self.tr("盈亏%"), self.tr("仓位占比"),
                        self.tr("已实现盈亏"))
        self.header_tips = {COLUMNS.index("cost_price"): self.tr("按所选成本算法（移动加权平均或先进先出），含费用"),
                            COLUMNS.index("pnl_today"): self.tr("隔夜持仓按昨收计，今日买卖按成交价和费用计")}
        self._chinese = QLocale().language() == QLocale.Language.Chinese     # the UI language is fixed for a run
        self._by_code: dict = {}

    def _size(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list, prev_close: dict[str, Decimal]) -> None:
        """New figures: the same codes are one dataChanged (the selection stays); others reset the model."""
        self.prev_close = prev_close
        self._by_code = {h.code: h for h in rows}
        ordered = self._ordered(list(rows))
        if [h.code for h in ordered] == self.codes():
            self.rows = ordered
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self.rows = ordered
        self.endResetModel()

    def set_hidden(self, hidden: bool) -> None:
        if hidden != self.hidden:
            self.hidden = hidden
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def codes(self) -> list[str]:
        return [h.code for h in self.rows]

    def code_at(self, row: int) -> str | None:
        return self.rows[row].code if 0 <= row < len(self.rows) else None

    # -- sorting ------------------------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # noqa: D401 - Qt's signature
        self.sort_column, self.sort_order = column, order
        new = self._ordered(list(self._by_code.values()))
        if [h.code for h in new] != self.codes():
            self.layoutAboutToBeChanged.emit()
            where = {h.code: i for i, h in enumerate(new)}
            old = self.persistentIndexList()
            moved = [self.index(where.get(self.rows[i.row()].code, i.row()), i.column())
                     if 0 <= i.row() < len(self.rows) else i for i in old]
            self.rows = new
            self.changePersistentIndexList(old, moved)
            self.layoutChanged.emit()

    def _ordered(self, rows: list) -> list:
        rows.sort(key=lambda h: h.code)
        col = self.sort_column
        if not 0 <= col < len(COLUMNS):
            return rows
        key = COLUMNS[col]
        present = [h for h in rows if getattr(h, key) is not None]
        missing = [h for h in rows if getattr(h, key) is None]          # no quote: always last
        present.sort(key=lambda h: getattr(h, key), reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        return present + missing

    # -- cells ----------------------------------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        h, col = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(h, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None if col in ("code", "name") else _RIGHT
        if role == CODE_ROLE:
            return h.code
        if role == SORT_ROLE:
            return getattr(h, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(h, col)
        return None

    def text(self, h, col: str) -> str:
        if self.hidden and col in AMOUNTS:
            return HIDDEN
        if col in ("code", "name"):
            return getattr(h, col)
        if col == "shares":
            return f"{h.shares:,}"
        if col == "cost_price":
            return "—" if h.cost_price is None else str(h.cost_price.quantize(_MILLI))
        if col == "price":
            return price_text(h.price)
        if col in ("pnl_pct", "weight_pct"):
            return pct_text(getattr(h, col), signed=col == "pnl_pct")
        return money_text(getattr(h, col), self._chinese, signed=col in GAINS)

    def _colour(self, h, col: str):
        if self.hidden and col in AMOUNTS:
            return None
        if col in GAINS:
            v = getattr(h, col)
            return None if v is None else QColor(self.colors().for_change(v))
        if col == "price" and h.price is not None and h.code in self.prev_close:
            return QColor(self.colors().for_change(h.price - self.prev_close[h.code]))
        return None

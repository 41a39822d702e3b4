"""QuoteModel: quotes for a list of codes, refreshed in one batch (one dataChanged, never row by row).

Colours follow the user's convention (红涨绿跌 by default). Stale quotes are greyed, with their age in the
tooltip; missing prices (停牌, "-") show as "—". Times are market time (Asia/Shanghai), whatever the
computer's zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.market_hours import SHANGHAI
from desktop.ui.models.table_model import TableModel

if TYPE_CHECKING:
    from desktop.core.market import QuoteRow
from desktop.ui.style import PriceColors

# The columns of a trading terminal's 自选股 page; the pane hides some by default (users choose, persisted).
COLUMNS = ("code", "name", "price", "change_pct", "change", "open", "high", "low", "prev_close", "volume", "amount",
           "turnover_pct", "total_cap", "time")
HIDDEN_BY_DEFAULT = ("open", "high", "low", "prev_close", "volume", "turnover_pct")
CODE_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2           # the number behind a cell (None sorts last), for the header's sorting


def _num(v: float | None, digits: int = 2, suffix: str = "", signed: bool = False) -> str:
    if v is None:
        return "—"
    return f"{v:+.{digits}f}{suffix}" if signed else f"{v:.{digits}f}{suffix}"


def _amount(v: float | None, unit: str = "") -> str:
    """Chinese readers count in 万 and 亿 (10⁴, 10⁸); others in millions and billions."""
    if v is None:
        return "—"
    if QLocale().language() == QLocale.Chinese:
        return (f"{v / 1e8:.2f}亿" if v >= 1e8 else f"{v / 1e4:.0f}万" if v >= 1e4 else f"{v:.0f}") + unit
    return f"{v / 1e9:.2f}B" if v >= 1e9 else f"{v / 1e6:.1f}M" if v >= 1e6 else f"{v:.0f}"


class QuoteModel(TableModel):
    def __init__(self, colors: Callable[[], PriceColors], parent=None):
        super().__init__(parent)
        self.colors = colors
        self.rows: list[QuoteRow] = []
        self.codes: list[str] = []
        self.names: dict[str, str] = {}
        self.headers = (self.tr("代码"), self.tr("名称"), self.tr("最新价"), self.tr("涨跌幅"), self.tr("涨跌额"),
                        self.tr("今开"), self.tr("最高"), self.tr("最低"), self.tr("昨收"), self.tr("成交量"),
                        self.tr("成交额"), self.tr("换手率"), self.tr("总市值"), self.tr("时间"))
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_rows(self, codes: list[str], rows: list[QuoteRow], names: dict[str, str]) -> None:
        if codes != self.codes:
            self.beginResetModel()
            self.codes, self.names = list(codes), names
            self.rows = self._ordered(rows)
            self.endResetModel()
            return
        self.names = names
        self.rows = self._ordered(rows)
        if self.codes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.codes) - 1, len(COLUMNS) - 1))

    def _ordered(self, rows: list[QuoteRow]) -> list[QuoteRow | None]:
        by_code = {r.quote.code: r for r in rows}
        return [by_code.get(c) for c in self.codes]

    def code_at(self, row: int) -> str | None:
        return self.codes[row] if 0 <= row < len(self.codes) else None

    def _size(self) -> int:
        return len(self.codes)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        code = self.codes[index.row()]
        qr = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if role == CODE_ROLE:
            return code
        if role == SORT_ROLE:
            return self._sort_value(code, qr, col)
        if role == Qt.DisplayRole:
            if col == "code":
                return code
            if col == "name":
                return (qr.quote.name if qr and qr.quote.name else None) or self.names.get(code, "")
            if qr is None:
                return "—"
            q = qr.quote
            return {
                "price": _num(q.price),
                "change_pct": _num(q.change_pct, 2, "%", signed=True),
                "change": _num(q.change, 2, signed=True),
                "open": _num(q.open), "high": _num(q.high), "low": _num(q.low), "prev_close": _num(q.prev_close),
                "volume": _amount(q.volume / 100 if q.volume is not None else None, "手"),
                "amount": _amount(q.amount),
                "turnover_pct": _num(q.turnover_pct, 2, "%"),
                "total_cap": _amount(q.total_cap),
                "time": datetime.fromtimestamp(q.time, SHANGHAI).strftime("%H:%M:%S") if q.time else "—",
            }[col]
        if role == Qt.TextAlignmentRole and col not in ("code", "name"):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if qr is None:
            return None
        if role == Qt.ForegroundRole and col in ("price", "change_pct", "change", "open", "high", "low"):
            if qr.stale:
                return QColor("#9aa3ad")
            q = qr.quote
            if col in ("open", "high", "low"):      # against the previous close, as every terminal colours them
                v = getattr(q, col)
                move = None if v is None or q.prev_close is None else v - q.prev_close
                return QColor(self.colors().for_change(move))
            return QColor(self.colors().for_change(q.change_pct))
        if role == Qt.FontRole and qr.stale:
            return self._italic
        if role == Qt.ToolTipRole and qr.stale:
            return self.tr("数据已过时：%1 秒前获取").replace("%1", str(qr.age_s))
        return None

    @staticmethod
    def _sort_value(code: str, qr: QuoteRow | None, col: str):
        if col == "code":
            return code
        if col == "name":
            return qr.quote.name if qr else ""
        if qr is None or col == "time":
            return qr.quote.time if qr else None
        return getattr(qr.quote, col, None)

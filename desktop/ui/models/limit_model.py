"""LimitModel: the 涨停 pane's table (issue 26) — one row a stock of a pool in ladder order (连板, then the first
sealing), or, grouped by 题材, a header row per 题材 ("能源 · 7") over its stocks (the view spans the header across
the columns). Every name, industry and title is outside text: shown as item text (never rendered as markup) and
in tooltips through plain_tip. 封板资金 reads in 万/亿 (core/numbers.amount_text); its tooltip has the exact yuan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.limit_pools import LimitRow
from desktop.core.market_hours import SHANGHAI
from desktop.core.numbers import amount_text
from desktop.ui import i18n
from desktop.ui.models.table_model import TableModel
from desktop.ui.plain import plain_tip
from desktop.ui.style import PriceColors

if TYPE_CHECKING:
    from desktop.services.limit_view import PoolView

COLUMNS = ("code", "name", "change_pct", "streak", "first_sealed", "last_sealed", "seal_funds", "breaks", "industry",
           "reason", "evidence")
# the columns a pool has no figure for (hidden while it is shown)
HIDDEN = {"zt": frozenset(), "zb": frozenset({"streak", "last_sealed", "seal_funds", "reason", "evidence"}),
          "dt": frozenset({"first_sealed", "reason", "evidence"})}
CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
HEADER_ROLE = int(Qt.ItemDataRole.UserRole) + 2    # the 题材 of a header row ("" on a stock's row)
# roles as ints, read once: a view asks data() ~10 roles per cell, and reading Qt.DisplayRole costs microseconds
_DISPLAY, _ALIGN, _FOREGROUND, _FONT, _TOOLTIP = (int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole),
                                                  int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.ToolTipRole))
_SERVED = frozenset({_DISPLAY, _ALIGN, _FOREGROUND, _FONT, _TOOLTIP, CODE_ROLE, HEADER_ROLE})
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT_COLUMNS = frozenset(COLUMNS.index(c) for c in ("code", "name", "industry", "reason"))
_CHANGE = COLUMNS.index("change_pct")
_NO_FLAGS, _HEADER_FLAGS = Qt.ItemFlag.NoItemFlags, Qt.ItemFlag.ItemIsEnabled       # a 题材 header is not selectable
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class LimitModel(TableModel):
    def __init__(self, colors: Callable[[], PriceColors], parent=None):
        super().__init__(parent)
        self.colors = colors
        self.kind = "zt"
        self.view: PoolView | None = None             # the pool shown
        self.entries: list[LimitRow | tuple[str, list[LimitRow]]] = []   # a stock, or a 题材 header and its stocks
        self.texts: list[tuple[str, ...]] = []        # each entry's cells, worked out once per fill
        self._row_of: dict[str, int] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self.tiers = {"notice": self.tr("公告"), "only": self.tr("个股资讯"), "linked": self.tr("多股资讯"),
                      "theme": self.tr("题材资讯")}
        self._headers("zt")

    def _headers(self, kind: str) -> None:
        dt = kind == "dt"
        self.headers = (self.tr("代码"), self.tr("名称"), self.tr("涨幅"), self.tr("连续跌停") if dt else self.tr("连板"),
                        self.tr("首次封板"), self.tr("最后封板"), self.tr("封单资金") if dt else self.tr("封板资金"),
                        self.tr("开板次数") if dt else self.tr("炸板次数"), self.tr("所属行业"), self.tr("原因"),
                        self.tr("证据数"))
        self.header_tips = {COLUMNS.index("first_sealed"): self.tr("北京时间"),
                            COLUMNS.index("last_sealed"): self.tr("北京时间"),
                            COLUMNS.index("reason"): self.tr("昨日收盘以来的公告和资讯中最能解释涨停的一条：公告优先，"
                                                             "其次只关联这只股票的资讯，再次其板块、主题的资讯。点击查看相关资讯"),
                            COLUMNS.index("evidence"): self.tr("支持这条原因的资讯数")}

    def _size(self) -> int:
        return len(self.entries)

    def set_view(self, view, groups: list[tuple[str, list[LimitRow]]] | None, other: str) -> None:
        """A pool (services.limit_view.PoolView); `groups`: core.limit_groups.group's answer, or None for the
        plain ladder; `other`: the label of the stocks in no shared 题材."""
        self.beginResetModel()
        self.view, self.kind = view, view.kind
        self._headers(view.kind)
        if groups is None:
            self.entries = list(view.rows)
        else:
            self.entries = []
            for topic, rows in groups:
                self.entries.append((topic or other, rows))
                self.entries += rows
        self._row_of = {e.code: i for i, e in enumerate(self.entries) if isinstance(e, LimitRow)}
        chinese = i18n.current().startswith("zh")
        self.texts = [tuple(self.text(e, c, chinese) for c in COLUMNS) if isinstance(e, LimitRow) else
                      (self.tr("%1 · %2 家").replace("%1", e[0]).replace("%2", str(len(e[1]))),) + ("",) * (len(COLUMNS) - 1)
                      for e in self.entries]
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def codes(self) -> list[str]:
        return [e.code for e in self.entries if isinstance(e, LimitRow)]

    def row_of(self, code: str) -> int:
        return self._row_of.get(code, -1)

    def code_at(self, row: int) -> str | None:
        e = self.entries[row] if 0 <= row < len(self.entries) else None
        return e.code if isinstance(e, LimitRow) else None

    def header_rows(self) -> list[int]:
        return [i for i, e in enumerate(self.entries) if not isinstance(e, LimitRow)]

    def reason(self, code: str):
        return self.view.reasons.get(code) if self.view is not None else None

    def flags(self, index: QModelIndex | QPersistentModelIndex):
        if not index.isValid():
            return _NO_FLAGS
        return _ROW_FLAGS if isinstance(self.entries[index.row()], LimitRow) else _HEADER_FLAGS

    # -- cells ----------------------------------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role=_DISPLAY):
        if role not in _SERVED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self.texts[row][column] if 0 <= row < len(self.texts) else None
        e = self.entries[row]
        if not isinstance(e, LimitRow):
            return self._header(e, role)
        if role == _ALIGN:
            return None if column in _LEFT_COLUMNS else _RIGHT
        if role == _FOREGROUND:
            return QColor(self.colors().for_change(e.change_pct)) if column == _CHANGE and e.change_pct is not None \
                else None
        if role == _TOOLTIP:
            return self.tip(e, COLUMNS[column])
        if role == CODE_ROLE:
            return e.code
        return "" if role == HEADER_ROLE else None

    def _header(self, e: tuple[str, list[LimitRow]], role):
        topic, rows = e
        if role == _TOOLTIP:
            return plain_tip(f"{topic}\n" + "、".join(r.name for r in rows))
        if role == _FONT:
            return self._bold
        return topic if role == HEADER_ROLE else None

    def text(self, r: LimitRow, col: str, chinese: bool = True) -> str:
        if col in ("code", "name"):
            return getattr(r, col)
        if col == "change_pct":
            return "—" if r.change_pct is None else f"{r.change_pct:+.2f}%"
        if col in ("streak", "breaks"):
            v = getattr(r, col)
            return "—" if v is None else str(v)
        if col in ("first_sealed", "last_sealed"):
            return getattr(r, col) or "—"
        if col == "seal_funds":
            return amount_text(r.seal_funds, chinese=chinese)
        if col == "industry":
            return r.industry or "—"
        reason = self.reason(r.code)
        if col == "reason":
            return reason.title if reason is not None else "—"
        return str(reason.evidence) if reason is not None else "0"

    def tip(self, r: LimitRow, col: str) -> str | None:
        if col == "seal_funds" and r.seal_funds is not None:
            return plain_tip(self.tr("%1 元").replace("%1", f"{r.seal_funds:,.0f}"))
        if col == "name":
            return plain_tip(f"{r.name}  {r.code}")
        if col == "industry" and r.industry:
            return plain_tip(r.industry)
        if col in ("reason", "evidence"):
            return self.reason_tip(r.code)
        return None

    def reason_tip(self, code: str) -> str | None:
        """The reason's title, what kind of item it is, how many items back it, and its source and time."""
        reason = self.reason(code)
        if reason is None:
            return plain_tip(self.tr("昨日收盘以来没有找到相关公告或资讯")) if self.kind == "zt" else None
        lines = [reason.title, self.tr("%1 · 证据 %2 条").replace("%1", self.tiers.get(reason.tier, reason.tier))
                 .replace("%2", str(reason.evidence))]
        assert self.view is not None                  # a reason comes from the view
        feed, published = self.view.sources.get(reason.article_id, ("", 0))
        if feed or published:
            when = datetime.fromtimestamp(published, SHANGHAI).strftime("%m-%d %H:%M") if published else ""
            lines.append(self.tr("来源：%1").replace("%1", f"{feed} {when}".strip()))
        lines.append(self.tr("点击查看相关资讯"))
        return plain_tip("\n".join(lines))

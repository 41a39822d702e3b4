"""MoversModel: the 异动 pane's table — 时间 代码 名称 类型 详情 资讯 (the stock's latest linked item), newest first.

The type is coloured by its direction (火箭发射, 大笔买入, 封涨停板 … up; 高台跳水, 大笔卖出, 打开涨停板 … down) in the
price colours of the setting; names, details and titles are outside text, shown as plain text (tooltips through
ui/plain.plain_tip).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core.movers import TYPES
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.models.table_model import TableModel
from desktop.ui.plain import plain_tip
from desktop.ui.style import PriceColors

COLUMNS = ("time", "code", "name", "type", "detail", "article")
TITLES = {"time": QT_TRANSLATE_NOOP("MoversModel", "时间"), "code": QT_TRANSLATE_NOOP("MoversModel", "代码"),
          "name": QT_TRANSLATE_NOOP("MoversModel", "名称"), "type": QT_TRANSLATE_NOOP("MoversModel", "类型"),
          "detail": QT_TRANSLATE_NOOP("MoversModel", "详情"), "article": QT_TRANSLATE_NOOP("MoversModel", "相关资讯")}

# the 22 type names for lupdate (core/movers.TYPES holds them); shown through type_label
_TYPE_NAMES = (QT_TRANSLATE_NOOP("MoverTypes", "火箭发射"), QT_TRANSLATE_NOOP("MoverTypes", "快速反弹"),
               QT_TRANSLATE_NOOP("MoverTypes", "大笔买入"), QT_TRANSLATE_NOOP("MoverTypes", "封涨停板"),
               QT_TRANSLATE_NOOP("MoverTypes", "打开跌停板"), QT_TRANSLATE_NOOP("MoverTypes", "有大买盘"),
               QT_TRANSLATE_NOOP("MoverTypes", "竞价上涨"), QT_TRANSLATE_NOOP("MoverTypes", "高开5日线"),
               QT_TRANSLATE_NOOP("MoverTypes", "向上缺口"), QT_TRANSLATE_NOOP("MoverTypes", "60日新高"),
               QT_TRANSLATE_NOOP("MoverTypes", "60日大幅上涨"), QT_TRANSLATE_NOOP("MoverTypes", "加速下跌"),
               QT_TRANSLATE_NOOP("MoverTypes", "高台跳水"), QT_TRANSLATE_NOOP("MoverTypes", "大笔卖出"),
               QT_TRANSLATE_NOOP("MoverTypes", "封跌停板"), QT_TRANSLATE_NOOP("MoverTypes", "打开涨停板"),
               QT_TRANSLATE_NOOP("MoverTypes", "有大卖盘"), QT_TRANSLATE_NOOP("MoverTypes", "竞价下跌"),
               QT_TRANSLATE_NOOP("MoverTypes", "低开5日线"), QT_TRANSLATE_NOOP("MoverTypes", "向下缺口"),
               QT_TRANSLATE_NOOP("MoverTypes", "60日新低"), QT_TRANSLATE_NOOP("MoverTypes", "60日大幅下跌"))


def type_label(code: int) -> str:
    """A type's name in the interface language (火箭发射 / Rocket)."""
    return QCoreApplication.translate("MoverTypes", TYPES[code][0]) if code in TYPES else str(code)


class MoversModel(TableModel):
    def __init__(self, colors: Callable[[], PriceColors], parent=None):
        super().__init__(parent)
        self._colors = colors
        self.rows: list = []                  # services.movers.MoverRow, newest first
        self.labels: dict[int, str] = {}      # type → its name in the interface language
        self._up = self._down = QColor()

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.labels = {t: type_label(t) for t in {r.event.type for r in rows}}
        self.restyle()
        self.endResetModel()

    def restyle(self) -> None:
        """The up/down colours of the setting (read once, not per painted cell)."""
        colors = self._colors()
        self._up, self._down = QColor(colors.up), QColor(colors.down)

    def _size(self) -> int:
        return len(self.rows)

    # the base's attribute, which other models set once, is worked out here on each read (the language may change)
    @property
    def headers(self) -> tuple[str, ...]:  # type: ignore[override]          # translated when read (the interface language)
        return tuple(QCoreApplication.translate("MoversModel", TITLES[c]) for c in COLUMNS)

    def text(self, row: int, column: str) -> str:
        r = self.rows[row]
        if column == "detail":
            return r.detail
        if column == "article":
            return r.article_title
        if column == "type":
            return self.labels.get(r.event.type) or type_label(r.event.type)
        return getattr(r.event, column)        # time, code, name

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), column)
        if role == Qt.ItemDataRole.ForegroundRole and column == "type":
            return self._up if self.rows[index.row()].event.up else self._down
        if role == Qt.ItemDataRole.ToolTipRole and column in ("name", "detail", "article"):
            return plain_tip(self.text(index.row(), column)) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("time", "code"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def code_at(self, row: int) -> str | None:
        return self.rows[row].event.code if 0 <= row < len(self.rows) else None

    def article_at(self, row: int) -> int | None:
        return self.rows[row].article_id if 0 <= row < len(self.rows) else None

    def row_of(self, code: str) -> int:
        """The stock's latest event (rows are newest first); -1 when it has none shown."""
        return next((i for i, r in enumerate(self.rows) if r.event.code == code), -1)

"""NewsModel: the article list as a table model with incremental fetching (no widget per row).

Rows load a page at a time (keyset pagination on search_key), so 100,000 articles scroll like 50. New
articles are inserted at the top with beginInsertRows: persistent indexes (the selection) follow their rows.
Updates (read/star, edits) are batched into one dataChanged per refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core.changes import Changes
from desktop.core.news_filter import NewsFilter

if TYPE_CHECKING:
    import sqlite3

    from desktop.store.queries import ArticleRow

PAGE = 200
COLUMNS = ("time", "source", "title", "themes", "stocks")
ROW_ROLE = Qt.UserRole + 1


class NewsModel(QAbstractTableModel):
    def __init__(self, connect: Callable[[], sqlite3.Connection], theme_label: Callable[[str], str],
                 stock_name: Callable[[str], str], parent=None):
        super().__init__(parent)
        self._connect = connect
        self._conn: sqlite3.Connection | None = None
        self.theme_label = theme_label
        self.stock_name = stock_name
        self.filter = NewsFilter(collapse_duplicates=True)
        self.rows: list[ArticleRow] = []
        self._exhausted = False
        self._bold = QFont()
        self._bold.setBold(True)
        self._headers = (self.tr("时间"), self.tr("来源"), self.tr("标题"), self.tr("主题"), self.tr("股票"))

    # -- data access -------------------------------------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = self._connect()
        return self._conn

    def set_filter(self, f: NewsFilter) -> None:
        from desktop.store import queries  # the store is imported after the window's first paint

        self.beginResetModel()
        self.filter = f
        self.rows = queries.list_articles(self.conn, f, limit=PAGE)
        self._exhausted = len(self.rows) < PAGE
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self.filter)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted and bool(self.rows)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        from desktop.store import queries

        if parent.isValid() or not self.rows:
            return
        more = queries.list_articles(self.conn, self.filter, limit=PAGE, before_key=self.rows[-1].search_key)
        self._exhausted = len(more) < PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def apply_changes(self, changes: Changes) -> int:
        """Insert new matching articles at the top, refresh changed rows in place. Returns rows inserted."""
        from desktop.store import queries

        inserted = 0
        if changes.articles_removed and any(r.id in changes.articles_removed for r in self.rows):
            self.reload()
            return 0
        if changes.articles_added or changes.feeds:
            top = self.rows[0].search_key if self.rows else None
            fresh = queries.list_articles(self.conn, self.filter, limit=PAGE * 5, after_key=top) if top else []
            if not self.rows:
                self.reload()
                return len(self.rows)
            if fresh:
                self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
                self.rows[0:0] = fresh
                self.endInsertRows()
                inserted = len(fresh)
        touched = changes.articles_updated | changes.articles_state
        if touched:
            where = {r.id: i for i, r in enumerate(self.rows) if r.id in touched}
            if where:
                for row in queries.rows_by_ids(self.conn, list(where)):
                    self.rows[where[row.id]] = row
                first, last = min(where.values()), max(where.values())
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        return inserted

    def row_at(self, row: int) -> ArticleRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == article_id), -1)

    # -- Qt model ----------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            if col == "time":
                return _local_time(r.published)
            if col == "source":
                return r.feed_title
            if col == "title":
                return ("★ " if r.starred else "") + r.title
            if col == "themes":
                return " ".join(self.theme_label(t) for t in r.themes)
            if col == "stocks":
                return " ".join(self.stock_name(c) for c in r.stocks[:3]) + (" …" if len(r.stocks) > 3 else "")
        elif role == Qt.FontRole and not r.read:
            return self._bold
        elif role == Qt.ToolTipRole and col in ("title", "stocks"):
            return r.title if col == "title" else " ".join(f"{self.stock_name(c)}({c})" for c in r.stocks)
        elif role == ROW_ROLE:
            return r
        return None


def _local_time(ts: int) -> str:
    """Local time, short: today → 09:31, this year → 11-24 09:31, else 2025-11-24."""
    dt = datetime.fromtimestamp(ts).astimezone()
    now = datetime.now().astimezone()
    if dt.date() == now.date():
        return dt.strftime("%H:%M")
    if dt.year == now.year:
        return dt.strftime("%m-%d %H:%M")
    return dt.strftime("%Y-%m-%d")

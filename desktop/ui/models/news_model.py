"""NewsModel: the article list as a table model with incremental fetching (no widget per row).

Rows load a page at a time (keyset pagination on search_key), so 100,000 articles scroll like 50. New
articles are inserted at the top with beginInsertRows: persistent indexes (the selection) follow their rows.
Updates (read/star, edits) are batched into one dataChanged per refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from desktop.core import clock
from desktop.core.changes import Changes
from desktop.core.news_filter import NewsFilter
from desktop.ui.feed_names import short_source, shown_feed
from desktop.ui.models.table_model import TableModel
from desktop.ui.plain import plain_tip
from desktop.ui.widgets.chip_delegate import CHIPS_ROLE, PAINT_ROLE

if TYPE_CHECKING:
    from desktop.core.news import ArticleRow

PAGE = 200
COLUMNS = ("time", "source", "title", "themes", "stocks")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class NewsModel(TableModel):
    def __init__(self, reader, theme_label: Callable[[str], str], stock_name: Callable[[str], str], parent=None):
        """`reader`: services.reader.ReaderService (or anything with list_articles and rows_by_ids)."""
        super().__init__(parent)
        self.reader = reader
        self.theme_label = theme_label
        self.stock_name = stock_name
        self.filter = NewsFilter(collapse_duplicates=True)
        self.rows: list[ArticleRow] = []
        self._exhausted = False
        self._text_cache: dict[tuple, tuple[Any, ...]] = {}   # a row's texts, its chips
        self._cache_day = -1
        self._bold = QFont()
        self._bold.setBold(True)
        self.headers = (self.tr("时间"), self.tr("来源"), self.tr("标题"), self.tr("主题"), self.tr("股票"))
        # One rule for every time in the window: market time, Beijing's, whatever the computer's zone
        self.header_tips = {0: self.tr("北京时间（UTC+8），与交易所的时间一致")}

    # -- data access -------------------------------------------------------------------------------------
    def set_filter(self, f: NewsFilter) -> None:
        self.beginResetModel()
        self.filter = f
        self.rows = self.reader.list_articles(f, PAGE)
        self._exhausted = len(self.rows) < PAGE
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self.filter)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted and bool(self.rows)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or not self.rows:
            return
        more = self.reader.list_articles(self.filter, PAGE, before_key=self.rows[-1].search_key)
        self._exhausted = len(more) < PAGE
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()

    def apply_changes(self, changes: Changes, anchor_row: int = 0) -> int:
        """Insert new matching articles where they belong by time, refresh changed rows in place.

        New articles are not always the newest (a slow feed's items can be older than what is shown), so each
        goes to its place in the list; rows above `anchor_row` (the first visible row) are counted and
        returned, so the view can keep what the reader is looking at where it was."""
        if changes.articles_removed:
            self._remove(changes.articles_removed)
        if not self.rows:
            if changes.articles_added or changes.feeds:
                self.reload()
            return 0
        above = 0
        if changes.articles_added:
            floor = None if self._exhausted else self.rows[-1].search_key   # below the loaded page: fetchMore's
            known = {r.id for r in self.rows}
            fresh = [r for r in self.reader.list_articles(self.filter, len(changes.articles_added),
                                                          ids=sorted(changes.articles_added))
                     if r.id not in known and (floor is None or r.search_key > floor)]
            above = self._insert_sorted(fresh, anchor_row)
        touched = changes.articles_updated | changes.articles_state
        if touched:
            where = {r.id: i for i, r in enumerate(self.rows) if r.id in touched}
            if where:
                for row in self.reader.rows_by_ids(list(where)):
                    self.rows[where[row.id]] = row
                first, last = min(where.values()), max(where.values())
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        return above

    def _remove(self, ids: set[int]) -> None:
        """Drop deleted rows run by run (no model reset: the selection and scroll position survive)."""
        i = len(self.rows) - 1
        while i >= 0:
            if self.rows[i].id in ids:
                end = i
                while i > 0 and self.rows[i - 1].id in ids:
                    i -= 1
                self.beginRemoveRows(QModelIndex(), i, end)
                del self.rows[i:end + 1]
                self.endRemoveRows()
            i -= 1

    def _insert_sorted(self, fresh: list, anchor_row: int) -> int:
        """Insert rows (any order) keeping the list newest-first; one beginInsertRows per contiguous run."""
        fresh.sort(key=lambda r: r.search_key, reverse=True)
        above = 0
        i = 0          # position in self.rows
        j = 0          # position in fresh
        while j < len(fresh):
            while i < len(self.rows) and self.rows[i].search_key > fresh[j].search_key:
                i += 1
            run = [fresh[j]]
            j += 1
            nxt = self.rows[i].search_key if i < len(self.rows) else -1
            while j < len(fresh) and fresh[j].search_key > nxt:
                run.append(fresh[j])
                j += 1
            self.beginInsertRows(QModelIndex(), i, i + len(run) - 1)
            self.rows[i:i] = run
            self.endInsertRows()
            if i <= anchor_row:
                above += len(run)
                anchor_row += len(run)
            i += len(run)
        return above

    def row_at(self, row: int) -> ArticleRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # -- Qt model ----------------------------------------------------------------------------------------
    def _size(self) -> int:
        return len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        # A paint asks ~10 roles for each visible cell: the common answers are one dict lookup (texts cached
        # per row) and roles we do not serve return at once. This made a list repaint 4× cheaper (bench/ui).
        if role == PAINT_ROLE:         # the delegate's one question per cell (see chip_delegate)
            row = index.row()
            return self._texts(row), self.rows[row].read, self._chips(row)
        if role == _DISPLAY:
            return self._texts(index.row())[index.column()]
        if role == _FONT:
            return None if self.rows[index.row()].read else self._bold
        if role == _TOOLTIP:    # feed text: escaped, never rendered as markup (ui/plain.py)
            col = index.column()
            if col in (1, 2):   # the whole title and where it is from: the cells cut both
                r = self.rows[index.row()]
                when = datetime.fromtimestamp(r.published, clock.SHANGHAI).strftime("%Y-%m-%d %H:%M")
                return plain_tip(f"{r.title}\n{shown_feed(r.feed_title)} · {when}")
            if col == 3:
                return plain_tip(" ".join(self.theme_label(t) for t in self.rows[index.row()].themes)) or None
            if col == 4:
                return plain_tip(" ".join(f"{self.stock_name(c)}({c})" for c in self.rows[index.row()].stocks))
            return None
        if role == ROW_ROLE:
            return self.rows[index.row()]
        if role == CHIPS_ROLE and index.column() >= 3:
            return self._chips(index.row())[index.column() - 3]
        return None

    def _chips(self, row: int) -> tuple[list, list]:
        r = self.rows[row]
        key = ("chips", r.id, r.search_key)
        cached = self._text_cache.get(key)
        if cached is None:
            cached = ([("theme", t, self.theme_label(t)) for t in r.themes],
                      [("stock", c, self.stock_name(c)) for c in r.stocks])
            self._text_cache[key] = cached
        return cached

    def _texts(self, row: int) -> tuple[str, ...]:
        day = clock.today_shanghai().toordinal()
        if day != self._cache_day:             # "09:31" means today (Beijing's): after midnight, reformat
            self._text_cache.clear()
            self._cache_day = day
        r = self.rows[row]
        key = (r.id, r.starred, r.search_key)
        cached = self._text_cache.get(key)
        if cached is None:
            stocks = " ".join(self.stock_name(c) for c in r.stocks[:3]) + (" …" if len(r.stocks) > 3 else "")
            cached = (market_time(r.published), short_source(r.feed_title), ("★ " if r.starred else "") + r.title,
                      " ".join(self.theme_label(t) for t in r.themes), stocks)
            if len(self._text_cache) > 20_000:
                self._text_cache.clear()
            self._text_cache[key] = cached
        return cached

    def clear_text_cache(self) -> None:
        """Call when labels change (theme names, stock names, language)."""
        self._text_cache.clear()


_DISPLAY = Qt.ItemDataRole.DisplayRole
_FONT = Qt.ItemDataRole.FontRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def market_time(ts: int) -> str:
    """Beijing time, short — today → 09:31, this year → 11-24 09:31, else 2025-11-24. Every time in the window
    is the market's (Asia/Shanghai), whatever the computer's zone: an article, the quote it moved and the
    heatmap's tooltip read the same clock."""
    dt = datetime.fromtimestamp(ts, clock.SHANGHAI)
    now = clock.shanghai()
    if dt.date() == now.date():
        return dt.strftime("%H:%M")
    if dt.year == now.year:
        return dt.strftime("%m-%d %H:%M")
    return dt.strftime("%Y-%m-%d")

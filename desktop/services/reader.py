"""ReaderService: what the news panes need from the store, as one small Qt-free API.

Reads use a read-only connection of the calling thread (the GUI thread for panes: every query here is an
index lookup of at most a few hundred rows). Writes go through the single writer and return at once; the
panes learn the outcome from `data_committed`, like every other change.
"""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.news import Article, ArticleRow, Feed
from desktop.core.news_filter import NewsFilter
from desktop.store import alerts as alert_ops
from desktop.store import articles as article_ops
from desktop.store import feeds as feed_ops
from desktop.store import queries
from desktop.store.db import connect_ro
from desktop.store.stocks import stock_names
from desktop.store.writer import Writer

if TYPE_CHECKING:
    from desktop.core.alerts import Rule


class ReaderService:
    def __init__(self, writer: Writer, db_path: Path):
        self.writer = writer
        self.db_path = db_path
        self._local = threading.local()

    @property
    def read_only(self) -> bool:
        """Writes would fail (a read-only data directory): panes disable what writes."""
        return bool(getattr(self.writer, "read_only", False))

    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            c = self._local.conn = connect_ro(self.db_path)
        return c

    # -- reads -------------------------------------------------------------------------------------------
    def list_articles(self, f: NewsFilter, limit: int, *, before_key: int | None = None,
                      ids: list[int] | None = None) -> list[ArticleRow]:
        """Newest first: a page of the list, the page below `before_key`, or just these `ids` if they match."""
        return queries.list_articles(self.conn(), f, limit=limit, before_key=before_key, ids=ids)

    def rows_by_ids(self, ids: list[int]) -> list[ArticleRow]:
        return queries.rows_by_ids(self.conn(), ids)

    def linked_since(self, code: str, since: int) -> list[tuple[int, int]]:
        """(id, published) of the articles linked to `code` since `since`, newest first."""
        return queries.linked_since(self.conn(), code, since)

    def tagged(self, ids: set[int], theme: str) -> set[int]:
        """Which of `ids` carry the theme or tag `theme` (e.g. 公告)."""
        return queries.tagged(self.conn(), ids, theme)

    def linked_counts_all(self, since: int) -> dict[str, int]:
        """Articles published since `since` per linked code (every code)."""
        return queries.linked_counts_all(self.conn(), since)

    def newest_linked(self, codes: list[str], since: int, limit: int = 3) -> list[tuple[int, str, int]]:
        """(id, title, published) of the newest articles since `since` linking any of `codes`."""
        return queries.newest_linked(self.conn(), codes, since, limit)

    def theme_stocks(self, theme: str, since: int) -> dict[str, int]:
        """Code → how many of the theme's articles since `since` link it (the heatmap's theme basket)."""
        return queries.theme_stocks(self.conn(), theme, since)

    def linked_today(self, codes: list[str], now: float) -> dict[str, int]:
        """How many articles published today (Beijing time) link to each code."""
        from datetime import datetime

        from desktop.core.market_hours import SHANGHAI

        day = datetime.fromtimestamp(now, SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
        return queries.linked_counts(self.conn(), codes, int(day.timestamp()))

    def article(self, article_id: int) -> Article | None:
        return queries.get_article(self.conn(), article_id)

    def also_reported(self, article_id: int) -> list[tuple[int, str]]:
        return queries.also_reported(self.conn(), article_id)

    def feeds(self) -> list[Feed]:
        return feed_ops.list_feeds(self.conn())

    def unread_by_feed(self) -> dict[int, int]:
        return queries.unread_by_feed(self.conn())

    def unread_by_theme(self) -> dict[str, int]:
        return queries.unread_by_theme(self.conn())

    def totals(self) -> tuple[int, int, int]:
        return queries.totals(self.conn())

    def totals_by(self) -> tuple[dict[int, int], dict[str, int], int]:
        return queries.totals_by(self.conn())

    def stock_names(self) -> dict[str, str]:
        try:
            return stock_names(self.conn())
        except sqlite3.OperationalError:
            return {}

    # -- writes (asynchronous) ---------------------------------------------------------------------------
    def set_read(self, ids: list[int], read: bool = True) -> Future[Any]:
        return self.writer.submit(lambda c: article_ops.set_flag(c, ids, "read", read))

    def set_starred(self, ids: list[int], starred: bool) -> Future[Any]:
        return self.writer.submit(lambda c: article_ops.set_flag(c, ids, "starred", starred))

    def mark_all_read(self, f: NewsFilter) -> Future[Any]:
        ids = queries.matching_ids(self.conn(), f.with_(unread=True, collapse_duplicates=False))
        return self.set_read(ids, True)

    def unread_ids(self, f: NewsFilter, before_key: int | None = None) -> list[int]:
        """The unread articles under `f` (below `before_key`: older than that row) — what "mark all read" and
        "mark older read" change, kept by the caller so it can be undone."""
        return queries.matching_ids(self.conn(), f.with_(unread=True, collapse_duplicates=False), before_key)

    def count_articles(self, f: NewsFilter) -> int:
        return queries.count_articles(self.conn(), f)

    # -- alerts (store/alerts.py): read here, written through the writer ----------------------------------------
    def alert_rules(self) -> list[Any]:
        return alert_ops.rules(self.conn())

    def fired_alerts(self, limit: int = 200) -> list[dict[str, Any]]:
        return alert_ops.fired_log(self.conn(), limit)

    def add_alert_rule(self, rule: Rule) -> Future[Any]:
        return self.writer.submit(lambda c: alert_ops.add_rule(c, rule))

    def update_alert_rule(self, rule_id: int, **fields: Any) -> Future[Any]:
        return self.writer.submit(lambda c: alert_ops.update_rule(c, rule_id, **fields))

    def remove_alert_rule(self, rule_id: int) -> Future[Any]:
        return self.writer.submit(lambda c: alert_ops.remove_rule(c, rule_id))

    def mark_alerts_read(self, ids: list[int]) -> Future[Any]:
        return self.writer.submit(lambda c: alert_ops.mark_fired_read(c, ids))

    def add_feed(self, url: str, folder: str, interval_s: int) -> Future[Any]:
        return self.writer.submit(lambda c: feed_ops.add_feeds(
            c, [feed_ops.NewFeed(url=url, folder=folder, interval_s=interval_s)]))

    def remove_feed(self, feed_id: int) -> Future[Any]:
        return self.writer.submit(lambda c: feed_ops.remove_feed(c, feed_id))

    def update_feed(self, feed_id: int, **fields: Any) -> Future[Any]:
        return self.writer.submit(lambda c: feed_ops.update_feed(c, feed_id, **fields))

    def rename_folder(self, old: str, new: str) -> Future[Any]:
        return self.writer.submit(lambda c: feed_ops.rename_folder(c, old, new))

    def import_feeds(self, feeds: list[feed_ops.NewFeed]) -> Future[Any]:
        return self.writer.submit(lambda c: feed_ops.add_feeds(c, feeds))

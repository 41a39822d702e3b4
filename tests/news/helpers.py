"""Small helpers for news tests that drive the real Core (writer, refresher, store)."""

from __future__ import annotations

from desktop.core.news import Feed
from desktop.core.news_filter import NewsFilter
from desktop.store import feeds as feed_ops
from desktop.store import queries


def add_feed(core, url: str, folder: str = "") -> int:
    ids, _ = core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url=url, folder=folder)]))
    return ids[0]


def feed(core, feed_id: int) -> Feed:
    conn = core.reader()
    try:
        return feed_ops.get_feed(conn, feed_id)
    finally:
        conn.close()


def refresh(core, *feed_ids: int):
    refresher = core.refresher()
    outcomes = refresher.refresh(refresher.due(feed_ids=list(feed_ids)))
    return outcomes[0] if len(outcomes) == 1 else outcomes


def articles(core, **filters):
    conn = core.reader()
    try:
        return queries.list_articles(conn, NewsFilter(**filters), limit=10_000)
    finally:
        conn.close()


def count(core, sql: str, *params) -> int:
    conn = core.reader()
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()

"""Feed rows: writer operations (add, remove, import, fetch bookkeeping) and reads."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.core import clock
from desktop.core.changes import Changes
from desktop.core.news import Feed
from desktop.core.schedule import FLASH_INTERVAL_S, FLASH_URLS, NOTICES_INTERVAL_S, STOCK_NEWS_INTERVAL_S
from desktop.core.status import FeedResult
from desktop.store.articles import delete_articles
from desktop.store.db import inserted_id

FEED_COLUMNS = ("id, url, title, folder, site_url, interval_s, etag, last_modified, body_hash, last_success,"
                " last_error, failures, next_due, enabled")


@dataclass(frozen=True, slots=True)
class NewFeed:
    url: str
    title: str = ""
    folder: str = ""
    site_url: str = ""
    interval_s: int = 900


@dataclass(frozen=True, slots=True)
class FetchState:
    """What one fetch attempt leaves on its feed row (written in the same transaction as its articles)."""

    ok: bool
    attempted: int
    next_due: int
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    error: str | None = None
    title: str | None = None
    site_url: str | None = None


def _row_to_feed(r: tuple[Any, ...]) -> Feed:
    return Feed(id=r[0], url=r[1], title=r[2], folder=r[3], site_url=r[4], interval_s=r[5], etag=r[6],
                last_modified=r[7], body_hash=r[8], last_success=r[9], last_error=r[10], failures=r[11],
                next_due=r[12], enabled=bool(r[13]))


# -- reads -----------------------------------------------------------------------------------------------
def list_feeds(conn: sqlite3.Connection) -> list[Feed]:
    rows = conn.execute(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY folder, position, id").fetchall()
    return [_row_to_feed(r) for r in rows]


def get_feed(conn: sqlite3.Connection, feed_id: int) -> Feed | None:
    r = conn.execute(f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)).fetchone()
    return _row_to_feed(r) if r else None


def latest_results(conn: sqlite3.Connection) -> list[FeedResult]:
    """Each enabled feed's latest fetch (feeds never fetched are left out), in the sidebar's order."""
    rows = conn.execute(
        "SELECT CASE WHEN title != '' THEN title ELSE url END, last_attempt, last_success, last_error FROM feeds"
        " WHERE enabled = 1 AND last_attempt IS NOT NULL ORDER BY folder, position, id").fetchall()
    return [FeedResult(r[0], r[1], r[2], r[3]) for r in rows]


def due_feeds(conn: sqlite3.Connection, now: int) -> list[Feed]:
    rows = conn.execute(
        f"SELECT {FEED_COLUMNS} FROM feeds WHERE enabled = 1 AND next_due <= ? ORDER BY next_due, id", (now,)
    ).fetchall()
    return [_row_to_feed(r) for r in rows]


# -- writes ----------------------------------------------------------------------------------------------
def add_feeds(conn: sqlite3.Connection, feeds: Iterable[NewFeed], *, skip_existing: bool = True) -> tuple[list[int], Changes]:
    """Insert feeds; with skip_existing, URLs already subscribed are left as they are. Returns new ids."""
    now = clock.now_s()
    ids: list[int] = []
    for f in feeds:
        verb = "INSERT OR IGNORE" if skip_existing else "INSERT"
        # a 7×24 快讯 source is read every couple of minutes, 公告 every half hour — not at an RSS feed's pace
        # (their own defaults; the feeds table changes them like any feed's)
        interval = (NOTICES_INTERVAL_S if f.url == "akshare:notices" else
                    STOCK_NEWS_INTERVAL_S if f.url == "akshare:stocknews" else
                    FLASH_INTERVAL_S if f.url in FLASH_URLS else f.interval_s)
        cur = conn.execute(
            f"{verb} INTO feeds(url, title, folder, site_url, interval_s, added, position)"
            " VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM feeds))",
            (f.url, f.title, f.folder, f.site_url, interval, now),
        )
        if cur.rowcount:
            ids.append(inserted_id(cur))
    return ids, Changes(feeds=set(ids))


def remove_feed(conn: sqlite3.Connection, feed_id: int) -> tuple[int, Changes]:
    """Delete a feed and its articles (their search rows too). Returns the number of articles removed."""
    if conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone() is None:
        raise KeyError(feed_id)
    removed = delete_articles(conn, "feed_id = ?", (feed_id,), tombstone=False)
    conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
    return len(removed), Changes(feeds={feed_id}, articles_removed=set(removed))


def update_feed(conn: sqlite3.Connection, feed_id: int, **fields: Any) -> Changes:
    allowed = {"title", "folder", "url", "interval_s", "enabled", "position", "next_due"}
    bad = set(fields) - allowed
    if bad:
        raise ValueError(f"cannot update {', '.join(sorted(bad))}")
    if fields:
        sets = ", ".join(f"{k} = ?" for k in fields)
        conn.execute(f"UPDATE feeds SET {sets} WHERE id = ?", (*fields.values(), feed_id))
    return Changes(feeds={feed_id})


def rename_folder(conn: sqlite3.Connection, old: str, new: str) -> Changes:
    rows = conn.execute("UPDATE feeds SET folder = ? WHERE folder = ? RETURNING id", (new, old)).fetchall()
    return Changes(feeds={r[0] for r in rows})


def record_fetch(conn: sqlite3.Connection, feed_id: int, state: FetchState) -> None:
    if state.ok:
        conn.execute(
            "UPDATE feeds SET last_attempt = ?, last_success = ?, last_error = NULL, failures = 0, next_due = ?,"
            " etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),"
            " body_hash = COALESCE(?, body_hash),"
            " title = CASE WHEN title = '' AND ? IS NOT NULL THEN ? ELSE title END,"
            " site_url = CASE WHEN site_url = '' AND ? IS NOT NULL THEN ? ELSE site_url END"
            " WHERE id = ?",
            (state.attempted, state.attempted, state.next_due, state.etag, state.last_modified, state.body_hash,
             state.title, state.title, state.site_url, state.site_url, feed_id),
        )
    else:
        conn.execute(
            "UPDATE feeds SET last_attempt = ?, last_error = ?, failures = failures + 1, next_due = ? WHERE id = ?",
            (state.attempted, state.error, state.next_due, feed_id),
        )


def postpone(conn: sqlite3.Connection, feed_id: int, next_due: int) -> None:
    """Not fetched (nothing to ask: a per-stock feed without watched stocks): only when to look again; its
    latest result stays what it was."""
    conn.execute("UPDATE feeds SET next_due = ? WHERE id = ?", (next_due, feed_id))


# -- the first run ---------------------------------------------------------------------------------------
FIRST_RUN_KEY = "feeds.defaults_subscribed"   # in `meta`: this database's first run has happened


def first_run_done(conn: sqlite3.Connection) -> bool:
    """Whether the first run (the window's or a CLI command's) has subscribed the bundled feeds — or found a list
    of the user's own and left it alone."""
    return conn.execute("SELECT 1 FROM meta WHERE key = ?", (FIRST_RUN_KEY,)).fetchone() is not None


def has_feeds(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM feeds LIMIT 1").fetchone() is not None


def is_subscribed(conn: sqlite3.Connection, url: str) -> bool:
    return conn.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone() is not None


def feed_exists(conn: sqlite3.Connection, feed_id: int) -> bool:
    return conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone() is not None


def subscribe_first_run(conn: sqlite3.Connection, feeds: Iterable[NewFeed]) -> tuple[list[int], Changes] | None:
    """Writer op: `feeds` subscribed once per database, marked in `meta`, so that a user who removes them is not
    subscribed again. None when the first run has happened already; nothing added (the mark set) when the user
    has feeds of their own (subscribed with `feeds add`/`feeds import` before the first run)."""
    if first_run_done(conn):
        return None
    conn.execute("INSERT INTO meta(key, value) VALUES (?, '1')", (FIRST_RUN_KEY,))
    if has_feeds(conn):
        return [], Changes()
    return add_feeds(conn, feeds)

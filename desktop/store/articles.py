"""Writer operations on articles: ingest (insert or update in place), read/star state, deletion.

Every function takes the writer's connection and runs inside the writer's transaction; none commits.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from desktop.core import near_dup
from desktop.core.changes import Changes
from desktop.core.dedup import cluster_key, content_hash, identity_key
from desktop.core.news import TaggedEntry
from desktop.core.normalize import normalize
from desktop.store import fts
from desktop.store.db import IN_LIST, as_list

FLASH_GUID = "akshare:"   # sources/flash_news.PREFIX: the store does not import sources


@dataclass(slots=True)
class IngestResult:
    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0

    def changes(self) -> Changes:
        return Changes(articles_added=set(self.new), articles_updated=set(self.updated))


def _fts_insert(conn: sqlite3.Connection, key: int, item: TaggedEntry) -> None:
    doc = item.search_doc or fts.document(item.entry.normalized_title, item.entry.text)
    conn.execute("INSERT INTO articles_fts(rowid, body) VALUES (?, ?)", (key, doc))


def _fts_delete(conn: sqlite3.Connection, key: int, title: str, text: str) -> None:
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rowid, body) VALUES ('delete', ?, ?)",
        (key, fts.document(normalize(title), text)),
    )


# Rows as one JSON array bound once: SQLite walks it (json_each) without returning to Python per row. executemany
# binds each row under the GIL and steps it without: with fetch and unpickling threads busy, every row waited for
# the GIL again (bench/ingest.py: the tags of 10,000 articles took 1.85 s of 2.99 s in ingest()).
def _col(i: int) -> str:
    return f"json_extract(value, '$[{i}]')"


ROWS_OF_3 = f"SELECT {_col(0)}, {_col(1)}, {_col(2)} FROM json_each(?)"
ROWS_OF_4 = f"SELECT {_col(0)}, {_col(1)}, {_col(2)}, {_col(3)} FROM json_each(?)"


def _write_tags(conn: sqlite3.Connection, items: list[tuple[int, TaggedEntry]], replace: bool) -> None:
    if replace:
        ids = as_list(aid for aid, _ in items)
        conn.execute(f"DELETE FROM article_themes WHERE article_id IN ({IN_LIST})", (ids,))
        conn.execute(f"DELETE FROM article_stocks WHERE article_id IN ({IN_LIST})", (ids,))
    themes = [[aid, t.theme, json.dumps(list(t.terms), ensure_ascii=False)] for aid, item in items
              for t in item.themes]
    stocks = [[aid, s.code, s.matched, s.confidence] for aid, item in items for s in item.stocks]
    if themes:
        conn.execute(f"INSERT OR REPLACE INTO article_themes(article_id, theme, terms) {ROWS_OF_3}",
                     (json.dumps(themes, ensure_ascii=False),))
    if stocks:
        conn.execute(f"INSERT OR REPLACE INTO article_stocks(article_id, code, matched, confidence) {ROWS_OF_4}",
                     (json.dumps(stocks, ensure_ascii=False),))


def _existing(conn: sqlite3.Connection, keys: list[str]) -> dict[str, int | None]:
    """key → article id; None for a tombstone (an article deleted by retention: never re-inserted)."""
    return dict(conn.execute(f"SELECT key, article_id FROM article_keys WHERE key IN ({IN_LIST})", (as_list(keys),)))


def ingest(conn: sqlite3.Connection, feed_id: int, items: Iterable[TaggedEntry], fetched: int) -> IngestResult:
    """Insert new items, update changed ones in place (read/starred kept), skip identical ones.

    Batched: one key lookup for the whole feed, then executemany per table (a feed of 200 items costs a dozen
    statements, not a thousand)."""
    result = IngestResult()
    keyed = []
    for item in items:
        e = item.entry
        keyed.append((item, identity_key(feed_id, e.guid, e.url, e.title, None if e.date_missing else e.published,
                                         e.text)))
    known = _existing(conn, [key for _item, key in keyed])
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
    rows, key_rows, fts_rows, new_items = [], [], [], []
    slots = fts.KeySlots(conn)
    for item, key in keyed:
        e = item.entry
        digest = content_hash(e.title, e.summary_html, e.url, e.author)
        if key in known:
            aid = known[key]
            if aid is None or aid in result.new:
                continue                     # deleted by retention, or listed twice in this very feed
            if _update(conn, aid, item, digest, fetched):
                result.updated.append(aid)
            else:
                result.unchanged += 1
            continue
        aid, next_id = next_id, next_id + 1
        known[key] = aid
        search_key = slots.take(e.published, aid)
        rows.append((aid, feed_id, e.guid, e.url, e.title, e.summary_html, e.text, e.author, e.published, fetched,
                     digest, search_key, cluster_key(e.normalized_title)))
        key_rows.append((key, aid))
        fts_rows.append((search_key, item.search_doc or fts.document(e.normalized_title, e.text)))
        new_items.append((aid, item))
        result.new.append(aid)
    _join_same_story(conn, feed_id, rows)
    conn.executemany(
        "INSERT INTO articles(id, feed_id, guid, url, title, summary_html, text, author, published, fetched,"
        " content_hash, search_key, cluster_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT OR REPLACE INTO article_keys(key, article_id) VALUES (?, ?)", key_rows)
    conn.executemany("INSERT INTO articles_fts(rowid, body) VALUES (?, ?)", fts_rows)
    _write_tags(conn, new_items, replace=False)
    return result


def _join_same_story(conn: sqlite3.Connection, feed_id: int, rows: list[tuple[Any, ...]]) -> None:
    """A new short item that another feed carried within the hour (core/near_dup.py) joins that item's
    near-duplicate group (cluster_key; "~<id>" when the earlier one had none), so the list shows the story once
    and the article lists the other sources. Only 快讯 meet this way: a 快讯 source's item (guid akshare:…)
    against any short item, any other item against the 快讯 sources' (an RSSHub copy of 电报); RSS articles
    meet on their URL and title (dedup.py). One candidate query per batch. `rows` are the INSERT tuples (guid at
    2, text at 6, published at 8, cluster_key last), changed in place."""
    short = [(n, row) for n, row in enumerate(rows) if len(row[6]) <= near_dup.FLASH_MAX_CHARS]
    if not short:
        return
    flash_batch = any((row[2] or "").startswith(FLASH_GUID) for _n, row in short)
    lo = min(row[8] for _n, row in short) - near_dup.WINDOW_S
    hi = max(row[8] for _n, row in short) + near_dup.WINDOW_S
    # an RSS batch looks only at the 快讯 feeds' items (on the feed_id, search_key index): most find none and end
    # here, before any text is compared
    feeds = "" if flash_batch else " AND feed_id IN (SELECT id FROM feeds WHERE url LIKE 'akshare:%')"
    found = conn.execute(
        "SELECT id, cluster_key, text, published, guid FROM articles WHERE search_key BETWEEN ? AND ?"
        " AND feed_id != ? AND length(text) <= ?" + feeds + " ORDER BY id",
        (fts.key_floor(lo), fts.key_floor(hi + 1) - 1, feed_id, near_dup.FLASH_MAX_CHARS)).fetchall()
    if not found:
        return
    mine = [(n, row, near_dup.signature(row[6])) for n, row in short]
    candidates = [[aid, key, published, near_dup.signature(text), (guid or "").startswith(FLASH_GUID)]
                  for aid, key, text, published, guid in found]
    for n, row, sig in mine:
        is_flash = (row[2] or "").startswith(FLASH_GUID)
        for cand in candidates:
            aid, key, published, other, other_flash = cand
            if (is_flash or other_flash) and abs(published - row[8]) <= near_dup.WINDOW_S \
                    and near_dup.same_story(sig, other):
                if not key:
                    key = cand[1] = f"~{aid}"
                    conn.execute("UPDATE articles SET cluster_key = ? WHERE id = ?", (key, aid))
                rows[n] = row[:-1] + (key,)
                break


def _update(conn: sqlite3.Connection, aid: int, item: TaggedEntry, digest: str, fetched: int) -> bool:
    """Update a stored article in place if its content changed; False when it is identical."""
    old = conn.execute("SELECT content_hash, title, text, search_key FROM articles WHERE id = ?", (aid,)).fetchone()
    if old[0] == digest:
        return False
    e = item.entry
    _fts_delete(conn, old[3], old[1], old[2])
    conn.execute(
        "UPDATE articles SET title = ?, summary_html = ?, text = ?, url = COALESCE(?, url), author = ?,"
        " guid = COALESCE(guid, ?), updated = ?, content_hash = ?,"
        " cluster_key = CASE WHEN title = ? THEN cluster_key ELSE ? END WHERE id = ?",   # keeps a same-story group
        (e.title, e.summary_html, e.text, e.url, e.author, e.guid, fetched, digest, e.title,
         cluster_key(e.normalized_title), aid),
    )
    _fts_insert(conn, old[3], item)
    _write_tags(conn, [(aid, item)], replace=True)
    return True


def set_flag(conn: sqlite3.Connection, ids: Iterable[int], flag: str, value: bool) -> Changes:
    if flag not in ("read", "starred"):
        raise ValueError(flag)
    rows = conn.execute(f"UPDATE articles SET {flag} = ? WHERE id IN ({IN_LIST}) AND {flag} != ? RETURNING id",
                        (int(value), as_list(ids), int(value))).fetchall()
    return Changes(articles_state={r[0] for r in rows})


def delete_articles(conn: sqlite3.Connection, where: str, params: tuple[Any, ...], *, tombstone: bool) -> list[int]:
    """Delete articles matching `where` (on table `articles`), their index rows and tags.

    With `tombstone`, their identity keys stay (article_id NULL) so the same items, still listed by their
    feed, are not fetched back as new and unread; without, the keys go too (a removed feed, re-added, gets
    its items back)."""
    rows = conn.execute(f"SELECT id, search_key, title, text FROM articles WHERE {where}", params).fetchall()
    for _aid, key, title, text in rows:
        _fts_delete(conn, key, title, text)
    ids = [(r[0],) for r in rows]
    if tombstone:
        conn.executemany("UPDATE article_keys SET article_id = NULL WHERE article_id = ?", ids)
    else:
        conn.executemany("DELETE FROM article_keys WHERE article_id = ?", ids)
    conn.executemany("DELETE FROM articles WHERE id = ?", ids)
    return [r[0] for r in rows]


def apply_retention(conn: sqlite3.Connection, days: int, now: int) -> tuple[int, Changes]:
    """Delete read, unstarred articles older than `days` (0 keeps everything), leaving tombstones."""
    if days <= 0:
        return 0, Changes()
    ids = delete_articles(conn, "read = 1 AND starred = 0 AND published < ?", (now - days * 86400,),
                          tombstone=True)
    return len(ids), Changes(articles_removed=set(ids))

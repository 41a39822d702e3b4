"""Writer operations on articles: ingest (insert or update in place), read/star state, deletion.

Every function takes the writer's connection and runs inside the writer's transaction; none commits.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.core.changes import Changes
from desktop.core.dedup import cluster_key, content_hash, dedup_keys
from desktop.core.news import TaggedEntry
from desktop.store import fts
from desktop.tagging.normalize import normalize


@dataclass(slots=True)
class IngestResult:
    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0

    def changes(self, origin: str = "fetch") -> Changes:
        return Changes(articles_added=set(self.new), articles_updated=set(self.updated), origin=origin)


def _fts_insert(conn: sqlite3.Connection, key: int, title: str, text: str) -> None:
    conn.execute("INSERT INTO articles_fts(rowid, body) VALUES (?, ?)", (key, fts.document(normalize(title), text)))


def _fts_delete(conn: sqlite3.Connection, key: int, title: str, text: str) -> None:
    conn.execute(
        "INSERT INTO articles_fts(articles_fts, rowid, body) VALUES ('delete', ?, ?)",
        (key, fts.document(normalize(title), text)),
    )


def _write_tags(conn: sqlite3.Connection, article_id: int, item: TaggedEntry, replace: bool) -> None:
    if replace:
        conn.execute("DELETE FROM article_themes WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM article_stocks WHERE article_id = ?", (article_id,))
    if item.themes:
        conn.executemany(
            "INSERT OR REPLACE INTO article_themes(article_id, theme, terms) VALUES (?, ?, ?)",
            [(article_id, t.theme, json.dumps(list(t.terms), ensure_ascii=False)) for t in item.themes],
        )
    if item.stocks:
        conn.executemany(
            "INSERT OR REPLACE INTO article_stocks(article_id, code, matched, confidence) VALUES (?, ?, ?, ?)",
            [(article_id, s.code, s.matched, s.confidence) for s in item.stocks],
        )


def ingest(conn: sqlite3.Connection, feed_id: int, items: Iterable[TaggedEntry], fetched: int) -> IngestResult:
    """Insert new items, update changed ones in place (read/starred kept), skip identical ones."""
    result = IngestResult()
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM articles").fetchone()[0]
    for item in items:
        e = item.entry
        keys = dedup_keys(feed_id, e.guid, e.url, e.title, None if e.date_missing else e.published)
        marks = ",".join("?" * len(keys))
        row = conn.execute(f"SELECT article_id FROM article_keys WHERE key IN ({marks}) LIMIT 1", keys).fetchone()
        digest = content_hash(e.title, e.summary_html, e.url, e.author)
        if row is not None:
            aid = row[0]
            conn.executemany("INSERT OR IGNORE INTO article_keys(key, article_id) VALUES (?, ?)",
                             [(k, aid) for k in keys])
            old = conn.execute("SELECT content_hash, title, text, search_key FROM articles WHERE id = ?",
                               (aid,)).fetchone()
            if old[0] == digest:
                result.unchanged += 1
                continue
            _fts_delete(conn, old[3], old[1], old[2])
            conn.execute(
                "UPDATE articles SET title = ?, summary_html = ?, text = ?, url = COALESCE(?, url), author = ?,"
                " guid = COALESCE(guid, ?), updated = ?, content_hash = ?, cluster_key = ? WHERE id = ?",
                (e.title, e.summary_html, e.text, e.url, e.author, e.guid, fetched, digest,
                 cluster_key(normalize(e.title)), aid),
            )
            _fts_insert(conn, old[3], e.title, e.text)
            _write_tags(conn, aid, item, replace=True)
            result.updated.append(aid)
            continue
        aid = next_id
        next_id += 1
        key = fts.search_key(e.published, aid)
        conn.execute(
            "INSERT INTO articles(id, feed_id, guid, url, title, summary_html, text, author, published, fetched,"
            " content_hash, search_key, cluster_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, feed_id, e.guid, e.url, e.title, e.summary_html, e.text, e.author, e.published, fetched,
             digest, key, cluster_key(normalize(e.title))),
        )
        conn.executemany("INSERT OR IGNORE INTO article_keys(key, article_id) VALUES (?, ?)",
                         [(k, aid) for k in keys])
        _write_tags(conn, aid, item, replace=False)
        _fts_insert(conn, key, e.title, e.text)
        result.new.append(aid)
    return result


def set_flag(conn: sqlite3.Connection, ids: Iterable[int], flag: str, value: bool) -> Changes:
    if flag not in ("read", "starred"):
        raise ValueError(flag)
    ids = list(ids)
    changed: set[int] = set()
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"UPDATE articles SET {flag} = ? WHERE id IN ({marks}) AND {flag} != ? RETURNING id",
            (int(value), *chunk, int(value)),
        ).fetchall()
        changed.update(r[0] for r in rows)
    return Changes(articles_state=changed, origin="ui")


def delete_articles(conn: sqlite3.Connection, where: str, params: tuple) -> int:
    """Delete articles matching `where` (on table `articles`), their index rows and tags."""
    rows = conn.execute(f"SELECT id, search_key, title, text FROM articles WHERE {where}", params).fetchall()
    for _aid, key, title, text in rows:
        _fts_delete(conn, key, title, text)
    conn.executemany("DELETE FROM articles WHERE id = ?", [(r[0],) for r in rows])
    return len(rows)


def apply_retention(conn: sqlite3.Connection, days: int, now: int) -> int:
    """Delete read, unstarred articles older than `days` (0 keeps everything)."""
    if days <= 0:
        return 0
    return delete_articles(conn, "read = 1 AND starred = 0 AND published < ?", (now - days * 86400,))

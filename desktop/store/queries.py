"""Read-only queries for the news side (run on reader connections, never the writer's).

Listing is keyset-paginated on `search_key` (publication time, then id): the next page starts below the last
key seen, so page 2,000 costs the same as page 1 and new articles arriving never shift what is loaded.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from desktop.core.news import Article, ArticleRow
from desktop.core.news_filter import NewsFilter
from desktop.store import fts
from desktop.store.db import IN_LIST, as_list, escape_like

# Near-duplicates: the same story (same folded title) from another feed within two days. The list shows the
# first copy stored; the article view lists the others ("also reported by …").
DUPLICATE_WINDOW_S = 2 * 86400
DUPLICATE_OF_EARLIER = (
    "NOT (a.cluster_key != '' AND EXISTS (SELECT 1 FROM articles d WHERE d.cluster_key = a.cluster_key"
    f" AND d.id < a.id AND d.feed_id != a.feed_id AND d.published BETWEEN a.published - {DUPLICATE_WINDOW_S}"
    f" AND a.published + {DUPLICATE_WINDOW_S}))"
)

_ROW = ("a.id, a.feed_id, CASE WHEN fe.title != '' THEN fe.title ELSE fe.url END, a.title, a.url, a.published,"
        " a.read, a.starred, a.search_key, a.cluster_key")


def _conditions(f: NewsFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.feed_id is not None:
        where.append("a.feed_id = ?")
        params.append(f.feed_id)
    if f.folder is not None:
        where.append("(fe.folder = ? OR fe.folder LIKE ? ESCAPE '\\')")
        params += [f.folder, escape_like(f.folder) + "/%"]
    if f.theme:
        where.append("a.id IN (SELECT article_id FROM article_themes WHERE theme = ?)")
        params.append(f.theme)
    if f.stock:
        where.append("a.id IN (SELECT article_id FROM article_stocks WHERE code = ?)")
        params.append(f.stock)
    if f.board:
        # the board's stored members; an industry board also covers the stocks of that industry (its members
        # before they were fetched)
        where.append("a.id IN (SELECT article_id FROM article_stocks WHERE code IN ("
                     "SELECT code FROM board_members WHERE board_code = ? UNION "
                     "SELECT s.code FROM stocks s JOIN boards b ON s.industry = b.name AND b.type = 'industry' "
                     "WHERE b.code = ?))")
        params += [f.board, f.board]
    if f.since is not None:
        where.append("a.search_key >= ?")
        params.append(fts.key_floor(f.since))
    if f.until is not None:
        where.append("a.search_key < ?")
        params.append(fts.key_floor(f.until))
    if f.unread:
        where.append("a.read = 0")
    if f.starred:
        where.append("a.starred = 1")
    if f.collapse_duplicates and f.feed_id is None:   # a single feed's view lists all of its own items
        where.append(DUPLICATE_OF_EARLIER)
    return where, params


def _select(f: NewsFilter, columns: str, before_key: int | None, after_key: int | None = None,
            ids: list[int] | None = None) -> tuple[str, list[Any], bool]:
    where, params = _conditions(f)
    if ids is not None:
        where.append(f"a.id IN ({IN_LIST})")
        params.append(as_list(ids))
    match = fts.match_expression(f.query) if f.query else None
    if f.query and match is None:
        return "", [], False  # input with nothing searchable (only punctuation): no results, not an error
    if before_key is not None:
        where.append("a.search_key < ?")
        params.append(before_key)
    if after_key is not None:
        where.append("a.search_key > ?")
        params.append(after_key)
    if match:
        sql = (f"SELECT {columns} FROM articles_fts JOIN articles a ON a.search_key = articles_fts.rowid"
               " JOIN feeds fe ON fe.id = a.feed_id WHERE articles_fts MATCH ?")
        params.insert(0, match)
        if where:
            sql += " AND " + " AND ".join(where)
        return sql, params, True
    sql = f"SELECT {columns} FROM articles a JOIN feeds fe ON fe.id = a.feed_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params, False


def list_articles(conn: sqlite3.Connection, f: NewsFilter, limit: int = 50, before_key: int | None = None,
                  after_key: int | None = None, ids: list[int] | None = None) -> list[ArticleRow]:
    """Newest first. Pass the last row's search_key as `before_key` for the next page, the top row's as
    `after_key` for what is newer, or `ids` for which of those articles the filter admits."""
    sql, params, is_fts = _select(f, _ROW, before_key, after_key, ids)
    if not sql:
        return []
    order = "articles_fts.rowid" if is_fts else "a.search_key"
    rows = conn.execute(f"{sql} ORDER BY {order} DESC LIMIT ?", (*params, limit)).fetchall()
    return _rows(conn, rows)


def rows_by_ids(conn: sqlite3.Connection, ids: list[int]) -> list[ArticleRow]:
    rows = conn.execute(f"SELECT {_ROW} FROM articles a JOIN feeds fe ON fe.id = a.feed_id"
                        f" WHERE a.id IN ({IN_LIST})", (as_list(ids),)).fetchall()
    return _rows(conn, rows)


def _rows(conn: sqlite3.Connection, rows: list[tuple[Any, ...]]) -> list[ArticleRow]:
    ids = [r[0] for r in rows]
    themes, stocks = tags_for(conn, ids)
    return [ArticleRow(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), bool(r[7]), r[8], r[9],
                       themes.get(r[0], ()), stocks.get(r[0], ())) for r in rows]


def matching_ids(conn: sqlite3.Connection, f: NewsFilter, before_key: int | None = None) -> list[int]:
    """Every article id under a filter (for "mark all read in the current filter"); with `before_key`, only
    those listed below that article (older: "mark older read")."""
    sql, params, _ = _select(f, "a.id", before_key)
    return [r[0] for r in conn.execute(sql, params)] if sql else []


def count_articles(conn: sqlite3.Connection, f: NewsFilter) -> int:
    if f.query and f.with_(query="").is_empty:  # plain search: count straight from the index
        match = fts.match_expression(f.query)
        if match is None:
            return 0
        return int(conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)).fetchone()[0])
    sql, params, _ = _select(f, "count(*)", None)
    return conn.execute(sql, params).fetchone()[0] if sql else 0


def tags_for(conn: sqlite3.Connection, ids: list[int]) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    themes: dict[int, list[str]] = defaultdict(list)
    stocks: dict[int, list[str]] = defaultdict(list)
    wanted = (as_list(ids),)
    for aid, theme in conn.execute(f"SELECT article_id, theme FROM article_themes WHERE article_id IN ({IN_LIST})",
                                   wanted):
        themes[aid].append(theme)
    for aid, code in conn.execute(f"SELECT article_id, code FROM article_stocks WHERE article_id IN ({IN_LIST})"
                                  " ORDER BY confidence DESC, code", wanted):
        stocks[aid].append(code)
    return ({k: tuple(v) for k, v in themes.items()}, {k: tuple(v) for k, v in stocks.items()})


def get_article(conn: sqlite3.Connection, article_id: int) -> Article | None:
    r = conn.execute(
        "SELECT a.id, a.feed_id, CASE WHEN fe.title != '' THEN fe.title ELSE fe.url END, a.guid, a.url, a.title,"
        " a.summary_html, a.text, a.author, a.published, a.fetched, a.read, a.starred"
        " FROM articles a JOIN feeds fe ON fe.id = a.feed_id WHERE a.id = ?", (article_id,)).fetchone()
    if r is None:
        return None
    themes, stocks = tags_for(conn, [article_id])
    return Article(id=r[0], feed_id=r[1], feed_title=r[2], guid=r[3], url=r[4], title=r[5], summary_html=r[6],
                   text=r[7], author=r[8], published=r[9], fetched=r[10], read=bool(r[11]), starred=bool(r[12]),
                   themes=themes.get(r[0], ()), stocks=stocks.get(r[0], ()))


def unread_by_feed(conn: sqlite3.Connection) -> dict[int, int]:
    # INDEXED BY: the partial index holds only unread rows, so this counts them without touching the table
    return dict(conn.execute("SELECT feed_id, count(*) FROM articles INDEXED BY articles_unread_feed"
                             " WHERE read = 0 GROUP BY feed_id"))


def unread_by_theme(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT t.theme, count(*) FROM article_themes t JOIN articles a ON a.id = t.article_id"
                             " WHERE a.read = 0 GROUP BY t.theme"))


def totals_by(conn: sqlite3.Connection) -> tuple[dict[int, int], dict[str, int], int]:
    """(articles per feed, per theme, unread starred): the sidebar's tooltips say how many there are in all,
    its labels how many are unread (one meaning, as RSS Guard and QuiteRSS count)."""
    return (dict(conn.execute("SELECT feed_id, count(*) FROM articles GROUP BY feed_id")),
            dict(conn.execute("SELECT theme, count(*) FROM article_themes GROUP BY theme")),
            conn.execute("SELECT count(*) FROM articles WHERE starred = 1 AND read = 0").fetchone()[0])


def totals(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """(all, unread, starred) article counts, each from the smallest index that answers it."""
    return (conn.execute("SELECT count(*) FROM articles").fetchone()[0],
            conn.execute("SELECT count(*) FROM articles WHERE read = 0").fetchone()[0],
            conn.execute("SELECT count(*) FROM articles WHERE starred = 1").fetchone()[0])


def linked_counts(conn: sqlite3.Connection, codes: list[str], since: int) -> dict[str, int]:
    """Articles published since `since` linked to each of `codes` (the watchlist's 今日资讯)."""
    if not codes:
        return {}
    # Today's articles first (a range of the search_key index: a few hundred rows), then their links by primary
    # key — not every article ever linked to a big name (thousands at 100,000 articles: 100 ms).
    rows = conn.execute(f"SELECT s.code, count(*) FROM articles a CROSS JOIN article_stocks s "
                        f"ON s.article_id = a.id AND s.code IN ({IN_LIST}) WHERE a.search_key >= ? GROUP BY s.code",
                        (as_list(codes), fts.key_floor(since)))
    return dict(rows.fetchall())


def tagged(conn: sqlite3.Connection, ids: set[int], theme: str) -> set[int]:
    """The subset of `ids` tagged `theme` (chunked: a big name's chart holds thousands of linked articles)."""
    return {r[0] for r in conn.execute(
        f"SELECT article_id FROM article_themes WHERE theme = ? AND article_id IN ({IN_LIST})", (theme, as_list(ids)))}


def linked_counts_all(conn: sqlite3.Connection, since: int) -> dict[str, int]:
    """Articles published since `since` per linked code, every code at once (the heatmap's news per tile)."""
    rows = conn.execute("SELECT s.code, count(*) FROM articles a CROSS JOIN article_stocks s ON s.article_id = a.id"
                        " WHERE a.search_key >= ? GROUP BY s.code", [fts.key_floor(since)])
    return dict(rows.fetchall())


def newest_linked(conn: sqlite3.Connection, codes: list[str], since: int, limit: int = 3
                  ) -> list[tuple[int, str, int]]:
    """(id, title, published) of the newest articles since `since` linked to any of `codes` (a tile's "why")."""
    if not codes:
        return []
    return conn.execute(f"SELECT DISTINCT a.id, a.title, a.published FROM articles a CROSS JOIN article_stocks s "
                        f"ON s.article_id = a.id AND s.code IN ({IN_LIST}) WHERE a.search_key >= ? "
                        f"ORDER BY a.published DESC LIMIT ?", (as_list(codes), fts.key_floor(since), limit)).fetchall()


def theme_stocks(conn: sqlite3.Connection, theme: str, since: int) -> dict[str, int]:
    """The stocks linked to articles of `theme` published since `since`, with how many (a theme's basket)."""
    rows = conn.execute("SELECT s.code, count(*) FROM articles a CROSS JOIN article_themes t ON t.article_id = a.id "
                        "AND t.theme = ? CROSS JOIN article_stocks s ON s.article_id = a.id "
                        "WHERE a.search_key >= ? GROUP BY s.code", [theme, fts.key_floor(since)])
    return dict(rows.fetchall())


def linked_since(conn: sqlite3.Connection, code: str, since: int, limit: int = 5000) -> list[tuple[int, int]]:
    """(article id, published) of the articles linked to `code` published since `since`, newest first (the
    chart's news strip)."""
    return conn.execute("SELECT a.id, a.published FROM article_stocks s JOIN articles a ON a.id = s.article_id"
                        " WHERE s.code = ? AND a.published >= ? ORDER BY a.published DESC LIMIT ?",
                        (code, since, limit)).fetchall()


def also_reported(conn: sqlite3.Connection, article_id: int, window_s: int = DUPLICATE_WINDOW_S
                  ) -> list[tuple[int, str]]:
    """Other feeds that carried the same story (same folded title) within `window_s` of this one."""
    return conn.execute(
        "SELECT b.id, CASE WHEN fe.title != '' THEN fe.title ELSE fe.url END FROM articles a"
        " JOIN articles b ON b.cluster_key = a.cluster_key AND b.id != a.id AND b.feed_id != a.feed_id"
        " AND abs(b.published - a.published) <= ? JOIN feeds fe ON fe.id = b.feed_id"
        " WHERE a.id = ? AND a.cluster_key != '' ORDER BY b.published", (window_s, article_id)).fetchall()

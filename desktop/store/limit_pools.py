"""涨停 / 炸板 / 跌停 pools in SQLite (schema v6: limit_pools, limit_pool_fetches), and the news a 涨停 stock's
reason is chosen from (core/limit_reasons.py ranks it). Writes take the single writer's connection; reads any.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from desktop.core.limit_pools import LimitRow
from desktop.core.limit_reasons import Evidence
from desktop.store import fts

_COLUMNS = ("pool", "day", "code", "name", "price", "change_pct", "amount", "float_cap", "total_cap", "turnover_pct",
            "streak", "first_sealed", "last_sealed", "seal_funds", "breaks", "industry", "limit_price", "stats")
_SELECT = ", ".join(_COLUMNS)
NOTICE_THEME = "公告"     # sources/flash_news.NOTICE_TAG: a 公告 is stored with this theme


def replace_pool(conn: sqlite3.Connection, kind: str, day: str, rows: list[LimitRow], fetched: int) -> int:
    """The day's pool is what the latest answer says (a stock that left the 涨停 pool — it broke — leaves the
    table); returns the rows stored."""
    conn.execute("DELETE FROM limit_pools WHERE day = ? AND pool = ?", (day, kind))
    conn.executemany(f"INSERT OR REPLACE INTO limit_pools({_SELECT}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                     [tuple(getattr(r, c) for c in _COLUMNS) for r in rows if r.pool == kind and r.day == day])
    conn.execute("INSERT OR REPLACE INTO limit_pool_fetches(day, pool, fetched, rows) VALUES (?, ?, ?, ?)",
                 (day, kind, fetched, len(rows)))
    return len(rows)


def pool(conn: sqlite3.Connection, kind: str, day: str) -> list[LimitRow]:
    """The stored pool of `day` (unordered: core/limit_pools.ladder orders it)."""
    try:
        rows = conn.execute(f"SELECT {_SELECT} FROM limit_pools WHERE day = ? AND pool = ?", (day, kind)).fetchall()
    except sqlite3.OperationalError:        # a database older than v6, opened read-only
        return []
    return [LimitRow(*r) for r in rows]


def fetched_at(conn: sqlite3.Connection, kind: str, day: str) -> int | None:
    """When the pool of `day` was last read (Unix seconds); None when never."""
    try:
        row = conn.execute("SELECT fetched FROM limit_pool_fetches WHERE day = ? AND pool = ?", (day, kind)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def days(conn: sqlite3.Connection, kind: str) -> list[str]:
    """The days a pool is stored for, newest first."""
    try:
        return [r[0] for r in conn.execute("SELECT day FROM limit_pool_fetches WHERE pool = ? ORDER BY day DESC",
                                           (kind,))]
    except sqlite3.OperationalError:
        return []


def linked_evidence(conn: sqlite3.Connection, codes: Iterable[str], since: int, until: int
                    ) -> dict[str, list[Evidence]]:
    """Per code, the articles published in [since, until] linked to it: title, time, whether it is a 公告, how
    many stocks the article links and the link's confidence."""
    wanted = sorted(set(codes))
    out: dict[str, list[Evidence]] = {c: [] for c in wanted}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        marks = ",".join("?" * len(chunk))
        # the day's articles first (a range of the search_key index), then their links by primary key
        rows = conn.execute(
            "SELECT s.code, a.id, a.title, a.published, s.confidence, "
            "(SELECT count(*) FROM article_stocks o WHERE o.article_id = a.id), "
            "EXISTS (SELECT 1 FROM article_themes t WHERE t.article_id = a.id AND t.theme = ?) "
            f"FROM articles a CROSS JOIN article_stocks s ON s.article_id = a.id AND s.code IN ({marks}) "
            "WHERE a.search_key >= ? AND a.published >= ? AND a.published <= ?",
            [NOTICE_THEME, *chunk, fts.key_floor(since), since, until]).fetchall()
        for code, aid, title, published, confidence, linked, notice in rows:
            out[code].append(Evidence(aid, title, published, bool(notice), int(linked), float(confidence), True))
    return out


def theme_evidence(conn: sqlite3.Connection, themes: Iterable[str], since: int, until: int
                   ) -> dict[str, list[Evidence]]:
    """Per theme, the articles published in [since, until] tagged with it (a 公告 is never a theme's news)."""
    wanted = sorted(set(themes) - {NOTICE_THEME})
    out: dict[str, list[Evidence]] = {t: [] for t in wanted}
    if not wanted:
        return out
    marks = ",".join("?" * len(wanted))
    rows = conn.execute(
        "SELECT t.theme, a.id, a.title, a.published, "
        "(SELECT count(*) FROM article_stocks o WHERE o.article_id = a.id) "
        f"FROM articles a CROSS JOIN article_themes t ON t.article_id = a.id AND t.theme IN ({marks}) "
        "WHERE a.search_key >= ? AND a.published >= ? AND a.published <= ? AND NOT EXISTS "
        "(SELECT 1 FROM article_themes n WHERE n.article_id = a.id AND n.theme = ?)",
        [*wanted, fts.key_floor(since), since, until, NOTICE_THEME]).fetchall()
    for theme, aid, title, published, linked in rows:
        out[theme].append(Evidence(aid, title, published, False, int(linked), 0.0, False))
    return out


def stock_industries(conn: sqlite3.Connection, codes: Iterable[str]) -> dict[str, str]:
    """code → the industry the stock list holds ('' when unknown)."""
    wanted = sorted(set(codes))
    out: dict[str, str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        out.update(conn.execute(f"SELECT code, industry FROM stocks WHERE code IN ({','.join('?' * len(chunk))})",
                                chunk).fetchall())
    return out

"""涨停 / 炸板 / 跌停 pools in SQLite (schema v6: limit_pools, limit_pool_fetches), and the news a 涨停 stock's
reason is chosen from (core/limit_reasons.py ranks it). Writes take the single writer's connection; reads any.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from desktop.core.changes import Changes
from desktop.core.limit_pools import LimitRow
from desktop.core.limit_reasons import Evidence
from desktop.store import fts
from desktop.store.db import IN_LIST, as_list

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


def store_pools(conn: sqlite3.Connection, day: str, pools: dict[str, list[LimitRow]], fetched: int) -> Changes:
    """Writer op: each pool of `day` replaced by its latest answer (replace_pool); the Changes name each one, so
    a pane following the pools hears of it on the bus."""
    for kind, rows in pools.items():
        replace_pool(conn, kind, day, rows, fetched)
    return Changes(limit_pools={(kind, day) for kind in pools})


def last_polled(conn: sqlite3.Connection) -> int | None:
    """When the newest stored day's pools were read (the earliest of its pools; Unix seconds), None when no pool
    is stored: where the market poll resumes after a restart (a pool of an older day read later — `huohua
    limitup --date` — does not count)."""
    try:
        row = conn.execute("SELECT min(fetched) FROM limit_pool_fetches WHERE day = "
                           "(SELECT max(day) FROM limit_pool_fetches)").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


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


def _span(since: int, until: int) -> list[int]:
    """The search_key range of articles published in [since, until] (keys order by time: store/fts.py)."""
    return [fts.key_floor(since), fts.key_floor(until + 1), since, until]


_IN_SPAN = "a.search_key >= ? AND a.search_key < ? AND a.published >= ? AND a.published <= ?"


def _notices(conn: sqlite3.Connection, since: int, until: int) -> set[int]:
    return {r[0] for r in conn.execute(
        f"SELECT a.id FROM articles a CROSS JOIN article_themes t ON t.article_id = a.id AND t.theme = ? "
        f"WHERE {_IN_SPAN}", [NOTICE_THEME, *_span(since, until)])}


def linked_evidence(conn: sqlite3.Connection, codes: Iterable[str], since: int, until: int
                    ) -> dict[str, list[Evidence]]:
    """Per code, the articles published in [since, until] linked to it: time, whether it is a 公告, how many
    stocks the article links and the link's confidence (titles: `titles`, for the chosen few)."""
    wanted = set(codes)
    out: dict[str, list[Evidence]] = {c: [] for c in sorted(wanted)}
    # One pass over the span's articles and their links (a range of the search_key index, then each article's
    # links by primary key): asking for 300 codes with IN made SQLite probe every article for every code.
    rows = conn.execute(f"SELECT a.id, a.published, s.code, s.confidence FROM articles a "
                        f"CROSS JOIN article_stocks s ON s.article_id = a.id WHERE {_IN_SPAN}",
                        _span(since, until)).fetchall()
    links: dict[int, int] = {}
    for aid, *_rest in rows:
        links[aid] = links.get(aid, 0) + 1
    notices = _notices(conn, since, until) if rows else set()
    for aid, published, code, confidence in rows:
        if code in wanted:
            out[code].append(Evidence(aid, "", published, aid in notices, links[aid], float(confidence), True))
    return out


def theme_evidence(conn: sqlite3.Connection, themes: Iterable[str], since: int, until: int
                   ) -> dict[str, list[Evidence]]:
    """Per theme, the articles published in [since, until] tagged with it (a 公告 is never a theme's news)."""
    wanted = set(themes) - {NOTICE_THEME}
    out: dict[str, list[Evidence]] = {t: [] for t in sorted(wanted)}
    if not wanted:
        return out
    rows = conn.execute(f"SELECT t.theme, a.id, a.published FROM articles a "
                        f"CROSS JOIN article_themes t ON t.article_id = a.id WHERE {_IN_SPAN}",
                        _span(since, until)).fetchall()
    notices = {aid for theme, aid, _p in rows if theme == NOTICE_THEME}
    for theme, aid, published in rows:
        if theme in wanted and aid not in notices:
            out[theme].append(Evidence(aid, "", published, False, 0, 0.0, False))
    return out


def titles(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, str]:
    return dict(conn.execute(f"SELECT id, title FROM articles WHERE id IN ({IN_LIST})", (as_list(set(ids)),)))


def stock_industries(conn: sqlite3.Connection, codes: Iterable[str]) -> dict[str, str]:
    """code → the industry the stock list holds ('' when unknown)."""
    return dict(conn.execute(f"SELECT code, industry FROM stocks WHERE code IN ({IN_LIST})", (as_list(set(codes)),)))


def concept_boards(conn: sqlite3.Connection, codes: Iterable[str]) -> dict[str, list[str]]:
    """code → the names of the concept boards it is stored as a member of (the 涨停 pane's 题材; [] before any
    board's members were fetched)."""
    wanted = sorted(set(codes))
    out: dict[str, list[str]] = {c: [] for c in wanted}
    for code, name in conn.execute(
            f"SELECT m.code, b.name FROM board_members m JOIN boards b ON b.code = m.board_code "
            f"WHERE b.type = 'concept' AND m.code IN ({IN_LIST}) ORDER BY b.name", (as_list(wanted),)):
        out[code].append(name)
    return out


def statuses(conn: sqlite3.Connection) -> tuple[str, dict[str, str]]:
    """(the newest day a pool is stored for, code → "zt" | "zb" | "dt" on that day): the heatmap's 涨停 colours.
    A stock in two pools of a day (an answer read between two polls) counts as 涨停, then 跌停, then 炸板."""
    try:
        row = conn.execute("SELECT max(day) FROM limit_pool_fetches").fetchone()
    except sqlite3.OperationalError:
        return "", {}
    day = row[0] if row and row[0] else ""
    out: dict[str, str] = {}
    if day:
        for code, kind in conn.execute("SELECT code, pool FROM limit_pools WHERE day = ?", (day,)):
            if kind == "zt" or out.get(code) in (None, "zb"):
                out[code] = kind
    return day, out

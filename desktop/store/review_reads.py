"""Reads for the daily 复盘 (services/review.py) and the breadth's 成交额 comparison: what the store holds of one
trading day. Read-only; every time is Unix seconds."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from desktop.store.db import IN_LIST, as_list


def _safe(conn: sqlite3.Connection, sql: str, args: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    try:
        return conn.execute(sql, list(args)).fetchall()
    except sqlite3.OperationalError:       # market tables not created yet (a news-only database)
        return []


def newest_quote_time(conn: sqlite3.Connection) -> int | None:
    row = _safe(conn, "SELECT max(time) FROM quotes")
    return row[0][0] if row and row[0][0] else None


def newest_pool_day(conn: sqlite3.Connection) -> str | None:
    row = _safe(conn, "SELECT max(day) FROM limit_pool_fetches")
    return row[0][0] if row and row[0][0] else None


def quotes_between(conn: sqlite3.Connection, codes: list[str], since: int, until: int) -> dict[str, tuple[Any, ...]]:
    """code → (name, price, change_pct) of the stored quotes stamped in [since, until]."""
    return {code: (name, price, pct) for code, name, price, pct in _safe(
        conn, f"SELECT code, name, price, change_pct FROM quotes WHERE code IN ({IN_LIST}) AND time >= ? AND time <= ?",
        (as_list(codes), since, until))}


def prev_closes_between(conn: sqlite3.Connection, codes: list[str], since: int, until: int) -> dict[str, float]:
    """code → 昨收 of the stored quotes stamped in [since, until] (the 复盘's 当日盈亏 of a held stock)."""
    return dict(_safe(conn, f"SELECT code, prev_close FROM quotes WHERE code IN ({IN_LIST}) "
                            "AND time >= ? AND time <= ? AND prev_close > 0", (as_list(codes), since, until)))


def daily_close(conn: sqlite3.Connection, code: str, day_start: int) -> tuple[float | None, float | None] | None:
    """(close of the stored 日K bar of the day starting at `day_start`, the previous stored bar's close); None
    without a bar that day. Unadjusted bars first, then 前复权 (the ratio of two closes is the same)."""
    for adjust in ("", "qfq"):
        rows = _safe(conn, "SELECT time, close FROM daily_bars WHERE code = ? AND adjust = ? AND time < ? "
                           "ORDER BY time DESC LIMIT 2", (code, adjust, day_start + 86400))
        if rows and rows[0][0] >= day_start:
            return rows[0][1], (rows[1][1] if len(rows) > 1 else None)
    return None


def boards_updated(conn: sqlite3.Connection, kind: str) -> int | None:
    row = _safe(conn, "SELECT min(updated) FROM boards WHERE type = ?", (kind,))
    return row[0][0] if row and row[0][0] else None


def codes_by_name(conn: sqlite3.Connection, names: Iterable[str]) -> dict[str, str]:
    """name → code for the names the stock list knows (a board's leader is given by name only)."""
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    return dict(_safe(conn, f"SELECT name, code FROM stocks WHERE name IN ({IN_LIST})", (as_list(wanted),)))


def watch_items(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(list name, code) of every watchlist, in the lists' order."""
    return _safe(conn, "SELECT w.name, i.code FROM watchlists w JOIN watchlist_items i ON i.watchlist_id = w.id "
                       "ORDER BY w.position, w.id, i.position, i.code")


def stock_names(conn: sqlite3.Connection, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    return dict(_safe(conn, f"SELECT code, name FROM stocks WHERE code IN ({IN_LIST})", (as_list(codes),)))


def minute_amounts(conn: sqlite3.Connection, codes: Iterable[str], since: int, until: int) -> list[tuple[Any, ...]]:
    """(code, label time, 成交额) of the stored 1-minute bars of `codes` in [since, until)."""
    return _safe(conn, f"SELECT code, time, amount FROM intraday_bars WHERE code IN ({IN_LIST}) "
                       "AND time >= ? AND time < ?", (as_list(codes), since, until))


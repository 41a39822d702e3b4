"""The market reads panes ask by name (MarketView): a session's 昨收, the sparklines' closes, heatmap tiles and
board membership. Reads only; lists of codes are bound as one parameter (db.IN_LIST)."""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.store.db import IN_LIST, as_list


def quote_prev_close(conn: sqlite3.Connection, code: str) -> tuple[float | None, int | None] | None:
    """The stored quote's (昨收, market time), or None when the code has no quote."""
    row: tuple[float | None, int | None] | None = conn.execute(
        "SELECT prev_close, time FROM quotes WHERE code = ?", (code,)).fetchone()
    return row


def close_before(conn: sqlite3.Connection, code: str, before: int) -> float | None:
    """The close of the last daily bar before `before` (unadjusted first, then front-adjusted), or None."""
    row = conn.execute("SELECT close FROM daily_bars WHERE code = ? AND time < ? ORDER BY adjust, time DESC "
                       "LIMIT 1", (code, before)).fetchone()
    return row[0] if row else None


def last_daily_before(conn: sqlite3.Connection, code: str, day: int) -> int | None:
    """00:00 of the last stored daily bar before `day`, or None."""
    row = conn.execute("SELECT max(time) FROM daily_bars WHERE code = ? AND time < ?", (code, day)).fetchone()
    return row[0] if row and row[0] else None


def intraday_closes(conn: sqlite3.Connection, codes: list[str], since: int) -> list[tuple[str, int, float]]:
    """(code, time, close) of the 1-minute bars of `codes` from `since`, by code then time."""
    return conn.execute(f"SELECT code, time, close FROM intraday_bars WHERE time >= ? AND code IN ({IN_LIST}) "
                        "ORDER BY code, time", (since, as_list(codes))).fetchall()


def prev_closes(conn: sqlite3.Connection, codes: list[str]) -> list[tuple[str, float | None, int | None]]:
    """(code, 昨收, market time) of the stored quotes of `codes`."""
    return conn.execute(f"SELECT code, prev_close, time FROM quotes WHERE code IN ({IN_LIST})",
                        (as_list(codes),)).fetchall()


# -- the heatmap ---------------------------------------------------------------------------------------------
def board_rows(conn: sqlite3.Connection, kind: str) -> list[tuple[Any, ...]]:
    """(code, name, change %, total cap, up, down, leader, updated) of the boards of `kind` that have a cap."""
    return conn.execute("SELECT code, name, change_pct, total_cap, up, down, leader, updated FROM boards "
                        "WHERE type = ? AND total_cap > 0", (kind,)).fetchall()


_STOCK_TILES = ("SELECT s.code, coalesce(nullif(q.name, ''), s.name), s.industry, coalesce(q.total_cap, s.total_cap), "
                "s.float_cap, q.amount, q.change_pct, q.fetched FROM stocks s LEFT JOIN quotes q ON q.code = s.code")


def stock_tile_rows(conn: sqlite3.Connection, codes: list[str] | None = None) -> list[tuple[Any, ...]]:
    """(code, name, industry, total cap, float cap, 成交额, change %, fetched) of `codes` (None: every stock
    with a quote); the quote's name and cap before the stock table's."""
    if codes is None:
        return conn.execute(_STOCK_TILES + " WHERE q.code IS NOT NULL").fetchall()
    return conn.execute(_STOCK_TILES + f" WHERE s.code IN ({IN_LIST})", (as_list(codes),)).fetchall()


def board_member_codes(conn: sqlite3.Connection, board_code: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT code FROM board_members WHERE board_code = ?", (board_code,))]


def board_name(conn: sqlite3.Connection, code: str) -> str | None:
    row = conn.execute("SELECT name FROM boards WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def industry_codes(conn: sqlite3.Connection, industry: str) -> list[str]:
    return [r[0] for r in conn.execute("SELECT code FROM stocks WHERE industry = ?", (industry,))]


def member_pairs(conn: sqlite3.Connection, kind: str) -> list[tuple[str, str]]:
    """(board code, member code) of the stored members of the boards of `kind`."""
    return conn.execute("SELECT m.board_code, m.code FROM board_members m JOIN boards b ON b.code = m.board_code "
                        "WHERE b.type = ?", (kind,)).fetchall()


def industry_pairs(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(industry board code, stock code) of every stock whose industry names an industry board."""
    return conn.execute("SELECT b.code, s.code FROM boards b JOIN stocks s ON s.industry = b.name "
                        "WHERE b.type = 'industry'").fetchall()


def boards_of(conn: sqlite3.Connection, code: str) -> list[str]:
    """The boards `code` is a stored member of, then the industry board named as its industry."""
    found = [r[0] for r in conn.execute("SELECT board_code FROM board_members WHERE code = ?", (code,))]
    found += [r[0] for r in conn.execute("SELECT b.code FROM boards b JOIN stocks s ON s.industry = b.name "
                                         "WHERE s.code = ? AND b.type = 'industry'", (code,))]
    return found

"""The stored whole-market snapshot as breadth rows (core/breadth.py): reads only."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from desktop.core.market_hours import SHANGHAI

_STOCK = "code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'"     # six digits: never an index key (core/indices.py)


def session_rows(conn: sqlite3.Connection) -> tuple[int | None, list[tuple[Any, ...]]]:
    """(00:00 of the latest session, its stocks' (code, name, price, 昨收, 成交额)); (None, []) until a full-market
    snapshot has been stored — the watchlist's few quotes alone say nothing about the market. Quotes of an
    earlier session (a stock suspended since, or left over from days ago) are not counted."""
    try:
        if conn.execute("SELECT 1 FROM meta WHERE key = 'market.snapshot_at'").fetchone() is None:
            return None, []
        newest = conn.execute(f"SELECT max(time) FROM quotes WHERE {_STOCK}").fetchone()[0]
    except sqlite3.OperationalError:        # market tables not created yet
        return None, []
    if not newest:
        return None, []
    day = datetime.fromtimestamp(newest, SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    start = int(day.timestamp())
    rows = conn.execute(f"SELECT code, name, price, prev_close, amount FROM quotes WHERE time >= ? AND {_STOCK}",
                        (start,)).fetchall()
    return start, rows

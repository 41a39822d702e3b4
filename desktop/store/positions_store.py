"""持仓 trades in SQLite (schema v5, table position_trades). Writes go through the single writer (these functions
take its connection, inside the writer's per-operation SAVEPOINT: a PositionError raised here undoes the whole
operation, so nothing is half-saved); reads take any connection.

Every write checks the stock's whole trade list as it would stand (core/positions.check): a sell larger than the
holding at its date, or a removed buy that a later sell needed, is refused before anything is written. Prices
and fees are stored as decimal text. Nothing here logs a trade: positions are private (never in logs).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.core import clock
from desktop.core.positions import METHODS, PositionError, Trade, check
from desktop.store.db import IN_LIST, as_list, inserted_id

_COLUMNS = "id, code, date, side, shares, price, fee"
METHOD_KEY = "positions.method"      # in `meta`: the cost method the user chose (default "average")


def _trade(row: tuple[Any, ...]) -> Trade:
    rid, code, day, side, shares, price, fee = row
    return Trade(code, date.fromisoformat(day), side, int(shares), Decimal(price), Decimal(fee), rid)


def trades(conn: sqlite3.Connection, codes: Iterable[str] | None = None) -> list[Trade]:
    """Every trade (or those of `codes`), by code, date and the order entered."""
    if codes is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM position_trades ORDER BY code, date, id")
    else:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM position_trades WHERE code IN ({IN_LIST}) "
                            "ORDER BY code, date, id", (as_list(set(codes)),))
    return [_trade(r) for r in rows]


def add_trades(conn: sqlite3.Connection, new: list[Trade], now: int | None = None) -> list[int]:
    """Store `new` (in this order) after checking each stock's trades with them; their ids. PositionError (with
    `trade`: the new trade that cannot stand, when it is one) and nothing stored when any cannot."""
    if not new:
        return []
    existing = trades(conn, {t.code for t in new})
    try:
        check(existing + [_numbered(t, i) for i, t in enumerate(new)])
    except PositionError as exc:
        bad = getattr(exc, "trade", None)
        if bad is not None and bad.id is not None and bad.id >= _BIG:      # one of the new ones: point at it
            exc.trade = new[bad.id - _BIG]
        raise
    now = clock.now_s() if now is None else now
    ids = []
    for t in new:
        cur = conn.execute("INSERT INTO position_trades(code, date, side, shares, price, fee, added) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)",
                           (t.code, t.date.isoformat(), t.side, t.shares, str(t.price), str(t.fee), now))
        ids.append(inserted_id(cur))
    return ids


_BIG = 1 << 62


def _numbered(t: Trade, i: int) -> Trade:
    """A new trade ordered after every stored one of its day (ids are below _BIG) and marked as the i-th new
    one: check() reports the failing trade, and its id maps it back."""
    return Trade(t.code, t.date, t.side, t.shares, t.price, t.fee, _BIG + i)


def remove_trade(conn: sqlite3.Connection, trade_id: int) -> bool:
    """Delete one trade; PositionError when a later sell needed its shares (then nothing is deleted). False when
    there is no such trade."""
    row = conn.execute("SELECT code FROM position_trades WHERE id = ?", (trade_id,)).fetchone()
    if row is None:
        return False
    check([t for t in trades(conn, [row[0]]) if t.id != trade_id])
    conn.execute("DELETE FROM position_trades WHERE id = ?", (trade_id,))
    return True


def has_trades(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM position_trades LIMIT 1").fetchone() is not None


def method(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (METHOD_KEY,)).fetchone()
    return row[0] if row and row[0] in METHODS else "average"


def set_method(conn: sqlite3.Connection, name: str) -> None:
    if name not in METHODS:
        raise PositionError("bad_method", method=name)
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (METHOD_KEY, name))

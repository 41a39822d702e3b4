"""What the market service asks the store by name besides the market tables' rows: when the whole-market
snapshot was last stored (meta), the boards' oldest refresh, and a board's type."""

from __future__ import annotations

import sqlite3

SNAPSHOT_KEY = "market.snapshot_at"     # also read by breadth_rows (a snapshot stored at all)


def snapshot_at(conn: sqlite3.Connection) -> int | None:
    """When the last whole-market snapshot was stored (epoch seconds), or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (SNAPSHOT_KEY,)).fetchone()
    return int(row[0]) if row else None


def set_snapshot_at(conn: sqlite3.Connection, now: int) -> None:
    """Writer op: a whole-market snapshot was stored at `now`."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (SNAPSHOT_KEY, str(now)))


def boards_updated(conn: sqlite3.Connection) -> int | None:
    """The oldest board's last refresh, or None when no board is stored."""
    updated: int | None = conn.execute("SELECT min(updated) FROM boards").fetchone()[0]
    return updated


def board_type(conn: sqlite3.Connection, code_or_name: str) -> str | None:
    """'industry' or 'concept' for a board given by its code or its name; None when none is stored."""
    row = conn.execute("SELECT type FROM boards WHERE code = ? OR name = ?", (code_or_name, code_or_name)).fetchone()
    return row[0] if row else None

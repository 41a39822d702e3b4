"""The rows "why is it moving" is assembled from (core/why_moving.py): each stock's boards with their change and
size, and its stored change. Linked items and 异动 are read by store/limit_pools.py and store/movers.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from desktop.core.why_moving import BoardMove
from desktop.store.db import IN_LIST, as_list


def board_moves(conn: sqlite3.Connection, codes: Iterable[str]) -> dict[str, list[BoardMove]]:
    """code → its boards (name, type, change %, member count): the boards it is a stored member of, and its
    industry's board by the stock list's industry (members are fetched on demand; the industry is known at
    once). Boards without a change are left out; a board's size is its stored members or its up + down count."""
    wanted = sorted(set(codes))
    out: dict[str, dict[str, BoardMove]] = {}
    if not wanted:
        return {}
    sizes = dict(conn.execute("SELECT board_code, count(*) FROM board_members GROUP BY board_code"))
    rows = conn.execute(
        f"SELECT m.code, b.code, b.name, b.type, b.change_pct, coalesce(b.up, 0) + coalesce(b.down, 0) "
        f"FROM board_members m JOIN boards b ON b.code = m.board_code "
        f"WHERE m.code IN ({IN_LIST}) AND b.change_pct IS NOT NULL "
        f"UNION SELECT s.code, b.code, b.name, b.type, b.change_pct, coalesce(b.up, 0) + coalesce(b.down, 0) "
        f"FROM stocks s JOIN boards b ON b.type = 'industry' AND b.name = s.industry "
        f"WHERE s.code IN ({IN_LIST}) AND b.change_pct IS NOT NULL", (as_list(wanted), as_list(wanted)))
    for code, board, name, kind, pct, counted in rows:
        size = max(int(sizes.get(board, 0)), int(counted))
        out.setdefault(code, {})[board] = BoardMove(name, kind, float(pct), size)
    return {c: list(b.values()) for c, b in out.items()}


def changes(conn: sqlite3.Connection, codes: Iterable[str]) -> dict[str, float]:
    """code → its stored quote's change % (codes without one left out)."""
    return {c: float(p) for c, p in conn.execute(
        f"SELECT code, change_pct FROM quotes WHERE code IN ({IN_LIST}) AND change_pct IS NOT NULL",
        (as_list(set(codes)),))}

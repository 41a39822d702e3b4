"""盘口异动 and board 异动 in SQLite (schema v7: movers, board_movers, mover_fetches), and each stock's latest
linked item. Writes take the single writer's connection; reads any."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from desktop.core.changes import Changes
from desktop.core.movers import BoardMove, MoverEvent
from desktop.store.db import IN_LIST, as_list

_EVENT = ("day", "time", "code", "name", "type", "info")
_BOARD = ("day", "board", "change_pct", "inflow", "count", "top_code", "top_name", "top_side", "types")


def add_events(conn: sqlite3.Connection, events: list[MoverEvent], fetched: int) -> list[MoverEvent]:
    """Store the events not stored yet (an answer repeats the day's earlier ones); returns the new ones, in
    the order given — the alert rules fire on these only."""
    new: list[MoverEvent] = []
    sql = f"INSERT OR IGNORE INTO movers({', '.join(_EVENT)}, fetched) VALUES ({', '.join('?' * len(_EVENT))}, ?)"
    for e in events:
        if conn.execute(sql, (*(getattr(e, c) for c in _EVENT), fetched)).rowcount:
            new.append(e)
    return new


def store_movers(conn: sqlite3.Connection, day: str, kinds: Iterable[int], events: list[MoverEvent],
                 boards: list[BoardMove] | None, fetched: int) -> tuple[Changes, list[MoverEvent]]:
    """Writer op: the events of `kinds` on `day` added, each type marked as read, the day's boards replaced (when
    read). Returns the Changes (the new events' keys in `movers`) and the events new to the store."""
    mine = [e for e in events if e.day == day]
    new = add_events(conn, mine, fetched)
    for kind in kinds:
        n = sum(1 for e in mine if e.type == kind)
        conn.execute("INSERT OR REPLACE INTO mover_fetches(day, type, fetched, rows) VALUES (?, ?, ?, ?)",
                     (day, kind, fetched, n))
    if boards is not None:
        conn.execute("DELETE FROM board_movers WHERE day = ?", (day,))
        conn.executemany(f"INSERT OR REPLACE INTO board_movers({', '.join(_BOARD)}) "
                         f"VALUES ({', '.join('?' * len(_BOARD))})",
                         [tuple(getattr(b, c) for c in _BOARD) for b in boards if b.day == day])
    return Changes(movers={e.key for e in new}, board_movers={day} if boards is not None else set()), new


def events(conn: sqlite3.Connection, day: str, kinds: Iterable[int] | None = None,
           codes: Iterable[str] | None = None) -> list[MoverEvent]:
    """The stored events of `day`, newest first; only `kinds` / `codes` when given."""
    sql = f"SELECT {', '.join(_EVENT)} FROM movers WHERE day = ?"
    args: list[object] = [day]
    if kinds is not None:
        sql += f" AND type IN ({IN_LIST})"
        args.append(as_list(set(kinds)))
    if codes is not None:
        sql += f" AND code IN ({IN_LIST})"
        args.append(as_list(set(codes)))
    sql += " ORDER BY time DESC, code DESC, type DESC"
    try:
        return [MoverEvent(*r) for r in conn.execute(sql, args)]
    except sqlite3.OperationalError:        # a database older than v7, opened read-only
        return []


def events_by_keys(conn: sqlite3.Connection, keys: Iterable[tuple[str, str, str, int]]) -> list[MoverEvent]:
    """The stored events of these (day, code, time, type) keys (Changes.movers), by primary key."""
    sql = f"SELECT {', '.join(_EVENT)} FROM movers WHERE day = ? AND code = ? AND time = ? AND type = ?"
    out = []
    for key in sorted(keys):
        row = conn.execute(sql, key).fetchone()
        if row:
            out.append(MoverEvent(*row))
    return out


def boards(conn: sqlite3.Connection, day: str) -> list[BoardMove]:
    """The day's board 异动, the most events first."""
    try:
        rows = conn.execute(f"SELECT {', '.join(_BOARD)} FROM board_movers WHERE day = ? "
                            "ORDER BY count DESC, board", (day,)).fetchall()
    except sqlite3.OperationalError:
        return []
    return [BoardMove(*r) for r in rows]


def fetched_at(conn: sqlite3.Connection, day: str) -> int | None:
    """When `day`'s events were last read (the latest of its types; Unix seconds), None when never."""
    try:
        row = conn.execute("SELECT max(fetched) FROM mover_fetches WHERE day = ?", (day,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def latest_day(conn: sqlite3.Connection) -> str | None:
    """The newest trading day whose events were read."""
    try:
        day: str | None = conn.execute("SELECT max(day) FROM mover_fetches").fetchone()[0]
        return day
    except sqlite3.OperationalError:
        return None


def days(conn: sqlite3.Connection) -> list[str]:
    """The trading days whose events were read, newest first (the 异动 pane's date list)."""
    try:
        return [r[0] for r in conn.execute("SELECT DISTINCT day FROM mover_fetches ORDER BY day DESC")]
    except sqlite3.OperationalError:
        return []


def last_polled(conn: sqlite3.Connection) -> int | None:
    """When the newest stored day's events were read (the earliest of its types): where the poll resumes."""
    try:
        row = conn.execute("SELECT min(fetched) FROM mover_fetches WHERE day = "
                           "(SELECT max(day) FROM mover_fetches)").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def latest_linked(conn: sqlite3.Connection, codes: Iterable[str], until: int | None = None
                  ) -> dict[str, tuple[int, str, int]]:
    """code → (article id, title, published) of the newest article linked to it (published ≤ `until` when
    given); codes without one are left out. One indexed probe per code (article_stocks' code index)."""
    out: dict[str, tuple[int, str, int]] = {}
    cond = "" if until is None else " AND a.published <= ?"
    sql = ("SELECT a.id, a.title, a.published FROM article_stocks s JOIN articles a ON a.id = s.article_id "
           f"WHERE s.code = ?{cond} ORDER BY a.published DESC, a.id DESC LIMIT 1")
    for code in sorted(set(codes)):
        row = conn.execute(sql, (code,) if until is None else (code, until)).fetchone()
        if row:
            out[code] = (row[0], row[1], row[2])
    return out


def linked_at(conn: sqlite3.Connection, wanted: Mapping[str, Iterable[int]]
              ) -> dict[tuple[str, int], tuple[int, str, int]]:
    """(code, instant) → (article id, title, published) of the newest article linked to the code published at or
    before that instant (an event's item is what was known when it happened, not what came after); pairs
    without one are left out. Two probes per code, whatever its number of events: the newest item at or before
    its first instant, then the (few) items between its first and last instant."""
    out: dict[tuple[str, int], tuple[int, str, int]] = {}
    base = ("SELECT a.id, a.title, a.published FROM article_stocks s JOIN articles a ON a.id = s.article_id "
            "WHERE s.code = ? AND a.published ")
    for code in sorted(wanted):
        times = sorted(set(wanted[code]))
        if not times:
            continue
        first = conn.execute(base + "<= ? ORDER BY a.published DESC, a.id DESC LIMIT 1", (code, times[0])).fetchone()
        later = conn.execute(base + "> ? AND a.published <= ? ORDER BY a.published, a.id",
                             (code, times[0], times[-1])).fetchall()
        items = ([first] if first else []) + later          # oldest first: the last one not after t is t's
        i, current = 0, None
        for t in times:
            while i < len(items) and items[i][2] <= t:
                current, i = items[i], i + 1
            if current is not None:
                out[(code, t)] = (current[0], current[1], current[2])
    return out


def industries(conn: sqlite3.Connection, codes: Iterable[str]) -> dict[str, str]:
    """code → the stock list's industry (its board), '' left out."""
    return {c: ind for c, ind in conn.execute(
        f"SELECT code, industry FROM stocks WHERE code IN ({IN_LIST})", (as_list(set(codes)),)) if ind}


def watched(conn: sqlite3.Connection) -> set[str]:
    """The codes any watchlist holds."""
    return {r[0] for r in conn.execute("SELECT DISTINCT code FROM watchlist_items")}

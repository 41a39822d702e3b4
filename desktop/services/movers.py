"""盘口异动 for the CLI, the window's poll and the 异动 pane: fetch the polled types (and the boards' 异动) of the
current trading day through the market source, store the new events, read a day's events back newest first with
each stock's board and latest linked item. The market service polls it as the job `movers`
(MarketService.refresh_movers: fetch, then save).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.core.market_hours import trading_date
from desktop.core.movers import POLLED, TYPES, BoardMove, MoverEvent, detail, direction, type_name
from desktop.sources import movers as source_movers
from desktop.store import movers as store


@dataclass(frozen=True, slots=True)
class MoverRow:
    """One event as the CLI and the pane show it: the stock's board (its industry) and its latest linked item at
    the event's time (article id, title: the newest published at or before it) — none when no item links it."""

    event: MoverEvent
    board: str = ""
    article_id: int | None = None
    article_title: str = ""
    detail: str = ""                # core/movers.detail, read here (off the window's thread)


def default_day(service: Any) -> date:
    """The trading day whose 异动 are current: today once the auction opened, else the last session."""
    return trading_date(service.clock(), service.calendar)


def fetch(source: Any, day: date, kinds: tuple[int, ...] = POLLED, boards: bool = True
          ) -> tuple[list[MoverEvent], list[BoardMove] | None]:
    """The events of `kinds` (one request a type) and the boards' 异动 (one more), all or nothing: a failing
    request raises SourceError and nothing is stored."""
    events = source_movers.movers(source, tuple(kinds), day)
    return events, (source_movers.board_movers(source, day) if boards else None)


def save(service: Any, day: date, kinds: tuple[int, ...], fetched: tuple[list[MoverEvent], list[BoardMove] | None]
         ) -> Any:
    """Store what `fetch` read as `day`'s, stamped now; the commit's Changes carry the new events' keys."""
    events, boards = fetched
    now = int(service.clock().timestamp())
    return service.writer.call(lambda c: store.store_movers(c, day.isoformat(), kinds, events, boards, now)[0])


def refresh(service: Any, day: date, kinds: tuple[int, ...] = POLLED) -> int:
    """Fetch and store; the events read. SourceError when a request fails."""
    got = fetch(service.source, day, kinds)
    save(service, day, kinds, got)
    return len(got[0])


def poll(service: Any, day: date | None = None) -> Any:
    """The market service's job `movers`: the current trading day's POLLED types and boards (11 requests through
    the shared Eastmoney limiter), all or nothing, the new events stored; the commit's Changes."""
    day = day or default_day(service)
    return service._attempt("movers", lambda: fetch(service.source, day), lambda got: save(service, day, POLLED, got))


def _conn(service: Any) -> Any:
    from desktop.store.db import connect_ro

    return contextlib.closing(connect_ro(service.db_path))


def rows_from(conn: Any, day: str, kinds: tuple[int, ...] | None = None, watched_only: bool = False
              ) -> list[MoverRow]:
    """The stored events of `day` (newest first) with their board and latest linked item, on an open connection
    (the pane reads on its own)."""
    from desktop.core.alert_movers import event_time

    codes = store.watched(conn) if watched_only else None
    events = store.events(conn, day, kinds, codes)
    at = {e: event_time(e) for e in events}
    wanted: dict[str, list[int]] = {}
    for e, t in at.items():
        wanted.setdefault(e.code, []).append(t)
    linked = store.linked_at(conn, wanted)       # the item known at the event's time, not a later one
    boards = store.industries(conn, wanted)
    out = []
    for e in events:
        link = linked.get((e.code, at[e]))
        out.append(MoverRow(e, boards.get(e.code, ""), link[0] if link else None, link[1] if link else "", detail(e)))
    return out


def read(service: Any, day: date, kinds: tuple[int, ...] | None = None, watched_only: bool = False
         ) -> tuple[list[MoverRow], list[BoardMove], bool]:
    """(the day's events with their board and item, the day's board 异动, whether the day was ever read)."""
    iso = day.isoformat()
    with _conn(service) as conn:
        return (rows_from(conn, iso, kinds, watched_only), store.boards(conn, iso),
                store.fetched_at(conn, iso) is not None)


@dataclass(frozen=True, slots=True)
class PaneView:
    """What the 异动 pane shows, read on its task: the stored days (newest first), the day shown, its events
    (with board and item), its board 异动, and the watched codes (the pane filters 只看自选 and a type itself)."""

    days: list[str]
    day: str
    rows: list[MoverRow]
    boards: list[BoardMove]
    watched: frozenset[str]


def read_pane(db_path: Any, day: str = "") -> PaneView:
    """`day` (ISO) when stored, else the newest stored day; nothing stored: an empty view with day ""."""
    from desktop.store.db import connect_ro

    with contextlib.closing(connect_ro(db_path)) as conn:
        stored = store.days(conn)
        shown = day if day in stored else (stored[0] if stored else "")
        return PaneView(stored, shown, rows_from(conn, shown) if shown else [],
                        store.boards(conn, shown) if shown else [], frozenset(store.watched(conn)))


def row_dict(row: MoverRow) -> dict[str, Any]:
    """One event as `huohua movers --json` writes it (docs/TESTING.md)."""
    e = row.event
    article = {"article_id": row.article_id, "title": row.article_title} if row.article_id is not None else None
    return {"time": e.time, "day": e.day, "code": e.code, "name": e.name, "type": type_name(e.type),
            "type_key": TYPES[e.type][1], "type_code": e.type, "direction": direction(e.type),
            "detail": row.detail, "info": e.info, "board": row.board or None, "article": article}


def board_dict(b: BoardMove) -> dict[str, Any]:
    """One board's 异动 as `huohua movers --boards --json` writes it."""
    types = {}
    for part in filter(None, b.types.split(",")):
        code, _, n = part.partition(":")
        types[type_name(int(code))] = int(n)
    return {"day": b.day, "board": b.board, "change_pct": b.change_pct, "inflow": b.inflow, "count": b.count,
            "top": {"code": b.top_code, "name": b.top_name, "side": b.top_side or None} if b.top_code else None,
            "types": types}


__all__ = ["MoverRow", "PaneView", "board_dict", "default_day", "fetch", "poll", "read", "read_pane", "refresh", "row_dict", "rows_from", "save"]

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
    """One event as the CLI and the pane show it: the stock's board (its industry) and its latest linked item
    (article id, title) — none when no item links it."""

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
    codes = store.watched(conn) if watched_only else None
    events = store.events(conn, day, kinds, codes)
    wanted = {e.code for e in events}
    linked = store.latest_linked(conn, wanted)
    boards = store.industries(conn, wanted)
    out = []
    for e in events:
        link = linked.get(e.code)
        out.append(MoverRow(e, boards.get(e.code, ""), link[0] if link else None, link[1] if link else "", detail(e)))
    return out


def read(service: Any, day: date, kinds: tuple[int, ...] | None = None, watched_only: bool = False
         ) -> tuple[list[MoverRow], list[BoardMove], bool]:
    """(the day's events with their board and item, the day's board 异动, whether the day was ever read)."""
    iso = day.isoformat()
    with _conn(service) as conn:
        return (rows_from(conn, iso, kinds, watched_only), store.boards(conn, iso),
                store.fetched_at(conn, iso) is not None)


def read_view(db_path: Any, kinds: tuple[int, ...] | None = None) -> tuple[str, list[MoverRow], frozenset[str]]:
    """For the 异动 pane (on a task): (the newest stored day, its events with board and item, the watched codes);
    ("", [], …) before any was read. The pane filters these itself (只看自选, a type)."""
    from desktop.store.db import connect_ro

    with contextlib.closing(connect_ro(db_path)) as conn:
        day = store.latest_day(conn) or ""
        return day, (rows_from(conn, day, kinds) if day else []), frozenset(store.watched(conn))


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


__all__ = ["MoverRow", "board_dict", "default_day", "fetch", "poll", "read", "read_view", "refresh", "row_dict", "rows_from", "save"]

""""Why is it moving" for a set of stocks, read once per refresh (issue 26): each stock's move, the boards that
moved with it, its 异动 of the day and its top linked items since the previous session's close
(core/why_moving.py decides what counts). The panes call this on a task (MarketView.why_moving) and keep the
answer until their next refresh: a hover only looks it up.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, time

from desktop.core.market_hours import SHANGHAI, trading_date
from desktop.core.movers import detail
from desktop.core.trading_calendar import offline_calendar
from desktop.core.why_moving import Event, Item, Why, assemble
from desktop.store import limit_pools as pools_store
from desktop.store import movers as movers_store
from desktop.store import why_moving as store


def session_span(now: float) -> tuple[str, int, int]:
    """(the trading day current at `now` as YYYY-MM-DD, the previous session's close, `now`) in Unix seconds."""
    cal = offline_calendar()
    day = trading_date(datetime.fromtimestamp(now, SHANGHAI), cal)
    prev = cal.previous_trading_day(day)
    return day.isoformat(), int(datetime.combine(prev, time(15, 0), tzinfo=SHANGHAI).timestamp()), int(now)


def load(conn: sqlite3.Connection, codes: Iterable[str], now: float) -> dict[str, Why]:
    """code → Why for every code asked (an empty Why when nothing explains it)."""
    wanted = sorted({c for c in codes if c[:1].isdigit()})      # an index key (sh000001) has no boards or news
    if not wanted:
        return {}
    day, since, until = session_span(now)
    moves = store.changes(conn, wanted)
    boards = store.board_moves(conn, wanted)
    events: dict[str, list[Event]] = {}
    asked = set(wanted)
    for e in movers_store.events(conn, day):        # the day's events (hundreds): filtered here, not by IN
        if e.code in asked:
            events.setdefault(e.code, []).append(Event(e.time, e.type_name, detail(e)))
    evidence = pools_store.linked_evidence(conn, wanted, since, until)
    ids = {e.article_id for items in evidence.values() for e in items}
    titles = pools_store.titles(conn, ids) if ids else {}
    return {c: assemble(c, moves.get(c), boards.get(c, ()), events.get(c, ()),
                        (Item(e.article_id, titles.get(e.article_id, ""), e.published, e.notice)
                         for e in evidence.get(c, ())))
            for c in wanted}

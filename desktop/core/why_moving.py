""""Why is it moving" (issue 26): everywhere a stock's move shows (a watchlist row, a heatmap tile, the chart's
title), its move, the boards that moved with it, its 异动 today and its top linked items since the previous
close — assembled here from what the store holds, pure (no database, no Qt): services/why_moving.py reads the
rows once per refresh and the UI only formats the answer (ui/why_text.py), so a hover never reads a database.

Boards: the industry and concept boards the stock belongs to that moved the same way it did (both up, or both
down), the biggest move first, at most `MAX_BOARDS`; a board of one member (the stock alone) explains nothing
and is left out. 异动: the newest `MAX_EVENTS` of the day. Items: `MAX_ITEMS` linked items published since the
previous session's close, 公告 first (the company's own word), then the newest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_BOARDS = 2
MAX_EVENTS = 3
MAX_ITEMS = 3


@dataclass(frozen=True, slots=True)
class BoardMove:
    name: str
    kind: str               # "industry" | "concept"
    change_pct: float
    members: int            # how many stocks the board holds


@dataclass(frozen=True, slots=True)
class Event:
    time: str               # "HH:MM:SS" Beijing
    type_name: str          # 火箭发射, 封涨停板 …
    detail: str             # 相关信息 read for people (core/movers.detail)


@dataclass(frozen=True, slots=True)
class Item:
    article_id: int
    title: str
    published: int          # Unix seconds
    notice: bool            # a 公告


@dataclass(frozen=True, slots=True)
class Why:
    code: str
    boards: tuple[BoardMove, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    items: tuple[Item, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.boards or self.events or self.items)


def with_boards(change_pct: float | None, boards: Iterable[BoardMove]) -> tuple[BoardMove, ...]:
    """The boards that moved the stock's way, the biggest move first (then by name), at most MAX_BOARDS."""
    if not change_pct:
        return ()
    same = [b for b in boards if b.members > 1 and b.change_pct and (b.change_pct > 0) == (change_pct > 0)]
    same.sort(key=lambda b: (-abs(b.change_pct), b.name))
    return tuple(same[:MAX_BOARDS])


def newest_events(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=lambda e: e.time, reverse=True)[:MAX_EVENTS])


def top_items(items: Iterable[Item]) -> tuple[Item, ...]:
    """公告 first, then the newest (then the larger id: the later stored), at most MAX_ITEMS; each item once."""
    seen: dict[int, Item] = {}
    for it in items:
        seen.setdefault(it.article_id, it)
    ranked = sorted(seen.values(), key=lambda it: (not it.notice, -it.published, -it.article_id))
    return tuple(ranked[:MAX_ITEMS])


def assemble(code: str, change_pct: float | None, boards: Iterable[BoardMove], events: Iterable[Event],
             items: Iterable[Item]) -> Why:
    return Why(code, with_boards(change_pct, boards), newest_events(events), top_items(items))

"""The 复盘 limited to holdings (issue 27: "the heatmap and the 复盘 can limit themselves to holdings"): the held
stocks take the watchlists' place — each with its shares at the day's end, the day's price and change, its
当日盈亏 (core/positions.day_pnl: held overnight against 昨收, bought or sold that day against the trade) and its
top linked item — and the board lines and 涨停 stocks say which holdings they concern (core/review.Review's
`holdings`, `held_boards`, `held`). Read-only, from the store; the trades may come from another database (a
replay prices the user's own trades, read only).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.core import positions as pos
from desktop.core import review as rv
from desktop.core.limit_reasons import best, session_bounds
from desktop.store import limit_pools as pools_store
from desktop.store import market_reads as mr
from desktop.store import review_reads as reads


def held_at(trades: list[pos.Trade], day: date, method: str) -> dict[str, int]:
    """code → shares held at the end of `day` (trades after it are not counted yet)."""
    books = pos.replay([t for t in trades if t.date <= day], method)
    return {b.code: b.shares for b in books.values() if b.shares}


def limit_to_holdings(conn: sqlite3.Connection, review: rv.Review, day: date, cal: Any, trades: list[pos.Trade],
                      method: str, day_start: int) -> rv.Review:
    """`review` with the holdings in place of the watchlists and the boards holding them marked."""
    held = held_at(trades, day, method)
    codes = sorted(held)
    until = day_start + 86400 - 1
    quoted = reads.quotes_between(conn, codes, day_start, until) if codes else {}
    prevs = reads.prev_closes_between(conn, codes, day_start, until) if codes else {}
    names = reads.stock_names(conn, codes) if codes else {}
    since, end = session_bounds(day.isoformat(), cal.previous_trading_day(day).isoformat())
    linked = pools_store.linked_evidence(conn, codes, since, end) if codes else {}
    top = {c: best(linked.get(c, [])) for c in codes}
    titles = pools_store.titles(conn, [r.article_id for r in top.values() if r is not None])
    lines = []
    for code in codes:
        name, price, pct = quoted.get(code, (names.get(code, ""), None, None))
        prev = prevs.get(code)
        if price is None:
            bar = reads.daily_close(conn, code, day_start)
            if bar is not None and bar[0] is not None:
                close, prev = bar[0], bar[1]
                price, pct = close, (round((close / prev - 1) * 100, 2) if prev else None)
        pnl: float | None = None
        if price is not None:
            q = pos.Quote(Decimal(repr(price)), Decimal(repr(prev)) if prev else None, day)
            cents = pos.money(pos.day_pnl(trades, code, q, day))
            pnl = float(cents) if cents is not None else None
        reason = top[code]
        item = None if reason is None else {"article_id": reason.article_id,
                                            "title": titles.get(reason.article_id, ""), "tier": reason.tier}
        lines.append(rv.HoldLine(code, name or names.get(code, ""), held[code], price, pct, pnl, item,
                                 len(linked.get(code, []))))
    lines.sort(key=lambda h: (h.change_pct is None, -abs(h.change_pct or 0.0)))    # the biggest moves first
    shown = {b.code for sides in review.boards.values() for side in sides.values() for b in side}
    boards: dict[str, list[str]] = {}
    for h in lines:
        for board in dict.fromkeys(mr.boards_of(conn, h.code)):
            if board in shown:
                boards.setdefault(board, []).append(h.name or h.code)
    return replace(review, watch=(), holdings=tuple(lines), held_boards={k: tuple(v) for k, v in boards.items()})

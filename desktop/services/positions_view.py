"""持仓 for the window (issue 27): what the 持仓 pane shows and does, Qt-free, run on its tasks.

`snapshot()` reads the trades and the cost method from the database (read-only), the held stocks' stored quotes
through the market view (the same reads the watchlist makes) and works out the holdings and totals
(core/positions.holdings) — never on the GUI thread. Writes (a trade, the cost method, an import) go through the
single writer, each one operation: a PositionError leaves nothing stored. Nothing here logs a trade.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core import positions as pos
from desktop.core.changes import Changes
from desktop.core.market_hours import SHANGHAI
from desktop.store import positions_store as ps
from desktop.store.db import connect_ro


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The pane's whole content at one moment."""

    rows: list[pos.Holding]
    totals: pos.Totals
    method: str = "average"
    trades: int = 0                                   # trades stored (0: nothing was ever entered)
    prev_close: dict[str, Decimal] = field(default_factory=dict)   # code → 昨收 (the 现价 cell's colour)


@dataclass(frozen=True, slots=True)
class ChartMarks:
    """What the 日K draws of one stock (issue 27): the holding's 成本价 (None when nothing is held) and every
    trade as (date, side, shares, price). Read once per stock and per change, never per hover."""

    code: str
    cost_price: Decimal | None
    trades: tuple[tuple[date, str, int, Decimal], ...]


def chart_marks(db_path: Path, code: str) -> ChartMarks:
    """On a task: one stock's trades and its cost price by the stored cost method."""
    with contextlib.closing(connect_ro(db_path)) as conn:
        trades, method = ps.trades(conn, [code]), ps.method(conn)
    book = pos.replay(trades, method).get(code) if trades else None
    return ChartMarks(code, book.cost_price if book is not None else None,
                      tuple((t.date, t.side, t.shares, t.price) for t in pos.ordered(trades)))


def held_codes(db_path: Path) -> set[str]:
    """On a task: the codes with shares held now (the heatmap's 只看持仓)."""
    with contextlib.closing(connect_ro(db_path)) as conn:
        trades, method = ps.trades(conn), ps.method(conn)
    return {b.code for b in pos.replay(trades, method).values() if b.shares}


EMPTY = Snapshot([], pos.Totals(pos.ZERO, pos.ZERO, pos.ZERO, pos.ZERO, pos.ZERO))


def quotes_of(stored: list[Any]) -> dict[str, pos.Quote]:
    """core.market QuoteRows as the figures' Quotes: exact decimals from the stored floats' shortest form (284.04,
    never 284.0399…), the quote's own day (a quote from before today's open has not moved today)."""
    out = {}
    for r in stored:
        q = r.quote
        if q.price is None or not q.price > 0:
            continue
        prev = Decimal(repr(q.prev_close)) if q.prev_close and q.prev_close > 0 else None
        day = datetime.fromtimestamp(q.time, SHANGHAI).date() if q.time else None
        out[q.code] = pos.Quote(Decimal(repr(q.price)), prev, day, q.name or "")
    return out


def market_day(market: Any) -> date:
    """Today by the market clock (the recording's session in the demo and a replay)."""
    return datetime.fromtimestamp(market.now(), SHANGHAI).date()


def snapshot(db_path: Path, market: Any, names: dict[str, str]) -> Snapshot:
    """On a task: the holdings and totals by the stored cost method, priced from the stored quotes."""
    with contextlib.closing(connect_ro(db_path)) as conn:
        trades, method = ps.trades(conn), ps.method(conn)
    if not trades:
        return Snapshot([], EMPTY.totals, method)
    books = pos.replay(trades, method)
    codes = sorted(b.code for b in books.values() if b.shares)
    quotes = quotes_of(market.quote_rows(codes)) if codes else {}
    rows, totals = pos.holdings(trades, quotes, market_day(market), method, names)
    prev = {c: q.prev_close for c, q in quotes.items() if q.prev_close is not None}
    return Snapshot(rows, totals, method, len(trades), prev)


def save_trade(writer: Any, trade: pos.Trade) -> int:
    """Store one trade after checking the stock's whole list with it (PositionError: nothing stored). The commit
    says `positions` (the chart's cost line and the holdings' alerts follow it)."""
    ids: list[int] = writer.call(lambda c: (ps.add_trades(c, [trade]), Changes(positions=True)))[0]
    return ids[0]


def set_method(writer: Any, name: str) -> str:
    def op(c: sqlite3.Connection) -> Changes:
        ps.set_method(c, name)
        return Changes(positions=True)

    writer.call(op)
    return name


def import_lots(writer: Any, path: Path, known: Any, today: date) -> int:
    from desktop.services import positions_csv

    return positions_csv.import_lots(writer, path, known, today)


def export_lots(db_path: Path, path: Path) -> int:
    from desktop.services import positions_csv

    with contextlib.closing(connect_ro(db_path)) as conn:
        trades = ps.trades(conn)
    return positions_csv.export_lots(trades, path)

"""The market at a glance — the indices and the breadth — read for the index strip and the CLI (Qt-free).

Indices ride along with the watchlist's batched quote request (MarketService.refresh_quotes) and are stored
as quotes under their keys ("sh000001", core/indices.py); breadth is counted from the stored whole-market
snapshot (core/breadth.py).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from desktop.core.breadth import Breadth, count
from desktop.core.indices import INDEX_KEYS, INDICES
from desktop.core.market import QuoteRow
from desktop.core.market_hours import SHANGHAI
from desktop.store import market_store as ms
from desktop.store.breadth_rows import session_rows


def index_rows(conn: sqlite3.Connection, *, now: int, stale_before: int) -> list[QuoteRow]:
    """The stored quotes of the indices, in INDICES order (those never fetched are left out)."""
    return ms.latest_quotes(conn, list(INDEX_KEYS), now=now, stale_before=stale_before)


def breadth(conn: sqlite3.Connection) -> Breadth | None:
    """Breadth of the latest stored session, None before a full-market snapshot was stored."""
    start, rows = session_rows(conn)
    if start is None:
        return None
    return count(rows, datetime.fromtimestamp(start, SHANGHAI).date())


def breadth_and_pace(conn: sqlite3.Connection) -> tuple[Breadth | None, Any]:
    """(breadth of the latest stored session, its 成交额 against the previous session at the same minute or None)."""
    start, rows = session_rows(conn)
    if start is None:
        return None, None
    day = datetime.fromtimestamp(start, SHANGHAI).date()
    return count(rows, day), amount_pace(conn, day)


def amount_pace(conn: sqlite3.Connection, breadth_day: Any) -> Any:
    """The 成交额 of `breadth_day` so far against the previous session at the same minute (core/amount_pace.py),
    from the stored 1-minute bars of 上证指数 and 深证成指; None when they do not hold both sessions."""
    from desktop.core.amount_pace import CODES, compare
    from desktop.store.review_reads import minute_amounts

    start = int(datetime.combine(breadth_day, datetime.min.time(), tzinfo=SHANGHAI).timestamp())
    pace = compare(minute_amounts(conn, CODES, start - 20 * 86400, start + 86400))
    return pace if pace is not None and pace.day == breadth_day.isoformat() else None


def index_dicts(rows: list[QuoteRow]) -> list[dict[str, Any]]:
    """`huohua indices --json`: the six digits as `code` (the exchange's), the key beside it."""
    names = {i.key: i.name for i in INDICES}
    out = []
    for r in rows:
        q = r.quote
        out.append({"code": q.code[2:], "key": q.code, "name": names.get(q.code, q.name), "price": q.price,
                    "change": q.change, "change_pct": q.change_pct, "prev_close": q.prev_close,
                    "amount": q.amount, "time": r.to_dict()["time"], "stale": r.stale})
    return out

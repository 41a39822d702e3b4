"""What the 涨停 pane shows (issue 26), read on a task: a stored pool of a stored day in ladder order, each 涨停's
reason with where it came from, each stock's 题材 for the grouping, and — when there is nothing to show — why.

Reads only (a read-only connection per call); the pool is fetched by the market service's `limitup` job. The
reasons are services/limit_up.read's (core/limit_reasons.py ranks them); the previous session that bounds them
comes from the trading calendar (the stored sessions over the bundled XSHG calendar).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from desktop.core.limit_groups import topics
from desktop.core.limit_pools import LimitRow
from desktop.core.limit_reasons import Reason, session_bounds, themes_of
from desktop.core.market_hours import SHANGHAI

OPEN = time(9, 25)            # the call auction's result: the first moment a pool can hold a stock


@dataclass
class PoolView:
    kind: str                                   # "zt" | "zb" | "dt"
    day: str = ""                               # the day shown, ISO ("" when no day is stored)
    days: list[str] = field(default_factory=list)          # the stored days of this pool, newest first
    rows: list[LimitRow] = field(default_factory=list)     # ladder order
    reasons: dict[str, Reason | None] = field(default_factory=dict)
    sources: dict[int, tuple[str, int]] = field(default_factory=dict)   # article id → (feed's title, published)
    topics: dict[str, list[str]] = field(default_factory=dict)          # code → its 题材 (core/limit_groups.py)
    span: tuple[int, int] = (0, 0)   # [the previous session's close, the end of `day`]: the news a reason is
                                     # chosen from, and what a click on 原因 asks the news list for
    why: str = ""         # an empty pool: "none" (nothing stored) | "closed" (not a trading day) | "before_open"
                          # (today, before 09:25) | "empty" (a trading day whose pool holds no stock)


def calendar(conn: Any) -> Any:
    from desktop.core.trading_calendar import offline_calendar
    from desktop.store import market_store as ms

    dates = ms.load_trade_dates(conn)
    base = offline_calendar()
    return base.merged(dates) if dates else base


def _why(rows: list[LimitRow], day: str, cal: Any, now: datetime) -> str:
    if rows:
        return ""
    today = now.date()
    if not day:
        if not cal.is_trading_day(today):
            return "closed"
        return "before_open" if now.time() < OPEN else "none"
    d = date.fromisoformat(day)
    if not cal.is_trading_day(d):
        return "closed"
    return "before_open" if d == today and now.time() < OPEN else "empty"


def read_pool(db_path: Path, kind: str, day: str = "", now: float = 0.0,
              theme_labels: dict[str, str] | None = None,
              theme_industries: dict[str, tuple[str, ...]] | None = None) -> PoolView:
    """The pool `kind` of `day` (the newest stored day when "" or not stored). `now`: the market clock (Unix
    seconds) for the empty state's words; `theme_labels`: theme name → its label in the interface language."""
    from desktop.services import limit_up
    from desktop.store import limit_pools as store
    from desktop.store.db import connect_ro

    themes = limit_up.theme_industries() if theme_industries is None else theme_industries
    labels = theme_labels or {}
    with contextlib.closing(connect_ro(db_path)) as conn:
        days = store.days(conn, kind)
        cal = calendar(conn)
    shown = day if day in days else (days[0] if days else "")
    view = PoolView(kind, shown, days)
    if shown:
        service = SimpleNamespace(db_path=db_path, calendar=cal)
        view.rows, view.reasons, _known = limit_up.read(service, kind, date.fromisoformat(shown), themes)
        view.span = session_bounds(shown, cal.previous_trading_day(date.fromisoformat(shown)).isoformat())
    view.why = _why(view.rows, shown, cal, datetime.fromtimestamp(now, SHANGHAI))
    if not view.rows:
        return view
    codes = [r.code for r in view.rows]
    with contextlib.closing(connect_ro(db_path)) as conn:
        industries = store.stock_industries(conn, codes)
        boards = store.concept_boards(conn, codes)
        ids = [r.article_id for r in view.reasons.values() if r is not None]
        view.sources = _sources(conn, ids)
    for r in view.rows:
        industry = r.industry or industries.get(r.code, "")
        view.topics[r.code] = topics(industry, [labels.get(t, t) for t in themes_of(industry, themes)],
                                     boards.get(r.code, ()))
    return view


def _sources(conn: Any, ids: list[int]) -> dict[int, tuple[str, int]]:
    from desktop.store import queries

    return {row.id: (row.feed_title, row.published) for row in queries.rows_by_ids(conn, ids)} if ids else {}


def statuses(db_path: Path) -> tuple[str, dict[str, str]]:
    """(the newest stored pool day, code → "zt" | "zb" | "dt"): the heatmap's 涨停 colour mode."""
    from desktop.store import limit_pools as store
    from desktop.store.db import connect_ro

    with contextlib.closing(connect_ro(db_path)) as conn:
        return store.statuses(conn)


"""Market breadth from the whole-market snapshot: how many stocks are up, down and flat, how many sit at
their 涨停 / 跌停 price, and the day's total 成交额. A pure function: ≤ 5 ms on 5,500 rows (bench/breadth.py).

A stock is at 涨停 when its price reaches the limit price, not when its change % reaches the limit: the
exchanges compute the limit price as 昨收 × (1 ± limit), rounded half up to the cent, and a price can sit at
that cent while the % shows 9.96 or 10.04. The limit depends on the board: 主板 ±10 %, 主板 ST ±5 % (until
the exchanges made it ±10 % too, see `ST_TEN_FROM`), 创业板 and 科创板 ±20 % (ST included), 北交所 ±30 %;
a listing's first days (its name starts N or C) and the first day of 退市整理 have none, so they are never
counted at a limit. Prices are compared in whole cents, so 0.1 + 0.2 style float error never decides.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from desktop.core.market_checks import daily_limit_pct
from desktop.core.numbers import amount_yi  # noqa: F401  the 成交额 text moved to core/numbers; kept importable here

# 沪深交易所 proposed on 2025-06-27 to lift 主板 risk-warning (ST) stocks' limit from 5 % to 10 % (新华社,
# docs/FACTS.md); the day it took effect is taken as 2025-07-07. Sessions before it use ±5 %.
ST_TEN_FROM = date(2025, 7, 7)
_HALF = 0.5 + 1e-6     # half up, with room for a product like 12.35 × 110 = 1358.4999999999998


@dataclass(frozen=True, slots=True)
class Breadth:
    up: int = 0
    down: int = 0
    flat: int = 0
    limit_up: int = 0
    limit_down: int = 0
    amount: float = 0.0          # yuan: the total 成交额 of the stocks counted
    suspended: int = 0           # stocks without a price (停牌): in none of the counts above

    @property
    def total(self) -> int:
        return self.up + self.down + self.flat

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)




def limit_pct(code: str, name: str, day: date) -> float | None:
    """The daily limit (%) of this stock on `day`, None when it has none (N/C listings, 退市整理's first day)."""
    pct = daily_limit_pct(code, name)
    if pct == 10.0 and "ST" in name.upper() and day < ST_TEN_FROM:
        return 5.0
    return pct


def limit_prices(prev_close: float, pct: float) -> tuple[int, int]:
    """(涨停, 跌停) prices in cents: 昨收 × (1 ± pct %) rounded half up to the cent."""
    return math.floor(prev_close * (100.0 + pct) + _HALF), math.floor(prev_close * (100.0 - pct) + _HALF)


def limit_prices_yuan(code: str, name: str, prev_close: float, day: date) -> tuple[float, float]:
    """(涨停价, 跌停价) in yuan on `day` (the alerts' question); (inf, -inf) for a stock without a limit."""
    pct = limit_pct(code, name, day)
    if pct is None:
        return math.inf, -math.inf
    up, down = limit_prices(prev_close, pct)
    return up / 100, down / 100


def count(rows: Iterable[tuple[str, str, float | None, float | None, float | None]], day: date) -> Breadth:
    """Breadth of `rows` — (code, name, price, 昨收, 成交额) — on the session `day`. Rows whose code is not a
    six-digit stock code (an index key such as "sh000001") are left out; so is a row without 昨收."""
    up = down = flat = at_up = at_down = suspended = 0
    amount = 0.0
    limits: dict[tuple[str, bool], float | None] = {}     # (code prefix, ST/N/C-marked name) → limit
    for code, name, price, prev, amt in rows:
        if not prev or code[0] > "9" or len(code) != 6:     # an index key ("sh000001") is no stock
            continue
        if not price:
            suspended += 1
            continue
        if amt:
            amount += amt
        now, base = int(price * 100.0 + 0.5), int(prev * 100.0 + 0.5)    # cents (positive: int() is floor)
        # Most stocks move less than the smallest limit (5 %): they are counted without the limit arithmetic.
        # Any limit price is at least 昨收 × 1.05 − half a cent (at most × 0.95 + half a cent): safe to skip.
        if now > base:
            up += 1
            if now < base * 1.05 - 0.51:
                continue
        elif now < base:
            down += 1
            if now > base * 0.95 + 0.51:
                continue
        else:
            flat += 1
            continue
        marked = bool(name) and ("ST" in name or "st" in name or name[0] in "NC" or "退" in name)
        key = (code[:2], marked)
        if marked:
            pct = limit_pct(code, name, day)
        elif key in limits:
            pct = limits[key]
        else:
            pct = limits[key] = limit_pct(code, name, day)
        if pct is None:
            continue
        if now > base:
            if now >= int(prev * (100.0 + pct) + _HALF):
                at_up += 1
        elif now <= int(prev * (100.0 - pct) + _HALF):
            at_down += 1
    return Breadth(up, down, flat, at_up, at_down, amount, suspended)


def count_quotes(quotes: Iterable[Any], day: date) -> Breadth:
    """`count` over Quote objects (core/market.py)."""
    return count(((q.code, q.name, q.price, q.prev_close, q.amount) for q in quotes), day)

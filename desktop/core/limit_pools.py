"""涨停 / 炸板 / 跌停 pools (issue 26): one stock's row of a pool, its range check, and the ladder order.

A pool row comes from Eastmoney's push2ex pools (sources/limit_pools.py; fields and units in docs/FACTS.md,
"涨停, 炸板 and 跌停 pools"). It is outside text like any market answer: every row is checked here before it is
stored (the code, the plausible range of each figure, the sealing times as clock times, the names as plain
text), a bad row is dropped and named (core/market_checks.Screen), and a missing figure stays None — a pool
answer that lacks 封板资金 still says which stocks sealed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from desktop.core.market import STOCK_CODE
from desktop.core.market_checks import (
    MAX_AMOUNT,
    MAX_CAP,
    MAX_PRICE,
    MAX_TURNOVER_PCT,
    NO_LIMIT_MAX_PCT,
    Dropped,
    clean_name,
    shown,
)

POOLS = {"zt": "涨停", "zb": "炸板", "dt": "跌停"}
MAX_STREAK = 1000          # 连板 / 连续跌停 days (the longest runs are a few dozen)
MAX_BREAKS = 10_000        # 炸板次数 / 开板次数 in one session (4 hours of minutes is 240; ticks more)


@dataclass(frozen=True, slots=True)
class LimitRow:
    """One stock of one pool on one trading day. Money in yuan, percentages as numbers (10.01 = +10.01 %),
    sealing times as "HH:MM:SS" Beijing time ("" when the pool has none)."""

    pool: str                       # "zt" | "zb" | "dt"
    day: str                        # the trading day, ISO (2026-11-20)
    code: str
    name: str
    price: float | None = None
    change_pct: float | None = None
    amount: float | None = None     # 成交额
    float_cap: float | None = None  # 流通市值
    total_cap: float | None = None  # 总市值
    turnover_pct: float | None = None
    streak: int | None = None       # 连板数 (zt) / 连续跌停 (dt); None in 炸板
    first_sealed: str = ""          # 首次封板时间 (zt, zb)
    last_sealed: str = ""           # 最后封板时间 (zt, dt)
    seal_funds: float | None = None  # 封板资金 (zt) / 封单资金 (dt)
    breaks: int | None = None       # 炸板次数 (zt, zb) / 开板次数 (dt)
    industry: str = ""              # 所属行业
    limit_price: float | None = None  # 涨停价 (zb)
    stats: str = ""                 # 涨停统计 "days/ct": limit-ups in the last `days` sessions (zt, zb)

    @property
    def sealed(self) -> str:
        """The time it first reached the limit: the first sealing, else (跌停) the last one."""
        return self.first_sealed or self.last_sealed


class _Bad(Exception):
    def __init__(self, field: str, value: Any, reason: str):
        super().__init__(field)
        self.field, self.value, self.reason = field, value, reason


def _number(field: str, v: Any, low: float, high: float, scale: float = 1.0) -> float | None:
    """None when absent ("-", null, missing); else a finite number in [low, high] (after `scale`)."""
    if v is None or v == "-" or v == "":
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise _Bad(field, v, "is not a number")
    try:
        x = float(v) / scale
    except ValueError:
        raise _Bad(field, v, "is not a number") from None
    if not math.isfinite(x):
        raise _Bad(field, v, "is not a finite number")
    if not low <= x <= high:
        raise _Bad(field, v, f"is outside {low:g} … {high:g}")
    return x


def _count(field: str, v: Any, high: int) -> int | None:
    x = _number(field, v, 0, high)
    if x is None:
        return None
    if x != int(x):
        raise _Bad(field, v, "is not a whole number")
    return int(x)


def clock_time(field: str, v: Any) -> str:
    """Eastmoney's HHMMSS integer (92500 → "09:25:00"); "" when absent. 0 is "not sealed" in some rows."""
    if v is None or v == "" or v == "-" or v == 0:
        return ""
    if isinstance(v, bool) or not isinstance(v, (int, str)) or not str(v).isdigit() or len(str(v)) > 6:
        raise _Bad(field, v, "is not a time (HHMMSS)")
    s = str(v).zfill(6)
    h, m, sec = int(s[:2]), int(s[2:4]), int(s[4:])
    if h > 23 or m > 59 or sec > 59:
        raise _Bad(field, v, "is not a time of day")
    return f"{h:02d}:{m:02d}:{sec:02d}"


def _text(field: str, v: Any) -> str:
    if v is None:
        return ""
    if not isinstance(v, str):
        raise _Bad(field, v, "is not text")
    return clean_name(v).strip()


def check_row(pool: str, day: str, raw: dict[str, Any]) -> LimitRow | Dropped:
    """One pool entry (the endpoint's JSON object) as a `LimitRow`, or `Dropped` naming the bad field. The code
    and name are required; every figure is optional (None when missing) but must be plausible when present."""
    code = raw.get("c")
    if not isinstance(code, str) or not STOCK_CODE.match(code):
        return Dropped(str(code)[:16] if code is not None else "", "code", shown(code), "is not a stock code")
    try:
        name = _text("name", raw.get("n"))
        if not name:
            raise _Bad("name", raw.get("n"), "is missing")
        pct = NO_LIMIT_MAX_PCT
        streak_key, funds_key, breaks_key = {"zt": ("lbc", "fund", "zbc"), "zb": ("", "", "zbc"),
                                             "dt": ("days", "fund", "oc")}[pool]
        zttj = raw.get("zttj")
        stats = ""
        if isinstance(zttj, dict) and zttj.get("days") is not None and zttj.get("ct") is not None:
            stats = f"{_count('涨停统计', zttj.get('days'), 100_000)}/{_count('涨停统计', zttj.get('ct'), 100_000)}"
        return LimitRow(
            pool=pool, day=day, code=code, name=name,
            price=_number("price", raw.get("p"), 1e-3, MAX_PRICE, 1000.0),           # Eastmoney sends 厘 (×1000)
            change_pct=_number("change %", raw.get("zdp"), -100.0, pct),
            amount=_number("amount", raw.get("amount"), 0.0, MAX_AMOUNT),
            float_cap=_number("float cap", raw.get("ltsz"), 0.0, MAX_CAP),
            total_cap=_number("total cap", raw.get("tshare"), 0.0, MAX_CAP),
            turnover_pct=_number("turnover %", raw.get("hs"), 0.0, MAX_TURNOVER_PCT),
            streak=_count("streak", raw.get(streak_key), MAX_STREAK) if streak_key else None,
            first_sealed=clock_time("first sealed", raw.get("fbt")) if pool != "dt" else "",
            last_sealed=clock_time("last sealed", raw.get("lbt")) if pool != "zb" else "",
            seal_funds=_number("seal funds", raw.get(funds_key), 0.0, MAX_AMOUNT) if funds_key else None,
            breaks=_count("breaks", raw.get(breaks_key), MAX_BREAKS),
            industry=_text("industry", raw.get("hybk")),
            limit_price=_number("limit price", raw.get("ztp"), 1e-3, MAX_PRICE, 1000.0) if pool == "zb" else None,
            stats=stats,
        )
    except _Bad as bad:
        return Dropped(code, bad.field, shown(bad.value), bad.reason)


def ladder_key(row: LimitRow) -> tuple[Any, ...]:
    """The pool's order: the longest 连板 (连续跌停) first, then the earliest sealing (a row never sealed last),
    then the code."""
    return (-(row.streak or 0), row.sealed == "", row.sealed, row.code)


def ladder(rows: list[LimitRow]) -> list[LimitRow]:
    return sorted(rows, key=ladder_key)

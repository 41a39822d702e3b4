"""Market-side value types. Prices in yuan, volumes in shares (not lots), caps in yuan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

STOCK_CODE = re.compile(r"^\d{6}$")   # the shape of an A-share code (exchange_of says which market)


@dataclass(frozen=True, slots=True)
class Stock:
    code: str                     # 6 digits
    name: str
    exchange: str                 # "SH" | "SZ" | "BJ"
    industry: str = ""
    total_cap: float | None = None
    float_cap: float | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    code: str
    name: str
    price: float | None           # None when suspended ("-")
    change_pct: float | None
    change: float | None
    open: float | None
    high: float | None
    low: float | None
    prev_close: float | None
    volume: float | None          # shares
    amount: float | None          # yuan
    turnover_pct: float | None
    total_cap: float | None
    time: int                     # Unix seconds: when the quote was valid (market time), not fetch time
    fetched: int = 0
    float_cap: float | None = None


@dataclass(frozen=True, slots=True)
class Board:
    code: str                     # Eastmoney BKxxxx
    name: str
    type: str                     # "industry" | "concept"
    change_pct: float | None
    total_cap: float | None
    up: int | None
    down: int | None
    leader: str = ""              # leading stock name
    leader_change_pct: float | None = None


@dataclass(frozen=True, slots=True)
class Bar:
    code: str
    time: int                     # Unix seconds: daily bars at 00:00 Asia/Shanghai; 1-minute bars at the exchange's
                                  # label, the minute's end (09:31 is 09:30–09:31), as Chinese terminals show it
    open: float
    high: float
    low: float
    close: float
    volume: float
    amount: float
    adjust: str = ""              # "" (none) | "qfq"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """A stored quote as a pane shows it: stale when it was fetched before the market last moved, frozen when
    the source still answers it but its own time stopped (market_hours.frozen_before)."""

    quote: Quote
    source: str
    stale: bool
    age_s: int                      # seconds since it was fetched
    frozen: bool = False            # unchanged for FROZEN_S of trading: shown as stale, "since" its own time

    def to_dict(self) -> dict[str, Any]:
        from datetime import datetime

        from desktop.core.market_hours import SHANGHAI

        q = self.quote
        return {"code": q.code, "name": q.name, "price": q.price, "change_pct": q.change_pct, "change": q.change,
                "open": q.open, "high": q.high, "low": q.low, "prev_close": q.prev_close, "volume": q.volume,
                "amount": q.amount, "turnover_pct": q.turnover_pct, "total_cap": q.total_cap,
                "time": datetime.fromtimestamp(q.time, SHANGHAI).isoformat(), "stale": self.stale}


@dataclass(frozen=True, slots=True)
class Watchlist:
    id: int
    name: str
    codes: tuple[str, ...]

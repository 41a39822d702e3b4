"""Market-side value types. Prices in yuan, volumes in shares (not lots), caps in yuan."""

from __future__ import annotations

from dataclasses import dataclass


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

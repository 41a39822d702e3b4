"""The 分时 (intraday) session's minute slots, average price and the day's bars. Qt-free.

A session has 241 one-minute labels, as Eastmoney's trends and every Chinese terminal show them: 09:30 (the
opening auction's price), 09:31 … 11:30, then 13:01 … 15:00. A label is the minute's end (09:31 is 09:30–09:31).
The chart's x is the slot, so the morning and the afternoon join without the lunch gap and a session that is
still trading fills the axis from the left.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desktop.core.market_hours import SHANGHAI

SLOTS = 241
MORNING = 120                      # slots 1..120: 09:31..11:30; slots 121..240: 13:01..15:00


def _minutes(dt: datetime) -> int:
    return dt.hour * 60 + dt.minute


def slot_of_label(ts: int) -> int:
    """A 1-minute bar's label (Unix seconds) → its slot 0..240."""
    m = _minutes(datetime.fromtimestamp(ts, SHANGHAI))
    if m <= 9 * 60 + 30:
        return 0
    if m <= 11 * 60 + 30:
        return m - (9 * 60 + 30)
    if m <= 13 * 60:
        return MORNING
    return min(SLOTS - 1, MORNING + m - 13 * 60)


def slot_of_time(ts: int) -> int:
    """Any moment (an article's time) → the slot of the minute it falls in. Before the open: the open; in the
    lunch break: 13:01, the first minute that can trade on it; after the close: the close."""
    dt = datetime.fromtimestamp(ts, SHANGHAI)
    m = _minutes(dt)
    if m < 9 * 60 + 30:
        return 0
    if m < 11 * 60 + 30:
        return m - (9 * 60 + 30) + 1
    if m < 13 * 60:
        return MORNING + 1
    if m < 15 * 60:
        return MORNING + m - 13 * 60 + 1
    return SLOTS - 1


def slot_label(slot: int) -> str:
    """Slot → "HH:MM" (its minute's label)."""
    if slot <= MORNING:
        m = 9 * 60 + 30 + max(0, slot)
    else:
        m = 13 * 60 + min(slot, SLOTS - 1) - MORNING
    return f"{m // 60:02d}:{m % 60:02d}"


def session_bars(bars: list[Any]) -> list[Any]:
    """The bars of the latest trading day among `bars` (ascending), with their order kept."""
    if not bars:
        return []
    day = datetime.fromtimestamp(bars[-1].time, SHANGHAI).date()
    return [b for b in bars if datetime.fromtimestamp(b.time, SHANGHAI).date() == day]


def session_start(bars: list[Any]) -> int:
    """00:00 Asia/Shanghai of the session's day (Unix seconds); 0 without bars."""
    if not bars:
        return 0
    dt = datetime.fromtimestamp(bars[-1].time, SHANGHAI)
    return int(dt.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())


def average_prices(bars: list[Any]) -> list[float]:
    """均价: cumulative amount over cumulative volume (shares) at each minute; the close where nothing traded."""
    out: list[float] = []
    amount = volume = 0.0
    for b in bars:
        amount += b.amount or 0.0
        volume += b.volume or 0.0
        out.append(amount / volume if volume > 0 else b.close)
    return out

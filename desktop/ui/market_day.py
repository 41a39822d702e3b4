"""A market time as the window shows it, saying the day when it is not today: a quote or a 分时 session from
another day (the demo's recording of 2026-11-20, last Friday's close on a Monday morning) must not read as
today's. Beijing time, as every time in the window; "today" is the computer's date in Beijing (core/clock.py).
"""

from __future__ import annotations

from datetime import datetime

from desktop.core import clock


def when(ts: int | float) -> datetime:
    return datetime.fromtimestamp(ts, clock.SHANGHAI)


def is_today(ts: int | float) -> bool:
    return when(ts).date() == clock.today_shanghai()


def time_text(ts: int | float, seconds: bool = True) -> str:
    """"14:35:02" today (seconds=False: "14:35"); "11-20 14:35" on another day."""
    dt = when(ts)
    if dt.date() == clock.today_shanghai():
        return dt.strftime("%H:%M:%S" if seconds else "%H:%M")
    return dt.strftime("%m-%d %H:%M")


def day_text(ts: int | float) -> str:
    """"" today; "11-20" on another day of this year; "2025-12-31" in another year."""
    dt = when(ts)
    today = clock.today_shanghai()
    if dt.date() == today:
        return ""
    return dt.strftime("%m-%d") if dt.year == today.year else dt.strftime("%Y-%m-%d")

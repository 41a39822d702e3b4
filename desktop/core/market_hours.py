"""A-share market phases and poll timing, always in Asia/Shanghai time whatever the computer's zone.

Phases: 未开盘 before 09:15, 集合竞价 09:15–09:30 (the call auction runs to 09:25; until 09:30 only its
matched price shows, so it is still not continuous trading), 交易中 09:30–11:30 and 13:00–15:00,
午间休市 11:30–13:00, 已收盘 after 15:00, 休市 on non-trading days.

Poll rule (`next_run`): while the market is active a job runs every `interval`; once a session has ended it
runs one more time after `settle` seconds (the final prices), then waits for the next open. A job that never
ran (a fresh database) runs once whatever the time, so the user sees the last close on a Saturday too.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from desktop.core.trading_calendar import TradingCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
AUCTION_START = time(9, 15)
MORNING_OPEN = time(9, 30)
MORNING_CLOSE = time(11, 30)
AFTERNOON_OPEN = time(13, 0)
CLOSE = time(15, 0)
SETTLE_S = 60.0       # seconds after a session ends before its final prices are fetched


class Phase(StrEnum):
    PRE_MARKET = "pre_market"
    AUCTION = "auction"
    TRADING = "trading"
    LUNCH = "lunch"
    CLOSED = "closed"
    HOLIDAY = "holiday"


LABELS = {
    Phase.PRE_MARKET: "未开盘",
    Phase.AUCTION: "集合竞价",
    Phase.TRADING: "交易中",
    Phase.LUNCH: "午间休市",
    Phase.CLOSED: "已收盘",
    Phase.HOLIDAY: "休市",
}
ACTIVE = frozenset({Phase.AUCTION, Phase.TRADING})


def shanghai(dt: datetime) -> datetime:
    """The same instant in Shanghai time; naive datetimes are refused (their zone is a guess)."""
    if dt.tzinfo is None:
        raise ValueError("market times must be timezone-aware")
    return dt.astimezone(SHANGHAI)


def at(d: date, t: time) -> datetime:
    return datetime.combine(d, t, tzinfo=SHANGHAI)


def phase(now: datetime, cal: TradingCalendar) -> Phase:
    now = shanghai(now)
    if not cal.is_trading_day(now.date()):
        return Phase.HOLIDAY
    t = now.timetz().replace(tzinfo=None)
    if t < AUCTION_START:
        return Phase.PRE_MARKET
    if t < MORNING_OPEN:
        return Phase.AUCTION
    if t < MORNING_CLOSE:
        return Phase.TRADING
    if t < AFTERNOON_OPEN:
        return Phase.LUNCH
    if t < CLOSE:
        return Phase.TRADING
    return Phase.CLOSED


def label(now: datetime, cal: TradingCalendar) -> str:
    return LABELS[phase(now, cal)]


def last_session_end(now: datetime, cal: TradingCalendar) -> datetime:
    """End of the latest session that finished at or before `now` (11:30 or 15:00)."""
    now = shanghai(now)
    d = now.date()
    if cal.is_trading_day(d):
        t = now.timetz().replace(tzinfo=None)
        if t >= CLOSE:
            return at(d, CLOSE)
        if t >= MORNING_CLOSE:
            return at(d, MORNING_CLOSE)
    return at(cal.previous_trading_day(d), CLOSE)


def last_market_time(now: datetime, cal: TradingCalendar) -> datetime:
    """The latest moment at or before `now` when prices could move: now while active, else a session end."""
    now = shanghai(now)
    return now if phase(now, cal) in ACTIVE else last_session_end(now, cal)


FROZEN_S = 300        # a quote whose own time lags the market this long in continuous trading has stopped moving


def frozen_before(now: datetime, cal: TradingCalendar, frozen_s: float = FROZEN_S) -> int:
    """Quotes whose own market time is before this have not moved for `frozen_s` of continuous trading: the
    source keeps answering the same record (a suspended stock, a stuck server, a replay that has run out). Judged
    against the market's latest moment (now while trading, else the session's end: a quote of 14:35 is not the
    close); 0 — nothing frozen — until the current session half (09:30 or 13:00) has run `frozen_s`."""
    last = last_market_time(now, cal)
    start = at(last.date(), MORNING_OPEN if last.timetz().replace(tzinfo=None) <= MORNING_CLOSE else AFTERNOON_OPEN)
    cutoff = last - timedelta(seconds=frozen_s)
    return int(cutoff.timestamp()) if cutoff > start else 0


def next_open(now: datetime, cal: TradingCalendar) -> datetime:
    """When the market next becomes active (now if it is)."""
    now = shanghai(now)
    ph = phase(now, cal)
    if ph in ACTIVE:
        return now
    d = now.date()
    if ph == Phase.PRE_MARKET:
        return at(d, AUCTION_START)
    if ph == Phase.LUNCH:
        return at(d, AFTERNOON_OPEN)
    return at(cal.next_trading_day(d), AUCTION_START)


def next_run(now: datetime, last_run: datetime | None, interval_s: float, cal: TradingCalendar,
             settle_s: float = SETTLE_S) -> datetime:
    """When a market-following job should next run (a time ≤ now means: run now)."""
    now = shanghai(now)
    if last_run is None:
        return now
    if phase(now, cal) in ACTIVE:
        return max(shanghai(last_run) + timedelta(seconds=interval_s), _session_start(now, cal))
    final = last_session_end(now, cal) + timedelta(seconds=settle_s)
    if last_run < final:
        return final if now < final else now
    return next_open(now, cal)


def _session_start(now: datetime, cal: TradingCalendar) -> datetime:
    t = now.timetz().replace(tzinfo=None)
    return at(now.date(), AFTERNOON_OPEN if t >= AFTERNOON_OPEN else AUCTION_START)


def trading_date(now: datetime, cal: TradingCalendar) -> date:
    """The trading day whose prices are current at `now` (today once the auction opened, else the last one)."""
    return last_market_time(now, cal).date()

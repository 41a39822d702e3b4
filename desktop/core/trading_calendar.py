"""Which dates the Shanghai/Shenzhen/Beijing exchanges trade on.

The offline calendars (exchange-calendars XSHG, akshare's calendar.json) end on 2026-12-31 and China
publishes next year's holidays late in the year. So: known dates come from the offline calendar, replaced by
online dates (Sina, cached in the `trade_dates` table) where those exist; past the last known date the
holidays are estimated by rule (`holiday_rules`) and such days say so (`is_estimated`) until an official
calendar arrives. Never an exception, never a stopped poller.
"""

from __future__ import annotations

import bisect
import logging
import threading
from collections.abc import Iterable
from datetime import date, timedelta

from desktop.core import holiday_rules

log = logging.getLogger(__name__)

_offline_lock = threading.Lock()
_offline: TradingCalendar | None = None


class TradingCalendar:
    """An immutable set of official trading dates plus the holiday rules past (or before) them."""

    def __init__(self, dates: Iterable[date] = (), source: str = ""):
        self._dates = sorted(set(dates))
        self._set = frozenset(self._dates)
        self.source = source

    @property
    def first_known(self) -> date | None:
        return self._dates[0] if self._dates else None

    @property
    def last_known(self) -> date | None:
        return self._dates[-1] if self._dates else None

    def __len__(self) -> int:
        return len(self._dates)

    def is_estimated(self, d: date) -> bool:
        """True when `d` lies outside the official dates, so whether it trades is a rule-based estimate."""
        last = self.last_known
        return last is None or d > last or (self.first_known is not None and d < self.first_known)

    def is_trading_day(self, d: date) -> bool:
        if self.is_estimated(d):
            return not holiday_rules.is_closed(d)
        return d in self._set

    def previous_trading_day(self, d: date) -> date:
        """The last trading day strictly before `d`."""
        last = self.last_known
        if last is not None and self.first_known is not None and self.first_known < d <= last + timedelta(1):
            i = bisect.bisect_left(self._dates, d)
            if i > 0:
                return self._dates[i - 1]
        cur = d - timedelta(1)
        for _ in range(40):  # holidays never last 40 days; the bound only guards against a bad calendar
            if self.is_trading_day(cur):
                return cur
            cur -= timedelta(1)
        return cur

    def next_trading_day(self, d: date) -> date:
        """The first trading day strictly after `d`."""
        cur = d + timedelta(1)
        for _ in range(40):
            if self.is_trading_day(cur):
                return cur
            cur += timedelta(1)
        return cur

    def trading_days_back(self, d: date, n: int) -> date:
        """The date `n` trading days back counting `d` itself if it trades (n=1 → the latest trading day)."""
        cur = d if self.is_trading_day(d) else self.previous_trading_day(d)
        for _ in range(max(0, n - 1)):
            cur = self.previous_trading_day(cur)
        return cur

    def merged(self, online: Iterable[date], source: str = "online") -> TradingCalendar:
        """Online dates replace offline ones over their own span (they carry late holiday changes); offline
        dates past an older or shorter online list are kept, so a stale answer never shortens the calendar."""
        fresh = sorted(set(online))
        if not fresh:
            return self
        keep = [d for d in self._dates if d < fresh[0] or d > fresh[-1]]
        return TradingCalendar(keep + fresh, source=f"{self.source}+{source}" if self.source else source)


def offline_calendar() -> TradingCalendar:
    """XSHG sessions (loaded once): akshare's calendar.json, else exchange-calendars (~0.4 s); the holiday rules
    if neither is available."""
    global _offline
    with _offline_lock:
        if _offline is None:
            _offline = _load_xshg()
        return _offline


def _load_xshg() -> TradingCalendar:
    dates = _akshare_sessions()
    if dates:
        return TradingCalendar(dates, source="XSHG sessions (akshare calendar.json)")
    try:
        import warnings

        with warnings.catch_warnings():   # its pandas deprecation notices are not ours to act on
            warnings.simplefilter("ignore")
            import exchange_calendars as xcals

            cal = xcals.get_calendar("XSHG")
            return TradingCalendar((ts.date() for ts in cal.sessions), source="exchange-calendars XSHG")
    except Exception as exc:  # a broken install must not stop the poller: fall back to the holiday rules
        log.warning("exchange-calendars unavailable (%s); estimating holidays by rule", exc)
        return TradingCalendar((), source="weekdays")


def _akshare_sessions() -> list[date]:
    """The SSE trading days akshare ships (file_fold/calendar.json, "YYYYMMDD" strings), read without importing
    akshare. Why not exchange-calendars first: it imports pandas, ~40 MiB resident in the market process for a
    list of dates; the two agree day for day over exchange-calendars' span (2006-12-07 … 2026-12-31) and the
    file goes back to 1990 (docs/PERFORMANCE.md). [] when akshare or its file is missing or unreadable."""
    try:
        import importlib.util
        import json
        from pathlib import Path

        spec = importlib.util.find_spec("akshare")
        for where in (spec.submodule_search_locations or []) if spec is not None else []:
            path = Path(where) / "file_fold" / "calendar.json"
            if path.is_file():
                days = json.loads(path.read_text(encoding="utf-8"))
                return [date(int(d[:4]), int(d[4:6]), int(d[6:8])) for d in map(str, days)]
    except Exception as exc:  # a changed or damaged file: exchange-calendars is the fallback
        log.warning("akshare's calendar.json unreadable (%s); using exchange-calendars", exc)
    return []

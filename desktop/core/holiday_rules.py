"""SSE/SZSE holidays estimated by rule, for the years no official calendar covers yet.

The offline calendars end on 2026-12-31 and the State Council publishes next year's schedule late in the
year, so past the last known day we estimate instead of counting every weekday as trading. The rules are the
practice of the exchanges under the holiday law in force since 2025 (and, for each rule, since 2020 at the
latest); `estimate_year(y)` for 2021–2026 reproduces the official closures exactly (tests/market/
test_holiday_rules.py compares every weekday with exchange-calendars' XSHG sessions):

- 元旦 1 Jan, 清明 (the solar term), 端午 (lunar 5/5), 中秋 (lunar 8/15): the day itself; on a Tuesday the
  Monday before is bridged, on a Thursday the Friday after; on a weekend the next Monday is closed.
- 春节: eight days from the lunar new year's eve (除夕, a statutory day since 2025; the exchanges already
  closed on it in 2024).
- 劳动节: five days, 1–5 May, starting on the Saturday before when 1 May is a Sunday or a Monday.
- 国庆: 1–7 Oct; when 中秋 falls between 28 Sep and 8 Oct the two merge into eight days from the earlier one.
- Weekends are always closed (the exchanges do not trade on 调休 Saturdays).

Lunar dates and the 清明 solar term come from tyme4py (6tail's calendar library; see docs/MARKET.md for why),
imported only when a year is first estimated. Results are cached per year.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

NEW_YEAR, SPRING, QINGMING, LABOUR, DRAGON_BOAT, MID_AUTUMN, NATIONAL = (
    "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
HOLIDAY_NAMES_EN = {NEW_YEAR: "New Year's Day", SPRING: "Spring Festival", QINGMING: "Qingming",
                    LABOUR: "Labour Day", DRAGON_BOAT: "Dragon Boat Festival", MID_AUTUMN: "Mid-Autumn Festival",
                    NATIONAL: "National Day"}

_cache: dict[int, dict[date, str]] = {}
_lock = threading.Lock()


def closed_days(year: int) -> dict[date, str]:
    """Every weekday of `year` the exchanges are expected to close, with the holiday's name."""
    with _lock:
        if year not in _cache:
            days = {d: n for y in (year - 1, year, year + 1) for d, n in _holiday_weekdays(y).items()
                    if d.year == year}   # a bridge day can fall in the neighbouring year (元旦 on a Tuesday)
            _cache[year] = dict(sorted(days.items()))
        return _cache[year]


def holiday_name(d: date) -> str | None:
    """The holiday a date belongs to under the rules (weekends included when inside a holiday block)."""
    for y in (d.year - 1, d.year, d.year + 1):
        for day, name in _holiday_days(y).items():
            if day == d:
                return name
    return None


def is_closed(d: date) -> bool:
    return d.weekday() >= 5 or d in closed_days(d.year)


def _holiday_weekdays(year: int) -> dict[date, str]:
    return {d: n for d, n in _holiday_days(year).items() if d.weekday() < 5}


def _holiday_days(year: int) -> dict[date, str]:
    """All days (weekends too) of the holiday blocks whose statutory day lies in `year`."""
    lunar_new_year, dragon_boat, mid_autumn, qingming = _lunar_dates(year)
    out: dict[date, str] = {}
    for d in _single(date(year, 1, 1)):
        out[d] = NEW_YEAR
    eve = lunar_new_year - timedelta(days=1)
    for d in _span(eve, 8):
        out[d] = SPRING
    for d in _single(qingming):
        out[d] = QINGMING
    may1 = date(year, 5, 1)
    start = may1 - timedelta(days={6: 1, 0: 2}.get(may1.weekday(), 0))   # Sun → from Sat 30 Apr, Mon → Sat 29
    for d in _span(start, 5):
        out[d] = LABOUR
    for d in _single(dragon_boat):
        out[d] = DRAGON_BOAT
    if date(year, 9, 28) <= mid_autumn <= date(year, 10, 8):
        for d in _span(min(mid_autumn, date(year, 10, 1)), 8):
            out[d] = NATIONAL
    else:
        for d in _single(mid_autumn):
            out[d] = MID_AUTUMN
        for d in _span(date(year, 10, 1), 7):
            out[d] = NATIONAL
    return out


def _span(start: date, days: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(days)]


def _single(day: date) -> list[date]:
    """A one-day holiday as a three-day weekend: bridge Tuesday/Thursday, move a weekend day to Monday."""
    wd = day.weekday()
    if wd == 1:                        # Tuesday: Sat–Tue, the Monday bridged
        return _span(day - timedelta(days=3), 4)
    if wd == 3:                        # Thursday: Thu–Sun, the Friday bridged
        return _span(day, 4)
    if wd == 5:                        # Saturday: Sat–Mon
        return _span(day, 3)
    if wd == 6:                        # Sunday: Sat–Mon
        return _span(day - timedelta(days=1), 3)
    if wd == 0:                        # Monday: Sat–Mon
        return _span(day - timedelta(days=2), 3)
    if wd == 4:                        # Friday: Fri–Sun
        return _span(day, 3)
    return [day]                       # Wednesday: the day alone


def _lunar_dates(year: int) -> tuple[date, date, date, date]:
    """(lunar new year, 端午, 中秋, 清明) of a Gregorian year."""
    from tyme4py.lunar import LunarDay
    from tyme4py.solar import SolarTerm

    def solar(lunar_month: int, lunar_day: int) -> date:
        s = LunarDay.from_ymd(year, lunar_month, lunar_day).get_solar_day()
        return date(s.get_year(), s.get_month(), s.get_day())

    qm = SolarTerm.from_name(year, "清明").get_julian_day().get_solar_day()
    return solar(1, 1), solar(5, 5), solar(8, 15), date(qm.get_year(), qm.get_month(), qm.get_day())

"""Market phases and poll timing in Shanghai time: lunch break, holidays, weekends, past the calendar's end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.market_hours import (
    LABELS,
    Phase,
    last_market_time,
    last_session_end,
    next_open,
    next_run,
    phase,
)
from desktop.core.trading_calendar import TradingCalendar, offline_calendar

from .conftest import sh

CAL = offline_calendar()
FRIDAY = (2026, 11, 20)


@pytest.mark.parametrize(("hm", "expected"), [
    ((9, 0), Phase.PRE_MARKET), ((9, 15), Phase.AUCTION), ((9, 29), Phase.AUCTION), ((9, 30), Phase.TRADING),
    ((11, 29), Phase.TRADING), ((11, 30), Phase.LUNCH), ((12, 59), Phase.LUNCH), ((13, 0), Phase.TRADING),
    ((14, 59), Phase.TRADING), ((15, 0), Phase.CLOSED), ((23, 0), Phase.CLOSED),
])
def test_phases_of_a_trading_day(hm, expected):
    assert phase(sh(*FRIDAY, *hm), CAL) == expected


def test_labels_are_chinese():
    assert LABELS[Phase.LUNCH] == "午间休市" and LABELS[Phase.HOLIDAY] == "休市"
    assert LABELS[Phase.AUCTION] == "集合竞价" and LABELS[Phase.TRADING] == "交易中"


def test_shanghai_time_whatever_the_zone():
    utc = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)          # 10:00 in Shanghai
    ny = utc.astimezone(ZoneInfo("America/New_York"))                # still 19 Nov in New York
    assert phase(utc, CAL) == phase(ny, CAL) == Phase.TRADING
    with pytest.raises(ValueError):
        phase(datetime(2026, 11, 20, 10, 0), CAL)


def test_schedule_across_the_lunch_break():
    five = 5.0
    last = sh(*FRIDAY, 11, 29, 58)
    # At the break: one final poll of the morning, after the settle minute, then nothing until 13:00.
    assert next_run(sh(*FRIDAY, 11, 30, 10), last, five, CAL) == sh(*FRIDAY, 11, 31)
    at_1131 = sh(*FRIDAY, 11, 31, 5)
    assert next_run(at_1131, last, five, CAL) <= at_1131
    assert next_run(sh(*FRIDAY, 12, 0), at_1131, five, CAL) == sh(*FRIDAY, 13, 0)
    assert next_run(sh(*FRIDAY, 13, 0), at_1131, five, CAL) == sh(*FRIDAY, 13, 0)
    # While trading: every interval.
    t = sh(*FRIDAY, 13, 0, 0)
    assert next_run(t + timedelta(seconds=3), t, five, CAL) == t + timedelta(seconds=5)


def test_one_final_poll_after_the_close():
    last = sh(*FRIDAY, 14, 59, 58)
    assert next_run(sh(*FRIDAY, 15, 0, 20), last, 5, CAL) == sh(*FRIDAY, 15, 1)
    final = sh(*FRIDAY, 15, 1, 2)
    assert next_run(final, last, 5, CAL) == final
    monday_open = sh(2026, 11, 23, 9, 15)
    assert next_run(sh(*FRIDAY, 16, 0), final, 5, CAL) == monday_open


def test_weekend_polls_nothing():
    final = sh(*FRIDAY, 15, 1, 2)
    for day in (21, 22):
        now = sh(2026, 11, day, 10, 0)
        assert phase(now, CAL) == Phase.HOLIDAY
        assert next_run(now, final, 5, CAL) == sh(2026, 11, 23, 9, 15)
    assert last_market_time(sh(2026, 11, 22, 10, 0), CAL) == sh(*FRIDAY, 15, 0)


def test_a_fresh_install_fetches_once_even_on_a_weekend():
    now = sh(2026, 11, 21, 10, 0)
    assert next_run(now, None, 5, CAL) == now


def test_national_day_holiday():
    now = sh(2026, 10, 1, 10, 0)                  # a Thursday, closed
    assert phase(now, CAL) == Phase.HOLIDAY
    assert last_session_end(now, CAL) == sh(2026, 9, 30, 15, 0)
    assert not CAL.is_trading_day(date(2026, 10, 7))
    assert next_open(now, CAL) == sh(2026, 10, 8, 9, 15)             # 1–7 Oct off
    assert next_run(now, sh(2026, 9, 30, 15, 2), 5, CAL) == sh(2026, 10, 8, 9, 15)


def test_past_the_calendar_end_holidays_are_estimated_and_nothing_raises():
    assert CAL.last_known == date(2026, 12, 31)
    monday = sh(2027, 1, 4, 10, 0)
    assert CAL.is_trading_day(monday.date()) and CAL.is_estimated(monday.date())
    assert phase(monday, CAL) == Phase.TRADING
    assert phase(sh(2027, 1, 2, 10, 0), CAL) == Phase.HOLIDAY           # Saturday
    # New Year's Day 2027 is a Friday past the end: closed by the holiday rules (tests/market/test_trading_calendar).
    assert phase(sh(2027, 1, 1, 10, 0), CAL) == Phase.HOLIDAY
    assert CAL.previous_trading_day(date(2027, 1, 4)) == date(2026, 12, 31)
    assert next_open(sh(2027, 6, 5, 16, 0), CAL) == sh(2027, 6, 7, 9, 15)   # far past the end: still answers
    assert next_run(sh(2030, 3, 1, 10, 0), None, 5, CAL) == sh(2030, 3, 1, 10, 0)


def test_online_dates_replace_the_offline_calendar_from_their_first_day():
    online = [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 5), date(2027, 1, 6)]   # 4 Jan closed
    cal = CAL.merged(online)
    assert cal.last_known == date(2027, 1, 6)
    assert not cal.is_trading_day(date(2027, 1, 4))
    assert cal.is_trading_day(date(2026, 11, 20))                       # offline part kept
    assert cal.previous_trading_day(date(2027, 1, 5)) == date(2026, 12, 31)
    assert phase(sh(2027, 1, 4, 10, 0), cal) == Phase.HOLIDAY


def test_empty_calendar_follows_the_holiday_rules():
    cal = TradingCalendar()
    assert not cal.is_trading_day(date(2026, 10, 1)) and not cal.is_trading_day(date(2026, 10, 3))
    assert cal.is_trading_day(date(2026, 10, 9))
    assert cal.trading_days_back(date(2026, 11, 23), 2) == date(2026, 11, 20)

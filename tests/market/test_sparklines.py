"""The 分时走势 sparkline's data: stored minutes merged with the quotes seen since; which sessions to fetch."""

from __future__ import annotations

from datetime import datetime

from desktop.core.market_hours import SHANGHAI
from desktop.core.sparklines import Ticks, day_of, merge, stale_sessions

DAY = datetime(2026, 11, 20, tzinfo=SHANGHAI)


def ts(h: int, m: int, s: int = 0, day: datetime = DAY) -> int:
    return int(day.replace(hour=h, minute=m, second=s).timestamp())


def test_stored_minutes_are_extended_by_later_ticks_only():
    ticks = Ticks()
    ticks.add("300750", ts(9, 31, 20), 99.0)          # inside a stored minute: the stored close wins
    ticks.add("300750", ts(10, 0, 5), 101.0)          # after the last stored minute: added (slot 31)
    ticks.add("300750", ts(10, 0, 40), 101.5)         # same minute, newer: replaces
    bars = [(ts(9, 30), 100.0), (ts(9, 31), 100.5), (ts(9, 32), 100.2)]
    spark = merge(day_of(ts(9, 30)), 99.8, bars, ticks.of("300750"))
    assert spark.points == ((0, 100.0), (1, 100.5), (2, 100.2), (31, 101.5))
    assert spark.prev_close == 99.8 and spark.last == 101.5


def test_a_newer_session_in_the_ticks_replaces_the_stored_one():
    ticks = Ticks()
    ticks.add("300750", ts(9, 45, 3, DAY.replace(day=23)), 102.0)
    yesterday = [(ts(14, 59), 100.0), (ts(15, 0), 100.1)]
    spark = merge(day_of(ts(9, 30)), 99.0, yesterday, ticks.of("300750"))
    assert spark.day == day_of(ts(9, 30, day=DAY.replace(day=23))) and spark.points == ((16, 102.0),)
    ticks.add("300750", ts(14, 0, 0), 50.0)            # an older quote arriving late: ignored
    assert ticks.of("300750")[1] == {16: 102.0}


def test_quotes_on_minute_labels_and_nothing_to_draw():
    ticks = Ticks()
    ticks.add("600000", ts(11, 30, 0), 8.0)            # the morning's last label, not the lunch break
    ticks.add("600000", ts(15, 0, 0), 8.1)             # the close
    ticks.add("600000", ts(15, 0, 0), None)            # suspended: no price, no point
    assert ticks.of("600000")[1] == {120: 8.0, 240: 8.1}
    assert merge(0, None, [], None) is None


def test_sessions_to_fetch():
    now = ts(14, 0)
    quote_times = {"a": ts(13, 59, 55), "b": ts(13, 59, 55), "c": ts(13, 59, 55), "d": 0, "e": ts(13, 59, 55)}
    stored = {"b": (day_of(now), ts(13, 58)),                        # current
              "c": (day_of(now), ts(10, 0)),                         # hours behind a moving quote
              "e": (day_of(now) - 86400, ts(15, 0, day=DAY.replace(day=19)))}   # yesterday's
    assert stale_sessions(stored, quote_times) == ["a", "c", "e"]
    assert stale_sessions({"c": (day_of(now), ts(14, 55))}, {"c": ts(15, 0)}) == []   # 5 minutes: the ticks do


def test_a_lunch_break_quote_stays_on_the_morning():
    ticks = Ticks()
    ticks.add("300750", ts(11, 30, 5), 101.0)           # the morning's last price, polled in the lunch break
    ticks.add("300750", ts(12, 40, 12), 101.0)
    assert ticks.of("300750")[1] == {120: 101.0}         # never a point at 13:01 before the afternoon opens
    ticks.add("300750", ts(13, 0, 30), 102.0)            # the afternoon's first minute
    assert ticks.of("300750")[1] == {120: 101.0, 121: 102.0}

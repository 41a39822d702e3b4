"""core/market_checks.py on its own: the ranges, the boards' limits and their exception, how a dropped row is
named, and that an answer with no row left is an error. (The hostile answers in each endpoint's format, through
the sources, the store and the CLI: test_hostile_numbers.py.)"""

from __future__ import annotations

import logging
import math
from datetime import date, datetime

import pytest

from desktop.core.errors import SourceError
from desktop.core.market import Bar, Board, Quote
from desktop.core.market_checks import (
    Dropped,
    Limits,
    Screen,
    check_bar,
    check_board,
    check_intraday_bar,
    check_quote,
    daily_limit_pct,
    market_number,
)
from desktop.core.market_hours import SHANGHAI

NOW = datetime(2026, 11, 20, 14, 35, tzinfo=SHANGHAI).timestamp()
LIMITS = Limits.at(NOW)


def quote(**change) -> Quote:
    values = dict(code="600900", name="长江电力", price=10.0, change_pct=1.5, change=0.15, open=9.9, high=10.2,
                  low=9.8, prev_close=9.85, volume=1e5, amount=1e6, turnover_pct=0.5, total_cap=5e9,
                  time=int(NOW) - 60, fetched=int(NOW), float_cap=4e9)
    values.update(change)
    return Quote(**values)


def test_the_span_of_times():
    assert LIMITS.shown() == "1990-12-18 00:00 … 2026-11-21 14:35"     # the calendar's first day − 1 … now + 1 day
    assert LIMITS.shown(days=True) == "1990-12-18 … 2026-11-21"


@pytest.mark.parametrize("code, name, limit", [
    ("600900", "长江电力", 10.0), ("000001", "平安银行", 10.0), ("300750", "宁德时代", 20.0),
    ("688063", "派能科技", 20.0), ("920239", "长虹能源", 30.0), ("830799", "艾融软件", 30.0),
    ("600654", "ST中安", 10.0), ("300313", "*ST天山", 20.0),                 # ST: the board's limit (2025)
    ("301600", "N慧翰", None), ("301600", "C慧翰", None), ("600228", "退市昌九", None),   # no limit those days
    ("002555", "三七互娱", 10.0),
])
def test_daily_limits_by_board(code, name, limit):
    assert daily_limit_pct(code, name) == limit


@pytest.mark.parametrize("value, expected", [
    ("-", None), ("", None), (None, None), (float("nan"), None), (True, None), ("abc", None),
    (1.5, 1.5), ("2.5", 2.5), (1e308, 1e308), (float("inf"), float("inf")),
])
def test_market_number(value, expected):
    assert market_number(value) == expected


def test_market_number_keeps_an_overflow_visible():
    assert math.isinf(market_number("1.7e308", 1e8))         # Tencent's 亿 → yuan: dropped, not "no cap"


@pytest.mark.parametrize("change, text", [
    ({"time": 10 ** 300}, "600900 update time 1e+300 is outside 1990-12-18 00:00 … 2026-11-21 14:35"),
    ({"time": float("inf")}, "600900 update time inf is not a time"),
    ({"time": 0}, "600900 update time 0 is outside"),
    ({"price": -289.04, "change_pct": -150.0}, "600900 price -289.04 is not above 0"),
    ({"change_pct": -150.0}, "600900 change % -150 is below -12.1015"),
    ({"price": float("inf")}, "600900 price inf is not a finite number"),
    ({"total_cap": 1.7e308}, "600900 total cap 1.7e+308 is above 1e+15"),
    ({"float_cap": -1.0}, "600900 float cap -1 is below 0"),
    ({"turnover_pct": 5000.0}, "600900 turnover % 5000 is above 1000"),
])
def test_quote_faults_are_named(change, text):
    result = check_quote(quote(**change), LIMITS)
    assert isinstance(result, Dropped) and str(result).startswith(text)


@pytest.mark.parametrize("change", [
    {}, {"price": None, "change_pct": None, "change": None, "open": None, "high": None, "low": None},   # suspended
    {"open": 0.0, "high": 0.0, "low": 0.0, "volume": 0.0, "amount": 0.0},            # before the first trade
    {"change_pct": -10.04}, {"name": "N长江", "change_pct": 420.0}, {"total_cap": None},
    {"prev_close": 0.45, "price": 0.50, "change_pct": 11.11},        # a cheap stock's limit, rounded to the cent
])
def test_plausible_quotes_are_kept_as_they_are(change):
    q = quote(**change)
    assert check_quote(q, LIMITS) is q


@pytest.mark.parametrize("day, text", [
    ("garbage", "300750 date 'garbage' is not a date"),
    ("", "300750 date is missing or not a date"),
    ("2026-13-45", "300750 date '2026-13-45' is not a date"),
    (None, "300750 date is missing or not a date"),
    (date(2099, 1, 2), "300750 date '2099-01-02' is outside 1990-12-18 … 2026-11-21"),
    (date(1980, 1, 2), "300750 date '1980-01-02' is outside"),
])
def test_bad_dates(day, text):
    result = check_bar("300750", day, 10, 11, 9, 10.5, 1e5, 1e6, limits=LIMITS)
    assert isinstance(result, Dropped) and str(result).startswith(text)


def test_pandas_not_a_time_is_a_missing_date():
    pd = pytest.importorskip("pandas")
    result = check_bar("300750", pd.NaT, 10, 11, 9, 10.5, 1e5, 1e6, limits=LIMITS)
    assert str(result) == "300750 date is missing or not a date"


@pytest.mark.parametrize("values, text", [
    (("abc", 11, 9, 10.5, 1e5, 1e6), "300750 2026-11-19 open is missing or not a number"),
    ((float("nan"),) * 6, "300750 2026-11-19 open is missing or not a number"),
    ((10, 11, 1e308, 10.5, 1e5, 1e6), "300750 2026-11-19 low 1e+308 is above 1e+06"),
    ((10, 11, 9, -2.01, 1e5, 1e6), "300750 2026-11-19 close -2.01 is not above 0"),
    ((10, 11, 9, 10.5, -1, 1e6), "300750 2026-11-19 volume -1 is below 0"),
])
def test_bad_bar_values(values, text):
    assert str(check_bar("300750", "2026-11-19", *values, limits=LIMITS)) == text


def test_a_good_bar_and_a_negative_qfq_bar():
    bar = check_bar("300750", date(2026, 11, 19), "10", 11, 9, 10.5, 1e5, 1e6, limits=LIMITS)
    assert bar == Bar("300750", int(datetime(2026, 11, 19, tzinfo=SHANGHAI).timestamp()), 10.0, 11.0, 9.0, 10.5,
                      1e5, 1e6)
    old = check_bar("600028", "2001-08-09", -2.02, -2.0, -2.1, -2.06, 1e7, 1e8, adjust="qfq", limits=LIMITS)
    assert isinstance(old, Bar) and old.close == -2.06 and old.adjust == "qfq"


def test_intraday_bars():
    good = check_intraday_bar("300750", "2026-11-20 09:31", 10, 10.1, 9.9, 10.05, 100, 1000, limits=LIMITS)
    assert isinstance(good, Bar) and good.time == int(datetime(2026, 11, 20, 9, 31, tzinfo=SHANGHAI).timestamp())
    assert str(check_intraday_bar("300750", "garbage", 10, 10, 10, 10, 1, 1, limits=LIMITS)) == \
        "300750 time 'garbage' is not a date and time"
    assert str(check_intraday_bar("300750", "2026-11-20 09:32", 10, 10, 10, "x", 1, 1, limits=LIMITS)) == \
        "300750 2026-11-20 09:32 close is missing or not a number"


def test_boards():
    b = Board("BK1000", "电池", "industry", 1.5, 1e11, 10.0, 5.0, "宁德时代", 3.2)
    ok = check_board(b)
    assert isinstance(ok, Board) and (ok.up, ok.down) == (10, 5) and type(ok.up) is int
    assert str(check_board(Board("BK1", "x", "industry", -150.0, 1e11, 1, 1))) == "BK1 change % -150 is below -50"
    assert str(check_board(Board("BK1", "x", "industry", 1.0, -5e10, 1, 1))) == "BK1 total cap -5e+10 is below 0"
    assert str(check_board(Board("BK1", "x", "industry", 1.0, 1e11, 2.5, 1))) == \
        "BK1 rising members 2.5 is not a whole number"
    same = Board("BK2", "y", "concept", None, None, None, None)
    assert check_board(same) is same


def test_a_screen_names_each_field_once_with_counts(caplog):
    s = Screen("quotes (Eastmoney)")
    results = [check_quote(quote(), LIMITS)] + [check_quote(quote(code=f"60000{i}", price=-1.0 - i), LIMITS)
                                                for i in range(5)] + [check_quote(quote(time=10 ** 300), LIMITS)] * 2
    kept = [r for r in map(s.keep, results) if r is not None]
    assert len(kept) == 1
    text = s.summary()
    assert text.startswith("quotes (Eastmoney): 7 of 8 rows dropped as implausible: 600000 price -1 is not above 0, "
                           "600001 price -2 is not above 0, 600002 price -3 is not above 0 (and 2 more rows like it), "
                           "600900 update time 1e+300 is outside ")
    assert text.endswith("(2 rows)")
    with caplog.at_level(logging.WARNING):
        s.report()
    assert [r.getMessage() for r in caplog.records] == [text]


def test_a_screen_with_nothing_left_is_an_error():
    s = Screen("daily bars of 300750")
    s.keep(check_bar("300750", "garbage", 1, 1, 1, 1, 1, 1, limits=LIMITS))
    with pytest.raises(SourceError, match=r"^daily bars of 300750: 1 of 1 row dropped as implausible: 300750 date"):
        s.report()
    Screen("empty").report()                 # an empty answer is not this check's business
    assert Screen("x").summary() == ""

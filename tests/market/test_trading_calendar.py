"""The market clock past the bundled calendars: holidays estimated by rule, marked as estimates, replaced by
an official calendar fetched through the recording layer (Sina's encoded answer, decoded by akshare's JS)."""

from __future__ import annotations

import json
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.core import holiday_rules
from desktop.core.errors import SourceError
from desktop.core.market_hours import Phase, phase
from desktop.core.trading_calendar import TradingCalendar, offline_calendar
from desktop.services.market_service import MarketService
from desktop.sources.akshare_source import AkshareSource
from desktop.sources.rate_limit import HostLimits
from desktop.sources.recorder import Exchange, Tap
from desktop.sources.replay import ReplayResponder
from scripts import sina_calendar

from .conftest import sh

CAL = offline_calendar()

# One weekday of each holiday under the estimate, 2027 (lunar new year 6 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep).
HOLIDAYS_2027 = {date(2027, 1, 1): "元旦", date(2027, 2, 5): "春节", date(2027, 2, 8): "春节",
                 date(2027, 2, 12): "春节", date(2027, 4, 5): "清明节", date(2027, 5, 3): "劳动节",
                 date(2027, 5, 5): "劳动节", date(2027, 6, 9): "端午节", date(2027, 9, 15): "中秋节",
                 date(2027, 10, 1): "国庆节", date(2027, 10, 7): "国庆节"}


@pytest.mark.parametrize(("day", "name"), sorted(HOLIDAYS_2027.items()))
def test_2027_holidays_are_closed_under_the_estimate(day, name):
    assert CAL.last_known == date(2026, 12, 31)
    assert CAL.is_estimated(day)
    assert not CAL.is_trading_day(day)
    assert phase(sh(day.year, day.month, day.day, 10, 0), CAL) == Phase.HOLIDAY
    assert holiday_rules.closed_days(2027)[day] == name


def test_2027_ordinary_days_trade_and_weekends_never_do():
    assert CAL.is_trading_day(date(2027, 1, 4)) and phase(sh(2027, 1, 4, 10, 0), CAL) == Phase.TRADING
    assert CAL.is_trading_day(date(2027, 2, 15))          # the first day after the Spring Festival week
    assert CAL.is_trading_day(date(2027, 10, 8))          # National Day is seven days in 2027
    assert not CAL.is_trading_day(date(2027, 1, 2)) and not CAL.is_trading_day(date(2027, 1, 3))
    assert CAL.previous_trading_day(date(2027, 1, 4)) == date(2026, 12, 31)     # 元旦 skipped
    assert CAL.next_trading_day(date(2027, 2, 4)) == date(2027, 2, 15)
    assert not CAL.is_estimated(date(2026, 12, 31))


def _official_closed_weekdays(year: int) -> set[date]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import exchange_calendars as xcals

        sessions = {ts.date() for ts in xcals.get_calendar("XSHG").sessions}
    d, out = date(year, 1, 1), set()
    while d.year == year:
        if d.weekday() < 5 and d not in sessions:
            out.add(d)
        d += timedelta(days=1)
    return out


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_the_rules_reproduce_the_official_calendars_of_recent_years(year):
    assert set(holiday_rules.closed_days(year)) == _official_closed_weekdays(year)


def test_new_year_on_a_tuesday_closes_the_monday_of_the_previous_year():
    # 1 Jan 2030 is a Tuesday: 31 Dec 2029 is bridged (as 31 Dec 2018 was).
    assert date(2029, 12, 31) in holiday_rules.closed_days(2029)
    assert date(2018, 12, 31) in _official_closed_weekdays(2018) and date(2018, 12, 31) in holiday_rules.closed_days(2018)


def test_an_online_weekend_date_is_followed_as_the_source_says():
    saturday = date(2027, 2, 20)
    cal = CAL.merged([date(2027, 1, 4), saturday, date(2027, 2, 22)])
    assert cal.is_trading_day(saturday) and not cal.is_estimated(saturday)
    with pytest.raises(ValueError):                    # Sina's own format cannot list one
        sina_calendar.encode([date(2027, 1, 4), saturday])


def test_a_stale_online_list_never_shortens_the_calendar():
    cal = CAL.merged([date(2025, 1, 2), date(2025, 1, 3)])
    assert cal.last_known == date(2026, 12, 31) and not cal.is_estimated(date(2026, 6, 1))


def test_the_rules_alone_when_exchange_calendars_is_missing():
    cal = TradingCalendar()
    assert cal.is_estimated(date(2026, 10, 1)) and not cal.is_trading_day(date(2026, 10, 1))
    assert cal.is_trading_day(date(2026, 10, 9)) and not cal.is_trading_day(date(2026, 10, 3))


# -- the official calendar through the recording layer ---------------------------------------------------
def official_2027() -> list[date]:
    """A plausible official 2027 that differs from the estimate: 除夕 (5 Feb) trades, 15 Feb and 8 Oct close."""
    d, out = date(2027, 1, 1), []
    while d.year == 2027:
        if CAL.is_trading_day(d) or d == date(2027, 2, 5):
            out.append(d)
        d += timedelta(days=1)
    return [x for x in out if x not in (date(2027, 2, 15), date(2027, 10, 8))]


def recording(tmp_path: Path, status: int = 200, body: str = "", error: str = "") -> Path:
    ex = Exchange("GET", sina_calendar.URL, {}, status, body, {"content-type": "text/plain"}, error=error)
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "exchanges.jsonl").write_text(ex.to_json() + "\n", encoding="utf-8")
    return tmp_path


def replayed(directory: Path) -> AkshareSource:
    tap = Tap(HostLimits.unlimited(), responder=ReplayResponder(directory))
    tap.skip_sleeps = True
    return AkshareSource(tap, mode="replay")


def test_the_2026_answer_decodes_through_akshare(tmp_path):
    body = sina_calendar.body(sina_calendar.akshare_dates())
    src = replayed(recording(tmp_path, body=body))
    try:
        dates = src.trade_dates()
    finally:
        src.close()
    assert dates[0] == date(1990, 12, 19) and dates[-1] == date(2026, 12, 31)
    assert date(1992, 5, 4) in dates                        # the day akshare adds itself
    assert date(2026, 10, 1) not in dates and date(2026, 10, 8) in dates


@pytest.fixture
def service(writer, settings):
    svcs = []

    def make(directory: Path) -> MarketService:
        svc = MarketService(replayed(directory), writer, writer.db_path, settings, clock=lambda: sh(2027, 1, 4, 10))
        svc.prepare()
        svcs.append(svc)
        return svc

    yield make
    for s in svcs:
        s.close()


def test_an_official_calendar_replaces_the_estimate_and_is_stored(tmp_path, service, writer, settings):
    body = sina_calendar.body(sina_calendar.akshare_dates() + official_2027())
    svc = service(recording(tmp_path, body=body))
    assert svc.phase_estimated() and not svc.calendar.is_trading_day(date(2027, 2, 5))
    assert "calendar" in svc.due()
    svc.run_job("calendar")
    cal = svc.calendar
    assert cal.last_known == date(2027, 12, 31) and not svc.phase_estimated()
    assert cal.is_trading_day(date(2027, 2, 5)) and not cal.is_estimated(date(2027, 2, 5))
    assert not cal.is_trading_day(date(2027, 2, 15)) and not cal.is_trading_day(date(2027, 10, 8))
    assert not cal.is_trading_day(date(2027, 1, 1))
    # The next start reads it back from the database, offline.
    again = service(recording(tmp_path / "none", status=0, error="ConnectionError: no network"))
    assert again.calendar.is_trading_day(date(2027, 2, 5)) and not again.phase_estimated()


@pytest.mark.parametrize(("status", "body", "error", "words"), [
    (0, "", "ConnectionError: [Errno 111] Connection refused", "cannot connect"),
    (502, "<html><body>502 Bad Gateway</body></html>", "", "HTTP 502"),
    (200, "<!DOCTYPE html><html><title>验证</title></html>", "", "web page"),
    (200, 'var datelist="";var KLC_TD_SH=datelist;', "", "empty answer"),
])
def test_a_failed_or_empty_answer_keeps_the_estimate(tmp_path, service, status, body, error, words):
    svc = service(recording(tmp_path, status=status, body=body, error=error))
    with pytest.raises(SourceError) as err:
        svc.refresh_calendar()
    assert words in str(err.value) and str(err.value).startswith("trading calendar")
    assert "Eastmoney" not in str(err.value)            # a Sina failure is not an Eastmoney ban
    assert svc.calendar.is_estimated(date(2027, 2, 5)) and not svc.calendar.is_trading_day(date(2027, 1, 1))
    assert svc.status()["calendar"].state == "error"


# -- schedule ----------------------------------------------------------------------------------------------
class _Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def test_refresh_at_start_up_then_weekly(tmp_path, writer, settings):
    body = sina_calendar.body(sina_calendar.akshare_dates())
    src = replayed(recording(tmp_path, body=body))
    src.mode = "live"                 # scheduled like a live source, answered from the recording
    clock = _Clock(sh(2026, 12, 1, 20, 0))
    svc = MarketService(src, writer, writer.db_path, settings, clock=clock)
    svc.prepare()
    try:
        assert "calendar" in svc.due()
        svc.run_job("calendar")
        for days, due in ((1, False), (6, False), (7, True)):
            clock.now = sh(2026, 12, 1 + days, 20, 0)
            assert ("calendar" in svc.due()) is due, days
    finally:
        svc.close()


def test_a_replay_takes_its_calendar_once(tmp_path, service):
    svc = service(recording(tmp_path, body=sina_calendar.body(sina_calendar.akshare_dates())))
    assert "calendar" in svc.due()
    svc.run_job("calendar")
    assert "calendar" not in svc.due()


# -- the command line ---------------------------------------------------------------------------------------
def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    from desktop.__main__ import main

    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_calendar_2027_json_marks_the_estimate(tmp_path, capsys):
    rc, out, _ = run_cli(["--data-dir", str(tmp_path / "d"), "calendar", "--year", "2027", "--json"], capsys)
    r = json.loads(out)
    assert rc == 0 and r["year"] == 2027 and r["official_until"] == "2026-12-31"
    days = {t["date"]: t for t in r["trading_days"]}
    assert "2027-01-01" not in days and days["2027-01-04"]["estimated"] is True
    assert r["count"] == len(days) == r["estimated_count"]
    closed = {c["date"]: c for c in r["closed_weekdays"]}
    assert closed["2027-01-01"] == {"date": "2027-01-01", "weekday": "Fri", "holiday": "元旦", "estimated": True}
    assert {d.isoformat() for d in HOLIDAYS_2027} <= set(closed)


def test_cli_calendar_text_and_an_official_year(tmp_path, capsys):
    rc, out, _ = run_cli(["--data-dir", str(tmp_path / "d"), "calendar", "--year", "2026"], capsys)
    assert rc == 0 and out.startswith("2026: 242 trading days, 0 of them estimated")
    assert "  2026-10-01 Thu  国庆节 National Day\n" in out and "estimated" not in out.split("\n", 1)[1]


def test_cli_calendar_refresh_from_a_recording(tmp_path, capsys):
    rec = recording(tmp_path / "rec", body=sina_calendar.body(sina_calendar.akshare_dates() + official_2027()))
    rc, out, _ = run_cli(["--data-dir", str(tmp_path / "d"), "calendar", "--year", "2027", "--refresh",
                          "--replay", str(rec), "--json"], capsys)
    r = json.loads(out)
    assert rc == 0 and r["estimated_count"] == 0 and r["official_until"] == "2027-12-31"
    assert "2027-02-05" in {t["date"] for t in r["trading_days"]}


def test_cli_calendar_refresh_failure_says_so_and_still_prints(tmp_path, capsys):
    rec = recording(tmp_path / "rec", status=0, error="ConnectionError: no network")
    rc, out, err = run_cli(["--lang", "en", "--data-dir", str(tmp_path / "d"), "calendar", "--year", "2027",
                            "--refresh", "--replay", str(rec)], capsys)
    assert rc == 1 and "trading calendar" in err and "showing the calendar as stored" in err
    assert out.startswith("2027: 243 trading days, 243 of them estimated")
    rc, out, err = run_cli(["--data-dir", str(tmp_path / "d"), "calendar", "--year", "2027", "--refresh",
                            "--replay", str(rec)], capsys)          # the interface's language: Chinese by default
    assert rc == 1 and "显示的是已保存的交易日历" in err
    assert out.startswith("2027: 243 trading days")


def test_cli_calendar_rejects_a_silly_year(tmp_path, capsys):
    rc, _, err = run_cli(["--data-dir", str(tmp_path / "d"), "calendar", "--year", "1066"], capsys)
    assert rc == 2 and "1991" in err

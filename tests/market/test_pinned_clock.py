"""The one clock, pinned (issue 30): the market service's phase, the CLI and the market process all follow the
instant a test (or HUOHUA_NOW / --now) names, whatever the hour the suite runs."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop.core import clock
from desktop.core.market_hours import SHANGHAI
from desktop.services.market_service import MarketService
from tests.cli_run import huohua

from .test_market_service import Clock, FakeSource


def _service(writer, settings) -> MarketService:
    # no clock given: the service asks desktop.core.clock, as the window's and the CLI's do
    return MarketService(FakeSource(Clock(clock.shanghai())), writer, writer.db_path, settings)


@pytest.mark.parametrize(("instant", "label", "estimated"), [
    ("2026-12-07 09:20", "集合竞价", False),
    ("2026-12-07 10:45", "交易中", False),
    ("2026-12-07 12:00", "午间休市", False),
    ("2026-12-07 14:59", "交易中", False),
    ("2026-12-07 15:30", "已收盘", False),
    ("2026-12-05 10:00", "休市", False),            # a Saturday
    ("2027-01-01 10:00", "休市", True),             # 元旦 2027: past the official calendar, by the holiday rules
])
def test_the_market_phase_follows_the_pinned_instant(writer, settings, instant, label, estimated):
    clock.pin(instant, tick=False)
    svc = _service(writer, settings)
    assert (svc.phase_label(), svc.phase_estimated()) == (label, estimated)


@pytest.mark.now("2026-12-07 23:59:30", tick=False)
def test_today_is_the_beijing_date_when_utc_is_a_day_behind(writer, settings):
    assert clock.today_shanghai().isoformat() == "2026-12-07"
    clock.pin("2026-12-08T00:00:30+08:00", tick=False)       # 16:00:30 UTC on the 7th
    assert clock.today_shanghai().isoformat() == "2026-12-08"
    assert datetime.fromtimestamp(clock.now(), tz=None).astimezone(SHANGHAI).date().isoformat() == "2026-12-08"


def test_pins_parse_every_documented_form():
    assert clock.parse_instant("2026-11-20 10:45") == clock.parse_instant("2026-11-20T10:45:00+08:00")
    assert clock.parse_instant("2026-11-20T02:45:00Z") == clock.parse_instant("2026-11-20T10:45+08:00")
    assert clock.parse_instant("1763606700") == 1763606700.0
    with pytest.raises(ValueError, match="ISO 8601"):
        clock.parse_instant("next tuesday")


def test_a_ticking_pin_advances_and_a_frozen_one_does_not():
    import time

    def wait(s: float) -> None:           # tests/market's fixtures record time.sleep instead of sleeping
        until = time.monotonic() + s
        while time.monotonic() < until:
            pass

    start = clock.pin("2026-12-07 10:00")
    wait(0.05)
    assert start + 0.04 < clock.now() < start + 5
    start = clock.pin("2026-12-07 10:00", tick=False)
    wait(0.02)
    assert clock.now() == start


@pytest.mark.now("2027-03-01 10:00")
def test_a_cli_subprocess_runs_at_the_tests_instant(tmp_path):
    out = huohua(tmp_path, "calendar", "--json")          # no --year: the year of "now"
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["year"] == 2027


def test_now_on_the_command_line_wins_and_a_bad_one_is_exit_2(tmp_path):
    out = huohua(tmp_path, "--now", "2028-06-14T10:00:00+08:00", "calendar", "--json")
    assert out.returncode == 0 and json.loads(out.stdout)["year"] == 2028
    bad = huohua(tmp_path, "--now", "tomorrow", "calendar")
    assert bad.returncode == 2 and bad.stderr.startswith("error: --now: not a date and time") and bad.stdout == ""


def test_an_unreadable_huohua_now_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.setenv("HUOHUA_NOW", "2026-13-45")
    bad = huohua(tmp_path, "calendar")
    assert bad.returncode == 2 and bad.stderr.startswith("error: HUOHUA_NOW: not a date and time")


@pytest.mark.now("2027-01-04 10:30", tick=False)
def test_the_market_process_runs_at_the_parents_pinned_instant(monkeypatch):
    """ProcessSource hands its child the parent's pinned clock (not only HUOHUA_NOW from the environment)."""
    from desktop.sources.process_source import ProcessSource

    monkeypatch.delenv("HUOHUA_NOW")             # only the in-process pin: what a tester's own suite may do
    src = ProcessSource(replay_dir=None, deadline_s=5.0)       # live, but nothing is fetched: status() only
    try:
        seen = src.status()["clock"]
    finally:
        src.close()
    assert abs(seen - clock.now()) < 60

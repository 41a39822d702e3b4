"""Polling the 涨停 / 炸板 / 跌停 pools (issue 26): the market service's `limitup` job, on the one clock (pinned here),
against a recording of the endpoints' exact answers (scripts/demo_pools.py, the demo's) and the fake Eastmoney —
polled at `market.limitup_interval_s` during the session, once after each session ends, never on a weekend or
holiday; 3 requests a poll through the shared Eastmoney limiter; stored per day; each commit on the bus."""

from __future__ import annotations

import contextlib
import json
from datetime import date

import pytest

from desktop.config import ConfigError
from desktop.core import clock
from desktop.core.limit_pools import POOLS
from desktop.services import limit_up
from desktop.services.market_service import MarketService
from desktop.sources.akshare_source import AkshareSource
from desktop.sources.limit_pools import request
from desktop.sources.rate_limit import HostLimits
from desktop.sources.recorder import Tap
from desktop.store import limit_pools as store
from desktop.store.db import connect_ro
from scripts import demo_pools
from scripts.make_demo import DEMO_NOW

FRI = date(2026, 11, 20)
EVE = date(2026, 9, 30)          # the last session before National Day


def _exchange(kind: str, day: date) -> str:
    url, params = request(kind, day)
    body = demo_pools.answer(url, params["date"])
    return json.dumps({"t": 0.0, "method": "GET", "url": url, "params": params, "status": 200,
                       "headers": {"content-type": "application/json; charset=UTF-8"}, "body": body},
                      ensure_ascii=False)


def _recording(tmp_path, kinds=tuple(POOLS), days=(FRI, EVE)):
    d = tmp_path / "rec"
    d.mkdir(parents=True)
    (d / "meta.json").write_text(json.dumps({"start": "2026-11-20T14:35:00+08:00"}), encoding="utf-8")
    (d / "exchanges.jsonl").write_text("\n".join(_exchange(k, day) for day in days for k in kinds) + "\n",
                                       encoding="utf-8")
    return d


@pytest.fixture
def committed(writer):
    seen: list = []
    writer.add_listener(seen.append)
    return seen


@contextlib.contextmanager
def _service(writer, settings, rec):
    src = AkshareSource.create(replay_dir=rec)
    svc = MarketService(src, writer, writer.db_path, settings)      # no clock given: the one clock
    svc.prepare()
    try:
        yield svc
    finally:
        src.close()


def _served(svc) -> int:
    return svc.source.tap.responder.served


def _poll_if_due(svc) -> bool:
    if "limitup" not in svc.due():
        return False
    svc.run_job("limitup")
    return True


def _stored(writer, day: date) -> dict[str, int]:
    with contextlib.closing(connect_ro(writer.db_path)) as conn:
        return {k: len(store.pool(conn, k, day.isoformat())) for k in POOLS}


@pytest.mark.now("2026-11-20 09:15", tick=False)
def test_polled_through_the_session_and_once_after_each_end(tmp_path, writer, settings, committed):
    with _service(writer, settings, _recording(tmp_path)) as svc:
        assert _poll_if_due(svc) and _served(svc) == 3                   # the auction opened: 3 requests
        assert _stored(writer, FRI) == {"zt": 14, "zb": 4, "dt": 3}
        assert {("zt", "2026-11-20"), ("zb", "2026-11-20"), ("dt", "2026-11-20")} <= committed[-1].limit_pools
        clock.pin("2026-11-20 09:15:59", tick=False)
        assert not _poll_if_due(svc)                                     # market.limitup_interval_s = 60
        clock.pin("2026-11-20 09:16:00", tick=False)
        assert _poll_if_due(svc) and _served(svc) == 6
        settings.set("market.limitup_interval_s", 30)
        clock.pin("2026-11-20 09:16:30", tick=False)
        assert _poll_if_due(svc)
        clock.pin("2026-11-20 11:29:59", tick=False)
        assert _poll_if_due(svc)                                         # the morning's last
        clock.pin("2026-11-20 11:31:00", tick=False)
        assert _poll_if_due(svc)                                         # the final morning pools (settled)
        for noon in ("2026-11-20 11:45", "2026-11-20 12:59:59"):
            clock.pin(noon, tick=False)
            assert not _poll_if_due(svc)                                 # the lunch break
        clock.pin("2026-11-20 14:59:50", tick=False)
        assert _poll_if_due(svc)
        clock.pin("2026-11-20 15:00:30", tick=False)
        assert not _poll_if_due(svc)                                     # waits for the settle minute
        assert not limit_up.is_final(svc, "zt", FRI)
        clock.pin("2026-11-20 15:01:00", tick=False)
        assert _poll_if_due(svc)                                         # once after the close: the final pools
        assert limit_up.is_final(svc, "zt", FRI) and svc.status()["limitup"].state == "ok"
        served = _served(svc)
        for later in ("2026-11-20 15:30", "2026-11-20 20:00", "2026-11-21 10:00", "2026-11-22 14:00",
                      "2026-11-23 09:14:59"):
            clock.pin(later, tick=False)                                 # the evening, the weekend, Monday early
            assert not _poll_if_due(svc), later
        assert _served(svc) == served
        clock.pin("2026-11-23 09:15", tick=False)
        assert "limitup" in svc.due()                                    # Monday's auction
    # a restart on Saturday resumes from the store: the day's final pools are there, nothing to fetch
    clock.pin("2026-11-21 10:00", tick=False)
    with _service(writer, settings, _recording(tmp_path / "again")) as again:
        assert "limitup" not in again.due()


@pytest.mark.now("2026-11-21 10:00", tick=False)
def test_a_fresh_install_on_a_saturday_fetches_fridays_final_pools_once(tmp_path, writer, settings):
    with _service(writer, settings, _recording(tmp_path)) as svc:
        assert _poll_if_due(svc) and _served(svc) == 3
        assert _stored(writer, FRI) == {"zt": 14, "zb": 4, "dt": 3} and limit_up.is_final(svc, "zt", FRI)
        clock.pin("2026-11-22 16:00", tick=False)
        assert not _poll_if_due(svc) and _served(svc) == 3


@pytest.mark.now("2026-09-30 15:05", tick=False)
def test_nothing_is_polled_in_a_holiday_week(tmp_path, writer, settings):
    with _service(writer, settings, _recording(tmp_path)) as svc:
        assert _poll_if_due(svc)                          # the eve's final pools (none in the recording: empty)
        assert _stored(writer, EVE) == {"zt": 0, "zb": 0, "dt": 0}
        for day in ("2026-10-01 10:00", "2026-10-05 14:00", "2026-10-07 11:00"):
            clock.pin(day, tick=False)
            assert not _poll_if_due(svc), day
        assert _served(svc) == 3


@pytest.mark.now("2026-11-20 10:00", tick=False)
def test_a_failed_pool_stores_nothing_and_backs_off(tmp_path, writer, settings, committed):
    with _service(writer, settings, _recording(tmp_path, kinds=("zt", "zb"))) as svc:
        svc.run_due()                                     # the 跌停 pool is not in the recording
        st = svc.status()["limitup"]
        assert st.state == "error" and "not in the recording" in st.error and st.retry_at is not None
        assert _stored(writer, FRI) == {"zt": 0, "zb": 0, "dt": 0}      # all or nothing
        assert not any(c.limit_pools for c in committed)
        assert "limitup" not in svc.due()


@pytest.mark.now("2026-11-20 14:35", tick=False)
def test_one_poll_is_three_requests_through_the_shared_eastmoney_limiter(market, writer, settings):
    limits = HostLimits()
    src = AkshareSource(Tap(limits), wall_clock=DEMO_NOW.timestamp)
    try:
        svc = MarketService(src, writer, writer.db_path, settings)
        svc.prepare()
        before = market.requests
        changes = svc.refresh_limit_pools()
        assert market.requests - before == 3 and limits.eastmoney.count == 3 and limits.other.count == 0
        assert changes.limit_pools == {("zt", "2026-11-20"), ("zb", "2026-11-20"), ("dt", "2026-11-20")}
    finally:
        src.close()


def test_the_interval_setting_is_at_least_30_seconds(settings):
    assert settings.get("market.limitup_interval_s") == 60
    with pytest.raises(ConfigError):
        settings.set("market.limitup_interval_s", 10)
    settings.set("market.limitup_interval_s", 30)
    assert settings.get("market.limitup_interval_s") == 30

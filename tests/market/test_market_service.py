"""MarketService: what is due when, back-off with a ceiling, stale marking, failed polls never overwrite."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta

import pytest

from desktop.core.errors import SourceError
from desktop.core.market import Quote
from desktop.services.market_service import MarketService
from desktop.store import market_store as ms
from desktop.store.db import connect_ro

from .conftest import make_source, sh


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class FakeSource:
    """Answers from memory; `fail` makes every call raise like a banned IP would."""

    mode, demo = "live", False

    def __init__(self, clock: Clock):
        self.clock = clock
        self.fail: SourceError | None = None
        self.price = 100.0
        self.calls: list[str] = []

    def _check(self, name: str) -> None:
        self.calls.append(name)
        if self.fail:
            raise self.fail

    def quotes(self, codes):
        self._check("quotes")
        t = int(self.clock().timestamp())
        return [Quote(c, "", self.price, 1.0, 1.0, 99.0, 101.0, 98.0, 99.0, 1e6, 1e8, 1.0, 1e10, t, t) for c in codes]

    def boards(self, kind):
        self._check("boards")
        return []

    def snapshot(self, on_page=None):
        self._check("snapshot")
        return []

    def trade_dates(self):
        self._check("calendar")
        return [date(2026, 11, 20)]

    def limit_pool(self, kind, day):
        self._check("limitup")
        return []

    def movers(self, kinds, day):          # 盘口异动 (ProcessSource.movers): the job "movers"
        self._check("movers")
        return []

    def board_movers(self, day):
        return []

    def status(self):
        return {"quote_backend": "eastmoney"}


FRI = (2026, 11, 20)


@pytest.fixture
def clock():
    return Clock(sh(*FRI, 9, 0))


@pytest.fixture
def svc(writer, settings, clock):
    s = MarketService(FakeSource(clock), writer, writer.db_path, settings, clock=clock)
    s.prepare()
    return s


def run_all(svc):
    for name in svc.due():
        svc.run_job(name)


def test_trading_day_schedule(svc, clock):
    assert set(svc.due()) == {"quotes", "boards", "snapshot", "calendar", "limitup", "movers"}   # fresh install: catch up
    run_all(svc)
    clock.now = sh(*FRI, 9, 10)
    assert svc.due() == []                                                    # before the auction
    clock.now = sh(*FRI, 9, 15)
    assert set(svc.due()) == {"quotes", "boards", "snapshot", "limitup", "movers"}
    run_all(svc)
    clock.now = sh(*FRI, 9, 15, 3)
    assert svc.due() == []
    clock.now = sh(*FRI, 9, 15, 5)
    assert svc.due() == ["quotes"]
    clock.now = sh(*FRI, 9, 15, 30)
    assert set(svc.due()) == {"quotes", "boards"}
    clock.now = sh(*FRI, 9, 20)
    assert "snapshot" in svc.due()                                            # every 5 minutes


def test_lunch_break_and_close(svc, clock):
    clock.now = sh(*FRI, 11, 29, 59)
    run_all(svc)
    clock.now = sh(*FRI, 11, 30, 30)
    assert svc.due() == []                                                    # waits for the settle minute
    clock.now = sh(*FRI, 11, 31, 1)
    assert set(svc.due()) == {"quotes", "boards", "snapshot", "limitup", "movers"}      # final morning prices
    run_all(svc)
    clock.now = sh(*FRI, 12, 30)
    assert svc.due() == []
    clock.now = sh(*FRI, 15, 1, 1)
    assert set(svc.due()) == {"quotes", "boards", "snapshot", "limitup", "movers"}      # the final snapshot of the day
    run_all(svc)
    clock.now = sh(*FRI, 20, 0)
    assert svc.due() == []


def test_weekend_and_holiday_poll_nothing_once_caught_up(svc, clock):
    clock.now = sh(*FRI, 15, 2)
    run_all(svc)
    for now in (sh(2026, 11, 21, 10, 0), sh(2026, 11, 22, 14, 0)):
        clock.now = now
        assert svc.due() == []
    clock.now = sh(2026, 9, 30, 15, 5)            # the last close before National Day …
    svc.refresh_quotes()
    clock.now = sh(2026, 10, 5, 10, 0)            # … and nothing due in the holiday week
    assert "quotes" not in svc.due()


def test_intraday_only_for_an_open_chart(svc, clock):
    clock.now = sh(*FRI, 10, 0)
    assert "intraday" not in svc.due()
    svc.follow_intraday("300750")
    assert "intraday" in svc.due()


def test_backoff_has_a_ceiling_and_data_stays(svc, clock, settings):
    clock.now = sh(*FRI, 10, 0)
    svc.refresh_quotes(["300750"])
    svc.source.fail = SourceError("quotes: connection dropped")
    delays = []
    for _ in range(10):
        clock.now += timedelta(hours=1) if delays else timedelta(seconds=5)
        clock.now = min(clock.now, sh(*FRI, 14, 0))
        with pytest.raises(SourceError):
            svc.refresh_quotes(["300750"])
        delays.append((svc.status()["quotes"].retry_at - clock.now).total_seconds())
        assert "quotes" not in svc.due()
    assert delays[0] == 10 and delays[1] == 20 and max(delays) == settings.get("market.backoff_max_s")
    # The stored quote is untouched by the failures, and shown stale with its age.
    (row,) = svc.quote_rows(["300750"])
    assert row.quote.price == 100.0 and row.stale and row.age_s > 3600
    st = svc.status()["quotes"]
    assert st.state == "stale" and "connection dropped" in st.error and st.failures == 10
    # Recovery clears the error.
    svc.source.fail = None
    svc.source.price = 101.0
    clock.now = st.retry_at
    assert "quotes" in svc.due()
    svc.run_due()
    st = svc.status()["quotes"]
    assert st.state == "ok" and st.error == "" and svc.quote_rows(["300750"])[0].quote.price == 101.0
    assert st.detail == "eastmoney"


def test_retry_after_hint_is_respected(svc, clock):
    clock.now = sh(*FRI, 10, 0)
    svc.source.fail = SourceError("banned", retry_after=300)
    with pytest.raises(SourceError):
        svc.refresh_boards()
    assert (svc.status()["boards"].retry_at - clock.now).total_seconds() == 300
    assert svc.status()["boards"].state == "error"                # never succeeded: nothing to show


def test_run_due_survives_failures(svc, clock):
    svc.source.fail = SourceError("down")
    svc.run_due()
    assert {"quotes", "boards", "snapshot", "calendar", "limitup", "movers"} <= set(svc.source.calls)
    assert all(svc.status()[n].state == "error" for n in ("quotes", "boards", "snapshot", "limitup", "movers"))


def test_calendar_refresh_merges_a_shorter_online_list(svc, clock):
    svc.refresh_calendar()
    # the online list ends on 20 Nov: the offline dates after it stay (a short answer never shortens the calendar)
    assert svc.calendar.last_known == date(2026, 12, 31)
    assert svc.calendar.is_trading_day(date(2026, 11, 20)) and svc.calendar.is_trading_day(date(2026, 11, 19))
    assert svc.calendar.is_trading_day(date(2026, 11, 27))


def test_prepare_resumes_from_the_store(writer, settings, clock, svc):
    clock.now = sh(*FRI, 15, 2)
    svc.refresh_quotes()
    again = MarketService(FakeSource(clock), writer, writer.db_path, settings, clock=clock)
    again.prepare()
    clock.now = sh(2026, 11, 21, 10, 0)
    assert "quotes" not in again.due()


# -- with the real AkshareSource against the fake Eastmoney ---------------------------------------------
@pytest.fixture
def real(writer, settings, market):
    clock = Clock(sh(*FRI, 14, 35))
    src = make_source()
    s = MarketService(src, writer, writer.db_path, settings, clock=clock)
    s.prepare()
    yield s
    src.close()


def test_snapshot_pages_are_stored_and_universe_refreshed(real, market):
    pages = []
    changes = real.snapshot(on_page=pages.append)
    assert sum(len(p) for p in pages) == len(market.stocks)
    assert changes.quotes == set(market.stocks)
    rows = real.quote_rows(["300750", "920239"])
    assert [r.quote.code for r in rows] == ["300750", "920239"] and not rows[0].stale
    assert rows[0].quote.time == int(sh(*FRI, 14, 35).timestamp())


def test_boards_members_history_intraday(real, market, writer):
    real.refresh_boards()

    with contextlib.closing(connect_ro(writer.db_path)) as conn:
        inds = ms.boards_by_type(conn, "industry")
        concepts = ms.boards_by_type(conn, "concept")
        code = ms.board_code_for(conn, "储能")
    assert {b.name for b in concepts} == {"储能", "人工智能"} and "电池" in {b.name for b in inds}
    real.refresh_board_members(code)
    real.refresh_history("300750", 20, "qfq")
    real.refresh_intraday("300750")
    with contextlib.closing(connect_ro(writer.db_path)) as conn:
        members = ms.board_members(conn, code, now=0, stale_before=0)
        assert {"300750", "300274"} <= {m.quote.code for m in members}
        assert len(ms.daily_bars(conn, "300750", "qfq", 100)) == 20
        assert len(ms.intraday_bars(conn, "300750")) == market.minute + 1

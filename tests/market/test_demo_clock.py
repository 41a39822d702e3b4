"""A replay's time (issue 22): quotes that stopped moving are told apart from fresh ones (market_hours.frozen_before),
a replay that has run out stamps nothing newer than its last answer, and a rule the stored price already meets
fires as soon as it is added."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.core.market import Quote
from desktop.core.market_hours import SHANGHAI, frozen_before
from desktop.core.trading_calendar import offline_calendar

CAL = offline_calendar()


def bj(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def ts(text: str) -> int:
    return int(bj(text).timestamp())


@pytest.mark.parametrize(("now", "cutoff"), [
    ("2026-11-20 14:40:30", "2026-11-20 14:35:30"),   # trading: five minutes back
    ("2026-11-20 13:02:00", None),                     # the afternoon has not run five minutes: nothing frozen
    ("2026-11-20 09:31:00", None),
    ("2026-11-20 09:20:00", None),                     # the call auction: not continuous trading yet
    ("2026-11-20 12:10:00", "2026-11-20 11:25:00"),    # lunch: against 11:30
    ("2026-11-20 15:30:00", "2026-11-20 14:55:00"),    # closed: against the close (14:35 is not the close)
    ("2026-11-21 10:00:00", "2026-11-20 14:55:00"),    # Saturday: Friday's close
])
def test_frozen_is_judged_against_the_markets_latest_moment(now, cutoff):
    assert frozen_before(bj(now), CAL) == (ts(cutoff) if cutoff else 0)


def test_a_replay_that_has_run_out_stamps_no_later_than_its_last_answer(monkeypatch):
    """The spot list has no time of its own: a replay stamps it with the recording's clock, stopped at its last
    answer — ten minutes into the demo a new crawl is still 14:35's (it was stamped 14:40, 14:45 …: the
    recording looked fresh, each time with the same prices)."""
    import time as real

    from desktop.config import resources_dir
    from desktop.sources import replay
    from desktop.sources.akshare_source import AkshareSource

    class Later:
        ahead = 0.0

        def monotonic(self) -> float:
            return real.monotonic() + self.ahead

    later = Later()
    monkeypatch.setattr(replay, "time", later)
    src = AkshareSource.create(replay_dir=resources_dir() / "demo")
    try:
        until = replay.recorded_until(src.meta)
        assert until == ts("2026-11-20 14:35:00") + src.meta[replay.SPAN_KEY] and 10 < src.meta[replay.SPAN_KEY] < 60
        later.ahead = 600.0
        assert src._now() > until + 500                   # the recording's clock runs on …
        quotes = src.snapshot()
        assert quotes and max(q.time for q in quotes) <= until   # … what it holds is not newer
    finally:
        src.close()


def _quote(code: str, price: float, t: int) -> Quote:
    return Quote(code=code, name="宁德时代", price=price, change_pct=0.72, change=2.04, open=280.08, high=288.72,
                 low=280.08, prev_close=282.0, volume=2.3e7, amount=None, turnover_pct=None, total_cap=None, time=t,
                 fetched=t)


def test_a_rule_the_stored_price_meets_fires_when_added_without_waiting_for_a_quote(tmp_path, settings):
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.core.alerts import Rule
    from desktop.services.alerts import AlertService
    from desktop.store import alerts as alert_ops
    from desktop.store import market_store as ms

    t = ts("2026-11-20 14:35:00")
    with Core(Paths(tmp_path / "d", tmp_path / "c"), settings) as core:
        core.writer.call(lambda c: ms.upsert_quotes(c, [_quote("300750", 284.04, t)], "test"))
        service = AlertService(core.writer, core.paths.db, "demo", lambda: t + 10)
        service.reload()
        assert service.check_current() == []
        core.writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "price_above", "stock", "300750", value=280)))
        service.reload()                                   # what the window's AlertRunner.reload does
        (fired,) = service.check_current()
        assert (fired.code, fired.value, fired.source) == ("300750", 284.04, "demo")
        assert service.check_current() == []               # fired once: disarmed until it falls back

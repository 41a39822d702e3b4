"""成交额 against the previous session at the same minute (issue 26, breadth): summed from the stored 1-minute bars
of 上证指数 and 深证成指 up to the same minute on both sessions; no figure when either session lacks them; shown by
`huohua breadth --json` as `amount_vs_prev` and in the index strip (tests/ui/test_strip_pace.py)."""

from __future__ import annotations

import json
import time
from datetime import date, datetime

import pytest

from desktop.core.amount_pace import compare, pace_text
from desktop.core.intraday import slot_of_label
from desktop.core.market import Bar, Quote
from desktop.core.market_hours import SHANGHAI
from desktop.services.market_glance import breadth_and_pace
from desktop.store import market_store as ms
from desktop.store.db import connect_ro
from desktop.store.writer import Writer
from tests.cli_run import huohua

from .test_cli_market import DEMO


def labels(day: date, last: str = "15:00") -> list[int]:
    """The minute labels of a session (09:31 … 11:30, 13:01 … 15:00) up to `last`."""
    out = []
    for h, m0, m1 in ((9, 31, 60), (10, 0, 60), (11, 0, 31), (13, 1, 60), (14, 0, 60), (15, 0, 1)):
        for m in range(m0, m1):
            t = datetime(day.year, day.month, day.day, h, m, tzinfo=SHANGHAI)
            if t.strftime("%H:%M") <= last:
                out.append(int(t.timestamp()))
    return out


def bars(code: str, day: date, amount: float, last: str = "15:00") -> list[Bar]:
    return [Bar(code, t, 1.0, 1.0, 1.0, 1.0, 100.0, amount) for t in labels(day, last)]


D19, D20 = date(2026, 11, 19), date(2026, 11, 20)


def rows(bs: list[Bar]) -> list[tuple]:
    return [(b.code, b.time, b.amount) for b in bs]


def test_the_same_minute_on_both_sessions():
    today = bars("sh000001", D20, 1.0e9, "14:35") + bars("sz399001", D20, 1.5e9, "14:35")
    before = bars("sh000001", D19, 0.8e9) + bars("sz399001", D19, 1.2e9)
    p = compare(rows(today + before))
    n = len(labels(D20, "14:35"))                  # 215 minutes to 14:35
    assert n == 215 and p.minute == "14:35" and (p.day, p.previous_day) == ("2026-11-20", "2026-11-19")
    assert p.today == pytest.approx(n * 2.5e9) and p.previous == pytest.approx(n * 2.0e9)   # not the 19th's 241
    assert p.change_pct == 25.0 and pace_text(p) == "较上日同时 +25.0%"
    assert p.to_dict()["basis"] == "sh000001+sz399001"
    assert all(slot_of_label(t) == i + 1 for i, t in enumerate(labels(D20)))


def test_no_figure_rather_than_a_wrong_one():
    today = bars("sh000001", D20, 1.0e9, "14:35") + bars("sz399001", D20, 1.5e9, "14:35")
    assert compare(rows(today)) is None                                           # no previous session stored
    assert compare(rows(today + bars("sh000001", D19, 1e9))) is None               # 深证成指 missing on the 19th
    short = bars("sh000001", D19, 1e9, "11:00") + bars("sz399001", D19, 1e9, "11:00")
    assert compare(rows(today + short)) is None                  # the 19th's bars stop before 14:35
    assert compare([]) is None and pace_text(None) == ""


def test_it_takes_well_under_5_ms_for_five_sessions():
    days = [date(2026, 11, d) for d in (16, 17, 18, 19, 20)]
    data = rows([b for d in days for c in ("sh000001", "sz399001") for b in bars(c, d, 1e9)])
    compare(data)
    t0 = time.perf_counter()
    for _ in range(20):
        compare(data)
    assert (time.perf_counter() - t0) / 20 < 0.005


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_breadth_and_pace_from_the_store(tmp_path):
    t = int(datetime(2026, 11, 20, 14, 35, tzinfo=SHANGHAI).timestamp())
    q = Quote("600000", "浦发银行", 11.0, 10.0, 1.0, None, None, None, 10.0, None, 2e9, None, None, t)
    with Writer(tmp_path / "db.sqlite3") as w:
        def op(c):
            c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('market.snapshot_at', ?)", (str(t),))
            return ms.upsert_quotes(c, [q], "snapshot")
        w.call(op)
        conn = connect_ro(tmp_path / "db.sqlite3")
        assert breadth_and_pace(conn)[1] is None                                   # no minute bars stored
        w.call(lambda c: ms.upsert_intraday_bars(c, bars("sh000001", D19, 1e9) + bars("sz399001", D19, 1e9)
                                                 + bars("sh000001", D20, 1.1e9, "14:35")
                                                 + bars("sz399001", D20, 1.1e9, "14:35")))
        b, p = breadth_and_pace(conn)
        assert b.limit_up == 1 and p.minute == "14:35" and p.change_pct == 10.0
        conn.close()


def test_breadth_json_carries_the_field(tmp_path):
    r = huohua(tmp_path / "data", "breadth", "--replay", str(DEMO), "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert "amount_vs_prev" in got and got["amount_vs_prev"] is None    # the demo holds one session only


def test_a_stocks_intraday_refresh_keeps_the_indices_sessions(writer, settings, market):
    """The intraday job prunes the bars of stocks no longer watched: the indices' sessions (the strip's sparklines,
    this comparison) are kept like a watched stock's."""
    from desktop.services.market_service import MarketService
    from tests.market.conftest import sh
    from tests.market.test_market_service import FRI, Clock, make_source

    src = make_source()
    try:
        s = MarketService(src, writer, writer.db_path, settings, clock=Clock(sh(*FRI, 14, 35)))
        s.prepare()
        writer.call(lambda c: ms.upsert_intraday_bars(c, bars("sh000001", D19, 1e9) + bars("sz399001", D20, 1e9)))
        s.refresh_intraday("300750")
        conn = connect_ro(writer.db_path)
        assert len(ms.intraday_bars(conn, "sh000001")) == len(ms.intraday_bars(conn, "sz399001")) == 240
        conn.close()
    finally:
        src.close()

"""The demo window's database holds the sample 持仓 on the demo's own session (issue 27)."""

from __future__ import annotations

from datetime import date

from desktop.services.first_run import DEMO_TRADES
from desktop.store import positions_store as ps


def test_the_demo_window_has_its_sample_holdings(make_gui):
    app = make_gui(demo=True)
    trades = app.core.writer.call(ps.trades)
    assert len(trades) == len(DEMO_TRADES)
    assert {t.code for t in trades} == {"300750", "601012", "688063", "600900"}
    assert max(t.date for t in trades) == date(2026, 11, 20)          # the demo's session, not the launch's


def test_a_window_on_the_users_data_has_none(make_gui):
    app = make_gui()
    assert app.core.writer.call(ps.trades) == []

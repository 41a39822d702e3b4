"""The index strip's breadth shows today's 成交额 against the previous session at the same minute (issue 26) when
the stored 1-minute bars of 上证指数 and 深证成指 hold both sessions — and nothing when they do not."""

from __future__ import annotations

import pytest

from desktop.store import market_store as ms
from tests.market.test_amount_pace import D19, D20, bars

from .test_index_strip import commit, label, quote


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_the_breadth_says_the_pace_only_with_both_sessions_stored(make_gui, qtbot):
    app = make_gui()
    commit(app, [quote("600000", "浦发银行", 11.0, 10.0)], snapshot=True)
    breadth = label(app, "marketBreadth")
    qtbot.waitUntil(lambda: breadth.text().startswith("涨 1 跌 0 平 0"), timeout=5000)
    assert "较上日同时" not in breadth.text()              # no minute bars: no figure
    app.core.writer.call(lambda c: ms.upsert_intraday_bars(
        c, bars("sh000001", D19, 1e9) + bars("sz399001", D19, 1e9) + bars("sh000001", D20, 0.9e9, "14:35")
        + bars("sz399001", D20, 0.9e9, "14:35")))
    commit(app, [quote("600000", "浦发银行", 11.0, 10.0)], snapshot=True)
    qtbot.waitUntil(lambda: "（较上日同时 -10.0%）" in breadth.text(), timeout=5000)
    assert "上一交易日（2026-11-19）同时" in breadth.toolTip() and "合计截至 14:35" in breadth.toolTip()

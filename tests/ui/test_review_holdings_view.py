"""The 复盘 view limited to holdings (issue 27): `reviewHoldingsOnly` reads the review again with the held stocks
and their 当日盈亏 in place of the watchlists (**** under 隐藏金额, in the copied Markdown too), the 涨停 stocks held
marked; off, the watchlists come back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox

from desktop.core import positions as pos
from desktop.services import positions_view

from .test_index_strip import commit, quote
from .test_review_view import open_view, store_day


@pytest.mark.now("2026-11-20 16:00", tick=False)
def test_holdings_only_shows_the_holdings_day_pnl_and_hides_amounts(make_gui, qtbot):
    app = make_gui()
    commit(app, [quote("sh000001", "上证指数", 3402.76, 3388.56), quote("600000", "浦发银行", 11.0, 10.0)])
    store_day(app, ["浦发银行", "白云机场"])                    # 600000 浦发银行 is in the day's 涨停 pool
    positions_view.save_trade(app.core.writer, pos.make_trade("600000", "2026-11-19", "buy", 1000, "9.80"))
    view = open_view(app, qtbot)
    box = view.findChild(QCheckBox, "reviewHoldingsOnly")
    assert box is not None and box.isVisible() and not box.isChecked()
    assert "【持仓】" not in view.browser.toPlainText() and view.review.holdings is None
    box.setChecked(True)
    qtbot.waitUntil(lambda: view.review.holdings is not None, timeout=5000)
    shown = view.browser.toPlainText()
    assert "持仓" in shown and "自选股" not in shown
    assert "浦发银行 1000股 11.00 +10.00% 当日盈亏 +1,000.00" in shown        # 1000 × (11.00 − 10.00)
    assert "浦发银行 2板 [持仓]" in shown                                      # the 涨停 stock held is marked
    assert "当日盈亏 +1,000.00" in view.copy_markdown()
    app.settings.set("positions.hide_amounts", True)
    app.settings.announce(["positions.hide_amounts"])
    shown = view.browser.toPlainText()
    assert "浦发银行 ****股 11.00 +10.00% 当日盈亏 ****" in shown and "1,000.00" not in shown
    assert "1,000.00" not in view.copy_markdown() and "当日盈亏 ****" in view.copy_markdown()
    box.setChecked(False)
    qtbot.waitUntil(lambda: view.review.holdings is None, timeout=5000)
    assert "自选股" in view.browser.toPlainText()

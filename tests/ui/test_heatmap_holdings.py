"""只看持仓 on the heatmap (issue 27): `heatmapHoldingsOnly` keeps only the held stocks' tiles (全市场), only the
boards holding one (行业), follows a trade stored later, says why it is empty, and is kept with the layout."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QToolButton

from desktop.core import positions as pos
from desktop.services import positions_view
from desktop.store import market_store as ms
from tests.ui.test_heatmap import open_heatmap, seed


def _buy(app, code, shares=100):
    positions_view.save_trade(app.core.writer, pos.make_trade(code, "2026-11-02", "buy", shares, "10.00"))


def test_holdings_only_limits_the_market_view_to_the_held_stocks(make_gui, qtbot):
    app = make_gui()
    seed(app)
    _buy(app, "300750")
    _buy(app, "601012", 200)
    pane, heat = open_heatmap(app, qtbot, "market")
    assert {"300750", "300014", "601012", "300274"} <= set(heat.keys())
    toggle = app.window.findChild(QToolButton, "heatmapHoldingsOnly")
    assert toggle is not None and toggle.isVisible() and not toggle.isChecked()
    toggle.click()
    qtbot.waitUntil(lambda: set(heat.keys()) - {k for k in heat.keys() if not k.isdigit()} == {"300750", "601012"},
                    timeout=5000)
    # a later buy (its commit says `positions`) adds its tile without touching the toggle
    _buy(app, "300014")
    qtbot.waitUntil(lambda: "300014" in heat.keys(), timeout=5000)
    assert "300274" not in heat.keys()
    toggle.click()                                                      # off: everything again
    qtbot.waitUntil(lambda: "300274" in heat.keys(), timeout=5000)


def test_holdings_only_keeps_the_boards_holding_one_and_is_remembered(make_gui, qtbot):
    app = make_gui()
    seed(app)
    app.core.writer.call(lambda c: (ms.replace_board_members(c, "BK1035", ["300750", "300014", "688063"]),
                                    ms.replace_board_members(c, "BK1031", ["300274", "601012"]))[-1])
    _buy(app, "300750")
    pane, heat = open_heatmap(app, qtbot, "industry")
    assert {"BK1035", "BK1031", "BK1032"} <= set(heat.keys())
    pane.holdings.set(True)
    qtbot.waitUntil(lambda: set(heat.keys()) == {"BK1035"}, timeout=5000)
    state = QSettings()
    pane.save_state(state)
    assert state.value("heatmap/holdings") == "1"
    pane.holdings.on = False
    pane.restore_state(state)
    assert pane.holdings.on


def test_holdings_only_with_nothing_held_says_so(make_gui, qtbot):
    app = make_gui()
    seed(app)
    pane, heat = open_heatmap(app, qtbot, "market")
    pane.holdings.set(True)
    qtbot.waitUntil(lambda: heat.keys() == [], timeout=5000)
    assert pane.holdings.toggle.isChecked() and "持仓" in pane._empty_text()

"""Holding alerts in the window (issue 27): a 全部持仓 盈亏% rule made in the rule dialog (`alertAllHoldings`), its
notification saying the 盈亏% and the 浮动盈亏 — the amount **** under 隐藏金额 (and in the log) — and a trade
stored later watched without a new rule."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from desktop.core import positions as pos
from desktop.services import positions_view
from desktop.ui.widgets.alert_rule_dialog import AlertRuleDialog
from tests.ui.test_alerts_pane import commit_quotes, now_in_session, quote, setup_rules


def _buy(app, code, shares, price):
    positions_view.save_trade(app.core.writer, pos.make_trade(code, "2026-10-09", "buy", shares, price))


def test_the_dialog_makes_a_rule_for_every_holding(make_gui, qtbot):
    app = make_gui()
    dialog = AlertRuleDialog(app.window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("holding_gain"))
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert dialog.value.suffix() == " %" and dialog.value.value() == 10.0 and not ok.isEnabled()
    dialog.all_holdings.setChecked(True)
    assert ok.isEnabled() and not dialog.code.isEnabled()
    r = dialog.rule()
    assert (r.kind, r.scope, r.code, r.value) == ("holding_gain", "holdings", "", 10.0)
    dialog.kind.setCurrentIndex(dialog.kind.findData("price_above"))        # an existing rule for 全部持仓
    assert dialog.rule().scope == "holdings"
    dialog.kind.setCurrentIndex(dialog.kind.findData("news_theme"))         # no stock: no 全部持仓 either
    assert dialog.rule().scope == "all"


def test_a_holding_alert_notifies_its_pnl_and_hides_the_amount(make_gui, qtbot):
    from desktop.core.alerts import Rule

    app = make_gui()
    _buy(app, "600000", 1000, "100.00")
    setup_rules(app, qtbot, Rule(0, "holding_gain", "holdings", value=5.0, cooldown_s=0))
    pane = app.panes["alerts"]
    assert pane.rules_table.item(0, 1).text() == "全部持仓" and pane.rules_table.item(0, 2).text() == "持仓盈利 ≥ 5%"
    app.settings.set("positions.hide_amounts", True)
    t = now_in_session()
    commit_quotes(app, [quote("600000", 106, "浦发银行", t)])
    qtbot.waitUntil(lambda: len(app.notifier.shown) == 1, timeout=5000)
    body = app.notifier.shown[0][1]
    assert "浦发银行 600000：持仓盈利 ≥ 5%（+6%，浮动盈亏 ****" in body and "6,000" not in body
    qtbot.waitUntil(lambda: pane.log_table.rowCount() == 1, timeout=5000)
    assert pane.log_table.item(0, 3).text() == "+6%"                         # no amount in the log either
    # amounts shown: the 浮动盈亏 is in the text; a holding bought later is watched by the same rule
    app.settings.set("positions.hide_amounts", False)
    _buy(app, "601012", 1000, "10.00")
    qtbot.wait(200)
    commit_quotes(app, [quote("601012", 11, "隆基绿能", t + 1)])
    qtbot.waitUntil(lambda: len(app.notifier.shown) == 2, timeout=5000)
    assert "隆基绿能 601012：持仓盈利 ≥ 5%（+10%，浮动盈亏 +1,000.00 元）" in app.notifier.shown[1][1]

"""The 持仓 pane (issue 27, the window's half): the table and its totals from the exact decimals, red/green by the
setting, the bus both ways, the trade dialog's errors in the interface's language (nothing stored), 隐藏金额
(button, Ctrl+Shift+H, kept across restarts, the status bar's day total), the cost method and the lots CSV."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QTableView, QToolButton

from desktop.core import positions as pos
from desktop.store import positions_store as ps
from desktop.ui.models.position_model import COLUMNS
from desktop.ui.style import GREEN, RED

DEMO_NOW = pytest.mark.now("2026-11-20 14:36", tick=False)


def _pane(app):
    return app.panes["positions"]


def _shown(pane, qtbot, n):
    qtbot.waitUntil(lambda: pane.snapshot is not None and len(pane.snapshot.rows) == n, timeout=10_000)


def _cell(pane, code, col):
    m = pane.model
    return m.data(m.index(m.codes().index(code), COLUMNS.index(col)))


def _colour(pane, code, col):
    m = pane.model
    c = m.data(m.index(m.codes().index(code), COLUMNS.index(col)), Qt.ForegroundRole)
    return None if c is None else c.name()


def _store_quotes(app, quotes):
    """Stored quotes, as the market poller stores them (one writer operation, then the commit)."""
    from desktop.core import clock
    from desktop.core.market import Quote
    from desktop.store import market_store as ms

    now = int(clock.now())
    rows = [Quote(code=c, name=n, price=p, change_pct=round((p / pc - 1) * 100, 2), change=round(p - pc, 2),
                  open=pc, high=p, low=p, prev_close=pc, volume=1e6, amount=1e8, turnover_pct=1.0, total_cap=None,
                  time=now, fetched=now) for c, n, p, pc in quotes]
    app.core.writer.call(lambda conn: ms.upsert_quotes(conn, rows, "test"))


def _trade(app, *row):
    app.core.writer.call(lambda c: ps.add_trades(c, [pos.make_trade(*row)]))


@DEMO_NOW
def test_the_pane_shows_the_holdings_and_totals_from_the_exact_decimals(make_gui, qtbot):
    app = make_gui()
    pane = _pane(app)
    dock = app.window.findChild(QDockWidget, "dock_positions")
    assert dock is not None and dock.widget() is pane and pane.objectName() == "positionsPane"
    assert dock in app.window.tabifiedDockWidgets(app.window.docks["watchlist"])
    assert app.window.findChild(QTableView, "positionsTable") is pane.table
    headers = [pane.model.headerData(i, Qt.Horizontal) for i in range(len(COLUMNS))]
    assert headers == ["代码", "名称", "持仓", "成本价", "现价", "市值", "当日盈亏", "浮动盈亏", "盈亏%", "仓位占比", "已实现盈亏"]
    day_pnl = app.window.statusBar().findChild(QLabel, "positionsDayPnl")
    assert day_pnl is not None and day_pnl.isHidden()            # no holdings: nothing in the status bar
    _trade(app, "300750", "2026-03-16", "buy", 200, "231.50", "9.26")
    _trade(app, "300750", "2026-10-13", "sell", 100, "296.40", "34.49")
    _trade(app, "601012", "2026-05-20", "buy", 2000, "21.35", "8.54")
    pane.reload()                    # trades written outside the pane (as the CLI writes them)
    _shown(pane, qtbot, 2)
    _store_quotes(app, [("300750", "宁德时代", 284.04, 280.00), ("601012", "隆基绿能", 18.2, 18.5)])
    qtbot.waitUntil(lambda: pane.snapshot is not None and len(pane.snapshot.rows) == 2
                    and pane.snapshot.rows[0].price is not None, timeout=10_000)
    assert pane.model.codes() == ["300750", "601012"]
    assert _cell(pane, "300750", "shares") == "100"
    assert _cell(pane, "300750", "price") == "284.04"
    assert _cell(pane, "300750", "value") == "28,404.00"               # 100 × 284.04 exactly
    assert _cell(pane, "300750", "cost_price") == "231.546"            # (46300 + 9.26) / 200, average
    assert _cell(pane, "300750", "pnl_today") == "+404.00"
    assert _cell(pane, "601012", "value") == "36,400.00"
    assert _cell(pane, "601012", "pnl") == "-6,308.54"
    assert _cell(pane, "601012", "pnl_pct") == "-14.77%"
    assert _colour(pane, "300750", "pnl_today") == RED.lower()          # red = up (the default)
    assert _colour(pane, "601012", "pnl") == GREEN.lower()
    t = pane.snapshot.totals
    assert t.value == Decimal("64804.00") and isinstance(t.value, Decimal)
    assert pane.total_labels["value"].text() == "合计市值 64,804.00"
    assert day_pnl.isVisible()
    assert t.pnl_today == Decimal("404.00") - Decimal("600.0")
    assert day_pnl.text() == "当日盈亏 -196.00" and GREEN.lower() in day_pnl.styleSheet().lower()
    # green is up: the colours swap
    app.settings.set("ui.colors", "green_up")
    app.settings.announce(["ui.colors"])
    assert _colour(pane, "300750", "pnl_today") == GREEN.lower()
    assert RED.lower() in day_pnl.styleSheet().lower()


def _demo_like(app, qtbot):
    """Two holdings with quotes (the pane reads them as the watchlist does)."""
    _trade(app, "300750", "2026-03-16", "buy", 200, "231.50", "9.26")
    _trade(app, "601012", "2026-05-20", "buy", 2000, "21.35", "8.54")
    _store_quotes(app, [("300750", "宁德时代", 284.04, 280.00), ("601012", "隆基绿能", 18.2, 18.5)])
    pane = _pane(app)
    pane.reload()
    _shown(pane, qtbot, 2)
    return pane


@DEMO_NOW
def test_sorting_and_the_bus_both_ways(make_gui, qtbot):
    app = make_gui()
    pane = _demo_like(app, qtbot)
    pane.table.sortByColumn(COLUMNS.index("value"), Qt.DescendingOrder)
    assert pane.model.codes() == ["300750", "601012"]          # 56,808 before 36,400
    pane.table.sortByColumn(COLUMNS.index("pnl_pct"), Qt.DescendingOrder)
    assert pane.model.codes() == ["300750", "601012"]
    pane.table.sortByColumn(COLUMNS.index("value"), Qt.AscendingOrder)
    assert pane.model.codes() == ["601012", "300750"]
    # a click selects the stock on the bus
    with qtbot.waitSignal(app.bus.stock_selected) as sig:
        pane.table.selectRow(pane.model.codes().index("300750"))
    assert sig.args == ["300750", "positionsPane"] and app.bus.stock == "300750"
    # the pane follows the bus
    app.bus.select_stock("601012", "test")
    assert pane.selected_code() == "601012"
    app.bus.select_stock("000001", "test")                       # not held: the selection stays
    assert pane.selected_code() == "601012"


def _fill(dialog, **fields):
    for name, value in fields.items():
        w = dialog.findChild(object, name)
        if name == "tradeSide":
            w.setCurrentIndex(w.findData(value))
        elif name == "tradeDate":
            from PySide6.QtCore import QDate

            w.setDate(QDate.fromString(value, "yyyy-MM-dd"))
        else:
            w.setText(value)


@DEMO_NOW
def test_the_trade_dialog_says_what_is_wrong_and_stores_nothing(make_gui, qtbot):
    app = make_gui()
    pane = _pane(app)
    dialog = pane.open_trade("buy", "300750")
    assert dialog.objectName() == "positionTradeDialog" and dialog.isVisible()
    error = dialog.findChild(QLabel, "tradeError")
    _fill(dialog, tradeShares="150", tradePrice="284.04", tradeDate="2026-11-19")
    dialog.buttons.accepted.emit()
    assert error.isVisible() and error.text() == "300750 买入须为 100 股的整数倍（收到 150 股）"
    assert dialog.isVisible()
    _fill(dialog, tradeShares="100", tradePrice="-3")
    dialog.buttons.accepted.emit()
    assert error.text() == "价格必须大于 0 且不超过 100000 元（收到 -3）"
    _fill(dialog, tradeCode="609999", tradePrice="10")
    dialog.buttons.accepted.emit()
    assert error.text() == "未知的股票代码 609999：股票列表中没有它"
    # a sell larger than the holding: refused by the store's check, said in the dialog, nothing stored
    _fill(dialog, tradeCode="300750", tradeSide="sell", tradeShares="100", tradePrice="290")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "只持有 0 股" in error.text(), timeout=5000)
    assert error.text() == "300750 在 2026-11-19 只持有 0 股，不能卖出 100 股" and dialog.isVisible()
    assert app.core.writer.call(ps.trades) == []
    # a good buy is stored, the dialog closes and the table shows it
    _fill(dialog, tradeSide="buy", tradeShares="200", tradePrice="231.50", tradeFee="9.26",
          tradeDate="2026-03-16")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    trades = app.core.writer.call(ps.trades)
    assert [(t.code, t.side, t.shares, t.price, t.fee) for t in trades] == \
        [("300750", "buy", 200, Decimal("231.50"), Decimal("9.26"))]
    _shown(pane, qtbot, 1)
    assert _cell(pane, "300750", "shares") == "200"


@DEMO_NOW
def test_the_dialog_speaks_english_in_the_english_interface(make_gui, qtbot):
    app = make_gui()
    app.settings.set("ui.language", "en")
    dialog = _pane(app).open_trade("buy", "688063")
    _fill(dialog, tradeShares="100", tradePrice="47.60")
    dialog.buttons.accepted.emit()
    assert dialog.findChild(QLabel, "tradeError").text() == \
        "688063 is on the STAR Market (科创板): a buy is at least 200 shares (got 100)"
    assert app.core.writer.call(ps.trades) == []


@DEMO_NOW
def test_hidden_amounts_everywhere_and_kept_across_restarts(make_gui, qtbot):
    app = make_gui()
    pane = _demo_like(app, qtbot)
    button = app.window.findChild(QToolButton, "positionsHide")
    day_pnl = app.window.statusBar().findChild(QLabel, "positionsDayPnl")
    assert button is pane.hide_button and not button.isChecked()
    assert _cell(pane, "300750", "value") == "56,808.00" and day_pnl.text() == "当日盈亏 +208.00"
    button.click()
    for col in ("shares", "value", "pnl_today", "pnl", "realized"):
        assert _cell(pane, "300750", col) == "****", col
        assert _colour(pane, "300750", col) is None, col        # a red **** would still say "a gain"
    assert _cell(pane, "300750", "price") == "284.04" and _cell(pane, "300750", "pnl_pct").endswith("%")
    assert day_pnl.text() == "当日盈亏 ****" and day_pnl.styleSheet() == ""
    assert all("****" in label.text() for label in pane.total_labels.values())
    assert not any(ch.isdigit() for label in pane.total_labels.values() for ch in label.text().split("（")[0])
    # the tray (or the toast) never shows an amount while it is on
    app.notifier.text = lambda f: f
    app.notifier.notify(["宁德时代 300750：浮动盈亏 +18,400.00 元"])
    assert app.notifier.shown[-1][1] == "宁德时代 300750：浮动盈亏 ****"
    # Ctrl+Shift+H (a window shortcut) turns it off and on again
    app.window.activateWindow()
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
    assert not button.isChecked() and _cell(pane, "300750", "value") == "56,808.00"
    assert app.settings["positions.hide_amounts"] is False
    qtbot.keyClick(pane.table, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
    assert button.isChecked() and app.settings["positions.hide_amounts"] is True
    assert "hide_amounts = true" in app.settings.path.read_text(encoding="utf-8")
    app.shutdown()
    # the next start: still hidden, in the table and the status bar
    again = make_gui()
    pane2 = _pane(again)
    assert pane2.hide_button.isChecked()
    _shown(pane2, qtbot, 2)
    assert _cell(pane2, "300750", "value") == "****"
    assert again.window.statusBar().findChild(QLabel, "positionsDayPnl").text() == "当日盈亏 ****"


def test_the_shortcut_is_on_the_sheet():
    from PySide6.QtGui import QKeySequence

    from desktop.ui.help_dialogs import listed_sequences

    assert QKeySequence("Ctrl+Shift+H").toString() in listed_sequences()


@DEMO_NOW
def test_the_cost_method_from_the_menu_is_stored_as_the_cli_stores_it(make_gui, qtbot):
    app = make_gui()
    _trade(app, "300750", "2026-03-16", "buy", 100, "200", "0")
    _trade(app, "300750", "2026-08-05", "buy", 100, "300", "0")
    _trade(app, "300750", "2026-10-13", "sell", 100, "290", "0")
    _store_quotes(app, [("300750", "宁德时代", 284.04, 280.00)])
    pane = _pane(app)
    pane.reload()
    _shown(pane, qtbot, 1)
    assert pane.method_actions["average"].isChecked()
    assert _cell(pane, "300750", "cost_price") == "250.000"      # the pool's average: (20000 + 30000) / 200
    assert _cell(pane, "300750", "realized") == "+4,000.00"
    pane.method_actions["fifo"].trigger()
    qtbot.waitUntil(lambda: pane.snapshot.method == "fifo", timeout=5000)
    assert _cell(pane, "300750", "cost_price") == "300.000"      # the oldest lot went first
    assert _cell(pane, "300750", "realized") == "+9,000.00"
    assert app.core.writer.call(ps.method) == "fifo"
    assert pane.method_actions["fifo"].isChecked() and not pane.method_actions["average"].isChecked()


@DEMO_NOW
def test_the_lots_csv_from_the_menu_round_trips_and_a_bad_row_imports_nothing(make_gui, qtbot, tmp_path,
                                                                                monkeypatch):
    app = make_gui()
    pane = _demo_like(app, qtbot)
    out = tmp_path / "lots.csv"
    monkeypatch.setattr(pane, "choose_file", lambda *a, **k: str(out))
    pane.export_csv()
    qtbot.waitUntil(lambda: pane.last_message.startswith("已导出"), timeout=5000)
    assert pane.last_message == "已导出 2 笔成交"
    assert app.window.statusBar().currentMessage() == "已导出 2 笔成交"
    assert out.read_bytes().startswith(b"\xef\xbb\xbfcode,date,side,shares,price,fee")
    bad = tmp_path / "bad.csv"
    bad.write_bytes("代码,日期,方向,数量,价格\n600900,2026-11-02,买入,1000,10.98\n600900,2026-11-03,卖出,2000,11\n"
                    .encode("gbk"))
    monkeypatch.setattr(pane, "choose_file", lambda *a, **k: str(bad))
    pane.import_csv()
    qtbot.waitUntil(lambda: pane.last_message.startswith("持仓 CSV"), timeout=5000)
    assert pane.last_message == "持仓 CSV 未导入：第 3 行：600900 在 2026-11-03 只持有 1000 股，不能卖出 2000 股"
    assert len(app.core.writer.call(ps.trades)) == 2                     # nothing of the file
    good = tmp_path / "good.csv"
    good.write_bytes("代码,日期,方向,数量,价格\n600900,2026-11-02,买入,1000,10.98\n".encode("gbk"))
    monkeypatch.setattr(pane, "choose_file", lambda *a, **k: str(good))
    pane.import_csv()
    qtbot.waitUntil(lambda: pane.last_message == "已导入 1 笔成交", timeout=5000)
    _shown(pane, qtbot, 3)
    assert "600900" in pane.model.codes()


def test_the_demo_window_shows_its_sample_holdings_priced_by_the_recording(make_gui, qtbot):
    from desktop.services.first_run import DEMO_TRADES

    app = make_gui(demo=True)
    pane = _pane(app)
    _shown(pane, qtbot, 4)
    assert pane.model.codes() == ["300750", "600900", "601012", "688063"]
    assert pane.badge.isVisible() and pane.badge.text() == "演示数据"
    app.start_background()
    qtbot.waitUntil(lambda: pane.snapshot is not None and len(pane.snapshot.rows) == 4
                    and all(h.price is not None for h in pane.snapshot.rows)
                    and pane.snapshot.rows[1].pnl_today is not None, timeout=30_000)
    rows = {h.code: h for h in pane.snapshot.rows}
    for h in rows.values():
        assert h.value == h.shares * h.price                        # exactly
    assert rows["300750"].price == Decimal("284.04") and _cell(pane, "300750", "value") == "56,808.00"
    # 600900 was bought on the recording's session: today's P&L is against its buy price and fee
    buy = next(r for r in DEMO_TRADES if r[0] == "600900")
    qtbot.waitUntil(lambda: pane.snapshot.rows[1].pnl_today == 1000 * (pane.snapshot.rows[1].price
                                                                       - Decimal(buy[4])) - Decimal(buy[5]),
                    timeout=30_000)
    assert app.window.statusBar().findChild(QLabel, "positionsDayPnl").isVisible()


def test_money_is_shown_from_the_exact_decimal():
    from desktop.core.numbers import money_text

    assert money_text(Decimal("28404")) == "28,404.00"
    assert money_text(Decimal("-1234.565")) == "-1,234.57"                  # half up, never through a float
    assert money_text(Decimal("404"), signed=True) == "+404.00"
    assert money_text(Decimal("0"), signed=True) == "0.00"
    assert money_text(Decimal("999999.994")) == "999,999.99"
    assert money_text(Decimal("999999.995")) == "100.00万"                  # 100万 once rounded
    assert money_text(Decimal("1284000")) == "128.40万"
    assert money_text(Decimal("-128400000"), signed=True) == "-1.28亿"
    assert money_text(Decimal("1284000"), chinese=False, signed=True) == "+1.28M"
    assert money_text(Decimal("2500000000"), chinese=False) == "2.50B"
    assert money_text(None) == "—"
    total = sum([Decimal("0.1")] * 3, Decimal(0))
    assert money_text(total) == "0.30" and total == Decimal("0.3")


@DEMO_NOW
def test_the_pane_in_english(qapp, make_gui, qtbot):
    from desktop.ui import i18n

    assert i18n.install(qapp, "en")
    try:
        app = make_gui()
        pane = _pane(app)
        assert app.window.docks["positions"].windowTitle() == "Positions"
        assert [pane.model.headerData(i, Qt.Horizontal) for i in range(len(COLUMNS))] == [
            "Code", "Name", "Shares", "Cost", "Price", "Value", "Today's P&L", "Unrealized P&L", "P&L %", "Weight",
            "Realized P&L"]
        _trade(app, "300750", "2026-03-16", "buy", 5000, "231.50", "9.26")
        _store_quotes(app, [("300750", "宁德时代", 284.04, 280.00)])
        pane.reload()
        _shown(pane, qtbot, 1)
        assert _cell(pane, "300750", "value") == "1.42M" and _cell(pane, "300750", "pnl_today") == "+20,200.00"
        assert pane.total_labels["value"].text() == "Total value 1.42M"
        assert app.window.statusBar().findChild(QLabel, "positionsDayPnl").text() == "Today's P&L +20,200.00"
        assert pane.hide_button.text() == "Hide amounts"
    finally:
        i18n.install(qapp, "zh_CN")

"""The 异动 pane (issue 26, the window's half of 盘口异动): the demo's recorded events newest first, the type coloured
by its direction under the colour setting, 只看自选 and the type filter, linked to the bus both ways, and why it is
empty."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QComboBox, QDockWidget, QLabel, QTableView

from desktop.sources.movers import parse, request
from desktop.store import market_store as ms
from desktop.store import movers as store
from desktop.ui.models.movers_model import COLUMNS
from desktop.ui.style import price_colors
from scripts import demo_movers

DEMO_NOW = pytest.mark.now("2026-11-20 14:36", tick=False)
DAY = date(2026, 11, 20)


def store_demo_movers(app) -> None:
    """The demo's events, stored as the `movers` job stores them (one writer call; its commit is on the bus), and
    the first-run watchlists (the market service seeds them)."""
    app.core.writer.call(ms.ensure_default_watchlist)
    kinds = tuple(sorted({e[3] for e in demo_movers.EVENTS}))
    events = [e for k in kinds for e in parse(k, demo_movers.answer(*request(k)), DAY)]
    app.core.writer.call(lambda c: store.store_movers(c, DAY.isoformat(), kinds, events, None, 1_763_620_000)[0])


def _cell(pane, row: int, col: str, role=Qt.DisplayRole):
    return pane.model.data(pane.model.index(row, COLUMNS.index(col)), role)


@DEMO_NOW
def test_the_pane_shows_the_days_events_newest_first_coloured_and_filtered(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = app.panes["movers"]
    assert pane.objectName() == "moversPane"
    dock = app.window.findChild(QDockWidget, "dock_movers")
    assert dock is not None and dock.windowTitle() == "异动"
    assert pane in [d.widget() for d in app.window.tabifiedDockWidgets(app.window.docks["heatmap"])]
    empty = pane.findChild(QLabel, "moversEmpty")
    assert pane.findChild(QTableView, "moversTable") is pane.table
    store_demo_movers(app)
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(demo_movers.EVENTS), timeout=10_000)
    assert not empty.isVisible()
    times = [_cell(pane, r, "time") for r in range(pane.model.rowCount())]
    assert times == sorted(times, reverse=True) and times[0] == "14:21:05"
    colors = price_colors("red_up")
    rocket = next(r for r in range(pane.model.rowCount()) if _cell(pane, r, "type") == "火箭发射")
    dive = next(r for r in range(pane.model.rowCount()) if _cell(pane, r, "type") == "高台跳水")
    assert _cell(pane, rocket, "type", Qt.ForegroundRole) == QColor(colors.up)
    assert _cell(pane, dive, "type", Qt.ForegroundRole) == QColor(colors.down)
    assert _cell(pane, rocket, "detail") == "+3.19%"
    app.settings.set("ui.colors", "green_up")
    app.settings.announce({"ui.colors"})
    assert _cell(pane, rocket, "type", Qt.ForegroundRole) == QColor(price_colors("green_up").up)
    # the type filter and 只看自选 (the demo's lists hold 亿纬锂能, 宁德时代, 长江电力 … not 浪潮信息)
    pane.findChild(QComboBox, "moversType").setCurrentIndex(pane.type_box.findData(8203))
    assert {_cell(pane, r, "type") for r in range(pane.model.rowCount())} == {"高台跳水"}
    pane.set_type(0)
    pane.findChild(QCheckBox, "moversWatched").setChecked(True)
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0, timeout=5000)
    codes = {_cell(pane, r, "code") for r in range(pane.model.rowCount())}
    assert "300014" in codes and "000977" not in codes and codes <= pane.watched
    pane.set_type(4)                           # 封涨停板: none of them watched
    assert pane.model.rowCount() == 0
    qtbot.waitUntil(empty.isVisible, timeout=2000)
    assert "没有符合条件的异动" in empty.text()


@DEMO_NOW
def test_a_row_selects_its_stock_and_a_stock_selected_elsewhere_selects_its_latest_row(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = app.panes["movers"]
    store_demo_movers(app)
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(demo_movers.EVENTS), timeout=10_000)
    seen = []
    app.bus.stock_selected.connect(lambda code, origin: seen.append((code, origin)))
    row = next(r for r in range(pane.model.rowCount()) if _cell(pane, r, "code") == "600406")
    pane.table.selectRow(row)
    assert seen[-1] == ("600406", "moversPane") and app.bus.stock == "600406"
    app.bus.select_stock("300014", "watchlistPane")
    latest = pane.model.row_of("300014")
    assert pane.selected_code() == "300014" and _cell(pane, latest, "time") == "10:48:15"   # its latest event
    app.bus.select_stock("000001", "watchlistPane")                 # no event: no row selected
    assert pane.selected_code() == ""


@DEMO_NOW
def test_before_any_event_the_pane_says_why(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = app.panes["movers"]
    empty = pane.findChild(QLabel, "moversEmpty")
    qtbot.waitUntil(lambda: bool(empty.text()), timeout=5000)
    assert "还没有获取到盘口异动" in empty.text()


def test_the_rule_dialog_makes_a_mover_rule_and_a_new_event_notifies(make_gui, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.core.movers import MoverEvent
    from desktop.ui.widgets.alert_rule_dialog import AlertRuleDialog
    from tests.ui.test_alerts_pane import setup_rules

    app = make_gui()
    dialog = AlertRuleDialog(app.window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("mover"))
    types = dialog.findChild(object, "alertMoverTypes")
    assert types is dialog.mover_types and not dialog.code.isVisibleTo(dialog) and types.isVisibleTo(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert ok.isEnabled() and dialog.rule().query == "火箭发射,封涨停板,打开涨停板,高台跳水"
    types.set_chosen([])
    assert not ok.isEnabled()
    types.set_chosen([8203])
    rule = dialog.rule()
    assert (rule.kind, rule.scope, rule.code, rule.query, rule.value) == ("mover", "all", "", "高台跳水", None)
    app.core.writer.call(ms.ensure_default_watchlist)
    setup_rules(app, qtbot, rule)
    assert "盘口异动：高台跳水" in app.panes["alerts"].describe(app.panes["alerts"].rules[0])
    event = MoverEvent(DAY.isoformat(), "10:31:02", "300014", "亿纬锂能", 8203, "-0.031260")
    app.core.writer.call(lambda c: store.store_movers(c, DAY.isoformat(), (8203,), [event], None, 1)[0])
    qtbot.waitUntil(lambda: len(app.notifier.shown) == 1, timeout=5000)
    assert "高台跳水 10:31:02 -3.13%" in app.notifier.shown[0][1] and "300014" in app.notifier.shown[0][1]

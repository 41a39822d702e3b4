"""持仓 on the chart (issue 27): the demo's 宁德时代 日K carries its cost line ("成本 284.04"-style label, only "成本"
under 隐藏金额) and a ▲/▼ at each trade's date and price, red buys and green sells by the setting, plain
tooltips; a trade stored later moves the line and adds its marker without a reopen (the commit says
`positions`), and a hover reads nothing from the database."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from desktop.config import resources_dir
from desktop.core import positions as pos
from desktop.core.market_hours import SHANGHAI
from desktop.services import positions_view
from desktop.ui.style import price_colors

DEMO = resources_dir() / "demo"


def _demo_chart(make_gui, qtbot, code="300750"):
    app = make_gui(start_pollers=False, replay_dir=DEMO, demo=True)
    app.start_background()
    qtbot.waitUntil(lambda: app.market_service is not None, timeout=30_000)
    app.window.docks["chart"].raise_()
    chart = app.panes["chart"]
    app.bus.show_chart(code, "test")
    qtbot.waitUntil(lambda: len(chart.bars) > 100 and chart.holding_marks.marks is not None
                    and chart.holding_marks.scatter is not None and len(chart.holding_marks.spots) > 0,
                    timeout=30_000)
    return app, chart


def _book(app, code):
    from desktop.store import positions_store as ps

    trades = app.core.writer.call(lambda c: ps.trades(c, [code]))
    return pos.replay(trades, "average")[code]


def test_the_demo_holding_chart_draws_its_cost_line_and_trade_markers(make_gui, qtbot):
    app, chart = _demo_chart(make_gui, qtbot)
    plot = app.window.findChild(object, "chart")
    marks = chart.holding_marks
    line = next(i for i in plot.price.items if getattr(i, "objectName", lambda: "")() == "chartCostLine")
    scatter = next(i for i in plot.price.items if getattr(i, "objectName", lambda: "")() == "chartTradeMarks")
    cost = _book(app, "300750").cost_price
    assert line.isVisible() and abs(line.value() - float(cost)) < 1e-9
    assert line.label.format == f"成本 {cost:.2f}" and marks.label_text() == f"成本 {cost:.2f}"
    # the demo's 300750: bought 2026-03-16 (before the recording's first bar: not drawn), 08-05, sold 10-13
    points = scatter.points()
    assert len(points) == 2
    days = {s["date"]: s for s in marks.spots}
    assert set(days) == {date(2026, 8, 5), date(2026, 10, 13)}
    for p in points:
        s = marks.spots[p.data()]
        bar_day = datetime.fromtimestamp(chart.bars[int(p.pos().x())].time, SHANGHAI).date()
        assert bar_day == s["date"] and p.pos().y() == float(s["price"])
    buy = next(p for p in points if marks.spots[p.data()]["side"] == "buy")
    sell = next(p for p in points if marks.spots[p.data()]["side"] == "sell")
    colors = price_colors(app.settings["ui.colors"], app.settings["ui.theme"])
    assert buy.symbol() == "t1" and sell.symbol() == "t"                      # ▲ buy, ▼ sell
    assert buy.brush().color().name() == colors.up.lower() and sell.brush().color().name() == colors.down.lower()
    assert marks.tip_text(sell.data()) == "2026-10-13 卖出 100 股 @ 296.40"
    assert marks._tip(data=sell.data()).startswith("<p style='white-space:pre-wrap'>")   # plain, escaped
    # the readout's hover reads nothing: no task, no database
    runs = []
    original = chart.tasks.run
    chart.tasks.run = lambda *a, **k: (runs.append(a[0]), original(*a, **k))[1]
    plot.hovered.emit(len(chart.bars) - 1)
    assert chart.readout.text().startswith("2026-11-20") and runs == []


def test_hidden_amounts_keep_the_line_but_no_figure(make_gui, qtbot):
    app, chart = _demo_chart(make_gui, qtbot)
    marks = chart.holding_marks
    app.settings.set("positions.hide_amounts", True)
    app.settings.announce(["positions.hide_amounts"])
    assert marks.cost_line.isVisible() and marks.cost_line.label.format == "成本"
    assert marks.tip_text(0).endswith("**** 股 @ ****") and "262.80" not in marks.tip_text(0)
    app.settings.set("positions.hide_amounts", False)
    app.settings.announce(["positions.hide_amounts"])
    assert marks.cost_line.label.format.startswith("成本 ")


def test_a_trade_stored_later_moves_the_line_and_adds_its_marker(make_gui, qtbot):
    app, chart = _demo_chart(make_gui, qtbot)
    marks = chart.holding_marks
    before = marks.cost_line.value()
    trade = pos.make_trade("300750", "2026-11-02", "buy", 100, "300.00", "5")
    positions_view.save_trade(app.core.writer, trade)            # the commit says `positions`
    qtbot.waitUntil(lambda: len(marks.spots) == 3, timeout=10_000)
    cost = _book(app, "300750").cost_price
    assert marks.cost_line.value() != before and abs(marks.cost_line.value() - float(cost)) < 1e-9
    assert any(s["date"] == date(2026, 11, 2) and s["price"] == Decimal("300.00") for s in marks.spots)


def test_a_stock_not_held_has_no_cost_line(make_gui, qtbot):
    app = make_gui(start_pollers=False, replay_dir=DEMO, demo=True)
    app.start_background()
    qtbot.waitUntil(lambda: app.market_service is not None, timeout=30_000)
    app.window.docks["chart"].raise_()
    chart = app.panes["chart"]
    app.bus.show_chart("300014", "test")
    qtbot.waitUntil(lambda: len(chart.bars) > 100 and chart.holding_marks.marks is not None
                    and chart.holding_marks.marks.code == "300014", timeout=30_000)
    marks = chart.holding_marks
    assert marks.spots == [] and (marks.cost_line is None or not marks.cost_line.isVisible())

"""The K-line chart: follows a watchlist selection, draws from the store (offline), asks the worker for more."""

from __future__ import annotations

from desktop.core.market import Bar
from desktop.store import market_store as ms


def bars(code: str, n: int) -> list[Bar]:
    day0 = 1_760_000_000 - 1_760_000_000 % 86400
    out, price = [], 100.0
    for i in range(n):
        o = price
        c = price * (1.02 if i % 3 else 0.98)
        out.append(Bar(code, day0 + i * 86400, o, max(o, c) * 1.01, min(o, c) * 0.99, c, 1e6 + i, 1e8, "qfq"))
        price = c
    return out


def test_chart_follows_a_selection_and_draws_stored_bars(make_gui, qtbot):
    app = make_gui()
    app.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300750", 60)))
    asked = []
    app.background.requests.finished.connect(lambda key, error: asked.append(key))
    chart = app.panes["chart"]
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    plot = app.window.findChild(object, "chart")
    assert plot is not None and len(plot.bars) == 60
    assert plot.candles.boundingRect().width() > 0
    assert app.window.findChild(object, "chartMode").currentData() == "daily"
    plot.hovered.emit(10)                                   # the crosshair over bar 10
    assert "开" in chart.readout.text() and "收" in chart.readout.text()
    assert len(plot.ma_lines) == 3
    # new bars arrive as a commit (what the market worker's history request does): the chart redraws
    app.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300750", 80)))
    qtbot.waitUntil(lambda: len(plot.bars) == 80, timeout=5000)

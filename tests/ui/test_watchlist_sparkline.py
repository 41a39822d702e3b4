"""The watchlist's 分时走势 column: drawn from the stored session and the quotes seen since; missing sessions
are asked of the market worker, once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.market import Bar
from desktop.store import market_store as ms
from desktop.ui.models.quote_model import COLUMNS, SPARK_ROLE
from tests.ui.test_watchlist import put_quotes, q


def session(code: str, day0: int, n: int, rising: bool) -> list[Bar]:
    price, out = 100.0, []
    labels = [day0 + 9 * 3600 + 30 * 60 + 60 * i for i in range(n)]
    for t in labels:
        price *= 1.002 if rising else 0.998
        out.append(Bar(code, t, price, price, price, price, 1000.0, 1000.0 * price))
    return out


# 10:35 on a trading morning: the stored 09:30–10:29 minutes are 6 minutes behind the quote, under the 10 that
# make a session worth fetching again (before issue 30 this read the wall clock and failed after 10:39 Beijing)
@pytest.mark.now("2026-12-07 10:35", tick=False)
def test_sparkline_cells_draw_the_session_and_ask_for_missing_ones(make_gui, qtbot):
    from desktop.core.sparklines import day_of
    from desktop.ui.style import price_colors

    app = make_gui()
    up = q("300750", "宁德时代", 2.5)
    down = q("300014", "亿纬锂能", -1.2)
    day = day_of(up.time)
    app.core.writer.call(lambda c: ms.upsert_intraday_bars(c, session("300750", day, 60, True)
                                                           + session("300014", day, 60, False)))
    asked: list[tuple] = []
    original = app.background.requests.request
    app.background.requests.request = lambda kind, *a: (asked.append((kind, *a)), original(kind, *a))[1]
    put_quotes(app, up, down, q("688063", "派能科技", 0.3))   # 派能科技 has no stored session
    pane, m = app.watchlist, app.watchlist.model
    col = COLUMNS.index("spark")
    qtbot.waitUntil(lambda: {"300750", "300014"} <= set(m.sparks), timeout=5000)
    spark = m.data(m.index(m.codes.index("300750"), col), SPARK_ROLE)
    assert len(spark.points) >= 60 and spark.points[0][0] == 0 and spark.prev_close == up.prev_close
    assert m.headerData(col, Qt.Horizontal) == "分时走势"
    # the quote (seen now) extends the line past the stored minutes when the session is today's
    qtbot.waitUntil(lambda: ("intraday", "688063") in asked, timeout=5000)
    assert ("intraday", "300750") not in asked               # its session is stored
    n = asked.count(("intraday", "688063"))
    pane.reload()                                            # the next quote poll: not asked again at once
    qtbot.wait(300)
    assert asked.count(("intraday", "688063")) == n
    # what is painted: the rising line in the up colour, the falling one in the down colour
    app.window.docks["watchlist"].raise_()
    pane.table.clearSelection()
    pane.table.setColumnWidth(col, 120)
    pane.table.scrollTo(m.index(0, col))
    qtbot.wait(100)
    colors = price_colors(app.settings["ui.colors"], app.settings["ui.theme"])
    image = pane.table.viewport().grab().toImage()

    from PySide6.QtGui import QColor

    def pixels_near(code: str, colour: str) -> int:
        """Pixels of the code's sparkline cell within 40 of `colour` on each channel (the line is antialiased)."""
        want = QColor(colour)
        rect = pane.table.visualRect(m.index(m.codes.index(code), col))
        return sum(1 for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())
                   if max(abs(image.pixelColor(x, y).red() - want.red()),
                          abs(image.pixelColor(x, y).green() - want.green()),
                          abs(image.pixelColor(x, y).blue() - want.blue())) < 40)

    assert pixels_near("300750", colors.up) > 5 and pixels_near("300750", colors.down) == 0
    assert pixels_near("300014", colors.down) > 5 and pixels_near("300014", colors.up) == 0

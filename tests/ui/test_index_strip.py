"""The index strip (issue 26): always in the window, one label per index with its value and change %,
coloured by the red/green setting, and the whole market's breadth beside them."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLabel

from desktop.core.indices import INDEX_KEYS
from desktop.core.market import Quote
from desktop.ui.style import GREEN, RED

T = 1795156500          # 2026-11-20 14:35 Beijing


def quote(code: str, name: str, price: float, prev: float, amount: float = 1e9) -> Quote:
    return Quote(code=code, name=name, price=price, change_pct=round((price / prev - 1) * 100, 2),
                 change=round(price - prev, 2), open=prev, high=price, low=price, prev_close=prev, volume=1e6,
                 amount=amount, turnover_pct=1.0, total_cap=None, time=T, fetched=T)


def commit(app, quotes, snapshot: bool = False) -> None:
    from desktop.store import market_store as ms

    def op(c):
        out = ms.upsert_quotes(c, quotes, "test")
        if snapshot:
            c.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('market.snapshot_at', ?)", (str(T),))
        return out

    app.core.writer.call(op)


def label(app, name: str) -> QLabel:
    found = app.window.findChild(QLabel, name)
    assert found is not None, name
    return found


def test_the_strip_and_its_object_names(make_gui):
    app = make_gui()
    strip = app.window.findChild(object, "indexStrip")
    assert strip is not None and strip.isVisible()
    for key in INDEX_KEYS:
        assert label(app, f"index_{key}").text().startswith(("上证指数", "深证成指", "创业板指", "科创50", "沪深300",
                                                             "北证50"))
    assert label(app, "marketBreadth").text() == "涨跌家数：等待全市场行情"


def test_values_coloured_by_the_red_green_setting(make_gui, qtbot, settings):
    app = make_gui()
    commit(app, [quote("sh000001", "上证指数", 3402.76, 3388.56), quote("sz399006", "创业板指", 2208.50, 2230.40),
                 quote("000001", "平安银行", 9.99, 11.20)])            # the stock 000001 is not the index
    up, down = label(app, "index_sh000001"), label(app, "index_sz399006")
    qtbot.waitUntil(lambda: up.text() == "上证指数 3402.76 +0.42%", timeout=5000)
    assert down.text() == "创业板指 2208.50 -0.98%"
    assert RED in up.styleSheet() and GREEN in down.styleSheet()        # red_up, the default
    assert up.toolTip().startswith("<p style='white-space:pre-wrap'>") and "昨收 3388.56" in up.toolTip()
    settings.set("ui.colors", "green_up")
    settings.announce({"ui.colors"})
    assert GREEN in up.styleSheet() and RED in down.styleSheet()
    settings.set("ui.colors", "red_up")
    settings.announce({"ui.colors"})
    assert RED in up.styleSheet()


def test_breadth_beside_the_indices(make_gui, qtbot):
    app = make_gui()
    stocks = [quote("600000", "浦发银行", 11.00, 10.00, 2e9), quote("300001", "特锐德", 11.99, 10.00, 1e9),
              quote("920001", "纬达光电", 7.00, 10.00, 5e8), quote("000002", "万科A", 9.00, 9.00, 3e9)]
    commit(app, [*stocks, replace(quote("sh000001", "上证指数", 3402.76, 3388.56), amount=5e11)], snapshot=True)
    breadth = label(app, "marketBreadth")
    qtbot.waitUntil(lambda: breadth.text() == "涨 2 跌 1 平 1 · 涨停 1 跌停 1 · 成交 65.00亿", timeout=5000)

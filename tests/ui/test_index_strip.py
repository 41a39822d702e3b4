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


def test_the_strip_never_widens_the_window_and_drops_the_small_indices_first(make_gui, qtbot, qapp, settings):
    """At 1024 px the whole strip (~1,300 px in English) set the window's least width: the window overflowed the
    screen and the reader's buttons and the status bar's badge were cut. The strip shows what fits."""
    from desktop.ui import i18n

    i18n.install(qapp, "en")
    settings.set("ui.language", "en")
    try:
        app = make_gui()
        names = ("上证指数", "深证成指", "创业板指", "科创50", "沪深300", "北证50")
        stocks = [quote(f"6000{i:02d}", "股票", 10.5 + i / 100, 10.0, 1e9) for i in range(20)]
        commit(app, [*stocks, *(quote(k, n, 3402.76 + i, 3388.56) for i, (k, n) in enumerate(zip(INDEX_KEYS, names,
                                                                                               strict=True)))],
               snapshot=True)
        first = label(app, "index_sh000001")
        qtbot.waitUntil(lambda: "3402.76" in first.text() and "Up" in label(app, "marketBreadth").text()
                        or "涨 " in label(app, "marketBreadth").text(), timeout=5000)
        app.window.resize(1024, 700)
        qtbot.waitUntil(lambda: app.window.width() <= 1024, timeout=3000)
        assert app.window.minimumSizeHint().width() <= 1024
        strip = app.window.findChild(object, "indexStrip")
        qtbot.waitUntil(lambda: strip.width() <= 1024, timeout=3000)
        shown = strip.shown()
        assert "index_sh000001" in shown                       # the big one stays
        assert "index_bj899050" not in shown                   # the smallest goes first
        for name in shown:                                     # what is shown is whole, inside the strip
            w = strip.findChild(QLabel, name)
            assert w.geometry().right() <= strip.width()
            assert w.width() >= w.sizeHint().width(), (strip.width(), [(n, strip.findChild(QLabel, n).width(),
                                                         strip.findChild(QLabel, n).sizeHint().width()) for n in shown])
        app.window.resize(1916, 1040)
        qtbot.waitUntil(lambda: len(strip.shown()) > len(shown), timeout=3000)
    finally:
        i18n.install(qapp, "zh_CN")

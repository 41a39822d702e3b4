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


def test_chart_colours_follow_the_red_up_setting_and_volume_is_drawn(make_gui, qtbot):
    from desktop.ui.style import GREEN, RED

    app = make_gui()
    app.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300750", 30)))
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    plot = app.window.findChild(object, "chart")
    assert (plot.candles.up, plot.candles.down) == (RED, GREEN)          # China: red up
    assert plot.volume_bars.boundingRect().height() == max(b.volume for b in bars("300750", 30))
    app.settings.set("ui.colors", "green_up")
    app.settings.announce(["ui.colors"])
    assert (plot.candles.up, plot.volume_bars.up) == (GREEN, GREEN)


def test_zoomed_out_candles_draw_as_lines(qtbot):
    """Past ~2 px a bar the bodies are sub-pixel: the compact picture (one line a bar) is what gets painted;
    zoomed in, the full candles are."""
    from desktop.ui.widgets.kline_plot import KlinePlot

    plot = KlinePlot("#e03131", "#2f9e44")
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_bars(bars("300750", 2000), [5])
    replayed: list = []
    original = plot.candles.paint

    class Recorder:
        """Stands in for the QPainter: notes which picture paint() replays, then replays it."""

        def __init__(self, painter):
            self.painter = painter

        def drawPicture(self, x, y, picture):  # noqa: N802
            replayed.append(picture)
            self.painter.drawPicture(x, y, picture)

        def __getattr__(self, name):
            return getattr(self.painter, name)

    plot.candles.paint = lambda p, *args: original(Recorder(p), *args)
    plot.price.setXRange(0, 2000, padding=0)
    plot.grab()
    assert replayed and replayed[-1] is plot.candles.compact          # 2000 bars in ~340 px: lines
    assert 0 < plot.candles.compact.size() < plot.candles.picture.size()
    replayed.clear()
    plot.price.setXRange(1900, 1960, padding=0)
    plot.grab()
    assert replayed and replayed[-1] is plot.candles.picture          # 60 bars: full candles again


def test_axes_label_dates_and_volume_in_the_readouts_unit(qtbot, qapp):
    """Volume reads in one unit on the axis and in the readout (issue 22: the axis said "3000万" — shares — beside
    "量 23.11万手"): 日K in 万手 (English M, million shares, as the readout's "M shares"), 分时 in 手 (lots)."""
    from datetime import datetime, timedelta, timezone

    from desktop.ui import i18n
    from desktop.ui.widgets.kline_plot import KlinePlot, volume_text

    assert (volume_text(3e7), volume_text(2.5e8), volume_text(4.5e5), volume_text(0)) == \
        ("30万手", "250万手", "0.45万手", "0")
    assert (volume_text(3e5, "minute"), volume_text(1234, "minute")) == ("3000手", "12手")
    plot = KlinePlot("#e03131", "#2f9e44")
    qtbot.addWidget(plot)
    drawn = bars("300750", 5)
    plot.set_bars(drawn, [])
    day = datetime.fromtimestamp(drawn[3].time, timezone(timedelta(hours=8))).strftime("%Y-%m-%d")
    assert plot.volume.getAxis("bottom").tickStrings([3.0, 99.0], 1, 1) == [day, ""]   # past the end: no label
    assert plot.volume.getAxis("left").tickStrings([2e7], 1, 1) == ["20万手"]
    try:
        assert i18n.install(qapp, "en")
        assert plot.volume.getAxis("left").tickStrings([2e7], 1, 1) == ["20M"]
        assert volume_text(3e5, "minute") == "3000 lots"
    finally:
        i18n.install(qapp, "zh_CN")
    assert not plot.vline.isVisible()                    # the crosshair appears with the mouse


def front_tab(window) -> str:
    """The title of the dock in front of the heatmap / watchlist / chart tab group."""
    from PySide6.QtWidgets import QTabBar

    for bar in window.findChildren(QTabBar):
        titles = [bar.tabText(i) for i in range(bar.count())]
        if "K线" in titles:
            return bar.tabText(bar.currentIndex())
    return ""


def test_enter_or_double_click_on_a_watchlist_row_brings_its_chart_up(make_gui, qtbot):
    from PySide6.QtCore import Qt

    from tests.ui.test_watchlist import put_quotes, q

    app = make_gui()
    app.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300750", 30)))
    put_quotes(app, q("300750", "宁德时代", 2.5), q("300014", "亿纬锂能", -1.2))
    pane = app.watchlist
    qtbot.waitUntil(lambda: "300750" in pane.view_codes(), timeout=5000)
    app.window.docks["watchlist"].raise_()
    assert front_tab(app.window) == "自选股"
    row = pane.view_codes().index("300750")
    pane.table.setFocus()
    pane.table.setCurrentIndex(pane.model.index(row, 0))
    qtbot.keyClick(pane.table, Qt.Key_Return)
    assert front_tab(app.window) == "K线"
    assert app.bus.stock == "300750" and app.panes["chart"].code == "300750"
    qtbot.waitUntil(lambda: len(getattr(app.window.findChild(object, "chart"), "bars", [])) == 30)
    app.window.docks["watchlist"].raise_()                 # a double-click does the same
    assert front_tab(app.window) == "自选股"
    other = pane.view_codes().index("300014")
    rect = pane.table.visualRect(pane.model.index(other, 1))
    # QTest's double-click is a press and a DblClick without the first click's release: click first, as a
    # real mouse does
    qtbot.mouseClick(pane.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pane.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert front_tab(app.window) == "K线"
    assert app.bus.stock == "300014" and app.panes["chart"].code == "300014"


def test_news_strip_counts_linked_articles_and_a_click_opens_the_newest(gui, qtbot):
    gui.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300750", 40)))
    gui.window.docks["chart"].raise_()
    gui.bus.select_stock("300750", "watchlistPane")
    strip = gui.window.findChild(object, "chartNewsStrip")
    assert strip is not None
    # the fixture's one 宁德时代 article is newer than every bar: it counts on the last bar
    qtbot.waitUntil(lambda: strip.counts == {39: 1}, timeout=5000)
    strip.click_bar(39)
    qtbot.waitUntil(lambda: gui.window.findChild(object, "articleTitle").text() == "宁德时代储能订单大增",
                    timeout=5000)
    assert gui.bus.article != 0
    strip.click_bar(5)                                    # a bar without news does nothing
    assert gui.window.findChild(object, "articleTitle").text() == "宁德时代储能订单大增"


def test_a_double_click_on_a_stock_chip_brings_its_chart_up(gui, qtbot):
    """In the article header and in the news list: a click filters / selects, a double-click shows the chart."""
    from PySide6.QtCore import QPoint, Qt

    gui.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300274", 30)))
    gui.window.docks["watchlist"].raise_()
    table = gui.news.table
    row = [r.title for r in gui.news.model.rows].index("阳光电源逆变器出海")
    gui.news.select_row(row)
    chip = gui.article.findChild(object, "chip_stock_300274")
    qtbot.waitUntil(lambda: gui.article.findChild(object, "chip_stock_300274") is not None, timeout=5000)
    chip = gui.article.findChild(object, "chip_stock_300274")
    qtbot.mouseClick(chip, Qt.LeftButton)
    assert front_tab(gui.window) == "自选股"                 # one click: the filter, not the chart
    qtbot.mouseDClick(chip, Qt.LeftButton)
    assert front_tab(gui.window) == "K线" and gui.panes["chart"].code == "300274"
    qtbot.waitUntil(lambda: len(getattr(gui.window.findChild(object, "chart"), "bars", [])) == 30, timeout=5000)
    # the same chip in the list
    gui.window.docks["watchlist"].raise_()
    gui.news.chips.removed.emit("stock", "300274")
    row = [r.title for r in gui.news.model.rows].index("阳光电源逆变器出海")
    rect = table.visualRect(gui.news.model.index(row, 4))
    point = QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=point)
    assert front_tab(gui.window) == "自选股" and gui.news.filter.stock == "300274"   # a click filters
    row = [r.title for r in gui.news.model.rows].index("阳光电源逆变器出海")        # the filtered list
    rect = table.visualRect(gui.news.model.index(row, 4))
    point = QPoint(rect.left() + 10, rect.center().y())
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=point)   # a real double-click: a click first
    assert front_tab(gui.window) == "自选股"
    qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=point)
    assert front_tab(gui.window) == "K线" and gui.bus.stock == "300274"


def test_hovering_a_news_bar_lists_its_headlines_and_the_open_article_is_marked(gui, qtbot):
    gui.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300750", 40)))
    gui.window.docks["chart"].raise_()
    gui.bus.select_stock("300750", "watchlistPane")
    strip = gui.window.findChild(object, "chartNewsStrip")
    qtbot.waitUntil(lambda: strip.counts == {39: 1}, timeout=5000)
    plot = gui.window.findChild(object, "chart")
    assert not plot.article_line.isVisible()
    strip.hover_bar(39)
    assert strip.toolTip().endswith(" 宁德时代储能订单大增")            # "MM-DD HH:MM 标题"
    assert gui.panes["chart"].headlines(39)[0].endswith("宁德时代储能订单大增")
    strip.hover_bar(5)                                                   # a bar without news: the help again
    assert "资讯" in strip.toolTip() and "宁德时代储能订单大增" not in strip.toolTip()
    strip.click_bar(39)                                                  # the article opens in the reader …
    qtbot.waitUntil(lambda: plot.article_line.isVisible(), timeout=5000)  # … and is marked on its bar
    assert plot.article_line.value() == 39 and strip.article_line.value() == 39
    gui.bus.select_article(0, "test")
    assert not plot.article_line.isVisible() and not strip.article_line.isVisible()


def test_adjustment_switches_between_qfq_and_unadjusted_bars_and_persists(make_gui, qtbot):
    from dataclasses import replace

    app = make_gui()
    qfq = bars("300750", 30)
    raw = [replace(b, adjust="", close=b.close * 2, open=b.open * 2, high=b.high * 2, low=b.low * 2) for b in qfq]
    app.core.writer.call(lambda c: (ms.upsert_daily_bars(c, qfq), ms.upsert_daily_bars(c, raw)))
    requested: list[tuple] = []
    original = app.background.requests.request
    app.background.requests.request = lambda kind, *a: (requested.append((kind, *a)), original(kind, *a))[1]
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    plot = app.window.findChild(object, "chart")
    assert plot.bars[-1].close == qfq[-1].close and ("history", "300750", 250, "qfq") in requested
    box = app.window.findChild(object, "chartAdjust")
    assert box.currentData() == "qfq"                                      # 前复权 by default
    box.setCurrentIndex(box.findData(""))                                  # 不复权
    assert plot.bars[-1].close == raw[-1].close and requested[-1] == ("history", "300750", 250, "")
    app.shutdown()
    again = make_gui()
    assert again.panes["chart"].adjust == ""


def test_a_failed_history_request_is_said_in_the_readout(make_gui, qtbot):
    from desktop.config import resources_dir

    app = make_gui(replay_dir=resources_dir() / "demo", demo=True)
    app.start_background()
    app.window.docks["chart"].raise_()
    app.bus.select_stock("600519", "watchlistPane")            # not in the demo recording: the request fails
    readout = app.window.findChild(object, "chartReadout")
    qtbot.waitUntil(lambda: readout.text().startswith("获取失败："), timeout=30_000)
    assert "not in the recording" in readout.toolTip()
    app.bus.select_stock("300750", "watchlistPane")            # another stock: the old failure goes
    assert not readout.text().startswith("获取失败") and readout.toolTip() == ""


def test_announcements_have_their_own_marker_on_the_news_strip(make_gui, qtbot):
    from desktop.core.news import ParsedEntry
    from desktop.services.parse_pool import tag_entries
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops

    app = make_gui()
    drawn = bars("300750", 40)
    day10 = drawn[10].time + 10 * 3600                                   # 10:00 on bar 10's day
    entries = [ParsedEntry(guid="akshare:notice:AN1", url=None, title="关于回购股份的公告", summary_html="",
                           text="关于回购股份的公告", author="公告·信息变更", published=day10, links=("300750",),
                           tags=("公告",)),
               ParsedEntry(guid="n2", url=None, title="宁德时代储能订单大增", summary_html="", text="宁德时代储能订单大增",
                           author="", published=day10 + 60)]

    def op(conn):
        ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url="akshare:notices")])
        return article_ops.ingest(conn, ids[0], tag_entries(entries, tagger=app.core.tagger()), day10 + 120)

    app.core.writer.call(op)
    app.core.writer.call(lambda c: ms.upsert_daily_bars(c, drawn))
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    strip = app.window.findChild(object, "chartNewsStrip")
    qtbot.waitUntil(lambda: strip.counts.get(10) == 2, timeout=5000)
    assert strip.notices == {10: 1}                                      # one of the two is a 公告

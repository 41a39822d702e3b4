"""The indices where a user names a stock (issue 26): the finder (键盘精灵) finds them by code — 000001 lists
平安银行 and 上证指数, labelled 指数 —, name and 拼音 initials; Enter or a click on the index strip brings the
index's chart (its key on the bus); Ctrl+Enter puts it on a watchlist, shown with its quote; the news search
completes it; the news list does not filter itself to an index."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop.core.market import Bar
from desktop.store import market_store as ms
from tests.ui.test_index_strip import commit, label, quote

DAY0 = 1_794_000_000 - 1_794_000_000 % 86400 - 8 * 3600        # 00:00 Beijing, some days before 2026-11-20


def index_bars(key: str, n: int) -> list[Bar]:
    out, price = [], 3300.0
    for i in range(n):
        c = price * (1.004 if i % 3 else 0.995)
        out.append(Bar(key, DAY0 - (n - i) * 86400, price, max(price, c) + 5, min(price, c) - 5, c, 4e10, 5e11, "qfq"))
        price = c
    return out


def open_finder(app, qtbot, text: str):
    app.core.writer.call(ms.ensure_default_watchlist)
    qtbot.waitUntil(lambda: app.watchlist.lists.count() == 4, timeout=5000)
    table = app.watchlist.table
    table.setFocus()
    qtbot.keyClicks(table, text[0])
    finder = app.window.findChild(object, "stockFinder")
    qtbot.keyClicks(finder.input, text[1:])
    qtbot.waitUntil(lambda: bool(finder.codes()), timeout=3000)
    return finder


def test_000001_lists_the_bank_and_the_index_labelled(make_gui, qtbot):
    app = make_gui()
    finder = open_finder(app, qtbot, "000001")
    assert finder.codes()[:2] == ["000001", "sh000001"]
    assert finder.list.item(0).text().split() == ["000001", "平安银行", "SZ"]
    assert finder.list.item(1).text().split() == ["000001", "上证指数", "指数"]


@pytest.mark.parametrize("typed, key", [("szzs", "sh000001"), ("szcz", "sz399001"), ("cybz", "sz399006"),
                                        ("kc50", "sh000688"), ("hs300", "sh000300"), ("bz50", "bj899050")])
def test_the_finder_finds_an_index_by_its_initials(make_gui, qtbot, typed, key):
    app = make_gui()
    assert open_finder(app, qtbot, typed).codes()[0] == key


def test_enter_on_an_index_shows_its_daily_chart(make_gui, qtbot):
    app = make_gui()
    app.core.writer.call(lambda c: ms.upsert_daily_bars(c, index_bars("sh000001", 40)))
    app.window.docks["chart"].raise_()
    asked, charted = [], []
    app.background.requests.finished.connect(lambda key, error: asked.append(key))
    app.bus.chart_requested.connect(charted.append)
    finder = open_finder(app, qtbot, "szzs")
    qtbot.keyClick(finder.input, Qt.Key_Return)
    assert app.bus.stock == "sh000001" and charted == ["sh000001"]
    chart = app.panes["chart"]
    assert chart.code == "sh000001" and chart.title.text() == "上证指数 sh000001"
    plot = app.window.findChild(object, "chart")
    assert plot is not None and len(plot.bars) == 40 and plot.bars[-1].code == "sh000001"
    assert chart._asked == app.background.requests.key("history", "sh000001", 250, "qfq")   # the worker asked


def test_a_click_on_the_strip_selects_the_index_and_brings_its_chart(make_gui, qtbot):
    app = make_gui()
    app.core.writer.call(lambda c: ms.upsert_daily_bars(c, index_bars("sz399006", 30)))
    charted = []
    app.bus.chart_requested.connect(charted.append)
    news_filter = app.news.filter
    target = label(app, "index_sz399006")
    assert target.cursor().shape() == Qt.PointingHandCursor
    qtbot.mouseClick(target, Qt.LeftButton, pos=QPoint(3, 3))
    assert app.bus.stock == "sz399006" and charted == ["sz399006"]
    assert app.news.filter == news_filter                 # no article links an index: the news list stays
    app.window.docks["chart"].raise_()
    qtbot.waitUntil(lambda: app.window.findChild(object, "chart") is not None, timeout=3000)
    assert len(app.window.findChild(object, "chart").bars) == 30
    assert app.panes["chart"].title.text() == "创业板指 sz399006"


def test_ctrl_enter_adds_the_index_to_the_list_with_its_quote(make_gui, qtbot):
    app = make_gui()
    commit(app, [quote("sh000300", "沪深300", 3950.10, 3940.70)])
    app.core.writer.call(ms.ensure_default_watchlist)
    qtbot.waitUntil(lambda: app.watchlist.lists.count() == 4, timeout=5000)
    tabs = app.window.findChild(object, "watchlistTabs")
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("自选"))
    qtbot.waitUntil(lambda: app.watchlist.codes() == [], timeout=3000)
    finder = open_finder(app, qtbot, "hs300")
    qtbot.keyClick(finder.input, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: app.watchlist.codes() == ["sh000300"], timeout=5000)
    model = app.watchlist.table.model()
    cols = {model.headerData(c, Qt.Horizontal): c for c in range(model.columnCount())}
    qtbot.waitUntil(lambda: model.index(0, cols["最新价"]).data() == "3950.10", timeout=5000)
    assert model.index(0, cols["名称"]).data() == "沪深300" and model.index(0, cols["涨跌幅"]).data() == "+0.24%"
    assert app.bus.stock == "sh000300"


def test_the_news_search_completes_an_index(make_gui, qtbot):
    app = make_gui()
    assert app.market.search_stocks("000001")[:2] == [("000001", "平安银行"), ("sh000001", "上证指数")]
    box = app.news.search
    box.setFocus()
    qtbot.keyClicks(box, "szzs")
    completer = box.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=3000)
    shown = [completer.popup().model().index(i, 0).data() for i in range(completer.popup().model().rowCount())]
    assert shown[0] == "上证指数（指数） sh000001"
    qtbot.keyClick(completer.popup(), Qt.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key_Return)
    assert app.bus.stock == "sh000001"
    assert app.news.filter.stock is None and app.news.filter.query == "上证指数"     # its name, searched


def test_in_english_the_finder_and_the_completion_say_index(make_gui, qtbot, qapp, settings):
    from desktop.ui import i18n

    i18n.install(qapp, "en")
    settings.set("ui.language", "en")
    try:
        app = make_gui()
        finder = open_finder(app, qtbot, "szzs")
        assert finder.list.item(0).text().split("  ") == ["000001", "SSE Composite", "Index"]
        qtbot.keyClick(finder.input, Qt.Key_Escape)
        box = app.news.search
        box.setFocus()
        qtbot.keyClicks(box, "szzs")
        completer = box.completer()
        qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=3000)
        assert completer.popup().model().index(0, 0).data() == "上证指数 (index) sh000001"
    finally:
        i18n.install(qapp, "zh_CN")

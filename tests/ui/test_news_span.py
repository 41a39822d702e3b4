"""The 涨停 pane's 原因 asks the news list for a stock over a span (bus.news_requested): the list shows that stock's
articles of the span only, says so in a removable chip, and lets go of the span when it is removed or another
stock is chosen."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QToolButton

from desktop.core.market_hours import SHANGHAI

DEMO_NOW = pytest.mark.now("2026-11-20 14:36", tick=False)


def _ts(text: str) -> int:
    return int(datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).timestamp())


def _rows(news):
    return [news.model.row_at(i) for i in range(news.model.rowCount())]


@DEMO_NOW
def test_a_span_narrows_the_list_to_the_stock_and_the_day_until_it_is_removed(make_gui, qtbot):
    app = make_gui(demo=True)
    news = app.news
    qtbot.waitUntil(lambda: news.model.rowCount() > 0, timeout=10_000)
    code = "300750"
    qtbot.waitUntil(lambda: news.reader.count_articles(news.filter.with_(stock=code)) > 1, timeout=10_000)
    every = news.reader.list_articles(news.filter.with_(stock=code), 500)
    times = sorted(r.published for r in every)
    since, until = times[0] + 1, times[-1] + 1          # leaves out the oldest: the span really narrows it
    app.bus.news_requested.emit(code, since, until)
    qtbot.waitUntil(lambda: news.filter.until == until, timeout=5000)
    f = news.filter
    assert (f.stock, f.since, f.until) == (code, since, until)
    shown = _rows(news)
    assert shown and len(shown) == len(every) - 1
    assert all(since <= r.published < until and code in r.stocks for r in shown)
    assert news.range.currentIndex() == 0                # the 时间 box does not claim another range
    chip = news.chips.findChild(QToolButton, "chip_span_")
    start = datetime.fromtimestamp(since, SHANGHAI).strftime("%m-%d %H:%M")
    assert chip is not None and chip.text().startswith(start)

    chip.click()                                          # removed: back to what the 时间 box says
    qtbot.waitUntil(lambda: news.filter.until is None, timeout=5000)
    assert news.filter.since is None and news.filter.stock == code
    assert news.chips.findChild(QToolButton, "chip_span_") is None or not news.chips.findChild(
        QToolButton, "chip_span_").isVisible()


@DEMO_NOW
def test_choosing_another_stock_ends_the_span(make_gui, qtbot):
    app = make_gui(demo=True)
    news = app.news
    app.bus.news_requested.emit("300750", _ts("2026-11-19 15:00"), _ts("2026-11-21 00:00"))
    qtbot.waitUntil(lambda: news.filter.until is not None, timeout=5000)
    app.bus.select_stock("601012", "watchlistPane")
    qtbot.waitUntil(lambda: news.filter.stock == "601012", timeout=5000)
    assert news.filter.until is None and news.filter.since is None


def test_the_span_chip_reads_in_market_time():
    from desktop.ui.news_layout import span_text

    assert span_text(_ts("2026-11-19 15:00"), _ts("2026-11-21 00:00")) == "11-19 15:00 – 11-20 24:00"
    assert span_text(None, _ts("2026-11-20 15:00")) == "… – 11-20 15:00"

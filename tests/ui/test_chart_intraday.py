"""The 分时 chart: the session's minutes on a 09:30–15:00 axis, 均价, 昨收, per-minute news, the worker follows it."""

from __future__ import annotations

import email.utils
from datetime import datetime

from desktop.core.intraday import SLOTS, average_prices, slot_label, slot_of_label, slot_of_time
from desktop.core.market import Bar
from desktop.core.market_hours import SHANGHAI
from desktop.store import market_store as ms

DAY = datetime(2026, 11, 20, tzinfo=SHANGHAI)          # a Friday session


def ts(hour: int, minute: int, second: int = 0, day: datetime = DAY) -> int:
    return int(day.replace(hour=hour, minute=minute, second=second).timestamp())


def minutes(code: str, until: tuple[int, int] = (14, 35)) -> list[Bar]:
    """1-minute bars 09:30 … `until`, skipping the lunch break, prices around 100."""
    out, price = [], 100.0
    labels = [ts(9, 30)] + [ts(9, 30) + 60 * i for i in range(1, 121)] + [ts(13, 0) + 60 * i for i in range(1, 121)]
    for i, t in enumerate(labels):
        if t > ts(*until):
            break
        c = price * (1.001 if i % 4 else 0.998)
        out.append(Bar(code, t, price, max(price, c), min(price, c), c, 1000.0 + i, (1000.0 + i) * c))
        price = c
    return out


def test_slots_join_the_morning_and_the_afternoon():
    assert (slot_of_label(ts(9, 30)), slot_of_label(ts(9, 31)), slot_of_label(ts(11, 30))) == (0, 1, 120)
    assert (slot_of_label(ts(13, 1)), slot_of_label(ts(15, 0)), SLOTS) == (121, 240, 241)
    assert (slot_label(0), slot_label(120), slot_label(121), slot_label(240)) == ("09:30", "11:30", "13:01", "15:00")
    # an article: the minute it falls in; overnight on the open, lunch on 13:01, after the close on 15:00
    assert slot_of_time(ts(10, 0, 30)) == 31                  # 10:00:30 is in the 10:00–10:01 minute
    assert slot_of_time(ts(8, 0)) == 0 and slot_of_time(ts(12, 10)) == 121 and slot_of_time(ts(16, 0)) == 240


def test_intraday_view_draws_the_session_with_average_and_previous_close(make_gui, qtbot):
    from tests.ui.test_watchlist import q

    app = make_gui()
    session = minutes("300750")
    quote = q("300750", "宁德时代", 1.0)
    quote = type(quote)(**{**{f: getattr(quote, f) for f in quote.__slots__}, "prev_close": 99.5,
                           "time": ts(14, 35)})
    app.core.writer.call(lambda c: ms.upsert_intraday_bars(c, minutes("300750", (15, 0))[:5]
                                                           + [Bar("300750", b.time - 86400, *[1.0] * 6)
                                                              for b in session[:3]]))  # a day before: not shown
    app.core.writer.call(lambda c: ms.upsert_quotes(c, [quote], "test"))
    asked: list[str] = []
    app.background.requests.finished.connect(lambda key, _e: asked.append(key))
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    mode = app.window.findChild(object, "chartMode")
    mode.setCurrentIndex(mode.findData("intraday"))
    chart = app.panes["chart"]
    plot = app.window.findChild(object, "chart")
    assert type(plot).__name__ == "IntradayPlot" and len(plot.bars) == 5          # only the latest session
    # the worker's 1-minute bars arrive as a commit: the chart redraws
    app.core.writer.call(lambda c: ms.upsert_intraday_bars(c, session))
    qtbot.waitUntil(lambda: len(plot.bars) == len(session), timeout=5000)
    assert plot.prev_close == 99.5 and plot.prev_line.value() == 99.5               # 昨收 from the quote
    assert plot.x_of(0) == 0 and plot.x_of(len(session) - 1) == slot_of_label(ts(14, 35)) == 215
    x, y = plot.avg.getData()
    assert list(y) == average_prices(session) and x[-1] == 215
    lo, hi = plot.price.viewRange()[1]
    assert abs((hi - 99.5) - (99.5 - lo)) < 1e-6                                    # symmetric around 昨收
    assert plot.price.getAxis("right").tickStrings([99.5 * 1.01], 1, 1) == ["+1.00%"]
    plot.hovered.emit(31)
    assert "10:01" in chart.readout.text() and "均价" in chart.readout.text()
    assert plot.bar_at(125.4) == plot.slots.index(125)
    # back to 日K and again: each mode keeps its own plot; `chart` names the one shown
    mode.setCurrentIndex(mode.findData("daily"))
    assert type(app.window.findChild(object, "chart")).__name__ == "KlinePlot"
    mode.setCurrentIndex(mode.findData("intraday"))
    assert app.window.findChild(object, "chart") is plot


def _rss(items: list[tuple[str, int]]) -> bytes:
    body = "".join(f"<item><title>{t}</title><link>http://x.test/{i}</link><guid>g{i}</guid>"
                   f"<pubDate>{email.utils.formatdate(p, localtime=False)}</pubDate>"
                   f"<description>{t}</description></item>" for i, (t, p) in enumerate(items))
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'\
        .encode()


def test_intraday_news_strip_buckets_per_minute_and_a_click_opens_it(make_gui, qtbot):
    from desktop.services.parse_pool import parse_and_tag
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops

    app = make_gui()
    core = app.core
    items = [("宁德时代午间公告储能订单", ts(12, 10)), ("宁德时代早盘大涨", ts(10, 0, 30)),
             ("宁德时代隔夜消息", ts(20, 0, day=DAY.replace(day=19))),
             ("宁德时代两天前的旧闻", ts(10, 0, day=DAY.replace(day=18)))]
    parsed = parse_and_tag(_rss(items), {}, "http://x.test/f.xml", ts(15, 0), tagger=core.tagger())

    def op(conn):
        ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url="http://x.test/f.xml")])
        return article_ops.ingest(conn, ids[0], parsed.items, ts(15, 0))

    core.writer.call(op)
    core.writer.call(lambda c: ms.upsert_intraday_bars(c, minutes("300750")))
    chart = app.panes["chart"]
    chart.set_mode("intraday")
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    strip = app.window.findChild(object, "chartNewsStrip")
    qtbot.waitUntil(lambda: strip.counts == {0: 1, 31: 1, 121: 1}, timeout=5000)   # the old one is off the chart
    assert strip.n_bars == SLOTS
    strip.click_bar(31)
    qtbot.waitUntil(lambda: app.window.findChild(object, "articleTitle").text() == "宁德时代早盘大涨",
                    timeout=5000)


def test_the_worker_follows_the_stock_only_while_intraday_is_shown(make_gui, qtbot):
    app = make_gui()
    requested: list[tuple] = []
    original = app.background.requests.request
    app.background.requests.request = lambda kind, *args: (requested.append((kind, *args)),
                                                           original(kind, *args))[1]
    chart = app.panes["chart"]
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    assert ("history", "300750", 250, "qfq") in requested and not any(r[0] == "follow" for r in requested)
    chart.set_mode("intraday")
    assert ("intraday", "300750") in requested and ("follow", "300750") in requested
    app.bus.select_stock("300014", "watchlistPane")
    assert ("follow", "300014") in requested
    chart.set_mode("daily")
    assert requested[-2:] == [("follow", ""), ("history", "300014", 250, "qfq")]


def test_the_chart_mode_survives_a_restart(make_gui, qtbot):
    app = make_gui()
    app.panes["chart"].set_mode("intraday")
    app.shutdown()
    again = make_gui()
    assert again.panes["chart"].mode_key == "intraday"
    again.window.docks["chart"].raise_()
    again.bus.select_stock("300750", "watchlistPane")
    assert again.window.findChild(object, "chartMode").currentData() == "intraday"

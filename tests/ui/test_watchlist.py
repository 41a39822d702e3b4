"""Watchlist pane: red = up / green = down (switchable), stale quotes marked, selection drives the bus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core import clock
from desktop.core.market import Quote
from desktop.store import market_store as ms
from desktop.ui.models.quote_model import COLUMNS
from desktop.ui.style import GREEN, RED


def put_quotes(app, *quotes):
    app.core.writer.call(ms.ensure_default_watchlist)
    app.core.writer.call(lambda c: ms.upsert_quotes(c, quotes, "test"))


def q(code, name, pct, fetched=None):
    now = int(clock.now())
    return Quote(code=code, name=name, price=100.0, change_pct=pct, change=pct, open=99, high=101, low=98,
                 prev_close=100 - pct, volume=1e6, amount=2.5e9, turnover_pct=1.0, total_cap=1e11, time=now,
                 fetched=fetched or now)


def color(app, code, col="change_pct"):
    m = app.watchlist.model
    return m.data(m.index(m.codes.index(code), COLUMNS.index(col)), Qt.ForegroundRole).name().lower()


def test_colours_follow_the_convention(make_gui, qtbot, settings):
    app = make_gui()
    put_quotes(app, q("300750", "宁德时代", 2.5), q("300014", "亿纬锂能", -1.2))     # both on the first list
    qtbot.waitUntil(lambda: "300750" in app.watchlist.model.codes and app.watchlist.model.rows[0] is not None,
                    timeout=5000)
    assert color(app, "300750") == RED.lower() and color(app, "300014") == GREEN.lower()
    settings.set("ui.colors", "green_up")
    settings.announce(["ui.colors"])
    assert color(app, "300750") == GREEN.lower() and color(app, "300014") == RED.lower()


def test_stale_quotes_are_marked(make_gui, qtbot):
    app = make_gui()
    app.market.set_clock(clock.now, lambda: int(clock.now()) - 60)    # as the market service would
    put_quotes(app, q("300750", "宁德时代", 2.5, fetched=int(clock.now()) - 3600))
    qtbot.waitUntil(lambda: bool(app.watchlist.model.rows) and app.watchlist.model.rows[0] is not None, timeout=5000)
    m = app.watchlist.model
    assert color(app, "300750") != RED.lower()
    assert "过时" in m.data(m.index(0, 2), Qt.ToolTipRole)


def test_selecting_a_stock_filters_the_news(gui, qtbot):
    put_quotes(gui, q("300750", "宁德时代", 2.5))
    qtbot.waitUntil(lambda: "300750" in gui.watchlist.model.codes, timeout=5000)
    gui.watchlist.table.selectRow(gui.watchlist.model.codes.index("300750"))
    assert gui.bus.stock == "300750"
    assert [r.title for r in gui.news.model.rows] == ["宁德时代储能订单大增"]


def test_starts_with_stored_quotes(make_gui, qtbot, paths, settings):
    """A second start paints the watchlist from the database before any poller runs."""
    first = make_gui()
    put_quotes(first, q("300750", "宁德时代", 2.5))
    first.shutdown()
    second = make_gui()
    assert "300750" in second.watchlist.model.codes
    assert second.watchlist.model.rows[second.watchlist.model.codes.index("300750")] is not None


def test_dark_theme_applies_live(make_gui, settings):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from desktop.ui.style import DARK, LIGHT, apply_theme

    app = make_gui()
    try:
        settings.set("ui.theme", "dark")
        settings.announce(["ui.theme"])
        assert QApplication.instance().palette().color(QPalette.Window).name() == DARK["window"]
        assert DARK["chip"] in app.news.chips.styleSheet()            # chips restyled, not only new ones
        assert DARK["warn"] in app.window.banner.styleSheet()
    finally:
        apply_theme(QApplication.instance(), "light")
    assert LIGHT["chip"] in app.news.chips.styleSheet()


def test_sort_by_change_survives_live_updates_and_columns_persist(make_gui, qtbot):
    from PySide6.QtCore import QPoint

    app = make_gui()
    put_quotes(app, q("300750", "宁德时代", 2.5), q("300014", "亿纬锂能", -1.2), q("688063", "派能科技", 0.5))
    pane = app.watchlist
    qtbot.waitUntil(lambda: bool(pane.model.rows) and pane.model.rows[0] is not None, timeout=5000)
    header = pane.table.horizontalHeader()
    col = COLUMNS.index("change_pct")
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))   # click 涨跌幅
    shown = [c for c in pane.view_codes() if c in ("300750", "300014", "688063")]
    assert shown in (["300014", "688063", "300750"], ["300750", "688063", "300014"])
    ascending = shown[0] == "300014"
    put_quotes(app, q("300014", "亿纬锂能", 9.0))          # a live update moves it: the sort follows
    expected_first = "688063" if ascending else "300014"
    qtbot.waitUntil(lambda: [c for c in pane.view_codes() if c in ("300750", "300014", "688063")][0]
                    == expected_first, timeout=5000)
    pane.table.setColumnHidden(COLUMNS.index("amount"), True)
    pane.table.setColumnHidden(COLUMNS.index("volume"), False)
    app.shutdown()
    again = make_gui()
    assert again.watchlist.table.isColumnHidden(COLUMNS.index("amount"))
    assert not again.watchlist.table.isColumnHidden(COLUMNS.index("volume"))


@pytest.mark.now("2026-11-20 14:40")                     # the demo's articles are dated that day (its recording's)
def test_todays_news_column_counts_linked_articles(make_gui, qtbot):
    app = make_gui(demo=True)
    app.core.writer.call(ms.ensure_default_watchlist)
    m = app.watchlist.model
    qtbot.waitUntil(lambda: m.news.get("300750", 0) > 0, timeout=5000)
    row, col = m.codes.index("300750"), COLUMNS.index("news")
    assert m.data(m.index(row, col)) == str(m.news["300750"])
    assert "今天有" in m.data(m.index(row, col), Qt.ToolTipRole)


def test_the_largest_caps_read_in_wan_yi():
    from desktop.core.numbers import amount_text  # the one 万/亿 rule the 总市值 column uses

    assert amount_text(1.2497e12, chinese=True) == "1.25万亿"      # not 12497.00亿, which the 总市值 column clips
    assert amount_text(2.5e9, chinese=True) == "25.00亿"
    assert amount_text(1.19187e11, chinese=True) == "1192亿"                  # 1191.87亿 was clipped too


def test_quotes_go_grey_with_their_age_when_the_source_fails(make_gui, qtbot, tmp_path):
    """A recording whose quote requests all fail, over quotes stored an hour before it was made: the list keeps
    the last good prices, greyed and italic, with their age in the tooltip; the status bar says the quotes
    failed and why."""
    import json
    import shutil
    from datetime import datetime

    from desktop.config import resources_dir
    from desktop.core.market_hours import SHANGHAI

    rec = tmp_path / "rec"
    rec.mkdir()
    shutil.copy(resources_dir() / "demo" / "meta.json", rec / "meta.json")
    with open(resources_dir() / "demo" / "exchanges.jsonl", encoding="utf-8") as src, \
            open(rec / "exchanges.jsonl", "w", encoding="utf-8") as out:
        for line in src:
            url = json.loads(line)["url"]
            if "ulist.np" not in url and "clist" not in url:
                out.write(line)       # every quote (and snapshot) request is missing: each poll fails
    start = datetime.fromisoformat(json.loads((rec / "meta.json").read_text())["start"]).astimezone(SHANGHAI)
    hour_before = int(start.timestamp()) - 3600
    app = make_gui(replay_dir=rec)
    old = q("300750", "宁德时代", 2.5, fetched=hour_before)
    old = type(old)(**{**{f: getattr(old, f) for f in old.__slots__}, "time": hour_before})
    put_quotes(app, old)
    app.start_background()
    status = app.window.source_status
    qtbot.waitUntil(lambda: status.states.get("quotes") is not None
                    and status.states["quotes"].state in ("error", "stale"), timeout=30_000)
    assert status.states["quotes"].error                   # the reason is kept for the tooltip
    m = app.watchlist.model
    qtbot.waitUntil(lambda: "300750" in m.codes and m.rows[m.codes.index("300750")] is not None
                    and m.rows[m.codes.index("300750")].stale, timeout=10_000)
    row = m.codes.index("300750")
    price = m.index(row, COLUMNS.index("price"))
    assert m.data(price) == "100.00"                       # the last good price, not "—" and not 0
    assert color(app, "300750") == "#9aa3ad"               # grey, not red
    assert m.data(price, Qt.FontRole).italic()
    tip = m.data(price, Qt.ToolTipRole)                    # 数据已过时：N 秒前获取
    import re

    age = int(re.search(r"(\d+) 秒前", tip).group(1))
    assert "过时" in tip and 3600 <= age < 3700             # the replay's clock: an hour after the fetch

"""The sector heatmap, driven as a user would: boards and stocks from the store, clicks, drilling in and out by
mouse and keys, colours, stale data, the theme basket and why a tile moves."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from desktop.config import resources_dir
from desktop.core import clock
from desktop.core.heat_colors import palette, step_of
from desktop.core.market import Board, Quote
from desktop.core.market_hours import SHANGHAI
from desktop.services.market_service import seed_bundled_stocks
from desktop.store import market_store as ms

NEWS_DAY = int(datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI).timestamp())   # the gui fixture's articles' day


def quote(code: str, pct: float | None, cap: float, fetched: int | None = None) -> Quote:
    now = int(clock.now())
    price = None if pct is None else 100 + pct
    return Quote(code, "", price, pct, pct, 100, 101, 99, 100, 1e6, cap / 100, 1.0, cap, now, fetched or now)


def seed(app, *, now: int | None = None) -> None:
    now = now or int(clock.now())
    boards = [Board("BK1035", "电池", "industry", 2.5, 5e12, 30, 10, "宁德时代", 3.1),
              Board("BK1031", "光伏设备", "industry", -1.8, 3e12, 8, 40, "阳光电源", 1.0),
              Board("BK1032", "半导体", "industry", 0.2, 8e12, 90, 80, "中芯国际", 2.0)]
    quotes = [quote("300750", 3.1, 1.2e12), quote("300014", 1.5, 1.2e11), quote("688063", None, 1e10),
              quote("300274", 1.0, 2.2e11), quote("601012", -2.4, 1.4e11)]

    def op(c):
        seed_bundled_stocks(c, resources_dir() / "stocks", now)
        c.execute("UPDATE stocks SET industry = '电池' WHERE code IN ('300750', '300014', '688063')")
        c.execute("UPDATE stocks SET industry = '光伏设备' WHERE code IN ('300274', '601012')")
        ms.replace_boards(c, "industry", boards, now)
        ms.upsert_quotes(c, quotes, "test")
        return ms.ensure_default_watchlist(c)

    app.core.writer.call(op)


def open_heatmap(app, qtbot, view: str = "industry"):
    app.window.docks["heatmap"].raise_()
    pane = app.panes["heatmap"]
    qtbot.waitUntil(lambda: pane.view is not None, timeout=5000)
    pane.set_view(view)
    widget = app.window.findChild(object, "heatmap")
    qtbot.waitUntil(lambda: len(widget.tiles) > 0, timeout=5000)
    return pane, widget


def centre(widget, key: str) -> QPoint:
    rect = widget.tile_rect(key)
    assert not rect.isEmpty(), key
    return rect.center()


def test_click_a_board_filters_the_news_then_drill_in_and_out(gui, qtbot):
    seed(gui)
    asked: list[tuple] = []
    original = gui.background.requests.request
    gui.background.requests.request = lambda kind, *a: (asked.append((kind, *a)), original(kind, *a))[1]
    pane, heat = open_heatmap(gui, qtbot)
    assert set(heat.keys()) == {"BK1035", "BK1031", "BK1032"}
    assert heat.tile_rect("BK1032").width() * heat.tile_rect("BK1032").height() > \
        heat.tile_rect("BK1031").width() * heat.tile_rect("BK1031").height()          # area by cap
    qtbot.mouseClick(heat, Qt.LeftButton, pos=centre(heat, "BK1035"))
    assert gui.bus.board == "BK1035" and gui.news.filter.board == "BK1035"
    assert [r.title for r in gui.news.model.rows] == ["宁德时代储能订单大增"]        # 宁德时代 is in 电池
    qtbot.mouseDClick(heat, Qt.LeftButton, pos=centre(heat, "BK1035"))
    qtbot.waitUntil(lambda: set(heat.keys()) == {"300750", "300014", "688063"}, timeout=5000)
    assert ("board_members", "BK1035", "industry") in asked         # the members are fetched as well
    crumb = gui.window.findChild(object, "heatmapBreadcrumb")
    assert "电池" in crumb.text() and "行业" in crumb.text()
    qtbot.keyClick(heat, Qt.Key_Escape)
    qtbot.waitUntil(lambda: set(heat.keys()) == {"BK1035", "BK1031", "BK1032"}, timeout=5000)
    assert "电池" not in crumb.text()
    # the keyboard: arrows move between tiles (selecting them), Enter drills in, Esc comes back
    heat.setFocus()
    heat.current = -1
    qtbot.keyClick(heat, Qt.Key_Right)
    first = heat.tiles[heat.current].key
    assert gui.bus.board == first
    qtbot.keyClick(heat, Qt.Key_Right)
    assert heat.tiles[heat.current].key != first and gui.bus.board == heat.tiles[heat.current].key
    qtbot.keyClick(heat, Qt.Key_Return)
    qtbot.waitUntil(lambda: pane.drill is not None, timeout=5000)
    assert crumb.text() == "行业 › " + heat_name(pane)                  # plain text: what it reads
    root = QPoint(crumb.fontMetrics().horizontalAdvance("行业") // 2, crumb.height() // 2)
    qtbot.mouseClick(crumb, Qt.LeftButton, pos=root)                 # the root is a link back
    assert pane.drill is None


def heat_name(pane) -> str:
    return pane.drill[2]


def test_double_click_on_a_stock_brings_its_chart_up(gui, qtbot):
    from tests.ui.test_chart import front_tab

    seed(gui)
    _pane, heat = open_heatmap(gui, qtbot, "market")
    assert "300750" in heat.keys() and "688063" in heat.keys()
    qtbot.mouseClick(heat, Qt.LeftButton, pos=centre(heat, "300750"))
    assert gui.bus.stock == "300750" and gui.news.filter.stock == "300750"
    qtbot.mouseDClick(heat, Qt.LeftButton, pos=centre(heat, "300014"))
    assert front_tab(gui.window) == "K线" and gui.bus.stock == "300014"


def pixel(widget, key: str):
    image = widget.grab().toImage()
    rect = widget.tile_rect(key)
    return image.pixelColor(rect.left() + 3, rect.top() + 3).name()


def test_colours_follow_the_convention_and_the_scale(make_gui, qtbot):
    app = make_gui()
    seed(app)
    pane, heat = open_heatmap(app, qtbot)
    red_up = palette(True, "light")
    assert pixel(heat, "BK1035") == red_up[step_of(2.5, 3.0)]          # +2.5 % on ±3 %: deep red
    assert pixel(heat, "BK1031") == red_up[step_of(-1.8, 3.0)]         # −1.8 %: green
    app.settings.set("ui.colors", "green_up")
    app.settings.announce(["ui.colors"])
    assert pixel(heat, "BK1035") == palette(False, "light")[step_of(2.5, 3.0)]
    scale = app.window.findChild(object, "heatmapScale")
    scale.setCurrentIndex(scale.findData(10.0))
    assert pixel(heat, "BK1035") == palette(False, "light")[step_of(2.5, 10.0)] != \
        palette(False, "light")[step_of(2.5, 3.0)]
    assert app.window.findChild(object, "heatmapLegend").clamp == 10.0
    app.shutdown()
    again = make_gui()                                               # view, size and scale are kept
    assert again.panes["heatmap"].clamp == 10.0 and again.panes["heatmap"].view_key == "industry"


def test_stale_and_missing_quotes_show_as_such_never_as_zero(make_gui, qtbot):
    app = make_gui()
    seed(app)
    app.core.writer.call(lambda c: ms.upsert_quotes(c, [quote("300014", 1.5, 1.2e11,
                                                              fetched=int(clock.now()) - 3600)], "test"))
    app.market.set_clock(clock.now, lambda: int(clock.now()) - 60)    # what the market service does
    _pane, heat = open_heatmap(app, qtbot, "market")
    stale, missing = heat.tile("300014"), heat.tile("688063")
    assert stale.stale and missing.pct is None
    colours = set(palette(True, "light").values())
    assert pixel(heat, "300014") not in colours and pixel(heat, "688063") not in colours   # pale, hatched
    assert "（数据已过时）" in heat.tooltip_at(centre(heat, "300014"))
    tip = heat.tooltip_at(centre(heat, "688063"))
    assert "涨跌幅：—" in tip and "0.00%" not in tip


def test_the_tooltip_says_why_a_tile_moves(gui, qtbot):
    seed(gui)
    gui.market.set_clock(lambda: NEWS_DAY, lambda: 0)
    _pane, heat = open_heatmap(gui, qtbot, "market")
    qtbot.waitUntil(lambda: heat.tile("300750") is not None and heat.tile("300750").news == 1, timeout=5000)
    tip = heat.tooltip_at(centre(heat, "300750"))
    assert "宁德时代" in tip and "300750" in tip and "+3.10%" in tip
    assert "近24小时相关资讯 1 篇" in tip and "宁德时代储能订单大增" in tip
    open_heatmap(gui, qtbot, "industry")
    qtbot.waitUntil(lambda: heat.tile("BK1035") is not None and heat.tile("BK1035").news >= 1, timeout=5000)
    board_tip = heat.tooltip_at(centre(heat, "BK1035"))
    assert "上涨 30 家，下跌 10 家" in board_tip and "领涨：宁德时代" in board_tip
    assert "宁德时代储能订单大增" in board_tip


def test_a_theme_click_shows_its_basket_and_a_selection_is_outlined(gui, qtbot):
    seed(gui)
    gui.market.set_clock(lambda: NEWS_DAY, lambda: 0)
    pane, heat = open_heatmap(gui, qtbot, "industry")
    gui.bus.select_stock("300750", "watchlistPane")
    assert heat.selected == {"BK1035"}                               # a board view outlines its board
    gui.bus.select_theme("energy", "newsPane")                        # a theme in the news sidebar
    qtbot.waitUntil(lambda: pane.view_key == "theme" and "300750" in heat.keys(), timeout=5000)
    assert "300750" in heat.selected
    summary = gui.window.findChild(object, "heatmapSummary").text()
    assert summary.startswith("篮子 +") and "（市值加权）" in summary
    view = gui.window.findChild(object, "heatmapView")
    assert view.currentData() == "theme"
    pane.link.setChecked(False)                                       # unlinked: a theme click leaves it be
    pane.set_view("market")
    gui.bus.select_theme("ai", "newsPane")
    assert pane.view_key == "market"


@pytest.mark.parametrize("view", ["industry", "concept", "market", "watchlist", "theme"])
def test_every_view_opens_on_an_empty_database_without_errors(make_gui, qtbot, view):
    app = make_gui()
    app.window.docks["heatmap"].raise_()
    pane = app.panes["heatmap"]
    qtbot.waitUntil(lambda: pane.view is not None, timeout=5000)
    pane.set_view(view)
    # why it is empty is said in the middle of the view (issue 22), not squeezed into the summary
    qtbot.waitUntil(lambda: bool(pane.view.empty_text), timeout=5000)
    assert app.window.findChild(object, "heatmapSummary").text() == ""


def test_a_tile_with_unusually_many_linked_articles_gets_a_badge(make_gui, qtbot):
    from desktop.services.parse_pool import parse_and_tag
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops
    from tests.ui.test_chart_intraday import _rss

    app = make_gui()
    seed(app)
    now = int(clock.now())
    items = [(f"宁德时代第{i}条消息", now - 600 * (i + 1)) for i in range(4)] + [("阳光电源一条消息", now - 300)]
    parsed = parse_and_tag(_rss(items), {}, "http://x.test/b.xml", now, tagger=app.core.tagger())

    def op(conn):
        ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url="http://x.test/b.xml")])
        return article_ops.ingest(conn, ids[0], parsed.items, now)

    app.core.writer.call(op)
    _pane, heat = open_heatmap(app, qtbot, "market")
    qtbot.waitUntil(lambda: heat.tile("300750") is not None and heat.tile("300750").news == 4, timeout=5000)
    assert heat.tile("300274").news == 1
    assert "300750" in heat.badges and "300274" not in heat.badges      # 4 ≥ 3; one article is not unusual


def test_a_quote_update_rewrites_the_labels_and_the_keyboard_keeps_its_tile(qtbot):
    """Same sizes (float cap does not move with prices): no relayout, but the % labels are read again; and
    a reload that re-sorts the tiles leaves the keyboard on the same stock."""
    from desktop.core.heat_tiles import Tile, arrange
    from desktop.ui.widgets.treemap_view import HeatmapView

    def tiles(pct: float, big: str) -> list:
        return [Tile("300750", "stock", "宁德时代", 9.0 if big == "300750" else 1.0, pct, False),
                Tile("300014", "stock", "亿纬锂能", 9.0 if big == "300014" else 1.0, -pct, False)]

    view = HeatmapView()
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.set_tiles(arrange(tiles(1.0, "300750"), False), False)
    texts = lambda: [text for _r, text, _i in view._labels]   # noqa: E731
    assert "+1.00%" in texts()
    key = view._layout_key
    view.set_tiles(arrange(tiles(2.5, "300750"), False), False)
    assert view._layout_key is key and "+2.50%" in texts() and "+1.00%" not in texts()
    view.current = view.keys().index("300014")
    view.set_tiles(arrange(tiles(2.5, "300014"), False), False)      # now the other one is bigger: re-sorted
    assert view.keys()[0] == "300014" and view.tiles[view.current].key == "300014"


def test_a_stock_tiles_menu_brings_its_chart_up_and_asks_for_an_alert(gui, qtbot):
    """Both actions of a stock tile's right-click menu (they once called a `bus` the pane does not have: mypy)."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_chart import front_tab

    seed(gui)
    pane, heat = open_heatmap(gui, qtbot, "market")
    heat.tile_menu.emit("300014", "stock", heat.mapToGlobal(centre(heat, "300014")))
    chart, alert = pane.last_menu.actions()
    pane.last_menu.close()
    chart.trigger()
    assert front_tab(gui.window) == "K线" and gui.bus.stock == "300014"
    asked = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "alertRuleDialog":
            QTimer.singleShot(20, answer)
            return
        asked.append(dialog.code.text())
        dialog.reject()

    QTimer.singleShot(0, answer)
    alert.trigger()
    assert asked == ["300014"]

"""The 涨停 pane (issue 26, the window's half): the demo's recorded pools in ladder order with their reasons, grouped by
题材 on request, 原因 asking the news list for the stock and day, linked to the bus both ways, why an empty pool is
empty, the pool and date selectors, the heatmap's 涨停 colour mode, and English."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QTableView, QToolButton

from desktop.core.limit_pools import LimitRow, check_row
from desktop.store import limit_pools as store
from desktop.ui.models.limit_model import COLUMNS, HEADER_ROLE
from scripts import demo_pools

DEMO_NOW = pytest.mark.now("2026-11-20 14:36", tick=False)
DAY = demo_pools.POOL_DAY.isoformat()


def _rows(kind: str) -> list[LimitRow]:
    raw = {"zt": demo_pools.zt_rows, "zb": demo_pools.zb_rows, "dt": demo_pools.dt_rows}[kind]()
    return [check_row(kind, DAY, r) for r in raw]


def store_demo_pools(app, day: str = DAY, kinds=("zt", "zb", "dt")) -> None:
    """The demo's three pools, stored as the `limitup` job stores them (one writer call; its commit is on the bus)."""
    pools = {k: [r if day == DAY else LimitRow(**{**_fields(r), "day": day}) for r in _rows(k)] for k in kinds}
    app.core.writer.call(lambda c: store.store_pools(c, day, pools, 1_763_620_000))


def _fields(r: LimitRow) -> dict:
    return {f: getattr(r, f) for f in r.__slots__}


def _pane(app):
    return app.panes["limitup"]


def _wait_rows(pane, qtbot, n: int, kind: str = "zt") -> None:
    qtbot.waitUntil(lambda: pane.view is not None and pane.view.kind == kind and len(pane.view.rows) == n,
                    timeout=10_000)


def _cell(pane, row: int, col: str, role=Qt.DisplayRole):
    m = pane.model
    return m.data(m.index(row, COLUMNS.index(col)), role)


@DEMO_NOW
def test_the_pane_is_docked_beside_the_heatmap_and_shows_the_pool_in_ladder_order_with_reasons(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = _pane(app)
    assert pane.objectName() == "limitUpPane"
    dock = app.window.findChild(QDockWidget, "dock_limitup")
    assert dock is not None and dock.windowTitle() == "涨停"
    assert pane in [d.widget() for d in app.window.tabifiedDockWidgets(app.window.docks["heatmap"])]
    store_demo_pools(app)
    _wait_rows(pane, qtbot, 14)
    codes = pane.model.codes()
    # 连板 first (中国长城 4, 科华数据 3, then the 2s by their first sealing), then the 1s by theirs
    assert codes[:5] == ["000066", "002335", "000682", "300383", "603019"]
    assert codes[-1] == "000997"
    assert list(pane.model.headers) == ["代码", "名称", "涨幅", "连板", "首次封板", "最后封板", "封板资金", "炸板次数",
                                        "所属行业", "原因", "证据数"]
    row = pane.model.row_of("000066")
    assert _cell(pane, row, "streak") == "4" and _cell(pane, row, "first_sealed") == "09:30:00"
    assert _cell(pane, row, "seal_funds") == "11.26亿"                           # 1.126e9 元
    assert "1,126,000,000 元" in _cell(pane, row, "seal_funds", Qt.ToolTipRole)
    assert _cell(pane, row, "industry") == "计算机设备"
    assert _cell(pane, row, "change_pct").startswith("+")
    # 中科曙光 and 浪潮信息 sealed after their own news: the reason is that title, with its count and source
    sugon = pane.model.row_of("603019")
    title = _cell(pane, sugon, "reason")
    assert title not in ("", "—") and int(_cell(pane, sugon, "evidence")) >= 1
    tip = _cell(pane, sugon, "reason", Qt.ToolTipRole)
    assert title in tip and "证据" in tip and "来源" in tip
    explained = sum(1 for c in codes if pane.model.reason(c) is not None)
    assert explained >= 3
    assert pane.findChild(QLabel, "limitUpSummary").text().startswith("2026-11-20 涨停 14 家")
    assert not pane.findChild(QLabel, "limitUpEmpty").isVisible()


@DEMO_NOW
def test_the_other_pools_and_past_days_are_chosen_in_the_selectors(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = _pane(app)
    store_demo_pools(app, "2026-11-19", kinds=("zt",))
    store_demo_pools(app)
    _wait_rows(pane, qtbot, 14)
    dates = pane.findChild(QComboBox, "limitUpDate")
    assert [dates.itemData(i) for i in range(dates.count())] == ["2026-11-20", "2026-11-19"]
    assert dates.currentData() == "2026-11-20"
    dates.activated.emit(1)
    qtbot.waitUntil(lambda: pane.view.day == "2026-11-19", timeout=10_000)
    pool = pane.findChild(QComboBox, "limitUpPool")
    pool.setCurrentIndex(pool.findData("dt"))
    _wait_rows(pane, qtbot, 3, "dt")
    assert pane.view.day == "2026-11-20"                  # another pool: its newest day
    assert pane.model.headers[COLUMNS.index("streak")] == "连续跌停"
    assert pane.table.isColumnHidden(COLUMNS.index("reason"))
    pool.setCurrentIndex(pool.findData("zb"))
    _wait_rows(pane, qtbot, 4, "zb")
    assert pane.table.isColumnHidden(COLUMNS.index("streak"))


@DEMO_NOW
def test_grouped_by_topic_each_stock_once_under_the_largest_shared_topic(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = _pane(app)
    store_demo_pools(app)
    _wait_rows(pane, qtbot, 14)
    pane.findChild(QToolButton, "limitUpGroup").click()
    qtbot.waitUntil(lambda: bool(pane.model.header_rows()), timeout=5000)
    m = pane.model
    heads = [(m.data(m.index(r, 0), HEADER_ROLE), m.data(m.index(r, 0))) for r in m.header_rows()]
    # 电网设备, 能源金属 and 其他电源设备 are all 能源 (themes.toml): 7; 计算机设备: 5; the rest: 其他
    assert heads == [("能源", "能源 · 7 家"), ("计算机设备", "计算机设备 · 5 家"), ("其他", "其他 · 2 家")]
    assert sorted(m.codes()) == sorted(c for c, *_ in demo_pools.ZT)              # each stock once
    assert pane.table.columnSpan(m.header_rows()[0], 0) == len(COLUMNS)
    energy = m.codes()[:7]
    assert energy[0] == "002335"                          # within a group: the ladder (科华数据 3 板)
    pane.findChild(QToolButton, "limitUpGroup").click()
    qtbot.waitUntil(lambda: not pane.model.header_rows(), timeout=5000)


@DEMO_NOW
def test_a_click_on_the_reason_asks_the_news_list_for_the_stock_and_day(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = _pane(app)
    store_demo_pools(app)
    _wait_rows(pane, qtbot, 14)
    asked = []
    app.bus.news_requested.connect(lambda *a: asked.append(a))
    row = pane.model.row_of("603019")
    reason = pane.model.reason("603019")
    pane.table.clicked.emit(pane.model.index(row, COLUMNS.index("reason")))
    assert app.bus.stock == "603019"
    since, until = pane.view.span
    assert asked == [("603019", since, until)]
    from datetime import datetime

    from desktop.core.market_hours import SHANGHAI
    assert datetime.fromtimestamp(since, SHANGHAI).isoformat() == "2026-11-19T15:00:00+08:00"
    assert datetime.fromtimestamp(until, SHANGHAI).date() == date(2026, 11, 20)
    assert app.bus.article == reason.article_id
    qtbot.waitUntil(lambda: app.news.filter.stock == "603019", timeout=5000)
    assert not app.window.docks["news"].visibleRegion().isEmpty()
    # the row's menu has the same action
    pane.show_news("000977")
    assert asked[-1][0] == "000977" and app.bus.stock == "000977"


@DEMO_NOW
def test_linked_both_ways_with_the_bus(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = _pane(app)
    store_demo_pools(app)
    _wait_rows(pane, qtbot, 14)
    pane.table.selectRow(pane.model.row_of("002460"))
    assert app.bus.stock == "002460"
    app.bus.select_stock("000400", "watchlistPane")
    assert pane.selected_code() == "000400"
    app.bus.select_stock("300750", "watchlistPane")      # not in the pool: no row stays selected
    assert pane.selected_code() == ""
    pane.findChild(QToolButton, "limitUpGroup").click()
    qtbot.waitUntil(lambda: bool(pane.model.header_rows()), timeout=5000)
    app.bus.select_stock("000977", "heatmapPane")
    assert pane.selected_code() == "000977"


@DEMO_NOW
def test_an_empty_pool_says_why(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = _pane(app)
    qtbot.waitUntil(lambda: pane.view is not None, timeout=10_000)
    hint = pane.findChild(QLabel, "limitUpEmpty")
    assert hint.isVisible() and hint.text().startswith("还没有获取到涨停池数据")
    app.core.writer.call(lambda c: store.store_pools(c, "2026-10-01", {"zt": []}, 1))     # a holiday: stored empty
    qtbot.waitUntil(lambda: pane.view.day == "2026-10-01", timeout=10_000)
    assert hint.isVisible() and hint.text().startswith("2026-10-01 休市（周末或节假日），没有涨停池")
    app.core.writer.call(lambda c: store.store_pools(c, "2026-11-20", {"zt": []}, 2))
    qtbot.waitUntil(lambda: pane.view.day == "2026-11-20", timeout=10_000)
    assert hint.text().startswith("2026-11-20 的涨停池没有股票")


@pytest.mark.now("2026-11-23 08:30", tick=False)
def test_before_the_open_the_pane_says_when_it_starts(make_gui, qtbot):
    app = make_gui()
    pane = _pane(app)
    qtbot.waitUntil(lambda: pane.view is not None, timeout=10_000)
    assert pane.findChild(QLabel, "limitUpEmpty").text().startswith("今天还没有开盘：9:25 集合竞价后开始获取涨停池")


@DEMO_NOW
def test_the_heatmap_colours_tiles_by_limit_status(make_gui, qtbot):
    from desktop.ui.widgets.heat_limits import LIMIT_MODE
    from tests.ui.test_heatmap import open_heatmap, seed

    app = make_gui()
    seed(app)
    pools = {"zt": [LimitRow("zt", DAY, "300750", "宁德时代", streak=1, first_sealed="09:35:12")],
             "zb": [LimitRow("zb", DAY, "300014", "亿纬锂能", first_sealed="10:01:00")],
             "dt": [LimitRow("dt", DAY, "601012", "隆基绿能", streak=1, last_sealed="13:00:00")]}
    app.core.writer.call(lambda c: store.store_pools(c, DAY, pools, 1_763_620_000))
    heat, view = open_heatmap(app, qtbot, "market")
    scale = heat.findChild(QComboBox, "heatmapScale")
    i = scale.findData(LIMIT_MODE)
    assert scale.itemText(i) == "涨停"
    scale.setCurrentIndex(i)
    qtbot.waitUntil(lambda: bool(view.limit_status), timeout=10_000)
    assert view.limit_status == {"300750": "zt", "300014": "zb", "601012": "dt"}
    colours = view.limit_colors
    assert len({colours["zt"], colours["dt"], colours["zb"], colours[""]}) == 4

    def fill(key):
        r = view.tile_rect(key)
        return view.grab().toImage().pixelColor(r.left() + 4, r.bottom() - 4).name()

    assert (fill("300750"), fill("300014"), fill("601012"), fill("300274")) == \
        (colours["zt"], colours["zb"], colours["dt"], colours[""])      # 300274 (+1.0 %): in no pool, neutral
    assert "涨停池 2026-11-20" in view.tooltip_at(view.tile_rect("300750").center())
    red = colours["zt"]
    app.settings.set("ui.colors", "green_up")
    app.settings.announce(["ui.colors"])
    assert view.limit_colors["dt"] == red                      # green-up: 跌停 takes the red
    scale.setCurrentIndex(scale.findData(3.0))
    assert view.limit_colors is None and view.limit_status == {}
    assert fill("300274") != colours[""]                        # back to the % scale


@DEMO_NOW
def test_english(make_gui, qtbot, settings):
    settings.set("ui.language", "en")
    app = make_gui()
    pane = _pane(app)
    assert app.window.docks["limitup"].windowTitle() == "Limit up"
    box = pane.findChild(QComboBox, "limitUpPool")
    assert [box.itemText(i) for i in range(box.count())] == ["Limit up", "Broken", "Limit down"]
    assert pane.findChild(QToolButton, "limitUpGroup").text() == "Group by topic"
    assert list(pane.model.headers)[:4] == ["Code", "Name", "Change", "Streak"]
    qtbot.waitUntil(lambda: pane.view is not None, timeout=10_000)
    assert pane.findChild(QLabel, "limitUpEmpty").text().startswith("No limit up pool has been read yet.")
    assert pane.findChild(QTableView, "limitUpTable") is pane.table

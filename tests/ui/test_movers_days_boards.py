"""The 异动 pane's loose ends (issue 26): `moversDate` picks a stored day (the newest by default; a chosen older day
stays while new events arrive, the newest follows again once picked), `moversBoards` shows the day's board 异动 in
`moversBoardTable` (most events first, the change coloured, a row selects its most frequent stock), and each
event's 相关资讯 is the item known at the event's time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QToolButton

from desktop.core.movers import MoverEvent
from desktop.sources.movers import board_request, parse_boards
from desktop.store import movers as store
from desktop.ui.models.movers_model import COLUMNS
from desktop.ui.style import price_colors
from desktop.ui.widgets.board_movers import COLUMNS as BOARD_COLUMNS
from scripts import demo_movers
from tests.ui.test_movers_pane import DAY, store_demo_movers

DEMO_NOW = pytest.mark.now("2026-11-20 14:36", tick=False)
EARLIER = "2026-11-19"


def _store_earlier_day(app) -> None:
    events = [MoverEvent(EARLIER, "10:00:00", "600900", "长江电力", 8201, "0.031"),
              MoverEvent(EARLIER, "11:00:00", "300750", "宁德时代", 8203, "-0.021")]
    app.core.writer.call(lambda c: store.store_movers(c, EARLIER, (8201, 8203), events, [], 1_763_540_000)[0])


def _store_demo_boards(app) -> None:
    boards = parse_boards(demo_movers.answer(*board_request()), DAY)
    app.core.writer.call(lambda c: store.store_movers(c, DAY.isoformat(), (), [], boards, 1_763_620_000)[0])


def _codes(pane) -> set[str]:
    return {pane.model.code_at(r) for r in range(pane.model.rowCount())}


@DEMO_NOW
def test_the_date_selector_shows_a_stored_day_and_keeps_it_until_the_newest_is_picked(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = app.panes["movers"]
    _store_earlier_day(app)
    store_demo_movers(app)
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(demo_movers.EVENTS), timeout=10_000)
    box = pane.findChild(QComboBox, "moversDate")
    assert [box.itemData(i) for i in range(box.count())] == ["2026-11-20", EARLIER] and box.currentData() == "2026-11-20"
    box.setCurrentIndex(1)
    box.activated.emit(1)
    qtbot.waitUntil(lambda: pane.day == EARLIER, timeout=5000)
    assert _codes(pane) == {"600900", "300750"} and box.currentData() == EARLIER
    # a new event of the newest day is stored: the chosen day stays
    late = MoverEvent(DAY.isoformat(), "14:30:00", "601012", "隆基绿能", 8203, "-0.025")
    app.core.writer.call(lambda c: store.store_movers(c, DAY.isoformat(), (8203,), [late], None, 1_763_620_100)[0])
    qtbot.wait(300)
    assert pane.day == EARLIER and pane.model.rowCount() == 2
    pane.set_day("2026-11-20")
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(demo_movers.EVENTS) + 1, timeout=5000)
    assert pane.chosen_day == "" and box.currentData() == "2026-11-20"


@DEMO_NOW
def test_board_movers_show_in_their_own_table(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = app.panes["movers"]
    store_demo_movers(app)
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(demo_movers.EVENTS), timeout=10_000)
    button = pane.findChild(QToolButton, "moversBoards")
    table = pane.findChild(object, "moversBoardTable")
    empty = pane.findChild(QLabel, "moversBoardEmpty")
    button.click()                                   # no board 异动 stored yet: says so
    assert table.isVisible() and not pane.table.isVisible() and not pane.type_box.isEnabled()
    qtbot.waitUntil(empty.isVisible, timeout=2000)
    assert "2026-11-20 没有保存板块异动" in empty.text()
    _store_demo_boards(app)
    m = table.model()
    qtbot.waitUntil(lambda: m.rowCount() == 5, timeout=5000)
    assert not empty.isVisible()

    def cell(row, col, role=Qt.DisplayRole):
        return m.data(m.index(row, BOARD_COLUMNS.index(col)), role)

    assert [cell(r, "board") for r in range(5)][:3] == ["计算机设备", "电网设备", "电池"]      # the most events first
    assert (cell(0, "change"), cell(0, "inflow"), cell(0, "count"), cell(0, "top")) == ("+3.12%", "21.86亿", "41", "浪潮信息 大笔买入")
    assert cell(0, "types").startswith("大笔买入 18、封涨停板 9")
    colors = price_colors("red_up")
    assert cell(0, "change", Qt.ForegroundRole) == QColor(colors.up)
    assert cell(2, "change", Qt.ForegroundRole) == QColor(colors.down) and cell(2, "inflow") == "-14.30亿"
    table.selectRow(2)                               # 电池: its most frequent stock, 亿纬锂能, on the bus
    assert app.bus.stock == "300014"
    button.click()                                   # back to the events
    assert pane.table.isVisible() and not table.isVisible() and pane.type_box.isEnabled()


@DEMO_NOW
def test_each_event_shows_the_item_known_at_its_time(make_gui, qtbot):
    app = make_gui(demo=True)
    pane = app.panes["movers"]
    store_demo_movers(app)

    def title(code, time):
        row = next(r for r in pane.model.rows if r.event.code == code and r.event.time == time)
        return row.article_title

    # the demo's news is ingested by the demo window: 宁德时代 has a 09:19 and a 14:35 item, 亿纬锂能 one at 14:06
    qtbot.waitUntil(lambda: pane.model.rowCount() == len(demo_movers.EVENTS)
                    and title("300750", "09:42:18") != "", timeout=15_000)
    assert title("300750", "09:42:18") == "宁德时代与车企签署长期供货协议"
    assert title("300014", "10:31:02") == ""
    row = next(i for i, r in enumerate(pane.model.rows) if r.event.code == "300750")
    assert pane.model.data(pane.model.index(row, COLUMNS.index("article"))) == "宁德时代与车企签署长期供货协议"


@DEMO_NOW
def test_the_board_view_is_kept_with_the_layout(make_gui, qtbot):
    from PySide6.QtCore import QSettings

    app = make_gui(demo=True)
    pane = app.panes["movers"]
    pane.set_boards(True)
    state = QSettings()
    pane.save_state(state)
    assert state.value("movers/boards") == "1"
    pane.set_boards(False)
    pane.restore_state(state)
    assert pane.boards_button.isChecked()

"""The reader, driven as a user would: keys, search, filters through the bus, images, hostile content."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox

from tests.news import feedgen
from tests.news.helpers import add_feed
from tests.ui.typing_helpers import type_text


def titles(app) -> list[str]:
    return [r.title for r in app.news.model.rows]


def current(app):
    return app.news.model.row_at(app.news.selected_row())


def key(qtbot, app, k, mod=Qt.NoModifier):
    qtbot.keyClick(app.news.table, k, mod)


def test_object_names_for_testers(gui):
    w = gui.window
    for name in ("newsList", "articleView", "newsSearch", "feedTree", "sourceStatus", "marketStatus",
                 "newsPane", "articlePane", "newsFilters", "articleLoadImages"):
        assert w.findChild(object, name) is not None, name


def test_j_k_navigate_and_open_marks_read(gui, qtbot):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)
    assert current(gui).title == "宁德时代储能订单大增"
    assert gui.article.title.text() == "宁德时代储能订单大增"
    qtbot.waitUntil(lambda: gui.news.model.rows[0].read, timeout=3000)   # mark-as-read on open
    key(qtbot, gui, Qt.Key_J)
    assert current(gui).title == "阳光电源逆变器出海"
    key(qtbot, gui, Qt.Key_K)
    assert current(gui).title == "宁德时代储能订单大增"


def test_star_and_toggle_read(gui, qtbot):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)
    key(qtbot, gui, Qt.Key_S)
    qtbot.waitUntil(lambda: gui.news.model.rows[0].starred, timeout=3000)
    qtbot.waitUntil(lambda: gui.news.model.rows[0].read, timeout=3000)
    key(qtbot, gui, Qt.Key_M)
    qtbot.waitUntil(lambda: not gui.news.model.rows[0].read, timeout=3000)


def test_space_pages_down_then_moves_to_next(gui, qtbot):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)                   # the long article
    bar = gui.article.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)
    key(qtbot, gui, Qt.Key_Space)
    assert bar.value() > 0 and current(gui).title == "宁德时代储能订单大增"
    for _ in range(60):
        if bar.value() >= bar.maximum():
            break
        key(qtbot, gui, Qt.Key_Space)
    key(qtbot, gui, Qt.Key_Space)
    assert current(gui).title == "阳光电源逆变器出海"


def test_slash_focuses_search_and_two_character_term(gui, qtbot):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_Slash)
    assert QApplication.focusWidget() is gui.news.search
    type_text(qtbot, gui.news.search, "储能")
    qtbot.keyClick(gui.news.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: titles(gui) == ["宁德时代储能订单大增", "阳光电源逆变器出海"], timeout=3000)
    assert any("储能" in label for label in gui.news.chips.chip_labels())
    gui.news.search.clear()
    type_text(qtbot, gui.news.search, "算力")
    qtbot.keyClick(gui.news.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: titles(gui) == ["英伟达GPU需求旺盛 算力紧张"], timeout=3000)


def test_letters_typed_in_search_are_not_shortcuts(gui, qtbot):
    gui.news.search.setFocus()
    qtbot.keyClicks(gui.news.search, "jks")
    assert gui.news.search.text() == "jks" and gui.news.selected_row() == -1


def test_theme_from_sidebar_filters(gui, qtbot):
    gui.news.tree.select_view("theme", "ai")
    qtbot.waitUntil(lambda: titles(gui) == ["英伟达GPU需求旺盛 算力紧张"], timeout=3000)
    gui.news.tree.select_view("all", None)
    qtbot.waitUntil(lambda: len(titles(gui)) == 4, timeout=3000)


def test_theme_selected_on_the_bus_filters_news(gui, qtbot):
    gui.bus.select_theme("ai", "heatmapPane")
    assert titles(gui) == ["英伟达GPU需求旺盛 算力紧张"]


def test_stock_chip_filters_news_and_chip_removes_filter(gui, qtbot):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)
    key(qtbot, gui, Qt.Key_J)                   # 阳光电源逆变器出海
    chip = gui.article.findChild(object, "chip_stock_300274")
    assert chip is not None
    qtbot.mouseClick(chip, Qt.LeftButton)
    assert gui.news.filter.stock == "300274"
    assert titles(gui) == ["阳光电源逆变器出海"]
    remove = gui.news.chips.findChild(object, "chip_stock_300274")
    qtbot.mouseClick(remove, Qt.LeftButton)
    assert gui.news.filter.stock is None and len(titles(gui)) == 4


def test_unlinked_pane_keeps_its_own_filter(gui, qtbot):
    gui.news.link.setChecked(False)
    gui.bus.select_stock("300750", "watchlistPane")
    assert gui.news.filter.stock is None and len(titles(gui)) == 4
    gui.news.link.setChecked(True)
    gui.bus.select_stock("300750", "watchlistPane")
    assert titles(gui) == ["宁德时代储能订单大增"]


def test_stock_search_completion_selects_stock_on_the_bus(gui, qtbot):
    seen = []
    gui.bus.stock_selected.connect(lambda code, origin: seen.append(code))
    gui.news.search.completer().activated[str].emit("宁德时代 300750")   # the user picks the completion
    assert seen == ["300750"] and titles(gui) == ["宁德时代储能订单大增"]
    assert gui.market.search_stocks("300750")[0] == ("300750", "宁德时代")


def answer_mark_all_read(qtbot, yes: bool, never_ask: bool = False, seen: list | None = None) -> None:
    """Answer the one question Shift+A asks (markAllReadConfirm), once it is up."""
    from PySide6.QtCore import QTimer

    def answer():
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "markAllReadConfirm":
            QTimer.singleShot(20, answer)
            return
        if seen is not None:
            seen.append(box.text())
        box.checkBox().setChecked(never_ask)
        box.button(QMessageBox.Yes if yes else QMessageBox.Cancel).click()

    QTimer.singleShot(0, answer)


def test_shift_a_marks_all_read_in_the_current_filter(gui, qtbot):
    gui.bus.select_theme("energy", "test")
    gui.news.table.setFocus()
    answer_mark_all_read(qtbot, yes=True)
    key(qtbot, gui, Qt.Key_A, Qt.ShiftModifier)
    gui.bus.select_theme("", "test")
    qtbot.waitUntil(lambda: sum(not r.read for r in gui.news.model.rows) == 1, timeout=3000)
    assert [r.title for r in gui.news.model.rows if not r.read] == ["英伟达GPU需求旺盛 算力紧张"]


def test_new_articles_do_not_move_selection_or_scroll(gui, qtbot, httpserver):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)
    key(qtbot, gui, Qt.Key_J)
    selected = current(gui).id
    more = feedgen.items(30, prefix="新到快讯", host="http://more.example")
    httpserver.expect_request("/more.xml").respond_with_data(feedgen.rss(more), content_type="application/rss+xml")
    fid = add_feed(gui.core, httpserver.url_for("/more.xml"))
    refresher = gui.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[fid]))
    qtbot.waitUntil(lambda: gui.news.model.rowCount() == 34, timeout=5000)
    assert current(gui).id == selected
    rect = gui.news.table.visualRect(gui.news.table.currentIndex())
    assert gui.news.table.viewport().rect().intersects(rect)       # still on screen where it was
    assert gui.news.new_button.isVisible() and "30" in gui.news.new_button.text()


def test_no_modal_dialogs_ever_opened(gui, qtbot):
    modals = [w for w in QApplication.topLevelWidgets() if isinstance(w, (QDialog, QMessageBox)) and w.isVisible()]
    assert modals == []
    assert isinstance(gui.news.search, QLineEdit)


def test_near_duplicates_show_once_with_also_reported_by(make_gui, httpserver, qtbot):
    story = {"title": "宁德时代发布新一代储能电池！", "description": "储能", "pubDate": "2026-11-20 09:30:00"}
    a = feedgen.rss([dict(story, link="http://a.example/1")], title="财联社")
    b = feedgen.rss([dict(story, title="宁德时代发布新一代储能电池", link="http://b.example/9",
                          pubDate="2026-11-20 10:05:00")], title="证券时报")
    httpserver.expect_request("/a.xml").respond_with_data(a, content_type="application/rss+xml")
    httpserver.expect_request("/b.xml").respond_with_data(b, content_type="application/rss+xml")
    app = make_gui()
    refresher = app.core.refresher()
    fa = add_feed(app.core, httpserver.url_for("/a.xml"))
    refresher.refresh(refresher.due(feed_ids=[fa]))
    fb = add_feed(app.core, httpserver.url_for("/b.xml"))
    refresher.refresh(refresher.due(feed_ids=[fb]))
    qtbot.waitUntil(lambda: app.news.model.rowCount() == 1, timeout=5000)
    qtbot.wait(100)
    assert app.news.model.rowCount() == 1                     # the story once, not twice
    app.news.table.setFocus()
    qtbot.keyClick(app.news.table, Qt.Key_J)
    assert app.article.also.isVisible() and "证券时报" in app.article.also.text()
    qtbot.waitUntil(lambda: any(i.data(0, Qt.UserRole + 2) == fb for i in app.news.tree.items()), timeout=5000)
    app.news.tree.select_view("feed", fb)                     # a feed's own view still lists its copy
    assert [r.title for r in app.news.model.rows] == ["宁德时代发布新一代储能电池"]


def test_late_older_articles_go_to_their_place_and_counts_do_not_reset_the_list(gui, qtbot, httpserver):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)
    selected = current(gui).id
    older = [{"title": "较早的光伏快讯", "link": "http://late.example/1", "description": "光伏",
              "pubDate": "2026-11-20 09:15:00"}]          # between the 2nd (09:20) and 3rd (09:10) stored
    httpserver.expect_request("/late.xml").respond_with_data(feedgen.rss(older), content_type="application/rss+xml")
    fid = add_feed(gui.core, httpserver.url_for("/late.xml"))
    refresher = gui.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[fid]))
    qtbot.waitUntil(lambda: gui.news.model.rowCount() == 5, timeout=5000)
    assert titles(gui)[2] == "较早的光伏快讯"
    # the sidebar's unread counts arrive from a worker a moment later: they must not reload the list
    qtbot.waitUntil(lambda: any("共 5 篇" in i.toolTip(0) for i in gui.news.tree.items()), timeout=5000)
    assert current(gui).id == selected and gui.news.model.rowCount() == 5


def test_list_loads_a_page_at_a_time(make_gui, qtbot):
    from bench.search import build

    app = make_gui()
    app.shutdown()
    build(app.paths.db, 450)                       # 450 articles through the real ingest path
    again = make_gui()
    model = again.news.model
    assert model.rowCount() == 200 and model.canFetchMore()
    again.news.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 400, timeout=3000)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    keys = [r.search_key for r in model.rows]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 450


def test_stock_and_theme_chips_in_the_list_filter_when_clicked(gui, qtbot):
    seen = []
    gui.bus.stock_selected.connect(lambda code, origin: seen.append(code))
    table = gui.news.table
    row = [r.title for r in gui.news.model.rows].index("阳光电源逆变器出海")
    rect = table.visualRect(gui.news.model.index(row, 4))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert gui.news.filter.stock == "300274" and seen[-1] == "300274"
    assert titles(gui) == ["阳光电源逆变器出海"]
    gui.news.chips.removed.emit("stock", "300274")     # the × on the filter chip
    row = [r.title for r in gui.news.model.rows].index("英伟达GPU需求旺盛 算力紧张")
    rect = table.visualRect(gui.news.model.index(row, 3))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y()))
    assert gui.news.filter.theme == "ai" and titles(gui) == ["英伟达GPU需求旺盛 算力紧张"]


def test_the_time_column_fits_an_older_items_date_and_time(gui, qtbot):
    """Issue 12's first complaint: every older row read "01-05 0…"."""
    from PySide6.QtGui import QFont, QFontMetrics

    bold = QFont(gui.news.table.font())
    bold.setBold(True)
    needed = QFontMetrics(bold).horizontalAdvance("11-20 09:30")
    assert gui.news.table.columnWidth(0) >= needed + 8

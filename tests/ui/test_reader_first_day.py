"""The reader as a newcomer finds it (issue 12): whole titles in tooltips, 来源 out of a single feed's view, a
sidebar that follows the filters, one meaning for counts, chips that show on every row, right-click menus, a
star in the article header, search feedback, and Shift+A asking once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.ui.test_reader import answer_mark_all_read, key, titles
from tests.ui.typing_helpers import type_text


def item_text(app, kind, value=None) -> tuple[str, str]:
    item = next(i for i in app.news.tree.items() if app.news.tree._key(i) == (kind, value))
    return item.text(0), item.toolTip(0)


def test_the_title_tooltip_has_the_whole_title_and_its_source(gui):
    m = gui.news.model
    tip = m.data(m.index(0, 2), Qt.ToolTipRole)
    assert "宁德时代储能订单大增" in tip and m.rows[0].feed_title in tip
    assert m.data(m.index(0, 1), Qt.ToolTipRole) == tip


def test_a_single_feeds_view_hides_the_source_column(gui, qtbot):
    assert not gui.news.table.isColumnHidden(1)
    qtbot.waitUntil(lambda: gui.news.tree.select_view("feed", gui.feed_id), timeout=3000)   # once it is listed
    qtbot.waitUntil(lambda: gui.news.filter.feed_id == gui.feed_id, timeout=3000)
    assert gui.news.table.isColumnHidden(1)
    gui.news.tree.select_view("all", None)
    assert not gui.news.table.isColumnHidden(1)


def test_removing_a_chip_leaves_the_sidebar_in_step(gui, qtbot):
    gui.news.tree.select_view("theme", "energy")
    assert gui.news.filter.theme == "energy" and gui.news.tree.current_view() == ("theme", "energy")
    chip = gui.news.chips.findChild(object, "chip_theme_energy")
    height = gui.news.chips.height()
    qtbot.mouseClick(chip, Qt.LeftButton)
    assert gui.news.filter.theme is None and len(titles(gui)) == 4
    assert gui.news.tree.current_view() == ("all", None)        # no longer 能源
    assert gui.news.chips.isVisible() and gui.news.chips.height() == height   # its row keeps its place


def test_every_count_is_unread_and_the_tooltip_has_the_total(gui, qtbot):
    gui.reader.set_read([gui.news.model.rows[0].id], True).result(5)
    gui.news.refresh_sidebar()
    qtbot.waitUntil(lambda: item_text(gui, "all")[0].endswith("(3)"), timeout=3000)
    text, tip = item_text(gui, "all")
    assert "共 4 篇" in tip and "未读 3 篇" in tip
    assert item_text(gui, "unread")[0].endswith("(3)") and item_text(gui, "feed", gui.feed_id)[0].endswith("(3)")
    assert "共 4 篇" in item_text(gui, "feed", gui.feed_id)[1]


def test_chips_show_on_the_shaded_rows(gui, qtbot):
    """Row 1 is an alternate (shaded) row: its theme chip has an edge that differs from the row's colour."""
    table = gui.news.table
    table.resize(900, 300)
    qtbot.wait(50)
    image = table.viewport().grab().toImage()
    rect = table.visualRect(gui.news.model.index(1, 3))
    alt = table.palette().alternateBase().color()
    y = rect.center().y()
    x0 = rect.left() + 3                      # the chip starts MARGIN in
    diff = max(max(abs(QColor(image.pixel(x, y)).red() - alt.red()), abs(QColor(image.pixel(x, y)).blue() - alt.blue()))
               for x in range(x0, x0 + 3))
    assert diff >= 12, diff


def test_the_article_menu(gui, qtbot):
    menu = gui.news.menus.article_menu(1)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["打开", "打开原文", "加星标", "标为已读", "将更早的资讯标为已读", "复制链接"]
    next(a for a in menu.actions() if a.text() == "复制链接").trigger()
    assert QApplication.clipboard().text() == "http://n.example/2"
    next(a for a in menu.actions() if a.text() == "将更早的资讯标为已读").trigger()
    qtbot.waitUntil(lambda: [r.read for r in gui.news.model.rows] == [False, False, True, True], timeout=3000)
    next(a for a in menu.actions() if a.text() == "加星标").trigger()
    qtbot.waitUntil(lambda: gui.news.model.rows[1].starred, timeout=3000)


def test_a_right_click_on_a_stock_chip_offers_its_chart(gui, qtbot):
    asked = []
    gui.bus.chart_requested.connect(asked.append)
    menu = gui.news.menus.chip_menu("stock", "300750")
    assert [a.text() for a in menu.actions()] == ["只看这只股票的资讯", "在各面板中选中", "显示K线", "添加提醒…"]
    menu.actions()[2].trigger()
    assert asked == ["300750"]
    menu.actions()[0].trigger()
    assert gui.news.filter.stock == "300750"


def test_the_sidebar_menu_refreshes_marks_read_and_unsubscribes(gui, qtbot):
    menu = gui.news.menus.tree_menu("feed", gui.feed_id)
    assert [a.text() for a in menu.actions() if a.text()] == ["立即刷新", "全部标为已读", "编辑…", "退订…"]
    refreshed = []
    gui.bus.feed_refresh_requested.connect(refreshed.append)
    menu.actions()[0].trigger()
    assert refreshed == [gui.feed_id]
    next(a for a in menu.actions() if a.text() == "全部标为已读").trigger()
    qtbot.waitUntil(lambda: all(r.read for r in gui.news.model.rows), timeout=3000)
    assert gui.news.menus.tree_menu("all", None) is not None


def test_the_article_header_has_a_star(gui, qtbot):
    gui.news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)
    star = gui.article.findChild(object, "articleStar")
    assert star.isEnabled() and not star.isChecked()
    qtbot.mouseClick(star, Qt.LeftButton)
    qtbot.waitUntil(lambda: gui.news.model.rows[0].starred, timeout=3000)
    qtbot.waitUntil(lambda: star.isChecked() and "★" in star.text(), timeout=3000)
    assert not gui.article.load_images.isEnabled()                 # no images in this article


def test_search_says_how_many_marks_its_words_and_clears(gui, qtbot):
    news = gui.news
    type_text(qtbot, news.search, "储能")
    qtbot.keyClick(news.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: news.search_count.isVisible() and news.search_count.text() == "2 条结果", timeout=3000)
    assert news.chip_delegate.terms == ("储能",)
    news.table.setFocus()
    key(qtbot, gui, Qt.Key_J)
    qtbot.waitUntil(lambda: gui.article.terms == ("储能",), timeout=3000)
    news.search.clear()                                            # the clear button does this
    qtbot.waitUntil(lambda: len(titles(gui)) == 4, timeout=3000)
    assert news.filter.query == "" and not news.search_count.isVisible() and news.chip_delegate.terms == ()
    type_text(qtbot, news.search, "不存在的词")
    qtbot.keyClick(news.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: news.model.rowCount() == 0, timeout=3000)
    assert news.empty_text().startswith("无结果")


def test_shift_a_asks_once_and_not_again_when_told(gui, qtbot):
    seen: list[str] = []
    gui.news.table.setFocus()
    answer_mark_all_read(qtbot, yes=False, seen=seen)
    key(qtbot, gui, Qt.Key_A, Qt.ShiftModifier)
    assert seen and "4" in seen[0]
    assert not any(r.read for r in gui.news.model.rows)            # cancelled: nothing changed
    answer_mark_all_read(qtbot, yes=True, never_ask=True)
    gui.news.mark_all_read()                                       # Shift+A again
    qtbot.waitUntil(lambda: all(r.read for r in gui.news.model.rows), timeout=3000)
    assert gui.settings["news.confirm_mark_all_read"] is False
    gui.reader.set_read([r.id for r in gui.news.model.rows], False).result(5)
    gui.news.mark_all_read()                                       # no question now
    qtbot.waitUntil(lambda: all(r.read for r in gui.news.model.rows), timeout=3000)
    assert QApplication.activeModalWidget() is None

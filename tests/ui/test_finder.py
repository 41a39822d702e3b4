"""The keyboard stock finder over the watchlist: type, pick, add; Delete removes — as a user does it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.store import market_store as ms


def codes_of(app, name):
    return next(w.codes for w in app.market.watchlists() if w.name == name)


def open_list(app, qtbot, name):
    tabs = app.window.findChild(object, "watchlistTabs")
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index(name))    # click its tab
    qtbot.waitUntil(lambda: app.watchlist.codes() == list(codes_of(app, name)), timeout=3000)


def test_add_ygdy_with_the_finder_then_delete_it(make_gui, qtbot):
    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    qtbot.waitUntil(lambda: app.watchlist.lists.count() == 4, timeout=5000)
    open_list(app, qtbot, "自选")
    table = app.watchlist.table
    table.setFocus()
    qtbot.keyClicks(table, "y")                      # the first key opens the finder with it
    finder = app.window.findChild(object, "stockFinder")
    assert finder is not None and finder.isVisible()
    qtbot.keyClicks(finder.input, "gdy")
    qtbot.waitUntil(lambda: bool(finder.codes()), timeout=3000)
    assert finder.codes()[0] == "300274"
    seen = []
    app.bus.stock_selected.connect(lambda code, origin: seen.append((code, origin)))
    qtbot.keyClick(finder.input, Qt.Key_Return, Qt.ControlModifier)      # Ctrl+Enter: select and add
    assert seen == [("300274", "stockFinder")] and not finder.isVisible()
    qtbot.waitUntil(lambda: app.watchlist.codes() == ["300274"], timeout=5000)
    assert codes_of(app, "自选") == ("300274",)
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key_Delete)
    qtbot.waitUntil(lambda: app.watchlist.codes() == [], timeout=5000)


def test_letters_over_the_list_open_the_finder_not_the_reader_keys(make_gui, qtbot):
    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    qtbot.waitUntil(lambda: app.watchlist.lists.count() == 4, timeout=5000)
    app.watchlist.table.setFocus()
    qtbot.keyClicks(app.watchlist.table, "j")       # J is the reader's "next article" elsewhere
    finder = app.window.findChild(object, "stockFinder")
    assert finder.isVisible() and finder.input.text() == "j"
    qtbot.keyClick(finder.input, Qt.Key_Escape)
    assert not finder.isVisible()


def test_enter_selects_and_the_news_follows(gui, qtbot):
    gui.core.writer.call(ms.ensure_default_watchlist)
    qtbot.waitUntil(lambda: gui.watchlist.lists.count() == 4, timeout=5000)
    gui.watchlist.table.setFocus()
    qtbot.keyClicks(gui.watchlist.table, "n")
    finder = gui.window.findChild(object, "stockFinder")
    qtbot.keyClicks(finder.input, "dsd")
    qtbot.waitUntil(lambda: bool(finder.codes()) and finder.codes()[0] == "300750", timeout=3000)
    qtbot.keyClick(finder.input, Qt.Key_Return)
    assert gui.bus.stock == "300750"
    assert [r.title for r in gui.news.model.rows] == ["宁德时代储能订单大增"]


def test_create_rename_and_delete_a_list(make_gui, qtbot):
    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    pane = app.watchlist
    qtbot.waitUntil(lambda: pane.lists.count() == 4, timeout=5000)
    pane.ask_name = lambda *_a, **_k: "AI算力"                # what the user types in the name box
    qtbot.mouseClick(app.window.findChild(object, "watchlistNew"), Qt.LeftButton)
    qtbot.waitUntil(lambda: pane.list_names()[-1:] == ["AI算力"] and pane.codes() == [], timeout=5000)
    assert pane.lists.tabText(pane.lists.currentIndex()) == "AI算力"      # the new list is shown
    pane.ask_name = lambda *_a, **_k: "算力"
    pane.rename_list()
    qtbot.waitUntil(lambda: "算力" in pane.list_names() and "AI算力" not in pane.list_names(), timeout=5000)
    pane.confirm = lambda *_a: False
    pane.delete_list()
    qtbot.wait(100)
    assert "算力" in pane.list_names()                         # No keeps it
    pane.confirm = lambda *_a: True
    pane.delete_list()
    qtbot.waitUntil(lambda: "算力" not in pane.list_names(), timeout=5000)
    assert [w.name for w in app.market.watchlists()] == ["储能与电池", "光伏与逆变器", "电力", "自选"]


def test_reorder_by_keys_and_by_drop(make_gui, qtbot):
    from PySide6.QtCore import QModelIndex

    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    pane = app.watchlist
    qtbot.waitUntil(lambda: pane.lists.count() == 4, timeout=5000)
    open_list(app, qtbot, "光伏与逆变器")                       # 300274 601012 688223 300317
    assert pane.codes() == ["300274", "601012", "688223", "300317"]
    pane.table.selectRow(0)
    qtbot.keyClick(pane.table, Qt.Key_Down, Qt.ControlModifier)            # Ctrl+↓ moves it one down
    qtbot.waitUntil(lambda: pane.codes() == ["601012", "300274", "688223", "300317"], timeout=5000)
    assert codes_of(app, "光伏与逆变器") == ("601012", "300274", "688223", "300317")
    # a drag of the last row dropped above the first one (what QTableView hands the model on a drop)
    model = pane.model
    data = model.mimeData([model.index(3, 0)])
    model.dropMimeData(data, Qt.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: codes_of(app, "光伏与逆变器") == ("300317", "601012", "300274", "688223"),
                    timeout=5000)
    qtbot.waitUntil(lambda: pane.view_codes() == ["300317", "601012", "300274", "688223"], timeout=5000)   # shown


def test_csv_export_and_gbk_import_in_the_window(make_gui, qtbot, tmp_path):
    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    pane = app.watchlist
    qtbot.waitUntil(lambda: pane.lists.count() == 4, timeout=5000)
    out = tmp_path / "out.csv"
    pane.choose_file = lambda *_a, **_k: str(out)
    with qtbot.waitSignal(pane.csv_done, timeout=5000) as done:
        pane.export_csv()
    assert "15" in done.args[0] and out.read_text(encoding="utf-8-sig").startswith("code,name,list")
    gbk = tmp_path / "in.csv"
    gbk.write_bytes("代码,名称,列表\n600036,招商银行,银行\n000001,平安银行,银行\n".encode("gbk"))
    pane.choose_file = lambda *_a, **_k: str(gbk)
    with qtbot.waitSignal(pane.csv_done, timeout=5000) as done:
        pane.import_csv()
    assert "2" in done.args[0]
    qtbot.waitUntil(lambda: "银行" in pane.list_names(), timeout=5000)
    assert codes_of(app, "银行") == ("600036", "000001")


def test_the_finder_opens_over_the_chart_pane_too(make_gui, qtbot):
    app = make_gui()
    chart = app.panes["chart"]
    app.window.docks["chart"].raise_()
    chart.setFocus()
    qtbot.keyClicks(chart, "c")
    finder = chart.finder()
    assert finder.isVisible()
    qtbot.keyClicks(finder.input, "jdl")
    qtbot.waitUntil(lambda: bool(finder.codes()) and finder.codes()[0] == "600900", timeout=3000)
    qtbot.keyClick(finder.input, Qt.Key_Return)
    assert app.bus.stock == "600900" and "600900" in chart.title.text()      # the chart follows

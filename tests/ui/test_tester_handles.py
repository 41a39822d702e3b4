"""docs/TESTING.md "A tester's handles": each documented handle exists and does what the text says (a documented
name that does not exist is a defect)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QSpinBox, QToolButton

from desktop.config import resources_dir
from desktop.ui.models.quote_model import COLUMNS, HIDDEN_BY_DEFAULT
from desktop.ui.widgets import stock_finder


def test_resources_dir_is_the_bundled_folder():
    assert (resources_dir() / "demo" / "meta.json").is_file()
    assert (resources_dir() / "themes.toml").is_file()


def test_panes_bus_and_sidebar_views(gui, qtbot):
    app = gui
    assert set(app.panes) == {"news", "article", "heatmap", "limitup", "movers", "watchlist", "positions", "chart",
                              "alerts"}
    assert app.bus.stock == ""
    app.bus.select_stock("300750", "test")
    assert app.bus.stock == "300750"
    tree = app.news.tree
    assert tree.select_view("theme", "energy")             # 能源
    assert tree.current_view() == ("theme", "energy")
    assert tree.currentItem().text(0).startswith("能源")
    assert not tree.select_view("theme", "没有这个主题")


def test_article_stock_chips(gui, qtbot):
    app = gui
    app.news.tree.select_view("all", None)
    qtbot.waitUntil(lambda: app.news.model.rowCount() > 0, timeout=5000)
    row = next(r for r in app.news.model.rows if "300750" in r.stocks)
    app.bus.select_article(row.id, "test")
    chips = app.window.findChild(object, "articleStocks")
    qtbot.waitUntil(lambda: chips.findChild(QToolButton, "chip_stock_300750") is not None, timeout=5000)
    assert chips.findChild(QToolButton, "chip_stock_300750").text() == "宁德时代 300750"


def test_settings_dialog_handles(make_gui, qtbot):
    app = make_gui()
    app.open_settings()
    dialog = app.settings_dialog
    qtbot.waitExposed(dialog)
    for name, values in (("language", ["zh_CN", "en"]), ("uiTheme", ["light", "dark"]),
                         ("colorConvention", ["red_up", "green_up"])):
        combo = dialog.findChild(QComboBox, name)
        assert [combo.itemData(i) for i in range(combo.count())] == values, name
    for name in ("feedsInterval", "quotesInterval", "boardsInterval", "snapshotInterval", "retentionDays"):
        assert dialog.findChild(QSpinBox, name) is not None, name
    assert dialog.findChild(QDialogButtonBox, "settingsButtons").button(QDialogButtonBox.Ok) is not None
    assert dialog.findChild(object, "languageNote").text() == "界面语言在重启后生效"
    dialog.reject()


def test_the_rule_dialog_is_reached_from_a_timer(make_gui, qtbot):
    app = make_gui()
    pane = app.panes["alerts"]
    seen = []

    def fill():
        dialog = pane.dialog
        seen.append(dialog.findChild(QComboBox, "alertKind").count())
        dialog.reject()

    QTimer.singleShot(0, fill)
    assert pane.add_rule_for("300750") is False
    assert seen and seen[0] > 0


def test_watchlist_columns_and_finder_cap():
    assert COLUMNS == ("code", "name", "price", "change_pct", "change", "open", "high", "low", "prev_close",
                       "volume", "amount", "turnover_pct", "total_cap", "news", "time", "spark")
    assert HIDDEN_BY_DEFAULT == ("open", "high", "low", "prev_close", "volume", "turnover_pct")
    assert stock_finder.ROWS == 12


def test_tab_menu_actions_as_calls(make_gui, qtbot, monkeypatch):
    app = make_gui()
    pane = app.watchlist
    monkeypatch.setattr(pane, "ask_name", lambda *a: "科技")
    pane.create_list()
    qtbot.waitUntil(lambda: "科技" in pane.list_names(), timeout=5000)
    assert pane.select_list("科技")
    monkeypatch.setattr(pane, "ask_name", lambda *a: "半导体")
    pane.rename_list()
    qtbot.waitUntil(lambda: "半导体" in pane.list_names() and "科技" not in pane.list_names(), timeout=5000)
    assert pane.select_list("半导体")
    monkeypatch.setattr(pane, "confirm", lambda *a: True)
    pane.delete_list()
    qtbot.waitUntil(lambda: "半导体" not in pane.list_names(), timeout=5000)

"""SettingsDialog, driven like a user: typing, clicking, the inline feed forms, OPML files in and out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from desktop.config import SETTINGS, Settings, resources_dir
from desktop.services.reader import ReaderService
from desktop.sources.opml import parse_opml
from desktop.store import feeds as feed_ops
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.widgets.feeds_editor import ERROR, FOLDER, TITLE, URL
from tests.news.helpers import add_feed, feed

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<opml version="2.0"><body><outline text="&lol4;" xmlUrl="http://example.com/f"/></body></opml>"""


# -- helpers ---------------------------------------------------------------------------------------------
@pytest.fixture
def reader(core):
    return ReaderService(core.writer, core.paths.db)


@pytest.fixture
def make_dialog(qtbot, settings, reader, paths):
    def make() -> SettingsDialog:
        d = SettingsDialog(settings, reader, paths)
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        return d
    return make


@pytest.fixture
def dialog(make_dialog):
    return make_dialog()


def child(dialog, cls, name):
    w = dialog.findChild(cls, name)
    assert w is not None, name
    return w


def click(qtbot, dialog, name):
    button = child(dialog, QPushButton, name)
    assert button.isEnabled(), name
    qtbot.mouseClick(button, Qt.LeftButton)


def press(qtbot, dialog, which):
    qtbot.mouseClick(child(dialog, QDialogButtonBox, "settingsButtons").button(which), Qt.LeftButton)


def open_tab(qtbot, dialog, name):
    tabs = child(dialog, QTabWidget, "settingsTabs")
    index = tabs.indexOf(child(dialog, QWidget, name))
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def type_text(qtbot, widget, text, replace=True):
    """Type like a user: Ctrl+A to replace, keys for ASCII, an input-method commit for Chinese."""
    widget.setFocus()
    if replace:
        qtbot.keyClick(widget, Qt.Key_A, Qt.ControlModifier)
        if isinstance(widget, QLineEdit):
            qtbot.keyClick(widget, Qt.Key_Delete)
    run = ""
    for ch in text + "\0":
        if ch.isascii() and ch != "\0":
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget.lineEdit() if isinstance(widget, QSpinBox) else widget, event)


def table(dialog) -> QTableWidget:
    return child(dialog, QTableWidget, "feedsTable")


def row_of(dialog, url) -> int:
    t = table(dialog)
    rows = [r for r in range(t.rowCount()) if t.item(r, URL).text() == url]
    assert len(rows) == 1, (url, [t.item(r, URL).text() for r in range(t.rowCount())])
    return rows[0]


def select_row(qtbot, dialog, url):
    t = table(dialog)
    item = t.item(row_of(dialog, url), URL)        # the URL cell is not editable: a click only selects
    qtbot.mouseClick(t.viewport(), Qt.LeftButton, pos=t.visualItemRect(item).center())
    assert item.isSelected()


def message(dialog) -> str:
    return child(dialog, QLabel, "feedsMessage").text()


# -- settings --------------------------------------------------------------------------------------------
def test_settings_round_trip(qtbot, dialog, settings, paths):
    open_tab(qtbot, dialog, "settingsAppearance")
    colors = child(dialog, QComboBox, "colorConvention")
    assert colors.currentData() == "red_up"
    colors.setFocus()
    qtbot.keyClick(colors, Qt.Key_Down)
    assert colors.currentData() == "green_up"

    open_tab(qtbot, dialog, "settingsGeneral")
    type_text(qtbot, child(dialog, QSpinBox, "feedsInterval"), "30")
    type_text(qtbot, child(dialog, QLineEdit, "rsshubBaseUrl"), "https://rsshub.example.org")
    with qtbot.waitSignal(dialog.settings_changed) as changed:
        press(qtbot, dialog, QDialogButtonBox.Ok)
    assert sorted(changed.args[0]) == ["feeds.interval_min", "rsshub.base_url", "ui.colors"]
    assert dialog.result() == QDialog.Accepted and not dialog.isVisible()

    again = Settings.load(paths.settings_file)
    assert again["ui.colors"] == "green_up"
    assert again["feeds.interval_min"] == 30
    assert again["rsshub.base_url"] == "https://rsshub.example.org"
    text = paths.settings_file.read_text(encoding="utf-8")
    assert "theme" not in text and "language" not in text     # untouched defaults are not pinned in the file


def test_cancel_changes_nothing(qtbot, dialog, settings, paths):
    type_text(qtbot, child(dialog, QLineEdit, "rsshubBaseUrl"), "https://other.example.org")
    with qtbot.assertNotEmitted(dialog.settings_changed):
        press(qtbot, dialog, QDialogButtonBox.Cancel)
    assert dialog.result() == QDialog.Rejected
    assert settings["rsshub.base_url"] == "http://127.0.0.1:1200"
    assert not paths.settings_file.exists()


@pytest.mark.parametrize("field, text, says, fixed", [
    ("rsshubBaseUrl", "rsshub.example.org", "RSSHub", "http://rsshub.example.org"),
    ("themesFile", "/nonexistent/themes.toml", "/nonexistent/themes.toml", ""),
])
def test_invalid_value_keeps_dialog_open(qtbot, dialog, settings, paths, field, text, says, fixed):
    open_tab(qtbot, dialog, "settingsGeneral")
    type_text(qtbot, child(dialog, QLineEdit, field), text)
    type_text(qtbot, child(dialog, QSpinBox, "quotesInterval"), "9")
    with qtbot.assertNotEmitted(dialog.settings_changed):
        press(qtbot, dialog, QDialogButtonBox.Ok)
    error = child(dialog, QLabel, "settingsError")
    assert dialog.isVisible() and error.isVisible() and says in error.text()
    assert settings["market.quotes_interval_s"] == 5          # nothing was applied …
    assert not paths.settings_file.exists()                   # … nor saved

    type_text(qtbot, child(dialog, QLineEdit, field), fixed)  # fixed: OK now goes through
    with qtbot.waitSignal(dialog.settings_changed) as changed:
        press(qtbot, dialog, QDialogButtonBox.Ok)
    assert "market.quotes_interval_s" in changed.args[0] and not error.isVisible()


def test_bad_themes_file_is_refused(qtbot, dialog, settings, tmp_path):
    bad = tmp_path / "themes.toml"
    bad.write_text("this is = = not toml", encoding="utf-8")
    dialog.choose_open_file = lambda *a, **k: (str(bad), "")
    open_tab(qtbot, dialog, "settingsGeneral")
    click(qtbot, dialog, "themesFileBrowse")
    assert child(dialog, QLineEdit, "themesFile").text() == str(bad)
    press(qtbot, dialog, QDialogButtonBox.Ok)
    assert dialog.isVisible() and "unreadable" in child(dialog, QLabel, "settingsError").text()
    assert settings["news.themes_file"] == ""


def test_spin_ranges_follow_the_registry(qtbot, dialog):
    minimum = {s.key: s.minimum for s in SETTINGS}
    for name, key in (("feedsInterval", "feeds.interval_min"), ("quotesInterval", "market.quotes_interval_s"),
                      ("boardsInterval", "market.boards_interval_s"),
                      ("snapshotInterval", "market.snapshot_interval_min"), ("retentionDays", "news.retention_days")):
        assert child(dialog, QSpinBox, name).minimum() == minimum[key], name
    retention = child(dialog, QSpinBox, "retentionDays")
    assert retention.value() == 0 and "0" in retention.toolTip()
    quotes = child(dialog, QSpinBox, "quotesInterval")
    type_text(qtbot, quotes, "1")                              # below the minimum: the box will not take it
    quotes.interpretText()
    assert quotes.value() >= minimum["market.quotes_interval_s"]


def test_data_tab_shows_paths_and_opens_the_folder(qtbot, dialog, paths):
    open_tab(qtbot, dialog, "settingsData")
    label = child(dialog, QLabel, "dataDirLabel")
    assert label.text() == str(paths.data_dir)
    assert label.textInteractionFlags() & Qt.TextSelectableByMouse
    assert child(dialog, QLabel, "dbPathLabel").text() == str(paths.db)
    opened = []
    dialog.open_url = opened.append
    click(qtbot, dialog, "openDataDir")
    assert opened == [QUrl.fromLocalFile(str(paths.data_dir))]


# -- feeds -----------------------------------------------------------------------------------------------
def test_add_feed_through_the_inline_form(qtbot, dialog, reader, settings):
    type_text(qtbot, child(dialog, QLineEdit, "feedAddUrl"), "https://example.com/feed.xml")
    type_text(qtbot, child(dialog, QLineEdit, "feedAddFolder"), "科技")
    click(qtbot, dialog, "feedAdd")
    row = row_of(dialog, "https://example.com/feed.xml")
    assert table(dialog).item(row, FOLDER).text() == "科技"
    [stored] = reader.feeds()
    assert (stored.url, stored.folder, stored.interval_s) == ("https://example.com/feed.xml", "科技",
                                                              settings["feeds.interval_min"] * 60)

    # Enter in the form adds too, and does not press OK; a URL of our RSSHub is stored as a relative route
    type_text(qtbot, child(dialog, QLineEdit, "feedAddUrl"), "http://127.0.0.1:1200/cls/telegraph")
    qtbot.keyClick(child(dialog, QLineEdit, "feedAddUrl"), Qt.Key_Return)
    assert dialog.isVisible()
    row_of(dialog, "rsshub:/cls/telegraph")

    type_text(qtbot, child(dialog, QLineEdit, "feedAddUrl"), "javascript:alert(1)")
    click(qtbot, dialog, "feedAdd")
    assert "rsshub:/" in message(dialog) and len(reader.feeds()) == 2


def test_remove_asks_first(qtbot, core, make_dialog, reader):
    keep = add_feed(core, "https://keep.example.com/rss")
    add_feed(core, "https://gone.example.com/rss")
    dialog = make_dialog()
    asked = []
    dialog.confirm = lambda parent, title, text: asked.append(text) or len(asked) > 1
    select_row(qtbot, dialog, "https://gone.example.com/rss")
    click(qtbot, dialog, "feedRemove")                         # declined
    assert len(reader.feeds()) == 2 and "gone.example.com" in asked[0]
    click(qtbot, dialog, "feedRemove")                         # confirmed
    assert [f.id for f in reader.feeds()] == [keep]
    assert table(dialog).rowCount() == 1
    assert not child(dialog, QPushButton, "feedRemove").isEnabled()    # nothing selected any more


def test_move_to_folder(qtbot, core, make_dialog):
    fid = add_feed(core, "https://example.com/energy.xml", folder="快讯")
    dialog = make_dialog()
    select_row(qtbot, dialog, "https://example.com/energy.xml")
    type_text(qtbot, child(dialog, QLineEdit, "feedMoveFolder"), "能源 / 光伏")
    click(qtbot, dialog, "feedMove")
    assert feed(core, fid).folder == "能源/光伏"
    assert table(dialog).item(row_of(dialog, "https://example.com/energy.xml"), FOLDER).text() == "能源/光伏"


def test_folder_rename(qtbot, core, make_dialog):
    a = add_feed(core, "https://a.example.com/rss", folder="快讯")
    b = add_feed(core, "https://b.example.com/rss", folder="快讯")
    c = add_feed(core, "https://c.example.com/rss", folder="深度")
    dialog = make_dialog()
    select_row(qtbot, dialog, "https://a.example.com/rss")    # picks the selected feed's folder
    combo = child(dialog, QComboBox, "folderRenameFrom")
    assert combo.currentText() == "快讯"
    type_text(qtbot, child(dialog, QLineEdit, "folderRenameTo"), "电报")
    click(qtbot, dialog, "folderRename")
    assert [feed(core, i).folder for i in (a, b, c)] == ["电报", "电报", "深度"]
    assert sorted(combo.itemText(i) for i in range(combo.count())) == ["深度", "电报"]
    assert combo.currentText() == "电报"


def test_rename_title_in_place(qtbot, core, make_dialog):
    fid = add_feed(core, "https://example.com/untitled.xml")
    dialog = make_dialog()
    select_row(qtbot, dialog, "https://example.com/untitled.xml")
    click(qtbot, dialog, "feedRename")
    t = table(dialog)
    assert t.state() == QAbstractItemView.EditingState
    [editor] = t.viewport().findChildren(QLineEdit)            # the cell editor the button opened
    type_text(qtbot, editor, "我的订阅")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: feed(core, fid).title == "我的订阅")
    qtbot.waitUntil(lambda: table(dialog).item(row_of(dialog, "https://example.com/untitled.xml"), TITLE)
                    .text() == "我的订阅")
    assert dialog.isVisible()


def test_import_good_opml(qtbot, dialog, reader, settings):
    bundled = resources_dir() / "feeds.opml"
    expected = parse_opml(bundled.read_bytes(), settings["rsshub.base_url"])
    dialog.choose_open_file = lambda *a, **k: (str(bundled), "OPML (*.opml)")
    click(qtbot, dialog, "opmlImport")
    assert table(dialog).rowCount() == len(expected)
    assert {(f.url, f.folder, f.title) for f in reader.feeds()} == {(f.url, f.folder, f.title) for f in expected}
    assert str(len(expected)) in message(dialog)

    click(qtbot, dialog, "opmlImport")                         # again: all already subscribed
    assert len(reader.feeds()) == len(expected)


def test_import_hostile_opml_imports_nothing(qtbot, dialog, reader, tmp_path):
    hostile = tmp_path / "lol.opml"
    hostile.write_bytes(BILLION_LAUGHS)
    dialog.choose_open_file = lambda *a, **k: (str(hostile), "")
    click(qtbot, dialog, "opmlImport")
    label = child(dialog, QLabel, "feedsMessage")
    assert "DTD" in label.text() and label.property("error") is True
    assert reader.feeds() == [] and table(dialog).rowCount() == 0

    dialog.choose_open_file = lambda *a, **k: ("", "")         # cancelled chooser: nothing happens
    click(qtbot, dialog, "opmlImport")
    assert reader.feeds() == []


def test_export_writes_readable_opml(qtbot, core, make_dialog, settings, tmp_path):
    add_feed(core, "rsshub:/cls/telegraph", folder="快讯")
    add_feed(core, "https://36kr.com/feed", folder="科技")
    dialog = make_dialog()
    out = tmp_path / "out.opml"
    dialog.choose_save_file = lambda *a, **k: (str(out), "")
    click(qtbot, dialog, "opmlExport")
    back = parse_opml(out.read_bytes(), settings["rsshub.base_url"])
    assert {(f.url, f.folder) for f in back} == {("rsshub:/cls/telegraph", "快讯"), ("https://36kr.com/feed", "科技")}
    assert str(out) in message(dialog)


def test_feed_error_is_shown_in_its_row(qtbot, core, make_dialog):
    fid = add_feed(core, "https://broken.example.com/rss")
    add_feed(core, "https://fine.example.com/rss")
    core.writer.call(lambda c: feed_ops.record_fetch(c, fid, feed_ops.FetchState(
        ok=False, attempted=1_700_000_000, next_due=1_700_000_900, error="HTTP 404 Not Found")))
    dialog = make_dialog()
    t = table(dialog)
    bad = t.item(row_of(dialog, "https://broken.example.com/rss"), ERROR)
    # what happened in the UI's language in the cell; what to do and the server's own words in the tooltip
    assert bad.text() == "地址不存在或已失效 (HTTP 404)"
    assert "检查订阅地址" in bad.toolTip() and "详情：HTTP 404 Not Found" in bad.toolTip()
    assert bad.foreground().color().red() > 200 and bad.foreground().color().green() < 100
    assert t.item(row_of(dialog, "https://fine.example.com/rss"), ERROR).text() == ""


def test_rsshub_test_says_what_is_wrong(qtbot, dialog):
    dialog.tabs.setCurrentIndex(1)
    line = child(dialog, QLineEdit, "rsshubBaseUrl")
    line.setText("http://127.0.0.1:9")                    # nothing listens: refused
    click(qtbot, dialog, "rsshubTest")
    status = child(dialog, QLabel, "rsshubStatus")
    qtbot.waitUntil(lambda: status.text().startswith("RSSHub 无法使用"), timeout=10_000)
    assert "服务器拒绝连接" in status.text() and "Connection refused" in status.toolTip()
    assert not child(dialog, QPushButton, "rsshubSubscribe").isVisible()
    assert "RSSHub 是开源服务" in child(dialog, QLabel, "rsshubHelp").text()


def test_rsshub_that_answers_offers_the_bundled_routes(qtbot, dialog, reader, httpserver):
    from desktop.config import resources_dir
    from desktop.sources.opml import parse_opml

    httpserver.expect_request("/").respond_with_data("<html>Welcome to RSSHub!</html>", content_type="text/html")
    base = httpserver.url_for("/").rstrip("/")
    dialog.tabs.setCurrentIndex(1)
    child(dialog, QLineEdit, "rsshubBaseUrl").setText(base)
    click(qtbot, dialog, "rsshubTest")
    status, subscribe = child(dialog, QLabel, "rsshubStatus"), child(dialog, QPushButton, "rsshubSubscribe")
    qtbot.waitUntil(lambda: status.text().startswith("RSSHub 可用"), timeout=10_000)
    routes = [f for f in parse_opml((resources_dir() / "feeds.opml").read_bytes(), base) if f.url.startswith("rsshub:")]
    assert subscribe.isVisible() and subscribe.text() == f"订阅内置的 {len(routes)} 个 RSSHub 路由"
    click(qtbot, dialog, "rsshubSubscribe")
    assert {f.url for f in reader.feeds()} >= {f.url for f in routes}
    assert status.text() == f"已订阅 {len(routes)} 个 RSSHub 路由。"
    click(qtbot, dialog, "rsshubTest")                                   # again: nothing left to subscribe
    qtbot.waitUntil(lambda: status.text() == "RSSHub 可用。内置的 RSSHub 路由都已订阅。", timeout=10_000)
    assert not subscribe.isVisible()

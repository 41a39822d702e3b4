"""The lists a first run creates are named in Chinese in the database (自选, 储能与电池 …): in English the tabs
show them in English — the stored names stay as they are, and a list the user named keeps its name."""

from __future__ import annotations

from desktop.store import market_store as ms
from desktop.ui.list_names import BUILT_IN
from tests.ui.test_translations import english  # noqa: F401 - the fixture: the interface in English

STORED = ["储能与电池", "光伏与逆变器", "电力", "自选"]


def tabs(pane) -> list[str]:
    return [pane.lists.tabText(i).replace("&&", "&") for i in range(pane.lists.count())]   # && shows one &


def default_lists(app, qtbot):
    app.core.writer.call(ms.ensure_default_watchlist)
    pane = app.watchlist
    qtbot.waitUntil(lambda: pane.lists.count() == 4, timeout=5000)
    return pane


def test_the_translated_names_are_the_first_runs_lists():
    assert set(BUILT_IN) == {name for name, _codes in ms.DEFAULT_WATCHLISTS}


def test_default_lists_read_english_without_renaming_them(english, make_gui, qtbot):  # noqa: F811
    app = make_gui()
    pane = default_lists(app, qtbot)
    assert tabs(pane) == ["Storage & batteries", "Solar & inverters", "Power", "My stocks"]
    assert pane.list_names() == STORED                                   # the user's data is unchanged
    assert [wl.name for wl in app.market.watchlists()] == STORED
    assert pane.select_list("自选") and pane.lists.tabText(pane.lists.currentIndex()) == "My stocks"
    assert pane.lists.tabText(0) == "Storage && batteries"        # a literal "&", not a mnemonic

    pane.ask_name = lambda *_a, **_k: "Mine"          # renamed by the user: their name, in any language
    pane.rename_list()
    qtbot.waitUntil(lambda: "Mine" in pane.list_names(), timeout=5000)
    assert tabs(pane)[-1] == "Mine" and "自选" not in pane.list_names()
    pane.ask_name = lambda *_a, **_k: "电力"          # taken (stored as 电力, shown as Power): refused
    pane.rename_list()
    assert pane.list_names() == [*STORED[:3], "Mine"]


def test_chinese_shows_the_stored_names(make_gui, qtbot):
    pane = default_lists(make_gui(), qtbot)
    assert tabs(pane) == STORED

"""Behaviour a demanding user hits, found in review: each of these failed before its fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core import clock
from desktop.core.status import SourceState
from desktop.store import articles as article_ops
from tests.news.helpers import add_feed


def test_offline_banner_for_a_returning_user(make_gui):
    app = make_gui()
    w = app.window
    for name in ("feeds", "quotes", "boards"):   # old data exists, so failing sources report stale
        w.update_source(SourceState(name, "stale", 1_700_000_000, "cannot connect: refused", unreachable=True))
    assert not w.banner_bar.isHidden()


def test_removing_the_feed_being_read_falls_back_to_all(gui, qtbot):
    qtbot.waitUntil(lambda: any(i.data(0, Qt.UserRole + 2) == gui.feed_id for i in gui.news.tree.items()),
                    timeout=5000)
    gui.news.tree.select_view("feed", gui.feed_id)
    qtbot.waitUntil(lambda: gui.news.filter.feed_id == gui.feed_id, timeout=3000)
    gui.news.table.setFocus()
    qtbot.keyClick(gui.news.table, Qt.Key_J)
    assert gui.article.article is not None
    gui.reader.remove_feed(gui.feed_id).result(5)
    qtbot.waitUntil(lambda: gui.news.filter.feed_id is None, timeout=5000)
    assert gui.news.tree.current_view() == ("all", None)
    qtbot.waitUntil(lambda: gui.article.article is None, timeout=3000)   # the deleted article is not shown


def test_reader_keys_work_with_floating_docks(gui, qtbot):
    gui.window.docks["news"].setFloating(True)
    gui.window.activateWindow()
    gui.article.browser.setFocus()
    qtbot.keyClick(gui.article.browser, Qt.Key_J)
    assert gui.news.selected_row() == 0


def test_space_on_a_focused_button_presses_it(gui, qtbot):
    gui.news.link.setFocus()
    assert gui.news.link.isChecked()
    qtbot.keyClick(gui.news.link, Qt.Key_Space)
    assert not gui.news.link.isChecked() and gui.news.selected_row() == -1


def test_retention_keeps_the_readers_place(gui, qtbot):
    gui.news.table.setFocus()
    qtbot.keyClick(gui.news.table, Qt.Key_J)
    qtbot.keyClick(gui.news.table, Qt.Key_J)
    reading = gui.news.model.row_at(gui.news.selected_row()).id
    gui.core.writer.call(lambda c: article_ops.set_flag(c, [reading], "starred", True))   # kept by retention
    others = [r.id for r in gui.news.model.rows if r.id != reading]
    gui.core.writer.call(lambda c: article_ops.set_flag(c, others, "read", True))
    gui.core.writer.call(lambda c: article_ops.apply_retention(c, 1, 1_900_000_000))
    qtbot.waitUntil(lambda: gui.news.model.rowCount() == 1, timeout=5000)
    assert gui.news.model.row_at(gui.news.selected_row()).id == reading


def test_watchlist_turns_stale_without_any_commit(make_gui, qtbot):
    from desktop.core.market import Quote
    from desktop.store import market_store as ms

    app = make_gui()
    now = int(clock.now())
    app.core.writer.call(ms.ensure_default_watchlist)
    app.core.writer.call(lambda c: ms.upsert_quotes(c, [Quote("300750", "宁德时代", 100, 1, 1, 99, 101, 98, 99, 1,
                                                              1, 1, 1, now, now)], "test"))
    qtbot.waitUntil(lambda: app.watchlist.model.rowCount() > 0 and app.watchlist.model.rows[0] is not None,
                    timeout=5000)
    assert not app.watchlist.model.rows[0].stale
    app.market.set_clock(clock.now, lambda: now + 1)      # the polls have been failing since; nothing commits
    qtbot.waitUntil(lambda: app.watchlist.model.rows[0].stale, timeout=8000)   # the pane's own stale check


def test_a_new_themes_file_applies_without_restart(make_gui, qtbot, tmp_path, httpserver):
    from tests.news import feedgen

    app = make_gui()
    user = tmp_path / "mine.toml"
    user.write_text('[gold]\nlabel_zh = "黄金"\nlabel_en = "Gold"\nterms = ["金价"]\n', encoding="utf-8")
    app.settings.set("news.themes_file", str(user))
    app.settings.announce(["news.themes_file"])
    qtbot.waitUntil(lambda: any(i.data(0, Qt.UserRole + 2) == "gold" for i in app.news.tree.items()), timeout=5000)
    httpserver.expect_request("/g.xml").respond_with_data(
        feedgen.rss([{"title": "金价创新高", "link": "http://g/1", "description": "x"}]),
        content_type="application/rss+xml")
    refresher = app.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[add_feed(app.core, httpserver.url_for("/g.xml"))]))
    qtbot.waitUntil(lambda: app.news.model.rowCount() == 1, timeout=5000)
    assert app.news.model.rows[0].themes == ("gold",)
    assert "黄金" in app.news.model.data(app.news.model.index(0, 3))
    assert QApplication.instance() is not None


def test_retagging_during_a_round_does_not_fail_feeds(core, httpserver, settings):
    import threading

    from tests.news import feedgen
    from tests.news.helpers import refresh

    settings.set("feeds.parse_processes", 2)
    for i in range(6):
        httpserver.expect_request(f"/r{i}.xml").respond_with_data(
            feedgen.rss(feedgen.items(40, prefix=f"源{i}", host=f"http://r{i}.example")),
            content_type="application/rss+xml")
    ids = [add_feed(core, httpserver.url_for(f"/r{i}.xml")) for i in range(6)]
    threading.Timer(0.3, core.invalidate_tagger).start()
    outcomes = refresh(core, *ids)
    assert [o.status for o in outcomes] == ["new"] * 6, [(o.status, o.error) for o in outcomes]

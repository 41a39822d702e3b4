"""Whole-window behaviour: layout restored on the next start, background failures in the status bar only,
the replay source feeding the market status, and a clean shutdown of every thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.config import resources_dir
from tests.news.helpers import add_feed


def test_restart_restores_layout(make_gui, qtbot):
    first = make_gui()
    w = first.window
    w.resize(720, 520)            # inside the offscreen screen (800×600): restoreGeometry clamps to it
    first.news.splitter.setSizes([200, 300])
    first.news.table.setColumnWidth(1, 222)
    w.docks["chart"].setFloating(True)
    w.docks["heatmap"].hide()
    first.news.tree.select_view("starred", None)
    qtbot.wait(50)
    sizes = first.news.splitter.sizes()
    first.shutdown()

    second = make_gui()
    qtbot.wait(50)
    assert (second.window.size().width(), second.window.size().height()) == (720, 520)
    assert second.news.splitter.sizes() == sizes
    assert second.news.table.columnWidth(1) == 222
    assert second.window.docks["chart"].isFloating()
    assert not second.window.docks["heatmap"].isVisible()
    assert second.news.tree.current_view() == ("starred", None)


def test_failing_feed_shows_in_status_bar_without_a_dialog(make_gui, httpserver, qtbot):
    httpserver.expect_request("/down.xml").respond_with_data("maintenance", status=503)
    app = make_gui(start_pollers=False, feed_check_ms=200)
    add_feed(app.core, httpserver.url_for("/down.xml"))
    app.start_background()
    label = app.window.source_status.labels["feeds"]
    qtbot.waitUntil(lambda: "HTTP 503" in label.toolTip(), timeout=10_000)
    assert app.window.source_status.states["feeds"].state == "error"
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, (QDialog, QMessageBox)) and w.isVisible()]
    # the sidebar marks the failing feed and explains why
    qtbot.waitUntil(lambda: any("HTTP 503" in (i.toolTip(0) or "") for i in app.news.tree.items()), timeout=5000)


def test_offline_banner_when_nothing_is_reachable(make_gui, qtbot):
    from desktop.core.status import SourceState

    app = make_gui()
    w = app.window
    # every source fails to connect (whatever state a background job reported first: under load one can land
    # between make_gui and here, which made this test flaky in the clock matrix)
    for name in w.source_status.labels:
        w.update_source(SourceState(name, "error", None, "cannot connect: refused", unreachable=True))
    assert not w.banner_bar.isHidden()
    w.update_source(SourceState("quotes", "ok", 1_700_000_000))
    assert w.banner_bar.isHidden()


def test_replay_source_drives_market_status_and_threads_stop(make_gui, qtbot):
    app = make_gui(start_pollers=False, replay_dir=resources_dir() / "demo", demo=True)
    assert app.window.findChild(object, "demoBadge").text() == "演示数据"
    app.start_background()
    quotes = app.window.source_status.labels["quotes"]
    qtbot.waitUntil(lambda: app.window.source_status.states.get("quotes") is not None
                    and app.window.source_status.states["quotes"].state == "ok", timeout=30_000)
    assert "行情" in quotes.text()
    qtbot.waitUntil(lambda: app.window.market_status.text() != "A股：…", timeout=10_000)
    threads = [app.feed_thread.thread, app.market_thread.thread]
    app.shutdown()
    assert all(not t.isRunning() for t in threads)
    assert QThread.currentThread() is QApplication.instance().thread()


def test_refresh_now_menu_triggers_a_round(make_gui, httpserver, qtbot):
    from tests.news import feedgen

    httpserver.expect_request("/f.xml").respond_with_data(feedgen.rss(feedgen.items(2)),
                                                          content_type="application/rss+xml")
    app = make_gui(start_pollers=False, feed_check_ms=3_600_000)
    add_feed(app.core, httpserver.url_for("/f.xml"))
    app.start_background()
    qtbot.waitUntil(lambda: app.news.model.rowCount() == 2, timeout=10_000)
    before = len(httpserver.log)
    app.window.refresh_requested.emit()
    qtbot.waitUntil(lambda: len(httpserver.log) > before, timeout=10_000)
    assert app.window.docks["news"].isVisible() and app.window.isVisible()
    assert Qt.LeftDockWidgetArea == app.window.dockWidgetArea(app.window.docks["news"])


def test_first_run_subscribes_the_bundled_feeds_once(make_gui, qtbot):
    from desktop.sources.opml import parse_opml

    app = make_gui(default_feeds=True)
    bundled = parse_opml((resources_dir() / "feeds.opml").read_bytes(), app.settings["rsshub.base_url"])
    feeds = app.reader.feeds()
    # no RSSHub answers at the default address here: its routes wait (they would be errors on day one)
    direct = [f for f in bundled if not f.url.startswith("rsshub:")]
    assert len(feeds) == len(direct) > 0 and not any(f.url.startswith("rsshub:") for f in feeds)
    for f in feeds:
        app.reader.remove_feed(f.id).result(5)
    app.shutdown()
    again = make_gui(default_feeds=True)
    assert again.reader.feeds() == []                  # removed on purpose: not re-added


def test_first_run_subscribes_the_rsshub_routes_when_rsshub_answers(make_gui, httpserver, settings):
    from desktop.sources.opml import parse_opml

    httpserver.expect_request("/").respond_with_data("<html><title>RSSHub</title>Welcome to RSSHub!</html>",
                                                     content_type="text/html")
    settings.set("rsshub.base_url", httpserver.url_for("/").rstrip("/"))
    app = make_gui(default_feeds=True)
    bundled = parse_opml((resources_dir() / "feeds.opml").read_bytes(), settings["rsshub.base_url"])
    assert len(app.reader.feeds()) == len(bundled)
    assert any(f.url == "rsshub:/cls/telegraph" for f in app.reader.feeds())


def test_quitting_during_a_slow_fetch_neither_hangs_nor_aborts(make_gui, httpserver, qtbot):
    import time as _time

    from werkzeug import Response

    from tests.news import feedgen

    arrived = []

    def slow(request):
        arrived.append(1)
        _time.sleep(8)                      # longer than the stop wait: the fetch is still in flight at quit
        return Response(feedgen.rss(feedgen.items(1)), content_type="application/rss+xml")

    httpserver.expect_request("/slow.xml").respond_with_handler(slow)
    app = make_gui(start_pollers=False)
    app.settings.set("feeds.timeout_s", 20.0)
    add_feed(app.core, httpserver.url_for("/slow.xml"))
    app.start_background(market=False)
    qtbot.waitUntil(lambda: bool(arrived), timeout=5000)
    started = _time.monotonic()
    app.shutdown()
    assert _time.monotonic() - started < 5                 # was 17 s, then Qt aborted the process
    assert app.core.writer.closed                         # the writer closed; nothing committed is lost


def test_quitting_during_a_market_crawl_returns_at_once(make_gui, qtbot):
    app = make_gui(start_pollers=False, replay_dir=resources_dir() / "demo", demo=True)
    app.start_background()
    qtbot.waitUntil(lambda: app.market_service is not None, timeout=30_000)
    service = app.market_service
    import threading
    import time as _time

    gate = threading.Event()
    original = service.source.snapshot
    service.source.snapshot = lambda on_page=None: (gate.wait(60), original(on_page))[1]   # a crawl that hangs
    service.start_snapshot()
    started = _time.monotonic()
    app.shutdown()
    gate.set()
    assert _time.monotonic() - started < 5 and app.threads_stopped


def test_demo_never_touches_the_users_database(tmp_path, spawn):
    """`huohua --data-dir D --demo` runs on a throw-away database: D's stays untouched."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time as _time

    data = tmp_path / "real"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HUOHUA_CONFIG_DIR": ""}
    subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "feeds", "add",
                    "http://127.0.0.1:9/mine.xml"], check=True, env=env, capture_output=True)
    # the demo's window is up once its throw-away database exists (TMPDIR: made here, not a fixed sleep)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    proc = spawn([sys.executable, "-m", "desktop", "--data-dir", str(data), "--demo"], env={**env, "TMPDIR": str(scratch)},
                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    def demo_ran() -> bool:
        """The demo wrote its own quotes and articles into its throw-away database: it really ran (issue 25: a
        demo that never started passed this test before)."""
        for db in scratch.glob("huohua-demo-*/huohua.sqlite3"):
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
                try:
                    return all(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0
                               for table in ("quotes", "articles"))
                finally:
                    conn.close()
            except sqlite3.Error:        # not made yet, or busy
                return False
        return False

    deadline = _time.monotonic() + 60
    while not demo_ran():
        assert proc.poll() is None, f"huohua --demo ended early: {proc.stderr.read()[-2000:]!r}"
        assert _time.monotonic() < deadline, "huohua --demo never stored its quotes and articles"
        _time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 128 + signal.SIGTERM
    conn = sqlite3.connect(data / "huohua.sqlite3")
    assert [r[0] for r in conn.execute("SELECT url FROM feeds")] == ["http://127.0.0.1:9/mine.xml"]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0


def test_a_database_that_cannot_open_is_reported_without_a_dialog(paths, settings, qtbot):
    from desktop.gui_app import GuiApp

    paths.db.write_bytes(b"not a database" * 100)
    app = GuiApp(paths, settings, start_pollers=False)
    qtbot.addWidget(app.window)
    app.show()
    qtbot.waitUntil(lambda: "数据库无法打开" in app.window.statusBar().currentMessage(), timeout=5000)
    assert not app.loaded and app.window.isVisible()
    assert paths.db.read_bytes() == b"not a database" * 100      # untouched
    app.shutdown()


def test_demo_opens_with_its_articles_labelled(make_gui):
    """The demo's articles are there at the first load, with theme labels and stock names (not keys/codes)."""
    from desktop.ui.widgets.chip_delegate import CHIPS_ROLE

    app = make_gui(demo=True)
    model = app.news.model
    assert model.rowCount() == 28
    first = [r.title for r in model.rows].index("宁德时代发布新一代储能电池，能量密度提升15%")
    themes, stocks = model.data(model.index(first, 3), CHIPS_ROLE), model.data(model.index(first, 4), CHIPS_ROLE)
    assert [c[2] for c in themes] == ["能源"] and [c[2] for c in stocks] == ["宁德时代"]


def test_the_demo_shows_flash_news_beside_the_rss_items(make_gui, qtbot):
    """`huohua --demo`: 财联社 电报 and 东方财富 快讯 from the demo recording, through the market process, linked."""
    from desktop.core.news_filter import NewsFilter

    app = make_gui(start_pollers=False, replay_dir=resources_dir() / "demo", demo=True)
    app.start_background()
    feeds = {f.title: f.id for f in app.reader.feeds()}
    cls, em = feeds["财联社 电报（演示数据）"], feeds["东方财富 全球快讯（演示数据）"]

    def items(feed_id: int) -> list:
        return app.reader.list_articles(NewsFilter(feed_id=feed_id), 50)

    qtbot.waitUntil(lambda: len(items(cls)) == 5 and len(items(em)) == 3, timeout=30_000)
    catl = next(r for r in items(cls) if r.title.startswith("宁德时代"))
    assert "300750" in catl.stocks and "energy" in catl.themes              # linked and themed like RSS items
    assert catl.url is None and "储能系统订单" in catl.title                 # 电报: no link, its lead as the title
    qtbot.waitUntil(lambda: any(r.feed_id == cls for r in app.news.model.rows), timeout=5000)   # in the list
    notices = feeds["公告（自选股，演示数据）"]                                # the watched stocks' 公告
    qtbot.waitUntil(lambda: len(items(notices)) == 4, timeout=30_000)
    report = next(r for r in items(notices) if r.title.startswith("2026年第三季度报告更正公告"))
    assert report.stocks == ("300750",) and "公告" in report.themes          # linked by the source, tagged 公告
    stock_news = feeds["个股新闻（自选股，演示数据）"]                       # and their news (stock_news_em)
    qtbot.waitUntil(lambda: len(items(stock_news)) == 4, timeout=30_000)
    sodium = next(r for r in items(stock_news) if "钠离子" in r.title)
    assert sodium.stocks == ("300750",) and "<em>" not in sodium.title and sodium.url.startswith("https://")


def test_tabbed_docks_say_their_whole_titles_and_scroll_when_they_do_not_fit(make_gui, qtbot):
    """Nine panes share one tab group in the first-run layout: at 1024 px (English) every title was cut to a letter
    ("C…", "A…"). A dock tab bar never elides; it scrolls — also for a group the user makes later."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    app = make_gui()
    w = app.window
    w.resize(1024, 700)
    bars = w.findChildren(QTabBar, options=Qt.FindDirectChildrenOnly)
    assert bars and all(b.elideMode() == Qt.ElideNone and b.usesScrollButtons() for b in bars)
    titles = {b.tabText(i) for b in bars for i in range(b.count())}
    assert {"板块热力图", "自选股", "异动", "涨停", "持仓", "K线", "提醒"} <= titles
    w.splitDockWidget(w.docks["article"], w.docks["alerts"], Qt.Horizontal)     # the user makes another group
    w.tabifyDockWidget(w.docks["alerts"], w.docks["chart"])
    qtbot.waitUntil(lambda: len(w.findChildren(QTabBar, options=Qt.FindDirectChildrenOnly)) > len(bars) or all(
        b.elideMode() == Qt.ElideNone for b in w.findChildren(QTabBar, options=Qt.FindDirectChildrenOnly)), timeout=3000)
    qtbot.wait(20)
    assert all(b.elideMode() == Qt.ElideNone for b in w.findChildren(QTabBar, options=Qt.FindDirectChildrenOnly))

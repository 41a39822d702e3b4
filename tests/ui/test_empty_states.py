"""A first day with nothing stored: the list and the banner say what is happening and what to do."""

from __future__ import annotations

from tests.news.helpers import add_feed


def test_first_run_offline_explains_instead_of_a_blank_list(make_gui, qtbot):
    app = make_gui(start_pollers=False)
    empty = app.window.findChild(object, "newsEmpty")
    qtbot.waitUntil(lambda: empty.isVisible() and "还没有订阅源" in empty.text(), timeout=5000)
    add_feed(app.core, "http://127.0.0.1:9/refused.xml")            # nothing listens there: refused
    app.news.refresh_sidebar()
    app.start_background(market=False)
    qtbot.waitUntil(lambda: "服务器拒绝连接" in empty.text(), timeout=20_000)
    assert "检查订阅地址" in empty.text() and empty.isVisible()
    banner = app.window.findChild(object, "offlineBanner")
    qtbot.waitUntil(lambda: app.window.banner_bar.isVisible(), timeout=5000)
    assert "还没有已保存的数据" in banner.text() and "缓存" not in banner.text()   # nothing cached to show


def test_a_filter_without_results_says_so_and_a_full_list_says_nothing(gui, qtbot):
    empty = gui.window.findChild(object, "newsEmpty")
    assert not empty.isVisible() and gui.news.empty_text() == ""
    gui.news.search.setText("不存在的词语组合")
    gui.news.searcher.apply()
    qtbot.waitUntil(lambda: gui.news.model.rowCount() == 0, timeout=5000)
    assert empty.isVisible() and empty.text().startswith("无结果")
    gui.news.search.setText("")
    gui.news.searcher.apply()
    qtbot.waitUntil(lambda: gui.news.model.rowCount() == 4, timeout=5000)
    assert not empty.isVisible()


def test_the_offline_banner_mentions_cached_data_only_when_there_is_some(gui, qtbot):
    from desktop.core.status import SourceState

    gui.window.update_source(SourceState("feeds", "stale", 1, "cannot connect: [Errno 101] Network is unreachable",
                                         unreachable=True))
    assert gui.window.banner_bar.isVisible()
    assert "正在显示本地缓存的数据" in gui.window.banner.text()

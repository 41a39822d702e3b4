"""A read-only data directory: reading works (CLI and window), writing is refused in plain words, nothing crashes.

The directory is a real read-only bind mount (EROFS even for root; see tests/mounts.py)."""

from __future__ import annotations

import json

import pytest

from tests.cli_run import huohua
from tests.mounts import read_only
from tests.news import feedgen


@pytest.fixture
def filled(paths, settings, httpserver):
    """A data directory with one feed and three articles, closed cleanly."""
    from desktop.app import Core
    from tests.news.helpers import add_feed

    items = [{"title": f"宁德时代储能订单{i}", "link": f"http://x/{i}", "guid": f"g{i}"} for i in range(3)]
    httpserver.expect_request("/f.xml").respond_with_data(feedgen.rss(items), content_type="application/rss+xml")
    with Core(paths, settings) as core:
        fid = add_feed(core, httpserver.url_for("/f.xml"))
        refresher = core.refresher()
        refresher.refresh(refresher.due(feed_ids=[fid]))
    return paths


@pytest.fixture
def ro_dir(filled, tmp_path):
    with read_only(filled.data_dir, tmp_path / "ro") as at:
        yield at


def test_cli_reads_from_a_read_only_directory(ro_dir):
    r = huohua(ro_dir, "news", "--json")
    assert r.returncode == 0, r.stderr
    assert sorted(a["title"] for a in json.loads(r.stdout)) == [f"宁德时代储能订单{i}" for i in range(3)]
    feeds = huohua(ro_dir, "feeds", "list")
    assert feeds.returncode == 0 and "f.xml" in feeds.stdout


@pytest.mark.parametrize("args", [("fetch", "--once"), ("feeds", "add", "http://example.com/rss.xml")])
def test_cli_writes_are_refused_in_plain_words(ro_dir, args):
    r = huohua(ro_dir, *args)
    assert r.returncode == 1 and "read-only" in r.stderr and "--data-dir" in r.stderr
    assert "Traceback" not in r.stderr


def test_logging_to_a_read_only_directory_falls_back(ro_dir):
    from desktop.runtime.errors import setup_logging

    problem = setup_logging(ro_dir / "huohua.log")
    assert problem and "huohua.log" in problem


def test_the_window_opens_read_only_and_says_so(ro_dir, qtbot, monkeypatch):
    from desktop.config import Settings, resolve_paths
    from desktop.gui_app import GuiApp

    monkeypatch.delenv("HUOHUA_CONFIG_DIR", raising=False)
    paths = resolve_paths(ro_dir)
    app = GuiApp(paths, Settings(paths.settings_file), start_pollers=True)
    qtbot.addWidget(app.window)
    app.show()
    qtbot.waitUntil(lambda: app.loaded, timeout=10_000)
    assert app.window.storage_state == "read_only" and not app.window.storage_bar.isHidden()
    assert "只读" in app.window.storage_banner.text()
    assert app.news.model.rowCount() == 3
    assert app.feed_thread is None and app.market_thread is None        # nothing fetched: it could not be saved
    app.news.table.setFocus()
    app.news.select_row(0)
    app.news.toggle_star()                                               # refused quietly, nothing raised
    app.shutdown()


def test_an_empty_read_only_directory_says_so(tmp_path, qtbot, monkeypatch):
    from desktop.config import Settings, resolve_paths
    from desktop.gui_app import GuiApp

    (tmp_path / "empty").mkdir()
    monkeypatch.delenv("HUOHUA_CONFIG_DIR", raising=False)
    with read_only(tmp_path / "empty", tmp_path / "ro") as at:
        paths = resolve_paths(at)
        app = GuiApp(paths, Settings(paths.settings_file), start_pollers=False)
        qtbot.addWidget(app.window)
        app.show()
        qtbot.waitUntil(lambda: app.window.storage_state == "read_only", timeout=10_000)
        assert "只读" in app.window.storage_banner.text() and app.window.isVisible()
        app.shutdown()

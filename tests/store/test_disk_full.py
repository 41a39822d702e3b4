"""A full disk: one clear message (CLI and window), fetching pauses until space returns, nothing stored is lost."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from tests.cli_run import huohua
from tests.mounts import tmpfs
from tests.news import feedgen


def big_feed(tag: str, n: int = 120) -> bytes:
    return feedgen.rss([{"title": f"{tag}储能订单{i}", "link": f"http://x/{tag}/{i}", "guid": f"{tag}{i}",
                         "description": "<p>" + f"宁德时代{tag}储能电池出货增长{i}。" * 120 + "</p>"}
                        for i in range(n)])


@pytest.mark.timeout(300)
def test_fetch_on_a_full_disk_says_so_once_and_resumes_when_space_returns(tmp_path, httpserver):
    names = [f"f{i}" for i in range(8)]
    for name in names:
        httpserver.expect_request(f"/{name}.xml").respond_with_data(big_feed(name),
                                                                     content_type="application/rss+xml")
    with tmpfs(tmp_path / "small", "3M") as disk:
        data = disk / "data"
        for name in names:
            assert huohua(data, "feeds", "add", httpserver.url_for(f"/{name}.xml")).returncode == 0
        (data / "settings.toml").write_text("[feeds]\nparse_processes = 0\n", encoding="utf-8")
        r = huohua(data, "fetch", "--once", "--all")
        assert r.returncode == 1, r.stdout + r.stderr
        assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
        errors = [line for line in r.stderr.splitlines() if line.strip()]
        assert len(errors) == 1 and errors[0].startswith("error: the disk holding") and "is full" in errors[0]
        # what was stored before the disk filled up is intact and readable
        with sqlite3.connect(data / "huohua.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert stored < 8 * 120
        news = huohua(data, "news", "--limit", "5000", "--json")
        assert news.returncode == 0 and news.stdout.count('"id"') == stored
        # space returns: the next run fetches the rest
        subprocess.run(["mount", "-o", "remount,size=64M", str(disk)], check=True)
        again = huohua(data, "fetch", "--once", "--all")
        assert again.returncode == 0, again.stderr
        with sqlite3.connect(data / "huohua.sqlite3") as conn:
            assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 8 * 120


def test_the_window_shows_a_full_disk_and_pauses_fetching(make_gui, httpserver, qtbot):
    from tests.news.helpers import add_feed

    httpserver.expect_request("/f.xml").respond_with_data(big_feed("w", 60), content_type="application/rss+xml")
    app = make_gui()
    fid = add_feed(app.core, httpserver.url_for("/f.xml"))
    writer = app.core.writer
    writer.call(lambda c: c.execute(f"PRAGMA max_page_count = {c.execute('PRAGMA page_count').fetchone()[0] + 3}"))
    refresher = app.core.refresher()
    (outcome,) = refresher.refresh(refresher.due(feed_ids=[fid]))
    assert outcome.status == "error" and "is full" in outcome.error
    qtbot.waitUntil(lambda: app.window.storage_state == "disk_full", timeout=5000)
    assert "磁盘已满" in app.window.storage_banner.text() and not app.window.storage_bar.isHidden()
    # paused: the next round fetches nothing (the server is not asked) while the disk stays full
    asked = len(httpserver.log)
    (paused,) = refresher.refresh(refresher.due(feed_ids=[fid]))
    assert paused.status == "skipped" and "is full" in paused.error and len(httpserver.log) == asked
    # space is back: the round's probe succeeds, the banner goes, the feed is fetched
    writer.call(lambda c: c.execute("PRAGMA max_page_count = 1073741823"))
    (resumed,) = refresher.refresh(refresher.due(feed_ids=[fid]))
    assert resumed.status == "new" and resumed.new == 60
    qtbot.waitUntil(lambda: app.window.storage_state == "", timeout=5000)
    assert app.window.storage_bar.isHidden()

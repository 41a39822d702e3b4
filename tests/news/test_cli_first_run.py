"""The CLI's first day (issue 21): on a fresh data directory the first `fetch` or `news` subscribes the bundled
feeds as the window's first run does — the same RSSHub probe, the 快讯 sources, the same once-only marker —
creates the default watchlists (公告 and 个股新闻 follow them) and says so once, on stderr.

Nothing here leaves 127.0.0.1: the RSSHub probe goes to the test's server; `news` fetches nothing; the one
`fetch` that runs on a fresh directory does so on a copy of the resources whose feeds.opml points at the test's
server, with the 快讯 sources read from the demo recording (`--replay`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from desktop.config import Paths, Settings, resources_dir
from desktop.sources.opml import parse_opml
from tests.cli_run import huohua
from tests.news import feedgen

DEMO = resources_dir() / "demo"
FIRST_RUN = "(first run of this data directory"
RSSHUB_PAGE = "<html><title>RSSHub</title>Welcome to RSSHub!</html>"


def with_rsshub_at(data: Path, url: str) -> Path:
    """The data directory's settings.toml (beside the database when --data-dir is given): RSSHub at `url`."""
    settings = Settings(data / "settings.toml")
    settings.set("rsshub.base_url", url)
    settings.set("feeds.parse_processes", 0)
    settings.set("feeds.timeout_s", 5.0)
    settings.save()
    return data


def stored(data: Path):
    """(feed URLs, watchlist names) as stored in the data directory, read without any CLI command."""
    from desktop.store import feeds as feed_ops
    from desktop.store import market_store as ms
    from desktop.store.db import connect_ro

    conn = connect_ro(data / "huohua.sqlite3")
    try:
        return [f.url for f in feed_ops.list_feeds(conn)], [w.name for w in ms.watchlists(conn)]
    finally:
        conn.close()


def bundled(base_url: str) -> list:
    return parse_opml((resources_dir() / "feeds.opml").read_bytes(), base_url)


def test_news_on_a_fresh_data_directory_subscribes_the_bundled_feeds_once(tmp_path, httpserver):
    from desktop.store.market_store import DEFAULT_WATCHLISTS

    httpserver.expect_request("/none/").respond_with_data("not here", status=404)   # no RSSHub at this address
    base = httpserver.url_for("/none")
    data = with_rsshub_at(tmp_path / "data", base)

    out = huohua(data, "news", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []                                  # stdout stays pure JSON
    routes = [f for f in bundled(base) if f.url.startswith("rsshub:")]
    direct = [f for f in bundled(base) if not f.url.startswith("rsshub:")]
    flash = [f for f in direct if f.url.startswith("akshare:")]
    assert out.stderr.splitlines() == [
        f"subscribed the bundled feeds: {len(direct) - len(flash)} RSS feeds, {len(flash)} 快讯 sources; created the "
        f"default watchlists (first run of this data directory; the {len(routes)} RSSHub routes are left out: no "
        f"RSSHub answers at {base})"]
    assert [r.path for r, _ in httpserver.log] == ["/none/"]             # the window's probe, asked once
    urls, lists = stored(data)
    assert sorted(urls) == sorted(f.url for f in direct) and len(flash) == 7
    assert {"akshare:cls", "akshare:em", "akshare:notices", "akshare:stocknews"} <= set(urls)
    assert lists == [name for name, _ in DEFAULT_WATCHLISTS]              # 公告 and 个股新闻 follow them

    again = huohua(data, "news", "--json")
    assert again.returncode == 0 and json.loads(again.stdout) == [] and again.stderr == ""
    assert len(httpserver.log) == 1                                      # not probed again either
    assert "akshare:cls" in huohua(data, "feeds", "list").stdout


def test_rsshub_answering_on_the_first_run_subscribes_its_routes_too(tmp_path, httpserver):
    httpserver.expect_request("/").respond_with_data(RSSHUB_PAGE, content_type="text/html")
    base = httpserver.url_for("/").rstrip("/")
    data = with_rsshub_at(tmp_path / "data", base)

    out = huohua(data, "news")
    assert out.returncode == 0 and out.stdout == "", out.stderr
    found = bundled(base)
    flash = [f for f in found if f.url.startswith("akshare:")]
    assert out.stderr.splitlines() == [
        f"subscribed the bundled feeds: {len(found) - len(flash)} RSS feeds, {len(flash)} 快讯 sources; created the "
        "default watchlists (first run of this data directory)",
        "还没有保存任何资讯：先运行 huohua fetch --once 获取（订阅源：huohua feeds list）"]   # issue 22: never silent
    urls, _ = stored(data)
    assert sorted(urls) == sorted(f.url for f in found) and "rsshub:/cls/telegraph" in urls


def local_resources(tmp_path: Path, httpserver) -> Path:
    """The bundled resources with a feeds.opml of the same kinds whose feeds are all on the test's server: an
    http(s) feed, an RSSHub route (RSSHub is the test's server too) and the 快讯 sources of the demo recording."""
    res = tmp_path / "resources"
    res.mkdir()
    for entry in resources_dir().iterdir():
        if entry.name != "feeds.opml":
            (res / entry.name).symlink_to(entry)
    (res / "feeds.opml").write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>火花 默认订阅</title></head><body>
  <outline text="快讯" title="快讯">
    <outline type="rss" text="财联社 电报" xmlUrl="akshare:cls"/>
    <outline type="rss" text="东方财富 全球快讯" xmlUrl="akshare:em"/>
    <outline type="rss" text="财联社 电报 (RSSHub)" xmlUrl="rsshub:/cls/telegraph"/>
  </outline>
  <outline text="公告" title="公告"><outline type="rss" text="公告（自选股）" xmlUrl="akshare:notices"/></outline>
  <outline text="个股新闻" title="个股新闻"><outline type="rss" text="个股新闻（自选股）" xmlUrl="akshare:stocknews"/></outline>
  <outline text="能源" title="能源"><outline type="rss" text="能源" xmlUrl="{httpserver.url_for('/energy.xml')}"/></outline>
</body></opml>
""", encoding="utf-8")
    return res


@pytest.mark.parametrize("flags", [("--once",), ("--once", "--all")])
def test_fetch_once_on_a_fresh_data_directory_subscribes_and_fetches_them(tmp_path, httpserver, monkeypatch, flags):
    httpserver.expect_request("/rsshub/").respond_with_data(RSSHUB_PAGE, content_type="text/html")
    httpserver.expect_request("/rsshub/cls/telegraph").respond_with_data(feedgen.rss([
        {"title": "光伏板块午后走强", "link": "http://n.example/r1", "pubDate": "2026-12-07 09:40:00"}]),
        content_type="application/rss+xml")
    httpserver.expect_request("/energy.xml").respond_with_data(feedgen.rss([
        {"title": "宁德时代储能订单大增", "link": "http://n.example/1", "description": "储能电池",
         "pubDate": "2026-12-07 09:30:00"}]), content_type="application/rss+xml")
    monkeypatch.setenv("HUOHUA_RESOURCES", str(local_resources(tmp_path, httpserver)))
    data = with_rsshub_at(tmp_path / "data", httpserver.url_for("/rsshub"))

    out = huohua(data, "fetch", *flags, "--replay", str(DEMO))
    assert out.returncode == 0, out.stderr
    assert out.stderr.splitlines() == ["subscribed the bundled feeds: 2 RSS feeds, 4 快讯 sources; created the "
                                       "default watchlists (first run of this data directory)"]
    lines = out.stdout.splitlines()
    assert "nothing due" not in out.stdout and lines[-1].startswith("total: 6 feeds,") and lines[-1].endswith(
        " 0 failed"), out.stdout
    fetched = [re.match(r"(\w+) +#\d+ (.+?): ", line).groups() for line in lines[:-1]]
    assert {status for status, _ in fetched} == {"new"}, lines
    assert {title for _, title in fetched} == {"财联社 电报", "东方财富 全球快讯", "财联社 电报 (RSSHub)", "公告（自选股）",
                             "个股新闻（自选股）", "能源"}, lines
    # 公告 came for the default watchlists' stocks (the recording holds the requests for them)
    titles = {a["feed"] for a in json.loads(huohua(data, "news", "--limit", "500", "--json").stdout)}
    assert {"公告（自选股）", "个股新闻（自选股）", "能源"} <= titles

    again = huohua(data, "fetch", *flags, "--replay", str(DEMO))
    assert again.returncode == 0 and FIRST_RUN not in again.stderr, again.stderr


def test_removed_feeds_stay_removed_and_a_window_started_later_does_not_subscribe_again(tmp_path, httpserver):
    from desktop.app import Core
    from desktop.services import first_run
    from desktop.store import feeds as feed_ops

    httpserver.expect_request("/none/").respond_with_data("not here", status=404)
    data = with_rsshub_at(tmp_path / "data", httpserver.url_for("/none"))
    assert FIRST_RUN in huohua(data, "news").stderr
    paths = Paths(data, data)
    with Core(paths, Settings.load(paths.settings_file)) as core:
        # what the window's first run calls (gui_database.prepare): the CLI's first run counts as its own
        assert first_run.subscribe_defaults_once(core, rsshub_answers=lambda: True) == 0
        for url in stored(data)[0]:
            conn = core.reader()
            (feed,) = [f for f in feed_ops.list_feeds(conn) if f.url == url]
            conn.close()
            core.writer.call(lambda c, i=feed.id: feed_ops.remove_feed(c, i))
    assert stored(data)[0] == []

    out = huohua(data, "fetch", "--once")                  # removed on purpose: not subscribed again
    assert out.returncode == 0 and out.stderr == "" and out.stdout == "nothing due (use --all to fetch every feed)\n"
    assert FIRST_RUN not in huohua(data, "news").stderr and stored(data)[0] == []
    assert len(httpserver.log) == 1


def test_after_the_windows_first_run_the_cli_says_nothing(tmp_path):
    from desktop.app import Core
    from desktop.services import first_run

    data = tmp_path / "data"
    paths = Paths(data, data).ensure()
    with Core(paths, Settings(paths.settings_file)) as core:
        added = first_run.subscribe_defaults_once(core, rsshub_answers=lambda: False)
    assert added == len([f for f in bundled("http://127.0.0.1:1200") if not f.url.startswith("rsshub:")])
    out = huohua(data, "news", "--json")
    assert out.returncode == 0 and out.stderr == "" and json.loads(out.stdout) == []
    assert len(stored(data)[0]) == added


def test_feeds_of_their_own_first_are_left_alone(tmp_path, httpserver):
    """A data directory that subscribed its own feeds before its first `fetch` keeps exactly those (the window's
    rule: an existing user's list is theirs), and nothing is said."""
    httpserver.expect_request("/mine.xml").respond_with_data(feedgen.rss([
        {"title": "储能电池", "link": "http://n.example/m1", "pubDate": "2026-12-07 09:00:00"}]),
        content_type="application/rss+xml")
    data = with_rsshub_at(tmp_path / "data", httpserver.url_for("/none"))
    assert huohua(data, "feeds", "add", httpserver.url_for("/mine.xml")).returncode == 0
    out = huohua(data, "fetch", "--once")
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert out.stdout.splitlines()[-1].startswith("total: 1 feeds, 1 new articles")
    assert stored(data)[0] == [httpserver.url_for("/mine.xml")]
    assert all(r.path == "/mine.xml" for r, _ in httpserver.log)        # no RSSHub probe for a list of their own


def test_the_documented_lines_are_the_printed_ones():
    from desktop.cli_news import first_run_line
    from desktop.services.first_run import FirstRun

    base = "http://127.0.0.1:1200"
    found = bundled(base)
    flash = sum(f.url.startswith("akshare:") for f in found)
    routes = sum(f.url.startswith("rsshub:") for f in found)
    docs = (Path(__file__).resolve().parents[2] / "docs" / "CLI.md").read_text(encoding="utf-8")
    without = first_run_line(FirstRun(len(found) - flash - routes, flash, routes, True), base)
    with_rsshub = first_run_line(FirstRun(len(found) - flash, flash, 0, True), base)
    assert f"\n{without}\n" in docs and f"\n{with_rsshub}\n" in docs

"""The CLI offline says what is true (issue 22): `fetch --once` reports 公告（自选股） and 个股新闻（自选股） as what they
are — failures when their requests failed, not fetched when there is no stock to ask about — never "unchanged: no
new items"; `news` on an empty database says (on stderr) that nothing is stored and how to fetch. The network is unreachable:
every proxy points at a closed loopback port."""

from __future__ import annotations

import re

import pytest

from desktop.config import Settings
from tests.cli_run import huohua

NOWHERE = "http://127.0.0.1:9"          # the discard port: refused at once


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(k, NOWHERE)
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("no_proxy", "")


def per_stock_feeds(data):
    for url, title in (("akshare:notices", "公告（自选股）"), ("akshare:stocknews", "个股新闻（自选股）")):
        assert huohua(data, "feeds", "add", url, "--title", title).returncode == 0


def lines_of(out: str) -> dict[str, str]:
    return {m.group(2): m.group(1) + " " + m.group(3) for m in
            (re.match(r"(\w+) +#\d+ (.+?): (.*)", ln) for ln in out.splitlines()) if m}


def test_per_stock_feeds_without_watched_stocks_are_not_fetched_not_unchanged(tmp_path):
    data = tmp_path / "data"
    per_stock_feeds(data)
    out = huohua(data, "fetch", "--once")
    assert out.returncode == 0, out.stderr
    got = lines_of(out.stdout)
    assert set(got) == {"公告（自选股）", "个股新闻（自选股）"}, out.stdout
    for line in got.values():
        assert line.startswith("skipped ") and "没有自选股" in line and "huohua watchlist add" in line, line
        assert "no new items" not in line
    assert "unchanged" not in out.stdout
    # nothing was learnt: the feeds are not counted as fetched fine
    listed = huohua(data, "feeds", "list").stdout
    assert listed.count("never fetched") == 2, listed


def test_per_stock_feeds_offline_are_failures(tmp_path):
    data = tmp_path / "data"
    per_stock_feeds(data)
    assert huohua(data, "watchlist", "add", "300750").returncode == 0
    out = huohua(data, "fetch", "--once")
    got = lines_of(out.stdout)
    assert set(got) == {"公告（自选股）", "个股新闻（自选股）"}, out.stdout
    for line in got.values():
        assert line.startswith("error ") and "no new items" not in line, line
        assert "自动重试" not in line and "再运行" in line, line       # a one-shot command retries nothing
    assert out.stdout.splitlines()[-1].endswith(" 2 failed")


def test_news_on_an_empty_database_says_so_and_how_to_fetch(tmp_path):
    data = tmp_path / "data"
    per_stock_feeds(data)                  # no first run: nothing is fetched by `news`
    out = huohua(data, "news", "--theme", "能源")
    assert out.returncode == 0 and out.stdout == ""                   # stdout holds articles only
    assert "还没有保存任何资讯" in out.stderr and "huohua fetch" in out.stderr, out
    js = huohua(data, "news", "--theme", "能源", "--json")
    assert js.returncode == 0 and js.stdout.strip() == "[]"          # JSON stays data only
    settings = Settings.load(data / "settings.toml")
    settings.set("ui.language", "en")
    settings.save()
    out = huohua(data, "news", "--theme", "energy")
    assert "no articles are stored yet" in out.stderr and "huohua fetch" in out.stderr, out

"""Hostile and awkward inputs found in review: each gives a clear per-feed error or is handled, never stops a
round, never holds a worker, never loses or merges stored articles."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from desktop.core import clock
from desktop.core.errors import OpmlError, SourceError
from desktop.core.normalize import clean_title
from desktop.sources.dates import parse_date
from desktop.sources.feed_parse import parse_feed
from desktop.sources.http_fetch import http_get
from desktop.sources.opml import parse_opml
from desktop.store.writer import Writer
from tests.news import feedgen
from tests.news.helpers import add_feed, articles, count, feed, refresh

NOW = 1_800_000_000


def trickle_server(body_len: int = 200, pause: float = 0.3) -> tuple[int, threading.Event]:
    """A server that sends its headers, then one body byte every `pause` seconds."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(5)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            conn, _ = srv.accept()
            conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n"
                         + f"Content-Length: {body_len}\r\n\r\n".encode())
            try:
                for _ in range(body_len):
                    if stop.is_set():
                        break
                    conn.sendall(b"x")
                    time.sleep(pause)
            except OSError:
                pass
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    return srv.getsockname()[1], stop


def test_trickled_body_is_cut_at_the_deadline():
    port, stop = trickle_server()
    started = time.monotonic()
    with pytest.raises(SourceError, match="too slow"):
        http_get(f"http://127.0.0.1:{port}/feed.xml", timeout=1.0)
    assert time.monotonic() - started < 4          # deadline 2 × timeout, not body_len × pause = 60 s
    stop.set()


@pytest.mark.parametrize("value", ["9" * 400, "99999999999"])
def test_hostile_retry_after_is_capped_and_the_round_goes_on(core, httpserver, value):
    httpserver.expect_request("/slow.xml").respond_with_data("", status=429, headers={"Retry-After": value})
    httpserver.expect_request("/ok.xml").respond_with_data(feedgen.rss(feedgen.items(2)),
                                                           content_type="application/rss+xml")
    slow, ok = add_feed(core, httpserver.url_for("/slow.xml")), add_feed(core, httpserver.url_for("/ok.xml"))
    outcomes = {o.feed_id: o for o in refresh(core, slow, ok)}
    assert outcomes[slow].status == "error" and outcomes[ok].new == 2
    assert clock.now() + 3000 < feed(core, slow).next_due <= clock.now() + 86_400 + 60


def test_a_failed_write_is_recorded_with_back_off(core, httpserver, monkeypatch):
    import desktop.store.articles as article_ops

    httpserver.expect_request("/w.xml").respond_with_data(feedgen.rss(feedgen.items(2)),
                                                          content_type="application/rss+xml")
    fid = add_feed(core, httpserver.url_for("/w.xml"))

    def broken(*_a, **_k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(article_ops, "ingest", broken)
    out = refresh(core, fid)
    assert out.status == "error" and "disk on fire" in out.error
    f = feed(core, fid)
    assert f.last_error and "disk on fire" in f.last_error and f.failures == 1 and f.next_due > clock.now()


def test_one_malformed_item_does_not_cost_the_others():
    body = feedgen.rss([{"title": "坏链接", "link": "http://[broken/2"}, {"title": "好条目", "link": "http://ok/1"},
                        {"title": "脚本链接", "link": "javascript:alert(1)"}])
    entries = parse_feed(body, {}, "http://x/feed", NOW).entries
    assert [e.title for e in entries] == ["好条目", "脚本链接"]
    assert entries[1].url is None                  # javascript: links are never stored


def test_deeply_nested_html_is_bounded():
    nested = "<div>" * 40_000 + "深" + "</div>" * 40_000    # 0.44 MB: inside the per-item cap
    body = feedgen.rss([{"title": "嵌套", "link": "http://x/1", "description": nested}])
    started = time.monotonic()
    entry = parse_feed(body, {}, "http://x/feed", NOW).entries[0]
    assert time.monotonic() - started < 5          # was 26 s at 80,000 levels
    assert "深" in entry.text and "<script" not in entry.summary_html


@pytest.mark.parametrize("raw, expected", [
    ("Wed, 01 Jan 2025 10:30:00 GMT+8", "2025-01-01T10:30"),
    ("Wed, 01 Jan 2025 10:30:00 +08:00", "2025-01-01T10:30"),
    ("2025-01-01T10:30:00 GMT+0800", "2025-01-01T10:30"),
    ("2025年1月1日 下午3:30", "2025-01-01T15:30"),
    ("20250101", "2025-01-01T00:00"),
    ("1735698600.123", "2025-01-01T10:30"),
])
def test_more_chinese_date_forms(raw, expected):
    from datetime import datetime, timedelta, timezone

    got = datetime.fromtimestamp(parse_date(raw), timezone(timedelta(hours=8))).isoformat()
    assert got.startswith(expected)


def test_unrecognised_chinese_date_is_not_guessed():
    assert parse_date("明天上午") is None


def test_future_dated_items_without_ids_are_not_duplicated(core, httpserver):
    future = "2099-01-01 10:00:00"
    items = [{"title": "未来快讯", "description": "x", "pubDate": future}]
    httpserver.expect_request("/f.xml").respond_with_data(feedgen.rss(items), content_type="application/rss+xml")
    fid = add_feed(core, httpserver.url_for("/f.xml"))
    refresh(core, fid)
    httpserver.clear()
    httpserver.expect_request("/f.xml").respond_with_data(feedgen.rss(items, title="变了"),
                                                          content_type="application/rss+xml")
    refresh(core, fid)
    assert count(core, "SELECT count(*) FROM articles") == 1
    assert articles(core)[0].published <= clock.now()


def test_latin1_header_does_not_override_a_gb_declaration():
    body = feedgen.rss([{"title": "宁德时代储能订单大增", "link": "http://x/1"}], encoding="gb2312")
    entry = parse_feed(body, {"content-type": "text/xml; charset=ISO-8859-1"}, "http://x/", NOW).entries[0]
    assert entry.title == "宁德时代储能订单大增"


def test_gbk_bytes_declared_as_utf8_are_recovered():
    body = feedgen.rss([{"title": "宁德时代储能订单大增", "link": "http://x/1"}], encoding="gbk")
    body = body.replace(b'encoding="gbk"', b'encoding="utf-8"')
    assert parse_feed(body, {}, "http://x/", NOW).entries[0].title == "宁德时代储能订单大增"


@pytest.mark.parametrize("raw, expected", [
    ("H股&lt;A股，溢价扩大", "H股<A股，溢价扩大"),
    ("科创板<b>重磅</b>", "科创板重磅"),
    ("&lt;span class=x&gt;标题&lt;/span&gt;", "标题"),
])
def test_titles_keep_less_than_signs_but_lose_tags(raw, expected):
    assert clean_title(raw) == expected


def test_gb2312_opml_imports():
    opml = ('<?xml version="1.0" encoding="gb2312"?><opml version="1.0"><body>'
            '<outline text="财经"><outline text="新浪财经" xmlUrl="http://rss.sina.com.cn/finance.xml"/></outline>'
            "</body></opml>").encode("gb2312")
    feeds = parse_opml(opml)
    assert [(f.title, f.folder) for f in feeds] == [("新浪财经", "财经")]


def test_deeply_nested_opml_is_a_clear_error():
    opml = ("<opml><body>" + '<outline text="x">' * 1500 + '<outline xmlUrl="http://x/f"/>' + "</outline>" * 1500
            + "</body></opml>").encode()
    with pytest.raises(OpmlError, match="nest deeper"):
        parse_opml(opml)


def test_writes_racing_close_fail_instead_of_hanging(tmp_path):
    w = Writer(tmp_path / "db.sqlite3").start()
    gate = threading.Event()
    first = w.submit(lambda c: gate.wait(5))
    late = w.submit(lambda c: None)
    closer = threading.Thread(target=w.close)
    closer.start()
    time.sleep(0.1)
    gate.set()
    closer.join(10)
    first.result(5)
    try:
        late.result(5)                             # either it ran before the stop, or it failed: never hangs
    except Exception as exc:
        assert "closed" in str(exc)
    with pytest.raises(Exception, match="closed"):
        w.submit(lambda c: None)

"""Parsing: encodings, formats, dates, broken XML and not-feeds, on generated and real captured feeds."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta, timezone

import pytest

from desktop.core.errors import SourceError
from desktop.sources.dates import parse_date, settle_date
from desktop.sources.feed_parse import parse_feed
from tests.conftest import CAPTURED
from tests.news import feedgen

NOW = calendar.timegm((2026, 11, 25, 2, 0, 0))
BJ = timezone(timedelta(hours=8))


def ts(*args) -> int:
    return int(datetime(*args, tzinfo=BJ).timestamp())


SAMPLE = [{"title": "储能龙头宁德时代发布新品", "link": "http://x.cn/1", "guid": "g1",
           "description": "<p>宁德时代今日发布储能电池。</p>", "pubDate": "2026-11-20 10:30:00"}]


@pytest.mark.parametrize("encoding", ["utf-8", "gb2312", "gbk", "gb18030", "big5", "utf-16"])
def test_declared_encodings_decode_to_the_same_title(encoding):
    item = dict(SAMPLE[0])
    if encoding == "big5":  # Big5 has no simplified 储/龙/发: use traditional text, as Taiwanese feeds do
        item["title"] = "儲能龍頭寧德時代發佈新品"
        item["description"] = "<p>寧德時代今日發布儲能電池。</p>"
    body = feedgen.rss([item], encoding=encoding, title="財經" if encoding == "big5" else "测试财经")
    if encoding == "utf-16":
        body = b"\xff\xfe" + body if not body.startswith(b"\xff\xfe") else body
    feed = parse_feed(body, {"content-type": "application/xml"}, "http://x.cn/feed", NOW)
    assert len(feed.entries) == 1
    assert feed.entries[0].title == item["title"]
    assert "宁德时代" in feed.entries[0].text  # normalised text is simplified whatever the source script


def test_gbk_bytes_declared_gb2312_decode(tmp_path):
    feed = parse_feed((CAPTURED / "donews-gbk-declared-gb2312-2005.xml").read_bytes(), {}, "http://d/", NOW)
    assert len(feed.entries) == 20 and feed.encoding == "gb18030"
    assert feed.entries[0].title.startswith("TRS WCM")


def test_undeclared_gb_bytes_are_retried_as_gb18030():
    body = feedgen.rss(SAMPLE, encoding="gb18030", declare=False)
    feed = parse_feed(body, {"content-type": "text/xml"}, "http://x.cn/feed", NOW)
    assert feed.entries[0].title == SAMPLE[0]["title"]


def test_http_charset_header_is_used():
    body = feedgen.rss(SAMPLE, encoding="gbk", declare=False)
    feed = parse_feed(body, {"Content-Type": "text/xml; charset=GBK"}, "http://x.cn/feed", NOW)
    assert feed.entries[0].title == SAMPLE[0]["title"]


def test_atom_and_rdf():
    a = parse_feed(feedgen.atom([{"title": "光伏装机创新高", "id": "urn:1", "link": "/p/1",
                                  "updated": "2026-11-20T10:00:00+08:00", "content": "<b>光伏</b>"}]),
                   {}, "http://atom.example.com/feed", NOW)
    assert a.version.startswith("atom") and a.entries[0].url == "http://atom.example.com/p/1"
    r = parse_feed(feedgen.rdf([{"title": "算力需求", "link": "http://rdf.example.com/1",
                                 "date": "2026-11-20T09:00:00+08:00"}]), {}, "http://rdf.example.com/rss", NOW)
    assert r.version == "rss10" and r.entries[0].published == ts(2026, 11, 20, 9, 0)


def test_relative_links_resolve_against_the_feed_document():
    body = feedgen.rss([{"title": "t", "link": "/news/1.html", "description": '<a href="../x.html">x</a><img src="i.png">'}],
                       link="http://site.example.com/finance/")
    e = parse_feed(body, {}, "http://feeds.example.com/rss/cn/all.xml", NOW).entries[0]
    assert e.url == "http://feeds.example.com/news/1.html"
    assert 'href="http://feeds.example.com/rss/x.html"' in e.summary_html
    assert 'src="http://feeds.example.com/rss/cn/i.png"' in e.summary_html


def test_no_guid_no_link_still_parses():
    e = parse_feed(feedgen.rss([{"title": "只有标题的快讯", "description": "正文"}]), {}, "http://x/", NOW).entries[0]
    assert e.guid is None and e.url is None and e.title == "只有标题的快讯"


@pytest.mark.parametrize("raw, expected", [
    ("2025-01-01 10:30:00", ts(2025, 1, 1, 10, 30)),
    ("2025年01月01日 10:30", ts(2025, 1, 1, 10, 30)),
    ("2025年1月1日 10时30分", ts(2025, 1, 1, 10, 30)),
    ("2025/01/01 10:30", ts(2025, 1, 1, 10, 30)),
    ("2025-01-01T10:30:00", ts(2025, 1, 1, 10, 30)),
    ("Wed, 01 Jan 2025 10:30:00 CST", ts(2025, 1, 1, 10, 30)),
    ("Wed, 01 Jan 2025 10:30:00 +0800", ts(2025, 1, 1, 10, 30)),
    ("Tue, 27 Dec 2005 13:08:54+0900", ts(2005, 12, 27, 12, 8, 54)),
    ("2011-06-24T21:33:14.000Z", ts(2011, 6, 25, 5, 33, 14)),
    ("1735698600", ts(2025, 1, 1, 10, 30)),
    ("1735698600000", ts(2025, 1, 1, 10, 30)),
    ("2026-09-21  05:09:38", ts(2026, 9, 21, 5, 9, 38)),
])
def test_chinese_dates_are_beijing_time(raw, expected):
    assert parse_date(raw) == expected


def test_missing_future_and_epoch_dates():
    assert settle_date(None, NOW) == (NOW, True)
    assert settle_date(NOW + 86400, NOW) == (NOW, True)          # future: fetch time, and not an identity
    assert settle_date(NOW + 60, NOW) == (NOW, False)            # a minute of clock skew is fine
    assert settle_date(0, NOW) == (NOW, True)                    # 1970 filler counts as missing
    e = parse_feed(feedgen.rss([{"title": "无日期", "link": "http://x/1"}]), {}, "http://x/", NOW).entries[0]
    assert e.published == NOW and e.date_missing


def test_truncated_xml_keeps_entries_before_the_break():
    body = feedgen.rss(feedgen.items(5))
    cut = body[: body.index("宁德时代储能新闻4".encode()) + 10]
    feed = parse_feed(cut, {}, "http://x/", NOW)
    assert feed.bozo and len(feed.entries) >= 4


def test_html_page_is_an_error():
    with pytest.raises(SourceError, match="HTML page.*和讯博客"):
        parse_feed((CAPTURED / "hexun-blog-feedurl-returns-html-gbk.xml").read_bytes(), {}, "http://h/", NOW)


@pytest.mark.parametrize("body", [b"", b"   \n"])
def test_empty_body_is_an_error(body):
    with pytest.raises(SourceError, match="empty"):
        parse_feed(body, {}, "http://x/", NOW)


def test_garbage_is_an_error():
    with pytest.raises(SourceError, match="not a feed"):
        parse_feed(b"\x00\x01binary junk", {}, "http://x/", NOW)


# -- the real captured feeds (tests/fixtures/feeds/captured/SOURCES.md lists their quirks) --------------
@pytest.mark.parametrize("name, count, first", [
    ("36kr-feed-2016.xml", 100, "被美团收购支付牌照的幕后故事"),
    ("rsshub-36kr-newsflashes-2019.xml", 30, "拼多多冬枣"),
    ("techweb-hotnews-2016.xml", 27, "苹果第四财季净利润下滑19%"),      # 2 advert fillers dropped
    ("netease-163-headlines-2014.xml", 50, "曝广厦老板楼忠福被中纪委带走"),
    ("qq-sports-basketball-2013.xml", 15, "提问AC格林"),
    ("baidu-news-civilnews-gb2312-2011.xml", 20, "题：西湖成功申遗"),
    ("acnnewswire-press-gb2312-2005.xml", 8, "JCB 与中国银联"),
    ("donews-gbk-declared-gb2312-2005.xml", 20, "TRS WCM 5.2"),
    ("coolloud-rss10-big5-2005.xml", 20, "1226檔下點交之後"),
    ("mifengtd-atom-2015.xml", 10, "我的时间管理与方法论"),
])
def test_captured_feeds(name, count, first):
    feed = parse_feed((CAPTURED / name).read_bytes(), {}, "http://captured.example/feed", NOW)
    assert len(feed.entries) == count
    assert feed.entries[0].title.startswith(first)
    for e in feed.entries:
        assert e.title and "<" not in e.title
        assert "<script" not in e.summary_html.lower()


def test_captured_quirks():
    qq = parse_feed((CAPTURED / "qq-sports-basketball-2013.xml").read_bytes(), {}, "http://q/", NOW)
    assert qq.entries[0].published == ts(2013, 10, 20, 15, 45, 32)   # zone-less date read as Beijing time
    acn = parse_feed((CAPTURED / "acnnewswire-press-gb2312-2005.xml").read_bytes(), {}, "http://a/", NOW)
    assert all(not e.date_missing for e in acn.entries)                 # feedparser reads none of these
    baidu = parse_feed((CAPTURED / "baidu-news-civilnews-gb2312-2011.xml").read_bytes(), {}, "http://news.baidu.com/n", NOW)
    assert 'href="http://news.baidu.com/n?cmd=2' in "".join(e.summary_html for e in baidu.entries)
    netease = parse_feed((CAPTURED / "netease-163-headlines-2014.xml").read_bytes(), {}, "http://n/", NOW)
    assert netease.entries[0].guid == "http://news.163.com/15/0101/01/AER9SIJ10001124J.html"
    assert not any('src="http://da.feedsportal.com' in e.summary_html for e in netease.entries)  # ad beacons
    kr = parse_feed((CAPTURED / "rsshub-36kr-newsflashes-2019.xml").read_bytes(), {}, "http://k/", NOW)
    assert sum(1 for e in kr.entries if e.url is None) == 8

"""Dedup across refreshes and feeds, updates in place, sanitising at ingest, tags stored with articles."""

from __future__ import annotations

import json

from desktop.core.dedup import identity_key, normalize_url
from desktop.store import articles as article_ops
from tests.news import feedgen
from tests.news.helpers import add_feed, articles, count, refresh


def serve(httpserver, path, body):
    httpserver.expect_request(path).respond_with_data(body, content_type="application/rss+xml")


def test_refetching_never_duplicates(core, httpserver):
    serve(httpserver, "/a.xml", feedgen.rss(feedgen.items(5)))
    fid = add_feed(core, httpserver.url_for("/a.xml"))
    assert refresh(core, fid).new == 5
    httpserver.clear()
    # same items, different bytes (reordered, extra whitespace): parsed again, nothing new
    serve(httpserver, "/a.xml", feedgen.rss(list(reversed(feedgen.items(5))), title="测试财经 "))
    out = refresh(core, fid)
    assert out.status == "unchanged" and out.new == 0
    assert count(core, "SELECT count(*) FROM articles") == 5


def test_updated_item_updates_in_place_and_keeps_state(core, httpserver):
    items = feedgen.items(2)
    serve(httpserver, "/u.xml", feedgen.rss(items))
    fid = add_feed(core, httpserver.url_for("/u.xml"))
    refresh(core, fid)
    first = {a.title: a for a in articles(core)}["宁德时代储能新闻0"]
    core.writer.call(lambda c: article_ops.set_flag(c, [first.id], "starred", True))
    core.writer.call(lambda c: article_ops.set_flag(c, [first.id], "read", True))
    items[0] = dict(items[0], title="宁德时代储能新闻0（更新）", description="<p>光伏组件价格回升</p>")
    httpserver.clear()
    serve(httpserver, "/u.xml", feedgen.rss(items))
    out = refresh(core, fid)
    assert out.status == "updated" and out.updated == 1 and out.new == 0
    after = {a.id: a for a in articles(core)}[first.id]
    assert after.title.endswith("（更新）") and after.starred and after.read
    assert count(core, "SELECT count(*) FROM articles") == 2
    # the search index follows the update: old words gone, new ones found
    assert [a.id for a in articles(core, query="光伏")] == [first.id]


def test_same_story_in_two_feeds_is_stored_once(core, httpserver):
    a = [{"title": "隆基绿能发布BC组件", "link": "https://www.example.com/n/1.html?utm_source=rss&utm_medium=x",
          "description": "x", "pubDate": "2026-11-20 09:00"}]
    b = [{"title": "隆基绿能发布BC组件", "link": "https://WWW.example.com/n/1.html#comments",
          "description": "x", "pubDate": "2026-11-20 09:00"}]
    serve(httpserver, "/a.xml", feedgen.rss(a))
    serve(httpserver, "/b.xml", feedgen.rss(b))
    fa, fb = add_feed(core, httpserver.url_for("/a.xml")), add_feed(core, httpserver.url_for("/b.xml"))
    refresh(core, fa, fb)
    assert count(core, "SELECT count(*) FROM articles") == 1


def test_items_without_guid_or_link_dedup_by_title_and_date(core, httpserver):
    items = [{"title": "快讯：储能招标", "description": "x", "pubDate": "2026-11-20 09:00"},
             {"title": "快讯：无日期", "description": "y"}]
    serve(httpserver, "/n.xml", feedgen.rss(items))
    fid = add_feed(core, httpserver.url_for("/n.xml"))
    refresh(core, fid)
    httpserver.clear()
    serve(httpserver, "/n.xml", feedgen.rss(items, title="changed"))
    refresh(core, fid)
    assert count(core, "SELECT count(*) FROM articles") == 2


def test_numeric_guids_are_scoped_to_their_feed(core, httpserver):
    serve(httpserver, "/1.xml", feedgen.rss([{"title": "甲", "guid": "1", "description": "a"}]))
    serve(httpserver, "/2.xml", feedgen.rss([{"title": "乙", "guid": "1", "description": "b"}]))
    refresh(core, add_feed(core, httpserver.url_for("/1.xml")), add_feed(core, httpserver.url_for("/2.xml")))
    assert count(core, "SELECT count(*) FROM articles") == 2


def test_url_normalisation():
    assert normalize_url("HTTPS://Example.com:443/a?utm_source=x&b=2&a=1#frag") == "https://example.com/a?a=1&b=2"
    assert identity_key(3, "http://x.com/a?utm_campaign=z", None, "t", 1) == "u:http://x.com/a"
    assert identity_key(3, "abc", "http://x.com/a", "t", 1) == "g:3:abc"          # the guid decides
    assert identity_key(3, None, "http://x.com/a", "t", 1) == "u:http://x.com/a"
    assert normalize_url("https://spa.example/#/news/1") != normalize_url("https://spa.example/#/news/2")
    assert normalize_url("http://x:99999/a") == "http://x:99999/a"                 # invalid port: kept as text


def test_flash_items_sharing_one_link_are_all_kept(core, httpserver):
    items = [{"title": f"快讯{i}", "link": "https://flash.example/live", "guid": f"flash-{i}",
              "description": f"第{i}条", "pubDate": f"2026-11-20 09:{i:02d}:00"} for i in range(5)]
    serve(httpserver, "/flash.xml", feedgen.rss(items))
    fid = add_feed(core, httpserver.url_for("/flash.xml"))
    assert refresh(core, fid).new == 5
    httpserver.clear()
    serve(httpserver, "/flash.xml", feedgen.rss(items + [dict(items[0], guid="flash-5", title="快讯5")]))
    out = refresh(core, fid)
    assert out.new == 1 and out.updated == 0
    assert sorted(a.title for a in articles(core)) == [f"快讯{i}" for i in range(6)]


def test_undated_title_only_items_of_two_feeds_stay_apart(core, httpserver):
    serve(httpserver, "/a.xml", feedgen.rss([{"title": "每日早报", "description": "A源:储能板块走强"}]))
    serve(httpserver, "/b.xml", feedgen.rss([{"title": "每日早报", "description": "B源:光伏板块回调"}]))
    fa, fb = add_feed(core, httpserver.url_for("/a.xml")), add_feed(core, httpserver.url_for("/b.xml"))
    refresh(core, fa, fb)
    refresh(core, fa, fb)
    texts = sorted(a.title for a in articles(core))
    assert texts == ["每日早报", "每日早报"]
    assert count(core, "SELECT count(DISTINCT text) FROM articles") == 2


def test_retention_leaves_tombstones_so_old_items_do_not_return(core, httpserver):
    serve(httpserver, "/r.xml", feedgen.rss(feedgen.items(3)))
    fid = add_feed(core, httpserver.url_for("/r.xml"))
    refresh(core, fid)
    ids = [a.id for a in articles(core)]
    core.writer.call(lambda c: article_ops.set_flag(c, ids, "read", True))
    removed, changes = core.writer.call(lambda c: article_ops.apply_retention(c, 1, 1_900_000_000))
    assert removed == 3 and changes.articles_removed == set(ids)
    httpserver.clear()
    serve(httpserver, "/r.xml", feedgen.rss(feedgen.items(3), title="again"))
    assert refresh(core, fid).new == 0 and count(core, "SELECT count(*) FROM articles") == 0


HOSTILE = """<p onclick="steal()">正文<script>alert(1)</script></p>
<iframe src="http://evil.example/frame"></iframe><object data="x.swf"></object><style>p{}</style>
<a href="javascript:alert(1)">js</a><a href="data:text/html,x">data</a><a href="file:///etc/passwd">f</a>
<img src="file:///etc/passwd"><img src="data:image/png;base64,AAAA"><img src="javascript:x">
<img src="http://tracker.example/pixel.gif" width="1" height="1"><img src="http://img.example/chart.png" onerror="x()">
<a href="https://ok.example/page">ok</a>"""


def test_hostile_html_is_sanitised_at_ingest(core, httpserver):
    serve(httpserver, "/h.xml", feedgen.rss([{"title": "&lt;b&gt;粗体&lt;/b&gt;标题", "link": "http://x/1",
                                              "description": HOSTILE}]))
    refresh(core, add_feed(core, httpserver.url_for("/h.xml")))
    conn = core.reader()
    html, title = conn.execute("SELECT summary_html, title FROM articles").fetchone()
    conn.close()
    low = html.lower()
    for bad in ("<script", "<iframe", "<object", "<style", "onclick", "onerror", "javascript:", "data:", "file:",
                "tracker.example"):
        assert bad not in low, bad
    assert 'src="http://img.example/chart.png"' in html           # kept as an inert reference
    assert 'href="https://ok.example/page"' in html
    assert title == "粗体标题"


def test_tags_are_stored_with_matched_terms(core, httpserver):
    serve(httpserver, "/t.xml", feedgen.rss([{"title": "寧德時代儲能訂單", "link": "http://x/t",
                                              "description": "CATL与阳光电源签约"}]))
    refresh(core, add_feed(core, httpserver.url_for("/t.xml")))
    conn = core.reader()
    stocks = conn.execute("SELECT code, matched, confidence FROM article_stocks ORDER BY code").fetchall()
    terms = json.loads(conn.execute("SELECT terms FROM article_themes WHERE theme = 'energy'").fetchone()[0])
    conn.close()
    assert [s[0] for s in stocks] == ["300274", "300750"]
    assert all(0 < s[2] <= 1 for s in stocks)
    assert "储能" in terms
    assert [a.stocks for a in articles(core, stock="300750")] == [("300750", "300274")] or \
        [set(a.stocks) for a in articles(core, stock="300750")] == [{"300750", "300274"}]


def test_tags_keep_their_types_and_an_update_replaces_them(core, httpserver):
    """The tags go to SQLite as one JSON array per table (store/articles.py): what reads back must be what
    executemany wrote — integer ids, text codes (a leading zero kept), real confidences, the terms' JSON — and an
    updated item's tags replace the old ones."""
    items = [{"title": "宁德时代储能订单", "link": "http://x/1", "description": "阳光电源签约"}]
    serve(httpserver, "/t2.xml", feedgen.rss(items))
    fid = add_feed(core, httpserver.url_for("/t2.xml"))
    refresh(core, fid)
    conn = core.reader()
    stocks = conn.execute("SELECT typeof(article_id), code, typeof(code), typeof(matched), typeof(confidence)"
                          " FROM article_stocks ORDER BY code").fetchall()
    themes = conn.execute("SELECT typeof(article_id), theme, terms FROM article_themes").fetchall()
    conn.close()
    assert [(s[0], s[1], s[2], s[3], s[4]) for s in stocks] == [
        ("integer", "300274", "text", "text", "real"), ("integer", "300750", "text", "text", "real")]
    assert themes and all(t[0] == "integer" and isinstance(json.loads(t[2]), list) for t in themes)
    items[0] = dict(items[0], title="比亚迪新车上市", description="<p>汽车销量</p>")
    httpserver.clear()
    serve(httpserver, "/t2.xml", feedgen.rss(items))
    assert refresh(core, fid).updated == 1
    conn = core.reader()
    codes = [r[0] for r in conn.execute("SELECT code FROM article_stocks ORDER BY code")]
    energy = conn.execute("SELECT count(*) FROM article_themes WHERE theme = 'energy'").fetchone()[0]
    conn.close()
    assert codes == ["002594"] and energy == 0

"""Per-stock news (`akshare:stocknews`): the endpoint of akshare's stock_news_em (a JSONP search of Eastmoney's
news for the code), read by us through requests — akshare uses curl_cffi, which neither the Tap nor `responses`
sees. Against answers in the endpoint's format: hit marks stripped, linked to the stock by the source, the
article's own URL as identity (one article whether it came by RSS or by the search), broken answers as clear
errors, one stock failing not losing the others."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest

from desktop.core.errors import SourceError
from desktop.core.market_hours import SHANGHAI

from .conftest import make_source

SEARCH = "https://search-api-web.eastmoney.com/search/jsonp"
T0 = int(datetime(2026, 11, 20, 14, 30, tzinfo=SHANGHAI).timestamp())


def hit(code: str, title: str, content: str, when: str, media: str = "证券时报") -> dict:
    """One item of result.cmsArticleWebOld (the fields stock_news_em reads: date, mediaName, code, title, content)."""
    return {"date": when, "mediaName": media, "code": code, "title": title, "content": content, "image": ""}


def jsonp(cb: str, items: list[dict] | None) -> str:
    body = {"code": 0, "msg": "", "hitsTotal": len(items or []),
            "result": None if items is None else {"cmsArticleWebOld": items}}
    return f"{cb}({json.dumps(body, ensure_ascii=False)})"


def keyword_of(request) -> tuple[str, str]:
    params = dict(parse_qsl(urlsplit(request.url).query))
    return json.loads(params["param"])["keyword"], params["cb"]


CATL = [hit("202611203571234567", "<em>宁德时代</em>：钠离子电池明年量产",
            "<em>宁德时代</em>(<em>300750</em>)表示，钠离子电池将于明年量产。\u3000\r\n储能需求旺盛。",
            "2026-11-20 13:05:11"),
        hit("202611193570000001", "锂电板块午后拉升", "<em>宁德时代</em>涨超3%。", "2026-11-19 14:01:00", "财联社")]


@pytest.fixture
def src():
    s = make_source(wall_clock=lambda: T0 + 60)
    yield s
    s.close()


def answer_for(table: dict[str, object]):
    def answer(request):
        code, cb = keyword_of(request)
        body = table.get(code, [])
        if isinstance(body, tuple):           # (status, raw body)
            return body[0], {}, body[1]
        return 200, {"content-type": "text/javascript"}, jsonp(cb, body)
    return answer


def test_hits_become_entries_linked_by_source_with_marks_stripped(rsps, src):
    rsps.add_callback("GET", SEARCH, callback=answer_for({"300750": CATL}))
    entries = src.flash_news("stocknews", ("300750",))
    assert [e.title for e in entries] == ["宁德时代：钠离子电池明年量产", "锂电板块午后拉升"]
    first = entries[0]
    assert "<em>" not in first.summary_html and "宁德时代(300750)表示" in first.text and "\r" not in first.text
    assert first.url == first.guid == "https://finance.eastmoney.com/a/202611203571234567.html"
    assert first.links == ("300750",) and first.author == "证券时报"
    assert first.published == int(datetime(2026, 11, 20, 13, 5, 11, tzinfo=SHANGHAI).timestamp())


def test_one_article_found_for_two_stocks_is_one_entry_linked_to_both(rsps, src):
    both = hit("202611203579999999", "储能双雄", "<em>阳光电源</em>与宁德时代签约。", "2026-11-20 10:00:00")
    rsps.add_callback("GET", SEARCH, callback=answer_for({"300750": [both], "300274": [both]}))
    (entry,) = src.flash_news("stocknews", ("300750", "300274"))
    assert entry.links == ("300750", "300274")


@pytest.mark.parametrize(("body", "message"), [
    ((200, "<html><body>访问验证</body></html>"), "unexpected answer format"),
    ((503, "Service Unavailable"), "HTTP 503"),
])
def test_broken_answers_are_clear_errors(rsps, src, body, message):
    rsps.add_callback("GET", SEARCH, callback=answer_for({"300750": body}))
    with pytest.raises(SourceError) as err:
        src.flash_news("stocknews", ("300750",))
    assert message in str(err.value) and "300750" in str(err.value)


def test_result_null_and_missing_fields_are_no_news(rsps, src):
    rsps.add_callback("GET", SEARCH, callback=answer_for({
        "300750": None, "300274": [{"date": "2026-11-20 10:00:00", "title": "无代码"}, {"code": "1"}]}))
    assert src.flash_news("stocknews", ("300750", "300274")) == []


def test_one_stock_failing_keeps_the_others(rsps, src):
    rsps.add_callback("GET", SEARCH, callback=answer_for({"300750": CATL, "300274": (500, "error")}))
    entries = src.flash_news("stocknews", ("300274", "300750"))
    assert len(entries) == 2 and all(e.links == ("300750",) for e in entries)


def test_stored_hourly_and_one_article_with_the_rss_copy(rsps, src, tmp_path, settings):
    """The same Eastmoney article arriving by an RSS feed and by the search is one article, linked to the stock."""
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.services.parse_pool import parse_and_tag
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops
    from desktop.store import market_store as ms

    rss = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>东方财富</title>"
           "<item><title>锂电板块午后拉升</title><link>https://finance.eastmoney.com/a/202611193570000001.html</link>"
           "<pubDate>Thu, 19 Nov 2026 06:01:00 GMT</pubDate><description>锂电股走强。</description></item>"
           "</channel></rss>").encode()
    rsps.add_callback("GET", SEARCH, callback=answer_for({"300750": CATL}))
    with Core(Paths(tmp_path / "data", tmp_path / "cfg"), settings) as core:
        core.writer.call(ms.ensure_default_watchlist)

        def add_rss(conn):
            ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url="https://rss.example/em.xml")])
            parsed = parse_and_tag(rss, {}, "https://rss.example/em.xml", T0, tagger=core.tagger())
            return len(article_ops.ingest(conn, ids[0], parsed.items, T0).new)

        assert core.writer.call(add_rss) == 1
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="akshare:stocknews")]))
        refresher = core.refresher()
        refresher.flash = src.flash_news
        (feed,) = [f for f in refresher.due(force=True) if f.url == "akshare:stocknews"]
        assert feed.interval_s == 3600                                     # hourly by default
        (outcome,) = refresher.refresh([feed])
        assert outcome.new == 1, outcome                                    # the RSS copy is not stored twice
        conn = core.reader()
        rows = conn.execute("SELECT a.url, group_concat(s.code) FROM articles a LEFT JOIN article_stocks s "
                            "ON s.article_id = a.id GROUP BY a.id ORDER BY a.url").fetchall()
        conn.close()
    assert len(rows) == 2
    assert all(codes and "300750" in codes for _url, codes in rows), rows

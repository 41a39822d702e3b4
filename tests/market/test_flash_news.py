"""7×24 快讯 (财联社 电报, 东方财富 快讯) through akshare's own parsing, against responses in each endpoint's
format: entries with a stable identity, titles for 电报 without one, Beijing times, links where the source has
them; empty lists, data: null and HTML pages as clear errors; stored and tagged through the feed pipeline, and
from a recording by the CLI (`fetch --once --replay`)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop.core.errors import SourceError
from desktop.core.market_hours import SHANGHAI

from .conftest import make_source

CLS = "https://www.cls.cn/v1/roll/get_roll_list"
EM = "https://np-weblist.eastmoney.com/comm/web/getFastNewsList"
T0 = int(datetime(2026, 11, 20, 14, 30, tzinfo=SHANGHAI).timestamp())


def cls_body(items: list[dict] | None) -> str:
    """财联社's answer: data.roll_data[] (akshare reads title, content, ctime, level; id and shareurl it drops)."""
    return json.dumps({"errno": 0, "data": None if items is None else {"roll_data": items, "update_num": len(items)}},
                      ensure_ascii=False)


def cls_item(i: int, title: str, content: str, ctime: int) -> dict:
    return {"id": 2200000 + i, "title": title, "content": content, "brief": content[:40], "ctime": ctime,
            "level": "B" if i % 3 == 0 else "C", "shareurl": f"https://api3.cls.cn/share/article/{2200000 + i}",
            "stock_list": []}


def em_body(items: list[dict] | None) -> str:
    return json.dumps({"code": "1", "message": "success", "data": None if items is None else
                       {"fastNewsList": items, "total": len(items)}}, ensure_ascii=False)


def em_item(code: str, title: str, summary: str, show: str) -> dict:
    return {"code": code, "title": title, "summary": summary, "showTime": show, "stockList": [],
            "titleColor": 0, "image": [], "pinglun_Num": 0}


ITEMS = [cls_item(1, "", "【宁德时代储能订单大增】财联社11月20日电，宁德时代与海外客户签署储能电池供货协议。", T0),
         cls_item(2, "光伏板块午后走强", "光伏板块午后走强，隆基绿能涨超3%。", T0 - 600),
         cls_item(3, "", "央行今日开展1000亿元逆回购操作。", T0 - 1200)]


@pytest.fixture
def src():
    s = make_source(wall_clock=lambda: T0 + 60)
    yield s
    s.close()


def test_cls_items_become_entries_with_titles_and_a_stable_identity(rsps, src):
    rsps.get(CLS, body=cls_body(ITEMS))
    entries = src.flash_news("cls")
    assert [e.title for e in entries] == ["宁德时代储能订单大增", "光伏板块午后走强", "央行今日开展1000亿元逆回购操作"]
    assert [e.published for e in entries] == [T0, T0 - 600, T0 - 1200]         # Beijing time, read right
    assert entries[0].url is None and entries[0].author == "财联社 电报"
    assert "宁德时代" in entries[0].text and entries[0].guid.startswith("akshare:cls:")
    again = src.flash_news("cls") if rsps.get(CLS, body=cls_body(ITEMS)) else None
    assert [e.guid for e in again] == [e.guid for e in entries]                # the same item, the same identity


def test_em_items_keep_their_link(rsps, src):
    rsps.get(EM, body=em_body([em_item("202611203300001", "隆基绿能发布新组件", "效率提升至24.8%。",
                                       "2026-11-20 14:20:00")]))
    (entry,) = src.flash_news("em")
    assert entry.url == "https://finance.eastmoney.com/a/202611203300001.html"
    assert entry.title == "隆基绿能发布新组件" and entry.published == T0 - 600


@pytest.mark.parametrize(("key", "url", "body", "status", "message"), [
    ("cls", CLS, cls_body(None), 200, "data: null"),
    ("em", EM, em_body(None), 200, "data: null"),
    ("cls", CLS, "<html>验证</html>", 200, "web page"),
    ("em", EM, "Bad Gateway", 502, "JSON"),
    ("cls", CLS, "error", 500, "HTTP 500"),
])
def test_broken_answers_are_clear_errors(rsps, src, key, url, body, status, message):
    rsps.get(url, body=body, status=status)
    with pytest.raises(SourceError) as err:
        src.flash_news(key)
    assert message in str(err.value) and "快讯" in str(err.value)


def test_an_empty_list_is_no_news_not_an_error(rsps, src):
    rsps.get(CLS, body=cls_body([]))
    rsps.get(EM, body=em_body([]))
    assert src.flash_news("cls") == [] and src.flash_news("em") == []


def test_stored_tagged_linked_and_never_twice(rsps, src, tmp_path, settings):
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.store import feeds as feed_ops

    rsps.get(CLS, body=cls_body(ITEMS))
    paths = Paths(tmp_path / "data", tmp_path / "cfg")
    with Core(paths, settings) as core:
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="akshare:cls", folder="快讯")]))
        refresher = core.refresher()
        refresher.flash = src.flash_news
        (outcome,) = refresher.refresh(refresher.due(force=True))
        assert outcome.status == "new" and outcome.new == 3 and outcome.label == "财联社 电报"
        (again,) = refresher.refresh(refresher.due(force=True))
        assert again.new == 0                                                 # same items: nothing twice
        conn = core.reader()
        rows = conn.execute("SELECT a.title, group_concat(DISTINCT s.code), group_concat(DISTINCT t.theme) "
                            "FROM articles a LEFT JOIN article_stocks s ON s.article_id = a.id "
                            "LEFT JOIN article_themes t ON t.article_id = a.id GROUP BY a.id").fetchall()
        conn.close()
    by_title = {r[0]: r for r in rows}
    assert "300750" in by_title["宁德时代储能订单大增"][1] and "energy" in by_title["宁德时代储能订单大增"][2]


def test_without_the_market_source_a_flash_feed_waits_for_it(tmp_path, settings):
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.store import feeds as feed_ops

    with Core(Paths(tmp_path / "d", tmp_path / "c"), settings) as core:
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="akshare:em")]))
        refresher = core.refresher()
        (outcome,) = refresher.refresh(refresher.due(force=True))
        assert outcome.status == "skipped" and not outcome.error         # not an error: the source is starting
        assert [f.url for f in refresher.due()] == ["akshare:em"]         # still due: the next round tries again


def test_the_cli_fetches_flash_news_from_a_recording(rsps, tmp_path):
    from desktop.sources.akshare_source import AkshareSource
    from desktop.sources.rate_limit import HostLimits
    from desktop.sources.recorder import Recorder, Tap
    from tests.cli_run import huohua

    rec = tmp_path / "rec"
    rsps.get(CLS, body=cls_body(ITEMS))
    recorder = Recorder(rec, {"start": datetime.fromtimestamp(T0 + 60, SHANGHAI).isoformat()})
    live = AkshareSource(Tap(HostLimits.unlimited(), recorder=recorder), wall_clock=lambda: T0 + 60)
    try:
        assert len(live.flash_news("cls")) == 3
    finally:
        live.close()
    data = tmp_path / "data"
    assert huohua(data, "feeds", "add", "akshare:cls", "--folder", "快讯").returncode == 0
    out = huohua(data, "fetch", "--once", "--replay", str(rec))
    assert out.returncode == 0, out.stderr
    assert "total: 1 feeds, 3 new articles" in out.stdout
    news = json.loads(huohua(data, "news", "--json").stdout)
    assert {"宁德时代储能订单大增", "光伏板块午后走强"} <= {a["title"] for a in news}
    assert next(a for a in news if a["title"] == "宁德时代储能订单大增")["stocks"] == ["300750"]


SINA = "https://zhibo.sina.com.cn/api/zhibo/feed"
THS = "https://news.10jqka.com.cn/tapp/news/push/stock"
FUTU = "https://news.futunn.com/news-site-api/main/get-flash-list"


def test_sina_ths_and_futu_read_from_their_json_with_ids_links_and_true_times(rsps, src, monkeypatch):
    import time as _time

    # a machine in New York: akshare would print 同花顺's and 富途's epochs in its zone; we keep the epoch
    monkeypatch.setenv("TZ", "America/New_York")
    _time.tzset()
    try:
        rsps.get(SINA, body=json.dumps({"result": {"status": {"code": 0}, "data": {"feed": {"list": [
            {"id": 4800001, "rich_text": "<b>央行</b>今日开展逆回购操作&amp;公开市场操作。", "create_time": "2026-11-20 14:28:00",
             "docurl": ""}]}}}}, ensure_ascii=False))
        rsps.get(THS, body=json.dumps({"code": "200", "data": {"list": [
            {"id": "660001", "seq": "660001", "title": "阳光电源储能订单落地", "digest": "阳光电源签署海外储能项目。",
             "rtime": str(T0 - 120), "ctime": str(T0 - 120), "url": "https://news.10jqka.com.cn/20261120/c660001.shtml"}]}},
            ensure_ascii=False))
        rsps.get(FUTU, body=json.dumps({"code": 0, "data": {"data": {"news": [
            {"id": "990001", "title": "", "content": "【亿纬锂能大圆柱电池量产】公司称产线良率提升。", "time": str(T0 - 300),
             "detailUrl": "https://news.futunn.com/flash/990001"}]}}}, ensure_ascii=False))
        (sina,) = src.flash_news("sina")
        (ths,) = src.flash_news("ths")
        (futu,) = src.flash_news("futu")
    finally:
        monkeypatch.delenv("TZ")
        _time.tzset()
    assert sina.guid == "akshare:sina:4800001" and sina.published == T0 - 120          # 14:28 Beijing
    assert sina.title.startswith("央行今日开展逆回购操作") and "<b>" not in sina.text and "&amp;" not in sina.text
    assert ths.published == T0 - 120 and ths.url.endswith("c660001.shtml") and ths.guid == "akshare:ths:660001"
    assert futu.published == T0 - 300 and futu.title == "亿纬锂能大圆柱电池量产"
    assert futu.url == "https://news.futunn.com/flash/990001"


@pytest.mark.parametrize(("key", "url", "body"), [
    ("sina", SINA, json.dumps({"result": {"status": {"code": 0}, "data": {"feed": {"list": []}}}})),
    ("ths", THS, json.dumps({"code": "200", "data": {"list": []}})),
    ("futu", FUTU, json.dumps({"code": 0, "data": {"data": {"news": []}}})),
])
def test_their_empty_lists_are_no_news(rsps, src, key, url, body):
    rsps.get(url, body=body)
    assert src.flash_news(key) == []


@pytest.mark.parametrize(("key", "url", "body", "status", "message"), [
    ("sina", SINA, json.dumps({"result": {"status": {"code": 1}, "data": None}}), 200, "unexpected answer format"),
    ("ths", THS, "<html>403 Forbidden</html>", 200, "web page"),
    ("futu", FUTU, json.dumps({"code": 0, "data": {"data": {}}}), 200, "unexpected answer format"),
    ("futu", FUTU, "busy", 503, "HTTP 503"),
])
def test_their_broken_answers_are_clear_errors(rsps, src, key, url, body, status, message):
    rsps.get(url, body=body, status=status)
    with pytest.raises(SourceError) as err:
        src.flash_news(key)
    assert message in str(err.value)


def test_cls_retry_backoff_never_sleeps_past_the_deadline(rsps, slept):
    """akshare retries 财联社 10 times, doubling its sleep up to 256 s; a worker thread asleep that long would
    hold a closing CLI open. Its sleeps are capped at the call's deadline."""
    src = make_source(deadline_s=2.0, wall_clock=lambda: T0)
    try:
        rsps.get(CLS, body="error", status=500)
        with pytest.raises(SourceError):
            src.flash_news("cls")
    finally:
        src.close()
    assert len(slept) == 9 and max(slept) <= 2.0           # uncapped: 1, 2, 4 … 256 s


def test_flash_sources_are_read_every_two_minutes_by_default(tmp_path, settings):
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.store import feeds as feed_ops

    with Core(Paths(tmp_path / "d", tmp_path / "c"), settings) as core:
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="akshare:cls", interval_s=1800),
                                                           feed_ops.NewFeed(url="https://x.test/rss", interval_s=1800)]))
        intervals = {f.url: f.interval_s for f in core.refresher().due(force=True)}
    assert intervals == {"akshare:cls": 120, "https://x.test/rss": 1800}


NOTICES = "https://np-anotice-stock.eastmoney.com/api/security/ann"


def notice(art: str, code: str, name: str, title: str, category: str, when: str) -> dict:
    """One item of the 公告 endpoint (the fields stock_individual_notice_report reads, and display_time)."""
    return {"art_code": art, "title": title, "notice_date": when[:10] + " 00:00:00", "display_time": when + ":123",
            "eiTime": when, "codes": [{"stock_code": code, "short_name": name, "ann_type": "A,SZA",
                                       "market_code": "0", "inner_code": "1"}],
            "columns": [{"column_code": "001001", "column_name": category}]}


def test_notices_of_watched_stocks_are_linked_to_them_and_tagged(rsps, src, tmp_path, settings):
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.store import feeds as feed_ops
    from desktop.store import market_store as ms

    def answer(request):
        code = dict(requests_params(request.url))["stock_list"]
        items = {"300750": [notice("AN202611201", "300750", "宁德时代", "关于2026年第三季度报告的公告", "财务报告",
                                   "2026-11-20 18:30:05")],
                 "300014": [notice("AN202611192", "300014", "亿纬锂能", "关于股东减持股份的预披露公告", "持股变动",
                                   "2026-11-19 20:01:00")]}.get(code, [])
        return 200, {}, json.dumps({"data": {"list": items, "page_index": 1, "page_size": 50,
                                             "total_hits": len(items)}, "error": "", "success": 1}, ensure_ascii=False)

    rsps.add_callback("GET", NOTICES, callback=answer)
    paths = Paths(tmp_path / "data", tmp_path / "cfg")
    with Core(paths, settings) as core:
        core.writer.call(ms.ensure_default_watchlist)
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="akshare:notices", folder="公告")]))
        refresher = core.refresher()
        refresher.flash = src.flash_news
        (feed,) = refresher.due(force=True)
        assert feed.interval_s == 1800                                      # every half hour by default
        (outcome,) = refresher.refresh([feed])
        assert outcome.status == "new" and outcome.new == 2, outcome
        conn = core.reader()
        rows = conn.execute("SELECT a.title, a.url, group_concat(DISTINCT s.code), group_concat(DISTINCT t.theme) "
                            "FROM articles a LEFT JOIN article_stocks s ON s.article_id = a.id "
                            "LEFT JOIN article_themes t ON t.article_id = a.id GROUP BY a.id").fetchall()
        conn.close()
    by_title = {r[0]: r for r in rows}
    assert set(by_title) == {"关于2026年第三季度报告的公告", "关于股东减持股份的预披露公告"}, rows
    report = by_title["关于2026年第三季度报告的公告"]                 # the title names no company: linked by source
    assert report[2] == "300750" and "公告" in report[3]
    assert report[1] == "https://data.eastmoney.com/notices/detail/300750/AN202611201.html"
    assert by_title["关于股东减持股份的预披露公告"][2] == "300014"


def requests_params(url: str):
    from urllib.parse import parse_qsl, urlsplit

    return parse_qsl(urlsplit(url).query)


def test_the_same_story_from_two_flash_sources_is_listed_once_also_reported_by_the_other(rsps, src, tmp_path,
                                                                                        settings):
    """财联社 (title from its 【lead】, dateline) and 新浪 (no title, a sentence more) carry one story: the list shows
    the first copy stored, the article names the other source. A different story of the same template is kept."""
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.core.news_filter import NewsFilter
    from desktop.store import feeds as feed_ops
    from desktop.store import queries

    rsps.get(CLS, body=cls_body([
        cls_item(1, "", "【宁德时代与海外客户签署储能电池供货协议】财联社11月20日电，宁德时代与海外客户签署储能电池供货协议，"
                        "合同金额约50亿元。", T0 - 300),
        cls_item(2, "", "财联社11月20日电，沪指午盘涨0.52%，深成指涨0.80%，创业板指涨1.10%，算力板块领涨。", T0 - 600)]))
    rsps.get(SINA, body=json.dumps({"result": {"status": {"code": 0}, "data": {"feed": {"list": [
        {"id": 4800011, "rich_text": "宁德时代与海外客户签署储能电池供货协议，合同金额约50亿元，将于2027年起分批交付。",
         "create_time": "2026-11-20 14:27:00", "docurl": ""},
        {"id": 4800012, "rich_text": "沪指收盘涨0.61%，深成指涨0.95%，创业板指涨1.32%，算力板块领涨。",
         "create_time": "2026-11-20 14:29:00", "docurl": ""}]}}}}, ensure_ascii=False))
    with Core(Paths(tmp_path / "data", tmp_path / "cfg"), settings) as core:
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="akshare:cls", title="财联社 电报"),
                                                          feed_ops.NewFeed(url="akshare:sina", title="新浪 7x24")]))
        refresher = core.refresher()
        refresher.flash = src.flash_news
        outcomes = refresher.refresh(refresher.due(force=True))
        assert sum(o.new for o in outcomes) == 4                      # every copy is stored (nothing is lost)
        conn = core.reader()
        listed = queries.list_articles(conn, NewsFilter(collapse_duplicates=True))   # as the window lists
        catl = next(r for r in listed if "宁德时代" in r.title)
        others = queries.also_reported(conn, catl.id)
        conn.close()
    assert len(listed) == 3, [r.title for r in listed]                 # the 宁德时代 story once; two index updates
    (other,) = [name for _id, name in others]                           # the copy not listed names its source
    assert {other, catl.feed_title} == {"财联社 电报", "新浪 7x24"}


def test_an_rsshub_copy_of_a_telegraph_joins_its_story_and_an_rss_article_does_not(rsps, src, tmp_path, settings):
    """An RSS feed's short item (an RSSHub copy of 电报) meets the 快讯 source's item; a long RSS article with the
    same words in its lead does not (only 快讯 meet by text)."""
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.services.parse_pool import parse_and_tag
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops

    lead = "宁德时代与海外客户签署储能电池供货协议，合同金额约50亿元。"
    rsps.get(CLS, body=cls_body([cls_item(1, "", "【宁德时代签署储能供货协议】财联社11月20日电，" + lead, T0 - 300)]))
    pub = datetime.fromtimestamp(T0 - 240, SHANGHAI).strftime("%a, %d %b %Y %H:%M:%S +0800")
    rss = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>RSSHub 电报</title>"
           f"<item><title>宁德时代海外储能大单落地</title><link>http://127.0.0.1:1200/cls/1</link><pubDate>{pub}</pubDate>"
           f"<description>{lead}</description></item>"
           f"<item><title>深度：储能出海</title><link>http://127.0.0.1:1200/depth/2</link><pubDate>{pub}</pubDate>"
           f"<description>{lead + '储能行业分析。' * 80}</description></item></channel></rss>").encode()
    with Core(Paths(tmp_path / "data", tmp_path / "cfg"), settings) as core:
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="akshare:cls")]))
        refresher = core.refresher()
        refresher.flash = src.flash_news
        refresher.refresh(refresher.due(force=True))

        def add_rss(conn):
            ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url="https://rss.example/cls.xml")])
            parsed = parse_and_tag(rss, {}, "https://rss.example/cls.xml", T0, tagger=core.tagger())
            return article_ops.ingest(conn, ids[0], parsed.items, T0).new

        assert len(core.writer.call(add_rss)) == 2
        conn = core.reader()
        rows = conn.execute("SELECT f.url, a.title, a.cluster_key FROM articles a JOIN feeds f ON f.id = a.feed_id"
                            ).fetchall()
        conn.close()
    telegraph = next(k for url, _t, k in rows if url == "akshare:cls")
    copy = next(k for url, t, k in rows if url != "akshare:cls" and t.startswith("宁德时代"))
    article = next(k for _u, t, k in rows if t.startswith("深度"))
    assert copy == telegraph != "" and article != telegraph


def test_a_huge_answer_keeps_only_the_newest_items(rsps, src, caplog):
    """50k items in 财联社's recorded format (588 MB at peak before the cap): only MAX_ITEMS, the newest, and one
    warning."""
    from desktop.sources import flash_news

    items = [cls_item(i, f"快讯标题{i}", f"第{i}条快讯内容。", T0 - 50_000 + i) for i in range(50_000)]
    rsps.get(CLS, body=cls_body(items))
    with caplog.at_level("WARNING", logger="desktop.sources.flash_news"):
        entries = src.flash_news("cls")
    assert len(entries) == flash_news.MAX_ITEMS
    assert entries[0].published == T0 - 1 and entries[-1].published == T0 - flash_news.MAX_ITEMS
    assert len([r for r in caplog.records if "kept the newest" in r.getMessage()]) == 1


def test_a_huge_own_json_answer_is_capped_too(rsps, src):
    from desktop.sources import flash_news

    news = [{"id": str(i), "title": f"标题{i}", "content": f"内容{i}。", "time": str(T0 - 50_000 + i),
             "detailUrl": f"https://news.futunn.com/flash/{i}"} for i in range(50_000)]
    rsps.get(FUTU, body=json.dumps({"code": 0, "data": {"data": {"news": news}}}, ensure_ascii=False))
    entries = src.flash_news("futu")
    assert len(entries) == flash_news.MAX_ITEMS and entries[0].guid == "akshare:futu:49999"


def test_an_answer_over_the_byte_cap_is_refused(rsps, src, monkeypatch):
    from desktop.sources import flash_news

    monkeypatch.setattr(flash_news, "MAX_ANSWER_BYTES", 1000)
    rsps.get(FUTU, body=json.dumps({"code": 0, "data": {"data": {"news": [{"id": "1", "content": "x" * 2000}]}}}))
    with pytest.raises(SourceError, match="too large"):
        src.flash_news("futu")

"""Alerts (issue 13): price rules fire once per crossing and re-arm past the hysteresis; % change and 涨停 by
board; nothing on stale quotes or outside trading hours; news rules on newly stored articles only; rules and
arming survive a restart; `huohua alerts run --replay` prints one JSON line per fired alert."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import datetime

import pytest

from desktop.core.alerts import Evaluator, NewArticle, Rule, limit_pct, limit_prices, normalise_level
from desktop.core.market import Quote
from desktop.core.market_hours import SHANGHAI

T = int(datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI).timestamp())      # a Friday, in the morning session


def quote(code: str, price: float, prev: float = 100.0, t: int = T, name: str = "测试", volume: float = 1e6) -> Quote:
    return Quote(code=code, name=name, price=price, change_pct=round((price / prev - 1) * 100, 2),
                 change=price - prev, open=prev, high=price, low=price, prev_close=prev, volume=volume,
                 amount=None, turnover_pct=None, total_cap=None, time=t, fetched=t)


def rule(rid: int, kind: str, code: str = "600000", value: float | None = None, **kw) -> Rule:
    return Rule(rid, kind, kw.pop("scope", "stock"), code, value=normalise_level(kind, value), cooldown_s=0, **kw)


def run(ev: Evaluator, prices: list[float], code: str = "600000", prev: float = 100.0) -> list[int]:
    """Feed one price per minute; the minutes at which something fired."""
    fired = []
    for i, p in enumerate(prices):
        q = quote(code, p, prev, T + 60 * i)
        if ev.on_quotes([q], T + 60 * i):
            fired.append(i)
        ev.after_quotes([q])
    return fired


def test_a_crossing_fires_once_and_rearms_only_past_the_hysteresis():
    ev = Evaluator([rule(1, "price_above", value=105)])
    #               below  cross  above  dip(105 - 0.3 %: not past 0.5 %)  above  back below 104.475  cross again
    assert run(ev, [104.0, 105.2, 106.0, 104.7, 105.5, 104.0, 105.1]) == [1, 6]


def test_percent_change_rules_for_every_stock_and_one_stock():
    ev = Evaluator([rule(1, "change_above", scope="all", code="", value=5),
                    rule(2, "change_below", value=3, code="000001")])
    out = ev.on_quotes([quote("600000", 105.5), quote("600001", 104.0), quote("000001", 96.9)], T)
    assert sorted((f.rule, f.code) for f in out) == [(1, "600000"), (2, "000001")]
    assert ev.on_quotes([quote("600000", 106.0)], T + 60) == []          # still above: no second alert


@pytest.mark.parametrize(("code", "name", "pct"), [("600519", "贵州茅台", 10), ("300750", "宁德时代", 20),
                                                   ("688256", "寒武纪", 20), ("920118", "北交所股", 30),
                                                   # 主板 ST: ±10 % since 2025-07-07 (T is 2026-11-20); 创业板 ST ±20 %
                                                   ("000001", "*ST某某", 10), ("600001", "ST某某", 10),
                                                   ("300001", "ST某某", 20)])
def test_limit_up_by_board(code, name, pct):
    day = datetime.fromtimestamp(T, SHANGHAI).date()
    assert limit_pct(code, name, day) == pct
    up, down = limit_prices(code, name, 10.0, day)
    assert up == round(10 * (1 + pct / 100), 2) and down == round(10 * (1 - pct / 100), 2)
    ev = Evaluator([rule(1, "limit_up", code=code), rule(2, "limit_up_open", code=code)])
    below = replace(quote(code, up - 0.05, 10.0, name=name))
    at = replace(quote(code, up, 10.0, T + 60, name=name))
    opened = replace(quote(code, up - 0.02, 10.0, T + 120, name=name))
    fired = []
    for i, q in enumerate((below, at, opened)):
        fired += [(i, f.kind) for f in ev.on_quotes([q], q.time)]
        ev.after_quotes([q])
    assert fired == [(1, "limit_up"), (2, "limit_up_open")]


def test_a_main_board_st_stock_was_held_to_five_percent_before_2025_07_07():
    """The same rule as the breadth count (core/breadth.py): a 涨停 alert never disagrees with the strip."""
    from datetime import date

    assert limit_pct("600001", "ST某某", date(2025, 7, 4)) == 5
    assert limit_pct("600001", "ST某某", date(2025, 7, 7)) == 10
    assert limit_pct("300001", "ST某某", date(2025, 7, 4)) == 20
    assert limit_pct("600001", "N某某", date(2026, 11, 20)) is None          # a listing's first days: no limit
    assert limit_prices("600001", "N某某", 10.0, date(2026, 11, 20)) == (math.inf, -math.inf)
    ev = Evaluator([rule(1, "limit_up", code="600001")])                     # a false 涨停 at +5 % before
    assert ev.on_quotes([quote("600001", 10.5, 10.0, name="ST某某")], T) == []


def test_no_price_alert_on_a_stale_quote_or_outside_trading_hours():
    ev = Evaluator([rule(1, "price_above", value=105)])
    assert ev.on_quotes([quote("600000", 110)], T + 600) == []                       # 10 minutes old
    lunch = int(datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI).timestamp())
    saturday = int(datetime(2026, 11, 21, 10, 0, tzinfo=SHANGHAI).timestamp())
    evening = int(datetime(2026, 11, 20, 20, 0, tzinfo=SHANGHAI).timestamp())
    for t in (lunch, saturday, evening):
        assert ev.on_quotes([quote("600000", 110, t=t)], t) == []
    assert [f.rule for f in ev.on_quotes([quote("600000", 110)], T)] == [1]


def test_the_cooldown_holds_a_rearmed_rule_back():
    ev = Evaluator([replace(rule(1, "price_above", value=105), cooldown_s=600)])
    assert run(ev, [106, 104, 106, 104, 106, 104, 106, 104, 106, 104, 106, 104]) == [0, 10]


def test_volume_spike_against_the_recent_average():
    ev = Evaluator([rule(1, "volume_spike", value=2)], avg_volume={"600000": 1e6})
    assert ev.on_quotes([quote("600000", 101, volume=1.5e6)], T) == []
    assert [f.value for f in ev.on_quotes([quote("600000", 101, t=T + 60, volume=2.4e6)], T + 60)] == [2.4]


def test_news_rules_by_stock_list_theme_query_and_notice():
    ev = Evaluator([rule(1, "news_stock", code="300750"), rule(2, "news_list", scope="list", code="", list_name="电池"),
                    rule(3, "news_theme", scope="all", code="", theme="energy"),
                    rule(4, "news_query", scope="all", code="", query="固态电池"),
                    rule(5, "notice", scope="all", code="")],
                   lists={"电池": ("300014",)}, search=lambda q, ids: {2} if q == "固态电池" else set())
    arts = [NewArticle(1, T, "宁德时代储能订单", ("300750",), ("energy",)),
            NewArticle(2, T, "固态电池进展", ("300014",), ()),
            NewArticle(3, T, "亿纬锂能：关于回购的公告", ("300014",), ("公告",))]
    got = sorted((f.rule, f.article, f.code) for f in ev.on_articles(arts))
    assert got == [(1, 1, "300750"), (2, 2, "300014"), (2, 3, "300014"), (3, 1, "300750"), (4, 2, "300014"),
                   (5, 3, "300014")]


def test_a_news_alert_fires_for_a_new_article_and_not_when_it_is_fetched_again(tmp_path, settings, httpserver):
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.services.alerts import AlertService
    from desktop.store import alerts as alert_ops
    from tests.news import feedgen
    from tests.news.helpers import add_feed

    items = [{"title": "宁德时代发布新电池", "link": "http://a.example/1", "guid": "a1", "description": "储能",
              "pubDate": "2026-11-20 09:30:00"}]
    httpserver.expect_request("/f.xml").respond_with_data(feedgen.rss(items), content_type="application/rss+xml")
    paths = Paths(tmp_path / "d", tmp_path / "c")
    with Core(paths, settings) as core:
        core.writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "news_stock", "stock", "300750")))
        service = AlertService(core.writer, paths.db)
        commits: list = []
        core.writer.add_listener(commits.append)      # what the window's bus delivers as data_committed
        fid = add_feed(core, httpserver.url_for("/f.xml"))
        refresher = core.refresher()
        outcomes = refresher.refresh(refresher.due(feed_ids=[fid]))
        from desktop.core.changes import Changes

        merged = Changes()
        for ch in commits:
            merged.merge(ch)
        ids = merged.articles_added
        first = service.process(merged)
        assert [(f.rule, f.code, f.article) for f in first] == [(1, "300750", min(ids))] and outcomes[0].new == 1
        commits.clear()
        again = refresher.refresh(refresher.due(feed_ids=[fid], force=True))
        assert again[0].new == 0                                # fetched again: nothing new, nothing fires
        merged = Changes()
        for ch in commits:
            merged.merge(ch)
        assert service.process(merged) == []
        conn = core.reader()
        log = alert_ops.fired_log(conn)
        conn.close()
    assert [(r["rule"], r["kind"], r["article"], r["source"]) for r in log] == [(1, "news_stock", min(ids), "live")]


def test_rules_and_arming_survive_a_restart(tmp_path, settings):
    from desktop.app import Core
    from desktop.config import Paths
    from desktop.core.changes import Changes
    from desktop.services.alerts import AlertService
    from desktop.store import alerts as alert_ops
    from desktop.store import market_store as ms

    paths = Paths(tmp_path / "d", tmp_path / "c")
    clock = lambda: T + 5   # noqa: E731
    with Core(paths, settings) as core:
        core.writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "price_above", "stock", "600000", value=105,
                                                                 note="突破")))
        core.writer.call(lambda c: ms.upsert_quotes(c, [quote("600000", 106)], "test"))
        first = AlertService(core.writer, paths.db, clock=clock).process(Changes(quotes={"600000"}))
        assert [f.note for f in first] == ["突破"]
    with Core(paths, settings) as core:          # a restart: the rule is there and still disarmed
        conn = core.reader()
        assert [r.note for r in alert_ops.rules(conn)] == ["突破"]
        conn.close()
        assert AlertService(core.writer, paths.db, clock=clock).process(Changes(quotes={"600000"})) == []


def test_the_cli_adds_lists_removes_and_replays(tmp_path):
    from desktop.config import resources_dir
    from tests.cli_run import huohua

    data = tmp_path / "data"
    assert huohua(data, "alerts", "add", "price", "宁德时代", "--above", "280", "--note", "新高").returncode == 0
    assert huohua(data, "alerts", "add", "news", "--theme", "能源").returncode == 0
    bad = huohua(data, "alerts", "add", "price", "300750", "--above", "-1")
    assert bad.returncode == 2 and "price above 0" in bad.stderr
    rules = json.loads(huohua(data, "alerts", "list", "--json").stdout)
    assert [(r["id"], r["kind"], r["code"], r["value"]) for r in rules] == [(1, "price_above", "300750", 280.0),
                                                                            (2, "news_theme", "", None)]
    out = huohua(data, "alerts", "run", "--replay", str(resources_dir() / "demo"))
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert all(set(x) >= {"rule", "code", "kind", "value", "time", "article"} for x in lines)
    price = [x for x in lines if x["rule"] == 1]
    assert len(price) == 1 and price[0]["code"] == "300750" and price[0]["value"] > 280 and price[0]["source"] == "demo"
    assert any(x["rule"] == 2 and x["article"] for x in lines)
    assert json.loads(huohua(data, "alerts", "log", "--json").stdout) == []   # a replay is never logged as live
    assert huohua(data, "alerts", "remove", "1").returncode == 0
    assert huohua(data, "alerts", "remove", "1").returncode == 2

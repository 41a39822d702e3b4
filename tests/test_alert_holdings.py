"""Holding alerts (issue 27, core/alert_holdings.py): 盈亏% ≥ X, ≤ −X and 回本 against the holding's 成本价, each
once per crossing; the existing price and news rules for 全部持仓 (a new buy watched from its commit); the alert
service reading the holdings from the database; amounts hidden in a notification under 隐藏金额."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.core import alert_holdings as holdings
from desktop.core import clock
from desktop.core import positions as pos
from desktop.core.alerts import Evaluator, NewArticle, Rule
from desktop.core.market import Quote
from desktop.core.market_hours import SHANGHAI

NOW = pytest.mark.now("2026-11-20 14:35", tick=False)
COST = 250.0          # 300750: 200 shares at 250.00, no fee


def _q(code: str, price: float, t: int | None = None, prev: float = 250.0) -> Quote:
    t = t or int(clock.now())
    return Quote(code, "宁德时代", price, round((price / prev - 1) * 100, 2), price - prev, prev, price, price, prev,
                 1e6, 1e8, 1.0, None, t, t)


def _ev(*rules: Rule, held=None) -> Evaluator:
    ev = Evaluator(rules, {holdings.HOLDINGS_LIST: tuple(sorted(held or {"300750": 0}))})
    ev.holdings = holdings.held([pos.make_trade("300750", "2026-10-09", "buy", 200, "250.00")]) if held is None \
        else held
    return ev


def _run(ev, *prices, code="300750", prev=250.0):
    now = int(clock.now())
    out = []
    for i, p in enumerate(prices):
        out += ev.on_quotes([_q(code, p, now - len(prices) + i + 1, prev)], now)
    return out


@NOW
def test_profit_pct_fires_once_per_crossing_and_rearms():
    ev = _ev(Rule(1, "holding_gain", "holdings", value=10.0, cooldown_s=0))
    assert _run(ev, 270.0) == []                                   # +8 %
    fired = _run(ev, 276.0)                                        # +10.4 %
    assert [(f.rule, f.code, f.kind, f.value, f.title) for f in fired] == [(1, "300750", "holding_gain", 10.4,
                                                                             "+5,200.00")]
    assert _run(ev, 277.0, 275.0) == []                            # still above, then 10.0: disarmed
    assert _run(ev, 273.0) == []                                   # 9.2 %: back past 9.5 — armed again
    assert len(_run(ev, 276.0)) == 1


@NOW
def test_loss_pct_and_its_level_sign():
    ev = _ev(Rule(2, "holding_loss", "stock", code="300750", value=5.0, cooldown_s=0))
    assert _run(ev, 240.0) == []                                   # −4 %
    fired = _run(ev, 237.0)                                        # −5.2 %
    assert [(f.kind, f.value, f.title) for f in fired] == [("holding_loss", -5.2, "-2,600.00")]
    assert _run(ev, 300.0) == []                                   # a rise is no loss (and re-arms it)
    assert len(_run(ev, 237.0)) == 1
    ev2 = _ev(Rule(3, "holding_loss", "stock", code="601012", value=5.0, cooldown_s=0))
    assert _run(ev2, 200.0) == []                                  # a stock not held: nothing


@NOW
def test_breakeven_fires_on_the_way_back_up_only():
    ev = _ev(Rule(4, "breakeven", "holdings", cooldown_s=0))
    assert _run(ev, 255.0, 260.0) == []                            # above cost from the start: no crossing
    assert _run(ev, 245.0) == []                                   # below: armed
    fired = _run(ev, 250.0)                                        # back at cost
    assert [(f.kind, f.value, f.title) for f in fired] == [("breakeven", 0.0, "+0.00")]
    assert _run(ev, 249.9, 251.0) == []                            # −0.04 %: not back past −0.5 %
    assert _run(ev, 248.0) == [] and len(_run(ev, 250.5)) == 1     # −0.8 %: armed again, then back


@NOW
def test_no_holding_alert_on_a_stale_quote_or_outside_trading_or_in_the_cooldown():
    ev = _ev(Rule(5, "holding_gain", "holdings", value=10.0, cooldown_s=600))
    now = int(clock.now())
    assert ev.on_quotes([_q("300750", 280.0, now - 600)], now) == []          # 10 min old
    lunch = int(datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI).timestamp())
    assert ev.on_quotes([_q("300750", 280.0, lunch)], lunch + 1) == []        # 午休
    assert len(_run(ev, 280.0)) == 1
    assert _run(ev, 260.0, 280.0) == []                                       # re-armed, but in the cooldown


@NOW
def test_existing_price_and_news_rules_for_every_holding():
    held = {"300750": holdings.Held(250.0, 200), "601012": holdings.Held(20.0, 1000)}
    ev = _ev(Rule(6, "change_above", "holdings", value=3.0, cooldown_s=0),
             Rule(7, "news_stock", "holdings"), held=held)
    fired = _run(ev, 260.0) + _run(ev, 21.0, code="601012", prev=20.0) + _run(ev, 31.0, code="300014", prev=30.0)
    assert [(f.rule, f.code) for f in fired] == [(6, "300750"), (6, "601012")]   # 300014 is not held
    news = ev.on_articles([NewArticle(9, int(clock.now()), "t", ("601012",), ()),
                           NewArticle(10, int(clock.now()), "t", ("300014",), ())])
    assert [(f.rule, f.code, f.article) for f in news] == [(7, "601012", 9)]


def test_rule_levels_are_checked():
    from desktop.core.alerts import rule_problem

    assert rule_problem("holding_gain", 10.0, 300) == ""
    assert rule_problem("holding_loss", 0.0, 300) and rule_problem("holding_gain", float("nan"), 300)
    assert rule_problem("breakeven", None, 300) == ""


@NOW
def test_the_service_watches_the_stored_holdings_and_follows_a_new_buy(tmp_path):
    from desktop.core.changes import Changes
    from desktop.services.alerts import AlertService
    from desktop.store import alerts as alert_ops
    from desktop.store import market_store as ms
    from desktop.store import positions_store as ps
    from desktop.store.writer import Writer

    writer = Writer(tmp_path / "h.db", tmp_path / "backups")
    writer.start()
    try:
        writer.call(lambda c: ps.add_trades(c, [pos.make_trade("300750", "2026-10-09", "buy", 200, "250.00")]))
        writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "holding_gain", "holdings", value=10.0, cooldown_s=0)))
        writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "price_above", "holdings", value=30.0, cooldown_s=0)))
        service = AlertService(writer, tmp_path / "h.db", clock=clock.now)
        writer.call(lambda c: ms.upsert_quotes(c, [_q("300750", 280.0), _q("601012", 31.0, prev=30.0)], "t"))
        fired = service.process(Changes(quotes={"300750", "601012"}))
        assert sorted((f.kind, f.code) for f in fired) == [("holding_gain", "300750"), ("price_above", "300750")]
        # a new buy of 601012: its commit says `positions`, and the 全部持仓 rule watches it from then on
        writer.call(lambda c: ps.add_trades(c, [pos.make_trade("601012", "2026-11-02", "buy", 1000, "20.00")]))
        service.process(Changes(positions=True))
        fired = service.process(Changes(quotes={"601012"}))
        assert sorted((f.kind, f.code) for f in fired) == [("holding_gain", "601012"), ("price_above", "601012")]
        assert service.evaluator.lists[holdings.HOLDINGS_LIST] == ("300750", "601012")
    finally:
        writer.close()

"""Alerts on 盘口异动 (issue 26): a rule of kind "mover" names the types (core/alert_movers.py) and fires when a new
event of one of them is stored for a watched stock — once per event, with the rule's cooldown per stock, never for
an event an answer repeats, never for an unwatched stock or another type; through the alert service on a real
writer and store, as the window's runner drives it."""

from __future__ import annotations

from desktop.core.alert_movers import problem, query_of, types_of
from desktop.core.alerts import Evaluator, Fired, Rule
from desktop.core.movers import MoverEvent
from desktop.services.alerts import AlertService
from desktop.store import alerts as alert_ops
from desktop.store import market_store as ms
from desktop.store import movers as store

DAY = "2026-11-20"


def ev(t: str, code: str, kind: int, info: str = "-0.031260") -> MoverEvent:
    return MoverEvent(DAY, t, code, {"300014": "亿纬锂能", "300750": "宁德时代"}.get(code, "其他"), kind, info)


def test_types_are_read_by_name_key_or_code_and_checked():
    assert types_of("火箭发射,dive，8194") == {8201, 8203, 8194}
    assert query_of([8201, 8203]) == "火箭发射,高台跳水"
    assert problem("火箭发射") == "" and "at least one" in problem("") and "unknown" in problem("火箭发射,飞天")


def test_a_chosen_type_fires_for_a_watched_stock_only_with_the_cooldown():
    from desktop.core import alert_movers

    rule = Rule(1, "mover", "all", query="高台跳水,火箭发射", cooldown_s=300, note="看跳水")
    e = Evaluator([rule], lists={"储能": ("300014", "300750")}, source="demo")
    assert alert_movers.watching(e)
    fired = alert_movers.check(e, [ev("10:31:02", "300014", 8203), ev("10:31:05", "300750", 8193),
                                   ev("10:31:06", "600000", 8203, "0.05")], Fired)
    assert [(f.code, f.kind, f.title, f.source, f.note) for f in fired] == [
        ("300014", "mover", "高台跳水 10:31:02 -3.13%", "demo", "看跳水")]
    assert f"{fired[0].to_json()['time']}" == "2026-11-20T10:31:02+08:00"
    assert alert_movers.check(e, [ev("10:33:00", "300014", 8203)], Fired) == []        # within the cooldown
    assert len(alert_movers.check(e, [ev("10:37:00", "300014", 8201, "0.02")], Fired)) == 1
    one = Evaluator([Rule(2, "mover", "stock", code="300750", query="大笔买入", cooldown_s=0)], lists={})
    assert [f.code for f in alert_movers.check(one, [ev("10:31:05", "300750", 8193, "3520,283.10,0.003865"),
                                                    ev("10:31:06", "300014", 8193)], Fired)] == ["300750"]


def test_the_alert_service_fires_on_new_events_only_and_records_them(writer):
    writer.call(ms.ensure_default_watchlist)                  # 储能与电池 holds 300014
    writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "mover", "all", query="高台跳水", cooldown_s=0)))
    svc = AlertService(writer, writer.db_path, source="live", clock=lambda: 1_795_000_000)
    first = [ev("10:31:02", "300014", 8203), ev("10:31:05", "300750", 8193)]
    changes, _new = writer.call(lambda c: store.store_movers(c, DAY, (8203, 8193), first, None, 1))
    fired = svc.process(changes)
    assert [(f.code, f.title) for f in fired] == [("300014", "高台跳水 10:31:02 -3.13%")]
    again, _new = writer.call(lambda c: store.store_movers(c, DAY, (8203, 8193), first, None, 2))
    assert not again.movers and svc.process(again) == []                 # the same answer: nothing new
    log = writer.call(lambda c: alert_ops.fired_log(c))
    assert [(x["code"], x["kind"]) for x in log] == [("300014", "mover")]

"""`huohua alerts add mover` (issue 26: mover alerts from the CLI): the rule the dialog's 自选股出现盘口异动 makes —
every watched stock, one list or one stock, the types by name, key or code (default the dialog's four), the
types that are not fetched and unknown ones refused (exit 2); `alerts run --replay` fires it on the recording's
异动. The store refuses a mover rule with no known type whatever calls it."""

from __future__ import annotations

import json

import pytest

from desktop.config import resources_dir
from desktop.core.alerts import Rule
from desktop.store import alerts as alert_ops
from tests.cli_run import huohua

DEMO_NOW = pytest.mark.now("2026-11-20 14:36", tick=False)


@DEMO_NOW
def test_mover_rules_are_added_checked_listed_and_fire_on_the_recording(tmp_path):
    data = tmp_path / "data"
    assert huohua(data, "watchlist", "add", "300014").returncode == 0        # 自选; the seeded lists come with it
    ok = huohua(data, "alerts", "add", "mover", "--types", "高台跳水,rocket", "--note", "盯盘")
    assert ok.returncode == 0 and ok.stdout.strip() == "added alert #1", ok.stderr
    assert huohua(data, "alerts", "add", "mover", "亿纬锂能", "--types", "8194", "--cooldown", "0").returncode == 0
    assert huohua(data, "alerts", "add", "mover", "--list", "光伏与逆变器", "--types", "dive").returncode == 0
    assert huohua(data, "alerts", "add", "mover", "--list", "自选").returncode == 0          # the default types
    unknown = huohua(data, "alerts", "add", "mover", "--types", "火箭发射,飞天")
    assert unknown.returncode == 2 and "unknown 异动 type '飞天'" in unknown.stderr
    unpolled = huohua(data, "alerts", "add", "mover", "--types", "60日新高")
    assert unpolled.returncode == 2 and "is not fetched" in unpolled.stderr and "火箭发射" in unpolled.stderr
    both = huohua(data, "alerts", "add", "mover", "300750", "--list", "自选")
    assert both.returncode == 2 and "not both" in both.stderr

    rules = json.loads(huohua(data, "alerts", "list", "--json").stdout)
    assert [(r["kind"], r["scope"], r["code"], r["list"], r["query"]) for r in rules] == [
        ("mover", "all", "", "", "火箭发射,高台跳水"),
        ("mover", "stock", "300014", "", "大笔卖出"),
        ("mover", "list", "", "光伏与逆变器", "高台跳水"),
        ("mover", "list", "", "自选", "火箭发射,封涨停板,打开涨停板,高台跳水")]
    assert rules[0]["note"] == "盯盘"

    out = huohua(data, "alerts", "run", "--replay", str(resources_dir() / "demo"))
    assert out.returncode == 0, out.stderr
    assert "warning" not in out.stderr                  # a mover rule fetches no quotes
    fired = [json.loads(line) for line in out.stdout.splitlines()]
    got = [(f["rule"], f["code"], f["time"][11:19], f["title"].split()[0]) for f in fired]
    # rule 1: every watched stock (the seeded lists hold 300073, 300014 and 601012); rule 3: 601012 is in
    # 光伏与逆变器; rule 4: 自选 holds 300014 (高台跳水 is a default type; its 大笔卖出 is not)
    assert got == [(1, "300073", "09:31:05", "火箭发射"), (1, "300014", "10:31:02", "高台跳水"),
                   (4, "300014", "10:31:02", "高台跳水"), (2, "300014", "10:33:40", "大笔卖出"),
                   (1, "601012", "11:05:09", "高台跳水"), (3, "601012", "11:05:09", "高台跳水")]
    assert all(f["kind"] == "mover" and f["source"] == "demo" for f in fired)
    assert fired[0]["title"] == "火箭发射 09:31:05 +3.19%" and fired[0]["note"] == "盯盘"


def test_the_store_refuses_a_mover_rule_without_a_known_type(writer):
    with pytest.raises(alert_ops.BadRule, match="known type"):
        writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "mover", "all", query="飞天")))
    rid = writer.call(lambda c: alert_ops.add_rule(c, Rule(0, "mover", "all", query="高台跳水")))
    assert rid == 1

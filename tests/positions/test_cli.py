"""`huohua positions`: list, add, sell, method, and the demo's holdings through the real command."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from desktop.__main__ import main
from tests.cli_run import huohua

DEMO = "resources/demo"


def run(capsys, data, *args):
    rc = main(["--data-dir", str(data), *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_the_demo_replay_shows_its_holdings_with_value_exactly_shares_times_price(tmp_path):
    r = huohua(tmp_path / "data", "positions", "--replay", DEMO, "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout, parse_float=D)
    assert [o["code"] for o in rows] == ["300750", "600900", "601012", "688063"]
    fields = {"code", "name", "shares", "cost", "price", "value", "pnl_today", "pnl", "pnl_pct"}
    for o in rows:
        assert fields <= set(o) and o["demo"] is True
        assert o["value"] == o["shares"] * o["price"]                    # exact: no float on the way
        assert o["value"] == o["value"].quantize(D("0.01"))
        assert o["pnl"] == o["value"] - o["cost_total"]
    catl = rows[0]
    assert (catl["name"], catl["shares"], catl["price"]) == ("宁德时代", 200, D("284.04"))
    assert catl["realized"] > 0                                         # the demo sold part of a lot
    bought_today = rows[1]                                              # 1000 长江电力 at 10.98 + 5 on the session
    assert bought_today["pnl_today"] == (bought_today["price"] - D("10.98")) * 1000 - 5
    assert sum(o["weight_pct"] for o in rows) == pytest.approx(D(100), abs=D("0.05"))
    assert not (tmp_path / "data" / "huohua.sqlite3").exists()         # the demo's 持仓 lives in a throw-away one


@pytest.mark.now("2026-11-20 15:30", tick=False)
def test_add_sell_and_list_in_a_data_directory(tmp_path, capsys):
    data = tmp_path / "data"
    assert run(capsys, data, "positions", "add", "600900", "--shares", "300", "--price", "10.01",
               "--fee", "0.1", "--date", "2026-11-02")[0] == 0
    rc, out, _ = run(capsys, data, "positions", "sell", "600900", "--shares", "100", "--price", "11")
    assert rc == 0 and "600900" in out and "2026-11-20" in out          # the date defaults to the one clock's today
    rc, out, err = run(capsys, data, "positions", "--json")
    assert err == "" or "warning" in err or "error" in err               # no network here: stored quotes or none
    rows = json.loads(out, parse_float=D)
    assert [(o["code"], o["shares"], o["cost"]) for o in rows] == [("600900", 200, D("10.010"))]
    assert rows[0]["realized"] == D("98.97")                            # 1100 − 3003.1 / 3 = 98.966…
    rc, out, _ = run(capsys, data, "positions", "--json", "--method", "fifo")
    assert json.loads(out, parse_float=D)[0]["realized"] == D("98.97")
    rc, out, _ = run(capsys, data, "positions")
    assert "600900" in out and "成本算法" in out


@pytest.mark.now("2026-11-20 15:30", tick=False)
@pytest.mark.parametrize(("args", "zh", "en"), [
    (("add", "600900", "--shares", "150", "--price", "10"), "100 股的整数倍", "multiple of 100"),
    (("add", "688063", "--shares", "100", "--price", "10"), "科创板", "at least 200"),
    (("add", "999999", "--shares", "100", "--price", "10"), "未知的股票代码 999999", "unknown stock code 999999"),
    (("add", "600900", "--shares", "100", "--price", "-1"), "价格必须大于 0", "price must be above 0"),
    (("sell", "600900", "--shares", "100", "--price", "10"), "只持有 0 股", "only 0 shares are held"),
    (("add", "600900", "--shares", "100", "--price", "10", "--date", "2026-11-21"), "晚于今天", "after today"),
])
def test_a_bad_trade_says_why_in_the_interface_language_and_stores_nothing(tmp_path, capsys, args, zh, en):
    data = tmp_path / "data"
    rc, _, err = run(capsys, data, "positions", *args)
    assert rc == 2 and zh in err
    rc, _, err = run(capsys, data, "--lang", "en", "positions", *args)
    assert rc == 2 and en in err
    rc, out, _ = run(capsys, data, "positions", "export", str(tmp_path / "all.csv"))
    assert rc == 0 and "exported 0 trades" in out


def test_the_cost_method_is_remembered_by_the_database(tmp_path, capsys):
    data = tmp_path / "data"
    assert run(capsys, data, "positions", "method")[1].strip() == "average"
    assert run(capsys, data, "positions", "method", "fifo")[1].strip() == "fifo"
    assert run(capsys, data, "positions", "method")[1].strip() == "fifo"

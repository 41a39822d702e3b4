"""The demo recording does not contradict itself (issue 26): its whole-market snapshot, batched quotes, boards,
涨停 / 炸板 / 跌停 pools, 异动 and breadth tell one session. Read from resources/demo/exchanges.jsonl as recorded
(scripts/make_demo.py), and through the commands a user runs on it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop.core.breadth import limit_prices_yuan
from scripts.make_demo import SPOT_FS
from tests.cli_run import huohua

from .test_cli_market import DEMO

DAY = date(2026, 11, 20)


def _exchanges() -> list[dict]:
    return [json.loads(ln) for ln in (DEMO / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()]


def _data(ex: dict) -> dict:
    return json.loads(ex["body"])["data"]


@pytest.fixture(scope="module")
def recorded() -> dict:
    exs = _exchanges()
    snapshot = {}
    for ex in exs:
        if ex["url"].endswith("/clist/get") and ex["params"].get("fs") == SPOT_FS:
            snapshot.update({r["f12"]: r for r in _data(ex)["diff"]})
    quotes = {r["f12"]: r for ex in exs if ex["url"].endswith("ulist.np/get") and _data(ex)
              for r in _data(ex)["diff"]}
    pools = {kind: _data(next(ex for ex in exs if ex["url"].endswith(f"getTopic{kind}Pool")))["pool"]
             for kind in ("ZT", "ZB", "DT")}
    members: dict[str, set[str]] = {}
    for ex in exs:
        fs = ex["params"].get("fs", "")
        if ex["url"].endswith("/clist/get") and fs.startswith("b:"):
            members.setdefault(fs[2:].split()[0], set()).update(r["f12"] for r in _data(ex)["diff"])
    movers = [r for ex in exs if ex["url"].endswith("getAllStockChanges") for r in _data(ex)["allstock"]]
    bk = next(_data(ex)["allbk"] for ex in exs if ex["url"].endswith("getAllBKChanges"))
    boards = {r["f12"]: r for ex in exs if ex["url"].endswith("/clist/get")
              and ex["params"].get("fs", "").startswith("m:90") for r in _data(ex)["diff"]}
    return {"snapshot": snapshot, "quotes": quotes, "pools": pools, "members": members, "movers": movers,
            "bk": bk, "boards": boards}


def _limits(row: dict) -> tuple[float, float]:
    return limit_prices_yuan(row["f12"], row["f14"], row["f18"], DAY)


def test_every_pool_stock_is_quoted_at_its_limit(recorded):
    snap, pools = recorded["snapshot"], recorded["pools"]
    for r in pools["ZT"]:
        q = snap[r["c"]]
        up, _ = _limits(q)
        assert q["f2"] == q["f15"] == up == r["p"] / 1000, r["n"]          # 涨停: at the limit, its high
        assert q["f6"] == r["amount"] and q["f14"] == r["n"]
    for r in pools["ZB"]:
        q = snap[r["c"]]
        up, _ = _limits(q)
        assert q["f15"] == up == r["ztp"] / 1000 and q["f2"] == r["p"] / 1000 < up, r["n"]   # touched, below
    for r in pools["DT"]:
        q = snap[r["c"]]
        _, down = _limits(q)
        assert q["f2"] == q["f16"] == down == r["p"] / 1000, r["n"]        # 跌停: at the limit, its low


def test_nothing_else_sits_at_a_limit(recorded):
    at_up = {c for c, q in recorded["snapshot"].items() if q["f2"] >= _limits(q)[0]}
    at_down = {c for c, q in recorded["snapshot"].items() if q["f2"] <= _limits(q)[1]}
    assert at_up == {r["c"] for r in recorded["pools"]["ZT"]}
    assert at_down == {r["c"] for r in recorded["pools"]["DT"]}


def test_batched_quotes_and_boards_agree_with_the_snapshot(recorded):
    snap = recorded["snapshot"]
    assert recorded["quotes"].keys() - {"000001", "399001", "399006", "000688", "000300", "899050"} <= snap.keys()
    for code, q in recorded["quotes"].items():
        if code in snap and q["f13"] == snap[code]["f13"]:
            assert (q["f2"], q["f18"], q["f6"]) == (snap[code]["f2"], snap[code]["f18"], snap[code]["f6"])
    pooled = {r["c"] for rows in recorded["pools"].values() for r in rows}
    in_boards = set().union(*recorded["members"].values())
    assert pooled <= in_boards <= snap.keys()
    industry = {b["f14"]: code for code, b in recorded["boards"].items()}
    for r in recorded["pools"]["ZT"]:                            # each joins the board of its 所属行业
        assert r["c"] in recorded["members"][industry[r["hybk"]]]
        assert len(recorded["members"][industry[r["hybk"]]]) > 1  # with peers: no board of one


def test_the_movers_agree_with_the_quotes_and_boards(recorded):
    snap = recorded["snapshot"]
    for e in recorded["movers"]:
        q = snap[e["c"]]
        assert q["f14"] == e["n"]
        if e["t"] == 4:                                          # 封涨停板 at its limit-up price
            assert float(e["i"].split(",")[0]) == _limits(q)[0]
        if e["t"] == 8:                                          # 封跌停板 at its limit-down price
            assert float(e["i"].split(",")[0]) == _limits(q)[1]
    for b in recorded["bk"]:                                     # board 异动: the recorded board, its change
        assert recorded["boards"][b["c"]]["f14"] == b["n"] and recorded["boards"][b["c"]]["f3"] == b["u"]


@pytest.mark.now("2026-11-20 14:35", tick=False)
def test_breadth_limitup_and_review_say_the_same(tmp_path, recorded):
    breadth = json.loads(huohua(tmp_path / "b", "breadth", "--replay", str(DEMO), "--json").stdout)
    pools = {k: json.loads(huohua(tmp_path / k, "limitup", "--pool", k, "--replay", str(DEMO), "--json").stdout)
             for k in ("zt", "zb", "dt")}
    review = json.loads(huohua(tmp_path / "r", "review", "--replay", str(DEMO), "--json").stdout)
    assert breadth["limit_up"] == len(pools["zt"]) == len(recorded["pools"]["ZT"]) == 14
    assert breadth["limit_down"] == len(pools["dt"]) == len(recorded["pools"]["DT"]) == 3
    assert len(pools["zb"]) == 4
    assert review["breadth"]["limit_up"] == review["pools"]["zt"] == breadth["limit_up"]
    assert review["breadth"]["limit_down"] == review["pools"]["dt"] == breadth["limit_down"]

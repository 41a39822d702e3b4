"""The 复盘 limited to holdings (issue 27: "the heatmap and the 复盘 can limit themselves to holdings"):
`huohua review --holdings` and services/review.review_of(…, holdings=True) — the held stocks (at the day's end)
with their 当日盈亏 take the watchlists' place, and the board lines and 涨停 stocks that concern them are marked."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from desktop.core import positions as pos
from desktop.core.limit_pools import LimitRow
from desktop.core.market import Board, Quote
from desktop.core.market_hours import SHANGHAI
from desktop.core.review_text import markdown, text
from desktop.services.review import review_of
from desktop.store import limit_pools as pools_store
from desktop.store import market_store as ms
from desktop.store import positions_store as ps
from desktop.store.writer import Writer
from tests.cli_run import huohua

DAY = "2026-11-20"
T = int(datetime(2026, 11, 20, 14, 30, tzinfo=SHANGHAI).timestamp())
NOW = datetime(2026, 11, 20, 16, 0, tzinfo=SHANGHAI)


def quote(code: str, name: str, price: float, prev: float) -> Quote:
    return Quote(code, name, price, round((price / prev - 1) * 100, 2), price - prev, None, None, None, prev,
                 None, None, None, None, T)


def stored_day(db) -> None:
    """A day: three stocks quoted, 浦发银行 in the 涨停 pool, two industry boards (银行 holds 浦发银行, 电池 holds
    宁德时代), and the trades: 宁德时代 held overnight and bought more that day, 浦发银行 held, 平安银行 bought only
    the next week (not held on the day), 招商银行 sold out the day before."""
    trades = [pos.make_trade("300750", "2026-11-10", "buy", 100, "90.00"),
              pos.make_trade("300750", DAY, "buy", 100, "105.00", "5.00"),
              pos.make_trade("600000", "2026-11-19", "buy", 1000, "9.80"),
              pos.make_trade("000001", "2026-11-23", "buy", 100, "12.00"),
              pos.make_trade("600036", "2026-11-02", "buy", 100, "40.00"),
              pos.make_trade("600036", "2026-11-19", "sell", 100, "41.00")]
    with Writer(db) as w:
        w.call(ms.ensure_default_watchlist)
        w.call(lambda c: ms.upsert_quotes(c, [quote("300750", "宁德时代", 110.0, 100.0),
                                              quote("600000", "浦发银行", 11.0, 10.0),
                                              quote("000001", "平安银行", 12.0, 12.5)], "quotes"))
        w.call(lambda c: pools_store.store_pools(c, DAY, {"zt": [LimitRow("zt", DAY, "600000", "浦发银行", streak=1,
                                                                          first_sealed="10:00:00", industry="银行")],
                                                           "zb": [], "dt": []}, T))
        w.call(lambda c: ms.replace_boards(c, "industry", [Board("BK0475", "银行", "industry", 2.5, 1e12, 30, 2, "浦发银行", 10.0),
                                                            Board("BK1035", "电池", "industry", 1.2, 2e12, 40, 9, "宁德时代", 10.0),
                                                            Board("BK0478", "有色金属", "industry", -1.0, 1e12, 5, 40, "", None)], T))
        w.call(lambda c: (ms.replace_board_members(c, "BK0475", ["600000", "000001"]),
                          ms.replace_board_members(c, "BK1035", ["300750"]))[-1])
        w.call(lambda c: ps.add_trades(c, trades))


def test_limited_to_holdings_the_held_stocks_replace_the_watchlists_with_their_day_pnl(tmp_path):
    db = tmp_path / "db.sqlite3"
    stored_day(db)
    plain = review_of(db, date(2026, 11, 20), NOW)
    assert plain.holdings is None and "holdings" not in plain.to_dict() and "watch" in plain.to_dict()
    r = review_of(db, date(2026, 11, 20), NOW, holdings=True)
    assert r.status == "ok" and r.watch == ()
    got = {h.code: (h.shares, h.price, h.change_pct, h.pnl_today) for h in r.holdings}
    # 宁德时代: 100 overnight × (110 − 100) + 100 bought today × 110 − (10,500 + 5) = 1,000 + 495
    assert got == {"300750": (200, 110.0, 10.0, 1495.0), "600000": (1000, 11.0, 10.0, 1000.0)}
    assert r.held_boards == {"BK0475": ("浦发银行",), "BK1035": ("宁德时代",)}
    d = r.to_dict()
    assert "watch" not in d and [h["code"] for h in d["holdings"]] == ["300750", "600000"]
    assert {b["code"]: b["held"] for b in d["boards"]["industry"]["up"]} == {"BK0475": ["浦发银行"], "BK1035": ["宁德时代"]}
    assert d["boards"]["industry"]["down"][0]["held"] == []
    assert [(x["code"], x["held"]) for t in d["themes"] for x in t["stocks"]] == [("600000", True)]
    out = text(r, "zh")
    assert "【持仓】" in out and "【自选股】" not in out
    assert "300750 宁德时代 200股 110.00 +10.00% 当日盈亏 +1,495.00" in out
    assert "银行 +2.50% · 领涨股 浦发银行 +10.00% · 持仓 浦发银行" in out and "600000 浦发银行 [持仓]" in out
    assert "day P&L +1,495.00" in text(r, "en") and "- 600000 浦发银行 [持仓]" in markdown(r, "zh")


def test_nothing_held_says_so(tmp_path):
    db = tmp_path / "db.sqlite3"
    with Writer(db) as w:
        w.call(lambda c: ms.upsert_quotes(c, [quote("sh000001", "上证指数", 3400.0, 3383.0)], "quotes"))
    r = review_of(db, date(2026, 11, 20), NOW, holdings=True)
    assert r.holdings == () and "没有持仓" in text(r, "zh")


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_review_holdings_on_the_demo_matches_the_positions_command(tmp_path):
    r = huohua(tmp_path / "data", "review", "--replay", "resources/demo", "--holdings", "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert "watch" not in got and got["demo"] is True
    pnl = {h["code"]: h["pnl_today"] for h in got["holdings"]}
    p = huohua(tmp_path / "data2", "positions", "--replay", "resources/demo", "--json")
    assert pnl == {o["code"]: float(o["pnl_today"]) for o in json.loads(p.stdout)} and len(pnl) == 4
    assert all("held" in x for t in got["themes"] for x in t["stocks"])
    shown = huohua(tmp_path / "data3", "review", "--replay", "resources/demo", "--holdings")
    assert "【持仓】" in shown.stdout and "当日盈亏 +408.00" in shown.stdout

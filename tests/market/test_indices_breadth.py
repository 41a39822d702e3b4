"""Indices in the watchlist's batched quote request under their own keys, and breadth from the snapshot
(issue 26): Eastmoney rows in its exact format (fltt=2, the ulist/clist field codes)."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import date
from pathlib import Path

import pytest
import requests

from desktop.core.breadth import count, count_quotes
from desktop.core.indices import INDEX_KEYS, INDICES, index_of
from desktop.services.market_glance import breadth, index_rows
from desktop.sources.market import secid, tencent_symbol, valid_codes
from desktop.sources.quote_provider import CircuitBreaker, QuoteProvider, eastmoney_quote, parse_tencent_line
from desktop.sources.replay import ReplayResponder
from desktop.store import market_store as ms
from desktop.store.db import connect_ro
from scripts.make_demo import ULIST_KEYS, ordered, tencent_line

ULIST = re.compile(r"https://push2\.eastmoney\.com/api/qt/ulist\.np/get.*")
TENCENT = re.compile(r"http://qt\.gtimg\.cn/q=.*")
T = 1795156500          # 2026-11-20 14:35 Beijing
NOW = date(2026, 11, 20)


def em_row(code: str, mkt: int, name: str, price, prev: float, **extra) -> dict:
    """A row as Eastmoney sends it: every field asked for, in the order asked, "-" when not available."""
    pct = "-" if price == "-" else round((price / prev - 1) * 100, 2)
    chg = "-" if price == "-" else round(price - prev, 2)
    values = {"f2": price, "f3": pct, "f4": chg, "f5": 1000, "f6": 1e7, "f8": 0.5, "f12": code, "f13": mkt,
              "f14": name, "f15": price, "f16": price, "f17": prev, "f18": prev, "f20": 5e9, "f21": 4e9,
              "f124": T}
    values.update(extra)
    return ordered(ULIST_KEYS, values)


def ulist_body(rows: list[dict]) -> str:
    return json.dumps({"rc": 0, "rt": 11, "svr": 177622159, "lt": 2, "full": 1, "dlmkts": "8,10,128", "dsc": "0",
                       "data": {"total": len(rows), "diff": rows}}, ensure_ascii=False, separators=(",", ":"))


# 上证指数 and 平安银行 both answer as f12 "000001"; only f13 (the market) tells them apart
INDEX_ROWS = [em_row("000001", 1, "上证指数", 3402.76, 3388.56, f5=412345678, f6=5.12e11, f20="-", f21="-"),
              em_row("399001", 0, "深证成指", 10712.3, 10690.1, f20="-", f21="-"),
              em_row("399006", 0, "创业板指", 2208.5, 2230.4, f20="-", f21="-"),
              em_row("000688", 1, "科创50", 1003.2, 1003.2, f20="-", f21="-"),
              em_row("000300", 1, "沪深300", 3950.1, 3940.7, f20="-", f21="-"),
              em_row("899050", 0, "北证50", 1301.9, 1198.4, f20="-", f21="-")]       # +8.6 %: no limit of its own
BANK = em_row("000001", 0, "平安银行", 11.32, 11.20)


def test_index_keys_and_secids():
    assert [(i.key, i.code, i.secid) for i in INDICES] == [
        ("sh000001", "000001", "1.000001"), ("sz399001", "399001", "0.399001"), ("sz399006", "399006", "0.399006"),
        ("sh000688", "000688", "1.000688"), ("sh000300", "000300", "1.000300"), ("bj899050", "899050", "0.899050")]
    assert secid("sh000001") == "1.000001" and secid("000001") == "0.000001"      # the index, the bank
    assert tencent_symbol("sh000001") == "sh000001" and tencent_symbol("000001") == "sz000001"
    assert valid_codes(["000001", "sh000001", "sh600000", "bj899050"]) == ["000001", "sh000001", "bj899050"]
    assert index_of("000001") is None and not set(INDEX_KEYS) & {"000001", "399001"}


def test_indices_parsed_from_the_same_ulist_request_as_the_watchlist(rsps):
    rsps.get(ULIST, body=ulist_body([BANK, *INDEX_ROWS]))
    out = QuoteProvider(wall_clock=lambda: T).quotes(["000001", *INDEX_KEYS])
    assert len(rsps.calls) == 1                                  # one batched request, no extra one
    sent = requests.utils.unquote(re.search(r"secids=([^&]+)", rsps.calls[0].request.url).group(1)).split(",")
    assert sent == ["0.000001", "1.000001", "0.399001", "0.399006", "1.000688", "1.000300", "0.899050"]
    by = {q.code: q for q in out}
    assert set(by) == {"000001", *INDEX_KEYS}
    assert (by["000001"].name, by["000001"].price) == ("平安银行", 11.32)
    sh = by["sh000001"]
    assert (sh.name, sh.price, sh.prev_close, sh.change_pct, sh.time) == ("上证指数", 3402.76, 3388.56, 0.42, T)
    assert sh.total_cap is None and sh.amount == 5.12e11
    assert by["bj899050"].change_pct == 8.64                     # an index is not dropped as "over its limit"


def test_an_index_row_never_answers_for_the_stock(rsps):
    """Asked for the stock 000001 only, Eastmoney's answer holding 上证指数 (1.000001) is not the bank's quote."""
    rsps.get(ULIST, body=ulist_body([INDEX_ROWS[0], BANK]))
    out = QuoteProvider(wall_clock=lambda: T).quotes(["sh000001"])
    assert [(q.code, q.name) for q in out if q.code == "sh000001"] == [("sh000001", "上证指数")]
    assert all(q.name != "上证指数" for q in out if q.code == "000001")


def test_tencent_fallback_keys_the_index(rsps):
    rsps.get(ULIST, body=requests.ConnectionError("('Connection aborted.', RemoteDisconnected('closed'))"))

    def line(code: str, name: str, sym: str, price: float) -> str:
        return tencent_line({"code": code, "name": name, "price": price, "prev": price - 10, "open": price,
                             "high": price, "low": price, "vol": 12345, "amount": 1.5e7, "pct": 0.3, "chg": 10.0,
                             "turnover": 1.2, "cap": 0.0, "float_cap": 0.0, "time": T}, sym)
    body = line("000001", "上证指数", "sh000001", 3402.76) + line("000001", "平安银行", "sz000001", 21.32)
    rsps.get(TENCENT, body=body.encode("gbk"))
    out = QuoteProvider(breaker=CircuitBreaker(), wall_clock=lambda: T).quotes(["000001", "sh000001"])
    assert "q=sz000001,sh000001" in rsps.calls[-1].request.url
    assert {q.code: q.name for q in out} == {"000001": "平安银行", "sh000001": "上证指数"}
    assert parse_tencent_line(line("399006", "创业板指", "sz399006", 2208.5), T).code == "sz399006"


def test_index_and_stock_000001_are_two_stored_quotes(writer):
    from dataclasses import replace

    bank, index = eastmoney_quote(BANK, T), replace(eastmoney_quote(INDEX_ROWS[0], T), code="sh000001")
    writer.call(lambda c: ms.upsert_quotes(c, [bank, index], "eastmoney"))
    with contextlib.closing(connect_ro(writer.db_path)) as conn:
        rows = ms.latest_quotes(conn, ["000001", "sh000001"], now=T, stale_before=0)
        assert [(r.quote.code, r.quote.name, r.quote.price) for r in rows] == [("000001", "平安银行", 11.32),
                                                                            ("sh000001", "上证指数", 3402.76)]
        assert [r.quote.code for r in index_rows(conn, now=T, stale_before=0)] == ["sh000001"]
        assert breadth(conn) is None            # no full-market snapshot stored yet: no breadth
        writer.call(lambda c: c.execute("INSERT INTO meta (key, value) VALUES ('market.snapshot_at', ?)", (str(T),)))
        b = breadth(conn)
        assert (b.up, b.amount) == (1, 1e7)     # the bank; the index is no stock


def test_a_recording_without_indices_still_replays_the_watchlist(tmp_path: Path):
    ex = {"t": 0.0, "method": "GET", "url": "https://push2.eastmoney.com/api/qt/ulist.np/get",
          "params": {"fltt": "2", "invt": "2", "secids": "0.000001"}, "status": 200,
          "headers": {"content-type": "application/json; charset=UTF-8"}, "body": ulist_body([BANK])}
    (tmp_path / "exchanges.jsonl").write_text(json.dumps(ex, ensure_ascii=False) + "\n", encoding="utf-8")
    got = ReplayResponder(tmp_path)("GET", ex["url"], {**ex["params"], "secids": "0.000001,1.000001,0.399001"})
    assert [r["f14"] for r in json.loads(got.body)["data"]["diff"]] == ["平安银行"]
    # a recording that holds them answers them, cut to what was asked
    both = {**ex, "params": {**ex["params"], "secids": "0.000001,0.300750,1.000001"},
            "body": ulist_body([BANK, em_row("300750", 0, "宁德时代", 280.0, 282.0), INDEX_ROWS[0]])}
    (tmp_path / "exchanges.jsonl").write_text(json.dumps(both, ensure_ascii=False) + "\n", encoding="utf-8")
    got = ReplayResponder(tmp_path)("GET", ex["url"], {**ex["params"], "secids": "0.000001,1.000001,0.399001"})
    assert [r["f14"] for r in json.loads(got.body)["data"]["diff"]] == ["平安银行", "上证指数"]


# -- breadth ------------------------------------------------------------------------------------------
def clist(code: str, name: str, price, prev: float, amount: float = 1e8) -> dict:
    """A snapshot (clist) row: the same field codes as ulist."""
    return em_row(code, 1 if code.startswith("6") else 0, name, price, prev, f6=amount)


def quotes(*rows: dict) -> list:
    return [eastmoney_quote(r, T) for r in rows]


@pytest.mark.parametrize("code, name, prev, at_limit, below", [
    ("600000", "浦发银行", 10.00, 11.00, 10.99),        # 主板 +10 %
    ("600001", "某某银行", 12.35, 13.59, 13.58),        # 13.585 rounds half up to 13.59
    ("002001", "新和成", 2.51, 2.76, 2.75),             # 2.761 → 2.76: change % shows 9.96, still 涨停
    ("300001", "特锐德", 10.00, 12.00, 11.99),           # 创业板 +20 %
    ("688001", "华兴源创", 33.33, 40.00, 39.99),          # 科创板: 39.996 → 40.00
    ("920001", "纬达光电", 10.00, 13.00, 12.99),          # 北交所 +30 %
    ("300002", "ST神雾", 5.00, 6.00, 5.99),              # 创业板 ST: its board's ±20 %
])
def test_limit_up_by_board(code, name, prev, at_limit, below):
    b = count_quotes(quotes(clist(code, name, at_limit, prev), clist(code, name, below, prev)), NOW)
    assert (b.up, b.limit_up, b.down, b.limit_down) == (2, 1, 0, 0)


@pytest.mark.parametrize("code, prev, at_limit, above", [
    ("600000", 10.00, 9.00, 9.01), ("600001", 12.35, 11.12, 11.13),     # 11.115 → 11.12
    ("300001", 10.00, 8.00, 8.01), ("920001", 10.00, 7.00, 7.01)])
def test_limit_down_by_board(code, prev, at_limit, above):
    b = count_quotes(quotes(clist(code, "某股", at_limit, prev), clist(code, "某股", above, prev)), NOW)
    assert (b.down, b.limit_down, b.limit_up) == (2, 1, 0)


def test_main_board_st_was_five_percent_before_the_change():
    rows = quotes(clist("600221", "*ST海航", 2.10, 2.00), clist("600222", "ST太龙", 1.90, 2.00))
    assert (count_quotes(rows, date(2025, 3, 3)).limit_up, count_quotes(rows, date(2025, 3, 3)).limit_down) == (1, 1)
    later = count_quotes(rows, NOW)             # ±10 % like the rest of the main board since (FACTS.md)
    assert (later.up, later.down, later.limit_up, later.limit_down) == (1, 1, 0, 0)


def test_counts_flat_suspended_new_listings_and_amount():
    rows = quotes(clist("600000", "浦发银行", 10.00, 10.00, amount=2e8),
                  clist("600004", "白云机场", "-", 9.00, amount="-"),                # suspended: no price
                  clist("301999", "N新股", 45.00, 15.00, amount=3e9),               # first day: no limit
                  clist("600005", "武钢股份", 5.50, 5.00, amount=1e8),
                  clist("000002", "万科A", 8.10, 9.00, amount=5e8))
    b = count_quotes(rows, NOW)
    assert b.to_dict() == {"up": 2, "down": 1, "flat": 1, "limit_up": 1, "limit_down": 1, "amount": 3.8e9,
                           "suspended": 1}


def test_index_keys_are_not_counted_as_stocks():
    b = count([("sh000001", "上证指数", 3402.76, 3000.0, 5e11), ("000001", "平安银行", 11.32, 11.20, 1e9)], NOW)
    assert (b.up, b.limit_up, b.amount) == (1, 0, 1e9)


def test_the_poll_brings_the_indices_in_the_watchlists_request(writer, settings, rsps):
    from desktop.services.market_service import MarketService

    from .conftest import make_source, sh

    rsps.get(ULIST, body=ulist_body([BANK, *INDEX_ROWS]))
    src = make_source(wall_clock=lambda: T)
    try:
        svc = MarketService(src, writer, writer.db_path, settings, clock=lambda: sh(2026, 11, 20, 14, 35))
        svc.prepare()
        writer.call(lambda c: c.execute("DELETE FROM watchlist_items"))
        writer.call(lambda c: ms.add_to_watchlist(c, ms.watchlists(c)[0].id, "000001"))
        svc.refresh_quotes()
        assert len(rsps.calls) == 1
        sent = requests.utils.unquote(re.search(r"secids=([^&]+)", rsps.calls[0].request.url).group(1))
        assert sent.split(",") == ["0.000001", *(i.secid for i in INDICES)]
        rows = svc.quote_rows(["000001", *INDEX_KEYS])
        assert [(r.quote.code, r.quote.name) for r in rows][:2] == [("000001", "平安银行"), ("sh000001", "上证指数")]
    finally:
        src.close()

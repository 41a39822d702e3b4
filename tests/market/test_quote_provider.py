"""Batched quotes: Eastmoney ulist.np bodies in its exact format, Tencent GBK lines, failover and back."""

from __future__ import annotations

import json
import re

import pytest
import requests

from desktop.core.errors import SourceError
from desktop.sources.market import exchange_of, secid, valid_codes
from desktop.sources.quote_provider import CircuitBreaker, QuoteProvider, parse_tencent_line
from scripts.make_demo import ULIST_KEYS, ordered, tencent_line

ULIST = re.compile(r"https://push2\.eastmoney\.com/api/qt/ulist\.np/get.*")
TENCENT = re.compile(r"http://qt\.gtimg\.cn/q=.*")
# A real capture (FACTS.md), trimmed by Eastmoney itself to the fields it had.
REAL = ('{"rc":0,"rt":11,"svr":177622159,"lt":2,"full":1,"dlmkts":"8,10,128","dsc":"0","data":{"total":1,"diff":['
        '{"f2":291.11,"f5":296995,"f6":8613929784.25,"f12":"300750","f13":0,"f14":"宁德时代","f15":292.7,'
        '"f16":285.8,"f17":290.0,"f18":286.8,"f124":1790753658}]}}')


def row(code: str, mkt: int, name: str, price: float | str = 10.0, **extra) -> dict:
    values = {"f2": price, "f3": 1.5, "f4": 0.15, "f5": 1000, "f6": 1e6, "f8": 0.5, "f12": code, "f13": mkt,
              "f14": name, "f15": 10.2, "f16": 9.8, "f17": 9.9, "f18": 9.85, "f20": 5e9, "f21": 4e9,
              "f124": 1790753658}
    values.update(extra)
    return ordered(ULIST_KEYS, values)


def ulist_body(rows: list[dict]) -> str:
    return json.dumps({"rc": 0, "rt": 11, "svr": 177622159, "lt": 2, "full": 1, "dlmkts": "8,10,128", "dsc": "0",
                       "data": {"total": len(rows), "diff": rows}}, ensure_ascii=False, separators=(",", ":"))


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_real_capture_parses(rsps):
    rsps.get(ULIST, body=REAL)
    (q,) = QuoteProvider().quotes(["300750"])
    assert (q.code, q.name, q.price, q.high, q.low, q.open, q.prev_close) == ("300750", "宁德时代", 291.11, 292.7,
                                                                            285.8, 290.0, 286.8)
    assert q.volume == 29699500            # lots → shares
    assert q.amount == 8613929784.25 and q.time == 1790753658
    assert q.change_pct is None            # not in this capture: None, not a crash
    sent = rsps.calls[0].request.url
    assert "fltt=2" in sent and "secids=0.300750" in sent


def test_suspended_stock_dashes_become_none(rsps):
    rsps.get(ULIST, body=ulist_body([row("600000", 1, "浦发银行", price="-", f3="-", f4="-", f5="-", f6="-",
                                         f15="-", f16="-", f17="-", f8="-", f124="-")]))
    (q,) = QuoteProvider(wall_clock=lambda: 1790000000).quotes(["600000"])
    assert q.price is None and q.volume is None and q.open is None
    assert q.prev_close == 9.85 and q.time == 1790000000     # no update time: fetch time


def test_beijing_920_codes_use_the_shenzhen_prefix(rsps):
    assert exchange_of("920239") == "BJ" and secid("920239") == "0.920239"
    assert secid("688063") == "1.688063" and secid("300750") == "0.300750"
    rsps.get(ULIST, body=ulist_body([row("920239", 0, "长虹能源")]))
    (q,) = QuoteProvider().quotes(["920239"])
    assert q.code == "920239" and "secids=0.920239" in rsps.calls[0].request.url


def test_invalid_code_in_a_batch(rsps):
    rsps.get(ULIST, body=ulist_body([row("300750", 0, "宁德时代"), row("601012", 1, "隆基绿能")]))
    p = QuoteProvider()
    out = p.quotes(["300750", "ABC", "12345", "900901", "300999", "601012"])
    assert [q.code for q in out] == ["300750", "601012"]
    sent = rsps.calls[0].request.url
    assert "ABC" not in sent and "900901" not in sent           # malformed / B-share never sent
    assert p.missing == ["ABC", "12345", "900901", "300999"]
    assert valid_codes(["300750", "300750", " 601012 "]) == ["300750", "601012"]


def test_rc_102_all_invalid_is_an_empty_answer(rsps):
    rsps.get(ULIST, body='{"rc":102,"rt":11,"svr":177622159,"lt":2,"full":1,"dlmkts":"","data":null}')
    p = QuoteProvider()
    assert p.quotes(["300999"]) == [] and p.missing == ["300999"]
    assert p.breaker.state == "closed"


def test_200_codes_cost_two_requests(rsps):
    codes = [f"600{i:03d}" for i in range(200)]
    rsps.get(ULIST, body=ulist_body([row(c, 1, "x") for c in codes[:100]]))
    rsps.get(ULIST, body=ulist_body([row(c, 1, "x") for c in codes[100:]]))
    assert len(QuoteProvider().quotes(codes)) == 200
    assert len(rsps.calls) == 2
    for call in rsps.calls:
        sids = re.search(r"secids=([^&]+)", call.request.url).group(1)
        assert len(requests.utils.unquote(sids).split(",")) == 100


def st(code: str, name: str, price: float = 12.34) -> dict:
    return {"code": code, "name": name, "price": price, "prev": 12.0, "open": 12.1, "high": 12.5, "low": 11.9,
            "vol": 12345, "amount": 15234567.0, "pct": 2.83, "chg": 0.34, "turnover": 1.2, "cap": 2.5e10,
            "float_cap": 2.0e10, "time": 1790753658}


def tencent_body(*items: tuple[str, str]) -> bytes:
    return "".join(tencent_line(st(code, name), f"{exchange_of(code).lower()}{code}")
                   for code, name in items).encode("gbk")


def test_tencent_line_format():
    line = tencent_line(st("300750", "宁德时代"), "sz300750")
    q = parse_tencent_line(line, 0)
    assert (q.code, q.name, q.price, q.prev_close, q.open, q.high, q.low) == ("300750", "宁德时代", 12.34, 12.0,
                                                                            12.1, 12.5, 11.9)
    assert q.volume == 1234500 and q.amount == pytest.approx(15230000.0)    # 万元 → yuan
    assert q.total_cap == pytest.approx(2.5e10) and q.time == 1790753658
    assert parse_tencent_line('v_pv_none_match="1"', 0) is None


def test_failover_to_tencent_and_back(rsps):
    clock = Clock()
    p = QuoteProvider(breaker=CircuitBreaker(cooldown_s=300, clock=clock))
    reset = requests.ConnectionError("('Connection aborted.', RemoteDisconnected('Remote end closed connection'))")
    rsps.get(ULIST, body=reset)
    rsps.get(TENCENT, body=tencent_body(("300750", "宁德时代"), ("920239", "长虹能源")),
             content_type="text/html; charset=GBK")
    out = p.quotes(["300750", "920239"])
    assert [q.name for q in out] == ["宁德时代", "长虹能源"] and p.backend == "tencent"
    assert "bj920239" in rsps.calls[1].request.url
    assert p.breaker.state == "open" and "connection dropped" in p.last_error
    # While open, Eastmoney is not even tried.
    n = len(rsps.calls)
    p.quotes(["300750"])
    assert [c.request.url.startswith("http://qt.gtimg.cn") for c in rsps.calls[n:]] == [True]
    # After the cool-down one trial request goes to Eastmoney; it answers, so Eastmoney is back.
    clock.t += 301
    rsps.replace("GET", ULIST, body=ulist_body([row("300750", 0, "宁德时代")]))
    (q,) = p.quotes(["300750"])
    assert p.backend == "eastmoney" and p.breaker.state == "closed" and q.name == "宁德时代"


def test_failed_trial_doubles_the_cooldown(rsps):
    clock = Clock()
    b = CircuitBreaker(cooldown_s=100, max_cooldown_s=250, clock=clock)
    b.failure()
    assert not b.allow()
    clock.t = 100
    assert b.allow() and b.state == "half_open"
    b.failure()
    clock.t = 250
    assert not b.allow()
    clock.t = 300
    assert b.allow()
    b.failure()
    assert b.open_until == 300 + 250                       # ceiling


def test_both_endpoints_down_is_one_readable_error(rsps):
    rsps.get(ULIST, body=requests.Timeout("read timed out"))
    rsps.get(TENCENT, status=502)
    with pytest.raises(SourceError) as err:
        QuoteProvider().quotes(["300750"])
    assert "Eastmoney: timed out" in str(err.value) and "Tencent: HTTP 502" in str(err.value)


def test_anti_bot_html_page_falls_back(rsps):
    rsps.get(ULIST, body="<html>访问过于频繁</html>", content_type="text/html")
    rsps.get(TENCENT, body=tencent_body(("601012", "隆基绿能")), content_type="text/html; charset=GBK")
    p = QuoteProvider()
    assert [q.code for q in p.quotes(["601012"])] == ["601012"] and p.backend == "tencent"

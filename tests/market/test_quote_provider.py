"""Batched quotes: Eastmoney ulist.np bodies in its exact format, Tencent GBK lines, failover and back."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
import requests

from desktop.core.errors import SourceError
from desktop.services.market_service import MarketService
from desktop.sources.market import exchange_of, secid, valid_codes
from desktop.sources.quote_provider import CircuitBreaker, QuoteProvider, parse_tencent_line
from desktop.store.market_store import DEFAULT_WATCHLIST
from scripts.make_demo import DEMO_NOW, ULIST_KEYS, ordered, tencent_line

from .conftest import make_source, sh

ULIST = re.compile(r"https://push2\.eastmoney\.com/api/qt/ulist\.np/get.*")
TENCENT = re.compile(r"http://qt\.gtimg\.cn/q=.*")
# A real capture (FACTS.md), trimmed there for print. Eastmoney sends every field asked for (akshare's hot-rank
# functions assign ulist columns by position), so the trimmed fields are put back as "-" (not available).
PRINTED = ('{"rc":0,"rt":11,"svr":177622159,"lt":2,"full":1,"dlmkts":"8,10,128","dsc":"0","data":{"total":1,"diff":['
           '{"f2":291.11,"f5":296995,"f6":8613929784.25,"f12":"300750","f13":0,"f14":"宁德时代","f15":292.7,'
           '"f16":285.8,"f17":290.0,"f18":286.8,"f124":1790753658}]}}')
REAL = (PRINTED.replace('"f5"', '"f3":"-","f4":"-","f5"').replace('"f12"', '"f8":"-","f12"')
        .replace('"f124"', '"f20":"-","f21":"-","f124"'))


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


def test_the_printed_capture_lacks_required_fields(rsps):
    rsps.get(ULIST, body=PRINTED)
    rsps.get(TENCENT, status=503)
    with pytest.raises(SourceError, match=r"Eastmoney: field f3 \(change %\) missing in 1 row; Tencent: HTTP 503"):
        QuoteProvider().quotes(["300750"])


def test_real_capture_parses(rsps):
    rsps.get(ULIST, body=REAL)
    (q,) = QuoteProvider().quotes(["300750"])
    assert (q.code, q.name, q.price, q.high, q.low, q.open, q.prev_close) == ("300750", "宁德时代", 291.11, 292.7,
                                                                            285.8, 290.0, 286.8)
    assert q.volume == 29699500            # lots → shares
    assert q.amount == 8613929784.25 and q.time == 1790753658
    assert q.change_pct is None and q.total_cap is None      # "-": None, not a crash
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


# -- bad bodies: an answer that is not quotes is a failure of its endpoint, never a row of blanks ------------
WATCH = list(DEFAULT_WATCHLIST)                      # the 12 default codes, as in the reported run
REFUSED = requests.ConnectionError(
    "HTTPConnectionPool(host='qt.gtimg.cn', port=80): Max retries exceeded with url: /q=sz300750 (Caused by "
    "NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new "
    "connection: [Errno 111] Connection refused'))")
DROPPED = requests.ConnectionError("('Connection aborted.', RemoteDisconnected('Remote end closed connection'))")
EM_DROPPED = "Eastmoney: connection dropped (Eastmoney does this to IPs that request too fast)"
DROP = object()                                      # a key to leave out of a row
NO_PRICE_CHANGE_NAME = ("field f2 (price) missing in 12 rows, field f3 (change %) missing in 12 rows, "
                        "field f14 (name) missing in 12 rows")


def mkt(code: str) -> int:
    return 1 if exchange_of(code) == "SH" else 0


def bad_row(code: str, name: str, **change) -> dict:
    """A row in ulist's exact key order with some values changed; DROP leaves the key out."""
    return {k: v for k, v in row(code, mkt(code), name, **change).items() if v is not DROP}


def tencent_record(code: str, name: str, **fields: str) -> str:
    """A Tencent line in its exact format with some `~` fields replaced (`f3="abc"` sets field 3)."""
    line = tencent_line(st(code, name), f"{exchange_of(code).lower()}{code}")
    head, body = line.split('="', 1)
    f = body[:body.rindex('";')].split("~")
    for key, value in fields.items():
        f[int(key[1:])] = value
    return f'{head}="{"~".join(f)}";\n'


def test_rows_without_price_change_name_are_an_error(rsps):
    rsps.get(ULIST, body=ulist_body([bad_row(c, n, f2=DROP, f3=DROP, f14=DROP) for c, n in WATCH]))
    rsps.get(TENCENT, body=REFUSED)
    p = QuoteProvider()
    with pytest.raises(SourceError) as err:
        p.quotes([c for c, _ in WATCH])
    assert str(err.value) == (f"quotes: Eastmoney: {NO_PRICE_CHANGE_NAME}; "
                              "Tencent: cannot connect ([Errno 111] Connection refused)")
    assert p.last_error in str(err.value)


@pytest.mark.parametrize("change, fault", [
    ({"f3": "abc"}, "field f3 (change %) is not a number: 'abc'"),
    ({"f2": [1, 2]}, "field f2 (price) is not a number: [1, 2]"),
    ({"f2": "291.11"}, "field f2 (price) is not a number: '291.11'"),      # fltt=2 sends JSON numbers
    ({"f18": True}, "field f18 (previous close) is not a number: True"),
    ({"f5": {"v": 1}}, "field f5 (volume) is not a number: {'v': 1}"),
    ({"f124": None}, "field f124 (update time) is not a number: None"),
    ({"f18": DROP}, "field f18 (previous close) missing in 1 row"),
    ({"f14": ""}, "field f14 (name) is empty in 1 row"),
    ({"f14": 5}, "field f14 (name) is not text: 5"),
    ({"f12": 300750}, "field f12 (code) is not a 6-digit code: 300750"),
])
def test_a_wrong_type_is_an_error_not_a_null(rsps, change, fault):
    rsps.get(ULIST, body=ulist_body([bad_row("300750", "宁德时代", **change), bad_row("601012", "隆基绿能")]))
    rsps.get(TENCENT, status=503)
    with pytest.raises(SourceError) as err:
        QuoteProvider().quotes(["300750", "601012"])
    assert str(err.value) == f"quotes: Eastmoney: {fault}; Tencent: HTTP 503"


def test_faults_are_counted_per_row(rsps):
    rows = [bad_row(c, n, f3="abc") for c, n in WATCH[:3]] + [bad_row(WATCH[3][0], WATCH[3][1], f18=DROP)]
    rsps.get(ULIST, body=ulist_body(rows))
    rsps.get(TENCENT, status=503)
    with pytest.raises(SourceError) as err:
        QuoteProvider().quotes([c for c, _ in WATCH[:4]])
    assert str(err.value) == ("quotes: Eastmoney: field f3 (change %) is not a number: 'abc' (3 rows), "
                              "field f18 (previous close) missing in 1 row; Tencent: HTTP 503")


@pytest.mark.parametrize("data, fault", [
    ('[]', "answer without a row list (data: [])"),
    ('{"total":1,"diff":"x"}', "answer without a row list (data: {'total': 1, 'diff': 'x'})"),
    ('{"total":1,"diff":[["300750"]]}', "a row is not an object: ['300750']"),
])
def test_a_changed_shape_is_an_error(rsps, data, fault):
    rsps.get(ULIST, body='{"rc":0,"rt":11,"svr":177622159,"lt":2,"full":1,"dlmkts":"","data":' + data + "}")
    rsps.get(TENCENT, status=503)
    with pytest.raises(SourceError) as err:
        QuoteProvider().quotes(["300750"])
    assert str(err.value) == f"quotes: Eastmoney: {fault}; Tencent: HTTP 503"


def test_a_bad_body_falls_back_and_is_named_while_paused(rsps):
    rsps.get(ULIST, body=ulist_body([bad_row("300750", "宁德时代", f2=DROP)]))
    rsps.get(TENCENT, body=tencent_body(("300750", "宁德时代")), content_type="text/html; charset=GBK")
    p = QuoteProvider()
    (q,) = p.quotes(["300750"])
    assert (p.backend, q.price, q.name, p.breaker.state) == ("tencent", 12.34, "宁德时代", "open")
    assert p.last_error == "Eastmoney: field f2 (price) missing in 1 row"
    # While the breaker is open Eastmoney is not asked, and the reason it was paused is still named.
    rsps.replace("GET", TENCENT, status=502)
    with pytest.raises(SourceError) as err:
        p.quotes(["300750"])
    assert str(err.value) == ("quotes: Eastmoney: paused (circuit open) after: field f2 (price) missing in 1 row; "
                              "Tencent: HTTP 502")
    assert sum("eastmoney" in c.request.url for c in rsps.calls) == 1


@pytest.mark.parametrize("body, fault", [
    pytest.param('v_sz300750="51~宁德时代~300750~12.34";\n', "too few fields (need 46): sz300750 has 4", id="short"),
    pytest.param(tencent_record("300750", "宁德时代", f3="abc"), "price is not a number: sz300750: 'abc'",
                 id="price"),
    pytest.param(tencent_record("300750", "宁德时代", f32="--"), "change % is not a number: sz300750: '--'",
                 id="change"),
    pytest.param(tencent_record("300750", ""), "empty name: sz300750", id="name"),
    pytest.param(tencent_record("300750", "宁德时代", f2="300751"),
                 "code does not match the symbol: sz300750 carries '300751'", id="code"),
    pytest.param("<html><body>访问过于频繁</body></html>",
                 "not a quote record: '<html><body>访问过于频繁</body></html>'", id="web-page"),
    pytest.param("", "empty answer", id="empty"),
])
def test_a_bad_tencent_body_is_an_error(rsps, body, fault):
    rsps.get(ULIST, body=DROPPED)
    rsps.get(TENCENT, body=body.encode("gbk"), content_type="text/html; charset=GBK")
    with pytest.raises(SourceError) as err:
        QuoteProvider().quotes(["300750"])
    assert str(err.value) == f"quotes: {EM_DROPPED}; Tencent: {fault}"


@pytest.mark.parametrize("em, tc, message", [
    pytest.param(DROPPED, REFUSED, f"{EM_DROPPED}; Tencent: cannot connect ([Errno 111] Connection refused)",
                 id="dropped-refused"),
    pytest.param(REFUSED, requests.Timeout("read timed out"),   # refused is not Eastmoney's ban: not "dropped"
                 "Eastmoney: cannot connect ([Errno 111] Connection refused); Tencent: timed out",
                 id="refused-timeout"),
    pytest.param(429, "<html>访问过于频繁</html>",
                 "Eastmoney: HTTP 429; Tencent: not a quote record: '<html>访问过于频繁</html>'", id="status-page"),
    pytest.param(500, SourceError("the market request ran past its deadline and was abandoned"),
                 "Eastmoney: HTTP 500; Tencent: the market request ran past its deadline and was abandoned",
                 id="status-deadline"),
])
def test_both_failing_names_each_source(rsps, em, tc, message):
    for pattern, answer in ((ULIST, em), (TENCENT, tc)):
        if isinstance(answer, int):
            rsps.get(pattern, status=answer)
        else:
            rsps.get(pattern, body=answer.encode("gbk") if isinstance(answer, str) else answer)
    with pytest.raises(SourceError) as err:
        QuoteProvider().quotes(["300750"])
    assert str(err.value) == f"quotes: {message}"


# -- through MarketService and the CLI: nothing invalid is written, the last good quote reads back stale -----
BAD_BODIES = [
    pytest.param({"f2": DROP, "f3": DROP, "f14": DROP}, NO_PRICE_CHANGE_NAME, id="no-price-change-name"),
    pytest.param({"f3": "abc"}, "field f3 (change %) is not a number: 'abc' (12 rows)", id="change-text"),
    pytest.param({"f2": [291.11]}, "field f2 (price) is not a number: [291.11] (12 rows)", id="price-list"),
]


@pytest.mark.parametrize("change, fault", BAD_BODIES)
def test_a_bad_body_keeps_the_last_good_quote_which_turns_stale(writer, settings, rsps, change, fault):
    now = [sh(2026, 11, 20, 14, 35)]                  # the source's wall clock is DEMO_NOW, the same moment
    stamp = int(DEMO_NOW.timestamp())
    rsps.get(ULIST, body=ulist_body([bad_row(c, n, f124=stamp) for c, n in WATCH]))
    rsps.get(ULIST, body=ulist_body([bad_row(c, n, f124=stamp, **change) for c, n in WATCH]))
    rsps.get(TENCENT, body=REFUSED)
    src = make_source()
    try:
        svc = MarketService(src, writer, writer.db_path, settings, clock=lambda: now[0])
        svc.prepare()
        codes = [c for c, _ in WATCH]
        svc.refresh_quotes(codes)
        with pytest.raises(SourceError) as err:
            svc.refresh_quotes(codes)
        assert fault in str(err.value) and "Tencent: cannot connect" in str(err.value)
        rows = svc.quote_rows(codes)
        assert [(r.quote.code, r.quote.name, r.quote.price, r.quote.change_pct, r.stale) for r in rows] == \
            [(c, n, 10.0, 1.5, False) for c, n in WATCH]
        now[0] += timedelta(minutes=1)               # past 3 polls' grace: the kept quote is marked stale
        assert all(r.stale and r.age_s == 60 and r.quote.price == 10.0 for r in svc.quote_rows(codes))
        st = svc.status()["quotes"]
        assert st.state == "stale" and fault in st.error
    finally:
        src.close()


def test_cli_quotes_with_a_bad_body_exits_non_zero_naming_the_fields(tmp_path, settings, rsps, capsys, monkeypatch):
    from desktop.sources import rate_limit

    from .test_cli_market import run

    monkeypatch.setattr(rate_limit, "_global", rate_limit.HostLimits.unlimited())   # sleeps are patched
    rsps.get(ULIST, body=ulist_body([bad_row(c, n) for c, n in WATCH]))
    rsps.get(ULIST, body=ulist_body([bad_row(c, n, f2=DROP, f3=DROP, f14=DROP) for c, n in WATCH]))
    rsps.get(TENCENT, body=REFUSED)
    codes = [c for c, _n in WATCH]
    rc, out, err = run(["quotes", *codes, "--json"], tmp_path, settings, capsys)
    assert rc == 0 and [r["price"] for r in json.loads(out)] == [10.0] * 12
    rc, out, err = run(["quotes", *codes, "--json"], tmp_path, settings, capsys)
    assert rc == 1
    assert f"warning: quotes: Eastmoney: {NO_PRICE_CHANGE_NAME}; Tencent: cannot connect" in err
    rows = json.loads(out)                            # the last good quotes, not blanks
    assert [(r["code"], r["name"], r["price"]) for r in rows] == [(c, n, 10.0) for c, n in WATCH]

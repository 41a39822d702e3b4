"""An index's 日K and 分时 (issue 26): akshare's stock_zh_index_daily_em with the key (sh000001 → secid 1.000001,
never 平安银行's 0.000001) and the trends2 request akshare's index_zh_a_hist_min_em sends, against answers in
Eastmoney's exact format; recorded and replayed; a watched index is no stock to alerts or to the per-stock news."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest

from desktop.core.alerts import Evaluator, Rule, normalise_level
from desktop.core.errors import SourceError
from desktop.core.market import Quote
from desktop.core.market_hours import SHANGHAI
from desktop.sources.akshare_source import AkshareSource
from desktop.sources.rate_limit import HostLimits
from desktop.sources.recorder import Recorder, Tap
from desktop.sources.replay import ReplayResponder
from scripts.make_demo import DEMO_NOW

from .conftest import make_source

KLINE = re.compile(r"https://push2his\.eastmoney\.com/api/qt/stock/kline/get.*")
TRENDS = re.compile(r"https://push2his\.eastmoney\.com/api/qt/stock/trends2/get.*")
DAYS = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"]


def kline_body(code: str, market: int, name: str, closes: list[float]) -> str:
    """stock_zh_index_daily_em's answer: fields2 f51–f58 → "date,open,close,high,low,volume(lots),amount,振幅"."""
    lines = [f"{d},{c - 5:.2f},{c:.2f},{c + 8:.2f},{c - 11:.2f},{412345678 + i},{5.12e11 + i:.1f},0.57"
             for i, (d, c) in enumerate(zip(DAYS, closes, strict=True))]
    return json.dumps({"rc": 0, "rt": 17, "svr": 181734976, "lt": 1, "full": 0, "dlmkts": "",
                       "data": {"code": code, "market": market, "name": name, "decimal": 2, "dktotal": len(lines),
                                "preKPrice": closes[0], "klines": lines}}, ensure_ascii=False, separators=(",", ":"))


def trends_body(code: str, market: int, name: str, prev: float, rows: list[str]) -> str:
    """trends2's answer: fields2 f51–f58 → "time,open,close,high,low,volume(lots),amount,均价"."""
    return json.dumps({"rc": 0, "rt": 10, "svr": 181734976, "lt": 1, "full": 0, "dlmkts": "",
                       "data": {"code": code, "market": market, "type": 1, "status": 0, "name": name, "decimal": 2,
                                "preSettlement": 0.0, "preClose": prev,
                                "beticks": "33300|34200|54000|34200|41400|46800|54000", "trendsTotal": len(rows),
                                "time": int(DEMO_NOW.timestamp()), "kind": 1, "prePrice": prev, "trends": rows}},
                      ensure_ascii=False, separators=(",", ":"))


def minute_rows(day: str, start: float, n: int) -> list[str]:
    t0 = datetime.fromisoformat(f"{day} 09:30")
    return [f"{(t0 + timedelta(minutes=i)).strftime('%Y-%m-%d %H:%M')},{start + i:.2f},{start + i + 0.5:.2f},"
            f"{start + i + 0.8:.2f},{start + i - 0.2:.2f},{1234567 + i},{1.5e9:.1f},{start + i:.3f}" for i in range(n)]


SH_CLOSES = [3360.12, 3371.5, 3380.01, 3388.56, 3402.76]
SH_KLINE = kline_body("000001", 1, "上证指数", SH_CLOSES)
SH_TRENDS = trends_body("000001", 1, "上证指数", 3388.56,
                        minute_rows("2026-11-19", 3370.0, 3) + minute_rows("2026-11-20", 3390.0, 4))


def params_of(call) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(call.request.url).query))


@pytest.fixture
def src():
    s = make_source()
    yield s
    s.close()


def test_daily_bars_of_an_index_ask_its_own_secid(rsps, src):
    rsps.get(KLINE, body=SH_KLINE)
    bars = src.daily_bars("sh000001", 250, "qfq")
    (call,) = rsps.calls
    p = params_of(call)
    assert p["secid"] == "1.000001" and (p["klt"], p["fqt"]) == ("101", "0")        # not 平安银行's 0.000001
    assert (p["fields1"], p["fields2"]) == ("f1,f2,f3,f4,f5", "f51,f52,f53,f54,f55,f56,f57,f58")
    assert p["end"] == "20500101" and p["beg"] < "20260801"
    assert [b.code for b in bars] == ["sh000001"] * 5 and [b.close for b in bars] == SH_CLOSES
    b = bars[-1]
    assert (b.open, b.high, b.low, b.volume, b.amount) == (3397.76, 3410.76, 3391.76, 41234568200.0, 5.12e11 + 4)
    assert datetime.fromtimestamp(b.time, SHANGHAI).date().isoformat() == "2026-11-20"
    assert {b.adjust for b in bars} == {"qfq"}               # no 除权: stored under what the chart reads
    assert {b.adjust for b in src.daily_bars("sh000001", 3, "")} == {""}


def test_an_unknown_answer_for_an_index_is_an_error(rsps, src):
    rsps.get(KLINE, body=json.dumps({"rc": 0, "rt": 17, "data": {"klines": []}}))
    with pytest.raises(SourceError, match="no daily bars for sh000001"):
        src.daily_bars("sh000001", 250, "qfq")


def test_intraday_bars_of_an_index_are_the_latest_session(rsps, src):
    rsps.get(TRENDS, body=SH_TRENDS)
    bars = src.intraday_bars("sh000001")
    (call,) = rsps.calls
    p = params_of(call)
    assert p == {"fields1": "f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13", "fields2": "f51,f52,f53,f54,f55,f56,f57,f58",
                 "iscr": "0", "ndays": "5", "secid": "1.000001"}
    assert len(bars) == 4 and all(b.code == "sh000001" for b in bars)
    first = bars[0]
    assert datetime.fromtimestamp(first.time, SHANGHAI).strftime("%Y-%m-%d %H:%M") == "2026-11-20 09:30"
    assert (first.open, first.close, first.high, first.low, first.volume) == (3390.0, 3390.5, 3390.8, 3389.8,
                                                                              123456700.0)


@pytest.mark.parametrize("body, message", [
    (json.dumps({"rc": 102, "rt": 10, "data": None}), "empty answer"),
    ("<html>busy</html>", "unexpected answer format"),
    (trends_body("000001", 1, "上证指数", 3388.56, ["2026-11-20 09:30,x,y,z,w,1,2,3", "garbage"]), "dropped"),
])
def test_broken_trends_answers_are_clear_errors(rsps, src, body, message):
    rsps.get(TRENDS, body=body)
    with pytest.raises(SourceError, match=message):
        src.intraday_bars("sz399006")


def test_recorded_and_replayed(tmp_path, rsps):
    rsps.get(KLINE, body=SH_KLINE)
    rsps.get(TRENDS, body=SH_TRENDS)
    live = AkshareSource(Tap(HostLimits.unlimited(), recorder=Recorder(tmp_path)), wall_clock=DEMO_NOW.timestamp)
    recorded = (live.daily_bars("sh000001", 250, "qfq"), live.intraday_bars("sh000001"))
    live.close()
    lines = [json.loads(ln) for ln in (tmp_path / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [ln["params"]["secid"] for ln in lines] == ["1.000001", "1.000001"]
    rsps.reset()
    responder = ReplayResponder(tmp_path)
    tap = Tap(HostLimits.unlimited(), responder=responder)
    tap.skip_sleeps = True
    again = AkshareSource(tap, wall_clock=DEMO_NOW.timestamp, mode="replay", meta=responder.meta)
    try:
        assert (again.daily_bars("sh000001", 250, "qfq"), again.intraday_bars("sh000001")) == recorded
    finally:
        again.close()
    assert len(rsps.calls) == 0


# -- a watched index is no stock ------------------------------------------------------------------------------
T = int(datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI).timestamp())


def quote(code: str, price: float, prev: float, t: int = T) -> Quote:
    return Quote(code=code, name="上证指数" if code == "sh000001" else "测试", price=price,
                 change_pct=round((price / prev - 1) * 100, 2), change=price - prev, open=prev, high=price, low=price,
                 prev_close=prev, volume=1e9, amount=None, turnover_pct=None, total_cap=None, time=t, fetched=t)


def test_rules_for_every_stock_and_limit_rules_never_fire_for_an_index():
    every = Rule(1, "change_above", "all", "", value=normalise_level("change_above", 1.0), cooldown_s=0)
    limit = Rule(2, "limit_up", "list", "", list_name="自选", cooldown_s=0)
    level = Rule(3, "price_above", "list", "", value=3400.0, list_name="自选", cooldown_s=0)
    ev = Evaluator([every, limit, level], {"自选": ("sh000001", "600000")})
    # 上证指数 +10 % (a price a 主板 stock's 涨停 would be) and 600000 +2 %
    out = ev.on_quotes([quote("sh000001", 3727.42, 3388.56), quote("600000", 10.2, 10.0)], T)
    ev.after_quotes([quote("sh000001", 3727.42, 3388.56)])
    assert sorted((f.rule, f.code) for f in out) == [(1, "600000"), (3, "sh000001")]
    assert "sh000001" not in ev.state.at_limit


def test_a_watched_index_asks_for_no_notices_or_news(rsps):
    search = "https://search-api-web.eastmoney.com/search/jsonp"
    rsps.add_callback("GET", search, callback=lambda r: (200, {}, 'jQuery_huohua({"code":0,"result":null})'))
    s = make_source(wall_clock=lambda: T)
    try:
        s.flash_news("stocknews", ("sh000001", "300750"))
    finally:
        s.close()
    keywords = [json.loads(params_of(c)["param"])["keyword"] for c in rsps.calls]
    assert keywords == ["300750"]

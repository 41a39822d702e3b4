"""Record → replay: the recorder writes what akshare and the quote provider exchanged; replay serves it back."""

from __future__ import annotations

import json

import pytest
import requests

from desktop.sources.akshare_source import AkshareSource
from desktop.sources.quote_provider import CircuitBreaker, QuoteProvider
from desktop.sources.rate_limit import HostLimits
from desktop.sources.recorder import Recorder, Tap
from desktop.sources.replay import ReplayMiss, ReplayResponder, match_key
from scripts.make_demo import DEMO_NOW


def run_everything(src: AkshareSource) -> dict:
    return {"quotes": src.quotes(["300750", "688063", "920239"]), "industry": src.boards("industry"),
            "concept": src.boards("concept"), "members": src.board_members("储能", "concept"),
            "bars": src.daily_bars("300750", 10, "qfq"), "raw": src.daily_bars("920239", 10, ""),
            "intraday": src.intraday_bars("601012"), "snapshot": src.snapshot()}


def replayed(directory, **kw) -> AkshareSource:
    responder = ReplayResponder(directory, **kw)
    tap = Tap(HostLimits.unlimited(), responder=responder)
    tap.skip_sleeps = True
    return AkshareSource(tap, wall_clock=DEMO_NOW.timestamp, mode="replay", meta=responder.meta)


def test_round_trip_same_frames(tmp_path, market, rsps):
    live = AkshareSource(Tap(HostLimits.unlimited(), recorder=Recorder(tmp_path)), wall_clock=DEMO_NOW.timestamp)
    recorded = run_everything(live)
    live.close()
    n_live = len(rsps.calls)
    lines = (tmp_path / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == n_live
    first = json.loads(lines[0])
    assert set(first) >= {"t", "method", "url", "params", "status", "headers", "body"} and "?" not in first["url"]
    meta = json.loads((tmp_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["versions"]["akshare"] and meta["start"] and meta["demo"] is False

    rsps.reset()                                      # nothing is served live any more
    src = replayed(tmp_path)
    again = run_everything(src)
    assert again == recorded
    assert len(rsps.calls) == 0


def test_missing_exchange_is_a_clear_error(tmp_path, market):
    live = AkshareSource(Tap(HostLimits.unlimited(), recorder=Recorder(tmp_path)), wall_clock=DEMO_NOW.timestamp)
    live.boards("industry")
    live.close()
    src = replayed(tmp_path)
    with pytest.raises(ReplayMiss) as err:
        src.daily_bars("300750", 10)
    assert "not in the recording" in str(err.value) and "kline/get" in str(err.value) and "secid=0.300750" in str(err.value)


def test_subset_of_a_recorded_batch_and_tencent_gbk(tmp_path, market, rsps):
    clock = [0.0]
    provider = QuoteProvider(breaker=CircuitBreaker(clock=lambda: clock[0]), wall_clock=DEMO_NOW.timestamp)
    live = AkshareSource(Tap(HostLimits.unlimited(), recorder=Recorder(tmp_path)), provider,
                         wall_clock=DEMO_NOW.timestamp)
    live.quotes(["300750", "688063", "601012", "920239"])
    market.broken.add("ulist")
    via_tencent = live.quotes(["300750", "920239"])
    live.close()
    rows = [json.loads(x) for x in (tmp_path / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[1]["error"].startswith("ConnectionError") and rows[1]["status"] == 0
    assert rows[2]["charset"] in ("gbk", "gb18030") and "宁德时代" in rows[2]["body"]

    src = replayed(tmp_path)
    sub = src.quotes(["688063", "300750"])             # a subset of the first recorded batch
    assert sorted(q.code for q in sub) == ["300750", "688063"]
    again = src.quotes(["300750", "920239"])           # the recorded connection reset, then Tencent
    assert [q.name for q in again] == [q.name for q in via_tencent] == ["宁德时代", "长虹能源"]
    assert src.provider.backend == "tencent"


def test_sequence_walks_then_stays_on_the_last(tmp_path):
    (tmp_path / "exchanges.jsonl").write_text("\n".join(json.dumps(
        {"t": t, "method": "GET", "url": "https://example.eastmoney.com/x", "params": {"a": "1", "ut": str(t)},
         "status": 200, "headers": {}, "body": str(t)}) for t in (0, 5, 9)) + "\n", encoding="utf-8")
    r = ReplayResponder(tmp_path)
    assert [r("GET", "https://example.eastmoney.com/x", {"a": "1"}).body for _ in range(4)] == ["0", "5", "9", "9"]
    now = [100.0]
    paced = ReplayResponder(tmp_path, paced=True, clock=lambda: now[0])
    now[0] += 6
    assert paced("GET", "http://example.eastmoney.com/x", {"a": "1"}).body == "5"


def test_match_key_ignores_cosmetic_params_and_shards():
    a = match_key("GET", "https://82.push2.eastmoney.com/api/qt/clist/get", {"pn": "1", "fs": "x", "ut": "abc",
                                                                            "_": "123"})
    b = match_key("get", "http://push2.eastmoney.com/api/qt/clist/get", {"fs": "x", "pn": "1"})
    assert a == b
    assert a != match_key("GET", "https://push2.eastmoney.com/api/qt/clist/get", {"fs": "x", "pn": "2"})


def test_curl_cffi_call_sites_are_served_too(tmp_path):
    curl = pytest.importorskip("curl_cffi.requests")
    (tmp_path / "exchanges.jsonl").write_text(json.dumps(
        {"t": 0, "method": "GET", "url": "https://np-anotice-stock.eastmoney.com/api/x", "params": {"page": "1"},
         "status": 200, "headers": {}, "body": '{"ok":1}'}) + "\n", encoding="utf-8")
    src = replayed(tmp_path)
    out = src.call(lambda _ak: curl.get("https://np-anotice-stock.eastmoney.com/api/x", params={"page": "1"}).json(),
                   "curl", akshare=False)
    assert out == {"ok": 1}


def test_taps_are_idle_outside_a_market_call(rsps):
    Tap(HostLimits.unlimited(), responder=lambda *a: (_ for _ in ()).throw(AssertionError("tapped")))
    rsps.get("https://example.org/feed", body="plain")
    assert requests.get("https://example.org/feed").text == "plain"      # the news pipeline is untouched

"""AkshareSource through akshare's real parsing: bodies in Eastmoney's exact format, every failure readable."""

from __future__ import annotations

import json
import re
import threading

import pytest
import requests

from desktop.core.errors import SourceError
from scripts.make_demo import (
    CONCEPT_KEYS,
    INDUSTRY_KEYS,
    SPOT_FS,
    SPOT_KEYS,
    FakeMarket,
    em_body,
    ordered,
)

from .conftest import make_source

CLIST = re.compile(r"https://\d+\.push2\.eastmoney\.com/api/qt/clist/get.*")


def board_row(i: int, name: str | None = None, keys=INDUSTRY_KEYS) -> dict:
    return ordered(keys, {"f2": 1000.0 + i, "f3": round(i / 10, 2), "f4": 1.0, "f8": 1.1, "f12": f"BK{1000 + i}",
                          "f13": 90, "f14": name or f"板块{i}", "f20": 1e11 + i, "f104": 10, "f105": 5,
                          "f128": "宁德时代", "f140": "300750", "f141": 0, "f136": 3.2})


def test_industry_boards_two_pages(rsps, source, slept):
    rows = [board_row(i) for i in range(150)]
    rsps.get(CLIST, body=em_body(rows[:100], total=150), match=[_pn(1)])
    rsps.get(CLIST, body=em_body(rows[100:], total=150), match=[_pn(2)])
    boards = source.boards("industry")
    assert len(boards) == 150 and len(rsps.calls) == 2
    assert {b.code for b in boards} == {f"BK{1000 + i}" for i in range(150)}
    b = next(b for b in boards if b.code == "BK1042")
    assert (b.name, b.type, b.change_pct, b.up, b.down, b.leader, b.leader_change_pct) == (
        "板块42", "industry", 4.2, 10, 5, "宁德时代", 3.2)
    assert len(slept) == 1 and 0.5 <= slept[0] <= 1.5    # akshare's own delay before page 2 (patched)


def _pn(n: int):
    from responses import matchers

    return matchers.query_param_matcher({"pn": str(n)}, strict_match=False)


def test_concept_list_cache_is_cleared_each_refresh(rsps, source):
    first = [board_row(i, keys=CONCEPT_KEYS) for i in range(3)]
    rsps.get(CLIST, body=em_body(first))
    assert [b.change_pct for b in source.boards("concept")] == [0.2, 0.1, 0.0]
    moved = [board_row(i, keys=CONCEPT_KEYS) | {"f3": 5.0} for i in range(3)]
    rsps.replace("GET", CLIST, body=em_body(moved))
    assert [b.change_pct for b in source.boards("concept")] == [5.0, 5.0, 5.0]   # not the lru_cached list
    assert len(rsps.calls) == 2


def test_board_rename_between_refreshes(rsps, source):
    rsps.get(CLIST, body=em_body([board_row(1, "电池"), board_row(2, "光伏设备")]))
    assert source.resolve_board("电池", "industry") == "BK1001"
    rsps.replace("GET", CLIST, body=em_body([board_row(1, "电池Ⅱ"), board_row(2, "光伏设备")]))
    source.boards("industry")
    assert source.resolve_board("电池Ⅱ", "industry") == "BK1001"
    with pytest.raises(SourceError, match="renamed"):
        source.resolve_board("电池", "industry")        # looked up again online, still not there
    assert source.resolve_board("BK1001", "industry") == "BK1001"


def test_board_members_by_code_and_by_name(rsps, market, source):
    boards = source.boards("industry")
    battery = next(b for b in boards if b.name == "电池")
    by_name = source.board_members("电池", "industry")
    by_code = source.board_members(battery.code, "industry")
    assert {q.code for q in by_name} == {q.code for q in by_code} == set(market.boards[battery.code]["members"])
    assert "300750" in {q.code for q in by_code}
    assert any(f"b:{battery.code}" in requests.utils.unquote(c.request.url) for c in rsps.calls)


@pytest.mark.parametrize(("body_or_exc", "status", "message"), [
    (requests.ConnectionError("('Connection aborted.', RemoteDisconnected('closed'))"), 200, "connection dropped"),
    # a laptop that lost its network mid-keep-alive: aborted too, but not a ban
    (requests.ConnectionError("('Connection aborted.', OSError(101, 'Network is unreachable'))"), 200,
     "cannot connect"),
    (requests.ReadTimeout("read timed out"), 200, "timed out"),
    ("Internal Server Error", 500, "HTTP 500"),
    (em_body(None), 200, "data: null"),
    (em_body([]), 200, "empty answer"),
    ("<html>blocked</html>", 200, "did not answer JSON"),
    (em_body([board_row(1) | {"f999": 1}]), 200, "columns changed"),     # one key too many: Length mismatch
    (em_body([{k: v for k, v in board_row(1).items() if k != "f222"}]), 200, "columns changed"),
])
def test_failures_become_readable_source_errors(rsps, source, body_or_exc, status, message):
    rsps.get(CLIST, body=body_or_exc, status=status)
    with pytest.raises(SourceError) as err:
        source.boards("industry")
    assert message in str(err.value) and str(err.value).startswith("industry boards: ")


def test_reordered_columns_are_caught_not_misread(rsps, source):
    r = board_row(1)
    keys = list(r)
    i, j = keys.index("f12"), keys.index("f2")
    keys[i], keys[j] = keys[j], keys[i]
    rsps.get(CLIST, body=em_body([{k: r[k] for k in keys}]))
    with pytest.raises(SourceError, match="columns changed"):
        source.boards("industry")


def test_snapshot_pages_arrive_as_they_come(rsps):
    fm = FakeMarket([(f"600{i:03d}", f"股票{i}", "电池") for i in range(230)], history_days=5)
    fm.register(rsps)
    src = make_source()
    pages: list[list] = []
    quotes = src.snapshot(on_page=pages.append)
    assert [len(p) for p in pages] == [100, 100, 30]
    assert len(quotes) == 230 and {q.code for q in quotes} == {q.code for p in pages for q in p}
    assert all(q.total_cap and q.float_cap for q in quotes)
    assert sum(1 for c in rsps.calls if SPOT_FS in requests.utils.unquote(c.request.url).replace("+", " ")) == 3
    src.close()


def test_suspended_stock_in_the_snapshot(rsps, source):
    live = ordered(SPOT_KEYS, {"f1": 2, "f2": 12.5, "f3": 1.0, "f5": 100, "f6": 1e5, "f12": "600001", "f13": 1,
                               "f14": "甲", "f18": 12.4, "f20": 1e9, "f21": 1e9})
    halted = ordered(SPOT_KEYS, {"f1": 2, "f12": "600002", "f13": 1, "f14": "乙", "f18": 8.8, "f20": 2e9})
    rsps.get(CLIST, body=em_body([live, halted]))
    quotes = {q.code: q for q in source.snapshot()}
    assert quotes["600002"].price is None and quotes["600002"].prev_close == 8.8
    assert quotes["600001"].price == 12.5 and quotes["600001"].volume == 10000


def test_daily_bars_qfq_and_none_and_bj(market, source):
    raw = source.daily_bars("300750", 20, "")
    qfq = source.daily_bars("300750", 20, "qfq")
    bj = source.daily_bars("920239", 5, "")
    assert len(raw) == len(qfq) == 20 and len(bj) == 5
    assert raw[-1].close == qfq[-1].close and raw[-1].adjust == "" and qfq[-1].adjust == "qfq"
    assert all(b.time < a.time for b, a in zip(raw, raw[1:], strict=False))
    assert all(b.volume > 0 and b.high >= b.low for b in raw)


def test_unknown_code_history_is_a_clear_error(market, source):
    with pytest.raises(SourceError, match="no daily bars for 300999"):
        source.daily_bars("300999", 10)
    with pytest.raises(SourceError, match="not an A-share code"):
        source.daily_bars("ABCDEF", 10)


def test_intraday_bars_of_the_latest_day(market, source):
    bars = source.intraday_bars("688063")
    assert len(bars) == market.minute + 1 and bars[0].close > 0
    st = market.state("688063")
    assert bars[-1].close == st["price"]


def test_quotes_go_through_the_batched_provider(market, source):
    out = source.quotes(["300750", "688063", "920239", "300999"])
    assert [q.code for q in out] == ["300750", "688063", "920239"]
    assert source.status()["quote_backend"] == "eastmoney"


def test_deadline_frees_the_caller(source):
    source.deadline_s = 0.05
    release = threading.Event()
    with pytest.raises(SourceError, match="no answer within"):
        source.call(lambda _ak: release.wait(30), "stuck call", akshare=False)
    release.set()


def test_abandoned_call_may_not_make_more_requests(rsps, source):
    import time as _time

    from desktop.sources.recorder import Tap

    tap: Tap = source.tap
    with tap.activate(deadline=_time.monotonic() - 1), pytest.raises(SourceError, match="deadline"):
        requests.get("https://push2.eastmoney.com/api/qt/ulist.np/get")
    assert len(rsps.calls) == 0


def test_unknown_board_type(source):
    with pytest.raises(SourceError, match="unknown board type"):
        source.boards("sector")


def test_trends_body_shape_is_what_akshare_reads(market):
    body = json.loads(market.trends({"secid": "0.300750"}, ""))
    assert body["data"]["trends"][0].count(",") == 7

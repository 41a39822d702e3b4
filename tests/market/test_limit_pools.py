"""涨停 / 炸板 / 跌停 pools (issue 26): Eastmoney's push2ex answers in their exact format (a full pool, a holiday's
`data: null`, an empty pool, another day's answer, rows missing fields or out of range), read through the real
AkshareSource (and the market process) from a recording, stored per trading day, and the 涨停 reasons' ranking."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from desktop.core.errors import SourceError
from desktop.core.limit_pools import LimitRow, ladder
from desktop.core.limit_reasons import Evidence, best, reasons
from desktop.sources.akshare_source import AkshareSource
from desktop.sources.limit_pools import parse, request
from desktop.store import limit_pools as store
from desktop.store import schema
from desktop.store.writer import Writer

DAY = date(2026, 11, 20)
HOLIDAY = date(2026, 10, 1)


def zt_row(code: str, name: str, price: int, lbc: int, fbt: int, lbt: int, *, zdp: float = 10.01, zbc: int = 0,
           hybk: str = "电池", fund: float = 3.2e8) -> dict:
    """A 涨停 pool entry: these keys in this order (akshare names its columns by this position)."""
    return {"c": code, "m": 1 if code.startswith("6") else 0, "n": name, "p": price, "zdp": zdp,
            "amount": 1.2e9, "ltsz": 2.4e10, "tshare": 2.6e10, "hs": 5.03, "lbc": lbc, "fbt": fbt, "lbt": lbt,
            "fund": fund, "zbc": zbc, "hybk": hybk, "zttj": {"days": lbc, "ct": lbc}}


def zb_row(code: str, name: str) -> dict:
    return {"c": code, "m": 0, "n": name, "p": 12340, "ztp": 13200, "zdp": 3.52, "amount": 8.1e8, "ltsz": 9.9e9,
            "tshare": 1.1e10, "hs": 12.4, "fbt": 100312, "zbc": 2, "zf": 11.3, "zs": -0.42,
            "zttj": {"days": 2, "ct": 1}, "hybk": "光伏设备"}


def dt_row(code: str, name: str) -> dict:
    return {"c": code, "m": 1, "n": name, "p": 5310, "zdp": -10.0, "amount": 3.3e8, "ltsz": 4.4e9, "tshare": 4.5e9,
            "pe": -12.3, "hs": 7.7, "fund": 6.6e7, "lbt": 141502, "fba": 1.2e8, "days": 2, "oc": 1, "hybk": "房地产开发"}


def body(rows: list[dict] | None, day: date = DAY, rc: int = 0) -> str:
    data = None if rows is None else {"tc": len(rows), "qdate": int(day.strftime("%Y%m%d")), "pool": rows}
    return json.dumps({"rc": rc, "rt": 11, "svr": 182994995, "lt": 1, "full": 1, "dlmkts": "", "data": data},
                      ensure_ascii=False, separators=(",", ":"))


HOLIDAY_BODY = '{"rc":102,"rt":11,"svr":182994995,"lt":1,"full":1,"dlmkts":"","data":null}'
ZT = [zt_row("300750", "宁德时代", 290400, 1, 93512, 101500, zdp=20.0, zbc=1),
      zt_row("600000", "浦发银行", 11000, 3, 92500, 92500, hybk="银行"),
      zt_row("002594", "比亚迪", 330000, 1, 93000, 93000, hybk="汽车整车")]


def exchange(kind: str, day: date, text: str, t: float = 0.0) -> str:
    url, params = request(kind, day)
    return json.dumps({"t": t, "method": "GET", "url": url, "params": params, "status": 200,
                       "headers": {"content-type": "application/json; charset=UTF-8"}, "body": text},
                      ensure_ascii=False)


def recording(tmp_path: Path, lines: list[str]) -> Path:
    d = tmp_path / "rec"
    d.mkdir()
    (d / "meta.json").write_text(json.dumps({"start": "2026-11-20T14:35:00+08:00"}), encoding="utf-8")
    (d / "exchanges.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


# -- the answers -----------------------------------------------------------------------------------------
def test_a_full_zt_pool_reads_every_field_in_its_unit():
    rows = parse("zt", body(ZT), DAY)
    assert [r.code for r in rows] == ["300750", "600000", "002594"]
    catl = rows[0]
    assert (catl.pool, catl.day, catl.name, catl.price, catl.change_pct) == ("zt", "2026-11-20", "宁德时代", 290.4, 20.0)
    assert (catl.streak, catl.first_sealed, catl.last_sealed, catl.breaks) == (1, "09:35:12", "10:15:00", 1)
    assert (catl.seal_funds, catl.amount, catl.float_cap, catl.industry, catl.stats) == (3.2e8, 1.2e9, 2.4e10, "电池",
                                                                                        "1/1")
    assert [r.code for r in ladder(rows)] == ["600000", "002594", "300750"]   # 3连板 first, then by sealing


def test_zb_and_dt_pools_read_their_own_fields():
    zb = parse("zb", body([zb_row("300274", "阳光电源")]), DAY)[0]
    assert (zb.limit_price, zb.first_sealed, zb.breaks, zb.streak, zb.last_sealed) == (13.2, "10:03:12", 2, None, "")
    dt = parse("dt", body([dt_row("600383", "金地集团")]), DAY)[0]
    assert (dt.price, dt.streak, dt.breaks, dt.seal_funds, dt.last_sealed, dt.first_sealed) == (
        5.31, 2, 1, 6.6e7, "14:15:02", "")


@pytest.mark.parametrize("kind", ["zt", "zb", "dt"])
def test_a_holiday_data_null_an_empty_pool_and_another_days_answer_are_no_pool(kind):
    assert parse(kind, HOLIDAY_BODY, HOLIDAY) == []
    assert parse(kind, body([], HOLIDAY), HOLIDAY) == []
    # Eastmoney answers a day without a pool with the latest day's: never stored under the asked day
    assert parse(kind, body(ZT, DAY), HOLIDAY) == []


def test_rows_missing_fields_keep_what_they_have_and_bad_rows_are_named(caplog):
    sparse = {"c": "688256", "n": "寒武纪", "p": 612000, "zdp": 20.0}          # no lbc, fbt, fund, zttj …
    no_code = {"n": "无代码", "p": 10000}
    bad_price = zt_row("300014", "亿纬锂能", -5, 1, 93000, 93000)
    marked = zt_row("002230", "<b>科大讯飞</b>\u202e", 52000, 1, 94000, 94000)
    with caplog.at_level(logging.WARNING):
        rows = parse("zt", body([sparse, no_code, bad_price, marked]), DAY)
    assert [(r.code, r.name) for r in rows] == [("688256", "寒武纪"), ("002230", "科大讯飞")]
    assert (rows[0].streak, rows[0].first_sealed, rows[0].seal_funds, rows[0].stats) == (None, "", None, "")
    warned = caplog.text
    assert "2 of 4 rows dropped" in warned and "300014 price" in warned and "is not a stock code" in warned
    with pytest.raises(SourceError, match="dropped as implausible"):
        parse("zt", body([no_code, bad_price]), DAY)
    with pytest.raises(SourceError, match="not JSON"):
        parse("zt", "<html>502</html>", DAY)
    with pytest.raises(SourceError, match="pool is str"):
        parse("zt", json.dumps({"rc": 0, "data": {"qdate": 20261120, "pool": "x"}}), DAY)


def test_pools_replay_through_the_real_source_and_the_market_process(tmp_path):
    from desktop.sources.process_source import ProcessSource

    rec = recording(tmp_path, [exchange("zt", DAY, body(ZT)), exchange("zb", DAY, body([zb_row("300274", "阳光电源")])),
                               exchange("dt", HOLIDAY, HOLIDAY_BODY)])
    src = AkshareSource.create(replay_dir=rec)
    try:
        assert [r.code for r in src.limit_pool("zt", DAY)] == ["300750", "600000", "002594"]
        assert [r.name for r in src.limit_pool("zb", DAY)] == ["阳光电源"]
        assert src.limit_pool("dt", HOLIDAY) == []
        with pytest.raises(SourceError, match="not in the recording"):
            src.limit_pool("dt", DAY)
    finally:
        src.close()
    proc = ProcessSource(replay_dir=rec)
    try:
        assert proc.limit_pool("zt", DAY) == parse("zt", body(ZT), DAY)
    finally:
        proc.close()


# -- storage ----------------------------------------------------------------------------------------------
def test_pools_are_stored_per_trading_day_and_read_back_for_past_days(tmp_path):
    rows = parse("zt", body(ZT), DAY)
    earlier = [LimitRow("zt", "2026-11-19", "600000", "浦发银行", streak=2, first_sealed="09:25:00")]
    with Writer(tmp_path / "db.sqlite3") as w:
        assert w.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == schema.LATEST >= 6
        w.call(lambda c: store.replace_pool(c, "zt", "2026-11-19", earlier, 1000))
        w.call(lambda c: store.replace_pool(c, "zt", "2026-11-20", rows, 2000))
        w.call(lambda c: store.replace_pool(c, "zt", "2026-11-20", rows[:2], 3000))   # 比亚迪 broke: it leaves
        w.call(lambda c: store.replace_pool(c, "dt", "2026-10-01", [], 4000))         # a holiday: known, empty
        got = w.call(lambda c: store.pool(c, "zt", "2026-11-20"))
        assert sorted(got, key=lambda r: r.code) == sorted(rows[:2], key=lambda r: r.code)
        assert w.call(lambda c: store.pool(c, "zt", "2026-11-19")) == earlier
        assert w.call(lambda c: store.days(c, "zt")) == ["2026-11-20", "2026-11-19"]
        assert w.call(lambda c: (store.fetched_at(c, "dt", "2026-10-01"), store.pool(c, "dt", "2026-10-01"),
                                 store.fetched_at(c, "zb", "2026-11-20"))) == (4000, [], None)


# -- reasons -----------------------------------------------------------------------------------------------
def _ev(aid: int, published: int, *, notice=False, linked=1, confidence=0.9, own=True) -> Evidence:
    return Evidence(aid, f"t{aid}", published, notice, linked, confidence, own)


def test_a_notice_beats_news_of_the_stock_alone_which_beats_a_list_which_beats_its_themes():
    sealed = 1_000
    only, listed = _ev(2, 900), _ev(3, 950, linked=4)
    notice = _ev(1, 500, notice=True, linked=1, confidence=0.5)
    assert best([listed, only, notice], sealed).article_id == 1
    assert best([listed, only], sealed).tier == "only"
    assert best([listed], sealed).tier == "linked"
    r = best([_ev(7, 800, own=False, linked=0), _ev(8, 990, own=False, linked=3)], sealed)
    assert (r.article_id, r.tier, r.evidence) == (8, "theme", 2)
    assert best([], sealed) is None


def test_within_a_tier_a_cause_before_the_sealing_then_the_surer_link_then_the_nearest():
    sealed = 1_000
    assert best([_ev(1, 1_100, confidence=1.0), _ev(2, 400, confidence=0.6)], sealed).article_id == 2
    assert best([_ev(1, 900, confidence=0.6), _ev(2, 400, confidence=0.9)], sealed).article_id == 2
    assert best([_ev(1, 400), _ev(2, 900)], sealed).article_id == 2
    assert best([_ev(1, 1_500), _ev(2, 1_200)], sealed).article_id == 2       # both after: the nearest
    assert best([_ev(1, 1_200, notice=True), _ev(2, 900)], sealed).article_id == 1   # a 公告 first anyway


def test_reasons_fall_back_to_the_themes_of_the_stocks_industry_and_count_the_evidence():
    rows = parse("zt", body(ZT), DAY)
    linked = {"300750": [_ev(10, 1_700_000_000), _ev(11, 1_700_000_100, notice=True)]}
    by_theme = {"energy": [_ev(20, 1_700_000_000, own=False, linked=0)], "cars": [_ev(30, 1, own=False)]}
    themes = {"energy": ("电池", "光伏设备"), "cars": ("汽车零部件",)}
    got = reasons(rows, linked, by_theme, themes, {"002594": "汽车零部件"})
    assert (got["300750"].article_id, got["300750"].tier, got["300750"].evidence) == (11, "notice", 2)
    assert got["600000"] is None                                  # 银行: no theme holds it, no linked item
    assert got["002594"] is None                                  # the pool's 汽车整车 wins over the stock list's

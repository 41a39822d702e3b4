"""盘口异动 and board 异动 (issue 26): Eastmoney's push2ex answers in their exact format (a session's events, a
holiday's `data: null`, a type without events, rows missing fields or out of range, hostile names), read through
the real AkshareSource (and the market process) from a recording, stored (schema v7, new events only), polled
by the market service's `movers` job during the session only, and `huohua movers` as a user runs it."""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from datetime import date

import pytest

from desktop.core import clock
from desktop.core.errors import SourceError
from desktop.core.movers import POLLED, MoverEvent, detail, type_code
from desktop.services import movers as service_movers
from desktop.services.market_service import MarketService
from desktop.sources.akshare_source import AkshareSource
from desktop.sources.movers import board_request, parse, parse_boards, request
from desktop.store import movers as store
from desktop.store import schema
from desktop.store.db import connect_ro
from desktop.store.writer import Writer
from scripts import demo_movers
from tests.cli_run import huohua

DAY = date(2026, 11, 20)
HOLIDAY_BODY = '{"rc":102,"rt":4,"svr":182994995,"lt":1,"full":1,"dlmkts":"","data":null}'


def body(rows: list[dict] | None, key: str = "allstock") -> str:
    data = None if rows is None else {"tc": len(rows), key: rows}
    return json.dumps({"rc": 0, "rt": 4, "svr": 182994995, "lt": 1, "full": 1, "dlmkts": "", "data": data},
                      ensure_ascii=False, separators=(",", ":"))


def row(tm, code, name, t, i="") -> dict:
    """An event: these keys in this order (akshare names its columns by position: 时间 代码 _ 名称 板块 相关信息)."""
    return {"tm": tm, "c": code, "m": 1 if code.startswith("6") else 0, "n": name, "t": t, "i": i}


def exchange(url: str, params: dict, text: str) -> str:
    return json.dumps({"t": 0.0, "method": "GET", "url": url, "params": params, "status": 200,
                       "headers": {"content-type": "application/json; charset=UTF-8"}, "body": text},
                      ensure_ascii=False)


def demo_exchanges(kinds=POLLED, holiday: bool = False) -> list[str]:
    out = []
    for kind in kinds:
        url, params = request(kind)
        out.append(exchange(url, params, HOLIDAY_BODY if holiday else demo_movers.answer(url, params)))
    url, params = board_request()
    out.append(exchange(url, params, HOLIDAY_BODY if holiday else demo_movers.answer(url, params)))
    return out


def recording(tmp_path, lines, start="2026-11-20T14:35:00+08:00"):
    d = tmp_path / "rec"
    d.mkdir(parents=True)
    (d / "meta.json").write_text(json.dumps({"start": start}), encoding="utf-8")
    (d / "exchanges.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


# -- the answers -----------------------------------------------------------------------------------------
def test_a_types_answer_reads_each_event_with_its_time_type_and_detail():
    got = parse(8193, body([row(94218, "300750", "宁德时代", 8193, "3520,283.10,0.003865"),
                            row(130812, "600406", "国电南瑞", 8193, "15230,26.48,0.011073")]), DAY)
    assert [(e.time, e.code, e.name, e.type_name, e.up) for e in got] == [
        ("09:42:18", "300750", "宁德时代", "大笔买入", True), ("13:08:12", "600406", "国电南瑞", "大笔买入", True)]
    assert detail(got[0]) == "3520手 283.10元 +0.39%"
    assert detail(MoverEvent("d", "10:00:00", "000977", "x", 4, "50.18,0.099956")) == "50.18元 +10.00%"
    assert detail(MoverEvent("d", "10:00:00", "300014", "x", 8203, "-0.031260")) == "-3.13%"
    assert detail(MoverEvent("d", "10:00:00", "300014", "x", 8203, "说明<b>")) == "说明<b>"   # as sent (plain)


def test_a_holiday_data_null_and_a_type_without_events_are_no_events():
    assert parse(8201, HOLIDAY_BODY, DAY) == []
    assert parse(8201, body([]), DAY) == []
    assert parse(8201, body(None), DAY) == []
    assert parse(8201, '{"rc":0,"data":{"tc":0}}', DAY) == []          # allstock missing
    assert parse_boards(HOLIDAY_BODY, DAY) == []
    assert parse_boards(body([], "allbk"), DAY) == []


def test_bad_rows_are_dropped_and_named_and_names_are_plain(caplog):
    rows = [row(93105, "300073", "当升科技", 8201, "0.031852"),
            row(80000, "300750", "宁德时代", 8201),               # before the auction
            row(93106, "30075", "短码", 8201),
            row(93107, "600000", "浦发银行", 9999),               # an unknown type
            row(96199, "600000", "浦发银行", 8201),               # not a time of day
            row(93108, "002230", "<b>科大讯飞</b>\u202e", 8201, "<script>x</script>"),
            {"tm": 93109, "c": "688256", "n": "寒武纪"},          # no type: the one asked for
            {"c": "688256", "n": "寒武纪", "t": 8201}]            # no time
    with caplog.at_level(logging.WARNING):
        got = parse(8201, body(rows), DAY)
    assert [(e.code, e.name, e.type) for e in got] == [("300073", "当升科技", 8201), ("002230", "科大讯飞", 8201),
                                                       ("688256", "寒武纪", 8201)]
    assert "<" not in got[1].info and "\u202e" not in got[1].name
    text = caplog.text
    assert "5 of 8 rows dropped" in text and "outside the trading day" in text and "not a known 异动 type" in text
    with pytest.raises(SourceError, match="dropped as implausible"):
        parse(8201, body([row(80000, "300750", "宁德时代", 8201)]), DAY)
    with pytest.raises(SourceError, match="not JSON"):
        parse(8201, "<html>502</html>", DAY)
    with pytest.raises(SourceError, match="allstock is str"):
        parse(8201, json.dumps({"rc": 0, "data": {"allstock": "x"}}), DAY)


def test_board_moves_read_their_fields_and_missing_ones_stay_empty():
    boards = parse_boards(demo_movers.answer(*board_request()), DAY)
    top = boards[0]
    assert (top.board, top.change_pct, top.inflow, top.count, top.top_code, top.top_name, top.top_side) == (
        "计算机设备", 3.12, 2.186e9, 41, "000977", "浪潮信息", "大笔买入")
    assert top.types == "8193:18,4:9,8201:8,16:6"
    sparse = parse_boards(body([{"n": "电池"}, {"n": "x", "u": 400.0}], "allbk"), DAY)
    assert [(b.board, b.change_pct, b.count, b.top_code) for b in sparse] == [("电池", None, 0, "")]


def test_type_names_keys_and_codes():
    assert type_code("火箭发射") == type_code("rocket") == type_code("8201") == 8201
    assert type_code("DIVE") == 8203 and type_code("打开涨停板") == 16 and type_code("nonsense") is None


def test_events_replay_through_the_real_source_and_the_market_process(tmp_path):
    from desktop.sources.process_source import ProcessSource

    rec = recording(tmp_path, demo_exchanges())
    src = AkshareSource.create(replay_dir=rec)
    try:
        events, boards = service_movers.fetch(src, DAY)
        assert src.tap.count == len(POLLED) + 1          # one request a type, one for the boards
    finally:
        src.close()
    assert len(events) == len(demo_movers.EVENTS) and len({e.type for e in events}) >= 3
    assert [b.board for b in boards][:2] == ["计算机设备", "电网设备"]
    proc = ProcessSource(replay_dir=rec)
    try:
        assert service_movers.fetch(proc, DAY) == (events, boards)
    finally:
        proc.close()


# -- storage ----------------------------------------------------------------------------------------------
def test_schema_v7_adds_the_movers_tables_to_a_v6_database(tmp_path):
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    for step in schema.MIGRATIONS[:6]:
        step(conn)
    conn.execute("PRAGMA user_version=6")
    conn.commit()
    conn.close()
    with Writer(db, tmp_path / "backups") as w:
        version = w.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0])
        cols = w.call(lambda c: {r[1] for r in c.execute("PRAGMA table_info(movers)")})
        backups = w.backups
    assert version == schema.LATEST >= 7
    assert {"day", "code", "time", "type", "name", "info", "fetched"} <= cols
    assert any(b.name.endswith("before-v7.sqlite3") for b in backups)


def test_only_new_events_are_stored_and_reported_and_past_days_stay(tmp_path):
    first = parse(8193, body([row(94218, "300750", "宁德时代", 8193)]), DAY)
    later = parse(8193, body([row(130812, "600406", "国电南瑞", 8193), row(94218, "300750", "宁德时代", 8193)]), DAY)
    with Writer(tmp_path / "db.sqlite3") as w:
        ch1, new1 = w.call(lambda c: store.store_movers(c, DAY.isoformat(), (8193,), first, None, 1000))
        ch2, new2 = w.call(lambda c: store.store_movers(c, DAY.isoformat(), (8193,), later, [], 2000))
        got = w.call(lambda c: store.events(c, DAY.isoformat()))
        only = w.call(lambda c: store.events(c, DAY.isoformat(), codes=["600406"]))
        at = w.call(lambda c: (store.fetched_at(c, DAY.isoformat()), store.fetched_at(c, "2026-11-19")))
    assert [e.code for e in new1] == ["300750"] and [e.code for e in new2] == ["600406"]
    assert ch2.movers == {("2026-11-20", "600406", "13:08:12", 8193)} and bool(ch2)
    assert [e.code for e in got] == ["600406", "300750"]                   # newest first
    assert [e.code for e in only] == ["600406"] and at == (2000, None)


# -- the poll ---------------------------------------------------------------------------------------------
@contextlib.contextmanager
def _service(writer, settings, rec):
    src = AkshareSource.create(replay_dir=rec)
    svc = MarketService(src, writer, writer.db_path, settings)
    svc.prepare()
    try:
        yield svc
    finally:
        src.close()


@pytest.mark.now("2026-11-20 10:40", tick=False)
def test_the_movers_job_polls_in_the_session_and_stores_the_day(tmp_path, writer, settings):
    rec = recording(tmp_path, demo_exchanges())
    with _service(writer, settings, rec) as svc:
        assert "movers" in svc.due()
        changes = svc.run_job("movers")
        assert len(changes.movers) == len(demo_movers.EVENTS)
        assert svc.status()["movers"].state == "ok"
        assert "movers" not in svc.due()                            # not again before the interval
        clock.pin(clock.now() + float(settings.get("market.movers_interval_s")) + 1)
        assert "movers" in svc.due()
        assert not svc.run_job("movers").movers                     # the same answer: nothing new
    with contextlib.closing(connect_ro(writer.db_path)) as conn:
        assert len(store.events(conn, "2026-11-20")) == len(demo_movers.EVENTS)


@pytest.mark.now("2026-11-21 10:40", tick=False)
def test_the_movers_job_is_not_due_on_a_weekend_once_the_last_session_was_read(tmp_path, writer, settings):
    rec = recording(tmp_path, demo_exchanges(), start="2026-11-21T10:40:00+08:00")
    with _service(writer, settings, rec) as svc:
        svc.run_job("movers")                       # the first run after a start reads the last session
        with contextlib.closing(connect_ro(writer.db_path)) as conn:
            assert store.fetched_at(conn, "2026-11-20") is not None
        clock.pin(clock.now() + 3600)
        assert "movers" not in svc.due()


# -- the CLI ----------------------------------------------------------------------------------------------
NEWS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>录制资讯</title><link>https://rec.invalid/</link><description>t</description>
<item><title>国电南瑞订单饱满</title><link>https://rec.invalid/1</link>
<guid>https://rec.invalid/1</guid><pubDate>Fri, 20 Nov 2026 13:07:00 +0800</pubDate>
<description>国电南瑞(600406)特高压订单。</description></item>
</channel></rss>
"""


def test_movers_json_newest_first_with_type_filter_and_linked_item(tmp_path):
    rec = recording(tmp_path, demo_exchanges())
    (rec / "news.xml").write_text(NEWS, encoding="utf-8")
    r = huohua(tmp_path / "data", "movers", "--replay", str(rec), "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert len(got) == len(demo_movers.EVENTS) and got[0]["time"] >= got[-1]["time"]
    nari = next(o for o in got if o["code"] == "600406")
    assert (nari["name"], nari["type"], nari["type_key"], nari["direction"]) == ("国电南瑞", "大笔买入", "big_buy", "up")
    assert nari["article"]["title"] == "国电南瑞订单饱满" and isinstance(nari["article"]["article_id"], int)
    assert nari["detail"] == "15230手 26.48元 +1.11%"
    r = huohua(tmp_path / "data2", "movers", "--replay", str(rec), "--type", "高台跳水,big_sell", "--json")
    assert {o["type"] for o in json.loads(r.stdout)} == {"高台跳水", "大笔卖出"}
    r = huohua(tmp_path / "data3", "movers", "--replay", str(rec), "--type", "nonsense")
    assert r.returncode == 2 and "unknown 异动 type" in r.stderr


def test_movers_on_a_holiday_answer_is_empty_and_a_missing_answer_fails(tmp_path):
    rec = recording(tmp_path, demo_exchanges(holiday=True))
    r = huohua(tmp_path / "data", "movers", "--replay", str(rec), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == []
    empty = recording(tmp_path / "x", [demo_exchanges()[-1]])
    r = huohua(tmp_path / "data2", "movers", "--replay", str(empty))
    assert r.returncode == 1 and "not in the recording" in r.stderr


def test_the_demo_has_a_session_of_movers_with_linked_items(tmp_path):
    r = huohua(tmp_path / "data", "movers", "--replay", "resources/demo", "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert len(got) >= 10 and len({o["type"] for o in got}) >= 3 and all(o["demo"] for o in got)
    assert sum(1 for o in got if o["article"]) >= 5
    assert {"火箭发射", "大笔买入", "封涨停板", "打开涨停板", "高台跳水", "大笔卖出"} <= {o["type"] for o in got}


def test_a_lone_surrogate_in_a_name_is_dropped_not_stored_to_fail(tmp_path):
    got = parse(8201, body([row(93105, "300073", "当升\ud800科技", 8201, "0.03\udfff")]), DAY)
    assert (got[0].name, got[0].info) == ("当升科技", "0.03")
    with Writer(tmp_path / "db.sqlite3") as w:
        w.call(lambda c: store.store_movers(c, DAY.isoformat(), (8201,), got, None, 1))

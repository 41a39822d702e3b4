"""`huohua limitup` (issue 26), run as a user runs it, against recorded pool answers in Eastmoney's exact format
and the recording's own news (DIR/news.xml, as the demo carries): the ladder order, the JSON fields, a 涨停's
reason, a holiday's empty pool and a pool the recording lacks."""

from __future__ import annotations

import json

from tests.cli_run import huohua

from .test_limit_pools import DAY, HOLIDAY, HOLIDAY_BODY, ZT, body, exchange, recording

NEWS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>录制资讯</title><link>https://rec.invalid/</link><description>t</description>
<item><title>宁德时代发布新一代储能电池，能量密度提升15%</title><link>https://rec.invalid/1</link>
<guid>https://rec.invalid/1</guid><pubDate>Fri, 20 Nov 2026 09:10:00 +0800</pubDate>
<description>宁德时代(300750)今日发布新一代储能电池系统。</description></item>
<item><title>宁德时代盘后获机构调研</title><link>https://rec.invalid/2</link>
<guid>https://rec.invalid/2</guid><pubDate>Fri, 20 Nov 2026 16:10:00 +0800</pubDate>
<description>宁德时代(300750)盘后接待机构调研。</description></item>
<item><title>宁德时代上周发布会回顾</title><link>https://rec.invalid/3</link>
<guid>https://rec.invalid/3</guid><pubDate>Mon, 16 Nov 2026 10:00:00 +0800</pubDate>
<description>宁德时代(300750)上周的发布会。</description></item>
</channel></rss>
"""


def _rec(tmp_path):
    rec = recording(tmp_path, [exchange("zt", DAY, body(ZT)), exchange("dt", HOLIDAY, HOLIDAY_BODY)])
    (rec / "news.xml").write_text(NEWS, encoding="utf-8")
    return rec


def test_limitup_json_is_the_ladder_with_reasons(tmp_path):
    rec = _rec(tmp_path)
    r = huohua(tmp_path / "data", "limitup", "--replay", str(rec), "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert [(o["code"], o["name"], o["streak"], o["first_sealed"], o["board"]) for o in got] == [
        ("600000", "浦发银行", 3, "09:25:00", "银行"), ("002594", "比亚迪", 1, "09:30:00", "汽车整车"),
        ("300750", "宁德时代", 1, "09:35:12", "电池")]
    catl = got[2]
    # the morning's item explains the 09:35 sealing; the evening one counts as evidence; last week's does not
    assert catl["reason"]["title"] == "宁德时代发布新一代储能电池，能量密度提升15%"
    assert isinstance(catl["reason"]["article_id"], int) and catl["evidence"] == 2
    assert got[0]["reason"] is None and got[0]["evidence"] == 0
    assert (catl["pool"], catl["day"], catl["seal_funds"], catl["breaks"], catl["last_sealed"]) == (
        "zt", "2026-11-20", 3.2e8, 1, "10:15:00")


def test_limitup_text_and_a_holiday(tmp_path):
    rec = _rec(tmp_path)
    r = huohua(tmp_path / "data", "limitup", "--replay", str(rec))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "2026-11-20 涨停池 3"
    assert lines[1].split() == ["代码", "名称", "连板", "首封", "末封", "封板资金", "炸板", "行业", "原因"]
    assert lines[2].split()[:4] == ["600000", "浦发银行", "3", "09:25:00"]
    assert "宁德时代发布新一代储能电池" in lines[4] and lines[4].endswith("(2)")
    holiday = huohua(tmp_path / "data", "limitup", "--pool", "dt", "--date", "2026-10-01", "--replay", str(rec),
                     "--json")
    assert holiday.returncode == 0, holiday.stderr
    assert json.loads(holiday.stdout) == []
    missing = huohua(tmp_path / "data", "limitup", "--pool", "zb", "--replay", str(rec))
    assert missing.returncode == 1 and missing.stdout == ""
    assert "not in the recording" in missing.stderr


def test_the_demo_recording_answers_the_three_pools_with_reasons(tmp_path):
    """`huohua limitup --replay resources/demo` (issue 26): the demo day's 涨停 pool holds ≥ 10 stocks, ≥ 3 with a
    reason from the demo's own news, each sealed after it; 炸板 and 跌停 hold a few."""
    from .test_cli_market import DEMO

    got = {}
    for pool in ("zt", "zb", "dt"):
        r = huohua(tmp_path / "data", "limitup", "--pool", pool, "--replay", str(DEMO), "--json")
        assert r.returncode == 0, r.stderr
        got[pool] = json.loads(r.stdout)
    zt = got["zt"]
    assert len(zt) >= 10 and 3 <= len(got["zb"]) <= 10 and 2 <= len(got["dt"]) <= 10
    assert all(o["day"] == "2026-11-20" and o["board"] for rows in got.values() for o in rows)
    assert all(1 <= o["streak"] <= 4 and "09:30:00" <= o["first_sealed"] <= "14:57:00" and o["seal_funds"] > 0
               for o in zt)
    ladder = [(-o["streak"], o["first_sealed"]) for o in zt]
    assert ladder == sorted(ladder)
    explained = [o for o in zt if o["reason"] is not None]
    assert len(explained) >= 3
    own = {o["name"]: o for o in explained if o["name"] in o["reason"]["title"]}   # news naming the stock itself
    assert own["中科曙光"]["reason"]["title"] == "中科曙光发布新一代智算中心解决方案"
    assert own["浪潮信息"]["reason"]["title"] == "浪潮信息AI服务器出货量居前"
    # the news came first: 12:22 and 11:38 in resources/demo/news.xml, sealed after the lunch break
    assert own["中科曙光"]["first_sealed"] > "12:22:00" and own["浪潮信息"]["first_sealed"] > "11:38:00"
    text = huohua(tmp_path / "data", "limitup", "--replay", str(DEMO))
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == f"2026-11-20 涨停池 {len(zt)}"
    assert "中科曙光发布新一代智算中心解决方案 (1)" in text.stdout

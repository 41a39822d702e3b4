"""The daily 复盘 (issue 26): `huohua review` run as a user runs it on the demo recording (its content checked),
--json's fields, --md's escaping of hostile names, a day with nothing stored and a holiday; and the review read
offline from a data directory's own store (no --replay, no request)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import pytest

from desktop.core import review as rv
from desktop.core.review_text import markdown, md_escape, text
from desktop.services.review import build, calendar_of, review_of
from desktop.store import limit_pools as pools_store
from desktop.store import market_store as ms
from desktop.store.writer import Writer
from tests.cli_run import huohua
from tests.hostile_corpus import carried_by

from .test_cli_market import DEMO

FIELDS = {"day", "status", "indices", "breadth", "boards", "pools", "zb_rate", "ladder", "themes", "watch"}


@pytest.fixture(scope="module")
def demo_review(tmp_path_factory):
    data = tmp_path_factory.mktemp("review") / "data"
    r = huohua(data, "review", "--replay", str(DEMO), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_the_demo_days_review_holds_every_part(demo_review):
    d = demo_review
    assert set(d) == FIELDS | {"demo"} and d["day"] == "2026-11-20" and d["status"] == "ok"
    assert [i["key"] for i in d["indices"]] == ["sh000001", "sz399001", "sz399006", "sh000688", "sh000300", "bj899050"]
    assert all(i["close"] > 0 and i["basis"] == "quote" for i in d["indices"])
    b = d["breadth"]
    assert b["up"] + b["down"] + b["flat"] > 500 and b["amount"] > 1e11
    for kind in ("industry", "concept"):
        up, down = d["boards"][kind]["up"], d["boards"][kind]["down"]
        assert 1 <= len(up) <= 5 and len(down) <= 5
        assert [x["change_pct"] for x in up] == sorted((x["change_pct"] for x in up), reverse=True)
        assert all(x["change_pct"] > 0 for x in up) and all(x["change_pct"] < 0 for x in down)
        assert all(x["leader"] for x in up)
    zt, zb = d["pools"]["zt"], d["pools"]["zb"]
    assert zt >= 10 and d["zb_rate"] == round(100 * zb / (zt + zb), 1)
    # the ladder counts every 涨停 once, highest 连板 first; the themes hold the same stocks
    assert sum(step["count"] for step in d["ladder"]) == zt
    assert [s["streak"] for s in d["ladder"]] == sorted((s["streak"] for s in d["ladder"]), reverse=True)
    stocks = [x for t in d["themes"] for x in t["stocks"]]
    assert len(stocks) == zt and len({x["code"] for x in stocks}) == zt
    assert sum(1 for x in stocks if x["reason"]) >= 3
    assert {t["label"] for t in d["themes"]} >= {"能源"}       # a themes.toml theme shows its label
    w = d["watch"]
    assert len(w) >= 10 and all(x["lists"] for x in w) and sum(1 for x in w if x["news"]) >= 3
    moves = [abs(x["change_pct"]) for x in w if x["change_pct"] is not None]
    assert moves == sorted(moves, reverse=True)                # the biggest moves first


def test_the_demo_review_as_text_and_markdown(tmp_path):
    r = huohua(tmp_path / "data", "review", "--replay", str(DEMO))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[1] == "2026-11-20 复盘"
    for heading in ("【指数】", "【涨跌】", "【行业板块】", "【概念板块】", "【涨停】", "【连板梯队】", "【涨停题材】", "【自选股】"):
        assert heading in lines
    assert any("炸板率" in ln for ln in lines) and any(ln.strip().startswith("上证指数 ") for ln in lines)
    md = huohua(tmp_path / "data", "review", "--replay", str(DEMO), "--md")
    assert md.returncode == 0, md.stderr
    assert "## 2026\\-11\\-20 复盘" not in md.stdout and "## 2026-11-20 复盘" in md.stdout
    assert "### 连板梯队" in md.stdout and "\n- 上证指数 " in md.stdout
    en = huohua(tmp_path / "data", "--lang", "en", "review", "--replay", str(DEMO))
    assert "2026-11-20 market review" in en.stdout and "【Streak ladder】" in en.stdout


def test_a_day_with_nothing_stored_and_a_holiday(tmp_path):
    empty = huohua(tmp_path / "data", "review", "--date", "2026-11-19")
    assert empty.returncode == 1 and empty.stdout == ""
    assert "2026-11-19 没有保存任何行情" in empty.stderr
    as_json = huohua(tmp_path / "data", "review", "--date", "2026-11-19", "--json")
    got = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and set(got) == FIELDS and got["status"] == "empty"
    assert got["pools"] == {"zt": None, "zb": None, "dt": None} and got["breadth"] is None
    holiday = huohua(tmp_path / "data", "--lang", "en", "review", "--date", "2026-10-01", "--json")
    assert holiday.returncode == 0 and json.loads(holiday.stdout)["status"] == "holiday"
    said = huohua(tmp_path / "data", "--lang", "en", "review", "--date", "2026-10-01")
    assert said.returncode == 0 and "the exchanges were closed" in said.stderr


@pytest.mark.now("2026-11-20 16:00", tick=False)
def test_review_reads_the_store_offline_and_a_past_day_keeps_only_what_is_its_own(tmp_path):
    """No replay, no source: a data directory's stored pools and quotes. The 19th's pools are still there on the
    20th; its breadth is not (the snapshot holds the latest session only), and it says so by a null."""
    from desktop.core.limit_pools import LimitRow
    from desktop.core.market import Quote

    db = tmp_path / "db.sqlite3"
    from desktop.core.market_hours import SHANGHAI

    t20 = int(datetime(2026, 11, 20, 15, 0, 3, tzinfo=SHANGHAI).timestamp())
    zt19 = [LimitRow("zt", "2026-11-19", "600000", "浦发银行", streak=2, first_sealed="09:25:00", industry="银行"),
            LimitRow("zt", "2026-11-19", "000001", "平安银行", streak=1, first_sealed="10:00:00", industry="银行")]
    zb19 = [LimitRow("zb", "2026-11-19", "600001", "邯郸钢铁", first_sealed="10:30:00")]
    with Writer(db) as w:
        w.call(ms.ensure_default_watchlist)
        w.call(lambda c: pools_store.store_pools(c, "2026-11-19", {"zt": zt19, "zb": zb19, "dt": []}, t20 - 86400))
        w.call(lambda c: ms.upsert_quotes(c, [Quote("sh000001", "上证指数", 3400.0, 0.5, 17.0, None, None, None,
                                                     3383.0, None, None, None, None, t20)], "quotes"))
    day19 = review_of(db, date(2026, 11, 19), datetime(2026, 11, 20, 16, 0, tzinfo=SHANGHAI))
    assert day19.status == "ok" and day19.pools == {"zt": 2, "zb": 1, "dt": 0} and day19.zb_rate == 33.3
    assert day19.ladder == ((2, 1, ("浦发银行",)), (1, 1, ("平安银行",)))
    assert day19.indices == () and day19.breadth is None          # the index quote is the 20th's
    assert [t for t, _ in day19.themes] == ["银行"]
    latest = review_of(db, None, datetime(2026, 11, 20, 16, 0, tzinfo=SHANGHAI))
    assert latest.day == "2026-11-20" and [i.key for i in latest.indices] == ["sh000001"]
    assert latest.indices[0].close == 3400.0 and latest.pools == {"zt": None, "zb": None, "dt": None}
    assert latest.zb_rate is None
    out = text(latest, "zh")
    assert "未保存这一天的涨停股池" in out and "未保存这一天的全市场行情" in out


def test_markdown_escapes_a_hostile_name_everywhere_it_goes():
    hostile = "[点我](javascript:alert(1)) <img src=x> # *粗* `码` | 宁德时代\n## 标题"
    line = rv.LimitLine("300750", hostile, 2, "09:30:00", hostile, {"article_id": 1, "title": hostile, "tier": "only"}, 3)
    review = rv.Review(
        "2026-11-20", "ok", indices=(rv.IndexLine("sh000001", "上证指数", 3400.0, 0.5, "quote"),),
        boards={"industry": {"up": (rv.BoardLine("BK1", hostile, "industry", 1.0, hostile, None, 2.0),), "down": ()}},
        pools={"zt": 1, "zb": 0, "dt": 0}, zb_rate=0.0, ladder=rv.ladder([line]), themes=rv.by_theme([line], lambda _: []),
        watch=(rv.WatchLine("300750", hostile, ("自选",), 1.0, 1.0, {"article_id": 1, "title": hostile, "tier": "only"}, 1),))
    md = markdown(review, "zh")
    for ln in md.splitlines():          # no line of ours begins a heading, table or quote from outside text
        assert not ln.startswith(("#### ", "## 标题", "|", ">")), ln
    # every Markdown-active character of the name carries its backslash …
    assert not re.search(r"(?<!\\)[\[\]()<>`*#|]", md.replace("### ", "").replace("## ", "")
                         .replace("(1)", "").replace("(3)", "")), md
    # … and a CommonMark reader (Qt's md4c) makes no link, image, code, emphasis or heading of it
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setMarkdown(md)
    html = doc.toHtml()
    assert "<a " not in html and "<img" not in html and "javascript" not in html.split("[点我](")[0]
    assert "font-style:italic" not in html and "font-family:'monospace'" not in html
    assert doc.toPlainText().count("[点我](javascript:alert(1)) <img src=x> # *粗* `码` | 宁德时代 ## 标题") >= 6
    assert md.count(md_escape(hostile)) >= 6                     # board, leader, ladder, theme, stock, title …
    assert "宁德时代" in md and "\\[点我\\]" in md
    for h in carried_by("db"):
        esc = md_escape(h.text)
        assert "\n" not in esc and "<" not in esc.replace("\\<", "")


def test_a_review_of_nothing_is_empty_and_the_rate_needs_both_pools(tmp_path):
    from desktop.store.db import connect_ro

    with Writer(tmp_path / "db.sqlite3"):
        pass
    conn = connect_ro(tmp_path / "db.sqlite3")
    cal = calendar_of(conn)
    got = build(conn, date(2026, 11, 20), cal)
    assert got.status == "empty" and set(got.to_dict()) == FIELDS
    assert build(conn, date(2026, 11, 21), cal).status == "holiday"        # a Saturday
    conn.close()
    assert rv.zb_rate(None, 3) is None and rv.zb_rate(0, 0) is None and rv.zb_rate(9, 3) == 25.0


def test_hostile_board_and_leader_names_reach_the_terminal_as_text(tmp_path):
    """The demo recording with the hostile corpus as board and leader names (tests/test_hostile_cli.py): what the
    review shows of them (the top boards) carries nothing a terminal acts on, in text and in Markdown."""
    from tests.hostile_corpus import Hostile, safe_for_terminal
    from tests.test_hostile_cli import hostile_recording

    hostile_recording(tmp_path / "rec")
    corpus = carried_by("json")
    for form in ([], ["--md"]):
        r = huohua(tmp_path / "data", "review", "--replay", str(tmp_path / "rec"), *form)
        assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr[-2000:]
        out = r.stdout + r.stderr
        assert not safe_for_terminal(out, Hostile("whole output", "", readable=()))
        shown = [i for i in range(len(corpus)) if f"N{i:02d}¤" in out]
        assert len(shown) >= 5                           # the boards up and down most, with their leaders
        if form:
            assert "<img" not in out.replace("\\<img", "") and "<b>" not in out.replace("\\<b\\>", "")

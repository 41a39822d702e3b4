"""Names and titles from market answers are plain text from ingest on (issue 24, "Text from outside is plain
text at every sink"): markup and control characters are removed where quotes, boards and 快讯 are built, so a
renamed name is never stored with markup in it."""

from __future__ import annotations

from desktop.store import market_store as ms
from scripts.make_demo import em_body

from .test_flash_news import (
    CLS,
    T0,
    cls_body,
    cls_item,
    src,  # noqa: F401  (the fixture)
)
from .test_hostile_numbers import CLIST, board, provider, spot
from .test_quote_provider import ULIST, bad_row, ulist_body

HOSTILE = '<img src="file:///etc/passwd">宁德<b>时代</b>'
CONTROL = "宁德\x1b[31m时代\x07\u202e\r"


def test_the_name_cleaner():
    from desktop.core.market_checks import clean_name

    assert clean_name(HOSTILE) == "宁德时代"
    assert clean_name(CONTROL) == "宁德[31m时代"
    assert clean_name("宁德时代") == "宁德时代" and clean_name("") == ""
    assert clean_name("A&amp;B") == "A&B" and clean_name("*ST 大集") == "*ST 大集"


def test_a_quote_row_with_markup_in_its_name_is_stored_clean(rsps, writer):
    rsps.get(ULIST, body=ulist_body([bad_row("300750", HOSTILE), bad_row("600900", CONTROL)]))
    quotes = provider().quotes(["300750", "600900"])
    assert {q.code: q.name for q in quotes} == {"300750": "宁德时代", "600900": "宁德[31m时代"}
    writer.call(lambda c: ms.upsert_quotes(c, quotes, "test"))
    names = dict(writer.call(lambda c: c.execute("SELECT code, name FROM quotes").fetchall()))
    assert names == {"300750": "宁德时代", "600900": "宁德[31m时代"}


def test_boards_and_snapshot_rows_are_cleaned(rsps, source):
    rsps.get(CLIST, body=em_body(
        [board(0, f14=HOSTILE, f128=CONTROL)]))
    (b,) = source.boards("industry")
    assert b.name == "宁德时代" and b.leader == "宁德[31m时代"
    rsps.replace("GET", CLIST, body=em_body(
        [spot("600001", 1, f14=HOSTILE)]))
    (q,) = source.snapshot()
    assert q.name == "宁德时代"


def test_a_cls_item_without_a_title_gets_a_plain_one(rsps, src):  # noqa: F811
    rsps.get(CLS, body=cls_body([cls_item(1, "", '<img src="file:///etc/passwd">【宁德<b>时代</b>储能订单大增】'
                                               "财联社11月20日电，宁德时代签署协议。", T0),
                                 cls_item(2, "", "<p>央行今日开展<b>1000亿元</b>逆回购操作。</p>", T0 - 60)]))
    entries = src.flash_news("cls")
    assert [e.title for e in entries] == ["宁德时代储能订单大增", "央行今日开展1000亿元逆回购操作"]
    assert all("<" not in e.title and "<" not in e.title_norm for e in entries)


def test_a_lone_surrogate_in_a_name_is_dropped_so_the_row_can_be_stored(writer):
    """JSON may carry "\\ud800" alone: Python decodes it into a str SQLite cannot encode (UTF-8). A 涨停 pool row
    with one is stored, its name without it (it crashed the pool's storage)."""
    import json

    from desktop.core.limit_pools import check_row
    from desktop.core.market_checks import clean_name
    from desktop.store import limit_pools as pools

    name = json.loads('"宁德\\ud800时代"')
    assert clean_name(name) == "宁德时代"
    row = check_row("zt", "2026-11-20", {"c": "300750", "n": name, "zdp": 20.0, "p": 300000})
    assert row.name == "宁德时代"
    writer.call(lambda c: pools.store_pools(c, "2026-11-20", {"zt": [row]}, 1_763_620_000))
    stored = writer.call(lambda c: c.execute("SELECT name FROM limit_pools").fetchall())
    assert stored == [("宁德时代",)]

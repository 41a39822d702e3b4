"""Each 异动 with the stock's latest linked item *at the event's time* (issue 26): the newest item published at or
before the event, not one that came later — in store/movers.linked_at, services/movers.rows_from (the pane and
the CLI) and `huohua movers --json`'s `article` on the demo recording."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime

import pytest

from desktop.core.market_hours import SHANGHAI
from desktop.core.movers import MoverEvent
from desktop.core.news import ParsedEntry, StockLink, TaggedEntry
from desktop.services import movers as service
from desktop.store import articles as article_ops
from desktop.store import feeds as feed_ops
from desktop.store import movers as store
from desktop.store.db import connect_ro
from tests.cli_run import huohua

DAY = "2026-11-20"


def at(hhmm: str) -> int:
    return int(datetime.fromisoformat(f"{DAY}T{hhmm}").replace(tzinfo=SHANGHAI).timestamp())


def store_items(writer, items: list[tuple[str, str, int]]) -> dict[str, int]:
    """(title, code, published) → stored, linked to the code; title → article id."""
    def op(conn):
        ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url="http://n.example/rss")])
        tagged = [TaggedEntry(ParsedEntry(guid=t, url=f"http://n.example/{i}", title=t, summary_html="", text=t,
                                          author="", published=p), stocks=(StockLink(code, t[:4], 0.9),))
                  for i, (t, code, p) in enumerate(items)]
        article_ops.ingest(conn, ids[0], tagged, at("15:00"))
        return {r[1]: r[0] for r in conn.execute("SELECT id, title FROM articles")}
    return writer.call(op)


def test_the_item_shown_is_the_newest_at_or_before_the_event(writer):
    ids = store_items(writer, [("宁德前一日公告", "300750", at("09:00") - 86400), ("宁德早盘快讯", "300750", at("09:40")),
                               ("宁德同刻快讯", "300750", at("10:00")), ("宁德收盘后", "300750", at("14:50")),
                               ("亿纬午后消息", "300014", at("13:00"))])
    events = [MoverEvent(DAY, "09:31:00", "300750", "宁德时代", 8201), MoverEvent(DAY, "09:45:00", "300750", "宁德时代", 8193),
              MoverEvent(DAY, "10:00:00", "300750", "宁德时代", 8203), MoverEvent(DAY, "14:30:00", "300750", "宁德时代", 8194),
              MoverEvent(DAY, "10:31:02", "300014", "亿纬锂能", 8203)]
    writer.call(lambda c: store.store_movers(c, DAY, (8201, 8193, 8203, 8194), events, None, at("15:00"))[0])
    with contextlib.closing(connect_ro(writer.db_path)) as conn:
        got = {(r.event.code, r.event.time): r.article_title for r in service.rows_from(conn, DAY)}
        raw = store.linked_at(conn, {"300750": [at("09:31"), at("10:00")], "000001": [at("10:00")]})
    assert got == {("300750", "09:31:00"): "宁德前一日公告",      # the day before: still the newest then
                   ("300750", "09:45:00"): "宁德早盘快讯",
                   ("300750", "10:00:00"): "宁德同刻快讯",        # published at the event's second: known
                   ("300750", "14:30:00"): "宁德同刻快讯",        # 收盘后 came later: not this event's
                   ("300014", "10:31:02"): ""}                   # its only item is from the afternoon
    assert raw == {("300750", at("09:31")): (ids["宁德前一日公告"], "宁德前一日公告", at("09:00") - 86400),
                   ("300750", at("10:00")): (ids["宁德同刻快讯"], "宁德同刻快讯", at("10:00"))}


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_movers_json_on_the_demo_links_only_items_known_at_the_event(tmp_path):
    r = huohua(tmp_path / "data", "movers", "--replay", "resources/demo", "--json")
    assert r.returncode == 0, r.stderr
    got = {(o["code"], o["time"]): o["article"] for o in json.loads(r.stdout)}
    # 宁德时代's 09:42 大笔买入: the 09:19 快讯, not the 14:35 one; 亿纬锂能's morning events: its only item is 14:06
    assert got[("300750", "09:42:18")]["title"] == "宁德时代与车企签署长期供货协议"
    assert got[("300014", "10:31:02")] is None and got[("300014", "10:48:15")] is None
    assert got[("600406", "13:08:12")]["title"] == "特高压工程密集开工，国电南瑞订单饱满"    # 13:07, a minute before

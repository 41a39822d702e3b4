"""Market tables: seeding, search by pinyin, newer-only quotes, stale marking, bounded intraday retention."""

from __future__ import annotations

import contextlib

import pytest

from desktop.config import resources_dir
from desktop.core.market import Bar, Board, Quote, Stock
from desktop.services.market_service import seed_bundled_stocks
from desktop.store import market_store as ms
from desktop.store.db import connect_ro

CSV = resources_dir() / "stocks" / "a_shares_ext.csv"


def q(code: str, price: float | None, t: int, fetched: int | None = None, name: str = "", cap=None) -> Quote:
    return Quote(code, name, price, 1.0, 0.1, price, price, price, 10.0, 100.0, 1000.0, 0.5, cap, t,
                 fetched if fetched is not None else t)


@pytest.fixture
def seeded(writer):
    writer.call(lambda c: seed_bundled_stocks(c, CSV.parent, 1))
    writer.call(ms.ensure_default_watchlist)
    return writer


def read(writer):
    return contextlib.closing(connect_ro(writer.db_path))


def test_seed_and_search(seeded):
    with read(seeded) as conn:
        assert conn.execute("SELECT count(*) FROM stocks").fetchone()[0] == 5550
        assert [s.name for s in ms.search_stocks(conn, "ndsd")][:1] == ["宁德时代"]
        assert ms.search_stocks(conn, "300750")[0].name == "宁德时代"
        assert ms.search_stocks(conn, "阳光电源")[0].code == "300274"
        assert ms.search_stocks(conn, "9202")[0].exchange == "BJ"
        assert ms.search_stocks(conn, "中伟股份")[0].code == "300919"          # a former name
        row = conn.execute("SELECT pinyin, former_names, industry FROM stocks WHERE code = '300919'").fetchone()
        assert "中伟股份" in row[1].split("|") and row[2]
        assert ms.search_stocks(conn, "  ") == []
        assert ms.search_stocks(conn, "%") == []


def test_seed_runs_once_per_bundled_file(seeded):
    assert not seeded.call(lambda c: seed_bundled_stocks(c, CSV.parent, 2))


def test_pinyin_keys():
    assert ms.pinyin_keys("宁德时代").startswith("|ndsd|")          # the usual reading first
    assert {"stml", "ml"} <= set(ms.pinyin_keys("*ST美丽").strip("|").split("|"))
    assert ms.pinyin_keys("万科A").startswith("|wka|")
    assert ms.pinyin_keys("长江电力").startswith("|cjdl|") and ms.pinyin_keys("重庆银行").startswith("|cqyh|")


def test_default_watchlists(seeded):
    with read(seeded) as conn:
        lists = ms.watchlists(conn)
    assert [w.name for w in lists] == ["储能与电池", "光伏与逆变器", "电力", "自选"]
    assert lists[0].codes == ("300750", "300014", "688063", "300438", "300073", "688005", "300919")
    assert lists[1].codes == ("300274", "601012", "688223", "300317")
    assert lists[2].codes == ("600900", "600406", "001896", "600644") and lists[3].codes == ()
    assert not seeded.call(ms.ensure_default_watchlist)          # never re-added once the user has lists


def test_watchlist_edits(seeded):
    wid, _ = seeded.call(lambda c: ms.create_watchlist(c, "AI"))
    seeded.call(lambda c: ms.set_watchlist_codes(c, wid, ["688256", "002230", "688256"]))
    seeded.call(lambda c: ms.add_to_watchlist(c, wid, "300308"))
    seeded.call(lambda c: ms.remove_from_watchlist(c, wid, "002230"))
    with read(seeded) as conn:
        lists = {w.name: w.codes for w in ms.watchlists(conn)}
        assert lists["AI"] == ("688256", "300308")
        assert ms.watched_codes(conn).count("688256") == 1        # on two lists, watched once


def test_quotes_newer_only_and_stale(writer):
    writer.call(lambda c: ms.upsert_quotes(c, [q("300750", 280.0, 1000, name="宁德时代", cap=1.2e12)], "eastmoney"))
    # An older quote (e.g. Tencent lagging) does not replace it, but proves it current.
    writer.call(lambda c: ms.upsert_quotes(c, [q("300750", 270.0, 900, fetched=1100)], "tencent"))
    # A newer one without cap or name keeps the stored ones.
    writer.call(lambda c: ms.upsert_quotes(c, [q("300750", 281.0, 1200)], "board"))
    with read(writer) as conn:
        (row,) = ms.latest_quotes(conn, ["300750", "600000"], now=1300, stale_before=1150)
        assert row.quote.price == 281.0 and row.quote.name == "宁德时代" and row.quote.total_cap == 1.2e12
        assert row.source == "board" and not row.stale and row.age_s == 100
        (old,) = ms.latest_quotes(conn, ["300750"], now=5000, stale_before=4000)
        assert old.stale and old.age_s == 3800
        d = old.to_dict()
        assert d["time"].endswith("+08:00") and d["stale"] is True


def test_upsert_stocks_new_listing_rename_and_temporary_prefix(seeded):
    stocks = [Stock("300750", "XD宁德时", "SZ"), Stock("300919", "中伟新能", "SZ", total_cap=3e10),
              Stock("920999", "N新股", "BJ"), Stock("300274", "阳光电源", "SZ", total_cap=2e11)]
    ch = seeded.call(lambda c: ms.upsert_stocks(c, stocks, 5))
    assert ch.stocks
    with read(seeded) as conn:
        assert ms.get_stock(conn, "300750").name == "宁德时代"          # XD prefix is not a rename
        assert ms.get_stock(conn, "920999").name == "新股"              # N prefix dropped on first sight
        r = conn.execute("SELECT name, former_names, source FROM stocks WHERE code = '300919'").fetchone()
        assert r[0] == "中伟新能" and "中伟新材" in r[1].split("|") and r[2] == "online"
        assert ms.search_stocks(conn, "中伟新材")[0].code == "300919"
        assert ms.get_stock(conn, "300274").total_cap == 2e11
    # A later bundled seed never overwrites what the online refresh wrote.
    seeded.call(lambda c: c.execute("DELETE FROM meta WHERE key = 'market.bundled_stocks'"))
    seeded.call(lambda c: seed_bundled_stocks(c, CSV.parent, 6))
    with read(seeded) as conn:
        assert ms.get_stock(conn, "300919").name == "中伟新能"


def board(code: str, name: str, kind: str = "industry", pct: float = 1.0) -> Board:
    return Board(code, name, kind, pct, 1e11, 10, 5, "宁德时代", 3.0)


def test_boards_replace_rename_and_members(writer):
    writer.call(lambda c: ms.replace_boards(c, "industry", [board("BK1033", "电池"), board("BK1031", "光伏设备")], 1))
    writer.call(lambda c: ms.replace_board_members(c, "BK1033", ["300750", "300014"]))
    writer.call(lambda c: ms.upsert_quotes(c, [q("300750", 280.0, 10, cap=1e12), q("300014", 60.0, 10, cap=1e11)],
                                           "x"))
    ch = writer.call(lambda c: ms.replace_boards(c, "industry", [board("BK1033", "电池Ⅱ", pct=2.0)], 2))
    assert ch.boards == {"BK1033", "BK1031"}
    with read(writer) as conn:
        (b,) = ms.boards_by_type(conn, "industry")
        assert (b.code, b.name, b.change_pct) == ("BK1033", "电池Ⅱ", 2.0)
        assert ms.board_code_for(conn, "电池Ⅱ") == "BK1033" and ms.board_code_for(conn, "电池") is None
        members = ms.board_members(conn, "BK1033", now=20, stale_before=0)
        assert [m.quote.code for m in members] == ["300750", "300014"]
        assert ms.boards_by_type(conn, "concept") == []
    assert not writer.call(lambda c: ms.replace_boards(c, "industry", [], 3))    # an empty list changes nothing


def bar(code: str, t: int) -> Bar:
    return Bar(code, t, 1, 2, 0.5, 1.5, 100, 150)


def test_intraday_retention_is_bounded(writer):
    writer.call(lambda c: ms.upsert_intraday_bars(c, [bar("300750", t) for t in (100, 200, 300)]
                                                  + [bar("600000", 300)]))
    writer.call(lambda c: ms.prune_intraday(c, 200, ["300750"]))
    with read(writer) as conn:
        assert [b.time for b in ms.intraday_bars(conn, "300750")] == [200, 300]
        assert ms.intraday_bars(conn, "600000") == []


def test_daily_bars_latest_n(writer):
    writer.call(lambda c: ms.upsert_daily_bars(c, [bar("300750", t) for t in range(10)]))
    with read(writer) as conn:
        assert [b.time for b in ms.daily_bars(conn, "300750", "", 3)] == [7, 8, 9]
        assert ms.daily_bars(conn, "300750", "qfq", 3) == []

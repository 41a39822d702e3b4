"""Schema v4 (issue 24): market rows an older Huohua stored unchecked — names with markup and control
characters, an update time of 1e300, negative prices, 300-digit lows — are cleaned when the database is
opened; good rows are kept exactly."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.core import clock
from desktop.store import schema
from desktop.store.writer import Writer

HOSTILE = '<img src="file:///etc/passwd">宁德<b>时代</b>\x1b\x07\u202e\u200b'
NOW = "2026-11-20 14:35"


def v3_database(path, t: int) -> None:
    """A database left at v3 by an older Huohua, with the rows that version would have stored."""
    conn = sqlite3.connect(path, isolation_level=None)
    for step in schema.MIGRATIONS[:3]:
        step(conn)
    conn.execute("PRAGMA user_version=3")
    stocks = [("300750", HOSTILE, "SZ", 1.1e12, 9e11, "宁德时代<b>|旧名"),
              ("600900", "长江电力", "SH", -5.0, 1e300, ""),             # caps out of range
              ("601012", "隆基绿能", "SH", 1.6e11, 1.5e11, ""),          # good: untouched
              ("000001", "<b></b>", "SZ", None, None, "")]              # nothing but markup
    conn.executemany("INSERT INTO stocks (code, name, exchange, total_cap, float_cap, former_names, pinyin) "
                     "VALUES (?, ?, ?, ?, ?, ?, '|x|')", stocks)
    q = "INSERT INTO quotes VALUES (?, ?, ?, 1.0, 2.0, 190, 196, 189, 198, 1e6, 2e8, 1.0, 1e12, ?, ?, 'em')"
    conn.execute(q, ("300750", HOSTILE, 195.5, t, t))                  # a dirty name, good numbers: kept, cleaned
    conn.execute(q, ("601012", "隆基绿能", 19.2, 1e300, t))               # update time 1e300: dropped
    conn.execute(q, ("300274", "阳光电源", -289.04, t, t))               # a negative price: dropped
    conn.execute(q, ("600900", "长江电力", 28.5, t, t))                  # good: untouched
    conn.executemany("INSERT INTO boards VALUES (?, ?, 'industry', ?, ?, ?, ?, ?, ?, ?)", [
        ("BK1033", HOSTILE, 2.5, 5e12, 30, 10, "宁德\x07时代", 3.1, t),    # names cleaned
        ("BK0428", "电力", 1e300, -1.0, 12.5, 3, "长江电力", 1e9, t),     # figures out of range: NULL
        ("BK1031", "光伏设备", -1.2, 2e12, 5, 40, "隆基绿能", -2.0, t)])   # good: untouched
    day = 1763568000                                                   # 2025-11-20 00:00 Beijing
    conn.executemany("INSERT INTO daily_bars VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        ("300750", "", day, 190, 196, 189, 195, 1e6, 2e8),             # good
        ("300750", "", day + 86400, 190, 196, 1e300, 195, 1e6, 2e8),   # a 300-digit low
        ("300750", "", day + 2 * 86400, 0, 0, 0, 0, 0, 0),             # a row of non-numbers stored as 0.00
        ("300750", "", 10 ** 15, 190, 196, 189, 195, 1e6, 2e8),        # a time far past now
        ("600028", "qfq", day, -2.01, -1.9, -2.1, -2.0, 1e6, None),    # 前复权 below zero, no amount: good
        ("600028", "", day, -2.01, -1.9, -2.1, -2.0, 1e6, 2e6)])       # raw and below zero: dropped
    conn.executemany("INSERT INTO intraday_bars VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
        ("300750", t - 60, 195, 196, 194, 195.5, 1e4, 2e6),             # good
        ("300750", t - 120, 195, 196, float("inf"), 195.5, 1e4, 2e6),   # infinite low
        ("300750", t - 180, 195, 196, 194, 195.5, -5, 2e6)])            # negative volume
    conn.close()


@pytest.mark.now(NOW, tick=False)
def test_stored_market_rows_are_cleaned_and_good_ones_kept(tmp_path):
    db = tmp_path / "db.sqlite3"
    t = int(clock.now()) - 300
    v3_database(db, t)
    before = sqlite3.connect(db)
    good_bars = before.execute("SELECT * FROM daily_bars WHERE code = '600028' AND adjust = 'qfq'").fetchall()
    good_board = before.execute("SELECT * FROM boards WHERE code = 'BK1031'").fetchone()
    good_quote = before.execute("SELECT * FROM quotes WHERE code = '600900'").fetchone()
    good_stock = before.execute("SELECT * FROM stocks WHERE code = '601012'").fetchone()
    before.close()
    with Writer(db, tmp_path / "backups") as w:
        rows = w.call(lambda c: {
            "version": c.execute("PRAGMA user_version").fetchone()[0],
            "stocks": {r[0]: r[1:] for r in c.execute("SELECT code, name, former_names, total_cap, float_cap, "
                                                      "pinyin FROM stocks")},
            "quotes": {r[0]: r[1:] for r in c.execute("SELECT code, name, price, time FROM quotes")},
            "boards": {r[0]: r[1:] for r in c.execute("SELECT code, name, leader, change_pct, total_cap, up, down, "
                                                      "leader_change_pct FROM boards")},
            "daily": c.execute("SELECT code, adjust, time FROM daily_bars ORDER BY code, adjust, time").fetchall(),
            "intraday": c.execute("SELECT time FROM intraday_bars").fetchall(),
            "good": (c.execute("SELECT * FROM daily_bars WHERE code = '600028' AND adjust = 'qfq'").fetchall(),
                     c.execute("SELECT * FROM boards WHERE code = 'BK1031'").fetchone(),
                     c.execute("SELECT * FROM quotes WHERE code = '600900'").fetchone(),
                     c.execute("SELECT * FROM stocks WHERE code = '601012'").fetchone())})
        backups = w.backups
    assert rows["version"] == schema.LATEST >= 4
    stocks = rows["stocks"]
    assert stocks["300750"][:2] == ("宁德时代", "宁德时代|旧名") and "ndsd" in stocks["300750"][4]
    assert stocks["600900"][2:4] == (None, None) and stocks["600900"][0] == "长江电力"
    assert stocks["000001"][0] == "000001"
    assert set(rows["quotes"]) == {"300750", "600900"}
    assert rows["quotes"]["300750"] == ("宁德时代", 195.5, t)
    boards = rows["boards"]
    assert boards["BK1033"][:2] == ("宁德时代", "宁德时代") and boards["BK1033"][2:] == (2.5, 5e12, 30, 10, 3.1)
    assert boards["BK0428"] == ("电力", "长江电力", None, None, None, 3, None)
    assert rows["daily"] == [("300750", "", 1763568000), ("600028", "qfq", 1763568000)]
    assert rows["intraday"] == [(t - 60,)]
    assert rows["good"] == (good_bars, good_board, good_quote, good_stock)      # good rows exactly as they were
    old = sqlite3.connect(backups[0])                                          # the backup holds what was there
    assert old.execute("PRAGMA user_version").fetchone()[0] == 3
    assert old.execute("SELECT name FROM stocks WHERE code = '300750'").fetchone()[0] == HOSTILE


def test_a_clean_database_is_left_as_it_was(tmp_path):
    """A new database runs v4 on empty tables; a second open migrates nothing."""
    db = tmp_path / "db.sqlite3"
    with Writer(db, tmp_path / "backups") as w:
        assert w.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == schema.LATEST
    with Writer(db, tmp_path / "backups") as w:
        assert w.backups == []

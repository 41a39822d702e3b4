"""store/positions_store.py and schema v5: trades stored exactly through the single writer, checked whole."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest

from desktop.core.positions import PositionError, Trade
from desktop.store import positions_store as ps
from desktop.store import schema
from desktop.store.writer import Writer


def t(code, day, side, shares, price, fee="0"):
    return Trade(code, date.fromisoformat(day), side, shares, D(price), D(fee))


def test_schema_v5_adds_the_trades_table_to_a_v4_database(tmp_path):
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db)
    for step in schema.MIGRATIONS[:4]:
        step(conn)
    conn.execute("PRAGMA user_version=4")
    conn.commit()
    conn.close()
    with Writer(db, tmp_path / "backups") as w:
        version = w.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0])
        cols = w.call(lambda c: {r[1] for r in c.execute("PRAGMA table_info(position_trades)")})
        backups = w.backups
    assert schema.MIGRATIONS[4].__name__ == "run" and version == schema.LATEST >= 5
    assert {"code", "date", "side", "shares", "price", "fee"} <= cols
    # one backup before each migration step from v4 on (v5 the trades; later versions add theirs)
    assert any(b.name.endswith("before-v5.sqlite3") for b in backups)
    assert len(backups) == schema.LATEST - 4


def test_trades_are_stored_as_exact_decimals_and_read_back_in_order(tmp_path):
    with Writer(tmp_path / "db.sqlite3") as w:
        ids = w.call(lambda c: ps.add_trades(c, [t("600900", "2026-11-02", "buy", 300, "10.01", "0.1"),
                                                 t("300750", "2026-11-03", "buy", 100, "284.04"),
                                                 t("600900", "2026-11-02", "sell", 100, "10.3")]))
        got = w.call(ps.trades)
        raw = w.call(lambda c: c.execute("SELECT price, fee FROM position_trades ORDER BY id").fetchall())
    assert len(ids) == 3
    assert [(x.code, x.side, x.shares, x.price, x.fee) for x in got] == [
        ("300750", "buy", 100, D("284.04"), D("0")), ("600900", "buy", 300, D("10.01"), D("0.1")),
        ("600900", "sell", 100, D("10.3"), D("0"))]
    assert raw[0] == ("10.01", "0.1")


def test_a_sell_larger_than_the_holding_stores_nothing_of_its_batch(tmp_path):
    with Writer(tmp_path / "db.sqlite3") as w:
        w.call(lambda c: ps.add_trades(c, [t("600900", "2026-11-02", "buy", 100, "10")]))
        new = [t("300750", "2026-11-03", "buy", 100, "284"), t("600900", "2026-11-04", "sell", 200, "11")]
        with pytest.raises(PositionError) as e:
            w.call(lambda c: ps.add_trades(c, new))
        count = w.call(lambda c: c.execute("SELECT count(*) FROM position_trades").fetchone()[0])
    assert e.value.key == "oversell" and e.value.trade is new[1]
    assert count == 1


def test_a_backdated_sell_is_checked_against_the_holding_at_its_date(tmp_path):
    with Writer(tmp_path / "db.sqlite3") as w:
        w.call(lambda c: ps.add_trades(c, [t("600900", "2026-11-02", "buy", 100, "10")]))
        with pytest.raises(PositionError, match="only 0 shares are held on 2026-10-30"):
            w.call(lambda c: ps.add_trades(c, [t("600900", "2026-10-30", "sell", 100, "11")]))


def test_removing_a_buy_a_later_sell_needed_is_refused(tmp_path):
    with Writer(tmp_path / "db.sqlite3") as w:
        ids = w.call(lambda c: ps.add_trades(c, [t("600900", "2026-11-02", "buy", 100, "10"),
                                                 t("600900", "2026-11-03", "sell", 100, "11")]))
        with pytest.raises(PositionError):
            w.call(lambda c: ps.remove_trade(c, ids[0]))
        assert w.call(lambda c: ps.remove_trade(c, ids[1])) is True
        assert w.call(lambda c: ps.remove_trade(c, ids[1])) is False
        assert len(w.call(ps.trades)) == 1


def test_the_cost_method_is_remembered(tmp_path):
    with Writer(tmp_path / "db.sqlite3") as w:
        assert w.call(ps.method) == "average"
        w.call(lambda c: ps.set_method(c, "fifo"))
        assert w.call(ps.method) == "fifo"
        with pytest.raises(PositionError):
            w.call(lambda c: ps.set_method(c, "lifo"))


def test_db_recover_keeps_the_trades(tmp_path):
    from desktop.store.recover import recover

    db = tmp_path / "huohua.sqlite3"
    with Writer(db) as w:
        w.call(lambda c: ps.add_trades(c, [t("600900", "2026-11-02", "buy", 300, "10.01", "0.1")]))
    result = recover(db, tmp_path / "backups", use_shell=False)
    assert result.rows["position_trades"] == 1
    with Writer(db) as w:
        (kept,) = w.call(ps.trades)
    assert (kept.code, kept.shares, kept.price, kept.fee) == ("600900", 300, D("10.01"), D("0.1"))

"""The lots CSV: round trips (UTF-8 with BOM, GBK), a hostile cell, a bad row named by its line and nothing
imported, the file read back before it replaces the old one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from desktop.__main__ import main
from desktop.core.errors import HuohuaError
from desktop.core.positions import PositionError, Trade
from desktop.services import positions_csv
from desktop.store import positions_store as ps
from desktop.store.writer import Writer

TODAY = date(2026, 11, 20)
TRADES = [Trade("300750", date(2026, 3, 16), "buy", 200, D("231.50"), D("9.26")),
          Trade("300750", date(2026, 10, 13), "sell", 100, D("296.4"), D("34.49")),
          Trade("688063", date(2026, 9, 1), "buy", 201, D("47.6"), D("0"))]


def key(t):
    return (t.code, t.date, t.side, t.shares, t.price, t.fee)


def test_export_then_import_gives_the_same_trades(tmp_path):
    path = tmp_path / "lots.csv"
    assert positions_csv.export_lots(TRADES, path) == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcode,date,side,shares,price,fee\r\n")
    assert b"300750,2026-03-16,buy,200,231.50,9.26" in data            # prices exactly as entered
    with Writer(tmp_path / "db.sqlite3") as w:
        assert positions_csv.import_lots(w, path, today=TODAY) == 3
        back = w.call(ps.trades)
    assert sorted(map(key, back)) == sorted(map(key, TRADES))


def test_a_gbk_file_with_chinese_headers_and_excel_shortened_codes_reads(tmp_path):
    path = tmp_path / "gbk.csv"
    text = "证券代码,成交日期,买卖方向,成交数量,成交价格,手续费,备注\r\n1,2026/11/02,买入,300,10.50,5,=HYPERLINK(\"x\")\r\n"
    path.write_bytes(text.encode("gbk"))
    (line, t), = positions_csv.read(path, today=TODAY)
    assert line == 2 and key(t) == ("000001", date(2026, 11, 2), "buy", 300, D("10.50"), D("5"))


def test_a_bad_row_names_its_line_and_nothing_is_imported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,date,side,shares,price,fee\n600900,2026-11-02,buy,300,10.5,5\n\n"
                    "600900,2026-11-03,buy,150,10.6,5\n", encoding="utf-8-sig")
    with Writer(tmp_path / "db.sqlite3") as w:
        with pytest.raises(PositionError) as e:
            positions_csv.import_lots(w, path, today=TODAY)
        assert w.call(ps.trades) == []
    assert e.value.key == "bad_row"
    assert e.value.text("en") == "line 4: a buy of 600900 must be a multiple of 100 shares (got 150)"
    assert e.value.text("zh_CN").startswith("第 4 行：600900 买入须为 100 股的整数倍")


def test_a_sell_the_file_makes_larger_than_the_holding_names_its_line(tmp_path):
    path = tmp_path / "oversell.csv"
    path.write_text("code,date,side,shares,price\n600900,2026-11-02,buy,100,10.5\n600900,2026-11-03,sell,200,11\n",
                    encoding="utf-8")
    with Writer(tmp_path / "db.sqlite3") as w:
        with pytest.raises(PositionError, match="line 3: 600900: only 100 shares are held on 2026-11-03"):
            positions_csv.import_lots(w, path, today=TODAY)
        assert w.call(ps.trades) == []


@pytest.mark.parametrize("text", ["", "just,some,words\n1,2,3\n", "code,date,side\n600900,2026-11-02,buy\n"])
def test_a_file_that_is_not_lots_is_refused(tmp_path, text):
    path = tmp_path / "x.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HuohuaError):
        positions_csv.read(path)


@pytest.mark.parametrize("hostile", ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_formula_looking_cell_is_written_with_a_quote_and_read_back_as_it_was(hostile):
    data = positions_csv.dump(TRADES).decode("utf-8-sig")
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in data.replace("\r\n", ",").split(","))
    from desktop.services.watchlists import csv_cell, from_csv_cell

    assert csv_cell(hostile).startswith("'") and from_csv_cell(csv_cell(hostile)) == hostile


def test_a_hostile_code_cell_is_a_clear_error_never_imported(tmp_path):
    path = tmp_path / "hostile.csv"
    path.write_text("code,date,side,shares,price,fee\n'=1+1,2026-11-02,buy,100,10,0\n", encoding="utf-8")
    with pytest.raises(PositionError) as e:
        positions_csv.read(path)
    assert e.value.text("en") == "line 2: '=1+1' is not an A-share code (6 digits, e.g. 300750)"


def test_an_export_that_does_not_read_back_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "lots.csv"
    path.write_bytes(b"old")
    monkeypatch.setattr(positions_csv, "dump", lambda trades: b"code,date\n")
    with pytest.raises(HuohuaError, match="does not read back"):
        positions_csv.export_lots(TRADES, path)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["lots.csv"]


@pytest.mark.now("2026-11-20 15:30", tick=False)
def test_the_cli_round_trip_between_two_data_directories(tmp_path, capsys):
    one, two, path = tmp_path / "one", tmp_path / "two", tmp_path / "lots.csv"
    assert main(["--data-dir", str(one), "positions", "add", "300750", "--shares", "100", "--price", "284.04",
                 "--date", "2026-11-02", "--fee", "5"]) == 0
    assert main(["--data-dir", str(one), "positions", "export", str(path)]) == 0
    assert main(["--data-dir", str(two), "positions", "import", str(path)]) == 0
    assert "imported 1 trades" in capsys.readouterr().out
    path.write_text("code,date,side,shares,price,fee\n300750,2026-11-03,sell,500,290,5\n", encoding="utf-8")
    assert main(["--data-dir", str(two), "positions", "import", str(path)]) == 2
    assert "第 2 行：300750 在 2026-11-03 只持有 100 股" in capsys.readouterr().err

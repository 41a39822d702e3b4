"""A broker's CSV export (issue 27): a 同花顺-style GBK 交割单 (tabs, ="002594" cells, a negative sell quantity, a
shortened code) and a 东方财富-style UTF-8-BOM one read and guessed; fees summed from several columns; non-trade
rows skipped and counted; a bad row named by its line with nothing stored; the mapping remembered by the header;
the command line with a remembered mapping, with --map, and without either."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from desktop.__main__ import main
from desktop.core import broker_csv as bc
from desktop.core.positions import PositionError
from desktop.services import broker_csv
from desktop.store import positions_store as ps
from desktop.store.writer import Writer
from tests.hostile_corpus import carried_by, safe_for_terminal

FIXTURES = Path(__file__).parent.parent / "fixtures" / "positions"
THS = FIXTURES / "ths_jiaogedan_gbk.csv"
EM = FIXTURES / "eastmoney_jiaogedan_bom.csv"
TODAY = date(2026, 11, 20)


def key(t):
    return (t.code, t.date.isoformat(), t.side, t.shares, t.price, t.fee)


def test_a_tonghuashun_gbk_export_is_read_guessed_and_converted():
    f = broker_csv.read(THS)
    assert f.encoding == "GBK" and f.header_line == 1 and not broker_csv.is_ours(f.header)
    m = bc.guess(f.header)
    assert m.names(f.header) == {"date": "成交日期", "code": "证券代码", "side": "操作", "shares": "成交数量",
                                 "price": "成交均价", "fee": ["手续费", "印花税", "过户费", "其他费"]}
    c = bc.convert(f.rows, m, today=TODAY)
    assert [(line, key(t)) for line, t in c.trades] == [
        (2, ("002594", "2026-11-02", "buy", 100, D("268.500"), D("5.27"))),     # ="002594": Excel's text, unwrapped
        (3, ("600900", "2026-11-03", "buy", 1000, D("28.420"), D("5.28"))),
        (5, ("002594", "2026-11-06", "sell", 100, D("280.000"), D("19.28"))),   # 2594 and -100: a sell, its zeros back
        (8, ("688063", "2026-11-18", "buy", 200, D("47.600"), D("5.10")))]
    assert [(r.line, r.skipped) for r in c.skipped] == [(4, "红利入账"), (6, "银行转证券"), (7, "股息红利税补缴")]
    assert c.errors == [] and c.ok


def test_an_eastmoney_utf8_bom_export_sums_its_fee_from_three_columns():
    f = broker_csv.read(EM)
    assert f.encoding == "UTF-8 BOM" and f.header[0] == "发生日期"
    m = bc.guess(f.header)
    assert m.names(f.header)["fee"] == ["手续费", "印花税", "过户费"] and m.names(f.header)["side"] == "业务名称"
    c = bc.convert(f.rows, m, today=TODAY)
    assert [key(t) for _line, t in c.trades] == [
        ("300750", "2026-11-02", "buy", 200, D("276.30"), D("14.37")),           # 13.82 + 0.00 + 0.55
        ("601012", "2026-11-04", "buy", 2000, D("18.52"), D("9.63")),
        ("300750", "2026-11-17", "sell", 100, D("290.10"), D("22.05"))]          # 7.25 + 14.51 + 0.29, exactly
    assert len(c.skipped) == 3 and not c.errors


def test_our_own_lots_csv_is_not_a_brokers(tmp_path):
    ours = tmp_path / "lots.csv"
    ours.write_text("代码,日期,方向,数量,价格,备注\n600900,2026-11-02,买入,100,10,x\n", encoding="gbk")
    assert broker_csv.inspect(ours, tmp_path) is None
    with_fees = tmp_path / "fees.csv"          # our words, but 佣金 and 印花税 that our format would leave out
    with_fees.write_text("证券代码,成交日期,买卖方向,成交数量,成交价格,佣金,印花税\n", encoding="utf-8")
    assert broker_csv.inspect(with_fees, tmp_path) is not None


@pytest.mark.parametrize(("cell", "code"), [("2594", "002594"), ("1", "000001"), ('="000001"', "000001"),
                                            ("SZ002594", "002594"), ("sh.600900", "600900"), ("600900.SH", "600900"),
                                            ("002594.sz", "002594"), ("2594.0", "002594"), ("'300750", "300750"),
                                            ("=1+1", "=1+1"), ("=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")")])
def test_codes_get_their_zeros_back_and_lose_exchange_affixes_and_formulas_stay_text(cell, code):
    assert bc.norm_code(bc.clean(cell)) == code


@pytest.mark.parametrize("cell", ["20261120", "2026-11-20", "2026/11/20", "2026/11/20 09:31:05", "2026.11.20",
                                  "2026年11月20日", "2026-11-20T09:30:00"])
def test_dates_in_every_form_brokers_write(cell):
    assert bc.norm_date(cell) == "2026-11-20"


@pytest.mark.parametrize(("cell", "side"), [("证券买入", "buy"), ("买入", "buy"), ("买", "buy"), ("B", "buy"),
                                            ("融资买入", "buy"), ("证券卖出", "sell"), ("卖出", "sell"), ("卖", "sell"),
                                            ("卖券还款", "sell"), ("红利入账", None), ("股息红利税补缴", None),
                                            ("银行转证券", None), ("新股入帐", None), ("融券卖出", None), ("", None)])
def test_side_words(cell, side):
    assert bc.side_of(cell) == side


def test_a_bad_row_is_named_by_the_brokers_line_and_nothing_is_stored(tmp_path):
    bad = tmp_path / "bad.csv"
    text = EM.read_text(encoding="utf-8-sig").replace("601012,隆基绿能,18.52,2000", "601012,隆基绿能,18.52,2050")
    bad.write_text(text, encoding="utf-8-sig")
    f = broker_csv.read(bad)
    c = bc.convert(f.rows, bc.guess(f.header), today=TODAY)
    assert [r.line for r in c.errors] == [4] and not c.ok
    assert c.errors[0].error.text("en") == "line 4: a buy of 601012 must be a multiple of 100 shares (got 2050)"
    with Writer(tmp_path / "db.sqlite3") as w:
        with pytest.raises(PositionError, match="line 4"):
            broker_csv.store(w, tmp_path, f, c, bc.guess(f.header))
        assert w.call(ps.trades) == []
    assert not (tmp_path / broker_csv.MAPPINGS_FILE).exists()


def test_a_sell_larger_than_the_holding_names_its_line_and_stores_nothing(tmp_path):
    f = broker_csv.read(EM)
    m = bc.guess(f.header)
    rows = [(line, cells) for line, cells in f.rows if line != 2]       # the 宁德时代 buy left out: line 6 oversells
    c = bc.convert(rows, m, today=TODAY)
    with Writer(tmp_path / "db.sqlite3") as w:
        with pytest.raises(PositionError) as e:
            broker_csv.store(w, tmp_path, f, c, m)
        assert w.call(ps.trades) == []
    assert e.value.text("zh_CN") == "第 6 行：300750 在 2026-11-17 只持有 0 股，不能卖出 100 股"


def test_the_mapping_is_remembered_by_the_header_across_a_restart(tmp_path):
    config = tmp_path / "config"
    f = broker_csv.read(THS)
    chosen = bc.Mapping(date=0, code=2, side=4, shares=5, price=6, fee=(9, 10))   # no 过户费, no 其他费
    with Writer(tmp_path / "db.sqlite3") as w:
        n = broker_csv.store(w, config, f, bc.convert(f.rows, chosen, today=TODAY), chosen)
        assert n == 4 and [t.fee for t in w.call(ps.trades)][:1] == [D("5.00")]
    again = broker_csv.inspect(THS, config)                     # read afresh: a new run
    assert again is not None and again.remembered == chosen
    assert broker_csv.inspect(EM, config).remembered is None    # another header: guessed again
    (config / broker_csv.MAPPINGS_FILE).write_text("{not json", encoding="utf-8")
    assert broker_csv.inspect(THS, config).remembered is None   # an unreadable file: chosen again, nothing breaks


def test_parse_map():
    assert bc.parse_map("date=成交日期, code=证券代码,side=操作,shares=成交数量,price=成交均价,fee=佣金+印花税+过户费") == {
        "date": "成交日期", "code": "证券代码", "side": "操作", "shares": "成交数量", "price": "成交均价",
        "fee": ["佣金", "印花税", "过户费"]}
    with pytest.raises(ValueError, match="leaves out price"):
        bc.parse_map("date=a,code=b,side=c,shares=d")
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        bc.parse_map("when=a")


def run(capsys, data, *args):
    rc = main(["--data-dir", str(data), *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.mark.now("2026-11-20 15:30", tick=False)
def test_the_cli_asks_for_a_mapping_then_takes_map_then_remembers_it(tmp_path, capsys):
    data = tmp_path / "data"
    rc, _out, err = run(capsys, data, "positions", "import", str(EM))
    assert rc == 2 and "map its columns once" in err and "--map" in err
    rc, out, err = run(capsys, data, "positions", "import", str(EM), "--map",
                       "date=发生日期,code=证券代码,side=业务名称,shares=成交数量,price=成交价格,fee=手续费+印花税+过户费")
    assert rc == 0, err
    assert out.strip() == f"imported 3 trades from {EM} (3 rows skipped: not trades)"
    rc, out, _err = run(capsys, data, "positions", "export", str(tmp_path / "all.csv"))
    assert "exported 3 trades" in out
    header = broker_csv.read(EM).header               # --data-dir: the config directory is the data directory
    assert broker_csv.remembered(data, header) == bc.guess(header)    # the next import needs no --map


@pytest.mark.now("2026-11-20 15:30", tick=False)
def test_the_cli_uses_the_remembered_mapping_and_a_bad_row_stores_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    m = bc.guess(broker_csv.read(THS).header)
    broker_csv.remember(data, broker_csv.read(THS).header, m)       # as the window would have remembered it
    bad = tmp_path / "bad.csv"
    bad.write_bytes(THS.read_bytes().replace(b"688063", b"688999"))
    rc, _out, err = run(capsys, data, "positions", "import", str(bad))
    assert rc == 2 and "第 8 行：未知的股票代码 688999" in err
    rc, out, _err = run(capsys, data, "positions", "export", str(tmp_path / "none.csv"))
    assert "exported 0 trades" in out
    rc, out, err = run(capsys, data, "positions", "import", str(THS))
    assert rc == 0 and out.strip() == f"imported 4 trades from {THS} (3 rows skipped: not trades)"


@pytest.mark.now("2026-11-20 15:30", tick=False)
@pytest.mark.parametrize("h", [h for h in carried_by("db") if h.id != "nul"], ids=str)
def test_a_brokers_hostile_cells_never_reach_the_terminal(tmp_path, capsys, h):
    """The header (listed when the columns are not mapped) and a code cell (named by the error) from the corpus."""
    path = tmp_path / "hostile.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([["成交日期", "证券代码", "操作", "成交数量", "成交均价", h.text],
                                  ["20261102", h.text, "证券买入", "100", "10", "x"]])
    rc, out, err = run(capsys, tmp_path / "data", "positions", "import", str(path))
    assert rc == 2 and not safe_for_terminal(err, h), safe_for_terminal(err, h)
    rc, out, err = run(capsys, tmp_path / "data", "positions", "import", str(path), "--map",
                       "date=成交日期,code=证券代码,side=操作,shares=成交数量,price=成交均价")
    assert rc == 2 and "第 2 行" in err
    assert not safe_for_terminal(err, h), safe_for_terminal(err, h)

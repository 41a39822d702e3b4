"""The stock matcher (codes, names, 拼音 initials, polyphonic readings) and `huohua watchlist …`."""

from __future__ import annotations

import json
import time

import pytest

from desktop.config import resources_dir
from desktop.core.stock_match import StockEntry, StockMatcher, initials_of
from desktop.core.stocklist import load_bundled


@pytest.fixture(scope="module")
def matcher() -> StockMatcher:
    stocks = load_bundled(resources_dir() / "stocks")
    return StockMatcher(StockEntry(s.code, s.name, s.exchange, initials_of(s.name), s.former) for s in stocks)


@pytest.mark.parametrize(("query", "code"), [
    ("ndsd", "300750"), ("ygdy", "300274"), ("300750", "300750"), ("宁德时代", "300750"), ("宁德", "300750"),
    ("cjdl", "600900"),      # 长江 read chang (not zhang)
    ("cqpj", "600132"),      # 重庆 read chong (not zhong)
    ("cqyh", "601963"),      # 银行 read hang (not xing)
    ("中伟股份", "300919"),   # a former name
    ("wka", "000002"),       # 万科A: ASCII kept
])
def test_first_match(matcher, query, code):
    assert matcher.search(query, 5)[0].code == code


def test_ranking_exact_code_then_prefix_then_initials_then_names(matcher):
    codes = [e.code for e in matcher.search("300750", 5)]
    assert codes[0] == "300750"
    prefix = [e.code for e in matcher.search("3007", 20)]
    assert prefix and all(c.startswith("3007") for c in prefix) and prefix == sorted(prefix)
    st = matcher.search("stml", 3)
    assert st and st[0].name.endswith("美丽")              # *ST美丽 by the hat's initials too
    assert matcher.search("ml", 3)[0].name.endswith("美丽")


def test_a_keystroke_costs_little(matcher):
    """A hang guard, not a benchmark (bench/finder.py measures): 5,550 stocks, single letters are the worst."""
    t = time.perf_counter()
    for q in ("n", "nd", "nds", "ndsd", "3", "30", "300", "3007", "宁", "宁德"):
        matcher.search(q, 20)
    assert time.perf_counter() - t < 2.0


def test_resolve_is_one_stock_or_the_candidates(matcher):
    assert [e.code for e in matcher.resolve("ndsd")] == ["300750"]
    assert [e.code for e in matcher.resolve("zg")] == ["002598"]     # the only stock whose initials are exactly zg
    assert {"601988", "601881"} <= {e.code for e in matcher.resolve("zgyh")}   # 中国银行, 中国银河: ambiguous
    assert matcher.resolve("qqqqqq") == []


# -- the command line ----------------------------------------------------------------------------------------
def run(argv, capsys):
    from desktop.__main__ import main

    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def data(tmp_path):
    return ["--data-dir", str(tmp_path / "d")]


def test_first_run_lists(data, capsys):
    rc, out, _ = run([*data, "watchlist", "list", "--json"], capsys)
    lists = json.loads(out)
    assert rc == 0 and [w["name"] for w in lists] == ["储能与电池", "光伏与逆变器", "电力", "自选"]
    assert lists[0]["stocks"][0] == {"code": "300750", "name": "宁德时代"} and lists[3]["stocks"] == []


def test_add_by_initials_then_remove(data, capsys):
    rc, out, _ = run([*data, "watchlist", "add", "ygdy"], capsys)
    assert rc == 0 and "300274 阳光电源" in out
    rc, out, _ = run([*data, "watchlist", "add", "阳光电源"], capsys)
    assert rc == 0 and out.startswith("already on 自选")
    rc, out, _ = run([*data, "watchlist", "add", "cjdl", "--list", "我的电力"], capsys)
    assert rc == 0
    lists = {w["name"]: [s["code"] for s in w["stocks"]] for w in json.loads(run([*data, "watchlist", "list",
                                                                                  "--json"], capsys)[1])}
    assert lists["自选"] == ["300274"] and lists["我的电力"] == ["600900"]
    rc, out, _ = run([*data, "watchlist", "remove", "300274"], capsys)
    assert rc == 0 and "removed" in out
    rc, _, err = run([*data, "watchlist", "remove", "300274"], capsys)
    assert rc == 2 and "not on 自选" in err


def test_ambiguous_and_unknown_exit_2(data, capsys):
    rc, _, err = run([*data, "watchlist", "add", "zgyh"], capsys)
    assert rc == 2 and "matches" in err and "601988  中国银行" in err and "601881  中国银河" in err
    rc, _, err = run([*data, "watchlist", "add", "nonesuch"], capsys)
    assert rc == 2 and "no stock matches 'nonesuch'" in err


def test_csv_round_trip_gbk_and_utf8(data, capsys, tmp_path):
    out_file = tmp_path / "lists.csv"
    rc, out, _ = run([*data, "watchlist", "export", str(out_file)], capsys)
    assert rc == 0 and out_file.read_bytes().startswith(b"\xef\xbb\xbfcode,name,list")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("code,name,list\n600036,招商银行,银行股\n,平安银行,银行股\n999999,不存在,银行股\n".encode("gbk"))
    rc, out, err = run([*data, "watchlist", "import", str(gbk)], capsys)
    assert rc == 0 and "imported 2 stocks into 银行股" in out and "999999 不存在" in err
    other = tmp_path / "again" / "d"
    rc, _, _ = run(["--data-dir", str(other), "watchlist", "import", str(out_file)], capsys)
    lists = json.loads(run(["--data-dir", str(other), "watchlist", "list", "--json"], capsys)[1])
    assert rc == 0 and [len(w["stocks"]) for w in lists][:3] == [7, 4, 4]

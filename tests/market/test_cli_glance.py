"""`huohua indices` and `huohua breadth` (issue 26), run as a user runs them, against recorded answers in
Eastmoney's exact format: a ulist answer holding the indices, a one-page clist snapshot."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_run import huohua

from .test_indices_breadth import BANK, INDEX_ROWS, em_row, ulist_body

ULIST_URL = "https://push2.eastmoney.com/api/qt/ulist.np/get"
CLIST_URL = "https://82.push2.eastmoney.com/api/qt/clist/get"
SPOT_FIELDS = "f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f12,f13,f14,f15,f16,f17,f18,f20,f21,f23,f24,f25,f22,f11,f62,f128,f136,f115,f152"
# the snapshot row as akshare's stock_zh_a_spot_em receives it: these keys in this order (it assigns by position)
SPOT_KEYS = ("f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f20 f21 f22 f23 f24 f25 f62 f115 f128 "
             "f140 f141 f136 f152").split()


def exchange(url: str, params: dict[str, str], body: str, t: float = 0.0) -> str:
    return json.dumps({"t": t, "method": "GET", "url": url, "params": params, "status": 200,
                       "headers": {"content-type": "application/json; charset=UTF-8"}, "body": body},
                      ensure_ascii=False)


def spot_row(code: str, name: str, price, prev: float, amount: float) -> dict:
    base = em_row(code, 1 if code.startswith("6") else 0, name, price, prev, f6=amount)
    extra = {"f1": 2, "f7": 3.1, "f9": 20.0, "f10": 1.0, "f11": 0.0, "f22": 0.0, "f23": 2.0, "f24": 1.0, "f25": 5.0,
             "f62": 1.0, "f115": 20.0, "f152": 2}
    return {k: base.get(k, extra.get(k, "-")) for k in SPOT_KEYS}


def recording(tmp_path: Path) -> Path:
    d = tmp_path / "rec"
    d.mkdir()
    (d / "meta.json").write_text(json.dumps({"start": "2026-11-20T14:35:00+08:00"}), encoding="utf-8")
    secids = ",".join(f"{r['f13']}.{r['f12']}" for r in INDEX_ROWS)
    rows = [spot_row("600000", "浦发银行", 11.00, 10.00, 2e9),        # 主板 涨停
            spot_row("300001", "特锐德", 11.99, 10.00, 1e9),         # 创业板 +19.9 %: not at its 12.00
            spot_row("920001", "纬达光电", 7.00, 10.00, 5e8),        # 北交所 跌停
            spot_row("000002", "万科A", 9.00, 9.00, 3e9),
            spot_row("600004", "白云机场", "-", 9.00, "-")]           # suspended
    body = json.dumps({"rc": 0, "rt": 6, "svr": 181669449, "lt": 1, "full": 1, "dlmkts": "",
                       "data": {"total": len(rows), "diff": rows}}, ensure_ascii=False, separators=(",", ":"))
    spot = {"pn": "1", "pz": "100", "po": "1", "np": "1", "ut": "bd1d9ddb04089700cf9c27f6f7426281", "fltt": "2",
            "invt": "2", "fid": "f12", "fs": "m:0 t:6,m:0 t:80,m:1 t:2,m:1 t:23,m:0 t:81 s:2048", "fields": SPOT_FIELDS}
    lines = [exchange(ULIST_URL, {"fltt": "2", "invt": "2", "secids": f"0.000001,{secids}"},
                      ulist_body([BANK, *INDEX_ROWS])),
             exchange(CLIST_URL, spot, body, 0.1)]
    (d / "exchanges.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d


def test_indices_json_and_text(tmp_path):
    rec = recording(tmp_path)
    r = huohua(tmp_path / "data", "indices", "--replay", str(rec), "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert [(o["code"], o["key"], o["name"], o["price"], o["change_pct"]) for o in got] == [
        ("000001", "sh000001", "上证指数", 3402.76, 0.42), ("399001", "sz399001", "深证成指", 10712.3, 0.21),
        ("399006", "sz399006", "创业板指", 2208.5, -0.98), ("000688", "sh000688", "科创50", 1003.2, 0.0),
        ("000300", "sh000300", "沪深300", 3950.1, 0.24), ("899050", "bj899050", "北证50", 1301.9, 8.64)]
    text = huohua(tmp_path / "data", "indices", "--replay", str(rec))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["代码", "名称", "最新", "涨跌", "涨跌幅", "时间"]
    assert lines[1].split()[:5] == ["000001", "上证指数", "3402.76", "+14.20", "+0.42%"]
    assert "平安银行" not in text.stdout


def test_breadth_json_and_text(tmp_path):
    rec = recording(tmp_path)
    r = huohua(tmp_path / "data", "breadth", "--replay", str(rec), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"up": 2, "down": 1, "flat": 1, "limit_up": 1, "limit_down": 1,
                                    "amount": 6.5e9, "suspended": 1, "amount_vs_prev": None}   # no minute bars
    text = huohua(tmp_path / "data", "breadth", "--replay", str(rec))
    assert text.returncode == 0, text.stderr
    assert text.stdout.strip() == "涨 2  跌 1  平 1  ·  涨停 1  跌停 1  ·  成交 65.00亿  ·  停牌 1"


def test_a_recording_without_indices_says_so(tmp_path):
    rec = recording(tmp_path)
    lines = (rec / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()
    (rec / "exchanges.jsonl").write_text(lines[1] + "\n", encoding="utf-8")      # the snapshot page only
    r = huohua(tmp_path / "data", "indices", "--replay", str(rec), "--json")
    assert r.returncode == 1 and json.loads(r.stdout) == []
    assert "error:" in r.stderr


def test_the_demo_holds_all_six_indices(tmp_path):
    from desktop.config import resources_dir

    r = huohua(tmp_path / "data", "indices", "--replay", str(resources_dir() / "demo"), "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert [o["name"] for o in got] == ["上证指数", "深证成指", "创业板指", "科创50", "沪深300", "北证50"]
    assert all(o["demo"] and o["price"] for o in got)

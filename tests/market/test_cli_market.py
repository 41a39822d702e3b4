"""`huohua quotes|boards|history --replay DIR` and `record`, through the real argument parser contract."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from desktop.cli_common import demo_dir
from desktop.cli_market import add_market_commands
from desktop.config import resolve_paths
from scripts import make_demo

DEMO = demo_dir()


def run(argv: list[str], tmp_path: Path, settings, capsys) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="huohua")
    parser.add_argument("--replay", type=Path)          # the GUI's global flag must not clash
    add_market_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    paths = resolve_paths(tmp_path / "data").ensure()
    rc = args.handler(args, paths, settings)
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return DEMO if (DEMO / "exchanges.jsonl").exists() else make_demo.build(tmp_path_factory.mktemp("demo"))


def test_quotes_json_contract(demo, tmp_path, settings, capsys):
    rc, out, _ = run(["quotes", "300750", "920239", "--replay", str(demo), "--json"], tmp_path, settings, capsys)
    rows = json.loads(out)
    assert rc == 0 and [r["code"] for r in rows] == ["300750", "920239"]
    assert set(rows[0]) >= {"code", "name", "price", "change_pct", "change", "open", "high", "low", "prev_close",
                            "volume", "amount", "turnover_pct", "total_cap", "time", "stale"}
    assert rows[0]["time"].endswith("+08:00") and rows[0]["stale"] is False and rows[0]["demo"] is True
    assert rows[0]["name"] == "宁德时代"
    assert not (tmp_path / "data" / "huohua.sqlite3").exists()        # replay never touches the real database


def test_quotes_default_watchlist_text_is_labelled_demo(demo, tmp_path, settings, capsys):
    rc, out, err = run(["quotes", "--replay", str(demo)], tmp_path, settings, capsys)
    assert rc == 0 and out.startswith("演示数据")
    assert "宁德时代" in out and "隆基绿能" in out and "派能科技" in out


def test_quotes_code_not_in_recording(demo, tmp_path, settings, capsys):
    rc, out, err = run(["quotes", "600519", "--replay", str(demo), "--json"], tmp_path, settings, capsys)
    assert rc == 1 and "not in the recording" in err and json.loads(out) == []


def test_boards(demo, tmp_path, settings, capsys):
    rc, out, _ = run(["boards", "--type", "concept", "--replay", str(demo), "--json"], tmp_path, settings, capsys)
    rows = json.loads(out)
    assert rc == 0 and {"储能", "人工智能", "锂电池"} <= {r["name"] for r in rows}
    assert set(rows[0]) >= {"code", "name", "change_pct", "total_cap", "up", "down", "leader"}
    assert all(r["code"].startswith("BK") for r in rows)


def test_history(demo, tmp_path, settings, capsys):
    rc, out, _ = run(["history", "300750", "--days", "5", "--adjust", "none", "--replay", str(demo), "--json"],
                     tmp_path, settings, capsys)
    rows = json.loads(out)
    assert rc == 0 and len(rows) == 5 and rows[-1]["date"] == "2026-11-20"
    rc, _, err = run(["history", "999999", "--replay", str(demo)], tmp_path, settings, capsys)   # names/拼音 work now
    assert rc == 2 and "not an A-share code" in err


def test_record_then_replay(tmp_path, settings, capsys, market, rsps, monkeypatch):
    from desktop.sources import rate_limit

    # time.sleep is patched in tests: the real-clock global limiter would spin; the limiter has its own test.
    monkeypatch.setattr(rate_limit, "_global", rate_limit.HostLimits.unlimited())
    out_dir = tmp_path / "rec"
    rc, out, err = run(["record", "--out", str(out_dir), "--minutes", "0"], tmp_path, settings, capsys)
    assert rc == 0 and "recorded" in out
    lines = (out_dir / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 5 and json.loads((out_dir / "meta.json").read_text())["demo"] is False
    pools = {"getTopicZTPool", "getTopicZBPool", "getTopicDTPool"}     # the first round records the 涨停/炸板/跌停 pools
    assert pools <= {json.loads(ln)["url"].rsplit("/", 1)[-1] for ln in lines}
    rsps.reset()
    rc, out, _ = run(["quotes", "300750", "--replay", str(out_dir), "--json"], tmp_path, settings, capsys)
    assert rc == 0 and json.loads(out)[0]["name"] == "宁德时代"


def test_demo_is_reproducible_and_labelled(tmp_path):
    out = make_demo.build(tmp_path / "demo")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["demo"] is True and meta["start"] == "2026-11-20T14:35:00+08:00"
    if (DEMO / "exchanges.jsonl").exists():
        assert (out / "exchanges.jsonl").read_bytes() == (DEMO / "exchanges.jsonl").read_bytes()
    again = make_demo.build(tmp_path / "again")
    assert (again / "exchanges.jsonl").read_bytes() == (out / "exchanges.jsonl").read_bytes()

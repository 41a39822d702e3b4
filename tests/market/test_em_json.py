"""The market process's hot paths read from their JSON without pandas (issue 28, sources/em_json.py, flash_json.py,
sina_dates.py): each answered by the demo's recording in a fresh interpreter that never imports pandas, akshare
or V8, and each giving the rows akshare's own function gives on the same recorded answer (the parsers see what
they saw before)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from tests.procs import ROOT, child_env

HOT_PATHS = {
    "snapshot": "len(src.snapshot()) > 500",
    "industry boards": "len(src.boards('industry')) > 5",
    "concept boards": "len(src.boards('concept')) > 3",
    "board members": "src.board_members('BK1037', 'industry')",
    "daily bars": "len(src.daily_bars('300750', 100, 'qfq')) > 50",
    "1-minute bars": "len(src.intraday_bars('688063')) > 10",
    "index daily bars": "len(src.daily_bars('sh000001', 100, '')) > 50",
    "index 1-minute bars": "len(src.intraday_bars('sz399006')) > 10",
    "涨停 pool": "len(src.limit_pool('zt', date(2026, 11, 20))) > 0",
    "财联社 电报": "len(src.flash_news('cls')) > 0",
    "东方财富 快讯": "len(src.flash_news('em')) > 0",
    "trading calendar": "len(src.trade_dates()) > 100",
}


@pytest.mark.parametrize("path", list(HOT_PATHS))
def test_a_hot_path_is_answered_without_pandas(path):
    code = f"""
import sys
from datetime import date
from desktop.config import resources_dir
from desktop.sources.akshare_source import AkshareSource
src = AkshareSource.create(replay_dir=resources_dir() / "demo")
assert {HOT_PATHS[path]}
src.close()
print(sorted(m for m in ("pandas", "numpy", "akshare", "py_mini_racer", "curl_cffi") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[-2] == "[]", done.stdout + done.stderr[-2000:]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def _records(df) -> list[dict]:
    import pandas as pd

    return [{k: (None if v is pd.NaT else v) for k, v in r.items()} for r in df.to_dict("records")]


CALLS = [   # (ours in em_json or flash_json, akshare's) on the same recorded answer
    ("spot", (), "stock_zh_a_spot_em", {}),
    ("boards", ("industry",), "stock_board_industry_name_em", {}),
    ("boards", ("concept",), "stock_board_concept_name_em", {}),
    ("members", ("BK1037", "industry"), "stock_board_industry_cons_em", {"symbol": "BK1037"}),
    ("daily", ("300750", "20260509", "qfq", 15.0), "stock_zh_a_hist",
     {"symbol": "300750", "period": "daily", "start_date": "20260509", "end_date": "20500101", "adjust": "qfq",
      "timeout": 15.0}),
    ("minutes", ("688063",), "stock_zh_a_hist_min_em", {"symbol": "688063", "period": "1"}),
    ("index_daily", ("sh000001", "20260509"), "stock_zh_index_daily_em",
     {"symbol": "sh000001", "start_date": "20260509", "end_date": "20500101"}),
    ("flash_json.cls", (), "stock_info_global_cls", {"symbol": "全部"}),
    ("flash_json.em", (), "stock_info_global_em", {}),
]


@pytest.mark.parametrize(("ours", "args", "theirs", "kwargs"), CALLS, ids=[c[0] + str(c[1][:1]) for c in CALLS])
def test_the_rows_are_akshares_rows(ours, args, theirs, kwargs):
    import time

    from desktop.config import resources_dir
    from desktop.sources import em_json
    from desktop.sources.akshare_source import AkshareSource, _import_akshare

    def answer(fn):        # a fresh replay each: both read the same recorded answer
        src = AkshareSource.create(replay_dir=resources_dir() / "demo")
        try:
            with src.tap.activate(time.monotonic() + 60):
                return fn()
        finally:
            src.close()

    from desktop.sources import flash_json

    module, _, name = ours.rpartition(".")
    mine = answer(lambda: getattr(flash_json if module else em_json, name)(*args))
    ak = _import_akshare()
    frame = answer(lambda: getattr(ak, theirs)(**kwargs))
    assert mine.columns == list(frame.columns)
    theirs_rows = _records(frame)
    mine_rows = mine.to_dict("records")
    assert len(mine_rows) == len(theirs_rows) > 0
    key = "代码" if "代码" in mine.columns else None       # pandas' quicksort orders equal changes its own way
    if key:
        mine_rows.sort(key=lambda r: r[key])
        theirs_rows.sort(key=lambda r: r[key])
    for m, t in zip(mine_rows, theirs_rows, strict=True):
        if key:
            m.pop("序号"), t.pop("序号")
        assert m.keys() == t.keys()
        assert all(_same(m[k], t[k]) for k in m), (m, t)


def test_the_calendar_is_akshares_calendar():
    import time

    from desktop.config import resources_dir
    from desktop.sources import sina_dates
    from desktop.sources.akshare_source import AkshareSource, _import_akshare

    src = AkshareSource.create(replay_dir=resources_dir() / "demo")
    try:
        with src.tap.activate(time.monotonic() + 60):
            mine = sina_dates.fetch()
            frame = _import_akshare().tool_trade_date_hist_sina()
    finally:
        src.close()
    assert mine == list(frame["trade_date"]) and len(mine) > 100

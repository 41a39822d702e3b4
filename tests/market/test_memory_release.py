"""What the app holds only while it needs it (issue 28, docs/PERFORMANCE.md): pypinyin's tables (~50 MiB) are let
go after the names are read."""

from __future__ import annotations

import sys
import time

from desktop.core import stock_match


def test_pinyin_tables_are_let_go_once_names_are_read_and_come_back_when_needed(monkeypatch):
    monkeypatch.setattr(stock_match, "PINYIN_IDLE_S", 0.05)
    before = stock_match._pinyin.releases
    assert stock_match.initials_of("宁德时代")[0] == "ndsd"
    assert "pypinyin" in sys.modules
    deadline = time.monotonic() + 10
    while stock_match._pinyin.releases == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert stock_match._pinyin.releases == before + 1
    assert not [m for m in sys.modules if m.startswith("pypinyin")]
    assert stock_match.initials_of("重庆啤酒")[0] == "cqpj"        # the phrase table again: 重庆 read chong
    stock_match._pinyin.release(force=True)


def test_the_offline_calendar_needs_no_pandas_and_matches_exchange_calendars():
    """The market process asked for it at start, and exchange-calendars kept pandas resident there (~40 MiB)."""
    import subprocess
    import warnings
    from datetime import date

    from desktop.core.trading_calendar import _akshare_sessions
    from tests.procs import ROOT, child_env

    code = ("import sys; from desktop.core.trading_calendar import offline_calendar; c = offline_calendar(); "
            "print(len(c), c.source, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True,
                         timeout=60).stdout.split()
    assert int(out[0]) > 8000 and out[-1] == "False", out
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import exchange_calendars as xcals

        xshg = [ts.date() for ts in xcals.get_calendar("XSHG").sessions]
    ours = [d for d in _akshare_sessions() if xshg[0] <= d <= xshg[-1]]
    assert ours == xshg and ours[-1] >= date(2026, 12, 31)


def _pss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/smaps_rollup") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("Pss:")) / 1024


# The first market child (only it: the marker) imports akshare's module and pandas as it starts — no call of
# ours needs them any more (sources/em_json.py, flash_json.py, sina_dates.py), and the safety net is still tested.
_HEAVY_ONCE = """
import os, sys
marker = os.environ.get("HUOHUA_TEST_HEAVY_ONCE")
if marker and "--multiprocessing-fork" in sys.orig_argv and not os.path.exists(marker):
    open(marker, "w").close()
    import akshare.stock_feature.stock_hist_em  # noqa: F401  (pandas with it)
"""


def test_an_idle_market_process_with_akshare_loaded_retires_and_the_replay_goes_on(caplog, tmp_path, monkeypatch):
    """The market process kept akshare and pandas (~65 MiB) for the rest of the run once a call had loaded them;
    now it retires when idle, the next call starts a child without them, and a replay continues where it was."""
    import logging
    import os
    from pathlib import Path

    from desktop.config import resources_dir
    from desktop.sources.process_source import ProcessSource

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(_HEAVY_ONCE)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(tmp_path / "site"),
                                                                   os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("HUOHUA_TEST_HEAVY_ONCE", str(tmp_path / "loaded"))
    src = ProcessSource(replay_dir=resources_dir() / "demo", retire_idle_s=0.5)
    try:
        first = src.pid
        assert (tmp_path / "loaded").exists()                # akshare's module and pandas loaded in the child
        assert src.boards("industry")                        # a call (read without them)
        clock_before = src.status()["clock"]
        heavy = _pss_mib(first)
        deadline = time.monotonic() + 30
        while src.retirements == 0 and time.monotonic() < deadline:
            src.status()                                     # the window polls this each second: no reason to stay
            time.sleep(0.05)
        assert src.retirements == 1 and src._handoff["cursor"]   # the replay's progress kept
        while Path(f"/proc/{first}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not Path(f"/proc/{first}").exists()            # it ended (and was reaped)
        with caplog.at_level(logging.WARNING):
            status = src.status()                            # a light call: a fresh child
        assert src.starts == 2 and src.pid not in (None, first)
        assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text   # no "gone" warning
        assert status["clock"] >= clock_before               # the recording's clock went on, not over
        assert _pss_mib(src.pid) < heavy - 30                # without akshare and pandas
    finally:
        src.close()


def test_akshare_is_imported_function_by_function_not_whole():
    """akshare's package imports ~390 modules (~27 MiB) for the dozen functions the market process called (none
    now: still the way akshare is imported, should a call need it again)."""
    import subprocess

    from tests.procs import ROOT, child_env

    code = """
import sys
from pathlib import Path
from desktop.config import resources_dir
from desktop.sources.akshare_source import AkshareSource
src = AkshareSource.create(replay_dir=resources_dir() / "demo")
assert src.call(lambda ak: ak.tool_trade_date_hist_sina(), "akshare's calendar") is not None
assert src.call(lambda ak: ak.stock_zh_a_spot_em(), "akshare's snapshot") is not None
ak = sys.modules["akshare"]
print("lazy" if "__getattr__" in vars(ak) else "whole", sum(m.startswith("akshare") for m in sys.modules))
src.close()
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True,
                          timeout=120)
    kind, count = done.stdout.split()
    assert kind == "lazy" and int(count) < 60, done.stdout + done.stderr[-2000:]

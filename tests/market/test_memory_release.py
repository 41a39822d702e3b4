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

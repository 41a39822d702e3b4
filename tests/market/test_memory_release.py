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

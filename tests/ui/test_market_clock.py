"""The status bar's market clock on a day past the official calendar: closed by the holiday rules, and says so."""

from __future__ import annotations

import json
import shutil

from desktop.config import resources_dir


def test_new_years_day_2027_shows_an_estimated_holiday(make_gui, qtbot, tmp_path):
    rec = tmp_path / "rec"
    rec.mkdir()
    shutil.copy(resources_dir() / "demo" / "exchanges.jsonl", rec / "exchanges.jsonl")
    # the demo market, read as if it had been recorded on 1 January 2027 (元旦, past the bundled calendars)
    (rec / "meta.json").write_text(json.dumps({"start": "2027-01-01T10:00:00+08:00", "demo": False}),
                                   encoding="utf-8")
    app = make_gui(replay_dir=rec)
    app.start_background()
    status = app.window.market_status
    qtbot.waitUntil(lambda: status.text() != "A股：…", timeout=15_000)
    assert status.text() == "A股：休市"
    assert status.toolTip().startswith("休市（按规则估计）")
    assert "Asia/Shanghai" in status.toolTip()


def test_an_official_trading_day_has_no_estimate_note(qtbot):
    from desktop.ui.status_bar import MarketStatus

    label = MarketStatus()
    qtbot.addWidget(label)
    label.set_phase("交易中", False)
    assert "估计" not in label.toolTip() and label.text() == "A股：交易中"
    label.set_phase("交易中", True)
    assert label.toolTip().startswith("交易日（按规则估计）")

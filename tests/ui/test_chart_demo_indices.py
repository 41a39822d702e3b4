"""The demo shows the indices' charts (issue 26): resources/demo records each index's 日K (60 sessions to
2026-11-20) and 分时 last (scripts/demo_indices.py), agreeing with the recorded quotes; in the demo window a click
on 上证指数 in the strip draws its 日K, and 分时 its minutes to 14:35."""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QPoint, Qt

from desktop.config import resources_dir
from desktop.core.indices import INDEX_KEYS, INDICES
from desktop.core.market_hours import SHANGHAI
from desktop.sources.akshare_source import AkshareSource

DEMO = resources_dir() / "demo"


def test_the_recording_holds_each_index_bars_last_and_they_agree_with_its_quote():
    lines = [json.loads(ln) for ln in (DEMO / "exchanges.jsonl").read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if "/getAll" not in ln["url"]]        # the 盘口异动, appended after them
    tail = [(ln["url"].rsplit("/", 2)[-2], ln["params"]["secid"]) for ln in lines[-12:]]
    assert tail == [(kind, i.secid) for i in INDICES for kind in ("kline", "trends2")]   # recorded last
    src = AkshareSource.create(replay_dir=DEMO)
    try:
        quotes = {q.code: q for q in src.quotes(list(INDEX_KEYS))}
        for key in INDEX_KEYS:
            daily, minutes = src.daily_bars(key, 250, "qfq"), src.intraday_bars(key)
            q = quotes[key]
            assert len(daily) == 60 and daily[-1].close == q.price and daily[-2].close == q.prev_close
            assert datetime.fromtimestamp(daily[-1].time, SHANGHAI).date().isoformat() == "2026-11-20"
            assert datetime.fromtimestamp(minutes[-1].time, SHANGHAI).strftime("%H:%M") == "14:35"
            assert minutes[-1].close == q.price and max(b.high for b in minutes) == q.high
            assert min(b.low for b in minutes) == q.low
    finally:
        src.close()


def test_the_demo_window_charts_the_index_clicked_in_the_strip(make_gui, qtbot):
    app = make_gui(start_pollers=False, replay_dir=DEMO, demo=True)
    app.start_background()
    qtbot.waitUntil(lambda: app.market_service is not None, timeout=30_000)
    app.window.docks["chart"].raise_()
    qtbot.mouseClick(app.window.findChild(object, "index_sh000001"), Qt.LeftButton, pos=QPoint(3, 3))
    chart = app.panes["chart"]
    assert chart.title.text() == "上证指数 sh000001"
    qtbot.waitUntil(lambda: len(chart.bars) == 60, timeout=30_000)
    plot = app.window.findChild(object, "chart")
    assert plot.bars[-1].close == 3402.76 and not chart.readout.text().startswith("获取失败")
    chart.set_mode("intraday")
    qtbot.waitUntil(lambda: len(chart.bars) > 200, timeout=30_000)
    assert chart.bars[-1].close == 3402.76 and chart.prev_close == 3388.56

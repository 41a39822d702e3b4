"""The index strip's 分时 sparklines (issue 26): an index whose session's 1-minute bars are stored shows a tiny line
inside its label's left margin (so it is measured and dropped with its label: the strip still never widens the
window); none without bars; the sparks' module is not imported with the strip (before the first paint)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.store import market_store as ms
from tests.market.test_amount_pace import D19, D20, bars
from tests.procs import ROOT, child_env

from .test_index_strip import commit, label, quote


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_an_index_with_stored_minutes_draws_its_session(make_gui, qtbot):
    app = make_gui()
    app.core.writer.call(lambda c: ms.upsert_intraday_bars(c, bars("sh000001", D19, 1e9)
                                                           + bars("sh000001", D20, 1e9, "14:35")))
    commit(app, [quote("sh000001", "上证指数", 3402.76, 3388.56), quote("sz399001", "深证成指", 10712.3, 10690.0)])
    first = label(app, "index_sh000001")
    qtbot.waitUntil(lambda: first.findChild(object, "spark_sh000001") is not None, timeout=5000)
    spark = first.findChild(object, "spark_sh000001")
    assert spark.isVisible() and spark.spark.day == 1795104000            # 2026-11-20 00:00 Beijing, not the 19th
    assert len(spark.spark.points) >= 215 and spark.spark.prev_close == 3388.56
    assert first.contentsMargins().left() >= spark.width()              # the line sits in the label's margin
    assert first.sizeHint().width() > spark.width() + first.fontMetrics().horizontalAdvance(first.text())
    assert label(app, "index_sz399001").findChild(object, "spark_sz399001") is None or \
        len(label(app, "index_sz399001").findChild(object, "spark_sz399001").spark.points) < 2


def test_the_strip_does_not_import_the_sparks_before_its_data():
    # what was loaded before the strip's import does not count (the clock matrix's wall-clock shim loads zoneinfo)
    code = ("import sys; before = set(sys.modules); import desktop.ui.widgets.index_strip; "
            "print([m for m in ('desktop.ui.widgets.index_sparks', 'desktop.core.sparklines', 'zoneinfo') "
            "if m in sys.modules and m not in before])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(), cwd=ROOT,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"

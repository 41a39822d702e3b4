"""The heatmap's choices survive a restart (ui/widgets/heat_state.py): the 涨停 colour mode (issue 26) comes back
chosen in `heatmapScale` and colours the tiles again from the stored pools; choosing a % scale is kept too."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox

from desktop.core.limit_pools import LimitRow
from desktop.store import limit_pools as store
from desktop.ui.widgets.heat_limits import LIMIT_MODE
from tests.ui.test_heatmap import open_heatmap, seed

DAY = "2026-11-20"


def _store_pools(app) -> None:
    pools = {"zt": [LimitRow("zt", DAY, "300750", "宁德时代", streak=1, first_sealed="09:35:12")],
             "zb": [], "dt": [LimitRow("dt", DAY, "601012", "隆基绿能", streak=1, last_sealed="13:00:00")]}
    app.core.writer.call(lambda c: store.store_pools(c, DAY, pools, 1_763_620_000))


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_the_limit_colour_mode_is_remembered_across_a_restart(make_gui, qtbot):
    first = make_gui()
    seed(first)
    _store_pools(first)
    pane, view = open_heatmap(first, qtbot, "market")
    scale = pane.findChild(QComboBox, "heatmapScale")
    scale.setCurrentIndex(scale.findData(LIMIT_MODE))
    qtbot.waitUntil(lambda: bool(view.limit_status), timeout=10_000)
    first.shutdown()

    second = make_gui()
    pane, view = open_heatmap(second, qtbot, "market")
    scale = pane.findChild(QComboBox, "heatmapScale")
    assert scale.currentData() == LIMIT_MODE and pane.limits.on
    qtbot.waitUntil(lambda: view.limit_status == {"300750": "zt", "601012": "dt"}, timeout=10_000)
    assert view.limit_colors is not None
    scale.setCurrentIndex(scale.findData(5.0))       # back to a % scale: that is what the next start shows
    second.shutdown()

    third = make_gui()
    pane, view = open_heatmap(third, qtbot, "market")
    scale = pane.findChild(QComboBox, "heatmapScale")
    assert scale.currentData() == 5.0 and not pane.limits.on and view.limit_colors is None

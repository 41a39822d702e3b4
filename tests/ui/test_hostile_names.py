"""Stock and board names from a market answer are shown as text in the heatmap's and the alert-rule dialog's
tooltips, never rendered: an `<img src="file://…">` in a name reads no file (issue 24)."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtWidgets import QToolTip

from desktop.core.market import Board
from desktop.store import market_store as ms

from .file_reads import FileReads, available
from .test_heatmap import centre, open_heatmap, seed

pytestmark = pytest.mark.skipif(not available, reason="inotify (Linux) watches for file reads")


def hostile(png) -> str:
    return f'<img src="file://{png}">宁德<b>时代</b>'


def shown_literally(tip: str, name: str) -> bool:
    """Qt shows `tip` as `name` written out: either plain text Qt will not take for markup, or escaped."""
    if not QtGui.Qt.mightBeRichText(tip):
        return name in tip
    return "&lt;img" in tip and "<img" not in tip and "&lt;b&gt;" in tip


def test_heatmap_tooltips_show_hostile_names_as_text(make_gui, qtbot, local_png):
    """Names stored before ingest cleaned them (or that slip through) reach the tooltip as literal text."""
    app = make_gui()
    seed(app)
    name = hostile(local_png)

    def poison(c):
        ms.replace_boards(c, "industry", [Board("BK1035", name, "industry", 2.5, 5e12, 30, 10, name, 3.1)], 0)
        c.execute("UPDATE quotes SET name = ? WHERE code = '300750'", (name,))
        c.execute("UPDATE stocks SET name = ? WHERE code = '300750'", (name,))
    app.core.writer.call(poison)
    reads = FileReads(str(local_png))
    _pane, heat = open_heatmap(app, qtbot, "industry")
    qtbot.waitUntil(lambda: heat.tile("BK1035") is not None, timeout=5000)
    board_tip = heat.tooltip_at(centre(heat, "BK1035"))
    assert shown_literally(board_tip, name)
    _pane, heat = open_heatmap(app, qtbot, "market")
    qtbot.waitUntil(lambda: heat.tile("300750") is not None and "<b>" in heat.tile("300750").name, timeout=5000)
    stock_tip = heat.tooltip_at(centre(heat, "300750"))
    assert shown_literally(stock_tip, name)
    for tip in (board_tip, stock_tip):
        QToolTip.showText(heat.mapToGlobal(heat.rect().center()), tip, heat)
        qtbot.wait(50)
        QToolTip.hideText()
    assert reads.count() == 0
    reads.close()


def test_the_alert_rule_dialog_tooltip_shows_a_hostile_name_as_text(make_gui, qtbot, local_png):
    from desktop.ui.widgets.alert_rule_dialog import AlertRuleDialog

    app = make_gui()
    pane = app.panes["alerts"]
    pane._build()
    name = hostile(local_png)
    reads = FileReads(str(local_png))
    dialog = AlertRuleDialog(pane, "300750", name, None, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tip = dialog.findChild(object, "alertCode").toolTip()
    assert shown_literally(tip, name)
    QToolTip.showText(dialog.mapToGlobal(dialog.rect().center()), tip, dialog)
    qtbot.wait(50)
    QToolTip.hideText()
    assert reads.count() == 0
    reads.close()

"""The selected watchlist row is one even band: the cell clicked (最新价) used to draw a lighter rectangle, the
Fusion style's focus frame around the current cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.models.quote_model import COLUMNS
from desktop.ui.style import apply_theme
from tests.ui.test_watchlist import put_quotes, q


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_selected_row_has_one_background(make_gui, qtbot, theme):
    app = make_gui()
    apply_theme(QApplication.instance(), theme)
    try:
        put_quotes(app, q("300750", "宁德时代", 2.5), q("300014", "亿纬锂能", -1.2))
        pane, m = app.watchlist, app.watchlist.model
        qtbot.waitUntil(lambda: "300014" in m.codes and m.rows[m.codes.index("300014")] is not None, timeout=5000)
        app.window.bring_to_front("watchlist")
        table = pane.table
        qtbot.waitExposed(table)
        row, price = m.codes.index("300014"), COLUMNS.index("price")
        qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(m.index(row, price)).center())
        assert table.hasFocus() and table.currentIndex().column() == price     # the state the user saw
        assert app.bus.stock == "300014"

        image = table.viewport().grab().toImage()
        ratio = image.devicePixelRatio()

        def background(col: int) -> str:
            """A pixel just inside the cell's top-left corner: background, never text (right-aligned)."""
            r = table.visualRect(m.index(row, col))
            return image.pixelColor(QPoint(int((r.left() + 3) * ratio), int((r.top() + 3) * ratio))).name()

        shown = [c for c in range(len(COLUMNS)) if not table.isColumnHidden(c) and COLUMNS[c] != "spark"]
        colours = {COLUMNS[c]: background(c) for c in shown}
        highlight = table.palette().highlight().color().name()
        assert colours["price"] == colours["name"] == colours["change_pct"] == highlight, colours
        assert set(colours.values()) == {highlight}, colours
    finally:
        apply_theme(QApplication.instance(), "light")

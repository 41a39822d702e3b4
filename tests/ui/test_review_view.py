"""The 复盘 view (issue 26): 视图 → 复盘 (`actionReview`, Ctrl+R) opens `reviewView` on the newest session stored,
shows the same content as `huohua review`, a date selector, 复制为 Markdown; a stock's link selects it on the bus;
hostile names stay text."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QAction, QGuiApplication

from desktop.core.limit_pools import LimitRow
from desktop.core.market_hours import SHANGHAI
from tests.hostile_corpus import carried_by

from .test_index_strip import commit, quote

T20 = int(datetime(2026, 11, 20, 15, 0, 3, tzinfo=SHANGHAI).timestamp())


def store_day(app, names: list[str]) -> None:
    from desktop.store import limit_pools as pools

    zt = [LimitRow("zt", "2026-11-20", f"60{i:04d}", n, streak=1 + (i == 0), first_sealed=f"09:{30 + i:02d}:00",
                   industry="银行") for i, n in enumerate(names)]
    zb = [LimitRow("zb", "2026-11-20", "000002", "万科A", first_sealed="10:00:00")]
    app.core.writer.call(lambda c: pools.store_pools(c, "2026-11-20", {"zt": zt, "zb": zb, "dt": []}, T20))


def open_view(app, qtbot):
    action = app.window.findChild(QAction, "actionReview")
    assert action is not None and action.shortcut().toString() == "Ctrl+R"
    assert action in app.window.view_menu.actions()
    action.trigger()
    view = app.window.dialogs["reviewView"]
    qtbot.waitUntil(lambda: view.review is not None, timeout=5000)
    return view


@pytest.mark.now("2026-11-20 16:00", tick=False)
def test_the_view_opens_on_the_newest_day_and_links_its_stocks(make_gui, qtbot):
    app = make_gui()
    commit(app, [quote("sh000001", "上证指数", 3402.76, 3388.56)])
    store_day(app, ["浦发银行", "白云机场"])
    view = open_view(app, qtbot)
    assert view.objectName() == "reviewView" and view.isVisible()
    assert view.date.date() == QDate(2026, 11, 20)
    shown = view.browser.toPlainText()
    assert "2026-11-20 复盘" in shown and "上证指数 3402.76 +0.42%" in shown
    assert "涨停 2 · 炸板 1 · 跌停 0 · 炸板率 33.3%" in shown and "2板 1只: 浦发银行" in shown
    html = view.browser.toHtml()
    assert "href=\"stock:600000\"" in html and "href=\"stock:sh000001\"" in html
    with qtbot.waitSignal(app.bus.stock_selected, timeout=2000) as got:
        view.browser.anchorClicked.emit(QUrl("stock:600000"))
    assert got.args == ["600000", "reviewView"]
    md = view.copy_markdown()
    assert md.startswith("## 2026-11-20 复盘") and QGuiApplication.clipboard().text() == md
    view.date.setDate(QDate(2026, 10, 1))              # a holiday
    qtbot.waitUntil(lambda: view.review.day == "2026-10-01", timeout=5000)
    assert "休市" in view.browser.toPlainText() and not view.copy_button.isEnabled()
    view.date.setDate(QDate(2026, 11, 19))             # a trading day with nothing stored
    qtbot.waitUntil(lambda: view.review.day == "2026-11-19", timeout=5000)
    assert "没有保存任何行情" in view.browser.toPlainText()


@pytest.mark.now("2026-11-20 16:00", tick=False)
def test_hostile_names_in_the_view_stay_text(make_gui, qtbot):
    app = make_gui()
    corpus = [h for h in carried_by("db") if "\x00" not in h.text and len(h.text) < 200]
    store_day(app, [f"N{i:02d}{h.text}" for i, h in enumerate(corpus)])
    view = open_view(app, qtbot)
    html, shown = view.browser.toHtml(), view.browser.toPlainText()
    assert "<img" not in html and "file:///etc/passwd\"" not in html and "<table background" not in html
    for i, h in enumerate(corpus):
        line = next((ln for ln in shown.splitlines() if f"N{i:02d}" in ln), "")
        assert all(part in line for part in h.readable), (h.id, line)

"""Empty states explain themselves (issue 22): the blank heatmap, the K线 body after a failed fetch, an empty 自选
list and an empty 已触发 list each say why they are empty and what to do — in the interface's language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

OFFLINE = "daily bars of 300750: cannot connect ([Errno -2] Name or service not known)"


def test_the_blank_heatmap_says_why_in_the_middle_not_a_crushed_summary(make_gui, qtbot):
    app = make_gui()                                  # a first run: no quotes, no boards stored
    pane = app.panes["heatmap"]
    pane.show()
    pane.reload()
    view = pane.view
    qtbot.waitUntil(lambda: bool(view.empty_text), timeout=10_000)
    assert "暂无行情数据" in view.empty_text and "联网" in view.empty_text
    assert "暂无数据" not in pane.summary.text()      # not squeezed into the summary beside the controls
    assert view.accessibleDescription() == view.empty_text
    # painted: the middle of the view is not just the background
    view.resize(600, 300)
    img = view.grab().toImage()
    bg = img.pixelColor(2, 2)
    assert any(img.pixelColor(x, y) != bg for x in range(150, 450, 2) for y in range(120, 180, 2))


def test_the_chart_body_says_the_fetch_failed_like_its_header(make_gui, qtbot):
    app = make_gui()
    chart = app.panes["chart"]
    app.background.requests.refuse(OFFLINE)           # every market request fails at once, as offline
    chart.show_stock("300750")
    body = chart.findChild(QLabel, "chartEmpty")
    qtbot.waitUntil(lambda: "获取失败" in body.text(), timeout=5000)
    assert "获取失败" in chart.readout.text()          # the header says it …
    assert "选择一只股票" not in body.text()             # … and the body no longer asks to choose one
    assert "无法连接网络" in body.text() and "检查网络" in body.text(), body.text()


def test_an_empty_watchlist_says_typing_opens_the_finder(make_gui, qtbot):
    app = make_gui()
    hint = app.window.findChild(QLabel, "watchlistEmpty")
    assert hint is not None
    qtbot.waitUntil(lambda: app.watchlist.model.rowCount() == 0 and not hint.isHidden(), timeout=5000)
    assert "键盘精灵" in hint.text() and "拼音" in hint.text()


def test_an_empty_fired_list_points_at_the_rules_tab(make_gui, qtbot):
    app = make_gui()
    alerts = app.panes["alerts"]
    hint = alerts.findChild(QLabel, "alertsFiredEmpty")
    qtbot.waitUntil(lambda: alerts.log_table.rowCount() == 0 and not hint.isHidden(), timeout=5000)
    assert "规则" in hint.text() and "添加提醒" in hint.text()
    alerts.log_table.setRowCount(1)                   # a fired alert listed: the hint goes
    assert hint.isHidden()

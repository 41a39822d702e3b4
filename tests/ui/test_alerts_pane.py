"""The alerts in the window (issue 13): the pane's log and rules, a notification per alert (grouped when many
fire at once) whose click selects the stock on the bus, and alert rules added from a stock's context menu."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.alerts import Rule
from desktop.core.market import Quote
from desktop.core.market_hours import SHANGHAI


def now_in_session() -> int:
    """A trading minute close to now would depend on the clock: the tests give the service its own."""
    return int(datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI).timestamp())


def quote(code: str, price: float, name: str, t: int) -> Quote:
    return Quote(code=code, name=name, price=price, change_pct=round((price / 100 - 1) * 100, 2), change=price - 100,
                 open=100, high=price, low=price, prev_close=100, volume=1e6, amount=1e8, turnover_pct=1.0,
                 total_cap=1e10, time=t, fetched=t)


def commit_quotes(app, quotes) -> None:
    from desktop.store import market_store as ms

    app.core.writer.call(lambda c: ms.upsert_quotes(c, quotes, "test"))


def setup_rules(app, qtbot, *rules) -> None:
    t = now_in_session()
    app.alert_runner.service.clock = lambda: t + 5
    for r in rules:
        app.reader.add_alert_rule(r).result(5)
    app.alert_runner.reload()
    app.panes["alerts"].refresh()
    qtbot.waitUntil(lambda: len(app.panes["alerts"].rules) == len(rules), timeout=5000)


def test_the_pane_and_its_object_names(make_gui):
    app = make_gui()
    for name in ("alertsPane", "alertRules", "alertLog", "dock_alerts"):
        assert app.window.findChild(object, name) is not None, name


def test_a_crossing_notifies_once_and_the_click_selects_the_stock(make_gui, qtbot):
    app = make_gui()
    setup_rules(app, qtbot, Rule(0, "price_above", "stock", "600000", value=105, note="突破"))
    t = now_in_session()
    commit_quotes(app, [quote("600000", 106, "浦发银行", t)])
    notifier = app.notifier
    qtbot.waitUntil(lambda: len(notifier.shown) == 1, timeout=5000)
    title, body = notifier.shown[0]
    assert title == "火花提醒" and "浦发银行 600000" in body and "105" in body
    commit_quotes(app, [quote("600000", 107, "浦发银行", t + 30)])        # still above: not again
    qtbot.wait(300)
    assert len(notifier.shown) == 1
    pane = app.panes["alerts"]
    qtbot.waitUntil(lambda: pane.log_table.rowCount() == 1, timeout=5000)
    assert pane.log_table.item(0, 0).font().bold()                       # unread
    seen = []
    app.bus.stock_selected.connect(lambda code, origin: seen.append(code))
    notifier.clicked()
    assert seen == ["600000"]


def test_many_at_once_are_one_notification(make_gui, qtbot):
    app = make_gui()
    setup_rules(app, qtbot, Rule(0, "change_above", "all", value=3))
    t = now_in_session()
    commit_quotes(app, [quote(c, 104, n, t) for c, n in (("600000", "浦发银行"), ("600036", "招商银行"),
                                                          ("000001", "平安银行"))])
    qtbot.waitUntil(lambda: len(app.notifier.shown) == 1, timeout=5000)
    assert app.notifier.shown[0][0] == "3 条提醒"


def test_a_news_alert_opens_its_article(make_gui, qtbot, httpserver):
    from tests.news import feedgen
    from tests.news.helpers import add_feed

    app = make_gui()
    setup_rules(app, qtbot, Rule(0, "news_stock", "stock", "300750"))
    items = [{"title": "宁德时代发布新电池", "link": "http://a.example/1", "guid": "a1", "description": "储能",
              "pubDate": "2026-11-20 09:30:00"}]
    httpserver.expect_request("/f.xml").respond_with_data(feedgen.rss(items), content_type="application/rss+xml")
    fid = add_feed(app.core, httpserver.url_for("/f.xml"))
    refresher = app.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[fid]))
    qtbot.waitUntil(lambda: len(app.notifier.shown) == 1, timeout=5000)
    assert "宁德时代发布新电池" in app.notifier.shown[0][1]
    articles = []
    app.bus.article_selected.connect(lambda aid, origin: articles.append(aid))
    app.notifier.clicked()
    assert articles and app.article.title.text() == "宁德时代发布新电池"


def test_a_stock_chips_menu_opens_the_rule_dialog_prefilled(make_gui, qtbot):
    app = make_gui()
    pane = app.panes["alerts"]
    answered = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "alertRuleDialog":
            QTimer.singleShot(20, answer)
            return
        answered.append(dialog.code.text())
        dialog.kind.setCurrentIndex(dialog.kind.findData("change_above"))
        dialog.value.setValue(7)
        dialog.accept()

    QTimer.singleShot(0, answer)
    menu = app.news.menus.chip_menu("stock", "300750")
    next(a for a in menu.actions() if a.text() == "添加提醒…").trigger()
    assert answered == ["300750"]
    qtbot.waitUntil(lambda: [(r.kind, r.code, r.value) for r in pane.rules] == [("change_above", "300750", 7.0)],
                    timeout=5000)
    assert pane.rules_table.item(0, 2).text() == "涨幅 ≥ 7%"

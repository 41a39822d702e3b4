"""Every window sink of outside text gets each string of the hostile corpus (tests/hostile_corpus.py, issue 24).

The string is stored as an older version (or anything that slips past ingest) could have stored it — as the name
of 300750 in `stocks` and `quotes`, as board BK1035's name and leader, as the title of the article linked to
300750 and as its feed's name — and every place the window shows it is read back: nothing is rendered as rich
text (Qt.mightBeRichText false, a PlainText label, or our own escaped plain_tip), and the readable part is still
there. A sink is one function in `SINKS`: given the window and the string, it returns the texts it shows (with
how to judge each: "qt" for a tooltip or an AutoText label, a QLabel for a label)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from desktop.core import clock
from desktop.core.alerts import Fired
from desktop.core.changes import Changes
from desktop.store import market_store as ms
from desktop.ui.alert_notifier import tray_text
from desktop.ui.models.quote_model import COLUMNS
from tests.hostile_corpus import Hostile, carried_by, safe_for_label, safe_for_qt

from .test_chart import bars
from .test_heatmap import centre, open_heatmap, seed

CODE = "300750"


def poison(app, h: Hostile) -> None:
    def op(c):
        c.execute("UPDATE stocks SET name = ? WHERE code = ?", (h.text, CODE))
        c.execute("UPDATE quotes SET name = ? WHERE code = ?", (h.text, CODE))
        c.execute("UPDATE boards SET name = ?, leader = ? WHERE code = 'BK1035'", (h.text, h.text))
        ids = {r[0] for r in c.execute("SELECT article_id FROM article_stocks WHERE code = ?", (CODE,))}
        c.executemany("UPDATE articles SET title = ? WHERE id = ?", [(h.text, i) for i in ids])
        c.execute("UPDATE feeds SET title = ?", (h.text,))
        ms.upsert_daily_bars(c, bars(CODE, 40))     # the chart and its news strip (the article on the last bar)
        return Changes(articles_updated=ids, stocks=True, quotes={CODE}, feeds={1})
    app.core.writer.call(op)
    app.bus.announce_names({**app.bus.stock_names, CODE: h.text})   # the names the panes share, as after a refresh


def heatmap(app, qtbot, h):
    _pane, heat = open_heatmap(app, qtbot, "industry")
    qtbot.waitUntil(lambda: heat.tile("BK1035") is not None and heat.tile("BK1035").name == h.text, timeout=5000)
    board = heat.tooltip_at(centre(heat, "BK1035"))
    _pane, heat = open_heatmap(app, qtbot, "market")
    qtbot.waitUntil(lambda: heat.tile(CODE) is not None and heat.tile(CODE).name == h.text, timeout=5000)
    return [("board tooltip", board, "qt"), ("stock tooltip", heat.tooltip_at(centre(heat, CODE)), "qt")]


def watchlist(app, qtbot, h):
    model = app.watchlist.model
    qtbot.waitUntil(lambda: CODE in model.codes and model.data(
        model.index(model.codes.index(CODE), COLUMNS.index("name"))) == h.text, timeout=5000)
    row = model.codes.index(CODE)
    shown = []
    for col in range(len(COLUMNS)):
        tip = model.data(model.index(row, col), Qt.ToolTipRole)
        if tip:
            shown.append((f"{COLUMNS[col]} tooltip", tip, "qt-any"))
    name = model.data(model.index(row, COLUMNS.index("name")))
    return [("name cell", name, "cell"), *shown]


def alert_dialog(app, qtbot, h):
    from desktop.ui.widgets.alert_rule_dialog import AlertRuleDialog

    pane = app.panes["alerts"]
    pane._build()
    dialog = AlertRuleDialog(pane, CODE, h.text, None, [])
    qtbot.addWidget(dialog)
    return [("code tooltip", dialog.findChild(object, "alertCode").toolTip(), "qt")]


def chart(app, qtbot, h):
    app.window.docks["chart"].raise_()
    app.bus.select_stock(CODE, "test")
    pane = app.panes["chart"]
    qtbot.waitUntil(lambda: pane.findChild(object, "chartTitle") is not None
                    and h.text in pane.findChild(object, "chartTitle").text(), timeout=5000)
    title, readout = pane.findChild(object, "chartTitle"), pane.findChild(object, "chartReadout")
    shown = [("chartTitle", title, "label"), ("chartTitle tooltip", title.toolTip(), "qt-any")]
    if readout is not None:
        shown += [("chartReadout", readout, "label-any"), ("chartReadout tooltip", readout.toolTip(), "qt-any")]
    strip = app.window.findChild(object, "chartNewsStrip")
    qtbot.waitUntil(lambda: strip.counts == {39: 1}, timeout=5000)
    strip.hover_bar(39)
    shown.append(("news strip tooltip", strip.toolTip(), "qt"))
    app.window.findChild(object, "chart").hovered.emit(39)
    return shown + [("chartReadout on a bar", readout, "label-any")]


def article(app, qtbot, h):
    view = app.article
    qtbot.waitUntil(lambda: any(r.title == h.text for r in app.news.model.rows), timeout=5000)
    row = next(r for r in app.news.model.rows if r.title == h.text)
    app.bus.select_article(row.id, "test")
    qtbot.waitUntil(lambda: view.article is not None and view.article.title == h.text, timeout=5000)
    shown = [("articleTitle", view.title, "label"), ("articleMeta", view.meta, "label-any"),
             ("articleMeta tooltip", view.meta.toolTip(), "qt-any")]
    chips = app.window.findChild(object, "articleStocks")
    for b in chips.findChildren(object) if chips is not None else []:
        if hasattr(b, "text") and callable(b.text) and hasattr(b, "toolTip") and h.readable[0] in b.text():
            shown += [("stock chip", b.text(), "cell"), ("stock chip tooltip", b.toolTip(), "qt")]
    model = app.news.model
    i = model.rows.index(row)
    shown += [(f"news list tooltip {c}", model.data(model.index(i, c), Qt.ToolTipRole), "qt-any")
              for c in range(model.columnCount()) if model.data(model.index(i, c), Qt.ToolTipRole)]
    return shown


def status_bar(app, qtbot, h):
    bar = app.window.statusBar()
    bar.showMessage(h.text)                    # e.g. a CSV import's message quoting a file's codes
    shown = [("status message", bar.currentMessage(), "cell")]
    tips = [w.toolTip() for w in app.window.findChildren(object) if w.objectName().startswith("status_")
            and hasattr(w, "toolTip") and w.toolTip()]
    return shown + [("status tooltip", t, "qt-any") for t in tips]


def notification(app, qtbot, h):
    if app.notifier is None:
        pytest.skip("no notifier in this window")
    before = len(app.notifier.shown)
    app.notifier.notify([Fired(0, CODE, "news", None, int(clock.now()), note=h.text, title=h.text)])
    title, body = app.notifier.shown[before]
    shown = [("tray body (Linux)", tray_text(body, "linux"), "tray"), ("tray title", tray_text(title, "linux"), "tray")]
    toast = app.window.findChild(object, "alertToast")
    if toast is not None and toast.text():
        shown.append(("toast", toast.text(), "cell"))
    return shown


def review(app, qtbot, h):
    """The 复盘 view (issue 26): 300750's name and its linked title in the watchlists' part, BK1035 and its leader
    in the boards' part; its rich text is built from escaped parts only ("html": no tag of the string survives)."""
    app.window.findChild(QAction, "actionReview").trigger()
    view = app.window.dialogs["reviewView"]
    qtbot.waitUntil(lambda: view.review is not None and h.readable[0] in view.browser.toPlainText(), timeout=5000)
    return [("复盘 text", view.browser.toPlainText(), "cell"), ("复盘 rich text", view.browser.toHtml(), "html")]


def review_holdings(app, qtbot, h):
    """The 复盘 view limited to holdings (`reviewHoldingsOnly`, issue 27): 300750 held, its name in the holdings'
    part (and in the 持仓 mark of its board's line when that board is among the day's top boards)."""
    from desktop.core import positions as pos
    from desktop.services import positions_view

    positions_view.save_trade(app.core.writer, pos.make_trade(CODE, "2026-11-02", "buy", 100, "200.00"))
    app.window.findChild(QAction, "actionReview").trigger()
    view = app.window.dialogs["reviewView"]
    view.holdings_box.setChecked(True)
    qtbot.waitUntil(lambda: view.review is not None and view.review.holdings
                    and h.readable[0] in view.browser.toPlainText(), timeout=5000)
    shown = [("复盘 holdings text", view.browser.toPlainText(), "cell"),
             ("复盘 holdings rich text", view.browser.toHtml(), "html")]
    view.holdings_box.setChecked(False)
    return shown


def movers(app, qtbot, h):
    """The 异动 pane: an event of 300750 whose stored name and 相关信息 are the string; its linked item's title too."""
    from desktop.core.movers import MoverEvent
    from desktop.store import movers as movers_store
    from desktop.ui.models.movers_model import COLUMNS as MOVER_COLUMNS

    event = MoverEvent("2026-11-20", "10:00:00", CODE, h.text, 8201, h.text)
    app.core.writer.call(lambda c: movers_store.store_movers(c, event.day, (8201,), [event], None, 0)[0])
    pane = app.panes["movers"]
    pane.load()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1 and pane.model.rows[0].event.name == h.text, timeout=5000)
    m = pane.model
    cell = m.data(m.index(0, MOVER_COLUMNS.index("name")))
    shown = [("异动 name cell", cell, "cell")] + [
        (f"异动 {col} tooltip", m.data(m.index(0, MOVER_COLUMNS.index(col)), Qt.ToolTipRole) or "",
         "qt" if col != "article" else "qt-any") for col in ("name", "detail", "article")]
    return shown + board_movers(app, qtbot, h)


def board_movers(app, qtbot, h):
    """The 异动 pane's board table (`moversBoards`): a board 异动 whose board and top stock are named the string."""
    from desktop.core.movers import BoardMove
    from desktop.store import movers as movers_store
    from desktop.ui.widgets.board_movers import COLUMNS as BOARD_COLUMNS

    board = BoardMove("2026-11-20", h.text, 1.5, 1e8, 3, CODE, h.text, "大笔买入", "8193:3")
    app.core.writer.call(lambda c: movers_store.store_movers(c, board.day, (), [], [board], 0)[0])
    pane = app.panes["movers"]
    pane.set_boards(True)
    m = pane.board_table.model()
    qtbot.waitUntil(lambda: m.rowCount() == 1 and m.rows[0].board == h.text, timeout=5000)
    out = [(f"板块异动 {col} cell", m.data(m.index(0, BOARD_COLUMNS.index(col))), "cell") for col in ("board", "top")]
    out += [(f"板块异动 {col} tooltip", m.data(m.index(0, BOARD_COLUMNS.index(col)), Qt.ToolTipRole) or "", "qt")
            for col in ("board", "top")]
    pane.set_boards(False)
    return out


def limitup(app, qtbot, h):
    """The 涨停 pane: 300750 in the day's 涨停 pool with the string as its stored name and 所属行业; its reason is the
    linked article (the string as title, its feed's name the string too); grouped, the 题材 header is the string."""
    from desktop.core.limit_pools import LimitRow
    from desktop.store import limit_pools as pools_store
    from desktop.ui.models.limit_model import COLUMNS as LIMIT_COLUMNS

    rows = [LimitRow("zt", "2026-11-20", c, h.text, change_pct=10.0, streak=1, first_sealed="09:35:00",
                     seal_funds=1e8, industry=h.text) for c in (CODE, "300014")]
    app.core.writer.call(lambda c: pools_store.store_pools(c, "2026-11-20", {"zt": rows}, 0))
    pane = app.panes["limitup"]
    qtbot.waitUntil(lambda: pane.view is not None and len(pane.view.rows) == 2
                    and pane.model.reason(CODE) is not None and pane.model.reason(CODE).title == h.text, timeout=5000)
    m = pane.model
    row = m.row_of(CODE)
    out = [(f"涨停 {col} cell", m.data(m.index(row, LIMIT_COLUMNS.index(col))), "cell")
           for col in ("name", "industry", "reason")]
    out += [(f"涨停 {col} tooltip", m.data(m.index(row, LIMIT_COLUMNS.index(col)), Qt.ToolTipRole) or "", "qt")
            for col in ("name", "industry", "reason")]
    pane.set_grouped(True)
    qtbot.waitUntil(lambda: bool(m.header_rows()), timeout=5000)
    head = m.header_rows()[0]
    out += [("涨停 题材 header", m.data(m.index(head, 0)), "cell"),
            ("涨停 题材 tooltip", m.data(m.index(head, 0), Qt.ToolTipRole), "qt")]
    pane.set_grouped(False)
    heat, view = open_heatmap(app, qtbot, "market")
    heat.set_clamp("limit")
    qtbot.waitUntil(lambda: view.limit_status.get(CODE) == "zt", timeout=5000)
    out.append(("heatmap 涨停 tooltip", view.tooltip_at(centre(view, CODE)), "qt"))
    heat.set_clamp(3.0)
    return out


def broker_csv(app, qtbot, h):
    """The broker-CSV mapping dialog (issue 27): the string as a column's name, a row's 证券名称, a code, a 操作 and a
    fee cell of a broker's export — the combos' items and tooltips, the preview's cells and tooltips, the summary."""
    from pathlib import Path

    from desktop.services.broker_csv import BrokerFile
    from desktop.ui.widgets.broker_csv_dialog import BrokerCsvDialog

    header = ["成交日期", "证券代码", "证券名称", "操作", "成交数量", "成交均价", "手续费", h.text]
    rows = [(2, ["20261102", "300750", h.text, "证券买入", "100", "284.04", "5", h.text]),
            (3, ["20261103", h.text, h.text, "证券买入", "100", "284.04", "5", "x"]),
            (4, ["20261104", "300750", h.text, h.text, "0", "0", "0", "x"])]
    # parented to the window as the pane parents it (a parentless dialog left to Python's garbage collector can
    # be deleted in the middle of a later sink's event processing)
    dialog = BrokerCsvDialog(app.window, BrokerFile(Path("交割单.csv"), "GBK", header, 1, rows),
                             today=clock.today_shanghai())
    t, last = dialog.table, dialog.table.columnCount() - 1
    shown = [("brokerCsvSummary", dialog.summary, "label"), ("brokerCsvFile", dialog.info, "label-any"),
             ("preview name", t.item(0, 3).text(), "cell"), ("preview code", t.item(1, 2).text(), "cell"),
             ("preview side", t.item(2, 4).text(), "cell"), ("preview problem", t.item(2, last).text(), "cell"),
             ("preview problem tooltip", t.item(2, last).toolTip(), "qt"),
             ("preview bad code tooltip", t.item(1, last).toolTip(), "qt"),
             ("column item", dialog.combos["code"].itemText(len(header)), "cell"),
             ("name column tooltip", dialog.combos["code"].itemData(3, Qt.ToolTipRole), "qt")]
    dialog.combos["fee"].set_checked((6, 7))
    shown.append(("fee combo", dialog.combos["fee"].currentText(), "cell"))
    for field, combo in dialog.combos.items():
        shown += [(f"{field} item tooltip {i}", combo.itemData(i, Qt.ToolTipRole) or "", "qt-any")
                  for i in range(combo.count())]
    dialog.deleteLater()
    return shown


def why_moving(app, qtbot, h):
    """"Why is it moving" (ui/why_text.py, issue 26): 300750's board BK1035 carries the string, so "随 <board>"
    is in the watchlist row's tooltip, the heatmap stock tile's and the chart title's — once each has read it."""
    said = lambda lines: any(h.text in ln for ln in lines)                          # noqa: E731
    model = app.watchlist.model
    app.watchlist.reload()
    qtbot.waitUntil(lambda: CODE in model.codes and said(model.tip_lines(CODE)), timeout=5000)
    row = model.data(model.index(model.codes.index(CODE), COLUMNS.index("change_pct")), Qt.ToolTipRole)
    pane, heat = open_heatmap(app, qtbot, "market")
    qtbot.waitUntil(lambda: CODE in pane.tips.why and heat.tile(CODE) is not None, timeout=5000)
    tile = heat.tooltip_at(centre(heat, CODE))
    app.window.docks["chart"].raise_()
    app.bus.show_chart(CODE, "test")
    chart = app.panes["chart"]
    qtbot.waitUntil(lambda: said(getattr(chart, "why_lines", [])), timeout=5000)
    return [("why: watchlist row tooltip", row, "qt"), ("why: heatmap tile tooltip", tile, "qt"),
            ("why: chart title tooltip", chart.findChild(object, "chartTitle").toolTip(), "qt")]


SINKS = {"heatmap": heatmap, "watchlist": watchlist, "alert dialog": alert_dialog, "chart": chart,
         "article": article, "status bar": status_bar, "notification": notification, "异动": movers, "复盘 持仓": review_holdings, "涨停": limitup,
         "review": review, "broker CSV": broker_csv, "why it moves": why_moving}


def judge(kind: str, value, h: Hostile) -> str:
    """What is wrong with one shown text (see the module's docstring); "" when nothing is."""
    if kind.startswith("label"):
        if kind == "label-any" and h.readable[0] not in value.text():
            return safe_for_qt(value.text(), Hostile(h.id, h.text, readable=())) if \
                value.textFormat() != Qt.PlainText else ""
        return safe_for_label(value, h)
    if kind.startswith("qt"):                 # qt-any: the string need not be in it (another sink's text)
        return safe_for_qt(value, h if kind == "qt" else Hostile(h.id, h.text, readable=()))
    if kind == "html":                        # a rich text view of ours: outside markup only ever escaped
        return f"outside markup is rich text: {value[:80]!r}" if any(
            t in value for t in ("<img", "<table background", "<b>宁德")) else ""
    if kind == "tray":                        # a notification server reads <b>, <a>, <img> in the body
        return f"markup reaches the notification: {value[:80]!r}" if "<" in value else ""
    missing = [f for f in h.readable if f not in value]   # item-view cells and buttons never render markup
    return f"the readable part {missing} is not shown" if missing else ""


@pytest.mark.now("2026-11-20 14:35")
@pytest.mark.parametrize("h", carried_by("db"), ids=str)
def test_every_window_sink_shows_the_corpus_as_text(gui, qtbot, h):
    seed(gui)
    poison(gui, h)
    problems = []
    for sink, shown_by in SINKS.items():
        for name, value, kind in shown_by(gui, qtbot, h):
            problem = judge(kind, value, h)
            if problem:
                problems.append(f"{sink} / {name}: {problem}")
    assert not problems, "\n".join(problems)

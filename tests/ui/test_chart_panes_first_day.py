"""Issue 22, "The chart and the panes" and the heatmap's toolbar, as a user meets them on the first day: the wheel
zooms time and the price axis fits what is shown; reading news leaves the heatmap's view alone; a live switch to
the dark theme recolours the 分时 plot and the news strip; the strip's hover lists headlines as plain text; one
volume unit; 前复权/MA visibly off in 分时; 拼音 completion, Ctrl+F and an honest "无结果" hint; a heatmap toolbar
that names the board it is in and never paints over a control, at every width from 1024 px, in both languages."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QPalette, QTextDocument, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.config import resources_dir
from desktop.core.changes import Changes
from desktop.store import market_store as ms
from tests.ui.test_chart import bars


def demo_window(make_gui, qtbot):
    app = make_gui(replay_dir=resources_dir() / "demo", demo=True)
    app.start_background()
    qtbot.waitUntil(lambda: app.news.model.rowCount() > 5, timeout=20000)
    return app


def shown_text(tip: str) -> str:
    """What a tooltip (or any Qt text that may be rich text) shows a user."""
    doc = QTextDocument()
    if QtGui.Qt.mightBeRichText(tip):       # what QToolTip and an AutoText QLabel decide by
        doc.setHtml(tip)
    else:
        doc.setPlainText(tip)
    return doc.toPlainText()


@pytest.fixture
def light_theme(qapp):
    """The app's real palette (apply_theme), light again afterwards."""
    from desktop.ui.style import apply_theme

    apply_theme(qapp, "light")
    try:
        yield
    finally:
        apply_theme(qapp, "light")


@pytest.fixture
def english(qapp):
    from desktop.ui import i18n

    assert i18n.install(qapp, "en")
    try:
        yield
    finally:
        i18n.install(qapp, "zh_CN")


# -- the wheel zooms time; the price axis fits the visible bars --------------------------------------------------
def rising(n: int) -> list:
    """Bars climbing from 100 to ~1,000: the first and the last months do not share a price range."""
    out = bars("300750", n)
    from dataclasses import replace

    return [replace(b, open=b.open * (1 + 9 * i / n), high=b.high * (1 + 9 * i / n), low=b.low * (1 + 9 * i / n),
                    close=b.close * (1 + 9 * i / n)) for i, b in enumerate(out)]


def wheel(plot, steps: int) -> None:
    """A real wheel event over the middle of the price area (steps > 0: zoom in)."""
    vb = plot.price.vb
    centre = plot.mapFromScene(vb.mapViewToScene(vb.viewRect().center()))
    global_pos = plot.viewport().mapToGlobal(centre)
    event = QWheelEvent(QPointF(centre), QPointF(global_pos), QPoint(0, 0), QPoint(0, 120 * steps), Qt.NoButton,
                        Qt.NoModifier, Qt.NoScrollPhase, False)
    QApplication.sendEvent(plot.viewport(), event)


def visible_span(plot) -> tuple[float, float]:
    x0, x1 = plot.price.viewRange()[0]
    shown = [b for i, b in enumerate(plot.bars) if x0 <= i <= x1]
    return min(b.low for b in shown), max(b.high for b in shown)


def assert_fits(plot) -> None:
    lo, hi = plot.price.viewRange()[1]
    low, high = visible_span(plot)
    assert lo <= low and hi >= high, ((lo, hi), (low, high))                # every shown candle is inside …
    assert (hi - lo) <= (high - low) * 1.25, ((lo, hi), (low, high))        # … and fills the height


def test_the_wheel_zooms_time_only_and_the_price_axis_fits_the_visible_bars(qtbot):
    from desktop.ui.widgets.kline_plot import KlinePlot

    plot = KlinePlot("#e03131", "#2f9e44")
    qtbot.addWidget(plot)
    plot.resize(700, 420)
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_bars(rising(400), [5, 10, 20])
    assert_fits(plot)                                   # as opened: the last 120 bars
    before = plot.price.viewRange()[0]
    wheel(plot, 3)                                      # zoom in: fewer bars, the price axis re-fits
    after = plot.price.viewRange()[0]
    assert after[1] - after[0] < before[1] - before[0]
    assert_fits(plot)
    wheel(plot, -8)                                     # zoom out: many more bars, wider prices
    assert plot.price.viewRange()[0][1] - plot.price.viewRange()[0][0] > before[1] - before[0]
    assert_fits(plot)
    plot.price.vb.translateBy(x=-150)                   # a drag back in time …
    assert_fits(plot)
    plot.price.vb.translateBy(x=400)                    # … and to the latest bars: never an empty price area
    assert_fits(plot)
    # new bars for the same stock (a commit) keep the zoom the user chose, at the latest bar
    x0, x1 = plot.price.viewRange()[0]
    plot.set_bars(rising(401), [5, 10, 20], keep_view=True)
    n0, n1 = plot.price.viewRange()[0]
    assert abs((n1 - n0) - (x1 - x0)) < 1e-6 and n1 >= 400 - 0.5
    assert_fits(plot)


# -- reading news leaves the heatmap's view alone ------------------------------------------------------------------
def test_opening_articles_keeps_the_heatmap_view_and_only_a_sidebar_theme_switches_it(make_gui, qtbot):
    app = demo_window(make_gui, qtbot)
    app.window.docks["heatmap"].raise_()
    pane = app.panes["heatmap"]
    qtbot.waitUntil(lambda: pane.view is not None, timeout=5000)
    view_box = app.window.findChild(object, "heatmapView")
    for view in ("concept", "industry"):
        view_box.setCurrentIndex(view_box.findData(view))                       # the user's choice
        app.news.table.setFocus()
        app.news.select_row(0)                                                   # a click on an article
        qtbot.keyClick(app.news.table, Qt.Key_J)                                 # j, j, k
        qtbot.keyClick(app.news.table, Qt.Key_J)
        qtbot.keyClick(app.news.table, Qt.Key_K)
        qtbot.wait(50)
        assert pane.view_key == view and view_box.currentData() == view, "reading news switched the heatmap"
        assert app.news.model.rows[app.news.selected_row()].themes               # an article with a theme
    # the industry view outlines the boards of the open article's stocks instead
    heat = app.window.findChild(object, "heatmap")
    row = app.news.model.rows[app.news.selected_row()]
    qtbot.waitUntil(lambda: len(heat.tiles) > 0 and heat.tiles[0].kind == "board", timeout=10000)
    if row.stocks:
        qtbot.waitUntil(lambda: bool(heat.article_keys), timeout=5000)
    # a theme clicked in the sidebar is a choice of theme: the heatmap shows its basket
    tree = app.news.tree
    item = next(it for it in tree.items() if (it.data(0, Qt.UserRole + 1), it.data(0, Qt.UserRole + 2))
                == ("theme", "ai"))
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=tree.visualItemRect(item).center())
    assert pane.view_key == "theme" and pane.theme == "ai" and view_box.currentData() == "theme"


# -- a live switch to the dark theme ------------------------------------------------------------------------------
def _luminance(color) -> float:
    return (0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()) / 255


def test_a_live_switch_to_dark_recolours_the_intraday_plot_and_the_news_strip(gui, qtbot, light_theme):
    from desktop.ui.style import apply_theme
    from tests.ui.test_chart_intraday import minutes

    gui.core.writer.call(lambda c: ms.upsert_intraday_bars(c, minutes("300750")))
    gui.window.docks["chart"].raise_()
    chart = gui.panes["chart"]
    gui.bus.select_stock("300750", "watchlistPane")
    chart.set_mode("intraday")
    plot = gui.window.findChild(object, "chart")
    qtbot.waitUntil(lambda: len(plot.bars) > 100, timeout=5000)
    strip = chart.strip

    def corner(widget):
        return widget.grab().toImage().pixelColor(3, 3)     # no line, bar or axis there: the background

    assert _luminance(corner(plot)) > 0.8 and _luminance(corner(strip)) > 0.8
    light_line = plot.line.opts["pen"].color()
    try:
        gui.settings.set("ui.theme", "dark")
        gui.settings.announce(["ui.theme"])                 # what the settings dialog's OK does
        qtbot.waitUntil(lambda: _luminance(corner(plot)) < 0.25, timeout=3000)
        assert _luminance(corner(strip)) < 0.25
        assert _luminance(plot.line.opts["pen"].color()) > 0.6 > _luminance(light_line)   # a light line on dark
    finally:
        apply_theme(QApplication.instance(), "light")
        gui.settings.set("ui.theme", "light")


# -- the strip lists the hovered bar's headlines, as plain text ---------------------------------------------------
def test_hovering_a_news_bar_shows_its_headlines_as_plain_text(gui, qtbot):
    gui.core.writer.call(lambda c: ms.upsert_daily_bars(c, bars("300750", 40)))
    marked = "<b>宁德时代</b>储能&lt;订单&gt;大增"

    def poison(conn):
        ids = {r[0] for r in conn.execute("SELECT id FROM articles WHERE title = '宁德时代储能订单大增'")}
        conn.execute("UPDATE articles SET title = ? WHERE title = '宁德时代储能订单大增'", (marked,))
        return Changes(articles_updated=ids)

    gui.core.writer.call(poison)
    gui.window.docks["chart"].raise_()
    gui.bus.select_stock("300750", "watchlistPane")
    strip = gui.window.findChild(object, "chartNewsStrip")
    qtbot.waitUntil(lambda: strip.counts == {39: 1}, timeout=5000)
    strip.hover_bar(39)
    assert shown_text(strip.toolTip()).endswith(" " + marked)         # the title as written, never rendered
    # the mouse resting on the bar: the tooltip Qt shows is that bar's headlines
    vb = strip.getPlotItem().getViewBox()
    at = strip.mapFromScene(vb.mapViewToScene(QPointF(39, 0.5)))
    qtbot.mouseMove(strip.viewport(), at)
    QApplication.sendEvent(strip.viewport(), QHelpEvent(QEvent.ToolTip, at, strip.viewport().mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert shown_text(QToolTip.text()).endswith(" " + marked)
    QToolTip.hideText()
    empty = strip.mapFromScene(vb.mapViewToScene(QPointF(5, 0.5)))     # a bar without news: the strip's help
    qtbot.mouseMove(strip.viewport(), empty)
    QApplication.sendEvent(strip.viewport(), QHelpEvent(QEvent.ToolTip, empty, strip.viewport().mapToGlobal(empty)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert marked not in shown_text(QToolTip.text()) and "资讯" in shown_text(QToolTip.text())
    QToolTip.hideText()


# -- one volume unit; 前复权 and MA are off in 分时 ------------------------------------------------------------------
def test_volume_has_one_labelled_unit_on_the_axis_and_in_the_readout(make_gui, qtbot, light_theme):
    from tests.ui.test_chart_intraday import minutes

    app = make_gui()
    daily = bars("300750", 30)
    app.core.writer.call(lambda c: (ms.upsert_daily_bars(c, daily), ms.upsert_intraday_bars(c, minutes("300750"))))
    app.window.docks["chart"].raise_()
    app.bus.select_stock("300750", "watchlistPane")
    chart = app.panes["chart"]
    plot = app.window.findChild(object, "chart")
    plot.hovered.emit(10)
    readout = chart.readout.text()
    axis = plot.volume.getAxis("left").tickStrings([2e7, daily[10].volume], 1, 1)
    assert axis[0] == "20万手" and "量 " + f"{daily[10].volume / 1e6:.2f}万手" in readout     # both in 万手
    # 分时: the same unit word on both (手), and 前复权 / MA off — and looking off
    ma, adjust = app.window.findChild(object, "chartMA"), app.window.findChild(object, "chartAdjust")
    assert ma.isEnabled() and adjust.isEnabled()
    chart.set_mode("intraday")
    plot = app.window.findChild(object, "chart")
    qtbot.waitUntil(lambda: len(plot.bars) > 100, timeout=5000)
    plot.hovered.emit(31)
    b = plot.bars[31]
    assert f"量 {b.volume / 100:.0f}手" in chart.readout.text()
    assert plot.volume.getAxis("left").tickStrings([200000.0], 1, 1) == ["2000手"]
    for control in (ma, adjust):
        assert not control.isEnabled()
        pal = control.palette()
        assert pal.color(QPalette.Disabled, QPalette.ButtonText) != pal.color(QPalette.Active, QPalette.ButtonText)
    chart.set_mode("daily")
    assert ma.isEnabled() and adjust.isEnabled()


# -- the news search -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [("ndsd", "宁德时代 300750"), ("gzmt", "贵州茅台 600519")])
def test_the_search_completes_pinyin_initials(make_gui, qtbot, typed, expected):
    from desktop.services.market_service import seed_bundled_stocks

    app = make_gui()
    app.core.writer.call(lambda c: seed_bundled_stocks(c, resources_dir() / "stocks", 0))
    box = app.news.search
    box.setFocus()
    qtbot.keyClicks(box, typed)
    completer = box.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible(), timeout=3000)
    shown = [completer.popup().model().index(i, 0).data() for i in range(completer.popup().model().rowCount())]
    assert expected in shown
    row = shown.index(expected)
    for _ in range(row + 1):
        qtbot.keyClick(completer.popup(), Qt.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key_Return)
    code = expected.split()[-1]
    assert app.news.filter.stock == code and app.bus.stock == code and not app.news.filter.query


def test_ctrl_f_focuses_the_search_as_slash_does(gui, qtbot):
    gui.news.table.setFocus()
    qtbot.keyClick(gui.news.table, Qt.Key_F, Qt.ControlModifier)
    assert gui.news.search.hasFocus()
    gui.article.setFocus()
    qtbot.keyClick(gui.window, Qt.Key_F, Qt.ControlModifier)
    assert gui.news.search.hasFocus()
    assert "Ctrl+F" in gui.window.show_shortcuts().keys()


def test_no_results_never_asks_to_select_all_when_all_is_selected(gui, qtbot):
    assert gui.news.tree.current_view() == ("all", None)
    gui.news.search.setText("不存在的词")
    gui.news.searcher.apply()
    qtbot.waitUntil(lambda: gui.news.model.rowCount() == 0, timeout=5000)
    text = gui.news.empty_text()
    assert text.startswith("无结果") and "全部" not in text and "移除上方的筛选条件" in text
    # in one feed's view, choosing 全部 is the way out, and it is said
    qtbot.waitUntil(lambda: gui.news.tree.select_view("feed", gui.feed_id), timeout=5000)   # a click on the feed
    qtbot.waitUntil(lambda: gui.news.filter.feed_id is not None, timeout=3000)
    assert "全部" in gui.news.empty_text()
    gui.news.tree.select_view("all", None)
    gui.news.search.clear()
    gui.news.range.setCurrentIndex(gui.news.range.findData(1))          # 今天: the fixture's articles are older
    qtbot.waitUntil(lambda: gui.news.model.rowCount() == 0, timeout=5000)
    text = gui.news.empty_text()
    assert "全部时间" in text and "左侧" not in text


# -- the heatmap toolbar -------------------------------------------------------------------------------------------
TOOLBAR = ("heatmapView", "heatmapTheme", "heatmapBack", "heatmapBreadcrumb", "heatmapSummary", "heatmapSize",
           "heatmapScale", "heatmapLegend", "heatmapLink")


def check_toolbar(window, pane) -> None:
    shown = [w for w in (window.findChild(object, n) for n in TOOLBAR) if w is not None and w.isVisible()]
    for w in shown:
        assert w.parentWidget() is pane or pane.isAncestorOf(w)
    rects = {w.objectName(): (w.geometry() if w.parentWidget() is pane else
                              w.geometry().translated(w.parentWidget().mapTo(pane, QPoint(0, 0)))) for w in shown}
    for name, r in rects.items():
        assert pane.rect().contains(r), (name, r, pane.rect())
        for other, o in rects.items():
            assert other == name or not r.intersects(o), (name, r, other, o)       # never painted over a control
    for name in ("heatmapBreadcrumb", "heatmapSummary"):
        label = window.findChild(object, name)
        if label.isVisible():
            need = label.fontMetrics().horizontalAdvance(shown_text(label.text()))
            assert label.contentsRect().width() >= need, (name, label.text(), label.width(), need, pane.width())


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_heatmap_toolbar_names_the_board_and_never_overlaps_at_any_width(make_gui, qtbot, qapp, language):
    from desktop.ui import i18n

    i18n.install(qapp, language)
    try:
        app = demo_window(make_gui, qtbot)
        app.window.docks["heatmap"].raise_()
        pane = app.panes["heatmap"]
        qtbot.waitUntil(lambda: pane.view is not None, timeout=5000)
        pane.set_view("industry")
        heat = app.window.findChild(object, "heatmap")
        qtbot.waitUntil(lambda: len(heat.tiles) > 5 and heat.tiles[0].kind == "board", timeout=15000)
        board = next(t.key for t in heat.tiles if t.name == "光伏设备")
        qtbot.mouseClick(heat, Qt.LeftButton, pos=heat.tile_rect(board).center())
        qtbot.mouseDClick(heat, Qt.LeftButton, pos=heat.tile_rect(board).center())      # drill in
        qtbot.waitUntil(lambda: len(heat.tiles) > 5 and heat.tiles[0].kind == "stock", timeout=15000)
        summary = app.window.findChild(object, "heatmapSummary")
        qtbot.waitUntil(lambda: "·" in summary.text(), timeout=5000)
        crumb = app.window.findChild(object, "heatmapBreadcrumb")
        root = QCoreApplication.translate("HeatmapPane", "行业")
        assert crumb.isVisible() and shown_text(crumb.text()) == f"{root} › 光伏设备"
        for width, height in ((1024, 700), (1280, 800), (1440, 900), (1920, 1080)):
            app.window.resize(width, height)
            qtbot.waitUntil(lambda w=width: app.window.width() == w, timeout=3000)
            qtbot.wait(30)
            check_toolbar(app.window, pane)
        crumb_point = QPoint(crumb.fontMetrics().horizontalAdvance(root) // 2, crumb.height() // 2)
        qtbot.mouseClick(crumb, Qt.LeftButton, pos=crumb_point)                       # the root goes back
        assert pane.drill is None
        qtbot.waitUntil(lambda: heat.tiles[0].kind == "board", timeout=10000)
        for width, height in ((1024, 700), (1920, 1080)):
            app.window.resize(width, height)
            qtbot.waitUntil(lambda w=width: app.window.width() == w, timeout=3000)
            check_toolbar(app.window, pane)
        pane.set_view("theme")                      # the theme box joins the row; the basket's summary is longer
        qtbot.waitUntil(lambda: summary.text().startswith(
            QCoreApplication.translate("HeatmapPane", "篮子 %1（市值加权）· ").split("%1")[0]),
                        timeout=10000)
        for width, height in ((1024, 700), (1440, 900), (1920, 1080)):
            app.window.resize(width, height)
            qtbot.waitUntil(lambda w=width: app.window.width() == w, timeout=3000)
            check_toolbar(app.window, pane)
    finally:
        i18n.install(qapp, "zh_CN")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_narrow_heatmap_dock_puts_its_controls_on_three_rows_and_never_widens_the_column(make_gui, qtbot, qapp,
                                                                                           language):
    """The controls (view, theme, 只看持仓 | area, scale, legend, 联动) take as many rows as the dock's width needs:
    the dock's least width is its larger control group's, not the whole row's (the 只看持仓 button once made the
    heatmap's least width the right column's, and the reader lost the difference)."""
    from desktop.ui import i18n

    i18n.install(qapp, language)
    try:
        app = demo_window(make_gui, qtbot)
        dock = app.window.docks["heatmap"]
        dock.raise_()
        pane = app.panes["heatmap"]
        qtbot.waitUntil(lambda: pane.view is not None, timeout=5000)
        bar = pane.bar
        def natural(group):
            return sum(w.sizeHint().width() for w in group if not w.isHidden())

        # the controls count once the raised dock has been shown (before, Qt reports a never-shown child hidden:
        # under CI's load this read 0 < 0)
        qtbot.waitUntil(lambda: pane.isVisible() and natural(bar.left) > 0 and natural(bar.right) > 0, timeout=5000)
        row = natural(bar.left + bar.right)
        larger = max(natural(bar.left), natural(bar.right))
        assert larger < row and dock.minimumSizeHint().width() <= larger + 40   # margins and spacing
        app.window.resize(1024, 700)
        app.window.resizeDocks([dock], [dock.minimumSizeHint().width()], Qt.Horizontal)
        qtbot.waitUntil(lambda: bar.mode == bar.THREE, timeout=3000)
        check_toolbar(app.window, pane)
        app.window.resize(1920, 1080)
        qtbot.waitUntil(lambda: app.window.width() == 1920, timeout=3000)
        app.window.resizeDocks([dock], [row + 60], Qt.Horizontal)
        qtbot.waitUntil(lambda: pane.width() > row + 20, timeout=3000)
        assert bar.mode != bar.THREE
        check_toolbar(app.window, pane)
    finally:
        i18n.install(qapp, "zh_CN")

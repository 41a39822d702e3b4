"""The demo is one trading session (issue 22): its news, 快讯, 公告, quotes and alerts all sit on the recording's own
day and clock (2026-11-20, 14:35 Beijing and before), whatever day it runs; what it changes stays in its own
throw-away directory."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from desktop.config import resources_dir
from desktop.core.market_hours import SHANGHAI
from desktop.core.news_filter import NewsFilter

DEMO_DAY = date(2026, 11, 20)
DEMO_MOMENT = int(datetime(2026, 11, 20, 14, 35, tzinfo=SHANGHAI).timestamp())
FLASH = ("akshare:cls", "akshare:em", "akshare:sina", "akshare:ths", "akshare:futu")


def _demo(make_gui, qtbot):
    """The demo window with its market worker on the recording (what `huohua --demo` runs)."""
    app = make_gui(start_pollers=False, replay_dir=resources_dir() / "demo", demo=True)
    app.start_background()
    qtbot.waitUntil(lambda: app.market_service is not None, timeout=30_000)
    return app


@pytest.mark.now("2026-12-07 02:06")          # the day the issue was filed: 17 days after the recording
def test_the_demo_news_are_dated_on_the_recordings_session(make_gui):
    app = make_gui(demo=True)
    rows = app.news.model.rows
    assert len(rows) == 28
    assert {datetime.fromtimestamp(r.published, SHANGHAI).date() for r in rows} == {DEMO_DAY}
    assert max(r.published for r in rows) == DEMO_MOMENT          # the newest at the recording's moment


@pytest.mark.now("2026-12-07 02:06")
def test_every_demo_item_and_the_market_clock_agree_on_the_day(make_gui, qtbot):
    """News, 快讯, 公告, 个股新闻 and the quotes: the recording's day; the heatmap's "近24小时" (the market clock)
    finds the demo articles about 宁德时代."""
    app = _demo(make_gui, qtbot)
    qtbot.waitUntil(lambda: len(app.reader.list_articles(NewsFilter(), 500)) >= 28 + 17 + 4 + 4, timeout=30_000)
    arts = app.reader.list_articles(NewsFilter(), 500)
    flash_ids = {f.id for f in app.reader.feeds() if f.url in FLASH or f.url.startswith("https://demo.")}
    assert {datetime.fromtimestamp(a.published, SHANGHAI).date() for a in arts if a.feed_id in flash_ids} \
        == {DEMO_DAY}                                    # the news and 快讯: that session
    days = {datetime.fromtimestamp(a.published, SHANGHAI).date() for a in arts}
    assert min(days) >= date(2026, 11, 13) and max(days) == DEMO_DAY   # 公告, 个股新闻: that week, up to it
    assert max(a.published for a in arts) <= DEMO_MOMENT
    assert datetime.fromtimestamp(app.market.now(), SHANGHAI).date() == DEMO_DAY
    qtbot.waitUntil(lambda: bool(app.market.quote_rows(["300750"])), timeout=30_000)
    (row,) = app.market.quote_rows(["300750"])
    assert datetime.fromtimestamp(row.quote.time, SHANGHAI).date() == DEMO_DAY
    since = int(app.market.now()) - 24 * 3600
    titles = [t for _id, t, _p in app.reader.newest_linked(["300750"], since, 10)]
    assert "宁德时代发布新一代储能电池，能量密度提升15%" in titles


def test_the_demo_flash_news_sample_all_five_sources_with_shared_stories(make_gui, qtbot):
    """≥ 10 快讯 from ≥ 3 of the five sources (here all five), some stories carried by two of them: the
    article view lists the other source ("同时报道")."""
    app = _demo(make_gui, qtbot)
    feeds = {f.url: f for f in app.reader.feeds()}
    assert set(FLASH) <= set(feeds)

    def counts() -> dict[str, int]:
        return {url: len(app.reader.list_articles(NewsFilter(feed_id=feeds[url].id), 50)) for url in FLASH}

    qtbot.waitUntil(lambda: all(counts().values()), timeout=30_000)
    n = counts()
    assert sum(n.values()) >= 10 and sum(1 for v in n.values() if v) >= 3, n
    sina = app.reader.list_articles(NewsFilter(feed_id=feeds["akshare:sina"].id), 50)
    catl = next(a for a in sina if "宁德时代" in a.title)
    others = [name for _id, name in app.reader.also_reported(catl.id)]
    assert any(name.startswith("财联社") for name in others), others
    joined = [a for url in FLASH for a in app.reader.list_articles(NewsFilter(feed_id=feeds[url].id), 50)
              if app.reader.also_reported(a.id)]
    assert len(joined) >= 6                               # five stories told twice: both copies name the other
    app.bus.select_article(catl.id, "test")
    also = app.article.also
    qtbot.waitUntil(lambda: also.isVisibleTo(app.article) and "财联社" in also.text(), timeout=5000)


def test_settings_changed_in_the_demo_never_reach_the_users_settings(tmp_path, monkeypatch, qtbot):
    """`huohua --demo`, then 配色 深色 and OK: saved in the demo's throw-away directory (as gui_main sets it
    up), never as the user's ~/.config/huohua/settings.toml."""
    from PySide6.QtWidgets import QApplication, QComboBox

    from desktop.config import Settings, resolve_paths, throwaway
    from desktop.gui_app import GuiApp
    from desktop.ui.style import apply_theme

    home = tmp_path / "home"
    for name, value in (("HOME", home), ("XDG_CONFIG_HOME", home / ".config"), ("XDG_DATA_HOME", home / ".local")):
        monkeypatch.setenv(name, str(value))
    for name in ("HUOHUA_CONFIG_DIR", "HUOHUA_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    user = resolve_paths().ensure()                      # what __main__ resolves before the window starts
    assert str(user.config_dir).startswith(str(home))
    settings = Settings.load(user.settings_file)
    settings.set("feeds.parse_processes", 0)
    scratch = tmp_path / "huohua-demo-x"
    scratch.mkdir()
    paths, demo_settings = throwaway(user, settings, scratch)
    app = GuiApp(paths.ensure(), demo_settings, demo=True, start_pollers=False)
    qtbot.addWidget(app.window)
    app.show()
    qtbot.waitUntil(lambda: app.loaded, timeout=10_000)
    try:
        app.open_settings()
        dialog = app.settings_dialog
        combo = dialog.findChild(QComboBox, "uiTheme")
        combo.setCurrentIndex(combo.findData("dark"))
        dialog.accept()
        assert demo_settings["ui.theme"] == "dark"
    finally:
        apply_theme(QApplication.instance(), "light")
        app.shutdown()
    assert not [p for p in user.config_dir.rglob("*") if p.is_file()]     # nothing in the user's settings
    assert not user.settings_file.exists() and settings["ui.theme"] == "light"
    assert 'theme = "dark"' in (scratch / "settings.toml").read_text(encoding="utf-8")


class _Later:
    """The recording's clock (sources/replay.py), `ahead` seconds on: the demo after minutes of running."""

    def __init__(self):
        import time

        self.ahead, self._time = 0.0, time

    def monotonic(self) -> float:
        return self._time.monotonic() + self.ahead


@pytest.fixture
def later(monkeypatch):
    from desktop.sources import replay

    clock = _Later()
    monkeypatch.setattr(replay, "time", clock)
    return clock


def _quote_shown(app, qtbot, code: str = "300750"):
    qtbot.waitUntil(lambda: code in app.watchlist.model.codes and app.watchlist.model.rows[
        app.watchlist.model.codes.index(code)] is not None, timeout=30_000)
    return app.watchlist.model.codes.index(code)


def test_a_price_alert_the_shown_price_meets_fires_in_the_demo_window(make_gui, qtbot, later):
    """价格 ≥ 280 on 宁德时代 at 284.04, added three minutes into the demo: it fires (it stayed at "0 条提醒",
    while `alerts run --replay resources/demo` fires it at once)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = _demo(make_gui, qtbot)
    row = _quote_shown(app, qtbot)
    model = app.watchlist.model
    assert model.data(model.index(row, 2)) == "284.04"
    later.ahead = 180.0
    pane = app.panes["alerts"]

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "alertRuleDialog":
            QTimer.singleShot(20, answer)
            return
        dialog.kind.setCurrentIndex(dialog.kind.findData("price_above"))
        dialog.value.setValue(280)
        dialog.accept()

    QTimer.singleShot(0, answer)
    assert pane.add_rule_for("300750")
    qtbot.waitUntil(lambda: len(app.notifier.shown) == 1, timeout=15_000)
    assert "宁德时代" in app.notifier.shown[0][1] and "284.04" in app.notifier.shown[0][1]
    qtbot.waitUntil(lambda: pane.summary.text().startswith("1 条提醒"), timeout=5000)


def test_a_replay_that_has_run_out_is_shown_frozen_not_fresh(make_gui, qtbot, later):
    """Ten minutes on, the recording has nothing newer: the rows' times stay at 14:35 and say they are stale
    (grey, a tooltip with since when), and the status bar's 行情 is not green with an advancing clock."""
    from desktop.ui.models.quote_model import COLUMNS

    app = _demo(make_gui, qtbot)
    row = _quote_shown(app, qtbot)
    model, col = app.watchlist.model, COLUMNS.index("time")
    status = app.window.source_status
    qtbot.waitUntil(lambda: status.states["quotes"].state == "ok", timeout=30_000)
    assert "数据已过时" not in model.data(model.index(row, col), Qt.ToolTipRole)   # fresh at the start (why only)
    later.ahead = 600.0
    cell = model.index(row, col)
    qtbot.waitUntil(lambda: model.data(cell, Qt.ForegroundRole) is not None, timeout=15_000)
    tip = model.data(cell, Qt.ToolTipRole)
    assert "数据已过时" in tip and "14:35" in tip
    assert model.data(model.index(row, 2), Qt.FontRole).italic()              # the price reads stale too
    qtbot.waitUntil(lambda: status.states["quotes"].state == "stale", timeout=15_000)
    st = status.states["quotes"]
    assert datetime.fromtimestamp(st.frozen_since, SHANGHAI).strftime("%H:%M") == "14:35"
    assert "14:35" in status.labels["quotes"].text()                 # the quotes' own time, not the clock's
    assert "未再变动" in status.labels["quotes"].toolTip()


@pytest.mark.now("2026-12-07 02:06")
def test_the_window_says_which_day_the_demo_shows(make_gui, qtbot):
    """Run on 12-07, the demo's quotes and 分时 are 11-20's: the quote time and the 分时 chart say the date."""
    from desktop.ui.models.quote_model import COLUMNS

    app = _demo(make_gui, qtbot)
    row = _quote_shown(app, qtbot)
    model = app.watchlist.model
    text = model.data(model.index(row, COLUMNS.index("time")))
    assert text.startswith("11-20 14:35")
    table = app.watchlist.table                            # the date never cuts the time ("11-20 1…")
    assert table.columnWidth(COLUMNS.index("time")) >= table.fontMetrics().horizontalAdvance(text)
    status = app.window.source_status
    qtbot.waitUntil(lambda: status.states["quotes"].state != "idle", timeout=30_000)
    assert "11-20 14:3" in status.labels["quotes"].text()
    chart = app.panes["chart"]
    app.window.bring_to_front("chart")
    chart.show_stock("300750")
    chart.set_mode("intraday")
    qtbot.waitUntil(lambda: len(chart.bars) > 100, timeout=30_000)
    qtbot.waitUntil(lambda: chart._plot is not None and chart._plot.session_day == "2026-11-20", timeout=5000)

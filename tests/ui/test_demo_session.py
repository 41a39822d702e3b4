"""The demo is one trading session (issue 22): its news, 快讯, 公告, quotes and alerts all sit on the recording's own
day and clock (2026-11-20, 14:35 Beijing and before), whatever day it runs; what it changes stays in its own
throw-away directory."""

from __future__ import annotations

from datetime import date, datetime

import pytest

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

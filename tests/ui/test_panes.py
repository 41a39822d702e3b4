"""Each pane built alone: a real SelectionBus and TaskRunner, small fakes for the reader and the market view.

No window, no database: what a pane does is what its interface (ui/pane.py) and the bus say it does.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from desktop.config import Settings
from desktop.core import clock
from desktop.core.changes import Changes
from desktop.core.market import Quote, QuoteRow, Watchlist
from desktop.core.news import Article, ArticleRow, Feed
from desktop.runtime.bus import SelectionBus
from desktop.runtime.tasks import TaskRunner
from desktop.ui.pane import PaneContext


class FakeReader:
    """The news reads a pane makes, over rows in memory (newest first by search key)."""

    read_only = False

    def __init__(self, rows: list[ArticleRow]):
        self.rows = rows
        self.writes: list[tuple] = []

    def _match(self, r: ArticleRow, f) -> bool:
        return ((not f.stock or f.stock in r.stocks) and (not f.theme or f.theme in r.themes)
                and (not f.query or f.query in r.title) and (not f.unread or not r.read))

    def list_articles(self, f, limit, *, before_key=None, ids=None):
        rows = [r for r in self.rows if self._match(r, f) and (before_key is None or r.search_key < before_key)
                and (ids is None or r.id in ids)]
        return sorted(rows, key=lambda r: r.search_key, reverse=True)[:limit]

    def rows_by_ids(self, ids):
        return [r for r in self.rows if r.id in ids]

    def feeds(self):
        return [Feed(id=1, url="http://x/f.xml", title="测试源")]

    def unread_by_feed(self):
        return {1: sum(1 for r in self.rows if not r.read)}

    def unread_by_theme(self):
        return {}

    def totals(self):
        return len(self.rows), sum(1 for r in self.rows if not r.read), 0

    def totals_by(self):
        return {1: len(self.rows)}, {}, 0

    def article(self, article_id):
        r = next(r for r in self.rows if r.id == article_id)
        return Article(id=r.id, feed_id=1, feed_title=r.feed_title, guid=None, url=r.url, title=r.title,
                       summary_html="<p>正文</p>", text="正文", author="", published=r.published, fetched=r.published,
                       read=r.read, starred=r.starred, themes=r.themes, stocks=r.stocks)

    def also_reported(self, article_id):
        return []

    def linked_today(self, codes, now):
        return {c: sum(1 for r in self.rows if c in r.stocks) for c in codes}

    def set_read(self, ids, read=True):
        self.writes.append(("read", tuple(ids), read))
        return _done()                  # the reader's contract: the writer's Future (ui/ops.py waits on it)

    def set_starred(self, ids, starred):
        self.writes.append(("starred", tuple(ids), starred))
        return _done()


def _done(result=None):
    from concurrent.futures import Future

    f: Future = Future()
    f.set_result(result)
    return f


class FakeMarket:
    def __init__(self):
        self.lists = [Watchlist(1, "自选", ("300750", "300274"))]
        self.stale = 0

    def watchlists(self):
        return self.lists

    def quote_rows(self, codes):
        now = int(clock.now())
        out = []
        for code, pct in (("300750", 2.5), ("300274", -1.2)):
            if code in codes:
                q = Quote(code, "", 100.0, pct, pct, 99, 101, 98, 100 - pct, 1e6, 2e9, 1.0, 1e11, now, now)
                out.append(QuoteRow(q, "test", now < self.stale, 0))
        return out

    def now(self):
        return clock.now()

    def search_stocks(self, text, limit=12):
        return [("300750", "宁德时代")] if text else []


def row(i: int, title: str, stocks=(), themes=()) -> ArticleRow:
    return ArticleRow(id=i, feed_id=1, feed_title="测试源", title=title, url=f"http://x/{i}",
                      published=1_764_000_000 + i, read=False, starred=False, search_key=(1_764_000_000 + i) * 16,
                      cluster_key="", themes=tuple(themes), stocks=tuple(stocks))


@pytest.fixture
def ctx(qtbot, tmp_path):
    rows = [row(1, "宁德时代储能订单", ["300750"], ["energy"]), row(2, "算力需求旺盛", themes=["ai"]),
            row(3, "阳光电源逆变器出海", ["300274"], ["energy"])]
    tasks = TaskRunner()
    c = PaneContext(SelectionBus(), tasks, Settings(tmp_path / "settings.toml"), FakeReader(rows), FakeMarket(),
                    stock_names={"300750": "宁德时代", "300274": "阳光电源"})
    yield c
    tasks.shutdown()


def build(qtbot, cls, ctx):
    pane = cls(ctx)
    qtbot.addWidget(pane)
    pane.show()
    pane.load()
    return pane


def test_news_pane_alone_follows_the_bus_and_publishes_its_selection(qtbot, ctx):
    from desktop.ui.panes.news_pane import NewsPane

    pane = build(qtbot, NewsPane, ctx)
    assert [r.title for r in pane.model.rows] == ["阳光电源逆变器出海", "算力需求旺盛", "宁德时代储能订单"]
    ctx.bus.select_stock("300750", "watchlistPane")              # another pane selects a stock
    assert [r.title for r in pane.model.rows] == ["宁德时代储能订单"]
    seen = []
    ctx.bus.article_selected.connect(lambda aid, origin: seen.append((aid, origin)))
    pane.select_row(0)
    assert seen == [(1, "newsPane")] and ("read", (1,), True) in ctx.reader.writes
    pane.link.setChecked(False)                                  # unlinked: keeps its own filter
    ctx.bus.select_stock("300274", "watchlistPane")
    assert [r.title for r in pane.model.rows] == ["宁德时代储能订单"]
    keys = dict(pane.shortcuts())
    assert set(keys) >= {"J", "K", "S", "M", "/", "Shift+A"}
    keys["S"]()
    assert ("starred", (1,), True) in ctx.reader.writes


def test_news_pane_layout_round_trips_through_its_state(qtbot, ctx, tmp_path):
    from desktop.ui.panes.news_pane import NewsPane

    state = QSettings(str(tmp_path / "w.ini"), QSettings.IniFormat)
    first = build(qtbot, NewsPane, ctx)
    first.splitter.setSizes([222, 500])
    first.save_state(state)
    second = NewsPane(ctx)
    qtbot.addWidget(second)
    second.restore_state(state)
    second.show()
    assert second.splitter.sizes()[0] == first.splitter.sizes()[0]


def test_news_pane_takes_new_commits_without_a_reset(qtbot, ctx):
    from desktop.ui.panes.news_pane import NewsPane

    pane = build(qtbot, NewsPane, ctx)
    ctx.reader.rows.append(row(9, "新到的快讯"))
    resets = []
    pane.model.modelReset.connect(lambda: resets.append(1))
    ctx.bus.publish_changes(Changes(articles_added={9}))
    qtbot.waitUntil(lambda: pane.model.rowCount() == 4, timeout=3000)
    assert pane.model.rows[0].title == "新到的快讯" and resets == []


def test_article_view_alone_shows_plain_text_and_its_chips_select(qtbot, ctx):
    from desktop.ui.panes.article_view import ArticleView

    view = build(qtbot, ArticleView, ctx)
    ctx.bus.select_article(1, "newsPane")
    assert view.title.text() == "宁德时代储能订单" and view.title.textFormat() == Qt.PlainText
    seen = []
    ctx.bus.stock_selected.connect(lambda code, origin: seen.append((code, origin)))
    view.stock_chips.clicked.emit("stock", "300750")
    assert seen == [("300750", "articlePane")]
    assert {k for k, _ in view.shortcuts()} == {"O", "Space"}


def test_watchlist_pane_alone_colours_selection_and_settings(qtbot, ctx):
    from desktop.ui.models.quote_model import COLUMNS
    from desktop.ui.panes.watchlist_pane import WatchlistPane
    from desktop.ui.style import GREEN, RED

    pane = build(qtbot, WatchlistPane, ctx)
    m = pane.model
    assert m.codes == ["300750", "300274"]

    def colour(code):
        return m.data(m.index(m.codes.index(code), COLUMNS.index("change_pct")), Qt.ForegroundRole).name().lower()

    assert colour("300750") == RED.lower() and colour("300274") == GREEN.lower()
    ctx.settings.set("ui.colors", "green_up")
    ctx.settings.subscribe(pane.apply_settings)
    ctx.settings.announce(["ui.colors"])
    assert colour("300750") == GREEN.lower()
    seen = []
    ctx.bus.stock_selected.connect(lambda code, origin: seen.append(code))
    pane.table.selectRow(1)
    assert seen == ["300274"]
    ctx.market.stale = int(clock.now()) + 10                     # the market clock says: all stale now
    ctx.bus.market_ready.emit()
    assert m.rows[0].stale and "过时" in m.data(m.index(0, 2), Qt.ToolTipRole)


def test_every_pane_in_the_window_has_the_interface(qtbot):
    from desktop.gui_app import PANES
    from desktop.ui.pane import Pane

    assert [k for k, _f, _a in PANES] == ["news", "article", "heatmap", "limitup", "movers", "watchlist", "positions",
                                        "chart", "alerts"]
    import importlib

    for _key, make, _area in PANES:
        if isinstance(make, str):           # built after the first paint: "module:Class"
            module, name = make.split(":")
            make = getattr(importlib.import_module(module), name)
        assert isinstance(make, type) and issubclass(make, Pane)


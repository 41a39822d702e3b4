"""GuiApp: the composition of the windowed app (built by app.run_gui, and by the tests' fixture).

Order: Core (database) → bus and commit relay → services for panes → window painted from the database →
then, on the next event-loop turn, the pollers start on their threads (akshare, pandas and the trading
calendar are imported there, never before the first paint).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer

from desktop.config import Paths, Settings
from desktop.runtime.bus import CommitRelay, SelectionBus
from desktop.runtime.tasks import TaskRunner
from desktop.services.images import ImageCache
from desktop.ui.main_window import MainWindow
from desktop.ui.panes.article_view import ArticleView
from desktop.ui.panes.news_pane import NewsPane
from desktop.ui.panes.placeholder_pane import PlaceholderPane
from desktop.ui.panes.watchlist_pane import WatchlistPane

log = logging.getLogger(__name__)
GIL_SWITCH_S = 0.0005



class FirstPaint(QObject):
    """Runs `then` once the window has painted (or after 300 ms if it never does, e.g. hidden in a test).

    A zero-delay timer is not enough: it fires before the first paint event is processed, so the database
    work would still delay the first frame."""

    def __init__(self, window, then):
        super().__init__(window)
        self._then = then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(300, self._fire)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Paint and not self._done:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if not self._done:
            self._done = True
            self.parent().removeEventFilter(self)
            self._then()


class Lazy:
    """Stands in for an object that is built on first use (the panes' reader, after the first paint)."""

    def __init__(self, factory):
        self._factory = factory
        self._obj = None

    def __getattr__(self, name: str):
        if self._obj is None:
            self._obj = self._factory()
        return getattr(self._obj, name)


class GuiApp(QObject):
    """A QObject so that worker-thread signals connected to its methods run on the GUI thread."""

    def __init__(self, paths: Paths, settings: Settings, *, replay_dir: Path | None = None, demo: bool = False,
                 start_pollers: bool = True, feed_check_ms: int = 30_000, default_feeds: bool = False,
                 paced: bool = False):
        super().__init__()
        # Painting calls back into Python hundreds of times per frame (model data, delegates); each call needs
        # the GIL, which busy background threads (fetch, writer) hold for up to the switch interval. 5 ms is
        # CPython's default; 0.5 ms keeps a frame's waits short while articles stream in (bench/ui.py).
        sys.setswitchinterval(GIL_SWITCH_S)
        self.paths, self.settings = paths, settings
        self.replay_dir, self.demo = replay_dir, demo
        self.default_feeds = default_feeds
        self.paced = paced
        self.market_service = None          # built on the market poller's thread
        self._core = None                   # the database and services: built on first use, after the paint
        self._core_lock = threading.Lock()
        self._opening = False
        self.bus = SelectionBus()
        self.relay = CommitRelay()
        self.relay.committed.connect(self.bus.publish_changes)
        self.relay.health_changed.connect(self._on_storage_health)
        self.bus.data_committed.connect(self._on_committed)
        self.reader = Lazy(self._make_reader)
        self.tasks = TaskRunner()
        self.tasks.finished.connect(self._on_task)
        self.themes: list = []                     # loaded in load_data(): tomllib is 15 ms of imports
        self.stock_names: dict[str, str] = {}      # filled in load_data(), after the first paint
        demo_label = self.tr_demo() if demo else self.tr_replay() if replay_dir else ""
        self.window = MainWindow(QSettings(str(paths.data_dir / "window.ini"), QSettings.IniFormat), demo_label)
        self.news = NewsPane(self.bus, self.reader, self.tasks, self.themes, self.stock_names, settings,
                             stock_search=self.search_stocks)
        self.article = ArticleView(self.bus, self.reader, self.tasks, ImageCache(paths.image_cache), self.themes,
                                   self.stock_names, settings)
        w = self.window
        w.add_pane("news", self.news, Qt.LeftDockWidgetArea)
        w.add_pane("article", self.article, Qt.RightDockWidgetArea)
        self.watchlist = WatchlistPane(self.bus, lambda: self.reader.conn(), self.price_colors, self.stale_before,
                                       self.stock_names, demo=bool(demo or replay_dir), now=self.market_now)
        w.add_pane("heatmap", PlaceholderPane(self.bus, "heatmapPane", "heatmap"), Qt.RightDockWidgetArea)
        w.add_pane("watchlist", self.watchlist, Qt.RightDockWidgetArea)
        w.add_pane("chart", PlaceholderPane(self.bus, "chartPane", "chart"), Qt.RightDockWidgetArea)
        w.splitDockWidget(w.docks["article"], w.docks["heatmap"], Qt.Vertical)
        w.tabifyDockWidget(w.docks["heatmap"], w.docks["watchlist"])
        w.tabifyDockWidget(w.docks["watchlist"], w.docks["chart"])
        w.docks["watchlist"].raise_()
        self._reader_keys()
        w.refresh_requested.connect(self.refresh_now)
        w.settings_requested.connect(self.open_settings)
        w.import_requested.connect(self.import_opml)
        w.export_requested.connect(self.export_opml)
        self._restored = w.restore()
        if not self._restored:
            w.resize(1440, 900)
            w.resizeDocks([w.docks["news"], w.docks["article"]], [760, 680], Qt.Horizontal)
            w.resizeDocks([w.docks["article"], w.docks["heatmap"]], [540, 320], Qt.Vertical)
        view = self.restore_panes()
        self.loaded = False
        self.threads_stopped = True
        self.feed_thread = None      # PollerThread, from start_background()
        self.market_thread = None
        self._feed_check_ms = feed_check_ms
        # Paint first, then fill the panes from the database, then start the pollers (bench/startup.py).
        self._first_paint = FirstPaint(self.window, lambda: self.load_data(view, start_pollers))

    def load_data(self, view=None, start_pollers: bool = False) -> None:
        """Open the database on a worker (a first run creates it, an upgrade migrates it after a backup: that
        can take seconds and must not freeze the window), then fill the panes here."""
        if self.loaded or self._opening:
            return
        self._opening = True
        self._after_open = (view, start_pollers)
        self.tasks.run("open-database", lambda: self.core)

    def _database_open(self, error) -> None:
        self._opening = False
        if error is not None:
            # never a modal dialog: say it where the sources' health is shown, and keep the window
            from desktop.core.errors import DatabaseDamaged, ReadOnlyStore

            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "数据库无法打开：") + str(error))
            kind = ("damaged" if isinstance(error, DatabaseDamaged) else
                    "read_only" if isinstance(error, ReadOnlyStore) else "error")
            self.window.set_storage_state(kind, str(error) if kind != "damaged" else str(self.paths.db))
            log.error("database could not be opened: %s", error)
            return
        view, start_pollers = self._after_open
        if self.core.read_only:
            # show what is stored; fetch nothing (it could not be saved) and write nothing
            self.window.set_storage_state("read_only", str(self.paths.data_dir))
            start_pollers = False
        self.themes[:] = self.core.themes()
        if self.default_feeds and not self.core.read_only:
            from desktop.services.first_run import subscribe_defaults_once

            subscribe_defaults_once(self.core)
        if self.demo and not self.core.read_only:
            from desktop.services.first_run import seed_demo_news

            seed_demo_news(self.core, int(time.time()))   # before the panes load: they show it at once
        self.stock_names.update(self.reader.stock_names() or _bundled_names(self.core.resources))
        self.news.set_themes(self.themes)
        self.article.set_themes(self.themes)
        self.news.load(view)
        self.watchlist.load()
        self.loaded = True
        if start_pollers:
            self.start_background()

    def _reader_keys(self) -> None:
        """The reader's single-letter keys live on the main window: its shortcut context covers floating docks
        too, and a QLineEdit keeps letters for typing (ShortcutOverride)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        news, article = self.news, self.article
        for key, fn in (("J", news.next_article), ("K", news.previous_article), ("S", news.toggle_star),
                        ("M", news.toggle_read), ("/", news.focus_search), ("Shift+A", news.mark_all_read),
                        ("O", article.open_in_browser), ("Space", self._space)):
            QShortcut(QKeySequence(key), self.window, fn, context=Qt.WindowShortcut)

    def _space(self) -> None:
        from PySide6.QtWidgets import QAbstractButton, QApplication

        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton):
            focus.click()            # space on a focused button presses it, as everywhere else
        else:
            self.article.page_down_or_next()

    # -- data (after the first paint) ---------------------------------------------------------------------
    @property
    def core(self):
        """The database and services, opened on first use (after the paint, on a worker; see load_data).
        A lock, because the worker may be opening it while the GUI thread asks for it."""
        with self._core_lock:
            if self._core is None:
                from desktop.app import Core

                core = Core(self.paths, self.settings)
                core.writer.add_listener(self.relay)
                core.writer.add_health_listener(self.relay.health)
                self._core = core
            return self._core

    def _on_storage_health(self, state: str, message: str) -> None:
        """GUI thread: the writer found the disk full (fetching pauses: see FeedRefresher) or space is back."""
        self.window.set_storage_state("disk_full" if state == "disk_full" else "", str(self.paths.data_dir))

    def _on_committed(self, changes) -> None:
        if changes.stocks and self._core is not None:
            # new listings and renames from the live universe: rebuild the company-link dictionary (the parse
            # workers restart with it), and refresh the names panes show — off the GUI thread
            core = self._core
            self.tasks.run("stock-universe", lambda: (core.invalidate_tagger(), self.reader.stock_names())[1])

    def _on_task(self, kind: str, result, error) -> None:
        if kind == "open-database":
            self._database_open(error)
        elif kind == "stock-universe" and error is None and result:
            self.stock_names.update(result)
            self.news.model.clear_text_cache()

    def _make_reader(self):
        from desktop.services.reader import ReaderService

        return ReaderService(self.core.writer, self.paths.db)

    @staticmethod
    def tr_demo() -> str:
        return QCoreApplication.translate("GuiApp", "演示数据")

    @staticmethod
    def tr_replay() -> str:
        return QCoreApplication.translate("GuiApp", "回放数据")

    # -- background --------------------------------------------------------------------------------------
    def start_background(self, market: bool = True) -> None:
        from desktop.runtime.pollers import FeedPoller, MarketPoller, PollerThread  # after the first paint

        feed = FeedPoller(self.core.refresher, check_ms=self._feed_check_ms)
        feed.state_changed.connect(self.window.update_source)
        self.feed_thread = PollerThread(feed, "huohua-feed-poller")
        self.feed_thread.start()
        if not market:
            return
        poller = MarketPoller(self._market_service)
        poller.state_changed.connect(self.window.update_source)
        poller.phase_changed.connect(self.window.market_status.set_phase)
        poller.ready.connect(self._on_market_ready)
        self.market_thread = PollerThread(poller, "huohua-market-poller")
        self.market_thread.start()

    def _market_service(self):
        """Runs on the market poller's thread: the only place akshare and pandas get imported."""
        from desktop.services.market_service import MarketService
        from desktop.sources.market import make_source
        from desktop.sources.replay import replay_clock

        replay = self.replay_dir or (self.core.resources / "demo" if self.demo else None)
        source = make_source(replay_dir=replay, settings=self.settings, paced=self.paced and replay is not None)
        clock = replay_clock(source) if replay else None   # a recording is read as of when it was made
        return MarketService(source, self.core.writer, self.paths.db, self.settings, clock=clock)

    def _on_market_ready(self, service) -> None:
        """GUI thread: the service is published only once prepared (its calendar loaded on the poller)."""
        self.market_service = service
        self.watchlist.reload()

    def price_colors(self):
        from desktop.ui.style import price_colors

        return price_colors(self.settings["ui.colors"], self.settings["ui.theme"])

    def market_now(self) -> float:
        """The market clock: a replay's recorded time, else the computer's."""
        service = self.market_service
        return service.clock().timestamp() if service is not None else time.time()

    def stale_before(self) -> int:
        """Quotes fetched before this are stale. 0 (nothing is) until the market service is ready: the GUI
        thread must never load or wait for the trading calendar."""
        service = self.market_service
        if service is None or not service.calendar_loaded:
            return 0
        return service.stale_before()

    # -- menus -------------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.reader, self.paths, self.window)
        dialog.settings_changed.connect(self.apply_settings)
        dialog.feeds.feeds_changed.connect(self.news.refresh_sidebar)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        self.settings_dialog = dialog

    def apply_settings(self, keys: list) -> None:
        from PySide6.QtWidgets import QApplication

        from desktop.ui.style import apply_theme

        if "ui.theme" in keys:
            apply_theme(QApplication.instance(), self.settings["ui.theme"])
        if "ui.colors" in keys or "ui.theme" in keys:
            self.watchlist.recolor()
        if "ui.language" in keys:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "界面语言将在重启后生效"), 10_000)
        if "news.themes_file" in keys:
            self.themes[:] = self.core.themes()
            self.news.set_themes(self.themes)
            self.article.set_themes(self.themes)
            self.news.model.clear_text_cache()
            self.news.refresh_sidebar()
            core = self.core
            self.tasks.run("retag", core.invalidate_tagger)   # new articles get the new themes

    def import_opml(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("MainWindow", "导入 OPML"),
                                              "", "OPML (*.opml *.xml)")
        if path:
            self.import_opml_file(Path(path))

    def import_opml_file(self, path: Path) -> None:
        """Errors go to the status bar, never a modal; an invalid file imports nothing."""
        from desktop.core.errors import OpmlError
        from desktop.sources.opml import parse_opml
        from desktop.store.feeds import NewFeed

        status = self.window.statusBar()
        try:
            found = parse_opml(path.read_bytes(), self.settings["rsshub.base_url"])
        except (OSError, OpmlError) as exc:
            status.showMessage(QCoreApplication.translate("MainWindow", "导入失败：") + str(exc), 15_000)
            return
        interval = int(self.settings["feeds.interval_min"]) * 60
        ids, _ = self.reader.import_feeds([NewFeed(url=f.url, title=f.title, folder=f.folder, site_url=f.site_url,
                                                   interval_s=interval) for f in found]).result(30)
        status.showMessage(QCoreApplication.translate("MainWindow", "新导入的订阅源：%1").replace("%1", str(len(ids))), 10_000)
        self.news.refresh_sidebar()
        self.refresh_now()

    def export_opml(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from desktop.sources.opml import write_opml

        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("MainWindow", "导出 OPML"),
                                              "huohua.opml", "OPML (*.opml)")
        if not path:
            return
        try:
            Path(path).write_bytes(write_opml(self.reader.feeds(), self.settings["rsshub.base_url"]))
        except OSError as exc:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "导出失败：") + str(exc), 15_000)

    def refresh_now(self) -> None:
        if self.feed_thread is not None:
            from PySide6.QtCore import QMetaObject

            QMetaObject.invokeMethod(self.feed_thread.poller, "refresh_all", Qt.QueuedConnection)

    def search_stocks(self, text: str) -> list[tuple[str, str]]:
        try:
            from desktop.store.market_store import search_stocks

            found = search_stocks(self.reader.conn(), text, limit=12)
            if found:
                return [(s.code, s.name) for s in found]
        except Exception:  # the stock table may not exist or be seeded yet: fall back to names in memory
            pass
        t = text.upper()
        return [(c, n) for c, n in self.stock_names.items() if c.startswith(t) or t in n][:12]

    # -- layout ------------------------------------------------------------------------------------------
    def restore_panes(self) -> tuple[str, object] | None:
        """Splitter and column sizes now; returns the sidebar view to select once data is loaded."""
        s = self.window.window_state
        sizes = s.value("news/splitter")
        if sizes:
            self.news.splitter.restoreState(sizes)
        header = s.value("news/header")
        if header:
            self.news.table.horizontalHeader().restoreState(header)
        view = s.value("news/view")
        if isinstance(view, list) and len(view) == 2:
            kind, value = view
            return kind, int(value) if kind == "feed" else (value or None)
        return None

    def save_panes(self) -> None:
        s = self.window.window_state
        s.setValue("news/splitter", self.news.splitter.saveState())
        s.setValue("news/header", self.news.table.horizontalHeader().saveState())
        view = self.news.tree.current_view()
        if view:
            s.setValue("news/view", [view[0], "" if view[1] is None else str(view[1])])

    # -- lifecycle ---------------------------------------------------------------------------------------
    def show(self) -> None:
        self.window.show()

    def shutdown(self) -> None:
        """Save layout, stop pollers and tasks, close the writer — in that order."""
        self.save_panes()
        self.window.save()
        self.threads_stopped = all(t.stop() for t in (self.feed_thread, self.market_thread) if t is not None)
        self.tasks.shutdown()
        if self._core is not None:
            self._core.close()


def _bundled_names(resources: Path) -> dict[str, str]:
    import csv

    path = resources / "stocks" / "a_shares.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["code"]: row["name"] for row in csv.DictReader(fh)}

"""GuiApp: the composition of the windowed app — it builds and wires, nothing else.

Order: bus and commit relay → façades (reader, market view) → window and panes (one PANES table) → first paint
→ database opened on a worker → panes load → pollers start on their threads (docs/ARCHITECTURE.md draws it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer

from desktop.config import Paths, Settings, resources_dir
from desktop.gui_database import CoreHolder
from desktop.gui_panes import PANES as PANES  # the one table of panes (re-exported for tests)
from desktop.gui_panes import PaneSet
from desktop.runtime.background import Background
from desktop.runtime.bus import CommitRelay, SelectionBus
from desktop.runtime.tasks import TaskRunner
from desktop.services.images import ImageCache
from desktop.services.market_view import MarketView
from desktop.ui.feed_actions import FeedActions
from desktop.ui.main_window import MainWindow
from desktop.ui.pane import PaneContext
from desktop.ui.startup import FirstPaint, Lazy


class GuiApp(QObject):
    """A QObject so that worker-thread signals connected to its methods run on the GUI thread."""
    window: MainWindow
    panes: dict[str, Any]

    def __init__(self, paths: Paths, settings: Settings, *, replay_dir: Path | None = None, demo: bool = False,
                 start_pollers: bool = True, feed_check_ms: int = 30_000, default_feeds: bool = False,
                 paced: bool = False, throwaway: bool = False, paint_first: bool = False):
        super().__init__()
        self.paths, self.settings = paths, settings
        self.replay_dir, self.demo, self.paced = replay_dir, demo, paced
        self.throwaway = throwaway          # the data directory is deleted as the process ends (see shutdown)
        self.default_feeds = default_feeds
        self._feed_check_ms = feed_check_ms
        self.loaded = self.closed = False
        self.threads_stopped = True
        self.bus = SelectionBus()
        self.relay = CommitRelay()
        self.relay.committed.connect(self.bus.publish_changes)
        # the writer found the disk full (fetching pauses: see FeedRefresher) or space came back
        self.relay.health_changed.connect(lambda state, _m: self.window.set_storage_state(
            "disk_full" if state == "disk_full" else "", str(self.paths.data_dir)))
        self._holder = CoreHolder(paths, settings, self.relay, throwaway)   # opened on a worker after the paint
        self.bus.data_committed.connect(self._on_committed)
        self.tasks = TaskRunner()
        self._tasks = self.tasks.scope("app")
        self.reader = Lazy(self._make_reader)
        self.market = MarketView(paths.db, resources_dir())
        self.background = Background(self)
        label = (QCoreApplication.translate("GuiApp", "演示数据") if demo else
                 QCoreApplication.translate("GuiApp", "回放数据") if replay_dir else "")
        self.window = MainWindow(QSettings(str(paths.data_dir / "window.ini"), QSettings.Format.IniFormat), label,
                                 data_dir=str(paths.data_dir))
        self.ctx = PaneContext(self.bus, self.tasks, settings, self.reader, self.market, self.background.requests,
                               ImageCache(paths.image_cache), demo_label=label)
        from desktop.ui.widgets.index_strip import install_index_strip

        self.index_strip = install_index_strip(self.window, self.ctx)    # the indices and breadth, always in view
        self.bus.chart_requested.connect(lambda _code: self.window.bring_to_front("chart"))
        self.bus.news_requested.connect(lambda *_: self.window.bring_to_front("news"))    # 涨停 原因
        self.bus.feed_refresh_requested.connect(self._refresh_feed)
        self.alert_runner = None            # runtime.alert_runner.AlertRunner, once the database is open
        self.notifier = None
        settings.subscribe(self._apply_settings)          # app-wide first (theme, themes file), then the panes
        # every pane, docked (gui_panes.py); painting first, each is built after the first paint
        self.pane_set = PaneSet(self.window, self.ctx, settings, self.background, paint_first=paint_first)
        self.panes = self.pane_set.panes
        from desktop.ui.review_action import install_review_action

        self.review_action = install_review_action(self.window, self.ctx)     # 视图 → 复盘 (Ctrl+R)
        self.window.arrange_default()
        if not self.window.restore():
            self.window.size_default()
        for pane in self.panes.values():
            pane.restore_state(self.window.window_state)     # a deferred pane's, as it is built
        self.actions = FeedActions(self.window, self.ctx, lambda: self.core, paths,
                                   lambda: self.news.refresh_sidebar(), self.refresh_now)
        self.window.refresh_requested.connect(self.refresh_now)
        self.bus.status_message.connect(lambda text: self.window.statusBar().showMessage(text, 15_000))
        self.background.source_state.connect(self.window.update_source)
        self.background.feed_progress.connect(self.window.source_status.show_progress)
        self.background.phase.connect(self.window.market_status.set_phase)
        self.background.market_ready.connect(self._on_market_ready)
        self._start_pollers = start_pollers
        self._first_paint = FirstPaint(self.window, self.load_data)

    news = property(lambda self: self.panes["news"])        # (each built after the first paint, painting first)
    article = property(lambda self: self.panes["article"])
    watchlist = property(lambda self: self.panes["watchlist"])

    def build_deferred(self, all_now: bool = False) -> None:
        self.pane_set.build_deferred(all_now)

    # -- after the first paint ---------------------------------------------------------------------------
    def load_data(self) -> None:
        """Open the database on a worker (a first run creates it, an upgrade migrates it after a backup: that
        can take seconds and must not freeze the window), then fill the panes here."""
        if self.loaded:
            return
        QTimer.singleShot(0, self.window, self.build_deferred)         # not once the window is gone
        self._tasks.run("open-database", lambda _t: self._open_core(), self._database_open)

    def _open_core(self):
        from desktop.gui_database import prepare  # on the worker: a first run's feeds, the demo's content

        return prepare(self.core, demo=self.demo, default_feeds=self.default_feeds)

    @property
    def core(self):
        """The database and services, opened on first use (gui_database.CoreHolder)."""
        return self._holder.get()

    @property
    def _core(self):
        return self._holder.opened          # None until opened: never opens it

    def _database_open(self, _core, error) -> None:
        if self.closed:         # the window was closed while its database opened: nothing is shown or started
            return
        if error is not None:
            from desktop.gui_database import show_failure

            show_failure(self.window, self.background.requests, error, self.paths.db)
            return
        core = self.core
        writable = not core.read_only
        if not writable:   # show what is stored; fetch nothing (it could not be saved), write nothing
            self.window.set_storage_state("read_only", str(self.paths.data_dir))
            self.background.requests.refuse(str(core.writer.error))
        self.bus.announce_themes(core.themes())              # what the panes name things by, announced
        self.bus.announce_names(self.market.stock_names())
        self.window.has_cache = core.has_data()
        self.pane_set.load()                   # the panes still waiting are built first
        self.loaded = True
        from desktop.gui_database import show_last_round

        show_last_round(self.paths.db, self._tasks, self.window, self.background)      # the 资讯 indicator
        market = self.market       # the stock matcher (finder, search completion), built off the GUI thread
        self._tasks.run("stock-matcher", lambda _t: market.directory.matcher(), lambda *_: None)
        if writable:
            self._start_alerts(core)
        if self._start_pollers and writable:
            self.start_background()

    def _start_alerts(self, core) -> None:
        from desktop.gui_alerts import start_alerts

        replayed = bool(self.replay_dir or self.demo)
        source = "demo" if self.demo else "replay" if self.replay_dir else "live"
        self.alert_runner, self.notifier = start_alerts(
            core, self.paths.db, source, self.market.recorded_now if replayed else None, self.window,
            self.panes["alerts"], self.settings, self.relay, self)

    def _make_reader(self):
        from desktop.services.reader import ReaderService

        return ReaderService(self.core.writer, self.paths.db)

    def start_background(self, market: bool = True) -> None:
        if self.closed:        # the database opened after the window quit: nothing is started any more
            return
        from desktop.services.market_service import market_service_factory  # akshare waits for the worker

        core = self.core
        factory = market_service_factory(core, self.settings, self.replay_dir, self.demo, self.paced) \
            if market else None
        self.background.start(core.refresher, factory, feed_check_ms=self._feed_check_ms)
        self.threads_stopped = False

    feed_thread = property(lambda self: self.background.feed_thread)      # for tests and the self-test
    market_thread = property(lambda self: self.background.market_thread)
    market_service = property(lambda self: self.background.market_service)

    def refresh_now(self) -> None:
        self.background.refresh_now()

    def _refresh_feed(self, feed_id: int) -> None:
        """One feed now (the sidebar's 立即刷新): due at once, then the feed poller's next check, asked for now."""
        if self.reader.read_only:
            return
        self.reader.update_feed(feed_id, next_due=0).add_done_callback(lambda _f: self.background.check_now())

    # -- reacting ------------------------------------------------------------------------------------------
    def _on_market_ready(self, service) -> None:
        self.market.take_clock_from(service)
        self.core.use_flash_source(service.source.flash_news)    # 快讯 subscriptions: through the market source
        if self.demo and self._core is not None and not self._core.read_only:
            self.refresh_now()   # the demo's 快讯 at once (elsewhere the next feed check, ≤ 30 s, fetches them)
        self.bus.market_ready.emit()

    def _on_committed(self, changes) -> None:
        if changes.articles_added or changes.quotes:
            self.window.has_cache = True
        if changes.stocks and self._core is not None:     # new listings and renames from the live universe
            from desktop.gui_database import refresh_names

            refresh_names(self._core, self.market, self._tasks, self.bus)

    def _apply_settings(self, keys: frozenset[str]) -> None:
        """What is app-wide (the window's theme and language: MainWindow.apply_settings); each pane applies the
        rest itself (its apply_settings runs after this)."""
        self.window.apply_settings(keys, self.settings)
        if "news.themes_file" in keys and self._core is not None:
            core = self._core
            self.bus.announce_themes(core.themes())
            self._tasks.run("retag", lambda _t: core.invalidate_tagger(), lambda *_: None)   # new articles

    # -- lifecycle ---------------------------------------------------------------------------------------
    def show(self) -> None:
        self.window.show()

    def open_settings(self) -> None:
        self.actions.open_settings()

    settings_dialog = property(lambda self: self.actions.dialog)

    def shutdown(self) -> None:
        """Save layout, stop pollers and tasks, close the writer — in that order. Safe to call twice. A throw-away
        run (the demo's or a replay's directory, deleted as gui_main ends the process with os._exit) saves and
        waits for nothing — that work would only be deleted (bench/quit.py: quitting took up to 1.7 s) — and stops
        only what would speak up on the way out: the market source and the parse workers (CoreHolder.abandon)."""
        if self.closed:
            return
        self.closed = True
        if self.throwaway:
            if self.background.market_thread is not None:
                self.background.market_thread.poller.abort()
            self._holder.abandon()
            self.threads_stopped = False    # still running: gui_main must end the process with os._exit
            return
        for pane in self.panes.values():
            pane.save_state(self.window.window_state)
        self.window.save()
        for thread in (self.background.feed_thread, self.background.market_thread):
            if thread is not None:   # both at once: a poller stuck in a call never holds up the other's abort
                thread.poller.abort()
        self.threads_stopped = self.background.stop()
        if self.alert_runner is not None:
            self.alert_runner.close()
        self.tasks.shutdown()
        if self._core is not None:
            self._core.close()

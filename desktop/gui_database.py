"""The window's database, opened after the first paint on a worker: what a first run or the demo adds to it there,
and what the window shows when it cannot be opened (never a modal dialog: the status bar and the storage banner
say it, the market worker refuses requests with the same words, and the window stays up).

Composition only, like gui_app.py.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

log = logging.getLogger("desktop.gui_app")


def prepare(core: Any, *, demo: bool, default_feeds: bool) -> Any:
    """On the worker, once the database is open: a first run's default feeds (probing RSSHub takes up to 3 s), the
    demo's articles (parsed and tagged here, before the panes load, on the recording's day), its 快讯 subscriptions
    and its sample 持仓 (演示数据, never the user's)."""
    if not core.read_only and (demo or default_feeds):
        from desktop.services import first_run

        if default_feeds:
            first_run.subscribe_defaults_once(core)
        if demo:
            first_run.seed_demo_news(core)
            first_run.subscribe_demo_flash(core)
            first_run.seed_demo_positions(core.writer)
    return core


def show_failure(window: Any, requests: Any, error: BaseException, db: Path) -> None:
    """The database could not be opened: say why where the sources' health is shown, and keep the window."""
    from desktop.core.errors import DatabaseDamaged, ReadOnlyStore

    window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "数据库无法打开：") + str(error))
    kind = ("damaged" if isinstance(error, DatabaseDamaged) else
            "read_only" if isinstance(error, ReadOnlyStore) else "error")
    window.set_storage_state(kind, str(error) if kind != "damaged" else str(db))
    requests.refuse(str(error))
    log.error("database could not be opened: %s", error)


class CoreHolder:
    """The database and services (app.Core), opened on first use — from a worker after the first paint, or from
    the GUI thread asking first: a lock, since both may ask at once."""

    def __init__(self, paths: Any, settings: Any, relay: Any, throwaway: bool):
        self.paths, self.settings, self.relay, self.throwaway = paths, settings, relay, throwaway
        self.opened: Any = None
        self.closed = False
        self._lock = threading.Lock()

    def get(self) -> Any:
        with self._lock:
            if self.opened is None:
                if self.closed and self.throwaway:
                    # its directory is being deleted: opening the database would make it again (the writer
                    # creates the file and its folder)
                    raise RuntimeError("the window has closed; its throw-away database is not opened any more")
                from desktop.app import Core

                core = Core(self.paths, self.settings)
                core.writer.add_listener(self.relay)
                core.writer.add_health_listener(self.relay.health)
                self.opened = core
            return self.opened

    def abandon(self) -> None:
        """A throw-away run ends: a database being opened now is finished first, none is opened later, and only
        what would speak up on the way out is stopped, without waiting (the parse workers' semaphores)."""
        with self._lock:
            self.closed = True
            core = self.opened
        if core is not None:
            core.abandon()


def refresh_names(core: Any, market: Any, tasks: Any, bus: Any) -> None:
    """New listings or renames: the company-link dictionary rebuilt (the parse workers restart with it) and the
    names the panes show announced again — off the GUI thread."""
    market.directory.invalidate()

    def done(names: Any, error: Any) -> None:
        if error is None and names:
            bus.announce_names({**bus.stock_names, **names})

    tasks.run("stock-universe", lambda _t: (core.invalidate_tagger(), market.directory.matcher(),
                                           market.stock_names())[2], done)


def show_last_round(db: Path, tasks: Any, window: Any, background: Any) -> None:
    """The 资讯 indicator shows the last round's result at once, before any round of this run: derived from the
    feeds table (each feed's last_attempt/last_success/last_error) rather than a summary kept in `meta` — the
    table is written with every fetch, so it cannot go stale or disagree with the sidebar."""
    def summary(_task: Any) -> Any:
        from desktop.services.feed_refresh import (
            feeds_summary,  # on the task's thread, as the poller imports it
        )

        return feeds_summary(db)

    def done(st: Any, error: Any) -> None:
        if error is None and st.state != "idle" and window.source_idle("feeds"):
            background.source_state.emit(st)     # the status bar and the empty list, as a round does

    tasks.run("feeds-summary", summary, done)

"""The window's database, opened after the first paint on a worker: what a first run or the demo adds to it there,
and what the window shows when it cannot be opened (never a modal dialog: the status bar and the storage banner
say it, the market worker refuses requests with the same words, and the window stays up).

Composition only, like gui_app.py.
"""

from __future__ import annotations

import logging
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

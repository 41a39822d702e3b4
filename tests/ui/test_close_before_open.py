"""A window closed while its database is still opening (a slow migration, a first run's seeding) does nothing when
the database is ready: no pane loads on widgets already deleted, nothing starts, nothing is logged as failed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent

from desktop.gui_app import GuiApp


def test_a_window_closed_before_its_database_opened_stays_closed(paths, settings, qtbot, caplog):
    caplog.set_level(logging.WARNING)
    app = GuiApp(paths, settings, demo=True, start_pollers=False)
    app.load_data()                            # what the first paint does: the database opens on a worker
    app.shutdown()                             # … and the user quits before it is open
    app.window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    qtbot.waitUntil(lambda: app._holder.opened is not None, timeout=20_000)   # the worker finished opening it
    qtbot.wait(300)                            # its callback, queued to this thread, has run
    assert not app.loaded
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    app.tasks.shutdown()

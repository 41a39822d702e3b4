"""The window does not keep every module's source lines (issue 28): PySide6's import hook reads each module's
source after PySide is imported, and linecache kept them all (~8 MiB in the demo's window)."""

from __future__ import annotations

import linecache
import time

from PySide6.QtCore import QTimer


def test_source_lines_are_dropped_after_the_first_paint_and_again_later(qapp, monkeypatch):
    from desktop import gui_main

    linecache.getlines(gui_main.__file__)
    assert gui_main.__file__ in linecache.cache
    monkeypatch.setattr(gui_main, "LINECACHE_CLEAR_MS", 20)
    gui_main._drop_source_lines(qapp)
    assert gui_main.__file__ not in linecache.cache
    linecache.getlines(gui_main.__file__)                    # a module imported later (the chart's pyqtgraph)
    timers = [t for t in qapp.findChildren(QTimer) if t.interval() == 20 and t.isActive()]
    assert len(timers) == 1
    try:
        deadline = time.monotonic() + 5
        while gui_main.__file__ in linecache.cache and time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.01)
        assert gui_main.__file__ not in linecache.cache
    finally:
        timers[0].stop()
        timers[0].deleteLater()

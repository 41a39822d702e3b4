"""Start-up helpers: run something once the window has painted, and stand in for objects built later."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer


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
        if event.type() == QEvent.Type.Paint and not self._done:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if not self._done:
            self._done = True
            window = self.parent()
            assert window is not None        # made with the window as its parent
            window.removeEventFilter(self)
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

"""Background jobs for the UI: a thread pool where, per job kind, the latest request wins.

Why: on-demand work (load an article's images, a stock's history) must never run on the UI thread, and when
the user clicks through ten articles only the last answer matters. Results come back through a Qt signal to a
QObject on the GUI thread, tagged with the job's kind and generation so stale answers are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    finished = Signal(str, object, object)   # kind, result, error (exactly one of them is not None)

    def __init__(self, workers: int = 4, parent: QObject | None = None):
        super().__init__(parent)
        # 4 threads: on-demand jobs are I/O-bound (images, history) and few at a time.
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="huohua-task")
        self._generation: dict[str, int] = {}
        self._lock = threading.Lock()
        self._closed = False

    def run(self, kind: str, fn: Callable[[], Any]) -> Future:
        """Run `fn` off the UI thread; only the newest job of each `kind` reports back. After shutdown
        (late timers, last commits) jobs are dropped: the result is a cancelled future."""
        if self._closed:
            fut: Future = Future()
            fut.cancel()
            return fut
        with self._lock:
            gen = self._generation.get(kind, 0) + 1
            self._generation[kind] = gen

        def job() -> None:
            try:
                result, error = fn(), None
            except Exception as exc:  # reported, never raised into the pool
                log.debug("task %s failed", kind, exc_info=True)
                result, error = None, exc
            with self._lock:
                current = self._generation.get(kind) == gen
            if current:
                self.finished.emit(kind, result, error)

        return self._pool.submit(job)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)

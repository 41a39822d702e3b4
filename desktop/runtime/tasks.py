"""Background jobs for the UI, owned by whoever asked: `scope.run(key, fn, on_done)`.

Why: on-demand work (an article's images, a stock's history, sidebar counts) must never run on the UI thread,
and when the user clicks through ten articles only the last answer matters. Orange3's model:

- Each pane gets its own `TaskScope` (`tasks.scope("newsPane")`); keys are per scope, so two panes never
  collide and a result goes back only to the callback that asked for it — never broadcast.
- A newer request with the same key supersedes the older one: the older result is dropped and its
  `Task.cancelled` is set, so a function that checks it (or passes it on) can stop early.
- `fn(task)` runs on the pool; `on_done(result, error)` runs on the GUI thread (exactly one of the two is
  not None). `task.progress(fraction, text)` reaches `on_progress(fraction, text)` on the GUI thread.
- After `shutdown()` (late timers, last commits) new requests are dropped.

Why 4 threads: on-demand jobs are I/O-bound (images, database reads) and few at a time; a long one (a crawl)
belongs to the market worker, not here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], object]   # what it returns is not used
Progress = Callable[[float, str], None]


class Task:
    """Handed to the job: cancellation to check, progress to report."""

    def __init__(self, key: tuple[str, str], runner: TaskRunner, on_progress: Progress | None):
        self.key = key
        self.cancelled = threading.Event()
        self._runner = runner
        self._on_progress = on_progress

    def progress(self, fraction: float, text: str = "") -> None:
        """Any thread; delivered on the GUI thread to the caller's on_progress (if any and still current)."""
        if self._on_progress is not None and not self.cancelled.is_set():
            self._runner._progress.emit(self, fraction, text)


class TaskRunner(QObject):
    _done = Signal(object, object, object)          # Task, result, error — queued to the GUI thread
    _progress = Signal(object, float, str)          # Task, fraction, text

    def __init__(self, workers: int = 4, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="huohua-task")
        self._current: dict[tuple[str, str], Task] = {}
        self._callbacks: dict[Task, tuple[Done, Progress | None]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._done.connect(self._deliver)
        self._progress.connect(self._deliver_progress)

    def scope(self, owner: str) -> TaskScope:
        return TaskScope(self, owner)

    def run(self, owner: str, key: str, fn: Callable[[Task], Any], on_done: Done,
            on_progress: Progress | None = None) -> Future[None]:
        if self._closed:
            fut: Future[None] = Future()
            fut.cancel()
            return fut
        task = Task((owner, key), self, on_progress)
        with self._lock:
            older = self._current.get(task.key)
            if older is not None:
                older.cancelled.set()               # superseded: its result will be dropped
                self._callbacks.pop(older, None)
            self._current[task.key] = task
            self._callbacks[task] = (on_done, on_progress)

        def job() -> None:
            if task.cancelled.is_set():
                return
            try:
                result, error = fn(task), None
            except Exception as exc:  # reported to the caller, never raised into the pool
                log.debug("task %s/%s failed", owner, key, exc_info=True)
                result, error = None, exc
            if not task.cancelled.is_set():
                self._done.emit(task, result, error)

        try:
            return self._pool.submit(job)
        except RuntimeError:          # shutting down
            fut = Future()
            fut.cancel()
            return fut

    @Slot(object, object, object)
    def _deliver(self, task: Task, result: Any, error: BaseException | None) -> None:
        with self._lock:
            if self._current.get(task.key) is not task:
                return                               # superseded while it ran
            del self._current[task.key]
            on_done, _ = self._callbacks.pop(task, (None, None))
        if on_done is None or self._closed:
            return
        try:
            on_done(result, error)
        except Exception:   # a pane's bug must not break the runner
            log.exception("task %s/%s: on_done failed", *task.key)

    @Slot(object, float, str)
    def _deliver_progress(self, task: Task, fraction: float, text: str) -> None:
        with self._lock:
            current = self._current.get(task.key) is task
            _, on_progress = self._callbacks.get(task, (None, None))
        if current and on_progress is not None and not self._closed:
            on_progress(fraction, text)

    def cancel(self, owner: str, key: str) -> None:
        with self._lock:
            task = self._current.pop((owner, key), None)
            if task is not None:
                task.cancelled.set()
                self._callbacks.pop(task, None)

    def shutdown(self) -> None:
        self._closed = True
        with self._lock:
            for task in self._current.values():
                task.cancelled.set()
            self._current.clear()
            self._callbacks.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)


class TaskScope:
    """One owner's view of the runner: its keys, its callbacks."""

    def __init__(self, runner: TaskRunner, owner: str):
        self.runner = runner
        self.owner = owner

    def run(self, key: str, fn: Callable[[Task], Any], on_done: Done,
            on_progress: Progress | None = None) -> Future[None]:
        return self.runner.run(self.owner, key, fn, on_done, on_progress)

    def cancel(self, key: str) -> None:
        self.runner.cancel(self.owner, key)

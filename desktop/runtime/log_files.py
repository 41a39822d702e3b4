"""The log file's two guards (issue 24): a message repeated in a loop is written once a minute with a count of
the ones left out, and the file rotates by size while the app runs — a failure every 5 seconds once wrote
126 KB a minute into a file that rotated only at start-up.

Qt-free. The rotation is FileHandler's own, done here rather than with logging.handlers.RotatingFileHandler:
that module imports socket, pickle and queue (~8 ms) before the window's first paint (bench/startup.py).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPEAT_WINDOW_S = 60.0
MAX_LOG_BYTES = 5_000_000
LOG_BACKUPS = 3


class RepeatFilter(logging.Filter):
    """The same message (logger, level, text) at most once per `window_s`, from WARNING up; the next one let
    through after a pause says how many were left out ("[412 more in 60 s not logged]"). Tracebacks count by
    their message ("unhandled OverflowError"), so a loop of one failure writes one traceback a minute."""

    def __init__(self, window_s: float = REPEAT_WINDOW_S, level: int = logging.WARNING,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 1000):
        super().__init__()
        self.window_s = window_s
        self.level = level
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, int, str], list[float]] = {}   # key -> [when let through, left out since]

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < self.level:
            return True
        try:
            text = record.getMessage()
        except Exception:       # a bad format string: logging reports it itself
            return True
        key = (record.name, record.levelno, text)
        now = self._clock()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.window_s:
                seen[1] += 1
                return False
            left_out = int(seen[1]) if seen is not None else 0
            if len(self._seen) >= self._max_keys:
                self._prune(now)
            self._seen[key] = [now, 0]
        if left_out:
            span = f"{self.window_s:g} s"
            record.msg, record.args = f"{text} [{left_out} more in the last {span} not logged]", None
        return True

    def _prune(self, now: float) -> None:
        for key in [k for k, (t, n) in self._seen.items() if now - t >= self.window_s and not n]:
            del self._seen[key]
        while len(self._seen) >= self._max_keys:          # still full: the oldest go
            del self._seen[min(self._seen, key=lambda k: self._seen[k][0])]


class SizeRotatingFileHandler(logging.FileHandler):
    """A FileHandler that moves `path` to `path.1` (`.1` to `.2` …, keeping `backups`) before a record would
    take it past `max_bytes` — while running, not only at start-up. A rotation that fails (a read-only or full
    disk) leaves the current file in use."""

    def __init__(self, path: Path, max_bytes: int = MAX_LOG_BYTES, backups: int = LOG_BACKUPS):
        super().__init__(path, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = max(1, backups)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._too_big(record):
                self._rotate()
        except Exception:
            self.handleError(record)
        super().emit(record)

    def _too_big(self, record: logging.LogRecord) -> bool:
        if self.stream is None or self.max_bytes <= 0:
            return False
        self.stream.seek(0, os.SEEK_END)
        return self.stream.tell() + len(self.format(record).encode("utf-8")) + 1 > self.max_bytes

    def _rotate(self) -> None:
        base = Path(self.baseFilename)
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        try:
            for i in range(self.backups - 1, 0, -1):
                older = base.with_name(f"{base.name}.{i}")
                if older.exists():
                    older.replace(base.with_name(f"{base.name}.{i + 1}"))
            base.replace(base.with_name(f"{base.name}.1"))
        except OSError:
            pass                  # keep writing where we can
        self.stream = self._open()


def guard(handler: logging.Handler, **kw: Any) -> logging.Handler:
    """`handler` with a RepeatFilter (its own: each handler counts what it left out)."""
    handler.addFilter(RepeatFilter(**kw))
    return handler

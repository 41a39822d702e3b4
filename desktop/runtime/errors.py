"""Logging to a file and exception hooks: a failure in any thread is logged and shown without a modal."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

log = logging.getLogger("huohua")


MAX_LOG_BYTES = 2_000_000


def setup_logging(path: Path) -> str | None:
    """Log to `path`, keeping one previous file. (Rotation at start-up rather than RotatingFileHandler:
    logging.handlers pulls in socket, pickle and queue, ~15 ms before the first paint.)
    A log file that cannot be written (a read-only or full disk) never stops the app: logging goes to stderr
    and the reason is returned."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(path.suffix + ".1"))
    except OSError:
        pass
    try:
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        problem = None
    except OSError as exc:
        handler, problem = logging.StreamHandler(), f"cannot write the log file {path}: {exc.strerror or exc}"
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if problem:
        log.warning("%s; logging to stderr", problem)
    return problem


class _Notifier(QObject):
    # Emitted from any thread; the status bar lives on the GUI thread, so delivery is queued.
    message = Signal(str)


_notifier: _Notifier | None = None


def install_excepthooks(status_bar) -> None:
    """sys.excepthook and threading.excepthook: log the traceback, show one line in the status bar."""
    global _notifier
    _notifier = _Notifier()
    # a bound method of a GUI-thread object (a lambda would run on the emitting worker thread)
    _notifier.message.connect(status_bar.showMessage)

    def report(kind, value, tb) -> None:
        log.error("unhandled %s", kind.__name__, exc_info=(kind, value, tb))
        if _notifier is not None:
            text = QCoreApplication.translate("Errors", "内部错误（已记录到日志）：")
            _notifier.message.emit(f"{text}{kind.__name__}: {value}")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = report
    threading.excepthook = thread_hook


def format_exception(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))

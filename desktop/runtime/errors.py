"""Logging to a file and exception hooks: a failure in any thread is logged and shown without a modal."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.runtime.log_files import LOG_BACKUPS, MAX_LOG_BYTES, SizeRotatingFileHandler, guard

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QStatusBar

log = logging.getLogger("huohua")


def setup_logging(path: Path, *, max_bytes: int = MAX_LOG_BYTES, backups: int = LOG_BACKUPS) -> str | None:
    """Log to `path`, rotating by size while running (`path.1` … `path.3` kept, 5 MB each: runtime/log_files.py),
    with the same message written at most once a minute (a count of the ones left out follows).
    A log file that cannot be written (a read-only or full disk) never stops the app: logging goes to stderr
    and the reason is returned."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    try:
        handler: logging.Handler = SizeRotatingFileHandler(path, max_bytes, backups)
        problem = None
    except OSError as exc:
        handler, problem = logging.StreamHandler(), f"cannot write the log file {path}: {exc.strerror or exc}"
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    guard(handler)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    if problem:
        log.warning("%s; logging to stderr", problem)
    return problem


class _Notifier(QObject):
    """Emitted from any thread; the slot lives on the GUI thread, so delivery is queued. The first error of a
    run is shown in a dialog (what happened, where the log is, that the app goes on); later ones in the status
    bar only — a loop of failures must not bury the window under dialogs."""
    message = Signal(str)

    def __init__(self, status_bar: QStatusBar, log_path: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self.status_bar, self.log_path = status_bar, log_path
        self.dialog: QMessageBox | None = None   # the one dialog of this run (tests read it)
        self.shown = 0
        self.message.connect(self.show)

    def show(self, text: str) -> None:     # noqa: D401 - a Qt slot
        self.shown += 1
        self.status_bar.showMessage(text, 60_000)
        if self.dialog is not None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        where = str(self.log_path) if self.log_path else QCoreApplication.translate("Errors", "（无法写入日志文件）")
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Errors", "火花遇到了内部错误"),
                          QCoreApplication.translate("Errors", "出错的部分已停止，火花会继续运行，已保存的数据不受影响。"
                                                               "\n\n%1\n\n详细信息已记录到日志：\n%2")
                          .replace("%1", text).replace("%2", where),
                          QMessageBox.StandardButton.Ok, self.status_bar.window())
        box.setObjectName("crashDialog")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setWindowModality(Qt.WindowModality.NonModal)           # the app keeps running behind it (open() would be modal)
        box.show()
        self.dialog = box


_notifier: _Notifier | None = None


def install_excepthooks(status_bar: QStatusBar, log_path: Path | None = None) -> _Notifier:
    """sys.excepthook and threading.excepthook: log the traceback (the rotating log in the data directory),
    show the first error of the run in a dialog with the log's path, every one in the status bar."""
    global _notifier
    _notifier = _Notifier(status_bar, log_path, status_bar)

    def report(kind: type[BaseException], value: BaseException | None, tb: TracebackType | None) -> None:
        # a thread's exc_value may be None (threading's docs); logging formats that too, typeshed wants a value
        log.error("unhandled %s", kind.__name__, exc_info=(kind, value, tb))  # type: ignore[arg-type]
        if _notifier is not None:
            text = QCoreApplication.translate("Errors", "内部错误（已记录到日志）：")
            _notifier.message.emit(f"{text}{kind.__name__}: {value}")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = report
    threading.excepthook = thread_hook
    return _notifier


FAIL_JOB_ENV = "HUOHUA_TEST_FAIL_JOB"


def start_test_failure() -> None:
    """Tests and the bundle's smoke check only: with HUOHUA_TEST_FAIL_JOB=1 a background job fails on purpose
    once the window is up, to prove an uncaught error is logged, shown once, and survived."""
    def fail() -> None:
        raise RuntimeError(f"deliberate failure of a background job ({FAIL_JOB_ENV})")

    threading.Thread(target=fail, name="huohua-test-failure", daemon=True).start()


def format_exception(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))

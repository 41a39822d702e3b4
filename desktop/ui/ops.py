"""Every write the window asks of the database, and every background job whose failure the user must hear of,
goes through here (Anki's CollectionOp idea): a failure is never silent.

    ops.write(ctx, what, start, on_done=None)        start() -> the writer's Future (ReaderService.set_read …)
    ops.job(ctx, owner, key, what, fn, on_done=None) fn(task) on the task pool (ctx.tasks.scope(owner))

`what` names the operation in the interface's language ("添加 300750 到自选"). `on_done(result, error)` runs on
the GUI thread; when it returns True it has dealt with the error itself. Otherwise a failure is logged (ERROR:
the operation and the error; the traceback at DEBUG) and said on the bus (`bus.status_message`, shown in the
status bar) in plain words: "保存失败：添加 300750 到自选 —— 数据目录只读，无法保存。换一个可写的数据目录…".
A write refused because the window is quitting (the writer closed) is neither: nothing is left to tell.

Why a Future and not a task for writes: the writer answers within milliseconds; waiting on a pool thread for
each star or read mark would hold one of the four threads that images and history need.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from desktop.core.errors import WriterClosed
from desktop.ui import error_text

log = logging.getLogger(__name__)

Done = Callable[[Any, BaseException | None], Any]   # returns True when it handled the error itself


class _Relay(QObject):
    """Carries a finished write from the writer's thread to the GUI thread (a queued signal: the relay lives
    here, built by the first write, which the GUI thread asks for)."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._run)

    @Slot(object)
    def _run(self, fn: Callable[[], None]) -> None:
        fn()


_relay: list[_Relay] = []


def write(ctx, what: str, start: Callable[[], Future], on_done: Done | None = None) -> None:
    """Submit a write (`start()` returns the writer's Future); its outcome reaches `on_done` on the GUI thread."""
    try:
        future = start()
    except Exception as exc:        # the writer refused it outright (closed): said like any other failure
        finish(ctx, what, None, exc, on_done, saving=True)
        return
    if not _relay:
        _relay.append(_Relay())
    relay = _relay[0]

    def resolved(f: Future) -> None:          # on the writer's thread: hand it on, nothing else
        error = f.exception()
        relay.finished.emit(lambda: finish(ctx, what, None if error else f.result(), error, on_done, saving=True))

    future.add_done_callback(resolved)


def job(ctx, owner: str, key: str, what: str, fn: Callable[[Any], Any], on_done: Done | None = None) -> Future:
    """Run `fn(task)` on `owner`'s task scope (a newer job with the same key supersedes it, as tasks.run does)."""
    return ctx.tasks.scope(owner).run(key, fn, lambda result, error: finish(ctx, what, result, error, on_done))


def finish(ctx, what: str, result: Any, error: BaseException | None, on_done: Done | None,
           saving: bool = False) -> None:
    """The caller's callback first; an error it did not handle is logged and said."""
    handled = False
    if on_done is not None:
        try:
            handled = on_done(result, error) is True
        except Exception:   # a pane's bug must not hide the write's own failure
            log.exception("%s: the callback failed", what)
    if error is None or handled:
        return
    if isinstance(error, WriterClosed):
        log.info("%s: not done, the window is quitting (%s)", what, error)
        return
    log.error("%s failed: %s: %s", what, type(error).__name__, error)
    log.debug("%s failed", what, exc_info=(type(error), error, error.__traceback__))
    ctx.bus.status_message.emit(message(what, error, saving))


def message(what: str, error: BaseException, saving: bool = True) -> str:
    """"保存失败：添加 300750 到自选 —— 数据目录只读，无法保存。换一个可写的数据目录…" in the interface's language."""
    happened, do = error_text.explain_write(error)
    text = (QCoreApplication.translate("UiOps", "保存失败：%1 —— %2。%3") if saving else
            QCoreApplication.translate("UiOps", "未完成：%1 —— %2。%3"))
    words = {"1": what, "2": happened, "3": do}
    return re.sub(r"%([123])", lambda m: words[m.group(1)], text)     # one pass: a name holding "%2" stays as is

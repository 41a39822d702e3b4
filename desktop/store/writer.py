"""The single writer: one thread owns the only read-write connection and applies operations in batches.

Why one writer: SQLite allows one writer at a time; funnelling every write through one thread means no
"database is locked" surprises, batches commits (one fsync for many small writes) and gives a single place
that knows what changed. An operation is a function `op(conn) -> Changes | None`; each runs inside its own
SAVEPOINT so one failing operation never rolls back its neighbours in the batch.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Protocol, TypeVar

from desktop.core.changes import Changes
from desktop.core.errors import DiskFullError, StoreError, WriterClosed
from desktop.core.priority import lower_this_thread
from desktop.store import schema
from desktop.store.db import connect_rw
from desktop.store.health import classify

log = logging.getLogger(__name__)

Op = Callable[[sqlite3.Connection], Any]
T = TypeVar("T")


class Writes(Protocol):
    """What the services ask of a writer: this module's Writer, or store/readonly's stand-in on a read-only
    database."""

    def submit(self, op: Callable[[sqlite3.Connection], T]) -> Future[T]: ...

    def call(self, op: Callable[[sqlite3.Connection], T], timeout: float | None = ...) -> T: ...

_STOP = object()
MAX_BATCH = 256          # operations per transaction
MAX_BATCH_SECONDS = 0.25  # never hold a transaction open longer than this while more work queues


def _log_failed(op: Op, exc: BaseException, typed: BaseException) -> None:
    """One operation failed (its caller gets the error through its future): a line in the log whoever the caller
    is, so a caller that drops the future still leaves a trace. A storage failure (full, read-only, damaged) is
    said once by the health listeners and the caller: a full disk fails every op of a batch, one line each would
    flood the log."""
    name = getattr(op, "__qualname__", None) or repr(op)
    if typed is not exc:
        log.debug("write %s failed: %s", name, typed)
    else:
        log.warning("write %s failed: %s: %s", name, type(exc).__name__, exc)
        log.debug("write %s failed", name, exc_info=(type(exc), exc, exc.__traceback__))


class Writer:
    read_only = False

    def __init__(self, db_path: Path, backup_dir: Path | None = None):
        self.db_path = db_path
        self.backup_dir = backup_dir
        self._queue: queue.Queue[Any] = queue.Queue()
        self._listeners: list[Callable[[Changes], None]] = []
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="huohua-writer", daemon=True)
        self._closing = False
        self.backups: list[Path] = []
        self.health = "ok"       # "ok" | "disk_full": the last write's verdict on the storage
        self._health_listeners: list[Callable[[str, str], None]] = []

    # -- lifecycle ---------------------------------------------------------------------------------------
    def start(self) -> Writer:
        self._thread.start()
        self._ready.wait()
        if self._start_error is not None:
            raise self._start_error
        return self

    def close(self, timeout: float = 30.0) -> None:
        """Finish every queued operation, commit, and stop the thread."""
        self._closing = True
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)
        self._fail_pending()

    @property
    def closed(self) -> bool:
        """True once close() began: no further write is accepted."""
        return self._closing

    def _fail_pending(self) -> None:
        """Operations that raced the close never run: fail them so nobody waits forever on their future."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP and not item[1].done():
                item[1].set_exception(WriterClosed("the database writer closed before this write"))

    def __enter__(self) -> Writer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- API ---------------------------------------------------------------------------------------------
    def add_listener(self, fn: Callable[[Changes], None]) -> None:
        """`fn(changes)` runs on the writer thread after each commit; it must only hand the value on."""
        self._listeners.append(fn)

    def add_health_listener(self, fn: Callable[[str, str], None]) -> None:
        """`fn(health, message)` runs on the writer thread when the storage turns full or recovers."""
        self._health_listeners.append(fn)

    def _set_health(self, health: str, message: str = "") -> None:
        if health == self.health:
            return
        self.health = health
        # INFO: the log file has it; the CLI and the window say it once in their own words
        if health == "disk_full":
            log.info("disk full: %s", message)
        else:
            log.info("disk space is back: writing again")
        for fn in self._health_listeners:
            try:
                fn(health, message)
            except Exception:
                log.exception("writer health listener failed")

    def probe_space(self, timeout: float = 10.0) -> bool:
        """After a full disk: try a write that needs fresh space (64 KiB, undone in the same transaction).
        True, and health back to "ok", if it went through."""
        def probe(conn: sqlite3.Connection) -> None:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('space-probe', zeroblob(65536))")
            conn.execute("DELETE FROM meta WHERE key = 'space-probe'")

        try:
            self.call(probe, timeout)
        except DiskFullError:
            return False
        self._set_health("ok")
        return True

    def submit(self, op: Callable[[sqlite3.Connection], T]) -> Future[T]:
        """`op` run in the writer's next transaction; the future gets what it returns (a Changes, or a value with
        its Changes), or its exception."""
        if self._closing or not self._thread.is_alive():
            raise WriterClosed("the database writer is closed")
        fut: Future[Any] = Future()
        self._queue.put((op, fut))
        return fut

    def call(self, op: Callable[[sqlite3.Connection], T], timeout: float | None = 60.0) -> T:
        """Submit and wait until the operation is committed; re-raises its exception."""
        return self.submit(op).result(timeout)

    # -- thread ------------------------------------------------------------------------------------------
    def _run(self) -> None:
        lower_this_thread()   # writing is background work: the window's thread comes first
        try:
            conn = connect_rw(self.db_path)
            before = schema.current_version(conn)
            self.backups = schema.migrate(conn, self.db_path, self.backup_dir)
            if schema.current_version(conn) != before:
                schema.verify(conn)   # after creating or upgrading only: sqlite-utils costs 0.3 s to import
        except BaseException as exc:  # reported to start(), which re-raises in the caller's thread
            typed = exc if isinstance(exc, StoreError) else classify(exc, self.db_path)
            self._start_error = typed or StoreError(f"cannot open database {self.db_path}: {exc}")
            self._ready.set()
            return
        self._ready.set()
        stopping = False
        try:
            while not stopping:
                item = self._queue.get()
                if item is _STOP:
                    break
                batch = [item]
                deadline = time.monotonic() + MAX_BATCH_SECONDS
                while len(batch) < MAX_BATCH and time.monotonic() < deadline:
                    try:
                        nxt = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if nxt is _STOP:
                        stopping = True
                        break
                    batch.append(nxt)
                self._apply(conn, batch)
        finally:
            try:
                conn.execute("PRAGMA optimize")
            except sqlite3.DatabaseError:
                pass
            conn.close()

    def _apply(self, conn: sqlite3.Connection, batch: list[tuple[Op, Future[Any]]]) -> None:
        batch = [(op, fut) for op, fut in batch if fut.set_running_or_notify_cancel()]
        failed: dict[int, BaseException] = {}    # index in batch → the op's own error
        while True:
            outcome = self._transaction(conn, batch, failed)
            if outcome is None:
                break                 # committed
            if isinstance(outcome, int):
                continue              # op `outcome` took the whole transaction down (SQLITE_FULL does): rerun
            err = outcome             # the transaction itself failed (COMMIT, BEGIN): every op fails with it
            if isinstance(err, DiskFullError):
                self._set_health("disk_full", str(err))
            for _op, fut in batch:
                if not fut.done():
                    fut.set_exception(err)
            return
        full = next((e for e in failed.values() if isinstance(e, DiskFullError)), None)
        if full is not None:          # before the futures resolve: a caller woken by one sees the health
            self._set_health("disk_full", str(full))
        changes = Changes()
        for i, (_op, fut) in enumerate(batch):
            if i in failed:
                fut.set_exception(failed[i])
                continue
            value = self._values[i]
            if isinstance(value, Changes):
                changes.merge(value)
            elif isinstance(value, tuple) and value and isinstance(value[-1], Changes):
                changes.merge(value[-1])
            fut.set_result(value)
        if changes:
            for fn in self._listeners:
                try:
                    fn(changes)
                except Exception:  # a listener's bug must not stop the writer
                    log.exception("writer listener failed")

    def _transaction(self, conn: sqlite3.Connection, batch: list[tuple[Op, Future[Any]]],
                     failed: dict[int, BaseException]) -> int | BaseException | None:
        """One attempt at the batch, skipping ops already failed. None: committed (values in self._values);
        an index: that op failed and SQLite rolled the whole transaction back with it (a full disk does), so
        the rest must run again without it; an exception: the transaction itself failed."""
        self._values: dict[int, Any] = {}
        try:
            conn.execute("BEGIN IMMEDIATE")
            for i, (op, _fut) in enumerate(batch):
                if i in failed:
                    continue
                conn.execute("SAVEPOINT op")
                try:
                    self._values[i] = op(conn)
                except BaseException as exc:  # the op's own failure: undo only this op
                    failed[i] = classify(exc, self.db_path) or exc
                    _log_failed(op, exc, failed[i])
                    if not conn.in_transaction:
                        return i
                    conn.execute("ROLLBACK TO op")
                    conn.execute("RELEASE op")
                    continue
                conn.execute("RELEASE op")
            conn.execute("COMMIT")
            return None
        except sqlite3.DatabaseError as exc:
            typed = classify(exc, self.db_path)
            if typed is None:
                log.exception("writer batch failed")
            try:
                conn.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
            return typed or StoreError(f"database write failed: {exc}")

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
from typing import Any

from desktop.core.changes import Changes
from desktop.core.errors import StoreError
from desktop.core.priority import lower_this_thread
from desktop.store import schema
from desktop.store.db import connect_rw

log = logging.getLogger(__name__)

Op = Callable[[sqlite3.Connection], Any]
_STOP = object()
MAX_BATCH = 256          # operations per transaction
MAX_BATCH_SECONDS = 0.25  # never hold a transaction open longer than this while more work queues


class Writer:
    def __init__(self, db_path: Path, backup_dir: Path | None = None):
        self.db_path = db_path
        self.backup_dir = backup_dir
        self._queue: queue.Queue = queue.Queue()
        self._listeners: list[Callable[[Changes], None]] = []
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="huohua-writer", daemon=True)
        self._closing = False
        self.backups: list[Path] = []

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

    def _fail_pending(self) -> None:
        """Operations that raced the close never run: fail them so nobody waits forever on their future."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP and not item[1].done():
                item[1].set_exception(StoreError("the database writer closed before this write"))

    def __enter__(self) -> Writer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- API ---------------------------------------------------------------------------------------------
    def add_listener(self, fn: Callable[[Changes], None]) -> None:
        """`fn(changes)` runs on the writer thread after each commit; it must only hand the value on."""
        self._listeners.append(fn)

    def submit(self, op: Op) -> Future:
        if self._closing or not self._thread.is_alive():
            raise StoreError("the database writer is closed")
        fut: Future = Future()
        self._queue.put((op, fut))
        return fut

    def call(self, op: Op, timeout: float | None = 60.0) -> Any:
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
            self._start_error = exc if isinstance(exc, StoreError) else StoreError(str(exc))
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

    def _apply(self, conn: sqlite3.Connection, batch: list[tuple[Op, Future]]) -> None:
        changes = Changes()
        results: list[tuple[Future, Any, BaseException | None]] = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for op, fut in batch:
                if not fut.set_running_or_notify_cancel():
                    continue
                conn.execute("SAVEPOINT op")
                try:
                    value = op(conn)
                except BaseException as exc:  # the op's own failure: undo only this op
                    conn.execute("ROLLBACK TO op")
                    conn.execute("RELEASE op")
                    results.append((fut, None, exc))
                    continue
                conn.execute("RELEASE op")
                if isinstance(value, Changes):
                    changes.merge(value)
                elif isinstance(value, tuple) and value and isinstance(value[-1], Changes):
                    changes.merge(value[-1])
                results.append((fut, value, None))
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            log.exception("writer batch failed")
            try:
                conn.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass
            err = StoreError(f"database write failed: {exc}")
            for _op, fut in batch:
                if not fut.done():
                    fut.set_exception(err)
            return
        for fut, value, exc in results:
            if exc is not None:
                fut.set_exception(exc)
            else:
                fut.set_result(value)
        if changes:
            for fn in self._listeners:
                try:
                    fn(changes)
                except Exception:  # a listener's bug must not stop the writer
                    log.exception("writer listener failed")

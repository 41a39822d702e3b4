"""A read-only data directory (a read-only mount, a backup on a DVD, a permissions mistake).

Reading must still work and say why nothing can be saved. `ReadOnlyWriter` stands where the `Writer` would:
every write fails at once with the same `ReadOnlyStore` message, so callers need no second code path; the UI
asks `read_only` to disable what writes and to show the banner.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from desktop.core.errors import ReadOnlyStore, StoreError
from desktop.store import schema
from desktop.store.db import connect_ro
from desktop.store.health import read_only, writable_dir


def is_read_only(data_dir: Path, db: Path) -> bool:
    """True when nothing can be written: the directory refuses a new file or the database refuses writing."""
    if not data_dir.exists():
        return False
    if not writable_dir(data_dir):
        return True
    if db.exists():
        try:
            os.close(os.open(db, os.O_RDWR))
        except OSError:
            return True
    return False


class ReadOnlyWriter:
    read_only = True
    health = "read_only"      # never "disk_full": the refresher does not probe it

    def __init__(self, db_path: Path, detail: str = ""):
        self.db_path = db_path
        self.backups: list[Path] = []
        self.error = read_only(db_path, detail)

    def start(self) -> ReadOnlyWriter:
        """Checks that there is a database to read, at the schema this version reads (it cannot migrate)."""
        if not self.db_path.exists():
            raise ReadOnlyStore(f"{self.error} — and there is no database in it yet")
        conn = connect_ro(self.db_path)
        try:
            version = schema.current_version(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read database {self.db_path}: {exc}") from exc
        finally:
            conn.close()
        if version != schema.LATEST:
            raise ReadOnlyStore(f"{self.error} — and its database (schema v{version}) needs an upgrade to "
                                f"v{schema.LATEST}, which cannot be written")
        return self

    def close(self, timeout: float = 0.0) -> None:
        pass

    def add_listener(self, fn: Callable[[Any], None]) -> None:
        pass

    def add_health_listener(self, fn: Callable[[str, str], None]) -> None:
        pass

    def probe_space(self, timeout: float = 0.0) -> bool:
        return False

    def submit(self, op: Callable[[sqlite3.Connection], Any]) -> Future[Any]:
        fut: Future[Any] = Future()
        fut.set_exception(self.error)
        return fut

    def call(self, op: Callable[[sqlite3.Connection], Any], timeout: float | None = None) -> Any:
        raise self.error

    def __enter__(self) -> ReadOnlyWriter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        pass

"""Opening SQLite connections: one read-write connection (the writer's), any number of read-only ones."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.core.errors import StoreError
from desktop.store.health import classify

BUSY_TIMEOUT_MS = 5000


def connect_rw(path: Path) -> sqlite3.Connection:
    """The read-write connection. Create it in the thread that will use it (the writer thread)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=True)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"{path}: cannot switch to WAL journal (got {mode})")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        return conn
    except (sqlite3.DatabaseError, OSError) as exc:
        raise classify(exc, path) or StoreError(f"cannot open database {path}: {exc}") from exc


def connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection for queries; safe beside the writer thanks to WAL."""
    if not path.exists():
        raise StoreError(f"database {path} does not exist yet")
    try:
        try:
            conn = _open_ro(f"file:{path}?mode=ro")
        except sqlite3.OperationalError:
            # A WAL database on read-only storage: without a -shm file SQLite cannot open it read-only,
            # "immutable" can (safe: nobody can write there). With a -wal file left over, mode=ro works.
            if Path(f"{path}-wal").exists():
                raise
            conn = _open_ro(f"file:{path}?mode=ro&immutable=1")
        return conn
    except sqlite3.DatabaseError as exc:
        raise classify(exc, path) or StoreError(f"cannot open database {path}: {exc}") from exc


def _open_ro(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only=ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()   # "not a database" shows here, not at open
    except BaseException:
        conn.close()
        raise
    return conn


def escape_like(text: str) -> str:
    """`text` as a literal inside a LIKE pattern (use with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# A list of values as ONE bound parameter: `… WHERE code IN (SELECT value FROM json_each(?))` with `as_list(codes)`.
# The statement text never depends on the list (no "?,?,?" built per call) and no list is too long for it
# (SQLite caps bound variables at 32,766; json_each has no such limit).
IN_LIST = "SELECT value FROM json_each(?)"


def as_list(values: Iterable[Any]) -> str:
    """`values` as the JSON array IN_LIST binds (strings and numbers)."""
    return json.dumps(list(values), ensure_ascii=False)


def inserted_id(cur: sqlite3.Cursor) -> int:
    """The id of the row the INSERT on `cur` added (sqlite3 types lastrowid Optional: None only before any)."""
    rid = cur.lastrowid
    if rid is None:
        raise sqlite3.InterfaceError("no row was inserted")
    return rid


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version the file records (schema.py's migrations set it)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def table_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])


def holds_data(conn: sqlite3.Connection) -> bool:
    """Anything stored to show: an article or a quote."""
    return bool(conn.execute("SELECT EXISTS(SELECT 1 FROM articles) OR EXISTS(SELECT 1 FROM quotes)").fetchone()[0])

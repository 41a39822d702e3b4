"""What a storage failure means for the user: a full disk, a damaged file, a read-only directory.

SQLite reports all three as `sqlite3.DatabaseError`s with an error code; the rest of the app needs to know
which (to pause fetching, to point at `huohua db recover`, to open read-only) and to say it in plain words.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from desktop.core.errors import DatabaseDamaged, DiskFullError, ReadOnlyStore, StoreError

LOW_SPACE_BYTES = 1 << 20     # under 1 MiB free, an I/O error on write is a full disk


def classify(exc: BaseException, path: Path) -> StoreError | None:
    """The typed error for a storage failure, or None when it is something else (a bug, a constraint)."""
    if isinstance(exc, StoreError) and type(exc) is not StoreError:
        return exc
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return disk_full(path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(path, str(exc))
        return None
    if not isinstance(exc, sqlite3.DatabaseError):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return disk_full(path)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in text \
            or "not a database" in text:
        return damaged(path, str(exc))
    if code == sqlite3.SQLITE_READONLY or "readonly database" in text:
        return read_only(path, str(exc))
    if code == sqlite3.SQLITE_IOERR and free_bytes(path) < LOW_SPACE_BYTES:
        return disk_full(path)
    return None


def disk_full(path: Path) -> DiskFullError:
    return DiskFullError(f"the disk holding {path.parent} is full: new data cannot be saved (nothing stored "
                         "was lost). Free some space; fetching resumes by itself")


def damaged(path: Path, detail: str) -> DatabaseDamaged:
    return DatabaseDamaged(f"the database {path} is damaged ({detail}). Run `huohua db check` to see what is "
                           "wrong and `huohua db recover` to save what can be read into a new file (the damaged "
                           "one is kept)")


def read_only(path: Path, detail: str = "") -> ReadOnlyStore:
    extra = f" ({detail})" if detail else ""
    return ReadOnlyStore(f"the data directory {path.parent} is read-only{extra}: showing what is stored, "
                         "nothing new can be saved. Use a writable directory (--data-dir or HUOHUA_DATA_DIR)")


def free_bytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path.parent if path.parent.exists() else Path.cwd()).free
    except OSError:
        return 1 << 62


def writable_dir(directory: Path) -> bool:
    """True if files can be created in `directory` (a real probe: root ignores permission bits, a read-only
    mount does not)."""
    probe = directory / f".huohua-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    except FileExistsError:
        return True
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
    return True

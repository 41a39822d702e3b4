"""Files we write must read back: every file Huohua writes for the user (settings.toml, OPML and CSV exports)
goes to a temporary name beside it, is flushed to the disk, read back and checked by the caller's own reader,
and only then renamed over the old file. A crash, a full disk or a writer bug leaves the old file as it was and
no temporary file behind (docs/RELIABILITY.md, "Files we write")."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def write_verified(path: Path, data: bytes, verify: Callable[[bytes], None],
                   before_replace: Callable[[], None] | None = None) -> None:
    """Write `data` to `path` through a temporary file: `verify(what_was_read_back)` raises when it is not
    right, and then `path` is untouched. `before_replace` runs just before the rename (settings move an
    unreadable file aside there). OSError when the file cannot be written. A symbolic link stays one: the
    file it points to is replaced.

    A target that exists and is not a regular file (/dev/stdout, a pipe) is written directly: there is
    nothing to rename over, nor anything to read back."""
    path = Path(path)
    if path.exists() and not path.is_file():    # /dev/stdout, a pipe (both through links, too)
        with open(path, "wb") as fh:
            fh.write(data)
        return
    if path.is_symlink():                   # a dotfile kept elsewhere: replace the file, keep the link
        path = path.resolve()
    tmp = _create_beside(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        verify(tmp.read_bytes())
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _create_beside(path: Path) -> Path:
    """A new, empty file `.NAME.PID.N.tmp` beside `path` (created exclusively: never another's; its mode is the
    process's default, as the file itself would get)."""
    for n in range(1000):
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{n}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")

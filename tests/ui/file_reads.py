"""Watch a file for reads with Linux inotify (ctypes, no dependency): did any code — Qt's C++ included — open it?"""

from __future__ import annotations

import ctypes
import os
import sys

IN_ACCESS, IN_OPEN, IN_NONBLOCK = 0x1, 0x20, 0o4000


class FileReads:
    def __init__(self, path: str):
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(IN_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        if self._libc.inotify_add_watch(self.fd, os.fsencode(path), IN_OPEN | IN_ACCESS) < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {path}")

    def count(self) -> int:
        """Events since the last call (each inotify_event is 16 bytes plus a name, empty for a file watch)."""
        n = 0
        while True:
            try:
                data = os.read(self.fd, 4096)
            except BlockingIOError:
                return n
            n += len(data) // 16

    def close(self) -> None:
        os.close(self.fd)


available = sys.platform.startswith("linux")

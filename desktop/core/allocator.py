"""The C allocator's two knobs that the window and the market process turn (glibc; elsewhere they do nothing).

Why (docs/PERFORMANCE.md, "The allocator"): most of each process's memory is malloc's, not Python's objects.
glibc gives every thread that allocates its own arena (up to 8 per core), and memory freed in an arena stays
with it: the window's dozen threads (tasks, writer, market answers, alerts) and the market process's call
threads each kept a few MiB that no one used again, and the market process's grew by ~3 MiB per 10 minutes
of refreshes (fragmentation across its call threads, "The soak"). Two arenas serve our threads as fast (they
mostly wait on the network, the disk or the GIL); trimming hands freed pages back to the system.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

ARENAS = 2
_M_ARENA_MAX = -8          # mallopt's parameter number (glibc's malloc.h)
_libc: ctypes.CDLL | bool | None = None      # None: not looked for yet; False: no glibc here


def _glibc() -> ctypes.CDLL | None:
    global _libc
    if _libc is None:
        _libc = False
        if sys.platform.startswith("linux"):
            try:
                lib = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
                if hasattr(lib, "mallopt") and hasattr(lib, "malloc_trim"):
                    _libc = lib
            except OSError:
                pass
    return _libc if isinstance(_libc, ctypes.CDLL) else None


def limit_arenas(n: int = ARENAS) -> bool:
    """At most `n` malloc arenas from now on. Call before the process starts its threads: a thread that
    already has an arena keeps it. True when the allocator took it (glibc)."""
    lib = _glibc()
    return bool(lib is not None and lib.mallopt(_M_ARENA_MAX, n) == 1)


def trim() -> bool:
    """Give the pages malloc holds free back to the system (every arena). A few ms for a 200 MiB process.
    True when memory was released."""
    lib = _glibc()
    return bool(lib is not None and lib.malloc_trim(0) == 1)

"""core/allocator.py: the window and the market process cap glibc's malloc arenas before their threads start
(each thread otherwise got its own, and kept what it freed: docs/PERFORMANCE.md "The allocator")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Eight threads allocate at the same time (as the market process's call threads do); malloc_stats() then
# prints one "Arena N:" block per arena on stderr.
CHILD = r"""
import sys, threading, ctypes
from desktop.core import allocator
if sys.argv[1] == "limit":
    assert allocator.limit_arenas()
start = threading.Barrier(8)
def work():
    start.wait()
    keep = [bytearray(2000) for _ in range(20000)]
    start.wait()
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
assert allocator.trim() in (True, False)
ctypes.CDLL(None).malloc_stats()
"""


def arenas(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", CHILD, mode], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stderr.count("Arena ")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's knobs")
def test_the_arenas_are_capped_for_threads_started_afterwards():
    assert arenas("free") > 2            # the default: one per thread (up to 8 per core)
    assert arenas("limit") <= 2


def test_the_knobs_do_nothing_where_there_is_no_glibc(monkeypatch):
    from desktop.core import allocator

    monkeypatch.setattr(allocator, "_libc", False)
    assert allocator.limit_arenas() is False
    assert allocator.trim() is False

"""Real storage faults for tests: a tiny tmpfs (a full disk) and a read-only bind mount.

Both need mount(2), which root has on this project's Linux machines (CI runs as root); elsewhere the tests that
use them are skipped, never faked.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


def _run(*cmd: str) -> bool:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _need_mount() -> None:
    if not sys.platform.startswith("linux") or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount a test filesystem")


@contextlib.contextmanager
def tmpfs(path: Path, size: str = "5M") -> Iterator[Path]:
    """A filesystem of `size` at `path`: writes past it fail with ENOSPC, as on a full disk."""
    _need_mount()
    path.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)):
        pytest.skip("mount -t tmpfs is not permitted here")
    try:
        yield path
    finally:
        _run("umount", "-l", str(path))


@contextlib.contextmanager
def read_only(source: Path, at: Path) -> Iterator[Path]:
    """`source` seen read-only at `at` (a bind mount remounted ro: EROFS even for root)."""
    _need_mount()
    at.mkdir(parents=True, exist_ok=True)
    if not (_run("mount", "--bind", str(source), str(at)) and _run("mount", "-o", "remount,bind,ro", str(at))):
        _run("umount", "-l", str(at))
        pytest.skip("bind mounts are not permitted here")
    try:
        yield at
    finally:
        _run("umount", "-l", str(at))

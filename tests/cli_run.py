"""Run the real `huohua` command in a subprocess, the way a user's shell does (no inherited config dir)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.procs import ROOT, child_env


def huohua(data_dir: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """At the test's pinned instant (HUOHUA_NOW, set by tests/conftest.py)."""
    env = child_env()
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)

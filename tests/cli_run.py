"""Run the real `huohua` command in a subprocess, the way a user's shell does (no inherited config dir)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def huohua(data_dir: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "TQDM_DISABLE": "1", "PYTHONPATH": str(ROOT)}
    env.pop("HUOHUA_CONFIG_DIR", None)
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)

"""Child processes in tests: the environment they get, and ending them whatever happened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def child_env(*, drop: tuple[str, ...] = ("HUOHUA_CONFIG_DIR",), **extra: str) -> dict[str, str]:
    """os.environ (HUOHUA_NOW included: the child runs at the test's instant) with the repository first on
    PYTHONPATH, keeping what was there (scripts/clock_matrix.py puts its wall-clock shim there)."""
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update({"TQDM_DISABLE": "1", **extra})          # `extra` wins over `drop`
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *[p for p in [os.environ.get("PYTHONPATH", "")] if p]])
    return env


def end(proc: subprocess.Popen, grace_s: float = 10.0) -> int | None:
    """SIGTERM, then SIGKILL after `grace_s`: the process is gone when this returns."""
    if proc.poll() is None:
        try:
            proc.terminate()
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    return proc.returncode


def _children(pid: int) -> list[tuple[int, str]]:
    """Running (not zombie) children of `pid`, with their command lines (Linux /proc; elsewhere none)."""
    out = []
    proc = Path("/proc")
    if not proc.is_dir():
        return out
    for d in proc.iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            if int(ppid) != pid or state == "Z":
                continue
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, ValueError, IndexError):
            continue
        out.append((int(d.name), cmd))
    return out


def end_left_children() -> list[str]:
    """Children of this process still running, each ended (SIGKILL); their descriptions. multiprocessing's
    resource tracker is Python's own (it lives as long as its parent) and is not counted."""
    left = []
    for pid, cmd in _children(os.getpid()):
        if "multiprocessing.resource_tracker" in cmd or "multiprocessing.forkserver" in cmd:
            continue
        left.append(f"{pid} {cmd[:120]}")
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return left


if __name__ == "__main__":      # python -m tests.procs: what would be reported now (for debugging)
    print(end_left_children() if len(sys.argv) > 1 else _children(os.getppid()))

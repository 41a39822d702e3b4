"""One window per data directory (issue 21; desktop/runtime/single_instance.py), with real processes offscreen:
a second `huohua` on the same data directory brings the first window to the front and exits 0; a socket left by
a crashed run does not stop the next start; a start during the first one's start-up waits for it.

The windows here are real ones on a real data directory, so they must reach no network: the data directory has
its own feed (on 127.0.0.1, so the first run subscribes nothing), the instant is a Saturday night (no market
polling), and every HTTP client in the child is pointed at a closed port on 127.0.0.1 anyway."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_run import huohua
from tests.procs import ROOT, child_env

pytestmark = pytest.mark.now("2026-12-05 22:00")      # a Saturday night: the market is closed
NOWHERE = "http://127.0.0.1:9"                          # the discard port: refused at once


def _env(run: Path) -> dict[str, str]:
    proxies = {k: NOWHERE for k in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                     "all_proxy")}
    return child_env(QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(run), TMPDIR=str(run),
                     NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", **proxies)


def _data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    done = huohua(data, "feeds", "add", f"{NOWHERE}/mine.xml")
    assert done.returncode == 0, done.stderr
    return data.resolve()


def _window(spawn, data: Path, env: dict[str, str], log: Path):
    return spawn([sys.executable, "-m", "desktop", "--data-dir", str(data), "--lang", "en"], cwd=ROOT, env=env,
                 stdout=subprocess.DEVNULL, stderr=log.open("w"))


def _second(data: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(data), "--lang", "en"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=90)


def _serving(guard, proc, log: Path, within: float = 90) -> int:
    """Wait until the window answers on its guard (after its first paint): the pid it says."""
    from desktop.runtime.single_instance import ask_to_raise

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the first window ended ({proc.returncode}): {log.read_text()[-2000:]}"
        pid = ask_to_raise(guard.name, timeout_ms=1000)
        if pid is not None:
            return pid
        time.sleep(0.2)
    raise AssertionError(f"the first window never answered: {log.read_text()[-2000:]}")


def test_a_second_start_brings_the_first_window_forward_and_exits_0(tmp_path, spawn):
    from desktop.runtime.single_instance import guard_for

    run = tmp_path / "run"
    run.mkdir()
    data, env = _data_dir(tmp_path), _env(run)
    guard = guard_for(data, env=env)
    log = tmp_path / "first.log"
    first = _window(spawn, data, env, log)
    assert _serving(guard, first, log) == first.pid
    started = time.monotonic()
    second = _second(data, env)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == (f"huohua is already running on this data directory (process {first.pid}, "
                                     f"{data}): its window was brought to the front.")
    assert time.monotonic() - started < 30
    assert first.poll() is None                                       # the first window goes on
    # the CLI is not guarded: it runs beside the window
    assert huohua(data, "feeds", "list").returncode == 0
    # another data directory is another window
    other = guard_for(tmp_path / "other", env=env)
    assert other.name != guard.name and other.try_lock()
    other.release()
    if sys.platform != "win32":               # (Windows has no SIGTERM: the spawn fixture ends it there)
        first.send_signal(signal.SIGTERM)
        assert first.wait(60) == 128 + signal.SIGTERM
        assert not Path(guard.name).exists()                           # the socket goes with the window


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe ends with its process: nothing stale on Windows")
def test_a_crashed_runs_socket_does_not_stop_the_next_start(tmp_path, spawn):
    """The socket file of a run that was killed is still there (no one is listening); the next window starts,
    takes the name over, and a start made while it is still starting waits for it and then raises it."""
    from desktop.runtime.single_instance import guard_for

    run = tmp_path / "run"
    run.mkdir()
    data, env = _data_dir(tmp_path), _env(run)
    guard = guard_for(data, env=env)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(guard.name)                    # bound, never listening, closed: what a SIGKILLed window leaves
    stale.close()
    assert Path(guard.name).exists()
    log = tmp_path / "first.log"
    first = _window(spawn, data, env, log)
    deadline = time.monotonic() + 30          # the lock is taken first thing: then start the second at once
    while guard.holder() != first.pid:
        assert first.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
        time.sleep(0.02)
    second = _second(data, env)               # the first is still starting: the second waits for its answer
    assert second.returncode == 0, second.stderr
    assert f"(process {first.pid}, " in second.stdout
    assert first.poll() is None

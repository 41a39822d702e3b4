"""Killing huohua leaves no processes behind, and SIGTERM/SIGINT end it cleanly.

The scenario: `huohua fetch --once --all` with enough feeds that parsing runs in worker processes (spawned,
plus multiprocessing's resource tracker), two feeds answered at once (so both workers exist and have parsed
something) and the rest stalled by the server, so the round is still running when the signal lands.
Children are found through /proc (their PPid is the fetch process), hence Linux only.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.news import feedgen

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="children are found via /proc")

FAST, SLOW = 2, 4           # ≥ 4 feeds in all: the refresher starts the parse workers
WORKERS = 2                 # feeds.parse_processes


# -- a feed server that answers some feeds at once and holds the others -------------------------------------
class _Server:
    def __init__(self) -> None:
        self.release = threading.Event()   # set: the held feeds answer
        bodies = {f"/fast{i}.xml": feedgen.rss(feedgen.items(20, prefix=f"快{i}新闻", host=f"http://f{i}.example"))
                  for i in range(FAST)}
        bodies |= {f"/slow{i}.xml": feedgen.rss(feedgen.items(5, prefix=f"慢{i}新闻", host=f"http://s{i}.example"))
                   for i in range(SLOW)}
        release = self.release

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                body = bodies.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                if self.path.startswith("/slow"):
                    release.wait(45)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:   # the client was killed meanwhile
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.urls = [f"http://127.0.0.1:{self.httpd.server_address[1]}{p}" for p in bodies]

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = _Server()
    yield s
    s.close()


# -- /proc ----------------------------------------------------------------------------------------------------
def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, ppid, start time) of a process, None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = raw.rsplit(")", 1)[1].split()   # the command name may hold spaces and parentheses
    return fields[0], int(fields[1]), int(fields[19])


def _children(ppid: int) -> dict[int, tuple[int, str]]:
    """pid → (start time, command line) of the live children of `ppid`."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        st = _stat(pid)
        if st is None or st[1] != ppid or st[0] == "Z":
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found[pid] = (st[2], cmd)
    return found


def _alive(pid: int, started: int) -> bool:
    # A zombie has exited (a container's init may not reap it); another start time is a reused pid.
    st = _stat(pid)
    return st is not None and st[0] != "Z" and st[2] == started


def _survivors(children: dict[int, tuple[int, str]], within: float) -> dict[int, str]:
    deadline = time.monotonic() + within
    while True:
        left = {pid: cmd for pid, (started, cmd) in children.items() if _alive(pid, started)}
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


# -- the fetch process ----------------------------------------------------------------------------------------
def _start_fetch(tmp_path: Path, server: _Server, spawn):
    data = tmp_path / "data"
    env = {**os.environ, "HUOHUA_CONFIG_DIR": "", "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    run = [sys.executable, "-m", "desktop", "--data-dir", str(data)]
    opml = tmp_path / "feeds.opml"
    outlines = "".join(f'<outline type="rss" text="f{i}" xmlUrl="{u}"/>' for i, u in enumerate(server.urls))
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>',
                    encoding="utf-8")
    subprocess.run(run + ["feeds", "import", str(opml)], check=True, env=env, capture_output=True, timeout=30)
    (data / "settings.toml").write_text(f"[feeds]\nparse_processes = {WORKERS}\nconcurrency = 8\ntimeout_s = 40\n",
                                        encoding="utf-8")
    # Files, not pipes: with pipes, reading the output would also wait for every orphan holding them.
    out, err = (tmp_path / "stdout.txt").open("wb"), (tmp_path / "stderr.txt").open("wb")
    proc = spawn(run + ["fetch", "--once", "--all"], env=env, stdout=out, stderr=err)
    out.close()
    err.close()
    return proc, data / "huohua.sqlite3"


def _wait_for_workers(proc: subprocess.Popen, db: Path) -> dict[int, tuple[int, str]]:
    """Until both workers have parsed the fast feeds (their articles are committed) and the tracker runs."""
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the fetch ended before the stalled feeds answered"
        children = _children(proc.pid)
        workers = [p for p, (_, cmd) in children.items() if "spawn_main" in cmd]
        tracker = [p for p, (_, cmd) in children.items() if "resource_tracker" in cmd]
        if len(workers) == WORKERS and tracker and _fast_feeds_committed(db):
            return children
        time.sleep(0.1)
    raise AssertionError(f"parse workers never started: {_children(proc.pid)}")


def _fast_feeds_committed(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            n = conn.execute("SELECT count(DISTINCT feed_id) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return n >= FAST


def _stderr(tmp_path: Path) -> str:
    return (tmp_path / "stderr.txt").read_text(encoding="utf-8", errors="replace")


# -- tests ----------------------------------------------------------------------------------------------------
@pytest.mark.timeout(60)
def test_sigkill_leaves_no_children(tmp_path, server, spawn):
    proc, db = _start_fetch(tmp_path, server, spawn)
    children = {}
    try:
        children = _wait_for_workers(proc, db)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        # The parse workers notice their parent's death; the resource tracker then reads EOF and ends too.
        assert _survivors(children, within=10) == {}
    finally:
        _cleanup(proc, children)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"])
def test_signal_shuts_down_cleanly(tmp_path, server, sig, code, spawn):
    """The servers still answer: the process winds down in order (the `with` blocks close the pool and the
    writer) and exits with 128 + the signal, a one-line message and no traceback."""
    proc, db = _start_fetch(tmp_path, server, spawn)
    children = {}
    try:
        children = _wait_for_workers(proc, db)
        os.kill(proc.pid, sig)
        time.sleep(0.5)
        server.release.set()    # the held feeds answer now: nothing blocks the orderly shutdown
        assert proc.wait(15) == code
        err = _stderr(tmp_path)
        assert "Traceback" not in err
        assert "interrupted" in err
        assert "exiting now" not in err            # not the forced exit: the orderly one
        assert _survivors(children, within=10) == {}
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    finally:
        _cleanup(proc, children)


@pytest.mark.timeout(60)
def test_sigterm_with_a_server_that_never_answers(tmp_path, server, spawn):
    """A stalled server cannot hold a terminated process (its fetches would wait for feeds.timeout_s, 40 s
    here): after a short grace period it exits anyway, and its children with it."""
    proc, db = _start_fetch(tmp_path, server, spawn)
    children = {}
    try:
        children = _wait_for_workers(proc, db)
        sent = time.monotonic()
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(20) == 143
        assert time.monotonic() - sent < 12
        err = _stderr(tmp_path)
        assert "Traceback" not in err
        assert _survivors(children, within=10) == {}
    finally:
        _cleanup(proc, children)


def _cleanup(proc: subprocess.Popen, children: dict[int, tuple[int, str]]) -> None:
    """Whatever a failing test left running goes, so one failure does not leak processes into the next."""
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)
    for pid, (started, _) in children.items():
        if _alive(pid, started):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.mark.timeout(60)
def test_gui_quits_on_sigterm(tmp_path):
    """install_quit_on_signals: a signal reaches a Qt event loop that runs no Python code, and ends it."""
    script = (
        "import os, signal, sys\n"
        "from PySide6.QtCore import QCoreApplication, QTimer\n"
        "from desktop.runtime.signals import install_quit_on_signals\n"
        "app = QCoreApplication(sys.argv[:1])\n"
        "install_quit_on_signals(app)\n"
        "QTimer.singleShot(300, lambda: os.kill(os.getpid(), signal.SIGTERM))\n"
        "QTimer.singleShot(20000, lambda: app.exit(99))   # the handler failed: end the test anyway\n"
        "sys.exit(app.exec())\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=40,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 143, done.stderr
    assert "Traceback" not in done.stderr

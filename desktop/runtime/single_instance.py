"""One window per data directory: a second `huohua` on the same data directory brings the first one's window to
the front and exits 0, instead of opening a second window on the same database.

The guard, per user and data directory (`guard_for`):

- a lock file, `huohua-<user>-<key>.lock`, held (flock; on Windows msvcrt.locking) for as long as the window's
  process lives. The operating system lets go of it when the process ends, however it ends, so a crash never
  leaves a stale lock. It is taken first thing in `run_gui`, before Qt is imported: a start that finds it free
  costs an open() and a lock (about a millisecond with this module's import) and never imports QtNetwork
  before the first paint. The file stays when the window ends (a few bytes): deleting it would race with a start
  that has just opened it, and two processes could then each lock a file of their own.
- a QLocalServer named `huohua-<user>-<key>` (a Unix socket beside the lock file; on Windows a named pipe,
  `\\\\.\\pipe\\huohua-<user>-<key>`, readable by this user only), opened after the first paint (`serve`). Asked
  "raise", it brings the window to the front and answers "raised <pid>".

`<key>` is a hash of the resolved data directory (case-folded on Windows and macOS, whose file systems ignore
case); `<user>` the user id (Unix) or name (Windows). The directory is $XDG_RUNTIME_DIR (Linux: per user, mode
0700), else $TMPDIR (macOS: per user), else the system's temporary directory; Windows: %TEMP%.

A start that finds the lock held (`start`) asks the holder to raise its window; the holder may still be starting
(its server opens after its first paint), so it asks again until WAIT_S have passed, taking the lock itself if
the holder ends meanwhile (a window that was just closed). A socket file left by a crashed run is stale by
construction — whoever holds the lock removes it before listening.

Only the window is guarded: the CLI may run beside it (SQLite and the single writer handle that). Demo and replay
runs use throw-away data directories and are not guarded at all. Should the lock file be impossible to make (no
writable temporary directory), the window starts unguarded.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING  # typing is loaded by then anyway (site imports it): this costs nothing

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from PySide6.QtNetwork import QLocalServer, QLocalSocket

# Few imports at the top: once PySide6 is loaded (as in bench/startup.py), each import statement costs ~0.2 ms
# through its import hook, and the free-lock path needs none of logging, time or typing's classes.

WAIT_S = 30.0          # how long a second start waits for the first window to answer (it may still be starting)
ANSWER_MS = 3000       # how long one ask waits for "raised" (the first window's event loop may be busy)
RAISE = b"raise\n"
RAISED = b"raised"


def _key(data_dir: Path, platform: str) -> str:
    """64-bit FNV-1a of the directory's path, in hex: a name, not a secret (and no hashlib import, ~2 ms)."""
    text = str(data_dir)
    if platform in ("win32", "darwin"):       # NTFS and APFS/HFS+ (as shipped) ignore case
        text = text.casefold()
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8", "surrogatepass"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def _user(platform: str, env: Mapping[str, str]) -> str:
    if platform == "win32":
        name = env.get("USERNAME") or "user"
        return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:40]
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else "user"


def runtime_dir(platform: str = sys.platform, env: Mapping[str, str] | None = None) -> Path:
    """Where the lock file (and, on Unix, the socket) lives: a per-user directory where there is one."""
    env = os.environ if env is None else env
    if platform == "win32":
        for var in ("TEMP", "TMP"):
            if env.get(var):
                return Path(env[var])
        return Path(env.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "Temp"
    if platform.startswith("linux") and env.get("XDG_RUNTIME_DIR") and Path(env["XDG_RUNTIME_DIR"]).is_dir():
        return Path(env["XDG_RUNTIME_DIR"])
    return Path(env.get("TMPDIR") or "/tmp")


SUN_PATH_MAX = 103     # a Unix socket's path: 104 bytes with the NUL on macOS (108 on Linux)


class Guard:
    """The guard of one data directory: `name` is the QLocalServer's (a socket path on Unix, a pipe name on
    Windows), `lock_path` the lock file. `held` once this process holds the lock. (A plain class: a dataclass
    costs ~0.5 ms to define, and this module is imported before the first paint.)"""

    def __init__(self, name: str, lock_path: Path, platform: str = sys.platform):
        self.name, self.lock_path, self.platform = name, lock_path, platform
        self._fd: int | None = None
        self.server: QLocalServer | None = None          # once serving

    def __repr__(self) -> str:
        return f"Guard({self.name!r}, held={self.held})"

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_lock(self) -> bool:
        """Take the lock if it is free (and write this process's id into the file); False if another holds it.
        OSError when the lock file cannot be made at all."""
        if self._fd is not None:
            return True
        # O_NOFOLLOW: in a shared /tmp, another user's symlink must not make this truncate one of our files;
        # O_BINARY: Windows' text mode would turn the pid's \n into \r\n
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(self.lock_path, flags, 0o600)
        try:
            if self.platform == "win32":
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                # raises OSError when another process holds it (typeshed declares msvcrt's functions only when
                # checking for Windows, and self.platform is not sys.platform to mypy)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        try:                                   # for the message of a start that gets no answer
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        self._fd = fd
        return True

    def holder(self) -> int | None:
        """The process id written by the lock's holder (None if unreadable: Windows keeps a locked byte closed)."""
        try:
            return int(self.lock_path.read_text(encoding="ascii").split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def stop_serving(self) -> None:
        """The window is quitting: no more answers (a start now waits for the lock, which goes with the
        process, and then opens its own window)."""
        server, self.server = self.server, None
        if server is not None:
            server.close()                     # removes the socket file on Unix

    def release(self) -> None:
        """Stop serving and let go of the lock (the process ending does both anyway)."""
        self.stop_serving()
        if self._fd is not None:
            try:
                os.close(self._fd)
            finally:
                self._fd = None

    def serve(self, on_raise: Callable[[], object]) -> bool:
        """Answer later starts: "raise" → `on_raise()` (on the GUI thread), then "raised <pid>". Call it once the
        window is shown (after the first paint: QtNetwork is ~10 ms of imports), with the lock held. A stale
        socket file (a crashed run's) is removed first: whoever holds the lock owns the name. False, and the
        lock let go (so that later starts do not wait for an answer that cannot come), if it cannot listen."""
        if not self.held:
            return False
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer()
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)
        if not server.listen(self.name):
            import logging

            logging.getLogger(__name__).warning("one-window guard: cannot listen on %s (%s); a second start will open a second window",
                        self.name, server.errorString())
            self.release()
            return False
        self.server = server
        keep: set[QLocalSocket] = set()        # connections being answered (Python keeps their wrappers)

        def answer(conn: QLocalSocket) -> None:
            if not conn.canReadLine():
                return
            # QByteArray has the buffer protocol; PySide6's stubs do not say so
            line = bytes(conn.readLine()).strip()  # type: ignore[call-overload]
            if line == RAISE.strip():
                try:
                    on_raise()
                finally:
                    conn.write(RAISED + f" {os.getpid()}\n".encode())
                    conn.flush()
            conn.disconnectFromServer()

        def accept() -> None:
            while server.hasPendingConnections():
                conn = server.nextPendingConnection()
                keep.add(conn)
                conn.readyRead.connect(lambda c=conn: answer(c))
                conn.disconnected.connect(lambda c=conn: _forget(keep, c))
                answer(conn)                   # the request may be here already

        server.newConnection.connect(accept)
        return True


def _forget(keep: set[QLocalSocket], conn: QLocalSocket) -> None:
    keep.discard(conn)
    conn.deleteLater()


def guard_for(data_dir: Path, *, platform: str = sys.platform, env: Mapping[str, str] | None = None) -> Guard:
    """The guard of `data_dir` (already resolved, as config.resolve_paths gives it) for this user."""
    env = os.environ if env is None else env
    base = f"huohua-{_user(platform, env)}-{_key(data_dir, platform)}"
    folder = runtime_dir(platform, env)
    if platform == "win32":
        return Guard(base, folder / f"{base}.lock", platform)
    sock = folder / f"{base}.sock"
    if len(os.fsencode(str(sock))) > SUN_PATH_MAX:    # a deep $TMPDIR: a socket path that long cannot be bound
        folder = Path("/tmp")
        sock = folder / f"{base}.sock"
    return Guard(str(sock), folder / f"{base}.lock", platform)


def ask_to_raise(name: str, *, platform: str = sys.platform, timeout_ms: int = ANSWER_MS) -> int | None:
    """Ask the window serving `name` to come to the front: its process id once it says it did, else None."""
    from PySide6.QtNetwork import QLocalSocket  # works without a QCoreApplication (the blocking calls)

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(min(timeout_ms, 500)):
        return None
    if platform == "win32":
        # Windows lets only the foreground process hand the foreground on: this one (the user just started it)
        # allows the first window's process to take it, or its window would only flash in the task bar.
        try:
            import ctypes

            # ASFW_ANY (typeshed declares windll only when checking for Windows)
            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined,unused-ignore]
        except (ImportError, AttributeError, OSError):
            pass
    sock.write(RAISE)
    sock.flush()
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    reply = b""
    while b"\n" not in reply and time.monotonic() < deadline:
        if not sock.waitForReadyRead(max(1, int((deadline - time.monotonic()) * 1000))):
            break
        reply += bytes(sock.readAll())  # type: ignore[call-overload]  # QByteArray has the buffer protocol
    sock.abort()
    words = reply.split()
    if len(words) == 2 and words[0] == RAISED and words[1].isdigit():
        return int(words[1])
    return None


class Outcome:
    """What `start` found: `guard` held (this process is the window: serve it after the first paint);
    `raised` the first window's process id (say so and exit 0); `unanswered` the lock's holder did not answer
    within the wait (`waited_for` its process id, when readable); none of these: start unguarded."""

    def __init__(self, guard: Guard | None = None, raised: int | None = None, waited_for: int | None = None,
                 unanswered: bool = False):
        self.guard, self.raised, self.waited_for, self.unanswered = guard, raised, waited_for, unanswered


def start(data_dir: Path, *, platform: str = sys.platform, env: Mapping[str, str] | None = None,
          wait_s: float = WAIT_S) -> Outcome:
    """The guard's check at the window's start (before Qt is imported: a free lock costs no more)."""
    guard = guard_for(data_dir, platform=platform, env=env)
    try:
        if guard.try_lock():
            return Outcome(guard=guard)
    except OSError as exc:
        import logging

        logging.getLogger(__name__).info("one-window guard off: cannot make %s (%s)", guard.lock_path, exc)
        return Outcome()
    import time

    deadline = time.monotonic() + wait_s
    while True:
        pid = ask_to_raise(guard.name, platform=platform)
        if pid is not None:
            return Outcome(raised=pid)
        try:
            if guard.try_lock():                # the holder has ended (or was just closing): this is the window now
                return Outcome(guard=guard)
        except OSError:
            return Outcome()
        if time.monotonic() >= deadline:
            return Outcome(waited_for=guard.holder(), unanswered=True)
        time.sleep(0.1)


TEXT = {
    "zh_CN": {"raised": "火花已在运行（进程 {pid}，数据目录 {dir}）：已把它的窗口调到最前。",
              "unanswered": "火花已在运行（进程 {pid}，数据目录 {dir}），但 {s:g} 秒内没有回应；"
                            "稍后再试，或结束那个进程。"},
    "en": {"raised": "huohua is already running on this data directory (process {pid}, {dir}): "
                     "its window was brought to the front.",
           "unanswered": "huohua is already running on this data directory (process {pid}, {dir}) but did not "
                         "answer within {s:g} s; try again in a moment, or end that process."},
}


def message(outcome: Outcome, data_dir: Path, lang: str, wait_s: float = WAIT_S) -> str:
    """The one line a second start prints (stdout when raised, stderr when unanswered)."""
    t = TEXT.get(lang, TEXT["zh_CN"])
    if outcome.raised is not None:
        return t["raised"].format(pid=outcome.raised, dir=data_dir)
    pid = outcome.waited_for if outcome.waited_for is not None else "?"
    return t["unanswered"].format(pid=pid, dir=data_dir, s=wait_s)

"""SIGTERM and SIGINT end huohua the way closing it does: in order, then within a bounded time.

Why this exists: SIGTERM's default action killed the process on the spot, so no `with` block closed the parse
pool or the writer (the workers now also follow a dead parent on their own, see services.parse_pool), and
the GUI ignored both signals for as long as Qt's event loop ran no Python code.

CLI (`install_cli_handlers`): both signals raise KeyboardInterrupt in the main thread, so the `with` blocks
close the pool, the writer and temporary directories; `__main__` turns it into a one-line message and exit
code 128 + the signal (130 for SIGINT, 143 for SIGTERM). Unwinding waits for fetches already in flight, and a
feed server that never answers would hold it for feeds.timeout_s and longer, so a watchdog thread ends the
process after GRACE_S, or at once on a second signal. That is safe: every write is an SQLite transaction (a
cut-off one rolls back) and the parse workers exit when their parent does.

GUI (`install_quit_on_signals`): a Python signal handler only runs when the interpreter gets control, which
inside `app.exec()` may be never. `signal.set_wakeup_fd` makes the C-level handler write the signal number to
a socket that a QSocketNotifier watches, so the event loop wakes and quits with 128 + the signal; its
aboutToQuit handlers then shut down as when the window is closed. It is installed after the first paint (the
socket pair costs start-up time); before that, `defer_quit_signals` keeps a signal for it instead of letting
SIGTERM kill the process on the spot (which left a demo's temporary directory behind).

Whenever the process is ended at once (a second signal, the grace time over), the functions given to
`at_hard_exit` run first: a demo's throw-away database is removed however the app ends.

Windows has no SIGTERM to catch: `taskkill /F` and the Task Manager end a process with TerminateProcess, which
no handler sees, and a plain `taskkill` sends a windowed app WM_CLOSE (Qt closes the window: the normal quit).
What a console delivers there is Ctrl+C (SIGINT) and Ctrl+Break (SIGBREAK). So the signals handled are
`quit_signals(platform)`: SIGINT and SIGTERM, on Windows SIGINT and SIGBREAK (exit 130 / 149). Closing the console
window is not a signal but a console control event, and Windows ends the process as soon as the handler of that
event returns — the C runtime's returns at once, which would leave no time to shut down. `hold_console_close`
(Windows only) adds a handler that raises SIGBREAK, then waits (up to CONSOLE_CLOSE_WAIT_S; Windows ends the
process 5 s after the close whatever happens) while the process shuts down as on Ctrl+Break; the process ending
ends the wait. Every function that installs handlers takes `platform` (default sys.platform): tests switch it.

Qt is imported only inside `install_quit_on_signals`, the socket module only where a socket is made: the CLI
must not pay for Qt, the window's start-up not for sockets.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

    from PySide6.QtCore import QCoreApplication

GRACE_S = 5.0          # after the first signal, the CLI may wind down this long before it is ended anyway
GUI_GRACE_S = 15.0     # the window saves its layout and stops its pollers (each bounded) before it goes
# What ends huohua, by platform (names: a signal the platform lacks is left out). Windows delivers no SIGTERM.
QUIT_SIGNALS = {"win32": ("SIGINT", "SIGBREAK"), "other": ("SIGINT", "SIGTERM")}


def quit_signals(platform: str | None = None) -> tuple[int, ...]:
    """The signal numbers that quit huohua on `platform` (default sys.platform) and exist in this Python."""
    names = QUIT_SIGNALS["win32" if (platform or sys.platform) == "win32" else "other"]
    return tuple(int(getattr(signal, n)) for n in names if hasattr(signal, n))


def signal_name(signum: int) -> str:
    """A signal's name for messages: SIGINT, SIGTERM, SIGBREAK (Windows) …"""
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        if getattr(signal, name, None) == signum:
            return name
    try:
        return signal.Signals(signum).name
    except ValueError:
        return str(signum)


CONSOLE_CLOSE_EVENTS = (2, 5, 6)   # CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT (wincon.h)
CONSOLE_CLOSE_WAIT_S = 4.5         # Windows ends a process 5 s after its console was closed
_console_keep: list[object] = []   # the ctypes callbacks Windows holds pointers to


def console_close_handler(trigger: Callable[[], None], done: threading.Event | None = None,
                          wait_s: float = CONSOLE_CLOSE_WAIT_S) -> Callable[[int], bool]:
    """The console control handler `hold_console_close` installs, as a plain function (testable anywhere):
    Ctrl+C and Ctrl+Break pass on (False: the C runtime's handler, next in line, raises SIGINT/SIGBREAK); the
    console closing (log-off, shut-down) calls `trigger` and holds the process for up to `wait_s` — Windows
    ends it when this returns, or the process's own exit ends the wait."""
    done = done or threading.Event()

    def handler(event: int) -> bool:
        if event not in CONSOLE_CLOSE_EVENTS:
            return False
        trigger()
        done.wait(wait_s)
        return True

    return handler


def hold_console_close(platform: str | None = None) -> Callable[[], None]:
    """Windows: closing the console quits like Ctrl+Break, with time to do it (see the module's note). Returns
    a function that takes the handler off. Elsewhere, or without a console API, nothing (a no-op remover)."""
    sigbreak = getattr(signal, "SIGBREAK", None)
    if (platform or sys.platform) != "win32" or sigbreak is None:
        return lambda: None
    try:
        import ctypes
        from ctypes import wintypes

        # typeshed declares WINFUNCTYPE and WinDLL only when checking for Windows (platform is a parameter here)
        handler_type = ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.DWORD)  # type: ignore[attr-defined,unused-ignore]
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        set_handler = kernel32.SetConsoleCtrlHandler
        set_handler.argtypes = (handler_type, wintypes.BOOL)
        set_handler.restype = wintypes.BOOL
    except (ImportError, AttributeError, OSError):
        return lambda: None
    callback = handler_type(console_close_handler(lambda: signal.raise_signal(sigbreak)))
    if not set_handler(callback, True):
        return lambda: None
    _console_keep.append(callback)

    def remove() -> None:
        if callback in _console_keep:
            set_handler(callback, False)
            _console_keep.remove(callback)

    return remove


_received: int | None = None   # the first signal the CLI handler saw
# Referenced here so they live as long as the process: a garbage-collected socket closes its fd, and the
# C handler would then write the wakeup byte into nothing (or into whatever file reuses the number).
_cli_sockets: tuple[socket.socket, socket.socket] | None = None
_gui_keep: list[object] = []
_deferred: int | None = None           # a signal that came before install_quit_on_signals (defer_quit_signals)
_exit_cleanups: list[Callable[[], None]] = []   # run by _hard_exit before os._exit (at_hard_exit)


def exit_code(signum: int) -> int:
    return 128 + signum


def received() -> int | None:
    """The first SIGINT/SIGTERM the CLI handlers saw (None: the KeyboardInterrupt came from elsewhere)."""
    return _received


def interrupted_exit() -> int:
    """For the CLI's `except KeyboardInterrupt`: the short message and the exit code (130 or 143)."""
    signum = _received if _received is not None else signal.SIGINT   # a plain Ctrl+C before the handlers
    print(f"huohua: interrupted ({signal_name(signum)}); stopped", file=sys.stderr)
    return exit_code(signum)


def install_cli_handlers(grace_s: float = GRACE_S, *, platform: str | None = None) -> Callable[[], None]:
    """SIGTERM (Windows: Ctrl+Break, the console closed) behaves like Ctrl+C; either ends the process for good
    after `grace_s`. Main thread only.

    Returns `restore`, to call when the command is done: `main()` also runs in-process (tests call it), and the
    caller's own signal handling must not be left replaced. Once a signal has arrived, `restore` leaves the
    watchdog armed: the process is ending, and the grace period still bounds how long that takes."""
    global _cli_sockets, _received
    if threading.current_thread() is not threading.main_thread():
        return lambda: None        # Python accepts signal handlers only there; an embedding caller keeps its own
    import socket

    _received = None
    rsock, wsock = _cli_sockets = socket.socketpair()
    wsock.setblocking(False)       # the C handler must never block on a full buffer
    # The wakeup byte is written by the C-level handler the moment the signal arrives, even while the main
    # thread is stuck in a C call and cannot run the Python handler: the watchdog sees every signal.
    old_fd = signal.set_wakeup_fd(wsock.fileno(), warn_on_full_buffer=False)
    seen = threading.Event()       # set by the watchdog on the first signal
    # Started now, not from the handler: starting a thread takes threading's internal lock, which the main
    # thread may be holding at the instant the signal interrupts it.
    sigs = quit_signals(platform)
    threading.Thread(target=_watchdog, args=(rsock, grace_s, seen, sigs), name="huohua-signal-watchdog",
                     daemon=True).start()

    def handler(signum: int, frame: object) -> None:
        global _received
        if _received is None:      # the first: unwind. Later ones are the watchdog's (raising again would
            _received = signum     # interrupt the very cleanup the first one started)
            raise KeyboardInterrupt
    old_handlers = {sig: signal.signal(sig, handler) for sig in sigs}
    unhold = hold_console_close(platform)

    def restore() -> None:
        global _cli_sockets
        if _received is not None or seen.is_set():
            return
        import socket

        unhold()
        signal.set_wakeup_fd(old_fd)
        for sig, h in old_handlers.items():
            signal.signal(sig, h)
        wsock.shutdown(socket.SHUT_RDWR)   # the watchdog reads EOF and ends
        wsock.close()
        _cli_sockets = None

    return restore


_CLOSED = -1


def _watchdog(rsock: socket.socket, grace_s: float, seen: threading.Event, sigs: tuple[int, ...]) -> None:
    try:
        first = _next_signal(rsock, None, sigs)
        if first is None or first == _CLOSED:   # restored: the command ended without a signal (None is a
            return                               # timeout's, and there is none here)
        seen.set()
        _abort_fetches()
        again = _next_signal(rsock, grace_s, sigs)
        if again is not None and again != _CLOSED:
            message = "second signal; exiting now"
        else:
            message = f"still busy {grace_s:g} s after {signal_name(first)}; exiting now (everything saved is kept)"
        _hard_exit(exit_code(first), message)
    finally:
        rsock.close()


def _next_signal(rsock: socket.socket, timeout: float | None, sigs: tuple[int, ...]) -> int | None:
    """The next quit signal's number (one of `sigs`) from the wakeup socket (other signals are skipped); None on
    timeout, _CLOSED once the socket is shut."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        rsock.settimeout(None if deadline is None else max(0.0, deadline - time.monotonic()))
        try:
            data = rsock.recv(64)
        except TimeoutError:
            return None
        except OSError:
            return _CLOSED
        if not data:
            return _CLOSED
        for b in data:
            if b in sigs:
                return b


def _abort_fetches() -> None:
    # Responses whose bodies are being read can be cut now (a fetch still waiting for headers cannot). Only
    # when the refresher is already loaded: importing it here would cost requests' import for nothing.
    refresh = sys.modules.get("desktop.services.feed_refresh")
    if refresh is not None:
        try:
            refresh.abort_fetches()
        except Exception:   # best effort: the grace timer is the guarantee
            pass


def at_hard_exit(fn: Callable[[], None]) -> Callable[[], None]:
    """Run `fn` (quick, never blocking: removing a temporary directory) if the process is ended at once by a
    second signal or the end of the grace time. Returns a function that takes it off again."""
    _exit_cleanups.append(fn)
    return lambda: _exit_cleanups.remove(fn) if fn in _exit_cleanups else None


def _hard_exit(code: int, message: str) -> None:
    try:
        print(f"huohua: {message}", file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:   # stdout may be a closed pipe; the exit must happen regardless
        pass
    for fn in list(_exit_cleanups):
        try:
            fn()
        except Exception:   # best effort: the exit must happen regardless
            pass
    from desktop.core.child_process import wait_for_spawns

    wait_for_spawns(1.0)    # a child being started gets its start-up data first (else: a traceback from it)
    os._exit(code)


def defer_quit_signals(*, platform: str | None = None) -> None:
    """From the GUI's start until `install_quit_on_signals` (after the first paint): a SIGTERM or SIGINT is
    kept, not acted on — SIGTERM's default would kill the process on the spot, SIGINT's raise
    KeyboardInterrupt inside whatever Qt call runs — and `install_quit_on_signals` then quits at once. A second
    one ends the process now (after `at_hard_exit`'s functions). Main thread only. Plain Python handlers: they
    run whenever the main thread runs Python, which it does all through the start-up."""
    global _deferred
    _deferred = None

    def handler(signum: int, frame: object) -> None:
        global _deferred
        if _deferred is not None:
            _hard_exit(exit_code(_deferred), "second signal; exiting now")
        _deferred = signum

    for sig in quit_signals(platform):
        signal.signal(sig, handler)


def install_quit_on_signals(app: QCoreApplication, grace_s: float = GUI_GRACE_S, *, platform: str | None = None) -> Callable[[], None]:
    """Make SIGTERM/SIGINT end `app`'s event loop with exit code 128 + the signal. Call it on the GUI thread,
    after the QApplication exists and before `app.exec()`. Returns a function that restores the previous
    handlers (for tests).

    After the first signal the window has `grace_s` to shut down (its aboutToQuit handlers run); a second
    signal, or the end of that time, ends the process at once. A signal kept by `defer_quit_signals` counts as
    the first one."""
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    global _deferred
    rsock, wsock = socket.socketpair()
    rsock.setblocking(False)
    wsock.setblocking(False)
    old_fd = signal.set_wakeup_fd(wsock.fileno(), warn_on_full_buffer=False)
    # A Python-level handler must be installed for the C handler to write the wakeup byte; it does nothing
    # itself (it runs only whenever Python next gets control, which is the point of the socket).
    sigs = quit_signals(platform)
    old_handlers = {sig: signal.signal(sig, lambda signum, frame: None) for sig in sigs}
    unhold = hold_console_close(platform)      # `python -m desktop` from a console window on Windows
    notifier = QSocketNotifier(rsock.fileno(), QSocketNotifier.Type.Read, app)
    first: int | None = None
    timer: threading.Timer | None = None

    def on_signal(b: int) -> None:
        nonlocal first, timer
        if first is not None:
            _hard_exit(exit_code(first), "second signal; exiting now")
        first = b
        # A Qt slot, not a signal handler: starting a thread is safe here.
        timer = threading.Timer(grace_s, _hard_exit,
                                (exit_code(b), f"still busy {grace_s:g} s after {signal_name(b)}; exiting now"))
        timer.daemon = True
        timer.start()
        app.exit(exit_code(b))

    def on_ready() -> None:
        try:
            data = rsock.recv(64)
        except OSError:   # BlockingIOError: a spurious wake-up
            return
        for b in data:
            if b in sigs:
                on_signal(b)

    notifier.activated.connect(on_ready)
    early, _deferred = _deferred, None
    if early is not None:        # it came during the start-up: quit as soon as the event loop runs
        QTimer.singleShot(0, lambda: on_signal(early))
    kept = (rsock, wsock, notifier, on_ready)
    _gui_keep.append(kept)

    def restore() -> None:
        unhold()
        notifier.setEnabled(False)
        notifier.deleteLater()
        signal.set_wakeup_fd(old_fd)
        for sig, h in old_handlers.items():
            signal.signal(sig, h)
        if timer is not None:
            timer.cancel()
        rsock.close()
        wsock.close()
        _gui_keep.remove(kept)

    return restore

"""The market process's side of sources/process_source.py: `serve`, its main — build the market source, run
each call the window sends on a thread, forward WARNING log lines, and ask to retire when idle with akshare or
pandas loaded (the protocol and why: process_source's docstring)."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from desktop.core import clock
from desktop.core.child_process import exit_with_parent
from desktop.core.errors import SourceError

METHODS = frozenset({"stocks", "boards", "board_members", "resolve_board", "quotes", "daily_bars",
                     "intraday_bars", "snapshot", "trade_dates", "status", "offline_calendar", "flash_news",
                     "limit_pool", "movers", "board_movers"})
_HEAVY = ("akshare", "pandas")
_LIGHT = frozenset({"status", "quotes", "offline_calendar"})   # never akshare: they do not keep a child busy


class _Forward(logging.Handler):
    """In the child: WARNING and above to the window (see the module's docstring)."""

    def __init__(self, send: Any):
        super().__init__(logging.WARNING)
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + logging.Formatter().formatException(record.exc_info)
            self._send(("log", 0, (record.name, record.levelno, text)))
        except Exception:
            self.handleError(record)


def _thread_lock_for_tqdm() -> None:
    """akshare's progress bars, disabled or not, make tqdm create a multiprocessing RLock: a named semaphore,
    registered with the resource tracker this child shares with the window. This child ends with os._exit or a
    signal, so it was never unregistered, and the tracker printed "There appear to be 1 leaked semaphore objects
    to clean up at shutdown" as the app quit. One process's bars need only a thread lock."""
    try:
        from tqdm.std import tqdm
    except ImportError:      # no tqdm, no bars
        return
    tqdm.set_lock(threading.RLock())


def serve(conn: Any, config: tuple[str | None, float, bool, float], now: float | None = None,
          handoff: Any = None) -> None:
    """The child's main: build the source, then run each call on a thread until told to close. `now`: the
    parent's pinned clock at the spawn (None: the computer's); `handoff`: what a retired child left."""
    exit_with_parent()
    from desktop.core.allocator import limit_arenas

    limit_arenas()          # before the call threads: glibc's arena each kept growing (core/allocator.py)
    if now is not None:
        clock.pin(now)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl+C reaches the whole group: the parent decides
    os.environ.setdefault("TQDM_DISABLE", "1")     # akshare's progress bars
    _thread_lock_for_tqdm()
    from concurrent.futures import ThreadPoolExecutor

    from desktop.core.priority import lower_this_thread
    from desktop.core.trading_calendar import offline_calendar
    from desktop.sources.akshare_source import AkshareSource

    replay, deadline_s, paced, retire_idle_s = config
    send_lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        kind, rid, payload = message
        try:
            blob = pickle.dumps(payload)
        except Exception as exc:             # an answer that cannot travel: its caller gets an error, not silence
            kind, blob = "err", pickle.dumps((f"market data: an answer that cannot be sent ({exc})", None, True,
                                              True))
        with send_lock:
            try:
                conn.send((kind, rid, blob))
            except (OSError, ValueError):
                pass          # the parent is gone: exit_with_parent ends this process

    logging.getLogger().addHandler(_Forward(send))   # instead of the last-resort stderr nobody reads
    if replay and handoff:
        from desktop.sources import replay as replay_mod

        replay_mod.resume_from(handoff)          # before the source is built: its responder and clocks read it
    try:
        source = AkshareSource.create(replay_dir=Path(replay) if replay else None,
                                      settings={"market.request_deadline_s": deadline_s}, paced=paced)
    except Exception as exc:
        send(("failed", 0, f"{type(exc).__name__}: {exc}"))
        return
    send(("ready", 0, {"mode": source.mode, "demo": source.demo, "meta": source.meta}))

    calls = {"busy": 0, "last": time.monotonic(), "asked": False}
    calls_lock = threading.Lock()

    def run(rid: int, method: str, args: tuple[Any, ...]) -> None:
        lower_this_thread()   # parsing is background work: the window's process gets the CPU first
        try:
            _run(rid, method, args)
        finally:
            with calls_lock:
                calls["busy"] -= 1
                if not _is_light(method, args):     # the window's status polls (each second) are no use
                    calls["last"] = time.monotonic()

    def _run(rid: int, method: str, args: tuple[Any, ...]) -> None:
        result: Any         # what the call answers: a calendar, quotes, bars … (pickled to the window)
        try:
            if method == "offline_calendar":
                result = offline_calendar()
            elif method == "snapshot":
                result = source.snapshot(lambda quotes: send(("page", rid, quotes)))
            elif method in ("movers", "board_movers"):      # our own JSON reader (sources/movers.py)
                from desktop.sources.movers import EXTRA_METHODS

                result = EXTRA_METHODS[method](source, *args)
            else:
                result = getattr(source, method)(*args)
            send(("ok", rid, result))
        except SourceError as exc:
            send(("err", rid, (str(exc), exc.retry_after, exc.transient, True)))
        except Exception as exc:
            send(("err", rid, (f"{method}: {type(exc).__name__}: {exc}", None, True, False)))

    def watch_idle() -> None:
        """Ask to retire when akshare/pandas are loaded and nothing has run for retire_idle_s (module docstring)."""
        while True:
            time.sleep(min(1.0, retire_idle_s / 4))
            with calls_lock:
                if (calls["busy"] or calls["asked"] or time.monotonic() - calls["last"] < retire_idle_s
                        or not any(m in sys.modules for m in _HEAVY)):
                    continue
                calls["asked"] = True
            send(("retire", 0, _handoff(source)))

    if retire_idle_s > 0:
        threading.Thread(target=watch_idle, name="huohua-market-idle", daemon=True).start()
    pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="huohua-market-call")
    method = ""
    while True:
        try:
            rid, method, args = conn.recv()
        except (EOFError, OSError):
            break
        if method in ("close", "retire"):
            break
        if method not in METHODS:
            send(("err", rid, (f"unknown market call {method!r}", None, False, True)))
            continue
        with calls_lock:
            calls["busy"] += 1
            calls["asked"] = False        # asked before this call came: the window said no; ask again when idle
        pool.submit(run, rid, method, args)
    if method == "retire":                 # the calls received before the word are answered first
        pool.shutdown(wait=True)
    source.close()
    pool.shutdown(wait=False, cancel_futures=True)
    os._exit(0)   # threads still in a call must not hold the exit (their answers have nobody to go to)


def _handoff(source: Any) -> Any:
    """What the next child needs to go on where this one stops: a replay's progress (None when live)."""
    responder = getattr(getattr(source, "tap", None), "responder", None)
    return responder.state() if responder is not None and hasattr(responder, "state") else None


def _is_light(method: str, args: tuple[Any, ...]) -> bool:
    """A call that never needs akshare (status, our batched quotes, 快讯 read from their own JSON)."""
    if method in _LIGHT:
        return True
    if method == "flash_news" and args:
        from desktop.sources import flash_news

        return args[0] in flash_news.OWN_JSON or args[0] in flash_news.PER_STOCK
    return False

"""ProcessSource: the market source (akshare, pandas, exchange-calendars, V8 for Sina's calendar) in a child
process, behind the same `QuoteSource` protocol. The child's side (its main, `serve`) is sources/market_child.py.

Why a process: those libraries and what they keep cost the window's process ~110 MiB (bench/memory.py), and
turning 57 pages of JSON into DataFrames holds the GIL the window paints with. The child only fetches and
parses; the MarketService (scheduling, back-off), the single writer and every read stay in the window's
process, so nothing about storage changes.

The wire: the parent sends (id, method, args); the child answers ("ok" | "err", id, payload), and a snapshot
also streams ("page", id, quotes) as its pages arrive. Calls from several threads at once (the 5-second quotes
while a minute-long crawl runs) run concurrently in the child, so one pipe carries them all, and a reader
thread hands each answer to the caller waiting for it. Errors arrive as the SourceError the child raised
(message, retry hint, transient), so back-off works as before.

What the child logs at WARNING and above (the rows market_checks dropped and why, a source's complaints) travels
to the window as ("log", 0, (logger, level, text)) and is logged there under the same logger name, marked
"[market process]": the window's log handlers (huohua.log, rate-limited by runtime/log_files.RepeatFilter) see it
like any line of its own. Before, the child's warnings went to a stderr nobody reads in a desktop session.

If the child dies (killed, out of memory), the calls in flight fail with a SourceError at once and the next
call starts a new child. The child ends with the window's process however that ends (core/child_process.py).

The child retires when it has akshare or pandas loaded and no call has run for RETIRE_IDLE_S (issue 28: they
were ~65 MiB of its ~95, loaded by a board, snapshot, bars or 快讯 call and kept for hours; since those read their
JSON without them — sources/em_json.py — no call of ours loads them, and this stays as the safety net).
It asks ("retire", 0, handoff); the window stops sending to it (under the lock calls
are sent under) and answers "retire"; the child answers every call it received before that word (the pipe keeps
their order), then exits; the next call starts a fresh child without them. `handoff` carries what a replay must not lose: its
clock and how far each recorded answer has been served (sources/replay.py), so a demo's prices never go back.
While trading, boards (every 30 s) keep it busy: it does not churn; offline, each retry of a failed call
(60 s, then longer) may start one.

Quitting is quiet: `close()` (any thread) also stops a child that is still starting, within a poll slice, and so
does the `cancel` event given to the constructor (the window quitting while its market worker builds this
source). A SIGTERM or SIGHUP that reaches the child is usually one sent to the whole process group — the app is
being ended (`timeout`, a session's logout, `kill -- -PGID`) and the window quits on it too — so such an end is
reported as unexpected only if the source is not closed within GROUP_SIGNAL_GRACE_S.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import pickle
import queue
import signal
import threading
import time
from pathlib import Path
from typing import Any

from desktop.core import clock
from desktop.core.child_process import spawning
from desktop.core.errors import SourceError
from desktop.core.market import Bar, Board, Quote, Stock
from desktop.core.trading_calendar import TradingCalendar
from desktop.sources.market import PageCallback
from desktop.sources.market_child import serve

log = logging.getLogger(__name__)

START_TIMEOUT_S = 60.0        # spawning and building the source (a replay reads its recording)
START_POLL_S = 0.05           # while the child starts, a close (or the constructor's cancel) is seen this often
ANSWER_SLACK_S = 60.0         # on top of the source's own deadlines: a child that never answers is dead
GROUP_SIGNAL_GRACE_S = 3.0    # a child ended by SIGTERM/SIGHUP: the time the window has to close this source
RETIRE_IDLE_S = 45.0          # a child with akshare/pandas loaded and no call for this long retires (see above)
_GROUP_SIGNALS = frozenset(-s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)))


class ProcessSource:
    def __init__(self, *, replay_dir: Path | None = None, deadline_s: float = 15.0, paced: bool = False,
                 crawl_deadline_s: float = 300.0, answer_slack_s: float = ANSWER_SLACK_S,
                 cancel: threading.Event | None = None, retire_idle_s: float = RETIRE_IDLE_S):
        """Starts the child and waits until its source is built; `cancel` (set from any thread) stops that wait
        with a SourceError and leaves no child behind."""
        self._config = (str(replay_dir) if replay_dir is not None else None, float(deadline_s), bool(paced),
                        float(retire_idle_s))
        self._handoff: Any = None             # what a retired child left for the next (see the module's docstring)
        self._retired = False                 # the last child retired (no warning when the next one starts)
        self.retirements = 0
        # a call's answer is due within its source deadline (the crawl's for a snapshot) plus slack; past that
        # the child is taken for wedged: killed, and the next call starts a new one
        self._limits = {"snapshot": crawl_deadline_s + answer_slack_s, "": float(deadline_s) + answer_slack_s}
        self._lock = threading.Lock()         # starting the child, sending, the pending table
        self._pending: dict[int, tuple[queue.SimpleQueue[Any], Any]] = {}   # rid → (answers, the pipe it went on)
        self._ids = itertools.count(1)
        self._proc: Any = None
        self._conn: Any = None
        self._closed = False
        self._closing = threading.Event()     # close() began: set before its lock is taken (see _start_locked)
        self._cancel = cancel
        self.starts = 0                       # how many children were started (a restart after a crash: 2)
        self.mode, self.demo = "live", False
        self.meta: dict[str, Any] = {}
        with self._lock:
            self._start_locked()

    # -- the QuoteSource protocol --------------------------------------------------------------------
    def stocks(self) -> list[Stock]:
        return self._call("stocks")

    def boards(self, kind: str) -> list[Board]:
        return self._call("boards", kind)

    def board_members(self, board: str, kind: str) -> list[Quote]:
        return self._call("board_members", board, kind)

    def resolve_board(self, board: str, kind: str) -> str:
        return self._call("resolve_board", board, kind)

    def quotes(self, codes: list[str]) -> list[Quote]:
        return self._call("quotes", list(codes))

    def daily_bars(self, code: str, days: int, adjust: str = "") -> list[Bar]:
        return self._call("daily_bars", code, days, adjust)

    def intraday_bars(self, code: str) -> list[Bar]:
        return self._call("intraday_bars", code)

    def snapshot(self, on_page: PageCallback | None = None) -> list[Quote]:
        return self._call("snapshot", on_page=on_page)

    def trade_dates(self) -> list[Any]:
        return self._call("trade_dates")

    def status(self) -> dict[str, Any]:
        return {**self._call("status"), "process": self.pid}

    def flash_news(self, key: str, codes: tuple[str, ...] = ()) -> list[Any]:
        """A 快讯 source's latest items (ParsedEntry), fetched in the market process under its rate limits."""
        return self._call("flash_news", key, tuple(codes))

    def limit_pool(self, kind: str, day: Any) -> list[Any]:
        """One day's 涨停/炸板/跌停 pool, fetched in the market process under its rate limits."""
        return self._call("limit_pool", kind, day)

    def movers(self, kinds: tuple[Any, ...], day: Any) -> list[Any]:
        """盘口异动 of `kinds` (sources/movers.py), fetched in the market process under its rate limits."""
        return self._call("movers", tuple(kinds), day)

    def board_movers(self, day: Any) -> list[Any]:
        """The boards' 异动 (sources/movers.py), fetched in the market process under its rate limits."""
        return self._call("board_movers", day)

    def offline_calendar(self) -> TradingCalendar:
        """exchange-calendars' XSHG sessions, loaded in the child (it imports pandas)."""
        return self._call("offline_calendar")

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None else None

    def close(self) -> None:
        """Any thread: calls in flight fail at once; the child is asked to stop, and killed if it does not.
        Closing twice does nothing more (the window aborts every poller at once, then stops each). Never waits
        for long: a child being (re)started under the lock sees `_closing` within START_POLL_S and gives up."""
        self._closing.set()
        with self._lock:
            if self._closed:
                return
            self._closed = True
            proc, conn = self._proc, self._conn
            self._send_locked((0, "close", ()))
        self._fail_pending(SourceError("market data: the market source is closing"))
        if proc is not None:
            threading.Thread(target=_reap, args=(proc, conn), name="huohua-market-reap", daemon=True).start()

    # -- plumbing ------------------------------------------------------------------------------------
    def _call(self, method: str, *args: Any, on_page: PageCallback | None = None) -> Any:
        answers: queue.SimpleQueue[Any] = queue.SimpleQueue()
        if self._ended_by_group_signal():
            self._closing.wait(GROUP_SIGNAL_GRACE_S)   # the app is likely ending: let it close this source first
        with self._lock:
            if self._closed:
                raise SourceError(f"{method}: the market source is closing")
            if not self._alive():
                if self._retired:
                    log.debug("market process retired; starting a new one for %s", method)
                else:
                    log.warning("market process %s is gone; starting a new one", self.pid)
                self._start_locked()
            rid = next(self._ids)
            self._pending[rid] = (answers, self._conn)
            if not self._send_locked((rid, method, args)):
                del self._pending[rid]
                raise SourceError(f"{method}: the market process stopped unexpectedly; it restarts on the next "
                                  f"poll")
        limit = self._limits.get(method, self._limits[""])
        try:
            while True:
                try:
                    kind, payload = answers.get(timeout=limit)
                except queue.Empty:
                    self._kill_wedged()
                    raise SourceError(f"{method}: the market process did not answer within {limit:.0f} s; it is "
                                      f"restarted on the next poll") from None
                if kind == "page":
                    if on_page is not None:
                        on_page(payload)
                    continue
                if kind == "ok":
                    return payload
                raise payload
        finally:
            with self._lock:
                self._pending.pop(rid, None)

    def _kill_wedged(self) -> None:
        """A child that answers nothing within a call's limit is stuck (a deadlock, a stopped process): end it,
        so that the next call starts a new one instead of waiting on it again."""
        with self._lock:
            proc, conn = self._proc, self._conn
            self._conn = None
        if proc is not None and proc.is_alive():
            log.warning("market process %s did not answer in time; killing it", proc.pid)
            proc.kill()
        if conn is not None:
            threading.Thread(target=_reap, args=(proc, conn), name="huohua-market-reap", daemon=True).start()

    def _stopping(self, wait_s: float = 0.0) -> bool:
        """close() has begun or the constructor's `cancel` is set — waiting up to `wait_s` for either."""
        deadline = time.monotonic() + wait_s
        while not (self._closing.is_set() or (self._cancel is not None and self._cancel.is_set())):
            if time.monotonic() >= deadline:
                return False
            time.sleep(START_POLL_S)
        return True

    def _ended_by_group_signal(self) -> bool:
        """The child has ended by SIGTERM/SIGHUP (see the module's docstring)."""
        proc = self._proc
        return proc is not None and not proc.is_alive() and _exit_code(proc) in _GROUP_SIGNALS

    def _alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive() and self._conn is not None

    def _start_locked(self) -> None:
        """Spawn the child (never fork: this process has Qt and writer threads) and wait until it is ready."""
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe(duplex=True)
        # a pinned clock (HUOHUA_NOW, --now, a test's pin) holds in the child too, from this very instant
        now = clock.now() if clock.is_pinned() else None
        proc = ctx.Process(target=serve, args=(theirs, self._config, now, self._handoff), name="huohua-market",
                           daemon=True)
        with spawning():                # an exit waits for the start-up data to be written (core/child_process)
            proc.start()
        theirs.close()
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            kind = "log"
            while kind == "log":              # what the child logs while it builds its source comes first
                while not ours.poll(START_POLL_S):
                    if self._stopping():
                        raise SourceError("market data: the market source is closing")
                    if time.monotonic() > deadline:
                        raise SourceError("market data: the market process did not start in time")
                kind, _rid, blob = ours.recv()
                payload = pickle.loads(blob)
                if kind == "log":
                    relay(payload)
            if kind != "ready":
                raise SourceError(f"market data: the market source could not be built: {payload}", transient=False)
        except BaseException as exc:          # nothing of a child that did not start is left behind
            proc.kill()
            proc.join(5)
            ours.close()
            # quitting, or a signal to the whole process group that the window is about to quit on: no failure
            if self._stopping(GROUP_SIGNAL_GRACE_S if proc.exitcode in _GROUP_SIGNALS else 0.0):
                raise SourceError("market data: the market source is closing") from None
            if isinstance(exc, SourceError):
                raise
            raise SourceError(f"market data: the market process could not start ({exc})") from None
        self.mode, self.demo, self.meta = payload["mode"], payload["demo"], payload["meta"]
        self._proc, self._conn = proc, ours
        self._retired = False
        self.starts += 1
        threading.Thread(target=self._read, args=(ours, proc), name="huohua-market-answers", daemon=True).start()

    def _send_locked(self, message: tuple[Any, ...]) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.send(message)
            return True
        except (OSError, ValueError):
            return False

    def _read(self, conn: Any, proc: Any) -> None:
        """The reader thread of one child: every answer to the caller waiting for it, until the pipe closes.
        Payloads travel pickled inside the message, so one that cannot be read fails its own call only."""
        retired = False
        while True:
            try:
                kind, rid, blob = conn.recv()
            except (EOFError, OSError, TypeError):
                # TypeError: the pipe was closed by close() between a message's length and its body (its handle
                # is None by then) — the same end as a closed pipe (seen once in a full test run)
                break
            try:
                payload = pickle.loads(blob)
            except Exception as exc:
                log.exception("market process sent an unreadable answer")
                kind, payload = "err", SourceError(f"market data: an unreadable answer ({type(exc).__name__})")
            if kind == "log":
                relay(payload)
                continue
            if kind == "retire":
                retired = retired or self._retire(conn, payload)
                continue
            if kind == "err" and isinstance(payload, tuple):
                message, retry_after, transient, ours = payload
                payload = (SourceError(message, retry_after=retry_after, transient=transient) if ours
                           else RuntimeError(message))
            with self._lock:
                entry = self._pending.get(rid)
            if entry is not None:
                entry[0].put((kind, payload))
        with self._lock:
            if self._conn is conn:
                self._conn = None
            closing = self._closed
        if retired:
            self._fail_pending(SourceError("market data: the market process ended; it restarts on the next poll"),
                               conn)           # none, unless it died before answering all
            proc.join(5)                       # it exits on its own; reaped here
            return
        if not closing:
            proc.join(2)                       # reaped: its exit code is known
            code = _exit_code(proc)
            if code in _GROUP_SIGNALS and self._closing.wait(GROUP_SIGNAL_GRACE_S):
                return                         # the signal ended the whole app: its window closed this source
            log.warning("market process %s ended unexpectedly (exit code %s)", proc.pid, code)
            self._fail_pending(SourceError("market data: the market process stopped unexpectedly "
                                           f"(exit code {code}); it restarts on the next poll"), conn)

    def _retire(self, conn: Any, handoff: Any) -> bool:
        """The child on `conn` asks to retire: agreed unless the source closes. Calls already sent to it are
        answered before it exits (module docstring); later ones go to the next child."""
        with self._lock:
            if self._closed or self._conn is not conn:
                return False
            self._conn, self._proc, self._handoff, self._retired = None, None, handoff, True
            self.retirements += 1
            try:
                conn.send((0, "retire", ()))
            except (OSError, ValueError):
                pass
        log.debug("market process retired (idle with akshare/pandas loaded)")
        return True

    def _fail_pending(self, error: Exception, conn: Any = None) -> None:
        """Fail the calls waiting on `conn` (None: every call)."""
        with self._lock:
            waiting = [answers for answers, on in self._pending.values() if conn is None or on is conn]
        for answers in waiting:
            answers.put(("err", error))


def relay(payload: Any) -> None:
    """A log line of the child, logged in this process under the child's logger name."""
    try:
        name, level, text = payload
        logging.getLogger(str(name)).log(int(level), "[market process] %s", text)
    except (TypeError, ValueError):
        log.warning("market process sent an unreadable log line")


def _exit_code(proc: Any) -> int | None:
    """The exit code of a child whose pipe has closed (it is ending). Two threads may reap it at once (the
    answer reader, a caller checking that it is alive): the one whose waitpid loses sees None until the other
    has stored the code — or the child is still on its way out."""
    code = proc.exitcode
    deadline = time.monotonic() + 0.5
    while code is None and time.monotonic() < deadline:
        time.sleep(0.01)
        code = proc.exitcode
    return code


def _reap(proc: Any, conn: Any) -> None:
    proc.join(3)
    if proc.is_alive():
        proc.kill()
        proc.join(2)
    try:
        if conn is not None:          # None: the reader thread saw the pipe close first
            conn.close()
    except OSError:
        pass

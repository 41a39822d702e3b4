"""Background pollers: each lives on its own QThread and owns a timer created in that thread.

FeedPoller asks the FeedRefresher for due feeds every `check_ms`; MarketPoller builds the market service
(importing akshare, pandas and the trading calendar — only ever here, after the window is painted) and runs
its due jobs. Both report `SourceState`s through signals; the GUI never waits for them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from desktop.core import clock
from desktop.core.status import SourceState, is_connection_error
from desktop.runtime import market_request_kinds as kinds
from desktop.runtime.market_request_kinds import MarketRequest

if TYPE_CHECKING:
    from desktop.core.news import FetchOutcome
    from desktop.services.feed_refresh import FeedRefresher
    from desktop.services.market_service import MarketService

log = logging.getLogger(__name__)
RETENTION_EVERY_S = 6 * 3600


class FeedPoller(QObject):
    state_changed = Signal(object)      # SourceState
    progress = Signal(int, int)         # feeds done, feeds in this round (while a round runs)

    def __init__(self, refresher_factory: Callable[[], FeedRefresher], check_ms: int = 30_000):
        super().__init__()
        self._factory = refresher_factory
        self._check_ms = check_ms
        self._timer: QTimer | None = None
        self.cancel = threading.Event()
        self._last_success: int | None = None
        self._last_retention = 0.0

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)            # created here, so it lives in the poller's thread
        self._timer.timeout.connect(self.tick)
        self._timer.start(self._check_ms)
        QTimer.singleShot(0, self.tick)

    @Slot()
    def tick(self) -> None:
        self._run(force=False)

    @Slot()
    def refresh_all(self) -> None:
        self._run(force=True)

    def _run(self, force: bool) -> None:
        if self.cancel.is_set():
            return
        try:
            refresher = self._factory()
            feeds = refresher.due(force=force)
            if not feeds:
                return
            total, done = len(feeds), [0]

            def one_done(_outcome: FetchOutcome) -> None:     # on the writer thread: hand the count on (queued signal)
                done[0] += 1
                self.progress.emit(done[0], total)

            self.progress.emit(0, total)
            outcomes = refresher.refresh(feeds, on_outcome=one_done, cancel=self.cancel)
        except Exception as exc:  # a bug here must not kill the thread; it shows in the status bar
            log.exception("feed round failed")
            self.state_changed.emit(SourceState("feeds", "error", self._last_success, str(exc)))
            return
        self.state_changed.emit(self._state(refresher, outcomes))
        if time.monotonic() - self._last_retention > RETENTION_EVERY_S:   # an interval: the monotonic clock
            self._last_retention = time.monotonic()
            try:
                refresher.retain()
            except Exception:
                log.exception("retention failed")

    def _state(self, refresher: FeedRefresher, outcomes: Sequence[FetchOutcome]) -> SourceState:
        """After a round: every feed's latest result from the feeds table (what a restart shows too,
        core.status.feeds_state), unless the round could fetch nothing at all (the disk is full: each feed
        "skipped" with the reason, nothing recorded), or the table cannot be read."""
        paused = [o for o in outcomes if o.status == "skipped" and o.error]
        if not paused or len(paused) < len(outcomes):
            try:
                st = refresher.summary()
            except Exception:
                log.exception("reading the feeds' results failed")
            else:
                self._last_success = st.last_success
                return st
        errors = [o for o in outcomes if o.status == "error" or (o.status == "skipped" and o.error)]
        if len(errors) < len(outcomes):
            self._last_success = clock.now_s()
        if not errors:
            return SourceState("feeds", "ok", self._last_success, ok=len(outcomes), total=len(outcomes),
                               checked=clock.now_s())
        lines = [f"{o.label}: {o.error}" for o in errors[:8]]
        text = f"{len(errors)}/{len(outcomes)} " + "\n".join(lines)
        unreachable = all(is_connection_error(o.error or "") for o in errors)
        state = "error" if len(errors) == len(outcomes) else "partial"
        return SourceState("feeds", state, self._last_success, text, unreachable and state == "error",
                           ok=len(outcomes) - len(errors), total=len(outcomes), checked=clock.now_s(),
                           failures=tuple((o.label, o.error or "") for o in errors))

    def abort(self) -> None:
        """Any thread: make the round in flight end now (no new fetches, reads cut)."""
        self.cancel.set()
        from desktop.services.feed_refresh import abort_fetches

        abort_fetches()

    @Slot()
    def stop(self) -> None:
        """Runs on the poller's thread (queued by PollerThread.stop): stop the timer there, then end the loop."""
        self.cancel.set()
        if self._timer is not None:
            self._timer.stop()
        QThread.currentThread().quit()


class MarketPoller(QObject):
    """Builds the market service on its thread, runs its due jobs every tick, and serves on-demand requests
    (`request`, from any thread) ahead of them: history for the chart's stock, a board's members, quotes for
    a list just edited, the stock whose 1-minute bars to follow. Requests are queued, deduplicated (the same
    request twice runs once) and served in priority order; each ends with `request_done(key, error)`, its
    data arriving like all data, as a commit on the bus. The full-market crawl runs on its own thread, so a
    request never waits for it.

    `service_factory(cancel)` builds the service; `cancel` is set by `abort()` (the window quitting), which a
    factory may watch to stop early. Quitting while the service is being built is no failure: nothing is logged
    or reported, and a service that is finished after the abort is closed at once, never left running."""

    state_changed = Signal(object)      # SourceState (quotes, boards)
    phase_changed = Signal(str, bool)   # 集合竞价 / 交易中 / 午间休市 / 已收盘 / 休市; estimated by rule
    ready = Signal(object)              # the MarketService, once built
    request_done = Signal(str, str)     # request key, error message ("" when it succeeded)

    def __init__(self, service_factory: Callable[[threading.Event], MarketService], tick_ms: int = 1000):
        super().__init__()
        self._factory = service_factory
        self._tick_ms = tick_ms
        self._timer: QTimer | None = None
        self.service: MarketService | None = None
        self._stopped = False
        self.cancel = threading.Event()     # set by abort(): the factory may watch it
        self._service_lock = threading.Lock()   # abort() vs start() publishing the service: one of them closes it
        self._requests: dict[str, tuple[int, int, MarketRequest]] = {}   # key → (priority, seq, request)
        self._requests_lock = threading.Lock()
        self._seq = 0

    # -- on-demand requests (any thread) -----------------------------------------------------------------
    def request(self, kind: str, *args: object) -> str:
        """Queue `kind(*args)` for the market thread (kinds.make builds it: runtime/market_request_kinds.py)."""
        return self.submit(kinds.make(kind, *args))

    def submit(self, request: MarketRequest) -> str:
        """Queue a typed request for the market thread; returns its key. An equal pending request is not queued
        twice; a type with no row in kinds.KINDS raises UnknownRequest here, on the asker's thread."""
        key, priority = kinds.key(request), kinds.kind_of(request).priority
        with self._requests_lock:
            if key not in self._requests:
                self._seq += 1
                self._requests[key] = (priority, self._seq, request)
        QMetaObject.invokeMethod(self, "serve_requests", Qt.ConnectionType.QueuedConnection)
        return key

    @Slot()
    def serve_requests(self) -> None:
        """On the market thread: every pending request, most urgent first, before any scheduled job."""
        while self.service is not None and not self._stopped:
            with self._requests_lock:
                if not self._requests:
                    return
                key, (_p, _s, request) = min(self._requests.items(), key=lambda kv: kv[1][:2])
                del self._requests[key]
            self.request_done.emit(key, self._serve(key, request))

    def _serve(self, key: str, request: MarketRequest) -> str:
        from desktop.core.errors import SourceError

        try:
            kinds.serve(self.service, request)
        except SourceError as exc:
            return str(exc)
        except Exception as exc:   # a bug in one request must not stop the market thread
            log.exception("market request %s failed", key)
            return f"{type(exc).__name__}: {exc}"
        return ""

    @Slot()
    def start(self) -> None:
        try:
            service = self._factory(self.cancel)   # heavy imports happen here, on this thread
        except Exception as exc:
            self._start_failed(exc)
            return
        with self._service_lock:
            if not self._stopped:
                self.service = service         # from now on abort() closes it
        if self.service is not service:        # aborted while it was being built: it is not left running
            service.close()
            return
        try:
            service.prepare()
            _ = service.calendar               # load the trading calendar here, never on the GUI thread
        except Exception as exc:
            self._start_failed(exc)
            return
        if self._stopped:
            return
        self.ready.emit(self.service)
        self.serve_requests()                  # what panes asked for while the service was being built
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.tick)
        self._timer.start(self._tick_ms)
        QTimer.singleShot(0, self.tick)

    def _start_failed(self, exc: Exception) -> None:
        if self._stopped:      # the window is quitting: its abort closed the source under the start-up
            log.debug("market service start stopped by quitting: %s", exc)
            return
        log.exception("market service could not start")
        for name in ("quotes", "boards"):
            text = QCoreApplication.translate("MarketPoller", "行情服务无法启动：")
            self.state_changed.emit(SourceState(name, "error", None, f"{text}{exc}"))

    @Slot()
    def tick(self) -> None:
        if self._stopped or self.service is None:
            return
        self.serve_requests()
        try:
            self.service.run_due()
        except Exception:
            log.exception("market jobs failed")
        self._report(self.service)

    def _report(self, service: MarketService) -> None:
        try:
            statuses = service.status()
            self.phase_changed.emit(service.phase_label(), service.phase_estimated())
        except Exception:
            log.exception("market status failed")
            return
        for name in ("quotes", "boards"):
            st = statuses.get(name)
            if st is None:
                continue
            ts = int(st.last_success.timestamp()) if st.last_success else None
            self.state_changed.emit(SourceState(name, st.state, ts, st.error,
                                                bool(st.error) and is_connection_error(st.error), st.detail,
                                                frozen_since=st.frozen_since))

    def abort(self) -> None:
        """Any thread: fail the market calls in flight at once (the crawl included); a service still being built
        stops starting (`cancel`) or is closed as soon as it is built (start)."""
        with self._service_lock:
            self._stopped = True               # before `cancel`: a start that fails on it sees the quit
            service = self.service
        self.cancel.set()
        if service is not None:
            service.close()

    @Slot()
    def stop(self) -> None:
        self._stopped = True
        if self._timer is not None:
            self._timer.stop()
        QThread.currentThread().quit()


class PollerThread:
    """Owns one poller and its QThread: start, and an orderly stop (no 'Destroyed while running')."""

    def __init__(self, poller: FeedPoller | MarketPoller, name: str):
        self.poller = poller
        self.thread = QThread()
        self.thread.setObjectName(name)
        poller.moveToThread(self.thread)
        self.thread.started.connect(poller.start)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout_ms: int = 3_000) -> bool:
        """Abort in-flight work, let the poller stop its own timer on its thread, and join the thread.
        Returns False if the thread is still running (then the caller must not destroy it)."""
        self.poller.abort()
        if not self.thread.isRunning():
            return True
        QMetaObject.invokeMethod(self.poller, "stop", Qt.ConnectionType.QueuedConnection)
        if self.thread.wait(timeout_ms):
            return True
        log.warning("%s did not stop within %d ms", self.thread.objectName(), timeout_ms)
        _still_running.append(self)   # never destroy a running QThread (Qt aborts the process)
        return False


_still_running: list[PollerThread] = []

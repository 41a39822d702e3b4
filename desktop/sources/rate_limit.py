"""A process-wide request limiter for market hosts, kept under Eastmoney's ban thresholds.

Eastmoney's push2 hosts drop the connection (RemoteDisconnected, sometimes for 20+ hours) after bursts;
reported thresholds are > 5 requests/s or >= 200/min. Every market request of the whole app (quote provider,
akshare's crawls, history, intraday) passes `acquire()` first, so no combination of user intervals can cross
them: at most `per_second` requests in any 1 s window and `per_minute` in any 60 s window, per host group.
Waiting goes through `time.sleep` looked up at call time, so tests and the bench can patch it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import urlsplit

EASTMONEY_PER_SECOND = 3     # threshold 5/s: leave room for clock jitter and the browser the user may have open
EASTMONEY_PER_MINUTE = 120   # threshold ~200/min
OTHER_PER_SECOND = 5
OTHER_PER_MINUTE = 240


class RateLimiter:
    """Sliding-window limiter: blocks the caller until one more request fits both windows."""

    def __init__(self, per_second: int, per_minute: int, *, clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None):
        self.per_second = per_second
        self.per_minute = per_minute
        self._clock = clock or time.monotonic
        self._sleep = sleep
        self._lock = threading.Lock()
        self._sent: deque[float] = deque()   # start times of requests within the last 60 s
        self.requested_sleep = 0.0           # total seconds this limiter asked to wait (bench figure)
        self.count = 0

    def _wait_needed(self, now: float) -> float:
        while self._sent and now - self._sent[0] >= 60.0:
            self._sent.popleft()
        wait = 0.0
        if len(self._sent) >= self.per_minute:
            wait = max(wait, self._sent[-self.per_minute] + 60.0 - now)
        if len(self._sent) >= self.per_second:
            wait = max(wait, self._sent[-self.per_second] + 1.0 - now)
        return wait

    def acquire(self) -> float:
        """Block until a request may go out; returns the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                wait = self._wait_needed(now)
                if wait <= 0:
                    self._sent.append(now)
                    self.count += 1
                    return waited
                self.requested_sleep += wait
            waited += wait
            (self._sleep or time.sleep)(wait)

    def reset(self) -> None:
        with self._lock:
            self._sent.clear()


class HostLimits:
    """One limiter per host group: Eastmoney's hosts share one budget (one ban covers them all)."""

    def __init__(self, *, clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None):
        self.eastmoney = RateLimiter(EASTMONEY_PER_SECOND, EASTMONEY_PER_MINUTE, clock=clock, sleep=sleep)
        self.other = RateLimiter(OTHER_PER_SECOND, OTHER_PER_MINUTE, clock=clock, sleep=sleep)

    @classmethod
    def unlimited(cls) -> HostLimits:
        """For replay: no server to protect."""
        limits = cls()
        for lim in (limits.eastmoney, limits.other):
            lim.per_second = lim.per_minute = 10**9
        return limits

    def for_url(self, url: str) -> RateLimiter:
        host = urlsplit(url).hostname or ""
        return self.eastmoney if host == "eastmoney.com" or host.endswith(".eastmoney.com") else self.other

    def acquire(self, url: str) -> float:
        return self.for_url(url).acquire()

    @property
    def requested_sleep(self) -> float:
        return self.eastmoney.requested_sleep + self.other.requested_sleep


_global: HostLimits | None = None
_global_lock = threading.Lock()


def global_limits() -> HostLimits:
    """The one limiter set shared by every source in this process."""
    global _global
    with _global_lock:
        if _global is None:
            _global = HostLimits()
        return _global

"""The global limiter keeps any burst under Eastmoney's ban thresholds (> 5/s or >= 200/min)."""

from __future__ import annotations

import threading

from desktop.sources.rate_limit import EASTMONEY_PER_MINUTE, EASTMONEY_PER_SECOND, HostLimits, RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, s: float) -> None:
        with self.lock:
            self.now += s


def windows_ok(times: list[float], per_second: int, per_minute: int) -> bool:
    times = sorted(times)
    for i, t in enumerate(times):
        if i + per_second < len(times) and times[i + per_second] - t < 1.0:
            return False
        if i + per_minute < len(times) and times[i + per_minute] - t < 60.0:
            return False
    return True


def test_burst_is_spread_under_both_thresholds():
    clock = FakeClock()
    lim = RateLimiter(EASTMONEY_PER_SECOND, EASTMONEY_PER_MINUTE, clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(400):
        lim.acquire()
        sent.append(clock.now)
    assert windows_ok(sent, EASTMONEY_PER_SECOND, EASTMONEY_PER_MINUTE)
    assert EASTMONEY_PER_SECOND <= 5 and EASTMONEY_PER_MINUTE < 200
    assert lim.count == 400 and lim.requested_sleep > 0


def test_small_refresh_waits_nothing():
    clock = FakeClock()
    lim = RateLimiter(3, 120, clock=clock, sleep=clock.sleep)
    assert lim.acquire() == 0.0 and lim.acquire() == 0.0
    assert lim.requested_sleep == 0.0


class Recording(RateLimiter):
    """Records each grant inside the limiter's lock, where the grant time is exact."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.granted: list[float] = []

    def _wait_needed(self, now: float) -> float:
        wait = super()._wait_needed(now)
        if wait <= 0:
            self.granted.append(now)
        return wait


def test_burst_from_many_threads_still_respects_the_limit():
    clock = FakeClock()
    lim = Recording(3, 120, clock=clock, sleep=clock.sleep)

    def worker() -> None:
        for _ in range(20):
            lim.acquire()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert lim.count == 160 and len(lim.granted) == 160
    assert windows_ok(lim.granted, 3, 120)


def test_hosts_share_one_eastmoney_budget():
    limits = HostLimits()
    assert limits.for_url("https://82.push2.eastmoney.com/api/qt/clist/get") is limits.eastmoney
    assert limits.for_url("https://push2his.eastmoney.com/x") is limits.eastmoney
    assert limits.for_url("http://qt.gtimg.cn/q=sz300750") is limits.other
    assert limits.for_url("https://evil-eastmoney.com/") is limits.other

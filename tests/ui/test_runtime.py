"""The runtime layer alone: tasks owned by whoever asked, and the market worker's request path."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from desktop.core.errors import SourceError
from desktop.runtime.market_requests import MarketRequests
from desktop.runtime.pollers import MarketPoller, PollerThread
from desktop.runtime.tasks import TaskRunner


@pytest.fixture
def runner():
    r = TaskRunner()
    yield r
    r.shutdown()


def test_results_go_back_only_to_the_caller_on_the_gui_thread(qtbot, runner):
    got_a, got_b, threads = [], [], []
    a, b = runner.scope("paneA"), runner.scope("paneB")
    a.run("load", lambda _t: 1, lambda result, error: (got_a.append(result), threads.append(QThread.currentThread())))
    b.run("load", lambda _t: 2, lambda result, error: got_b.append(result))     # same key, another owner
    qtbot.waitUntil(lambda: bool(got_a and got_b), timeout=3000)
    assert got_a == [1] and got_b == [2] and threads[0] is QThread.currentThread()


def test_a_newer_request_supersedes_and_cancels_the_older(qtbot, runner):
    scope = runner.scope("chart")
    release = threading.Event()
    seen_cancel = []
    done = []

    def slow(task):
        release.wait(5)
        seen_cancel.append(task.cancelled.is_set())
        return "old"

    scope.run("history", slow, lambda result, error: done.append(result))
    scope.run("history", lambda _t: "new", lambda result, error: done.append(result))
    qtbot.waitUntil(lambda: done == ["new"], timeout=3000)
    release.set()
    qtbot.waitUntil(lambda: seen_cancel == [True], timeout=3000)
    qtbot.wait(50)
    assert done == ["new"]                            # the superseded result was dropped


def test_errors_come_back_to_the_same_caller(qtbot, runner):
    out = []

    def boom(_task):
        raise SourceError("history of 300750: no answer within 15 s")

    runner.scope("chart").run("history", boom, lambda result, error: out.append((result, error)))
    qtbot.waitUntil(lambda: bool(out), timeout=3000)
    assert out[0][0] is None and isinstance(out[0][1], SourceError)


def test_progress_reaches_the_caller(qtbot, runner):
    steps, done = [], []

    def job(task):
        for i in range(3):
            task.progress((i + 1) / 3, f"page {i + 1}")
        return "ok"

    runner.scope("heatmap").run("members", job, lambda r, e: done.append(r),
                                on_progress=lambda f, text: steps.append((round(f, 2), text)))
    qtbot.waitUntil(lambda: done == ["ok"], timeout=3000)
    assert steps == [(0.33, "page 1"), (0.67, "page 2"), (1.0, "page 3")]


def test_after_shutdown_nothing_runs(runner):
    runner.shutdown()
    fut = runner.scope("x").run("y", lambda _t: 1, lambda r, e: None)
    assert fut.cancelled()


# -- the market worker's request slot ------------------------------------------------------------------------
class FakeService:
    """Records what the market thread was asked to do, in order."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.chart_code = None
        self.gate = threading.Event()
        self.gate.set()

    def prepare(self):
        pass

    calendar = None

    def refresh_quotes(self, codes):
        self.gate.wait(5)
        self.calls.append(("quotes", tuple(codes), QThread.currentThread().objectName()))

    def refresh_history(self, code, days, adjust):
        self.calls.append(("history", code, days, adjust))

    def refresh_board_members(self, board, kind):
        if board == "BK0000":
            raise SourceError("no industry board is called 'BK0000' now")
        self.calls.append(("board_members", board, kind))

    def follow_intraday(self, code):
        self.chart_code = code
        self.calls.append(("follow", code))

    def run_due(self):
        pass

    def status(self):
        return {}

    def phase_label(self):
        return "交易中"

    def phase_estimated(self):
        return False

    def close(self):
        pass


def test_requests_are_served_on_the_market_thread_deduplicated_and_reported(qtbot):
    service = FakeService()
    requests = MarketRequests()
    held = requests.history("300750")                     # asked before the worker exists: held
    poller = MarketPoller(lambda _cancel: service, tick_ms=60_000)
    requests.attach(poller)
    finished = []
    requests.finished.connect(lambda key, error: finished.append((key, error)))
    thread = PollerThread(poller, "huohua-market-poller")
    try:
        service.gate.clear()                              # the first quotes request blocks the market thread…
        thread.start()
        qtbot.waitUntil(lambda: poller.service is not None, timeout=3000)
        requests.quotes(["300750"])
        qtbot.wait(50)
        # … while more arrive: the same request twice is queued once; an error is reported to the asker
        k1 = requests.board_members("BK1033", "industry")
        k2 = requests.board_members("BK1033", "industry")
        bad = requests.board_members("BK0000", "industry")
        requests.keep_intraday_fresh("300274")
        service.gate.set()
        qtbot.waitUntil(lambda: {k1, bad, held} <= {k for k, _ in finished}, timeout=5000)
        assert k1 == k2 and [c for c in service.calls if c[0] == "board_members"] == [
            ("board_members", "BK1033", "industry")]
        assert dict(finished)[bad].startswith("no industry board") and dict(finished)[k1] == ""
        assert ("history", "300750", 250, "qfq") in service.calls
        assert service.chart_code == "300274"                 # set on the market thread, never from the GUI
        quotes = [c for c in service.calls if c[0] == "quotes"]
        assert quotes and quotes[0][2] == "huohua-market-poller"
    finally:
        assert thread.stop()


def test_requests_without_a_worker_fail_with_the_reason(qtbot):
    requests = MarketRequests()
    finished = []
    requests.finished.connect(lambda key, error: finished.append(error))
    requests.history("300750")
    requests.refuse("the data directory is read-only")
    requests.quotes(["300750"])
    assert finished == ["the data directory is read-only"] * 2

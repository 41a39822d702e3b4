"""Shared fixtures. Qt must be told to go offscreen before anything imports it.

A test that depends on the time of day or the date says which instant it means (desktop.core.clock, issue 30):
`@pytest.mark.now("2026-11-21 10:00")` (naive = Beijing time; `tick=False` freezes it); a child process it starts
inherits the instant through HUOHUA_NOW. Other tests run on the computer's clock, whatever the hour
(scripts/clock_matrix.py proves it). The `spawn` fixture starts processes that end with the test,
and the session fails if any child of pytest is still running at its end.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TQDM_DISABLE", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
CAPTURED = FIXTURES / "feeds" / "captured"


def pytest_configure(config):
    config.addinivalue_line("markers", "now(instant, tick=True): run the test with desktop.core.clock pinned "
                            "to this instant (ISO 8601, naive = Beijing time)")


@pytest.fixture(autouse=True)
def pinned_now(request, monkeypatch) -> float:
    """The test's "now" in Unix seconds. With `@pytest.mark.now(...)` the clock is pinned there (ticking unless
    tick=False) and HUOHUA_NOW carries it to child processes; without it the test runs on the computer's clock,
    and must not depend on the hour or the date it runs (scripts/clock_matrix.py moves the wall clock to prove it)."""
    from datetime import datetime

    from desktop.core import clock

    marker = request.node.get_closest_marker("now")
    if marker is None:
        monkeypatch.delenv(clock.ENV, raising=False)
        clock.unpin()
        yield clock.now()
        return
    start = clock.pin(marker.args[0], tick=marker.kwargs.get("tick", True))
    monkeypatch.setenv(clock.ENV, datetime.fromtimestamp(start, clock.SHANGHAI).isoformat())
    yield start
    clock.unpin()


@pytest.fixture
def spawn():
    """spawn(args, **Popen kwargs) → Popen; every process started so is ended when the test ends, pass or fail."""
    import subprocess

    from tests.procs import end

    started: list[subprocess.Popen] = []

    def start(args, **kw):
        proc = subprocess.Popen(args, **kw)
        started.append(proc)
        return proc

    yield start
    for proc in reversed(started):          # the last started first (a window before its X server)
        end(proc)


def pytest_sessionfinish(session, exitstatus):
    """A test that started a process must end it: any child of pytest still running now fails the run."""
    from tests.procs import end_left_children

    left = end_left_children()
    if left:
        session.config.pluginmanager.get_plugin("terminalreporter").write_line(
            "children of pytest left running (ended now): " + "; ".join(left), red=True)
        session.exitstatus = 1


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)  # loopback only, any free port


@pytest.fixture
def paths(tmp_path, monkeypatch):
    from desktop.config import resolve_paths

    monkeypatch.delenv("HUOHUA_CONFIG_DIR", raising=False)
    return resolve_paths(tmp_path / "data").ensure()


@pytest.fixture
def settings(paths):
    from desktop.config import Settings

    s = Settings(paths.settings_file)
    s.set("feeds.timeout_s", 2.0)
    s.set("feeds.concurrency", 4)
    s.set("feeds.parse_processes", 0)   # parse inline: spawning workers per test costs a second each
    return s


@pytest.fixture
def core(paths, settings):
    from desktop.app import Core

    c = Core(paths, settings)
    yield c
    c.close()


@pytest.fixture
def make_gui(qtbot, paths, settings):
    """Build GuiApp instances on the same data dir (a second one is "the next start"). A clean shutdown logs no
    ERROR: any ERROR record from the first `shutdown()` (the test's or this fixture's) to the end of the test
    fails it."""
    import logging

    from PySide6.QtWidgets import QApplication

    from desktop.gui_app import GuiApp
    from desktop.gui_main import apply_interface
    from desktop.ui import i18n
    from desktop.ui.style import apply_theme

    apps = []
    shutdown_errors: list[str] = []

    class _Errors(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            shutdown_errors.append(f"{record.name}: {record.getMessage()}")

    catcher = _Errors(logging.ERROR)

    def make(**kw):
        kw.setdefault("start_pollers", False)
        # as every start does: the stored interface language and theme are installed before the window is built
        # (a test that chose English in the settings dialog sees English in the next make_gui()). The first
        # window of a test whose settings hold neither keeps what the test installed by hand (i18n.install).
        if apps or settings.chosen("ui.language") or settings.chosen("ui.theme"):
            apply_interface(QApplication.instance(), settings)
        app = GuiApp(paths, settings, **kw)
        original = app.shutdown

        def shutdown(*a, **k):
            if catcher not in logging.getLogger().handlers:
                logging.getLogger().addHandler(catcher)
            return original(*a, **k)

        app.shutdown = shutdown
        apps.append(app)            # shut down at teardown even if it never loads (its late callbacks then stop)
        qtbot.addWidget(app.window)
        app.show()
        qtbot.waitExposed(app.window)
        # not a speed bar: the demo's first load seeds its articles, and two test runs share the CI machine's cores
        qtbot.waitUntil(lambda: app.loaded, timeout=20_000)
        return app

    try:
        yield make
        for app in apps:
            app.shutdown()          # idempotent: a test may have shut it down already
    finally:
        logging.getLogger().removeHandler(catcher)
        if apps:                    # the rest of the suite runs Chinese and light
            i18n.install(QApplication.instance(), "zh_CN")
            apply_theme(QApplication.instance(), "light")
    if shutdown_errors:
        pytest.fail("ERROR logged while the window shut down:\n" + "\n".join(shutdown_errors[:10]))

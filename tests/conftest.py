"""Shared fixtures. Qt must be told to go offscreen before anything imports it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TQDM_DISABLE", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
CAPTURED = FIXTURES / "feeds" / "captured"


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
    """Build GuiApp instances on the same data dir (a second one is "the next start")."""
    from desktop.gui_app import GuiApp

    apps = []

    def make(**kw):
        kw.setdefault("start_pollers", False)
        app = GuiApp(paths, settings, **kw)
        qtbot.addWidget(app.window)
        app.show()
        qtbot.waitExposed(app.window)
        qtbot.waitUntil(lambda: app.loaded, timeout=5000)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.shutdown()          # idempotent: a test may have shut it down already

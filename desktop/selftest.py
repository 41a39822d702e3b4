"""`huohua --self-test`: does this installation work? One line per check (`ok   name: detail` or
`FAIL name: error`), a summary line, exit status 1 if any check failed. Runs from source and frozen (the
bundle's `huohua-cli --self-test`; packaging/build.py's smoke checks call it).

Checks the pieces a frozen build can miss silently (bundled resources, opencc's dictionaries, pyahocorasick,
nh3, akshare's data files, py_mini_racer's native library, exchange_calendars + tzdata, a spawned worker, the
market process) and the app end to end: a database created and migrated in a temporary directory, every
resource loaded and parsed, a sample article tagged and linked, the demo recording replayed, and the window
built offscreen and painted once. Nothing touches the user's data directory.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

from desktop.config import resources_dir

# What the app reads from resources/ (the same list as REQUIRED_RESOURCES in packaging/huohua.spec;
# tests/test_packaging.py keeps them equal).
REQUIRED_RESOURCES = ("feeds.opml", "themes.toml", "aliases.toml", "common_word_names.toml", "nicknames.toml",
                      "stems.toml", "stocks/a_shares.csv", "stocks/a_shares_ext.csv", "demo/exchanges.jsonl",
                      "demo/meta.json", "demo/news.xml", "icons/huohua.svg", "icons/huohua-256.png")
SAMPLE = "宁德时代与阳光电源签署储能合作协议，交行提供授信；算力需求带动光模块出货。"


def _check(name: str, fn: Callable[[], str], failures: list[str]) -> None:
    start = time.perf_counter()
    try:
        detail = fn()
    except BaseException as exc:  # noqa: BLE001 - a self-test reports every failure, whatever it is
        failures.append(name)
        print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
    else:
        print(f"ok   {name}: {detail} ({(time.perf_counter() - start) * 1000:.0f} ms)", flush=True)


# -- the pieces a frozen build can miss ------------------------------------------------------------------------
def _resources() -> str:
    root = resources_dir()
    missing = [p for p in REQUIRED_RESOURCES if not (root / p).is_file()]
    if missing:
        raise FileNotFoundError(f"missing under {root}: {', '.join(missing)}")
    return f"{sum(1 for p in root.rglob('*') if p.is_file())} files in {root}"


def _opencc() -> str:
    import opencc

    out = opencc.OpenCC("t2s").convert("寧德時代發佈儲能電池")
    if out != "宁德时代发布储能电池":
        raise AssertionError(f"t2s gave {out!r}")
    return out


def _ahocorasick() -> str:
    import ahocorasick

    a = ahocorasick.Automaton()
    for i, word in enumerate(("宁德时代", "储能", "光伏")):
        a.add_word(word, (i, word))
    a.make_automaton()
    found = [v[1] for _, v in a.iter_long("宁德时代发布储能电池，光伏板块走强")]
    if found != ["宁德时代", "储能", "光伏"]:
        raise AssertionError(f"found {found}")
    return " ".join(found)


def _nh3() -> str:
    import nh3

    out = nh3.clean('<p onclick="x()">储能<script>alert(1)</script></p>')
    if "script" in out or "onclick" in out or "储能" not in out:
        raise AssertionError(f"clean gave {out!r}")
    return out


def _akshare_data() -> str:
    import akshare
    from akshare.datasets import get_ths_js
    from akshare.futures.cons import get_calendar

    dates = get_calendar()
    js = get_ths_js("ths.js")
    if not js.is_file():
        raise FileNotFoundError(js)
    return f"akshare {akshare.__version__}, calendar.json {len(dates)} dates, {js.name} found"


def _mini_racer() -> str:
    import py_mini_racer

    value = py_mini_racer.MiniRacer().eval("[1, 2, 3].map(x => x * 2).reduce((a, b) => a + b)")
    if value != 12:
        raise AssertionError(f"eval gave {value!r}")
    try:
        from py_mini_racer.py_mini_racer import EXTENSION_PATH
    except ImportError:         # mini-racer (akshare's choice on Windows and macOS): the library is in the package
        EXTENSION_PATH = os.path.dirname(py_mini_racer.__file__)

    bundle = getattr(sys, "_MEIPASS", None)
    return f"eval ok, native library {os.path.relpath(EXTENSION_PATH, bundle) if bundle else EXTENSION_PATH}"


def _calendar() -> str:
    from importlib.resources import files
    from zoneinfo import ZoneInfo

    import exchange_calendars as xcals

    ZoneInfo("Asia/Shanghai")
    if not (files("tzdata") / "zoneinfo" / "Asia" / "Shanghai").is_file():   # Windows has no system tz database
        raise FileNotFoundError("tzdata/zoneinfo/Asia/Shanghai is not bundled")
    cal = xcals.get_calendar("XSHG")
    return f"XSHG sessions {cal.first_session.date()}…{cal.last_session.date()}, tzdata bundled"


def _spawn() -> str:
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        pids = {f.result(timeout=120) for f in [pool.submit(os.getpid) for _ in range(4)]}
    if os.getpid() in pids or not pids:
        raise AssertionError(f"worker pids {pids}")
    return f"{len(pids)} spawned worker(s) answered"


def _market_process() -> str:
    from desktop.sources.process_source import ProcessSource

    source = ProcessSource(replay_dir=resources_dir() / "demo")
    try:
        bars = source.daily_bars("300750", 250, "qfq")
        if not bars or source.pid == os.getpid():
            raise AssertionError(f"{len(bars)} bars from pid {source.pid}")
        return f"{len(bars)} daily bars of 300750 from the market process (pid {source.pid})"
    finally:
        source.close()


# -- the app end to end -----------------------------------------------------------------------------------------
def _database(tmp: Path) -> str:
    from desktop.store import schema
    from desktop.store.db import table_count, user_version
    from desktop.store.writer import Writer

    db = tmp / "selftest.sqlite3"
    with Writer(db, tmp / "backups") as w:
        version = w.call(user_version)
        w.call(lambda c: schema.verify(c))
        tables = w.call(table_count)
    if version != schema.LATEST:
        raise AssertionError(f"schema v{version}, expected v{schema.LATEST}")
    return f"created and migrated to schema v{version} ({tables} tables) in a temporary directory"


def _every_resource() -> str:
    import csv
    import json
    import tomllib

    from desktop.sources.opml import parse_opml

    root = resources_dir()
    feeds = parse_opml((root / "feeds.opml").read_bytes(), "http://127.0.0.1:1200")
    for name in ("themes.toml", "aliases.toml", "common_word_names.toml", "nicknames.toml", "stems.toml"):
        tomllib.loads((root / name).read_text(encoding="utf-8"))
    stocks = list(csv.DictReader((root / "stocks" / "a_shares.csv").open(encoding="utf-8")))
    json.loads((root / "demo" / "meta.json").read_text(encoding="utf-8"))
    qm = sorted(p.name for p in (root / "translations").glob("*.qm"))
    if not feeds or len(stocks) < 5000 or not qm:
        raise AssertionError(f"{len(feeds)} feeds, {len(stocks)} stocks, translations {qm}")
    return f"{len(feeds)} bundled feeds, {len(stocks)} stocks, 5 TOML files, translations {', '.join(qm)}"


def _tagging() -> str:
    from desktop.core.normalize import normalize
    from desktop.tagging.tagger import Tagger

    themes, links = Tagger.from_resources(resources_dir()).tag_text("", normalize(SAMPLE))
    codes = sorted(link.code for link in links)
    names = sorted(t.theme for t in themes)
    if codes != ["300274", "300750", "601328"] or "energy" not in names or "ai" not in names:
        raise AssertionError(f"links {codes}, themes {names}")
    return f"links {' '.join(codes)}, themes {' '.join(names)}"


def _demo_replay() -> str:
    from desktop.sources.factory import make_source

    source = make_source(resources_dir() / "demo")
    try:
        quotes = source.quotes(["300750", "300274"])
        news = source.flash_news("cls")
    finally:
        source.close()
    if len(quotes) != 2 or not news:
        raise AssertionError(f"{len(quotes)} quotes, {len(news)} 快讯")
    return f"quotes of 300750 ({quotes[0].price}) and 300274, {len(news)} 快讯 from the demo recording"


def _window(tmp: Path) -> str:
    """The main window, offscreen, until it has painted once (a QApplication of our own if there is none)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.config import Paths, Settings
    from desktop.gui_app import GuiApp
    from desktop.ui.startup import FirstPaint

    app = cast(QApplication, QApplication.instance()) or QApplication(["huohua-selftest"])
    paths = Paths(tmp / "data", tmp / "config").ensure()
    gui = GuiApp(paths, Settings(paths.settings_file), start_pollers=False, default_feeds=False)
    loop = QEventLoop()
    painted: list[bool] = []

    def on_paint() -> None:
        painted.append(True)
        loop.quit()

    FirstPaint(gui.window, on_paint)
    QTimer.singleShot(20_000, loop.quit)
    gui.show()
    loop.exec()
    size = gui.window.size()
    gui.shutdown()
    gui.window.close()
    app.processEvents()
    if not painted:
        raise AssertionError("the window did not paint within 20 s")
    return f"built and painted once ({size.width()}×{size.height()}, {app.platformName()})"


def run(bundle_only: bool = False) -> int:
    """Every check; 0 when all passed. `bundle_only`: the packaging checks alone (the old --bundle-selftest)."""
    failures: list[str] = []
    from desktop import __version__

    print(f"huohua {__version__} self-test · frozen={getattr(sys, 'frozen', False)} · {sys.executable}", flush=True)
    checks: list[tuple[str, Callable[[], str]]] = [
        ("resources", _resources), ("opencc t2s", _opencc), ("pyahocorasick", _ahocorasick), ("nh3", _nh3),
        ("akshare data files", _akshare_data), ("py_mini_racer", _mini_racer),
        ("exchange_calendars + tzdata", _calendar), ("multiprocessing spawn", _spawn),
        ("market process (akshare in a spawned child)", _market_process)]
    with tempfile.TemporaryDirectory(prefix="huohua-selftest-") as tmp:
        if not bundle_only:
            checks += [("database create + migrate", lambda: _database(Path(tmp))),
                       ("every resource loads", _every_resource), ("a sample article is tagged", _tagging),
                       ("the demo recording replays", _demo_replay),
                       ("the window builds and paints (offscreen)", lambda: _window(Path(tmp)))]
        for name, fn in checks:
            _check(name, fn, failures)
    print("self-test: " + ("all passed" if not failures else f"{len(failures)} failed: {', '.join(failures)}"),
          flush=True)
    return 1 if failures else 0

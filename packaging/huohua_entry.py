"""Entry point of the frozen (PyInstaller) app: `huohua` (windowed) and `huohua-cli` (console).

Order matters, which is why this file exists instead of pointing PyInstaller at desktop/__main__.py:

1. `multiprocessing.freeze_support()` first. The feed parser runs worker processes with the "spawn" context
   (desktop/services/parse_pool.py), and the market source runs in one (desktop/sources/process_source.py); in a frozen app a worker is this same executable started again with
   multiprocessing's arguments, and freeze_support() turns it into the worker and never returns. Anything
   before it (imports of desktop, Qt, argparse) would run once more in every worker, or fail on the
   worker's arguments.
2. `TQDM_DISABLE=1` before anything can import akshare: akshare prints tqdm progress bars to stderr, and in a
   windowed build stderr is None, so tqdm raises AttributeError. Spawned workers inherit the variable.
3. A windowed executable on Windows (and a macOS .app) starts with sys.stdout / sys.stderr set to None; they
   are pointed at os.devnull so a stray print or logging call cannot crash the GUI.

`huohua-cli --bundle-selftest` (first argument only) checks, inside the bundle, the pieces PyInstaller can
miss silently: bundled resources, opencc's dictionaries, pyahocorasick, nh3, akshare's data files,
py_mini_racer's native library, exchange_calendars, a spawned worker process and the market process
(sources/process_source.py: akshare runs in a spawned child of the window). packaging/build.py runs it.
"""

import multiprocessing
import os
import sys

# The same list as REQUIRED_RESOURCES in huohua.spec (tests/test_packaging.py keeps them equal).
REQUIRED_RESOURCES = ("feeds.opml", "themes.toml", "aliases.toml", "common_word_names.toml", "nicknames.toml",
                      "stems.toml", "stocks/a_shares.csv",
                      "stocks/a_shares_ext.csv", "demo/exchanges.jsonl", "demo/meta.json", "demo/news.xml")


def _check(name, fn, failures):
    try:
        detail = fn()
    except BaseException as exc:  # noqa: BLE001 - a self-test reports every failure, whatever it is
        failures.append(name)
        print(f"FAIL {name}: {type(exc).__name__}: {exc}")
    else:
        print(f"ok   {name}: {detail}")


def _resources():
    from desktop.config import resources_dir

    root = resources_dir()
    missing = [p for p in REQUIRED_RESOURCES if not (root / p).is_file()]
    if missing:
        raise FileNotFoundError(f"missing under {root}: {', '.join(missing)}")
    return f"{sum(1 for p in root.rglob('*') if p.is_file())} files in {root}"


def _opencc():
    import opencc

    out = opencc.OpenCC("t2s").convert("寧德時代發佈儲能電池")
    if out != "宁德时代发布储能电池":
        raise AssertionError(f"t2s gave {out!r}")
    return out


def _ahocorasick():
    import ahocorasick

    a = ahocorasick.Automaton()
    for i, word in enumerate(("宁德时代", "储能", "光伏")):
        a.add_word(word, (i, word))
    a.make_automaton()
    found = [v[1] for _, v in a.iter_long("宁德时代发布储能电池，光伏板块走强")]
    if found != ["宁德时代", "储能", "光伏"]:
        raise AssertionError(f"found {found}")
    return " ".join(found)


def _nh3():
    import nh3

    out = nh3.clean('<p onclick="x()">储能<script>alert(1)</script></p>')
    if "script" in out or "onclick" in out or "储能" not in out:
        raise AssertionError(f"clean gave {out!r}")
    return out


def _akshare_data():
    import akshare
    from akshare.datasets import get_ths_js
    from akshare.futures.cons import get_calendar

    dates = get_calendar()
    js = get_ths_js("ths.js")
    if not js.is_file():
        raise FileNotFoundError(js)
    return f"akshare {akshare.__version__}, calendar.json {len(dates)} dates ({dates[0]}…{dates[-1]}), {js.name} found"


def _mini_racer():
    import py_mini_racer

    ctx = py_mini_racer.MiniRacer()
    value = ctx.eval("[1, 2, 3].map(x => x * 2).reduce((a, b) => a + b)")
    if value != 12:
        raise AssertionError(f"eval gave {value!r}")
    from py_mini_racer.py_mini_racer import EXTENSION_PATH

    bundle = getattr(sys, "_MEIPASS", None)
    where = os.path.relpath(EXTENSION_PATH, bundle) if bundle else EXTENSION_PATH
    return f"eval ok, native library {where}"


def _calendar():
    from importlib.resources import files
    from zoneinfo import ZoneInfo

    import exchange_calendars as xcals

    ZoneInfo("Asia/Shanghai")
    if not (files("tzdata") / "zoneinfo" / "Asia" / "Shanghai").is_file():   # Windows has no system tz database
        raise FileNotFoundError("tzdata/zoneinfo/Asia/Shanghai is not bundled")
    cal = xcals.get_calendar("XSHG")
    return f"XSHG sessions {cal.first_session.date()}…{cal.last_session.date()}, tzdata bundled"


def _spawn():
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        pids = {f.result(timeout=120) for f in [pool.submit(os.getpid) for _ in range(4)]}
    if os.getpid() in pids or not pids:
        raise AssertionError(f"worker pids {pids}")
    return f"{len(pids)} spawned worker(s) answered"


def _market_process():
    from desktop.config import resources_dir
    from desktop.sources.process_source import ProcessSource

    source = ProcessSource(replay_dir=resources_dir() / "demo")
    try:
        bars = source.daily_bars("300750", 250, "qfq")
        if not bars or source.pid == os.getpid():
            raise AssertionError(f"{len(bars)} bars from pid {source.pid}")
        return f"{len(bars)} daily bars of 300750 from the market process (pid {source.pid})"
    finally:
        source.close()


def bundle_selftest() -> int:
    failures: list[str] = []
    print(f"frozen={getattr(sys, 'frozen', False)} executable={sys.executable}")
    for name, fn in (("resources", _resources), ("opencc t2s", _opencc), ("pyahocorasick", _ahocorasick),
                     ("nh3", _nh3), ("akshare data files", _akshare_data), ("py_mini_racer", _mini_racer),
                     ("exchange_calendars + tzdata", _calendar), ("multiprocessing spawn", _spawn),
                     ("market process (akshare in a spawned child)", _market_process)):
        _check(name, fn, failures)
    print("selftest: " + ("all passed" if not failures else f"{len(failures)} failed: {', '.join(failures)}"))
    return 1 if failures else 0


def _run() -> int:
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app
    if sys.argv[1:2] == ["--bundle-selftest"]:
        return bundle_selftest()
    from desktop.__main__ import main

    return main()


if __name__ == "__main__":
    multiprocessing.freeze_support()
    os.environ.setdefault("TQDM_DISABLE", "1")
    sys.exit(_run())

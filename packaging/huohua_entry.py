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

`huohua-cli --self-test` (first argument only; desktop/selftest.py) checks, inside the bundle, the pieces
PyInstaller can miss silently — bundled resources, opencc's dictionaries, pyahocorasick, nh3, akshare's data
files, py_mini_racer's native library, exchange_calendars, a spawned worker process and the market process —
and the app end to end: a database created and migrated, every resource loaded, a sample article tagged, the
demo recording replayed, the window built offscreen and painted once. `--bundle-selftest` runs the first part
only. packaging/build.py's smoke checks run it.
"""

import multiprocessing
import os
import sys


def bundle_selftest(bundle_only: bool) -> int:
    """The checks live in desktop/selftest.py (`huohua --self-test` runs them from source too)."""
    from desktop.selftest import run

    return run(bundle_only=bundle_only)


def _run() -> int:
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the app
    if sys.argv[1:2] in (["--bundle-selftest"], ["--self-test"]):
        return bundle_selftest(bundle_only=sys.argv[1] == "--bundle-selftest")
    from desktop.__main__ import main

    return main()


if __name__ == "__main__":
    multiprocessing.freeze_support()
    os.environ.setdefault("TQDM_DISABLE", "1")
    sys.exit(_run())

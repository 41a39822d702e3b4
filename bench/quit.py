"""Quitting `huohua --demo`: how long from SIGTERM (or SIGINT) to the end of the process, and whether its
temporary directory (huohua-demo-*) is left behind.

    python bench/quit.py [--runs 3] [--wait 10] [--json]

Each run starts `python -m desktop --demo` from the repository (offscreen platform, bytecode cached as an
installed app runs) with TMPDIR pointed at a directory of the run's own, so "its" huohua-demo-* directory is
exactly what appears there. Settled: the signal is sent once the process has been running `--wait` seconds
(the window up, the demo's data loaded). Early: SIGTERM 1 s after the window's database appeared — the start-up
work (the demo's articles, the stock list seeded into a fresh database) still running; quitting there waited
for it (Ctrl+Q quits through the same path as a signal: the event loop ends, then the window's shutdown).
Timed from the signal to the process's exit (wait() returning), median of the runs. Bar: ≤ 1 s each, and no
directory left.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BAR_S = 1.0


def one_run(sig: int, *, wait_s: float | None, env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds from the signal to the exit, exit code, huohua-demo-* directories left). wait_s None: early."""
    with tempfile.TemporaryDirectory(prefix="bench-quit-") as tmp:
        scratch = Path(tmp) / "tmp"
        scratch.mkdir()
        run_env = {**env, "TMPDIR": str(scratch), "HUOHUA_DATA_DIR": str(Path(tmp) / "data"),
                   "HUOHUA_CONFIG_DIR": ""}
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "desktop", "--demo"], cwd=ROOT, env=run_env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if wait_s is not None:
                time.sleep(max(0.0, started + wait_s - time.monotonic()))
            else:
                while not any(scratch.glob("huohua-demo-*/huohua.sqlite3")):
                    if proc.poll() is not None or time.monotonic() - started > 60:
                        raise RuntimeError("huohua --demo did not open its database")
                    time.sleep(0.01)
                time.sleep(1.0)
            if proc.poll() is not None:
                raise RuntimeError(f"huohua --demo ended by itself ({proc.returncode})")
            t = time.monotonic()
            proc.send_signal(sig)
            code = proc.wait(60)
            took = time.monotonic() - t
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        return took, code, len(list(scratch.glob("huohua-demo-*")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--wait", type=float, default=10.0, help="seconds the demo runs before the signal (settled)")
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # As installed apps run: with compiled bytecode cached (this sandbox sets PYTHONDONTWRITEBYTECODE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    results: dict[str, list[tuple[float, int, int]]] = {"sigterm": [], "sigint": [], "early_sigterm": []}
    for _ in range(args.runs):
        results["sigterm"].append(one_run(signal.SIGTERM, wait_s=args.wait, env=env))
        results["sigint"].append(one_run(signal.SIGINT, wait_s=args.wait, env=env))
        results["early_sigterm"].append(one_run(signal.SIGTERM, wait_s=None, env=env))

    def median(key: str) -> float:
        return statistics.median(r[0] for r in results[key])

    leftover = sum(r[2] for rs in results.values() for r in rs)
    labels = {"sigterm": f"SIGTERM after {args.wait:g} s", "sigint": f"SIGINT after {args.wait:g} s",
              "early_sigterm": "SIGTERM 1 s after the database opened"}
    for key, label in labels.items():
        worst = max(r[0] for r in results[key])
        codes = sorted({r[1] for r in results[key]})
        ok = "ok" if median(key) <= BAR_S else "OVER"
        print(f"{label:<38}: {median(key):5.2f} s median of {args.runs}, worst {worst:.2f} s, exit {codes}"
              f"  (bar ≤ {BAR_S:g} s: {ok})")
    print(f"huohua-demo-* directories left behind : {leftover} of {3 * args.runs} runs  (bar: 0)")
    if args.json:
        print(json.dumps({"sigterm_s": round(median("sigterm"), 3), "sigint_s": round(median("sigint"), 3),
                          "early_sigterm_s": round(median("early_sigterm"), 3), "leftover_dirs": leftover,
                          "runs": args.runs, "wait_s": args.wait, "bar_s": BAR_S}))


if __name__ == "__main__":
    main()

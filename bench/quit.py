"""Quitting `huohua --demo`: how long from SIGTERM (or SIGINT) to the end of the process, and whether its
temporary directory (huohua-demo-*) is left behind.

    python bench/quit.py [--runs 3] [--wait 10] [--json]

Each run starts `python -m desktop --demo` from the repository (offscreen platform, bytecode cached as an
installed app runs) with TMPDIR pointed at a directory of the run's own, so "its" huohua-demo-* directory is
exactly what appears there. Settled: the signal is sent once the process has been running `--wait` seconds
(the window up, the demo's data loaded). Early: SIGTERM 0.2, 0.4 … 1.2 s after the window's database appeared
(it is opened after the first paint), while the start-up work runs — the demo's articles, the stock list seeded
into the fresh database, the market process starting; the figure is the slowest of those moments. Ctrl+Q
quits through the same path as a signal: the event loop ends, then the window's shutdown. Start-up: SIGTERM
the moment the temporary directory appears, before the first paint (its time is not part of the bar: the
window quits once it has painted; what counts there is that the directory goes).
Timed from the signal to the process's exit (wait() returning), median of the runs. Bar: ≤ 1 s each, and no
directory left.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

BAR_S = 1.0
EARLY_S = (0.2, 0.4, 0.6, 0.8, 1.0, 1.2)      # after the database appeared


def one_run(sig: int, *, wait_s: float | None = None, after: str = "huohua-demo-*/huohua.sqlite3",
            after_s: float = 0.0, env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds from the signal to the exit, exit code, huohua-demo-* directories left). The signal goes
    `wait_s` after the start, or (wait_s None) `after_s` after a path matching `after` appeared in TMPDIR."""
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
                while not any(scratch.glob(after)):
                    if proc.poll() is not None or time.monotonic() - started > 60:
                        raise RuntimeError(f"huohua --demo made no {after}")
                    time.sleep(0.005)
                time.sleep(after_s)
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--wait", type=float, default=10.0, help="seconds the demo runs before the signal (settled)")
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # As installed apps run: with compiled bytecode cached (this sandbox sets PYTHONDONTWRITEBYTECODE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    results: dict[str, list[tuple[float, int, int]]] = {"sigterm": [], "sigint": []}
    results.update({f"early {d:g}": [] for d in EARLY_S})
    results["start-up"] = []
    for _ in range(args.runs):
        results["sigterm"].append(one_run(signal.SIGTERM, wait_s=args.wait, env=env))
        results["sigint"].append(one_run(signal.SIGINT, wait_s=args.wait, env=env))
        for d in EARLY_S:
            results[f"early {d:g}"].append(one_run(signal.SIGTERM, after_s=d, env=env))
        results["start-up"].append(one_run(signal.SIGTERM, after="huohua-demo-*", env=env))

    def median(key: str) -> float:
        return statistics.median(r[0] for r in results[key])

    def line(label: str, key: str, bar: bool = True) -> None:
        worst = max(r[0] for r in results[key])
        codes = sorted({r[1] for r in results[key]})
        ok = "ok" if median(key) <= BAR_S else "OVER"
        print(f"{label:<40}: {median(key):5.2f} s median of {args.runs}, worst {worst:.2f} s, exit {codes}"
              + (f"  (bar ≤ {BAR_S:g} s: {ok})" if bar else ""))

    line(f"SIGTERM, {args.wait:g} s after the start", "sigterm")
    line(f"SIGINT, {args.wait:g} s after the start", "sigint")
    for d in EARLY_S:
        line(f"SIGTERM, {d:g} s after the database opened", f"early {d:g}")
    line("SIGTERM as the directory appears", "start-up", bar=False)
    early = max(median(f"early {d:g}") for d in EARLY_S)
    runs = sum(len(rs) for rs in results.values())
    leftover = sum(r[2] for rs in results.values() for r in rs)
    print(f"slowest early quit                      : {early:5.2f} s  (bar ≤ {BAR_S:g} s)")
    print(f"huohua-demo-* directories left behind   : {leftover} of {runs} runs  (bar: 0)")
    return finish([bar("sigterm_s", round(median("sigterm"), 3), BAR_S, unit=" s"),
                   bar("sigint_s", round(median("sigint"), 3), BAR_S, unit=" s"),
                   bar("early_sigterm_s", round(early, 3), BAR_S, unit=" s"),
                   bar("leftover_dirs", leftover, 0)],
                  {"sigterm_s": round(median("sigterm"), 3), "sigint_s": round(median("sigint"), 3),
                   "early_sigterm_s": round(early, 3), "leftover_dirs": leftover, "runs": args.runs,
                   "wait_s": args.wait, "bar_s": BAR_S}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

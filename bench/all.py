"""Every benchmark, one after the other, in one table: bench, figure, bar, result, seconds.

    python bench/all.py [--only NAME]... [--quick] [--list] [--json] [--timeout 1800]

A bench is a bench/*.py with a `--json` flag (found, not listed here, so a new bench joins by having one);
bench/corpus.py and bench/verdict.py are helpers. Each runs alone as `python bench/NAME.py --json` (offscreen
Qt), so one never slows another; its figures and bars come from the `bars` of its JSON (bench/verdict.py),
its result from its exit status: 0 within every bar, 1 over one. A bench whose JSON has no `bars` shows its
exit status only. --quick passes fewer repetitions to the benches that take them (same data, noisier
medians) and leaves out the benches that take half an hour (SLOW: bench/soak.py; `--only soak` still runs it,
with its own longer timeout). Exit status: 1 when any bench is over its bar or failed to run, else 0.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
HELPERS = {"__init__", "all", "corpus", "verdict"}            # modules of bench/ that measure nothing
SLOW = {"soak"}               # left out by --quick: they run for half an hour
TIMEOUTS = {"soak": 2700.0}   # seconds: its 30 minutes, the start-up and the stop, whatever --timeout says
QUICK = {"alerts": ["--runs", "5"], "startup": ["--runs", "3"], "quit": ["--runs", "1"], "movers": ["--runs", "3"]}


def benches() -> list[str]:
    return sorted(p.stem for p in BENCH.glob("*.py")
                  if p.stem not in HELPERS and '"--json"' in p.read_text(encoding="utf-8"))


def chosen(names: list[str], only: list[str], quick: bool) -> list[str]:
    """The benches to run: --only's, else every one (but the SLOW ones with --quick)."""
    return only or [n for n in names if not (quick and n in SLOW)]


def last_json(stdout: str) -> dict | None:
    lines = stdout.strip().splitlines()
    try:
        out = json.loads(lines[-1]) if lines else None
    except ValueError:
        return None
    return out if isinstance(out, dict) else None


def run(name: str, quick: bool, timeout: float) -> dict:
    cmd = [sys.executable, str(BENCH / f"{name}.py"), "--json", *(QUICK.get(name, []) if quick else [])]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t, limit = time.monotonic(), max(timeout, TIMEOUTS.get(name, 0.0))
    # its own session: a bench that times out is ended with the processes it started (the demo, workers)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace", start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=limit)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        code = None
    seconds = round(time.monotonic() - t, 1)
    out = last_json(stdout)
    bars = out.get("bars", []) if out else []
    ok = code == 0 and out is not None and all(b.get("ok") for b in bars)
    why = ("" if ok else f"timed out after {limit:g} s" if code is None
           else "no JSON on its last line" if out is None
           else "over its bar" if code == 1 else f"exit {code}")
    return {"name": name, "exit": code, "seconds": seconds, "pass": ok, "why": why, "bars": bars, "json": out,
            "tail": [] if ok or code == 1 else (stderr or stdout).strip().splitlines()[-5:]}


def number(x) -> str:
    return "—" if x is None else f"{x:g}" if isinstance(x, float) else str(x)


def table(results: list[dict]) -> list[str]:
    rows = [("bench", "figure", "bar", "result", "seconds")]
    for r in results:
        seconds = f"{r['seconds']:g}"
        for i, b in enumerate(r["bars"]):
            unit, op = b.get("unit", ""), "≥" if b.get("op") == ">=" else "≤"
            rows.append((r["name"] if i == 0 else "", f"{b['name']} {number(b.get('figure'))}{unit}",
                         f"{op} {number(b.get('bar'))}{unit}", "ok" if b.get("ok") else "OVER",
                         seconds if i == 0 else ""))
        if not r["bars"] or (not r["pass"] and r["why"] != "over its bar"):
            # no bars to show, or a failure the bars do not explain (a crash, a timeout, no JSON)
            rows.append((r["name"] if not r["bars"] else "", "(no bars in its JSON)" if not r["bars"] else "",
                         "—" if not r["bars"] else "", "pass" if r["pass"] else f"FAIL ({r['why']})",
                         seconds if not r["bars"] else ""))
    widths = [max(len(row[k]) for row in rows) for k in range(5)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return [lines[0], "-" * len(lines[0]), *lines[1:]]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", default=[], metavar="NAME", help="this bench only (repeatable)")
    ap.add_argument("--quick", action="store_true",
                    help="fewer repetitions where a bench takes --runs; the half-hour benches (soak) left out")
    ap.add_argument("--list", action="store_true", help="print the benches' names and run nothing")
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds one bench may take")
    args = ap.parse_args()
    names = benches()
    if args.list:
        print("\n".join(names))
        return 0
    unknown = [n for n in args.only if n not in names]
    if unknown:
        print(f"no such bench: {', '.join(unknown)} (one of: {', '.join(names)})", file=sys.stderr)
        return 2
    results = []
    for name in chosen(names, args.only, args.quick):
        print(f"bench/{name}.py …", file=sys.stderr, flush=True)
        results.append(run(name, args.quick, args.timeout))
        for line in results[-1]["tail"]:
            print(f"  {line}", file=sys.stderr)
    print("\n".join(table(results)))
    failed = [r["name"] for r in results if not r["pass"]]
    print(f"over its bar or failed: {', '.join(failed)}" if failed else f"every bench within its bars ({len(results)})")
    if args.json:
        print(json.dumps({"benches": [{k: r[k] for k in ("name", "exit", "seconds", "pass", "bars", "json")}
                                      for r in results], "quick": args.quick, "pass": not failed},
                         ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

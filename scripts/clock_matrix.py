"""Run the test suite with the wall clock moved to each instant that has broken it, or could (issue 30).

    python3 scripts/clock_matrix.py                  # every instant; every test at three of them (-q -rfE)
    python3 scripts/clock_matrix.py --whole          # every instant runs the whole suite (9 suites' time)
    python3 scripts/clock_matrix.py --only sat-1000 --only y2028 -- -x tests/market   # some, with pytest args
    python3 scripts/clock_matrix.py --list           # the instants and their families
    python3 scripts/clock_matrix.py --json           # … and one JSON object as the last line

Each run puts scripts/wallclock_shim on PYTHONPATH with HUOHUA_TEST_WALL_CLOCK_OFFSET: every Python process of the
run (pytest and each child a test starts) reads the wall clock moved to the instant, advancing in real time, through
time-machine; the monotonic clock is not moved, so deadlines and timeouts behave (libfaketime fakes it too and
breaks ~25 subprocess and deadline tests even at offset 0: docs/TESTING.md). Before each run a probe checks that
the shift reaches a grandchild process, so a silent no-op cannot pass. Tests that mean an instant pin it
(@pytest.mark.now); every other test runs at the moved wall clock, so what this proves is that none of them
depends on the hour or the date.

How the suite is shared out (the whole suite at nine instants took 4,400 s on CI's 2 cores, past its limit once
the suite grew): 00:01 Beijing, the instant where the Beijing and UTC dates differ, runs every test; the four
trading-session instants share the suite between them (each test at one of them), and so do the four others
(late evening, a Saturday, a holiday, 2028). Every test thus runs at three instants of three kinds: about three
suites' time. Which quarter a test falls in is a hash of its id and a seed (default: the commit being tested,
printed; --seed repeats a run), so over successive commits each test meets every instant. --whole runs the whole
suite at every instant.

An instant's failed tests (up to 10) are run once more at the same instant: a test that depends on the clock fails
again; one that passes then failed for the machine's load (a deadline, a race) and is reported as flaky ("flaky"
in --json); --no-rerun turns that off. Exit 0 when every instant passes, 1 when one fails (its pytest summary is
printed), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIM = ROOT / "scripts" / "wallclock_shim"
BEIJING = timezone(timedelta(hours=8))

# name → (Beijing wall time, why). 2026-12-08 is a Tuesday and a trading day.
INSTANTS: dict[str, tuple[str, str]] = {
    "trade-0945": ("2026-12-08 09:45", "a trading morning, early in the session"),
    "trade-1045": ("2026-12-08 10:45", "after 10:39: the hour the sparkline test failed from"),
    "trade-1459": ("2026-12-08 14:59", "the last minute of the session"),
    "trade-1530": ("2026-12-08 15:30", "after the close"),
    "bj-2359": ("2026-12-08 23:59", "late evening: the Beijing and UTC dates agree"),
    "bj-0001": ("2026-12-09 00:01", "16:01 UTC: the Beijing date is a day ahead of UTC"),
    "sat-1000": ("2026-12-12 10:00", "a Saturday"),
    "hol-2027": ("2027-01-01 10:00", "New Year's Day 2027: a holiday past the official calendar"),
    "y2028": ("2028-06-14 10:00", "a Wednesday in 2028, far past the bundled calendar"),
}

# Who runs what: the instant that runs every test, and the families whose instants share the suite between them
EVERY_TEST = "bj-0001"
FAMILIES: dict[str, tuple[str, ...]] = {
    "session": ("trade-0945", "trade-1045", "trade-1459", "trade-1530"),
    "off-hours": ("bj-2359", "sat-1000", "hol-2027", "y2028"),
}
SHARE_ENV = "HUOHUA_CLOCK_SHARE"       # read by scripts/wallclock_shim/clock_share.py (a pytest plugin)


def share_of(name: str, seed: str) -> str:
    """The HUOHUA_CLOCK_SHARE value for instant `name` ("" = the whole suite): "seed:family:index:count"."""
    for family, members in FAMILIES.items():
        if name in members:
            return f"{seed}:{family}:{members.index(name)}:{len(members)}"
    return ""


def default_seed() -> str:
    """The commit being tested (short), so a run can be repeated with --seed; "0" outside a git checkout."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "0"
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "0"


def beijing(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=BEIJING).timestamp()


def shifted_env(offset: float, share: str = "") -> dict[str, str]:
    env = dict(os.environ)
    env.pop(SHARE_ENV, None)
    if share:
        env[SHARE_ENV] = share
    env["PYTHONPATH"] = os.pathsep.join([str(SHIM), str(ROOT), *[p for p in [env.get("PYTHONPATH", "")] if p]])
    env["HUOHUA_TEST_WALL_CLOCK_OFFSET"] = repr(offset)
    env.pop("HUOHUA_NOW", None)        # the tests pin their own instant; the matrix moves only the wall clock
    return env


def probe(env: dict[str, str], want: float) -> str:
    """The wall clock a grandchild process reads under `env`: '' if it is `want` (± 2 minutes), else why not."""
    code = ("import subprocess, sys, time\n"
            "inner = 'import time; print(time.time())'\n"
            "out = subprocess.run([sys.executable, '-c', inner], capture_output=True, text=True, check=True)\n"
            "print(time.time(), out.stdout.strip())\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        return f"the probe failed: {done.stderr.strip()[-500:]}"
    child, grandchild = (float(x) for x in done.stdout.split())
    for who, seen in (("a child", child), ("a grandchild", grandchild)):
        if abs(seen - want) > 120:
            shown = datetime.fromtimestamp(seen, BEIJING).strftime("%Y-%m-%d %H:%M")
            return f"{who} read {shown} Beijing, not the instant: the wall clock was not moved"
    return ""


MAX_RERUN = 10        # more failures than this at one instant are not load: nothing is rerun


_SUMMARY_ID = re.compile(r"^(?:FAILED|ERROR) ([^\s\[]+(?:\[.*?\])?)(?: - |$)")


def failed_ids(lines: list[str]) -> list[str]:
    """Test ids from pytest's 'FAILED path::test[param] - message' / 'ERROR path::test' summary lines; a
    parameter id may hold spaces ('[the process]'), so the id runs to its closing bracket, not to a space."""
    ids = []
    for ln in lines:
        m = _SUMMARY_ID.match(ln)
        if m and "::" in m.group(1):
            ids.append(m.group(1))
    return list(dict.fromkeys(ids))


def failure_tails(output: str, lines_each: int = 30, most: int = 3) -> list[str]:
    """The last lines of each failure's report in pytest's FAILURES/ERRORS section: what says *why*, printed
    with the instant (CI keeps only what the run prints, not the logs)."""
    out: list[str] = []
    section: list[str] | None = None
    sections: list[list[str]] = []
    for ln in output.splitlines():
        if re.match(r"^=+ (FAILURES|ERRORS) =+$", ln):
            section = None
            continue
        if re.match(r"^=+ .* =+$", ln):          # the short summary (or any later section) ends the reports
            if section is not None:
                sections.append(section)
            section = None
            continue
        if re.match(r"^_{3,} .* _{3,}$", ln):     # one failure's header
            if section is not None:
                sections.append(section)
            section = [ln]
            continue
        if section is not None:
            section.append(ln)
    for sec in sections[:most]:
        body = [ln for ln in sec[1:] if ln.strip()]
        out.append("   " + sec[0])
        out.extend("   | " + ln for ln in body[-lines_each:])
    return out


def summary_line(output: str) -> str:
    lines = [ln for ln in output.splitlines() if ln.strip()]
    return lines[-1].strip("= ") if lines else "(no output)"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--only", action="append", choices=sorted(INSTANTS), metavar="NAME",
                   help="run only this instant (repeatable; --list shows them)")
    p.add_argument("--list", action="store_true", help="print the instants and exit")
    p.add_argument("--whole", action="store_true",
                   help=f"run the whole suite at every instant (default: {EVERY_TEST} runs every test, each "
                        "family's instants share the suite between them)")
    p.add_argument("--seed", metavar="TEXT",
                   help="the seed that shares the suite out (default: the commit being tested)")
    p.add_argument("--json", action="store_true", help="end with one JSON object: each instant's result")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="run N instants side by side (default 1; .ci/run uses 2 on its 2 cores: a test that fails "
                        "only for the load is rerun alone, below)")
    p.add_argument("--no-rerun", dest="rerun", action="store_false",
                   help="do not rerun an instant's failed tests (by default up to 10 are run once more at the same "
                        "instant: passing then, they are reported as flaky and the instant passes)")
    p.add_argument("--logs", type=Path, metavar="DIR",
                   help="keep each instant's whole pytest output here as NAME.log (default: a temporary folder, "
                        "named in the output)")
    p.add_argument("pytest_args", nargs="*", help="after --: passed to pytest (default: -q, the whole suite)")
    args = p.parse_args(argv)
    if args.list:
        for name, (when, why) in INSTANTS.items():
            family = next((f for f, members in FAMILIES.items() if name in members), "every test")
            print(f"{name:11} {when} Beijing  {family:10} {why}")
        return 0
    seed = args.seed or default_seed()
    plan = "whole suite at every instant" if args.whole else \
        f"{EVERY_TEST} runs every test, each family's instants share the suite (seed {seed})"
    # the instant that runs every test first: two side by side then end together
    names = args.only or sorted(INSTANTS, key=lambda n: n != EVERY_TEST)
    logs = args.logs or Path(tempfile.mkdtemp(prefix="clock-matrix-"))
    logs.mkdir(parents=True, exist_ok=True)
    print(f"== {plan}; pytest output of each instant: {logs}/NAME.log", flush=True)
    started = time.monotonic()
    print_lock = threading.Lock()

    def run(name: str) -> dict:
        """One instant: its lines are printed together when it ends (instants may run side by side)."""
        lines: list[str] = []
        when, why = INSTANTS[name]
        want = beijing(when)
        share = "" if args.whole else share_of(name, seed)
        env = shifted_env(want - time.time(), share)
        part = f"share {int(share.split(':')[2]) + 1}/{share.split(':')[3]} of the suite" if share else "every test"
        lines.append(f"== {name}: wall clock at {when} Beijing ({why}); {part}")
        problem = probe(env, want)
        if problem:
            lines.append(f"   {problem}")
            return _emit(lines, {"instant": name, "beijing": when, "share": part, "passed": False,
                                 "summary": problem, "seconds": 0, "flaky": []})
        t0 = time.monotonic()
        # time-machine's pytest plugin (unused) is imported by the shim before pytest could rewrite it
        base = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:time_machine",
                "-p", "clock_share", "-W", "ignore:Module already imported so cannot be rewritten"]
        # each instant's own temporary root: instants side by side never share (or clean up) each other's
        base.append(f"--basetemp={tempfile.mkdtemp(prefix=f'cm-{name}-')}")
        cmd = [*base, *(args.pytest_args or ["-q", "-rfE"])]
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = round(time.monotonic() - t0)
        (logs / f"{name}.log").write_text(done.stdout + "\n--- stderr ---\n" + done.stderr, encoding="utf-8")
        summary = summary_line(done.stdout)
        # 5 = no test collected: a selection (after --) with nothing in this instant's share
        ok = done.returncode == 0 or (share != "" and done.returncode == 5)
        lines.append(f"   {'passed' if ok else 'FAILED'}: {summary} ({seconds} s)")
        flaky: list[str] = []
        if not ok:
            failed = [ln for ln in done.stdout.splitlines() if ln.startswith(("FAILED", "ERROR"))]
            lines.append("\n".join("   " + ln for ln in failed[:40]) or done.stdout[-3000:] + done.stderr[-2000:])
            lines.extend(failure_tails(done.stdout))
            ids = failed_ids(failed)
            if ids and len(ids) <= MAX_RERUN and args.rerun:
                # the same instant again (the offset is taken anew): a test that depends on the clock fails again;
                # one that failed for the machine's load (a deadline, a race) passes and is reported as flaky
                again = subprocess.run([*base, "-q", "-rfE", *ids],
                                       cwd=ROOT, env=shifted_env(want - time.time()), capture_output=True,
                                       text=True)
                (logs / f"{name}.rerun.log").write_text(again.stdout + "\n--- stderr ---\n" + again.stderr,
                                                        encoding="utf-8")
                if again.returncode == 0:
                    ok, flaky = True, ids
                    lines.append(f"   rerun at the same instant: {summary_line(again.stdout)}: flaky, not the "
                                 "clock: " + ", ".join(ids))
                else:
                    lines.append(f"   rerun at the same instant: {summary_line(again.stdout)}")
        return _emit(lines, {"instant": name, "beijing": when, "share": part, "passed": ok,
                             "summary": summary, "seconds": seconds, "flaky": flaky})

    def _emit(lines: list[str], result: dict) -> dict:
        with print_lock:
            print("\n".join(lines), flush=True)
        return result

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        by_name = dict(zip(names, pool.map(run, names), strict=True))
    results = [by_name[n] for n in names]
    bad = [r["instant"] for r in results if not r["passed"]]
    total = round(time.monotonic() - started)
    print(f"== clock matrix: {len(results) - len(bad)}/{len(results)} instants passed in {total} s"
          + (f"; failed: {', '.join(bad)}" if bad else ""))
    if args.json:
        print(json.dumps({"instants": results, "passed": not bad, "seconds": total, "whole": args.whole,
                          "seed": seed}, ensure_ascii=False))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

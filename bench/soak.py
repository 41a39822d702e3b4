"""Soak: is the demo's process tree flat over half an hour of refreshes? (issue 28: "flat over a 30-minute soak
with a refresh every few seconds, no growth beyond noise")

    python bench/soak.py [--minutes 30] [--refresh 5] [--offscreen] [--json]

The real entry point (`desktop.__main__.main(["--demo"])`) in a fresh process, driven by a script inside it
(DRIVER, built on bench/memory.py's TREE: the same /proc reading and process roles), on an Xvfb display with
Qt's xcb platform when Xvfb is installed (as users see it: real paint events), else offscreen (--offscreen
forces it). Once the window has loaded and the market worker runs:

- every --refresh seconds: a feed round (`GuiApp.refresh_now()`, F5: the demo's five 快讯 subscriptions fetched
  again through the market process; the next only once the last one has reported, so rounds never queue up)
  and a quotes request for the watchlist (the recording's last answers replayed again, parsed, written,
  committed, repainted);
- the scheduled market jobs keep running on their own (the default settings): quotes every 5 s, boards (the
  heatmap) every 30 s, 涨停 pools and 异动 every 60 s, the followed stock's 1-minute bars. They run while the
  recording's clock says "trading", and the recording starts at 14:35: at 1× its market closes after 25 minutes
  and the jobs stop.
  So the driver runs the window's market clock slower (RATE: the soak's length plus 3 minutes of start-up fit
  into the 23 minutes before 14:58; 0.70× for 30 minutes) — quotes every ~7 s instead of 5, still trading
  at the end;
- every 20 s the next pane comes to the front (heatmap, watchlist, chart, 涨停, 异动, 持仓, alerts, news), and at
  each chart turn the chart shows the next watchlist stock (its daily bars and news strip requested);
- every 30 s the tree's PSS and anonymous memory are sampled (every process, by role); at minute 5 and at the end also each process's
  PSS by mapping (memory.py's smaps groups) and the window's live Python objects by type (gc), so a growth
  can be placed without a second run.

Figures, for two series of the whole tree: its PSS (what the app costs, as bench/memory.py) and its anonymous
memory (Anonymous in smaps_rollup: the heaps, Python's arenas, Qt's buffers — private to each process, the
children being spawned, not forked). Each: start (loaded), min, max, end, the slope over the last 10 minutes
(least squares, MiB per 10 min) and the growth from minute 5 to the end (the median of the last 5 samples minus
the median of the 5 samples from minute 5 on: one sample can be caught mid-round, a median of five is not).
The first 5 minutes are left out on purpose: caches fill (the stock matcher, the chart's bars, each pane built
on its first showing, pymalloc's arenas), which is a plateau, not a leak.

Bar: the anonymous memory's growth ≤ 10 MiB after minute 5 (exit 1 over it). Why not PSS's: on a shared
machine the window's PSS moves by 20–40 MiB while its RSS and anonymous memory stay put to the MiB — PSS
splits a file page among every process mapping it, so it falls when another process loads PySide6 (a test
run) and climbs back when that one exits (measured in the soak: RSS 220, Anonymous 132, PSS 191 → 169 as
Pss_File went 56 → 35). A leak is private memory; the anonymous series shows it without that noise. Why 10 MiB:
a leak of one quote row per refresh would be ~1 MiB over the 300 refreshes after minute 5, one kept repainted
heatmap or chart per refresh tens of MiB; the anonymous series' own noise within a run is a few MiB
(pymalloc's arenas and malloc's free lists). The slope is reported, not judged: one sample caught mid-round
at the end tilts a 20-point line by more than the bar (tests/test_bench_soak.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.memory import OPEN_AT, TREE, describe, total  # noqa: E402
from bench.verdict import bar, finish  # noqa: E402

BAR_GROWTH = 10.0          # MiB, from minute 5 to the end
SETTLE_S = 300.0           # the first 5 minutes: caches fill
SLOPE_WINDOW_S = 600.0     # the slope over the last 10 minutes
MEDIAN_OF = 5              # samples on each side of the growth
TRADING_LEFT_S = 23 * 60   # the recording starts at 14:35: trading until 15:00, kept clear of the close
STARTUP_S = 180.0

DRIVER = TREE + r'''
import gc, json, sys, time
from collections import Counter
from datetime import datetime
from PySide6.QtCore import QTimer
import desktop.gui_app as gui_app
import desktop.sources.replay as replay

T0, STOP, END, REFRESH, RATE = float(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
SAMPLE_EVERY, PANE_EVERY, DETAIL_AT = 30.0, 20.0, 300.0
PANES = ("heatmap", "watchlist", "chart", "limitup", "movers", "positions", "alerts", "news")

_recording_clock = replay.recording_clock
def slowed(meta):
    clock = _recording_clock(meta)
    if clock is None or RATE >= 1:
        return clock
    began = clock()
    return lambda: began + (clock() - began) * RATE
def replay_clock(source):      # what market_service_factory asks for (imported there at call time)
    from desktop.core.market_hours import SHANGHAI
    clock = slowed(getattr(source, "meta", {}) or {})
    return None if clock is None else (lambda: datetime.fromtimestamp(clock(), SHANGHAI))
replay.replay_clock = replay_clock

holder, timer = [], None
_show = gui_app.GuiApp.show
def show(self):
    holder.append(self)
    _show(self)
    global timer
    timer = QTimer(); timer.timeout.connect(tick); timer.start(250)
    self.background.source_state.connect(on_state)
gui_app.GuiApp.show = show


def since():
    return time.monotonic() - T0


def say(event, **kw):
    print(json.dumps({"event": event, "t": round(since(), 1), **kw}), flush=True)


def roles():
    out, gui = {}, holder[0]
    try:
        if getattr(gui.market_service.source, "pid", None):
            out[gui.market_service.source.pid] = "market"
    except Exception:
        pass
    try:
        for pid in (gui.core._pool._pool._processes or {}):
            out[pid] = "parse"
    except Exception:
        pass
    return out


def anon_kb(pid):
    """Anonymous memory (smaps_rollup): private to the process (nothing is forked: the children are spawned),
    so unlike PSS it does not move when other processes on the machine map or unmap Qt's and Python's files."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Anonymous:")), None)
    except OSError:
        return None


def sampled(detail=False):
    rows = sample(roles(), detail)
    for row in rows:
        row["anon_kb"] = anon_kb(row["pid"])
    return rows


def objects():
    """The window's live Python objects by type (gc-tracked containers and instances)."""
    gc.collect()
    return dict(Counter(type(o).__qualname__ for o in gc.get_objects()).most_common(60))


st = {"step": "load", "round": None, "rounds": 0, "quotes": 0, "refresh_at": 0.0, "pane_at": 0.0, "pane": 0,
      "stock": 0, "sample_at": 0.0, "detail": False}
def on_state(state):
    if getattr(state, "name", "") == "feeds" and st["round"] is not None:
        st["round"] = None
        st["rounds"] += 1


def tick():
    gui = holder[0] if holder else None
    now = since()
    if os.path.exists(STOP):
        from PySide6.QtWidgets import QApplication
        QApplication.instance().quit()
        return
    if st["step"] == "load":
        if gui is not None and gui.loaded and gui.market_service is not None:
            say("sample", procs=sampled(), name="start")
            st.update(step="soak", refresh_at=now, pane_at=now, sample_at=now)
        return
    if st["step"] != "soak":
        return
    # a round that never reported in 60 s (it should, failing or not) does not stop the refreshes
    if now - st["refresh_at"] >= REFRESH and (st["round"] is None or now - st["round"] > 60):
        st["refresh_at"] = now
        st["round"] = now
        gui.refresh_now()
        codes = gui.watchlist.codes()
        if codes:
            gui.background.requests.quotes(codes)
            st["quotes"] += 1
    if now - st["pane_at"] >= PANE_EVERY:
        st["pane_at"] = now
        key = PANES[st["pane"] % len(PANES)]
        st["pane"] += 1
        if key == "chart":
            codes = gui.watchlist.codes() or ["300750"]
            gui.bus.select_stock(codes[st["stock"] % len(codes)], "bench")
            st["stock"] += 1
        gui.window.bring_to_front(key)
    if now - st["sample_at"] >= SAMPLE_EVERY:
        st["sample_at"] = now
        detail = (not st["detail"] and now >= DETAIL_AT) or now >= END
        say("sample", procs=sampled(detail), rounds=st["rounds"], quotes=st["quotes"], panes=st["pane"])
        if detail:
            st["detail"] = True
            say("objects", counts=objects())
        if now >= END:
            st["step"] = "done"
            say("done")


from desktop.__main__ import main
sys.exit(main(["--demo"]))
'''


# -- the arithmetic (tests/test_bench_soak.py) ----------------------------------------------------------------
def slope_per_10min(points: list[tuple[float, float]], window_s: float = SLOPE_WINDOW_S) -> float | None:
    """Least-squares slope of (seconds, MiB) over the last `window_s` seconds, in MiB per 10 minutes; None with
    fewer than 3 points in the window (no slope worth a number)."""
    if not points:
        return None
    end = points[-1][0]
    pts = [(t, y) for t, y in points if t >= end - window_s]
    if len(pts) < 3:
        return None
    mt = statistics.fmean(t for t, _ in pts)
    my = statistics.fmean(y for _, y in pts)
    var = sum((t - mt) ** 2 for t, _ in pts)
    if var == 0:
        return None
    return sum((t - mt) * (y - my) for t, y in pts) / var * 600.0


def growth(points: list[tuple[float, float]], settle_s: float = SETTLE_S, k: int = MEDIAN_OF) -> float | None:
    """The median of the last `k` samples minus the median of the first `k` samples at or after `settle_s`
    (MiB); None when the run has fewer than `k` samples after `settle_s`."""
    after = [y for t, y in points if t >= settle_s]
    if len(after) < k:
        return None
    return statistics.median(after[-k:]) - statistics.median(after[:k])


def summarize(points: list[tuple[float, float]], start: float | None, prefix: str = "") -> dict:
    """The figures of one series (the tree's PSS; with prefix "anon_", its anonymous memory)."""
    ys = [y for _, y in points]
    slope, grew = slope_per_10min(points), growth(points)
    out = {"start_mib": None if start is None else round(start, 1),
           "min_mib": round(min(ys), 1) if ys else None, "max_mib": round(max(ys), 1) if ys else None,
           "end_mib": round(ys[-1], 1) if ys else None,
           "slope_last10_mib_per_10min": None if slope is None else round(slope, 2),
           "growth_after_5min_mib": None if grew is None else round(grew, 1)}
    return {prefix + k: v for k, v in out.items()}


def anon(procs: list[dict]) -> float:
    return sum(p.get("anon_kb") or 0 for p in procs) / 1024


def clock_rate(minutes: float) -> float:
    """How fast the window's market clock runs: the soak and its start-up inside the recording's trading."""
    return min(1.0, TRADING_LEFT_S / (minutes * 60.0 + STARTUP_S))


# -- running it -------------------------------------------------------------------------------------------------
def start_display(offscreen: bool) -> tuple[subprocess.Popen | None, dict]:
    """An Xvfb display for Qt's xcb platform, or the offscreen platform (no Xvfb, or --offscreen)."""
    xvfb = shutil.which("Xvfb")
    if offscreen or not xvfb:
        return None, {"QT_QPA_PLATFORM": "offscreen"}
    r, w = os.pipe()
    proc = subprocess.Popen([xvfb, "-displayfd", str(w), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        number = f.readline().strip()
    if not number:
        proc.kill()
        proc.wait()
        return None, {"QT_QPA_PLATFORM": "offscreen"}
    return proc, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}


def soak(minutes: float, refresh: float, env: dict) -> dict:
    end = minutes * 60.0
    with tempfile.TemporaryDirectory() as tmp:
        stop = Path(tmp) / "stop"
        env = {**env, "HUOHUA_NOW": OPEN_AT, "HUOHUA_CONFIG_DIR": str(Path(tmp) / "config"),
               "HUOHUA_DATA_DIR": str(Path(tmp) / "data")}
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(start), str(stop), str(end), str(refresh),
                                 str(clock_rate(minutes))],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        out: dict = {"samples": [], "objects": [], "start": None}
        try:
            for line in proc.stdout:
                if not line.startswith("{"):
                    continue
                msg = json.loads(line)
                if msg["event"] == "sample":
                    if msg.get("name") == "start":
                        out["start"] = msg
                    else:
                        out["samples"].append(msg)
                        print(f"  {msg['t'] / 60:5.1f} min: {total(msg['procs']):5.1f} MiB PSS, "
                              f"{anon(msg['procs']):5.1f} anonymous — {describe(msg['procs'])}"
                              f" (rounds {msg['rounds']}, quote requests {msg['quotes']})", flush=True)
                elif msg["event"] == "objects":
                    out["objects"].append(msg)
                elif msg["event"] == "done":
                    break
                if time.monotonic() - start > end + STARTUP_S + 120:
                    break
        finally:
            stop.touch()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if not out["samples"]:
            raise SystemExit(f"the soak reported nothing:\n{proc.stderr.read()[-3000:]}")
        return out


def where(out: dict) -> list[str]:
    """What moved between the minute-5 detail and the end's: PSS by mapping per role, objects by type."""
    details = [s for s in out["samples"] if any("groups_kb" in p for p in s["procs"])]
    lines = []
    if len(details) == 2:
        first, last = ({p["role"]: p for p in s["procs"]} for s in details)
        for role, p in last.items():
            a, b = first.get(role, {}).get("groups_kb", {}), p.get("groups_kb", {})
            moved = sorted(((k, (b.get(k, 0) - a.get(k, 0)) / 1024) for k in set(a) | set(b)), key=lambda kv: -abs(kv[1]))
            lines.append(f"  {role}: " + ", ".join(f"{k} {v:+.1f}" for k, v in moved[:5]))
    if len(out["objects"]) == 2:
        a, b = out["objects"][0]["counts"], out["objects"][1]["counts"]
        moved = sorted(((k, b.get(k, 0) - a.get(k, 0)) for k in set(a) | set(b)), key=lambda kv: -abs(kv[1]))
        lines.append("  window's objects: " + ", ".join(f"{k} {v:+d}" for k, v in moved[:10]))
    return lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=30.0, help="how long the soak runs (from the spawn)")
    ap.add_argument("--refresh", type=float, default=5.0, help="seconds between refreshes (feed round + quotes)")
    ap.add_argument("--offscreen", action="store_true", help="Qt's offscreen platform even with Xvfb installed")
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    env = {**os.environ}
    env.pop("PYTHONDONTWRITEBYTECODE", None)      # as installed apps run (see bench/startup.py)
    xvfb, display = start_display(args.offscreen)
    try:
        out = soak(args.minutes, args.refresh, {**env, **display})
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
    points = [(s["t"], total(s["procs"])) for s in out["samples"]]
    start = total(out["start"]["procs"]) if out["start"] else None
    figures = summarize(points, start)
    private = summarize([(s["t"], anon(s["procs"])) for s in out["samples"]],
                        anon(out["start"]["procs"]) if out["start"] else None, "anon_")
    last = out["samples"][-1]
    print(f"soak: {args.minutes:g} min on {display['QT_QPA_PLATFORM']}, a refresh every {args.refresh:g} s "
          f"({last['rounds']} feed rounds, {last['quotes']} quote requests, {last['panes']} pane turns), "
          f"market clock at {clock_rate(args.minutes):.2f}×")
    print(f"tree PSS: start {figures['start_mib']} MiB, min {figures['min_mib']}, max {figures['max_mib']}, "
          f"end {figures['end_mib']}; last 10 min slope {figures['slope_last10_mib_per_10min']} MiB/10 min; "
          f"growth from minute 5 {figures['growth_after_5min_mib']} MiB")
    print(f"tree anonymous: start {private['anon_start_mib']} MiB, min {private['anon_min_mib']}, "
          f"max {private['anon_max_mib']}, end {private['anon_end_mib']}; last 10 min slope "
          f"{private['anon_slope_last10_mib_per_10min']} MiB/10 min; growth from minute 5 "
          f"{private['anon_growth_after_5min_mib']} MiB (bar ≤ {BAR_GROWTH:g})")
    moved = where(out)
    if moved:
        print("from minute 5 to the end:\n" + "\n".join(moved))
    series = [{"t": s["t"], "tree_mib": round(total(s["procs"]), 1),
               "anon_mib": round(anon(s["procs"]), 1),
               "roles": {p["role"]: round(p["pss_kb"] / 1024, 1) for p in s["procs"]}} for s in out["samples"]]
    return finish([bar("anon_growth_after_5min_mib", private["anon_growth_after_5min_mib"], BAR_GROWTH, unit=" MiB")],
                  {**figures, **private, "minutes": args.minutes, "refresh_s": args.refresh,
                   "platform": display["QT_QPA_PLATFORM"], "clock_rate": round(clock_rate(args.minutes), 3),
                   "rounds": last["rounds"], "quote_requests": last["quotes"], "pane_turns": last["panes"],
                   "bar_growth_mib": BAR_GROWTH, "series": series, "where": moved}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

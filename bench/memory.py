"""Memory: the demo's whole process tree — PSS per process and the tree's total — at start, after 40 s (the
heatmap, the watchlist and the chart each shown once) and at rest, beside a bare PySide6 window and the anchors
of issue 28 (the Qt feed readers users compare us with).

    python bench/memory.py [--runs 1] [--settle 40] [--rest 270] [--json]

Why PSS (proportional set size, /proc/<pid>/smaps_rollup): the processes share libraries (Python, Qt's
.so files) and memory a spawned child still shares with its parent; RSS counts every shared page once per
process, PSS splits it between the processes that map it, so the tree's PSS total is what the app costs.

Each session runs the real entry point (`desktop.__main__.main(["--demo"])`) on the offscreen platform in a
fresh process, driven by a small script inside it (DRIVER): when the window has loaded and the market worker
runs it brings the heatmap, the watchlist and the chart (a selected stock: bars and news strip) to the front
once each, then does nothing. The same script reads /proc for its own process and every descendant, and names
each by its role: window, market (the market source's child), parse (a parse worker), tracker
(multiprocessing's resource tracker), other.

Two sessions, one after the other (the clock pinned with HUOHUA_NOW, so the figures do not depend on when the
bench runs):
- open: the demo at the recording's moment (2026-11-20 14:35, trading): samples "start" (loaded, market
  ready) and "40s" (40 s after the spawn; the panes were shown before it).
- rest: the demo cannot rest (a replay runs on the recording's clock: it trades for ever), so the window as
  users run it — `huohua --data-dir D`, D holding 2,000 articles (bench/startup.build_db: the bundled stocks, a
  watchlist with quotes, no enabled feed) — on a Saturday (2026-11-21 10:00: the market closed, nothing due).
  Requests go to a proxy on a closed local port (no network: they fail at once, as offline). The panes shown
  once as above, then nothing; sample "rest" --rest seconds after the spawn (past every idle exit).

Bars: the tree ≤ 250 MiB PSS after 40 s and ≤ 200 MiB at rest (issue 28; the median over --runs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

ANCHORS = {"huohua before issue 28": 352, "RSS Guard (resident)": 185, "QuiteRSS": 135}
BAR_40S, BAR_REST = 250, 200
OPEN_AT, CLOSED_AT = "2026-11-20 14:35:00", "2026-11-21 10:00:00"
NO_NETWORK = "http://127.0.0.1:9"      # the discard port: closed, a request fails at once

# Read in the driven process itself: it knows which child is which (the market source's pid, the parse pool's).
TREE = r'''
import os, re, sys

WATCH = ("pypinyin", "jieba", "feedparser", "pyqtgraph", "numpy", "pandas", "akshare", "desktop.tagging.tagger")

HEAVY_SO = {"numpy": "/numpy/", "pandas": "/pandas/", "mini_racer": "mini_racer", "pyarrow": "/pyarrow/",
            "lxml": "/lxml/", "Qt": "libQt6"}


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return out


def tree(root):
    seen, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.append(pid)
            todo += children(pid)
    return seen


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return None


def heavy(pid):
    try:
        with open(f"/proc/{pid}/maps") as f:
            text = f.read()
    except OSError:
        return []
    return sorted(k for k, mark in HEAVY_SO.items() if mark in text)


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


GROUPS = (("Qt libraries", ("libQt6", "/PySide6/Qt/")), ("PySide6/shiboken", ("PySide6", "shiboken6")),
          ("numpy", ("/numpy",)), ("pandas", ("/pandas/",)), ("V8 (mini_racer)", ("mini_racer",)),
          ("lxml", ("/lxml/",)), ("ICU", ("libicu",)), ("fonts", (".ttf", ".otf", ".ttc")),
          ("python", ("libpython", "/bin/python")), ("sqlite files", (".sqlite3",)),
          ("other .so", (".so",)))


def smaps_groups(pid):
    """PSS by what each mapping is (kB): the libraries by family, the heap ([heap]: malloc's brk area;
    "anonymous": mmap'd memory — Python's object arenas, Qt's and numpy's large buffers, thread stacks)."""
    out, name = {}, None
    try:
        with open(f"/proc/{pid}/smaps") as f:
            for line in f:
                head = line.split()
                if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                    path = head[5] if len(head) > 5 else ""
                    name = ("heap [heap]" if path == "[heap]" else "stack" if path.startswith("[stack") else
                            "anonymous" if not path or path.startswith("[anon") else
                            next((g for g, marks in GROUPS if any(m in path for m in marks)), "other files"))
                elif head and head[0] == "Pss:":
                    out[name] = out.get(name, 0) + int(head[1])
    except OSError:
        pass
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def sample(roles, detail=False):
    rows = []
    for pid in tree(os.getpid()):
        kb = pss_kb(pid)
        if kb is None:
            continue
        cmd = cmdline(pid)
        role = roles.get(pid) or ("window" if pid == os.getpid() else
                                  "tracker" if "resource_tracker" in cmd else "other")
        rows.append({"pid": pid, "role": role, "pss_kb": kb, "heavy": heavy(pid)})
        if pid == os.getpid():      # what the window's process has imported (a child's: its maps above)
            rows[-1]["modules"] = sorted(m for m in WATCH if m in sys.modules)
        if detail:
            rows[-1]["groups_kb"] = smaps_groups(pid)
    return rows
'''

DRIVER = TREE + r'''
import json, sys, time
from PySide6.QtCore import QTimer
import desktop.gui_app as gui_app

T0, STOP, SETTLE, REST = float(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
SESSION, DETAIL, DATA = sys.argv[5], sys.argv[6] == "1", sys.argv[7]
holder = []
timer = None
_show = gui_app.GuiApp.show
def show(self):
    holder.append(self)
    _show(self)
    make_timer()
    timer.start(200)          # here: the QApplication exists now (a timer made before it never fires)
gui_app.GuiApp.show = show


def since():
    return time.monotonic() - T0


def roles():
    out = {}
    gui = holder[0] if holder else None
    try:
        src = gui.market_service.source
        if getattr(src, "pid", None):
            out[src.pid] = "market"
    except Exception:
        pass
    try:
        for pid in (gui.core._pool._pool._processes or {}):
            out[pid] = "parse"
    except Exception:
        pass
    return out


def say(event, **kw):
    print(json.dumps({"event": event, "t": round(since(), 1), **kw}), flush=True)


def traced():
    """With PYTHONTRACEMALLOC set (--breakdown): the window's Python allocations by top-level package."""
    import tracemalloc
    if not tracemalloc.is_tracing():
        return
    by = {}
    for stat in tracemalloc.take_snapshot().statistics("filename"):
        path = stat.traceback[0].filename
        key = ("desktop/" + path.split("/desktop/", 1)[1].split("/")[0] if "/desktop/" in path else
               path.split("site-packages/", 1)[1].split("/")[0] if "site-packages/" in path else
               "stdlib " + path.rsplit("/", 1)[-1] if "/lib/python" in path else path)
        by[key] = by.get(key, 0) + stat.size
    top = sorted(by.items(), key=lambda kv: -kv[1])[:15]
    snap = tracemalloc.take_snapshot()
    lines = [(f"{s.traceback[0].filename.split('site-packages/')[-1].split('/main/')[-1]}:{s.traceback[0].lineno}",
              s.size // 1024) for s in snap.statistics("lineno")[:20]]
    # The first frame of ours (desktop/) in each allocation's traceback: who asked for it (with
    # PYTHONTRACEMALLOC=N, N > 1, the deeper frames are there to read).
    ours = {}
    for stat in snap.statistics("traceback"):
        frame = next((f for f in stat.traceback if "/desktop/" in f.filename), stat.traceback[0])
        key = f"{frame.filename.split('/desktop/')[-1]}:{frame.lineno}"
        ours[key] = ours.get(key, 0) + stat.size
    callers = [(k, v // 1024) for k, v in sorted(ours.items(), key=lambda kv: -kv[1])[:20]]
    say("traced", total_kb=sum(by.values()) // 1024, top_kb=[(k, v // 1024) for k, v in top],
        lines_kb=lines, callers_kb=callers)


state = {"step": "load", "at": 0.0, "sampled": set()}
def tick():
    gui = holder[0] if holder else None
    now = since()
    if os.path.exists(STOP):
        from PySide6.QtWidgets import QApplication
        QApplication.instance().quit()
        return
    step = state["step"]
    if step == "load":
        if gui is not None and gui.loaded and gui.market_service is not None:
            say("sample", name="start", procs=sample(roles()))
            state.update(step="heatmap", at=now)
            gui.window.bring_to_front("heatmap")
    elif step == "heatmap" and now - state["at"] > 3:
        gui.window.bring_to_front("watchlist")
        state.update(step="watchlist", at=now)
    elif step == "watchlist" and now - state["at"] > 3:
        gui.bus.select_stock("300750", "bench")   # in the demo recording (bars, news)
        gui.window.bring_to_front("chart")
        state.update(step="chart", at=now)
    elif step == "chart" and (len(gui.panes["chart"].bars) > 0 or now - state["at"] > 15):
        say("shown", bars=len(gui.panes["chart"].bars),
            tiles=len(gui.panes["heatmap"].view.tiles) if gui.panes["heatmap"].view is not None else 0)
        gui.window.bring_to_front("news")
        state.update(step="idle", at=now)
    elif step == "idle":
        if SESSION == "open" and now >= SETTLE and "40s" not in state["sampled"]:
            state["sampled"].add("40s")
            say("sample", name="40s", procs=sample(roles(), DETAIL))
            traced()
            say("done")
        if SESSION == "rest" and now >= REST and "rest" not in state["sampled"]:
            state["sampled"].add("rest")
            say("sample", name="rest", procs=sample(roles(), DETAIL))
            traced()
            say("done")


def make_timer():
    global timer
    timer = QTimer(); timer.timeout.connect(tick)
from desktop.__main__ import main
sys.exit(main(["--demo"] if SESSION == "open" else ["--data-dir", DATA]))
'''

BARE = TREE + r'''
import json
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QTableView, QTextBrowser, QTreeWidget
app = QApplication([])
w = QMainWindow()
for title, widget in (("资讯", QTreeWidget()), ("正文", QTextBrowser()), ("自选股", QTableView())):
    d = QDockWidget(title, w); d.setWidget(widget); w.addDockWidget(Qt.LeftDockWidgetArea, d)
w.resize(1440, 900); w.show()
def done():
    print(json.dumps({"event": "sample", "name": "bare", "procs": sample({})}), flush=True)
    app.quit()
QTimer.singleShot(1500, done)
app.exec()
'''


def session(kind: str, settle: float, rest: float, env: dict, detail: bool = False) -> dict:
    """One driven demo run; its samples by name, each a list of processes."""
    with tempfile.TemporaryDirectory() as tmp:
        stop = Path(tmp) / "stop"
        data = Path(tmp) / "data"
        env = {**env, "HUOHUA_NOW": OPEN_AT if kind == "open" else CLOSED_AT,
               "HUOHUA_CONFIG_DIR": str(Path(tmp) / "config"), "HUOHUA_DATA_DIR": str(data)}
        if kind == "rest":
            from bench.startup import build_db

            build_db(data, 2000)
            env.update(HTTP_PROXY=NO_NETWORK, HTTPS_PROXY=NO_NETWORK, http_proxy=NO_NETWORK,
                       https_proxy=NO_NETWORK, NO_PROXY="", no_proxy="")
        start = time.monotonic()
        err = open(Path(tmp) / "stderr", "w+")      # a file, not a pipe: a full pipe would stall the window
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(start), str(stop), str(settle), str(rest), kind,
                                 "1" if detail else "0", str(data)],
                                stdout=subprocess.PIPE, stderr=err, text=True, env=env, cwd=ROOT)
        out: dict = {"samples": {}}
        limit = start + max(settle, rest) + 120
        # a session that stops talking (a failed load, an exception in the driver) is ended at the limit
        watchdog = threading.Timer(limit - time.monotonic() + 60, stop.touch)
        watchdog.start()
        try:
            for line in proc.stdout:
                if not line.startswith("{"):
                    continue
                msg = json.loads(line)
                if msg["event"] == "sample":
                    out["samples"][msg["name"]] = msg["procs"]
                elif msg["event"] in ("shown", "traced"):
                    out.setdefault(msg["event"], []).append(msg)
                elif msg["event"] == "done":
                    break
                if time.monotonic() > limit:
                    break
        finally:
            watchdog.cancel()
            stop.touch()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            err.seek(0)
            errors = err.read()[-3000:]
            err.close()
        if not out["samples"]:
            raise SystemExit(f"the {kind} session reported nothing:\n{errors}")
        if "Traceback" in errors:
            print(f"  ({kind} session's stderr ends:)\n{errors}", file=sys.stderr)
        return out


def total(procs: list[dict]) -> float:
    return sum(p["pss_kb"] for p in procs) / 1024


def describe(procs: list[dict]) -> str:
    parts = []
    for p in sorted(procs, key=lambda p: -p["pss_kb"]):
        heavy = [h for h in p["heavy"] if h != "Qt"] if "modules" not in p else p["modules"]
        parts.append(f"{p['role']} {p['pss_kb'] / 1024:.0f}" + (f" [{'+'.join(heavy)}]" if heavy else ""))
    return ", ".join(parts)


def breakdown(args: argparse.Namespace, env: dict) -> int:
    """Where the memory goes: no bar is judged (tracemalloc's own bookkeeping inflates the second run)."""
    r = session("open", args.settle, args.settle, env, detail=True)
    procs = r["samples"]["40s"]
    print(f"after {args.settle:.0f} s: {total(procs):.0f} MiB PSS in {len(procs)} processes")
    for p in sorted(procs, key=lambda p: -p["pss_kb"]):
        groups = ", ".join(f"{k} {v / 1024:.1f}" for k, v in p["groups_kb"].items() if v >= 512)
        print(f"  {p['role']:7} {p['pss_kb'] / 1024:5.0f} MiB: {groups}")
    traced = session("open", args.settle, args.settle,
                     {**env, "PYTHONTRACEMALLOC": str(args.frames)}).get("traced", [{}])[0]
    if traced:
        print(f"  window's Python allocations (tracemalloc): {traced['total_kb'] / 1024:.0f} MiB — " +
              ", ".join(f"{k} {v / 1024:.1f}" for k, v in traced["top_kb"]))
        print("  by line: " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in traced["lines_kb"]))
        print("  by our first frame (desktop/): " + ", ".join(f"{k} {v / 1024:.1f}" for k, v in traced["callers_kb"]))
    if args.json:
        print(json.dumps({"processes": procs, "traced": traced}))
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=1, help="sessions of each kind; the median is judged")
    ap.add_argument("--settle", type=float, default=40.0, help="seconds after the spawn for the '40s' sample")
    ap.add_argument("--rest", type=float, default=270.0, help="seconds after the spawn for the 'rest' sample")
    ap.add_argument("--breakdown", action="store_true",
                    help="instead: where each process's memory goes after --settle s (smaps by mapping; the "
                         "window's Python allocations by package, from a second run under tracemalloc)")
    ap.add_argument("--frames", type=int, default=1,
                    help="--breakdown: tracemalloc's frames per allocation (more: the callers, from desktop/)")
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)      # as installed apps run (see bench/startup.py)
    if args.breakdown:
        return breakdown(args, env)
    proc = subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True, env=env, timeout=120)
    bare = json.loads(next(line for line in proc.stdout.splitlines() if line.startswith("{")))["procs"]
    figures: dict[str, list[float]] = {"start": [], "40s": [], "rest": []}
    runs = []
    for _ in range(args.runs):
        for kind in ("open", "rest"):
            r = session(kind, args.settle, args.rest, env)
            runs.append({"session": kind, **r})
            for name, procs in r["samples"].items():
                if kind == "rest" and name == "start":
                    continue                       # the start is the open session's (both start alike)
                figures[name].append(total(procs))
                print(f"  {kind:4} {name:5}: {total(procs):5.0f} MiB PSS in {len(procs)} processes — "
                      f"{describe(procs)}")
    med = {k: round(statistics.median(v)) if v else None for k, v in figures.items()}
    print(f"bare PySide6 window             : {total(bare):5.0f} MiB PSS")
    print(f"huohua demo tree, at start      : {med['start']} MiB PSS")
    print(f"huohua demo tree, after {args.settle:.0f} s     : {med['40s']} MiB PSS  (bar ≤ {BAR_40S} MiB)")
    print(f"huohua demo tree, at rest ({args.rest:.0f} s): {med['rest']} MiB PSS  (bar ≤ {BAR_REST} MiB)")
    print("anchors: " + ", ".join(f"{k} {v} MiB" for k, v in ANCHORS.items()))
    per_role = {}
    for r in runs:
        for name, procs in r["samples"].items():
            per_role.setdefault(f"{r['session']}/{name}", []).append(
                [{"role": p["role"], "pss_mib": round(p["pss_kb"] / 1024, 1), "heavy": p["heavy"]} for p in procs])
    return finish([bar("tree_40s_mib", med["40s"], BAR_40S, unit=" MiB"),
                   bar("tree_rest_mib", med["rest"], BAR_REST, unit=" MiB")],
                  {"runs": args.runs, "bare_pss_mib": round(total(bare)), "start_mib": med["start"],
                   "tree_40s_mib": med["40s"], "tree_rest_mib": med["rest"], "bar_40s_mib": BAR_40S,
                   "bar_rest_mib": BAR_REST, "anchors_mib": ANCHORS, "processes": per_role}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

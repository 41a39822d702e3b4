"""The benchmarks' contract (docs/TESTING.md "Benchmarks"): `--json` ends with one JSON object carrying its
figures, `bars` and `pass`, the exit status is 1 over a bar, and bench/all.py knows every bench. Figures are not
asserted (they depend on the machine): only that the status agrees with the bars the bench printed."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.procs import ROOT, child_env

sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

BAR_FIELDS = {"name", "figure", "op", "bar", "unit", "ok"}
HELPERS = {"__init__", "all", "corpus", "verdict"}      # modules of bench/ that measure nothing


def bench(*args: str, timeout: float = 300) -> tuple[int, dict, str]:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env=child_env(QT_QPA_PLATFORM="offscreen"))
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr[-2000:]
    return done.returncode, json.loads(lines[-1]), done.stdout


def test_the_fastest_bench_ends_with_its_json_and_exits_by_its_bars():
    code, out, text = bench("bench/finder.py", "--json")
    assert {"stocks", "keystroke_ms", "baseline_ms", "bar_ms", "bars", "pass"} <= out.keys()
    assert [b["name"] for b in out["bars"]] == ["keystroke_ms"]
    assert all(BAR_FIELDS <= b.keys() for b in out["bars"])
    assert out["bars"][0]["figure"] == out["keystroke_ms"] and out["bars"][0]["bar"] == out["bar_ms"]
    assert out["pass"] == all(b["ok"] for b in out["bars"])
    assert code == (0 if out["pass"] else 1)
    assert "(baseline)" in text                                    # the figure and its baseline, one run


def test_a_figure_over_its_bar_is_exit_status_1(capsys):
    assert finish([bar("frame_ms", 17.0, 16, unit=" ms"), bar("speedup", 6, 5, at_least=True)], {}, True) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "over its bar: frame_ms 17 ms (bar ≤ 16 ms)"
    assert json.loads(lines[-1])["pass"] is False
    assert finish([bar("speedup", 4, 5, at_least=True)], {}, False) == 1
    assert finish([bar("populated_ms", None, 1000), bar("x", float("nan"), 1)], {}, False) == 1   # never seen
    assert finish([bar("frame_ms", 16.0, 16), bar("speedup", 5, 5, at_least=True)], {}, False) == 0


def test_all_lists_every_bench():
    done = subprocess.run([sys.executable, "bench/all.py", "--list"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0
    files = {p.stem for p in (ROOT / "bench").glob("*.py")} - HELPERS
    assert sorted(done.stdout.split()) == sorted(files)       # a bench without --json would be missing here


def test_all_runs_a_bench_and_reports_it_in_one_object():
    code, out, text = bench("bench/all.py", "--only", "finder", "--json")
    assert text.splitlines()[0].split() == ["bench", "figure", "bar", "result", "seconds"]
    [row] = out["benches"]
    assert {"name", "exit", "seconds", "pass", "bars", "json"} <= row.keys()
    assert row["name"] == "finder" and row["json"]["bars"] == row["bars"]
    assert row["pass"] == (row["exit"] == 0) and out["pass"] == row["pass"]
    assert code == (0 if out["pass"] else 1)

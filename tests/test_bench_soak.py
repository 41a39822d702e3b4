"""bench/soak.py's arithmetic (issue 28: flat over a 30-minute soak): the last 10 minutes' slope, the growth from
minute 5 to the end, the slowed market clock, and bench/all.py leaving the soak out of --quick. No timing: the
series are made up here."""

from __future__ import annotations

import sys

import pytest

from tests.procs import ROOT

sys.path.insert(0, str(ROOT))

from bench import all as bench_all  # noqa: E402
from bench.soak import BAR_GROWTH, anon, clock_rate, growth, slope_per_10min, summarize  # noqa: E402


def every_30s(minutes: float, mib) -> list[tuple[float, float]]:
    return [(t, mib(t)) for t in range(30, int(minutes * 60) + 1, 30)]


def test_a_steady_leak_is_its_rate_per_10_minutes_and_its_growth_after_minute_5():
    pts = every_30s(30, lambda t: 200 + t / 60 * 0.5)          # 0.5 MiB a minute
    assert slope_per_10min(pts) == pytest.approx(5.0)
    # minute 5 … 7 (median at 6 min: 203) to minute 28 … 30 (median at 29 min: 214.5)
    assert growth(pts) == pytest.approx(11.5)
    assert summarize(pts, 190.0)["growth_after_5min_mib"] > BAR_GROWTH


def test_the_first_5_minutes_filling_caches_is_no_growth():
    # +60 MiB in the first four minutes (panes built, caches filled), then flat
    pts = every_30s(30, lambda t: 200 + min(t, 240) / 4)
    assert growth(pts) == 0
    assert slope_per_10min(pts) == pytest.approx(0.0)
    s = summarize(pts, 180.0)
    assert (s["start_mib"], s["min_mib"], s["max_mib"], s["end_mib"]) == (180.0, 207.5, 260.0, 260.0)


def test_one_spike_at_either_end_is_noise_not_growth_but_moves_the_slope():
    pts = every_30s(30, lambda t: 250 + (3 if int(t) // 30 % 2 else -3))        # ±3 MiB sawtooth
    pts[-1] = (pts[-1][0], 290.0)                                  # a round in flight at the last sample
    pts[10] = (pts[10][0], 210.0)                                  # and a dip at minute 5.5
    assert abs(growth(pts)) <= 6
    assert slope_per_10min(pts) > BAR_GROWTH      # one last sample tilts a least-squares line: the bar is the growth


def test_only_the_last_10_minutes_make_the_slope():
    # grew for 20 minutes, flat for the last 10: the slope is flat, the growth is not
    pts = every_30s(30, lambda t: 200 + min(t, 1200) / 60)
    assert slope_per_10min(pts) == pytest.approx(0.0)
    assert growth(pts) == pytest.approx(14.0)


def test_too_short_a_run_has_no_figure_and_so_fails_its_bar():
    assert growth(every_30s(6, lambda t: 100.0)) is None            # 3 samples after minute 5, not 5
    assert slope_per_10min(every_30s(1, lambda t: 100.0)) is None
    assert slope_per_10min([]) is None
    assert summarize([], None) == {"start_mib": None, "min_mib": None, "max_mib": None, "end_mib": None,
                                   "slope_last10_mib_per_10min": None, "growth_after_5min_mib": None}


def test_the_anonymous_series_sums_every_process_and_keeps_its_own_keys():
    procs = [{"role": "window", "pss_kb": 180 * 1024, "anon_kb": 130 * 1024},
             {"role": "market", "pss_kb": 40 * 1024, "anon_kb": 30 * 1024},
             {"role": "tracker", "pss_kb": 9 * 1024, "anon_kb": None}]         # gone between two reads
    assert anon(procs) == 160.0
    pts = every_30s(30, lambda t: 160.0)
    s = summarize(pts, 150.0, "anon_")
    assert s["anon_growth_after_5min_mib"] == 0 and s["anon_start_mib"] == 150.0 and "growth_after_5min_mib" not in s


def test_the_market_clock_keeps_the_soak_inside_the_recordings_trading():
    # the recording starts at 14:35: the soak and 3 minutes of start-up end before 14:58
    for minutes in (10, 30, 60):
        assert (minutes * 60 + 180) * clock_rate(minutes) <= 23 * 60
    assert clock_rate(30) == pytest.approx(0.697, abs=0.001)
    assert clock_rate(5) == 1.0                                    # short runs: real time


def test_all_leaves_the_soak_out_of_quick_but_runs_it_when_named():
    names = ["alerts", "finder", "memory", "soak"]
    assert bench_all.chosen(names, [], quick=True) == ["alerts", "finder", "memory"]
    assert bench_all.chosen(names, [], quick=False) == names
    assert bench_all.chosen(names, ["soak"], quick=True) == ["soak"]
    assert bench_all.TIMEOUTS["soak"] > 30 * 60 + 180

"""Market breadth over a full-market snapshot: 5,500 quotes (bar: ≤ 5 ms per count).

    python bench/breadth.py [--runs 30] [--json]

The quotes are the bundled stock list with random moves, a few hundred of them at their 涨停 or 跌停 price
(as on a busy day); the figure is the median of `--runs` counts. Exit status 1 when it is over the bar.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.config import resources_dir  # noqa: E402
from desktop.core.breadth import count, limit_pct, limit_prices  # noqa: E402
from desktop.core.stocklist import load_bundled  # noqa: E402

BAR_MS = 5.0
DAY = date(2026, 11, 20)
ROWS = 5_500


def make_rows(rng: random.Random) -> list[tuple[str, str, float | None, float | None, float | None]]:
    stocks = [(s.code, s.name) for s in load_bundled(resources_dir() / "stocks")]
    while len(stocks) < ROWS:                       # the bundled list may be a little short of today's market
        stocks += stocks[:ROWS - len(stocks)]
    rows = []
    for code, name in stocks[:ROWS]:
        prev = round(rng.uniform(2, 300), 2)
        roll = rng.random()
        pct = limit_pct(code, name, DAY) or 10.0
        if roll < 0.02:
            price = limit_prices(prev, pct)[0] / 100     # at 涨停
        elif roll < 0.03:
            price = limit_prices(prev, pct)[1] / 100     # at 跌停
        elif roll < 0.04:
            price = None                                 # suspended
        else:
            price = round(prev * (1 + max(-pct, min(pct, rng.gauss(0.2, 2.5))) / 100), 2)
        rows.append((code, name, price, prev, rng.uniform(1e6, 5e9)))
    return rows


def pace_median(runs: int) -> float:
    """core/amount_pace.compare over five stored sessions of 上证指数 and 深证成指 1-minute bars (the 分时 request
    brings five), the newest up to 14:35 — what the strip counts after each snapshot."""
    from datetime import datetime, timedelta

    from desktop.core.amount_pace import compare
    from desktop.core.market_hours import SHANGHAI

    rows = []
    for d in range(5):
        start = datetime(2026, 11, 16, 9, 30, tzinfo=SHANGHAI) + timedelta(days=d)
        minutes = [start + timedelta(minutes=m) for m in range(1, 121)] + \
                  [start + timedelta(hours=3, minutes=30 + m) for m in range(1, 121)]
        for code in ("sh000001", "sz399001"):
            rows += [(code, int(t.timestamp()), 1e9) for t in minutes if d < 4 or t.hour * 60 + t.minute <= 875]
    compare(rows)
    times = []
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        compare(rows)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    rows = make_rows(random.Random(7))
    count(rows, DAY)                                  # warm: the first call builds the per-board cache
    times = []
    for _ in range(max(1, args.runs)):
        t0 = time.perf_counter()
        b = count(rows, DAY)
        times.append((time.perf_counter() - t0) * 1000)
    ms = statistics.median(times)
    pace_ms = pace_median(args.runs)
    ok = ms <= BAR_MS and pace_ms <= BAR_MS
    print(f"{len(rows)} quotes: 涨 {b.up} 跌 {b.down} 平 {b.flat} · 涨停 {b.limit_up} 跌停 {b.limit_down} · "
          f"停牌 {b.suspended}")
    print(f"breadth, median of {args.runs}: {ms:6.2f} ms   bar ≤ {BAR_MS:g} ms   {'OK' if ms <= BAR_MS else 'OVER'}")
    print(f"成交额 against the previous session at the same minute (5 sessions × 2 indices of minute bars), "
          f"median: {pace_ms:6.2f} ms   bar ≤ {BAR_MS:g} ms   {'OK' if pace_ms <= BAR_MS else 'OVER'}")
    if args.json:
        print(json.dumps({"quotes": len(rows), "breadth_ms": round(ms, 2), "pace_ms": round(pace_ms, 2),
                          "bar_ms": BAR_MS, "ok": ok,
                          **b.to_dict()}, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

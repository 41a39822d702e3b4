"""Request budget of the market layer next to plain akshare, in one run, on a fabricated full market.

    python bench/market.py

Counts HTTP requests and *requested* sleep seconds (time.sleep is patched: nothing really waits) for one
watchlist refresh (50 codes), one board refresh (industry + concept) and one full snapshot. The baseline is
what akshare alone needs for the same data: it has no batched quote call, so a watchlist refresh means the
full `stock_zh_a_spot_em` crawl. Answers come from `scripts/make_demo.FakeMarket` in Eastmoney's exact
format, so akshare's real pagination and parsing run. Bars: watchlist ≤ 2 requests and ≤ 1 s; boards ≤ 6.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import responses  # noqa: E402

from bench.verdict import bar, finish  # noqa: E402
from desktop.sources.akshare_source import AkshareSource, _clear_akshare_caches, _import_akshare  # noqa: E402
from desktop.sources.rate_limit import HostLimits  # noqa: E402
from desktop.sources.recorder import Tap  # noqa: E402
from scripts.make_demo import DEMO_NOW, FakeMarket, bundled_universe  # noqa: E402

INDUSTRY_BOARDS = 86     # Eastmoney's industry boards before the Feb 2026 reorganisation
CONCEPT_BOARDS = 470     # concept boards (order of magnitude in 2025–2026)


class FakeTime:
    """time.sleep patched: sleeps are summed and advance a fake clock the rate limiter reads."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, s: float) -> None:
        self.slept += max(0.0, s)
        self.now += max(0.0, s)


def measure(market: FakeMarket, fake: FakeTime, fn: Any) -> tuple[int, float, float]:
    random.seed(0)                                   # akshare's random page delays, reproducibly
    n0, s0, t0 = market.requests, fake.slept, time.perf_counter()
    fn()
    return market.requests - n0, fake.slept - s0, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    fake = FakeTime()
    market = FakeMarket(bundled_universe(), board_counts=(INDUSTRY_BOARDS, CONCEPT_BOARDS), history_days=2)
    watch = [c for c in sorted(market.stocks) if c.startswith(("300", "688", "60", "00", "92"))][::97][:50]
    ak = _import_akshare()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, \
            mock.patch("time.sleep", fake.sleep):
        market.register(rsps)
        limits = HostLimits(clock=fake.clock, sleep=fake.sleep)
        src = AkshareSource(Tap(limits), wall_clock=DEMO_NOW.timestamp)
        fake.now += 120                               # an idle limiter, as before a poll
        ours = {
            "watchlist refresh (50 codes)": measure(market, fake, lambda: src.quotes(watch)),
            "boards (industry + concept)": measure(market, fake, lambda: (src.boards("industry"),
                                                                          src.boards("concept"))),
            f"full snapshot ({len(market.stocks):,} stocks)": measure(market, fake, src.snapshot),
        }
        fake.now += 120
        spot = measure(market, fake, ak.stock_zh_a_spot_em)

        def plain_boards() -> None:
            _clear_akshare_caches()   # as in a fresh process (later calls would return the cached concept list)
            ak.stock_board_industry_name_em()
            ak.stock_board_concept_name_em()

        base = [spot, measure(market, fake, plain_boards), spot]
        src.close()
    print(f"bench/market.py — akshare {ak.__version__}, fabricated market: {len(market.stocks):,} stocks, "
          f"{INDUSTRY_BOARDS} industry + {CONCEPT_BOARDS} concept boards; sleeps are requested seconds")
    head = f"{'':34} {'huohua req':>10} {'sleep s':>8} {'wall s':>6} | {'akshare req':>11} {'sleep s':>8} {'wall s':>6}"
    print(head)
    print("-" * len(head))
    for (name, (n, s, c)), (bn, bs, bc) in zip(ours.items(), base, strict=True):
        print(f"{name:34} {n:>10} {s:>8.1f} {c:>6.2f} | {bn:>11} {bs:>8.1f} {bc:>6.2f}")
    w_n, w_s, _ = ours["watchlist refresh (50 codes)"]
    b_n = ours["boards (industry + concept)"][0]
    print(f"bars: watchlist ≤ 2 requests and ≤ 1 s: {'PASS' if w_n <= 2 and w_s <= 1 else 'FAIL'} "
          f"({w_n} req, {w_s:.1f} s); boards ≤ 6 requests: {'PASS' if b_n <= 6 else 'FAIL'} ({b_n} req)")
    print("akshare baseline for a watchlist = stock_zh_a_spot_em (it has no batched quote call); "
          "boards baseline = stock_board_industry_name_em + stock_board_concept_name_em")
    out: dict[str, Any] = {"stocks": len(market.stocks), "industry_boards": INDUSTRY_BOARDS,
                           "concept_boards": CONCEPT_BOARDS}
    keys = ("watchlist", "boards", "snapshot")             # the rows of the table above, in order
    for key, (n, s, c), (bn, bs, bc) in zip(keys, ours.values(), base, strict=True):
        out |= {f"{key}_requests": n, f"{key}_sleep_s": round(s, 1), f"{key}_wall_s": round(c, 2),
                f"akshare_{key}_requests": bn, f"akshare_{key}_sleep_s": round(bs, 1),
                f"akshare_{key}_wall_s": round(bc, 2)}
    out |= {"bar_watchlist_requests": 2, "bar_watchlist_sleep_s": 1, "bar_boards_requests": 6}
    return finish([bar("watchlist_requests", w_n, 2), bar("watchlist_sleep_s", round(w_s, 1), 1, unit=" s"),
                   bar("boards_requests", b_n, 6)], out, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

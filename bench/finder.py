"""The keyboard stock finder: time per keystroke over the whole A-share list, next to the SQL search it replaced.

    python bench/finder.py [--json]

Types realistic queries one keystroke at a time (codes, 拼音 initials, Chinese names, single letters — the
broadest) into the matcher (core.stock_match) built from the seeded stock table, and into
store.market_store.search_stocks (LIKE over the same table: the news box's search before the matcher).
Bar: ≤ 5 ms per keystroke (the worst keystroke counts).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

QUERIES = ("300750", "600900", "ndsd", "ygdy", "cjdl", "zsyh", "宁德时代", "阳光电源", "s", "zg", "688")
BAR_MS = 5.0


def keystrokes() -> list[str]:
    return [q[:i] for q in QUERIES for i in range(1, len(q) + 1)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    from desktop.config import resources_dir
    from desktop.services.market_service import seed_bundled_stocks
    from desktop.services.stock_directory import StockDirectory
    from desktop.store import market_store as ms
    from desktop.store.db import connect_ro
    from desktop.store.writer import Writer

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "huohua.sqlite3"
        with Writer(db) as w:
            w.call(lambda c: seed_bundled_stocks(c, resources_dir() / "stocks", int(time.time())))
        t = time.perf_counter()
        matcher = StockDirectory(db, resources_dir()).matcher()
        build_ms = (time.perf_counter() - t) * 1000
        conn = connect_ro(db)
        ours, sql = [], []
        for text in keystrokes() * 3:
            t = time.perf_counter()
            matcher.search(text, 20)
            ours.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            ms.search_stocks(conn, text, limit=20)
            sql.append((time.perf_counter() - t) * 1000)
        conn.close()
    n = len(matcher)
    print(f"stocks: {n}; matcher built from the stock table in {build_ms:.1f} ms")
    print(f"SQL LIKE search (before) : median {statistics.median(sql):5.2f} ms, worst {max(sql):5.2f} ms  (baseline)")
    print(f"matcher, per keystroke   : median {statistics.median(ours):5.2f} ms, worst {max(ours):5.2f} ms  "
          f"bar ≤ {BAR_MS:g} ms")
    return finish([bar("keystroke_ms", round(max(ours), 2), BAR_MS, unit=" ms")],
                  {"stocks": n, "build_ms": round(build_ms, 1), "keystroke_ms": round(max(ours), 2),
                   "keystroke_median_ms": round(statistics.median(ours), 2),
                   "baseline_ms": round(max(sql), 2), "baseline_median_ms": round(statistics.median(sql), 2),
                   "bar_ms": BAR_MS}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

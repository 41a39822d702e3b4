"""The 异动 pane with a busy day's 2,000 盘口异动: parse, store, read and fill (bar: ≤ 50 ms to fill).

    python bench/movers.py [--runs 9] [--json]

2,000 events over the ten polled types (200 an answer, in getAllStockChanges' exact format) are parsed
(sources/movers.parse), stored through the writer (store/movers.store_movers: new events only), read back with
each stock's board and latest linked item (services/movers.read_pane, against 5,000 articles of which a third
link a stock) and shown in the real MoversPane (offscreen). The bar is on the fill: the pane's table set from
the read rows, columns sized, the type filter and 只看自选 applied (`movers_fill_ms`, the median of --runs);
parse, store and read are reported beside it. Exit status 1 over the bar.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.verdict import bar, finish  # noqa: E402
from desktop.config import Settings, resources_dir  # noqa: E402
from desktop.core.market_hours import SHANGHAI  # noqa: E402
from desktop.core.movers import POLLED  # noqa: E402
from desktop.core.stocklist import load_bundled  # noqa: E402
from desktop.services import movers as service  # noqa: E402
from desktop.sources.movers import parse  # noqa: E402
from desktop.store import fts  # noqa: E402
from desktop.store import movers as store  # noqa: E402
from desktop.store.writer import Writer  # noqa: E402

BAR_MS = 50.0
DAY = date(2026, 11, 20)
EVENTS = 2_000
ARTICLES = 5_000


def bodies(codes: list[str], rng: random.Random) -> dict[int, str]:
    """One answer per polled type, 200 events each, newest first, as the endpoint sends them."""
    out = {}
    per = EVENTS // len(POLLED)
    for kind in POLLED:
        rows = []
        for _ in range(per):
            h = rng.choice((9, 10, 11, 13, 14))
            tm = h * 10_000 + rng.randint(0 if h != 9 else 30, 59 if h != 11 else 29) * 100 + rng.randint(0, 59)
            code = rng.choice(codes)
            rows.append({"tm": tm, "c": code, "m": 1 if code.startswith("6") else 0, "n": f"股票{code}", "t": kind,
                         "i": f"{rng.randint(100, 90000)},{rng.uniform(3, 300):.2f},{rng.uniform(-0.1, 0.1):.6f}"})
        rows.sort(key=lambda r: r["tm"], reverse=True)
        out[kind] = json.dumps({"rc": 0, "rt": 4, "svr": 1, "lt": 1, "full": 1, "dlmkts": "",
                                "data": {"tc": len(rows), "allstock": rows}}, ensure_ascii=False)
    return out


def seed_articles(w: Writer, codes: list[str], rng: random.Random) -> None:
    start = int(datetime(2026, 11, 19, 15, 0, tzinfo=SHANGHAI).timestamp())

    def op(conn):
        conn.execute("INSERT INTO feeds(id, url, added) VALUES (1, 'https://bench.invalid/', 0)")
        for i in range(1, ARTICLES + 1):
            published = start + i * 17
            conn.execute("INSERT INTO articles(id, feed_id, title, summary_html, text, published, fetched, "
                         "content_hash, search_key) VALUES (?, 1, ?, '', '', ?, ?, ?, ?)",
                         (i, f"资讯 {i}", published, published, str(i), fts.key_floor(published) + i))
            if rng.random() < 0.33:
                conn.execute("INSERT OR IGNORE INTO article_stocks VALUES (?, ?, ?, ?)", (i, rng.choice(codes), "x", 0.9))
        conn.execute("INSERT INTO watchlists(id, name, position) VALUES (1, '自选', 0)")
        conn.executemany("INSERT INTO watchlist_items(watchlist_id, code, position) VALUES (1, ?, ?)",
                         [(c, n) for n, c in enumerate(codes[:50])])

    w.call(op, timeout=120)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    from desktop.runtime.bus import SelectionBus
    from desktop.runtime.tasks import TaskRunner
    from desktop.ui.pane import PaneContext
    from desktop.ui.panes.movers_pane import MoversPane

    app = QApplication.instance() or QApplication([])
    rng = random.Random(26)
    codes = [s.code for s in load_bundled(resources_dir() / "stocks")][:1_500]
    answers = bodies(codes, rng)
    with tempfile.TemporaryDirectory(prefix="huohua-bench-movers-") as tmp:
        db = Path(tmp) / "bench.sqlite3"
        with Writer(db) as w:
            seed_articles(w, codes, rng)
            t0 = time.perf_counter()
            events = [e for kind, text in answers.items() for e in parse(kind, text, DAY)]
            parse_ms = (time.perf_counter() - t0) * 1000
            t0 = time.perf_counter()
            w.call(lambda c: store.store_movers(c, DAY.isoformat(), POLLED, events, None, 1_763_620_000)[0])
            store_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        view = service.read_pane(db)
        read_ms = (time.perf_counter() - t0) * 1000
        runner = TaskRunner()
        ctx = PaneContext(SelectionBus(), runner, Settings(Path(tmp) / "settings.toml"), None,
                          SimpleNamespace(db_path=db, now=lambda: 0.0))
        pane = MoversPane(ctx)
        pane.resize(900, 600)
        pane.show()
        app.processEvents()
        times = []
        for i in range(max(1, args.runs)):
            t0 = time.perf_counter()
            pane._loaded_view(view, None)                      # what the read task hands the pane
            pane.set_type(POLLED[i % len(POLLED)] if i % 3 == 1 else 0)
            pane.set_watched_only(i % 3 == 2)
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
            pane.set_watched_only(False)
            pane.set_type(0)
        shown = len(view.rows)
        linked = sum(1 for r in view.rows if r.article_id is not None)
        runner.shutdown() if hasattr(runner, "shutdown") else None
    ms = statistics.median(times)
    print(f"{len(events)} events parsed in {parse_ms:.1f} ms, stored in {store_ms:.1f} ms, read with items "
          f"({linked} linked) in {read_ms:.1f} ms; {shown} shown")
    print(f"movers pane fill, median of {args.runs}: {ms:6.2f} ms   bar ≤ {BAR_MS:g} ms")
    bars = [bar("movers_fill_ms", round(ms, 2), BAR_MS, unit=" ms")]
    return finish(bars, {"events": len(events), "linked": linked, "parse_ms": round(parse_ms, 2),
                         "store_ms": round(store_ms, 2), "read_ms": round(read_ms, 2), "movers_fill_ms": round(ms, 2)},
                  args.json, ensure_ascii=False)


if __name__ == "__main__":
    sys.exit(main())

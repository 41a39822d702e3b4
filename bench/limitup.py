"""The 涨停 pool with its reasons: 300 stocks read, ordered and explained, then shown in the 涨停 pane (bars: ≤ 50 ms
to read and ≤ 50 ms to fill the pane).

    python bench/limitup.py [--runs 15] [--json]

A throw-away database holds a busy day — 300 stocks in the 涨停 pool (a 2015-like day; a usual one has 50–100),
5,000 articles of the day of which ~1,200 link a pool stock (some 公告, some lists), 2,000 with themes — and the
figure is the median time of services/limit_up.read: the stored pool in ladder order, each stock's linked items
and its themes' items read from SQLite, and the reasons ranked (core/limit_reasons.py). The pane's figures
(`fill_ms`, `fill_grouped_ms`) are the median time of LimitUpPane._show on the 300 rows with their reasons (the
model reset, the columns sized to their contents, the 题材 header spans when grouped) and the paint that follows,
offscreen at 1200×700 — what the GUI thread does when a pool arrives. Exit status 1 over a bar.
"""

from __future__ import annotations

import argparse
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

from bench.verdict import bar, finish  # noqa: E402
from desktop.config import resources_dir  # noqa: E402
from desktop.core.limit_pools import LimitRow  # noqa: E402
from desktop.core.market_hours import SHANGHAI  # noqa: E402
from desktop.core.stocklist import load_bundled  # noqa: E402
from desktop.core.trading_calendar import TradingCalendar  # noqa: E402
from desktop.services import limit_up  # noqa: E402
from desktop.store import fts  # noqa: E402
from desktop.store import limit_pools as store  # noqa: E402
from desktop.store.writer import Writer  # noqa: E402

BAR_MS = 50.0
FILL_BAR_MS = 50.0
DAY = date(2026, 11, 20)
ROWS = 300
ARTICLES = 5_000
INDUSTRIES = ("电池", "光伏设备", "半导体", "软件开发", "通信设备", "银行", "汽车整车", "化学制品")
THEMES = ("energy", "ai", "chips", "公告")


def fill(db: Path, rng: random.Random) -> None:
    codes = [s.code for s in load_bundled(resources_dir() / "stocks")][:2_000]
    pool = rng.sample(codes, ROWS)
    rows = [LimitRow("zt", DAY.isoformat(), c, f"股票{c}", price=10.0, change_pct=10.0, streak=rng.choice((1, 1, 1, 2, 3, 5)),
                     first_sealed=f"{rng.randint(9, 14):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
                     seal_funds=1e8, breaks=rng.randint(0, 3), industry=rng.choice(INDUSTRIES)) for c in pool]
    start = int(datetime(2026, 11, 19, 15, 0, tzinfo=SHANGHAI).timestamp())
    end = int(datetime(2026, 11, 20, 15, 0, tzinfo=SHANGHAI).timestamp())

    def op(conn):
        store.replace_pool(conn, "zt", DAY.isoformat(), rows, end)
        conn.execute("INSERT INTO feeds(id, url, added) VALUES (1, 'https://bench.invalid/', 0)")
        for i, published in enumerate(rng.sample(range(start, end), ARTICLES), 1):   # one article a second
            conn.execute("INSERT INTO articles(id, feed_id, title, summary_html, text, published, fetched, "
                         "content_hash, search_key) VALUES (?, 1, ?, '', '', ?, ?, ?, ?)",
                         (i, f"资讯 {i}", published, published, str(i), fts.key_floor(published)))
            roll = rng.random()
            if roll < 0.24:                      # links pool stocks: alone, or in a list
                for c in rng.sample(pool, 1 if roll < 0.15 else rng.randint(2, 6)):
                    conn.execute("INSERT OR IGNORE INTO article_stocks VALUES (?, ?, ?, ?)", (i, c, c, rng.random()))
            elif roll < 0.6:                     # links other stocks
                conn.execute("INSERT OR IGNORE INTO article_stocks VALUES (?, ?, ?, ?)",
                             (i, rng.choice(codes), "x", 0.9))
            if rng.random() < 0.4:
                conn.execute("INSERT OR IGNORE INTO article_themes VALUES (?, ?, '[]')", (i, rng.choice(THEMES)))

    with Writer(db) as w:
        w.call(op, timeout=120)


def fill_pane(db: Path, runs: int) -> tuple[float, float, int]:
    """(median ms to show the pool in the pane, the same grouped by 题材, how many groups)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.runtime.bus import SelectionBus
    from desktop.runtime.tasks import TaskRunner
    from desktop.services import limit_view
    from desktop.ui.pane import PaneContext
    from desktop.ui.panes.limitup_pane import LimitUpPane

    app = QApplication.instance() or QApplication([])
    settings = {"ui.colors": "red_up", "ui.theme": "light", "ui.language": "zh_CN"}
    market = SimpleNamespace(db_path=db, now=lambda: datetime(2026, 11, 20, 15, 30, tzinfo=SHANGHAI).timestamp())
    tasks = TaskRunner()
    pane = LimitUpPane(PaneContext(SelectionBus(), tasks, settings, None, market))
    pane.resize(1200, 700)
    pane.show()
    view = limit_view.read_pool(db, "zt", DAY.isoformat(), market.now())
    pane.view = view
    out = []
    for grouped in (False, True):
        pane.group_button.blockSignals(True)
        pane.group_button.setChecked(grouped)
        pane.group_button.blockSignals(False)
        pane._show()                       # warm: the fonts' metrics, as the second pool a session shows
        app.processEvents()
        times = []
        for _ in range(max(1, runs)):
            t0 = time.perf_counter()
            pane._show()
            pane.table.viewport().repaint()
            times.append((time.perf_counter() - t0) * 1000)
        out.append(statistics.median(times))
    groups = len(pane.model.header_rows())
    pane.close()
    tasks.shutdown()
    return out[0], out[1], groups


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    themes = limit_up.theme_industries()
    with tempfile.TemporaryDirectory(prefix="huohua-bench-limitup-") as tmp:
        db = Path(tmp) / "bench.sqlite3"
        fill(db, random.Random(26))
        service = SimpleNamespace(db_path=db, calendar=TradingCalendar([date(2026, 11, 19), DAY]))
        limit_up.read(service, "zt", DAY, themes)          # warm: the page cache, as a pane open twice
        times = []
        for _ in range(max(1, args.runs)):
            t0 = time.perf_counter()
            rows, reasons, _known = limit_up.read(service, "zt", DAY, themes)
            times.append((time.perf_counter() - t0) * 1000)
        fill_ms, grouped_ms, groups = fill_pane(db, args.runs)
    ms = statistics.median(times)
    explained = sum(1 for r in reasons.values() if r is not None)
    tiers = {t: sum(1 for r in reasons.values() if r is not None and r.tier == t) for t in ("notice", "only",
                                                                                          "linked", "theme")}
    print(f"{len(rows)} 涨停 stocks, {explained} with a reason ({', '.join(f'{k} {v}' for k, v in tiers.items())})")
    print(f"limitup read + reasons, median of {args.runs}: {ms:6.2f} ms   bar ≤ {BAR_MS:g} ms")
    print(f"涨停 pane fill, 300 rows with reasons, median of {args.runs}: {fill_ms:6.2f} ms   bar ≤ {FILL_BAR_MS:g} ms")
    print(f"  grouped by 题材 ({groups} groups):            {grouped_ms:6.2f} ms   bar ≤ {FILL_BAR_MS:g} ms")
    bars = [bar("limitup_ms", round(ms, 2), BAR_MS, unit=" ms"),
            bar("fill_ms", round(fill_ms, 2), FILL_BAR_MS, unit=" ms"),
            bar("fill_grouped_ms", round(grouped_ms, 2), FILL_BAR_MS, unit=" ms")]
    return finish(bars, {"rows": len(rows), "explained": explained, "limitup_ms": round(ms, 2),
                         "fill_ms": round(fill_ms, 2), "fill_grouped_ms": round(grouped_ms, 2), "groups": groups,
                         **tiers}, args.json, ensure_ascii=False)


if __name__ == "__main__":
    sys.exit(main())

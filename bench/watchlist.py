"""The watchlist model: a full quote update of 5,000 rows, next to emitting it row by row, in one run.

    python bench/watchlist.py [--rows 5000] [--json]

A QuoteModel sorted by % change (it re-sorts itself as quotes change) in a shown QTableView (offscreen); every quote changes; the time is from handing the model the new rows until the view
has processed the update (events included). The baseline does the same update with one dataChanged per row
(vn.py's pattern). Bar: ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.verdict import bar, finish  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BAR_MS = 20.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

    from desktop.core.market import Quote, QuoteRow
    from desktop.ui.models.quote_model import COLUMNS, QuoteModel
    from desktop.ui.style import price_colors

    app = QApplication.instance() or QApplication([])
    rng = random.Random(7)
    codes = [f"{600000 + i:06d}" for i in range(args.rows)]
    now = int(time.time())

    def rows() -> list[QuoteRow]:
        out = []
        for c in codes:
            pct = rng.uniform(-10, 10)
            q = Quote(c, "股票", 10 + pct, pct, pct / 10, 10, 11, 9, 10, 1e6, 1e8, 1.0, 1e10, now, now)
            out.append(QuoteRow(q, "bench", False, 0))
        return out

    def setup():
        model = QuoteModel(lambda: price_colors("red_up"))
        view = QTableView()
        view.setModel(model)
        view.verticalHeader().hide()                       # as the pane shows it
        view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        view.verticalHeader().setDefaultSectionSize(24)
        view.setShowGrid(False)
        view.setSortingEnabled(True)
        view.sortByColumn(COLUMNS.index("change_pct"), Qt.DescendingOrder)
        view.resize(900, 600)
        view.show()
        model.set_rows(codes, rows(), {})
        app.processEvents()
        return model, view

    ours, naive = [], []
    model, view = setup()
    for _ in range(7):
        fresh = rows()
        t = time.perf_counter()
        model.set_rows(codes, fresh, {})
        app.processEvents()
        ours.append((time.perf_counter() - t) * 1000)
    for _ in range(3):
        fresh = rows()
        t = time.perf_counter()
        by_code = {r.quote.code: r for r in fresh}
        model.rows = [by_code.get(c) for c in model.codes]
        last = len(COLUMNS) - 1
        for r in range(len(codes)):                       # the baseline: one dataChanged per row
            model.dataChanged.emit(model.index(r, 0), model.index(r, last))
        app.processEvents()
        naive.append((time.perf_counter() - t) * 1000)
    view.close()
    update = statistics.median(ours)
    print(f"row by row (baseline) : {statistics.median(naive):8.1f} ms median of {len(naive)}")
    print(f"one batched update    : {update:8.1f} ms median of {len(ours)} ({args.rows} rows, sorted, shown)"
          f"  bar ≤ {BAR_MS:g} ms")
    return finish([bar("update_ms", round(update, 1), BAR_MS, unit=" ms")],
                  {"rows": args.rows, "update_ms": round(update, 1),
                   "baseline_ms": round(statistics.median(naive), 1), "bar_ms": BAR_MS}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

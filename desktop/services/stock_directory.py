"""StockDirectory: the stock matcher (core.stock_match) over the stock table, built once and shared.

The table carries each name's 拼音 keys (computed when it is seeded), so building the matcher takes ~10 ms. A
database without a seeded table (the market worker seeds it shortly after the first start) falls back to the
bundled list, whose initials cost ~0.5 s to compute: build it off the GUI thread (a task) the first time.

Two matchers: `matcher()` knows stocks only (positions, the stock CLI: an index is never a stock to hold);
`matcher(indices=True)` adds the indices (core/indices.py) for what may name one — the finder, the news search's
completion, the watchlists.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path

from desktop.core.changes import Changes
from desktop.core.stock_match import StockEntry, StockMatcher, index_entries, initials_of, parse_keys
from desktop.core.stocklist import bundled_file, load_bundled
from desktop.store import market_store as ms


class StockDirectory:
    def __init__(self, db_path: Path | None, resources: Path):
        self.db_path = db_path
        self.resources = resources
        self._matcher: StockMatcher | None = None
        self._with_indices: StockMatcher | None = None
        self._lock = threading.Lock()

    def matcher(self, indices: bool = False) -> StockMatcher:
        with self._lock:
            if self._matcher is None:
                self._matcher = StockMatcher(self._from_table() or self._from_bundled())
            if not indices:
                return self._matcher
            if self._with_indices is None:
                self._with_indices = StockMatcher([*self._matcher.entries, *index_entries()])
            return self._with_indices

    def ready(self) -> bool:
        return self._matcher is not None

    def invalidate(self) -> None:
        """The stock table changed (new listings, renames): rebuild on next use."""
        with self._lock:
            self._matcher = self._with_indices = None

    def _from_table(self) -> list[StockEntry]:
        if self.db_path is None or not self.db_path.exists():
            return []
        from desktop.store.db import connect_ro
        from desktop.store.stocks import matcher_rows

        try:
            conn = connect_ro(self.db_path)
        except Exception:   # an unreadable database: the bundled list still answers
            return []
        try:
            rows = matcher_rows(conn)
        except sqlite3.Error:
            return []
        finally:
            conn.close()
        return [StockEntry(code, name, exchange or "", parse_keys(pinyin or "") or initials_of(name),
                           tuple(n for n in (former or "").split("|") if n)) for code, name, exchange, pinyin, former
                in rows]

    def _from_bundled(self) -> list[StockEntry]:
        from desktop.core.stocklist import bundled_file, load_bundled

        stocks = self.resources / "stocks"
        if not bundled_file(stocks).exists():
            return []
        return [StockEntry(s.code, s.name, s.exchange, initials_of(s.name), s.former) for s in load_bundled(stocks)]


def seed_bundled_stocks(conn: sqlite3.Connection, stocks_dir: Path, now: int) -> Changes:
    """Writer op: the bundled list into the stock table, unless this exact file was loaded before."""
    path = bundled_file(stocks_dir)
    if not path.exists():
        return Changes()
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    return ms.seed_stocks(conn, digest, lambda: load_bundled(stocks_dir), now)

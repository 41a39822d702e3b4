"""MarketView: the one read-only façade panes use for market data (Qt-free).

Panes never import `store` modules nor write SQL: they ask this. Reads use a read-only connection of the
calling thread (the GUI thread for small lookups, a task's for bigger ones). The market clock (a replay's
recorded time, else the computer's) and the staleness threshold come from the market service once the market
worker has built it; before that nothing is stale (the GUI thread must never load or wait for the calendar).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core import clock

if TYPE_CHECKING:
    import sqlite3

    from desktop.core.heat_tiles import Tile
    from desktop.core.market import Bar, QuoteRow, Watchlist
    from desktop.core.why_moving import Why
    from desktop.services.stock_directory import StockDirectory

# The store is imported on first use, after the window's first paint (bench/startup.py: sqlite3 and the market
# store cost ~10 ms of imports, which the start-up bar cannot spare).


class MarketView:
    def __init__(self, db_path: Path, resources: Path):
        self.db_path = db_path
        self.resources = resources
        self._local = threading.local()
        self._now: Callable[[], float] = clock.now
        self._stale_before: Callable[[], int] = lambda: 0    # nothing is stale until the market clock is known
        self._frozen_before: Callable[[], int] = lambda: 0
        self._until: float | None = None                    # a replay's last recorded moment
        self._demo = False
        self._directory: StockDirectory | None = None

    def conn(self) -> sqlite3.Connection:
        c = getattr(self._local, "conn", None)
        if c is None:
            from desktop.store.db import connect_ro

            c = self._local.conn = connect_ro(self.db_path)
        return c

    # -- the market clock ------------------------------------------------------------------------------
    def set_clock(self, now: Callable[[], float], stale_before: Callable[[], int], demo: bool = False) -> None:
        """Called on the GUI thread once the market service is ready (a replay's clock is the recording's)."""
        self._now, self._stale_before, self._demo = now, stale_before, demo

    def take_clock_from(self, service: Any) -> None:
        """Take the market service's clock, staleness thresholds and demo flag (and a replay's end)."""
        self.set_clock(lambda: service.clock().timestamp(), service.stale_before,
                       bool(getattr(service.source, "demo", False)))
        self._frozen_before = service.frozen_before
        if getattr(service.source, "mode", "") == "replay":
            from desktop.sources.replay import recorded_until

            self._until = recorded_until(getattr(service.source, "meta", None) or {})

    def recorded_now(self) -> float:
        """The market clock, but never past a replay's last recorded moment: "now" for judging what the
        recording holds (the demo's alerts: its quotes are as fresh as when they were recorded)."""
        now = self._now()
        return now if self._until is None else min(now, self._until)

    @property
    def demo(self) -> bool:
        return self._demo

    def now(self) -> float:
        return self._now()

    def stale_before(self) -> int:
        """Quotes fetched before this are stale (0 until the market service has loaded its calendar)."""
        return self._stale_before()

    # -- reads -------------------------------------------------------------------------------------------
    def watchlists(self) -> list[Watchlist]:
        import sqlite3

        from desktop.store import market_store as ms

        try:
            return ms.watchlists(self.conn())
        except sqlite3.OperationalError:    # market tables not created yet (an old database, a first start)
            return []

    def quote_rows(self, codes: list[str]) -> list[QuoteRow]:
        if not codes:
            return []
        from desktop.store import market_store as ms

        return ms.latest_quotes(self.conn(), codes, now=int(self.now()), stale_before=self.stale_before(),
                                frozen_before=self._frozen_before())

    def daily_bars(self, code: str, adjust: str = "qfq", days: int = 250) -> list[Bar]:
        """Stored daily bars, oldest first (the chart opens from these offline)."""
        from desktop.store import market_store as ms

        return ms.daily_bars(self.conn(), code, "" if adjust in ("", "none") else adjust, days)

    def intraday_session(self, code: str) -> tuple[list[Bar], float | None]:
        """The latest stored session's 1-minute bars (ascending) and the close before it (昨收): the quote's, when
        the quote is of that session (the exchange's own figure); else the daily bar before the session
        (unadjusted, then front-adjusted); None when nothing is stored."""
        from desktop.core.intraday import session_bars, session_start
        from desktop.store import market_reads as mr
        from desktop.store import market_store as ms

        conn = self.conn()
        bars = session_bars(ms.intraday_bars(conn, code))
        if not bars:
            return [], None
        start = session_start(bars)
        quote = mr.quote_prev_close(conn, code)
        if quote and quote[0] and start <= (quote[1] or 0) < start + 86400:
            return bars, quote[0]
        return bars, mr.close_before(conn, code, start)

    def why_moving(self, codes: list[str]) -> dict[str, Why]:
        """code → core.why_moving.Why (its boards' moves, 异动 today, linked items since the previous close): read
        once per refresh on a task; the panes keep the answer for their tooltips (services/why_moving.py)."""
        from desktop.services import why_moving

        return why_moving.load(self.conn(), codes, self.now())

    def previous_session(self, code: str, day: int) -> int | None:
        """00:00 of the last stored daily bar before `day` (the previous trading session), or None."""
        from desktop.store import market_reads as mr

        try:
            return mr.last_daily_before(self.conn(), code, day)
        except Exception:   # no database yet
            return None

    def session_closes(self, codes: list[str]) -> dict[str, tuple[int, float | None, list[tuple[int, float]]]]:
        """For the sparkline column: code → (session day, 昨收, [(label time, close)]) of the latest stored
        session of each code (codes with no 1-minute bars of the last few days are left out). 昨收 is the
        quote's when it is of that session, else None (the line is then drawn against its first price)."""
        from desktop.core.sparklines import day_of
        from desktop.store import market_reads as mr

        conn = self.conn()
        since = int(self.now()) - 6 * 86400
        by_code: dict[str, list[tuple[int, float]]] = {}
        for code, t, close in mr.intraday_closes(conn, codes, since):
            by_code.setdefault(code, []).append((t, close))
        prev = {code: (pc, t or 0) for code, pc, t in mr.prev_closes(conn, codes)}
        out = {}
        for code, rows in by_code.items():
            day = day_of(rows[-1][0])
            session = [(t, c) for t, c in rows if t >= day]
            pc, qt = prev.get(code, (None, 0))
            out[code] = (day, pc if day_of(qt) == day else None, session) if qt else (day, None, session)
        return out

    # -- the heatmap -----------------------------------------------------------------------------------
    def board_tiles(self, kind: str) -> list[Tile]:
        """Industry or concept boards as heatmap tiles (sized by their total cap, the only size boards have)."""
        from desktop.core.heat_tiles import Tile
        from desktop.store import market_reads as mr

        stale_before = self.stale_before()
        rows = mr.board_rows(self.conn(), kind)
        return [Tile(code, "board", name, cap, pct, updated < stale_before, updated, "", cap, up, down, leader)
                for code, name, pct, cap, up, down, leader, updated in rows]

    def stock_tiles(self, codes: list[str] | None = None, size_by: str = "total_cap",
                    groups: dict[str, str] | None = None) -> list[Tile]:
        """Stocks as heatmap tiles: `codes` (None: every stock with a quote), grouped by `groups` (code → group
        name; default the stock's industry). Sized by `size_by`, falling back to the total cap."""
        from desktop.core.heat_tiles import Tile
        from desktop.store import market_reads as mr

        stale_before = self.stale_before()
        rows = mr.stock_tile_rows(self.conn(), codes)
        out = []
        for code, name, industry, cap, float_cap, amount, pct, fetched in rows:
            size = {"float_cap": float_cap, "amount": amount}.get(size_by) or cap
            if not size or size <= 0:
                continue
            group = groups.get(code, "") if groups is not None else industry
            out.append(Tile(code, "stock", name, float(size), pct, fetched is None or fetched < stale_before,
                            fetched or 0, group, cap))
        return out

    def board_member_codes(self, board_code: str) -> list[str]:
        """The stored members of a board ([] until they were fetched: ask the market worker)."""
        from desktop.store import market_reads as mr

        return mr.board_member_codes(self.conn(), board_code)

    def board_name(self, code: str) -> str:
        from desktop.store import market_reads as mr

        name = mr.board_name(self.conn(), code)
        return code if name is None else name

    def industry_codes(self, industry: str) -> list[str]:
        """Stocks whose industry is `industry` (an industry board's members before they were fetched)."""
        from desktop.store import market_reads as mr

        return mr.industry_codes(self.conn(), industry)

    def member_map(self, kind: str) -> dict[str, list[str]]:
        """Board code → member codes: the stored members, else (industry boards) the stocks of that industry."""
        from desktop.store import market_reads as mr

        conn = self.conn()
        out: dict[str, list[str]] = {}
        for board, code in mr.member_pairs(conn, kind):
            out.setdefault(board, []).append(code)
        if kind == "industry":
            for board, code in mr.industry_pairs(conn):
                if board not in out or code not in out[board]:
                    out.setdefault(board, []).append(code)
        return out

    def boards_of(self, code: str) -> list[str]:
        """The boards a stock is stored as a member of, and the industry board named as its industry."""
        from desktop.store import market_reads as mr

        return list(dict.fromkeys(mr.boards_of(self.conn(), code)))

    def stock_names(self) -> dict[str, str]:
        """Code → name from the stock table, else from the bundled list (a database not seeded yet)."""
        import sqlite3

        from desktop.store.stocks import stock_names

        try:
            names = stock_names(self.conn())
        except sqlite3.OperationalError:
            names = {}
        return names or bundled_names(self.resources)

    @property
    def directory(self) -> StockDirectory:
        """The stock matcher's home (services.stock_directory), shared by the finder and the search box."""
        if self._directory is None:
            from desktop.services.stock_directory import StockDirectory

            self._directory = StockDirectory(self.db_path, self.resources)
        return self._directory

    def search_stocks(self, text: str, limit: int = 12) -> list[tuple[str, str]]:
        """(code, name) by code, name, former name or 拼音 initials (ndsd → 宁德时代); best first; the indices too
        (an index's code is its key, sh000001: core/indices.py). The first call builds the matcher (~10 ms from
        the stock table)."""
        return [(e.code, e.name) for e in self.directory.matcher(indices=True).search(text, limit)]


def bundled_names(resources: Path) -> dict[str, str]:
    """The bundled A-share list (code → name), for before the database holds one."""
    from desktop.core.stocklist import bundled_file, load_bundled

    stocks = resources / "stocks"
    return {s.code: s.name for s in load_bundled(stocks)} if bundled_file(stocks).exists() else {}

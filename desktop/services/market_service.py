"""`MarketService`: Qt-free market polling — what is due when, fetching through a `QuoteSource`, storing
through the `Writer`, backing off on failures and reporting each job's state.

Every `refresh_*` call blocks (run it on a worker); it returns the `Changes` it committed, or records the
failure in `status()` and re-raises the `SourceError`. A failed poll writes nothing, so the last good data
stays in the store; reads mark it stale with its age. `run_due()` is the poller's loop body.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.config import Settings, resources_dir
from desktop.core import clock as wall_clock
from desktop.core.changes import Changes
from desktop.core.errors import SourceError
from desktop.core.indices import INDEX_KEYS
from desktop.core.market import Quote, QuoteRow, Stock
from desktop.core.market_hours import ACTIVE, LABELS, SHANGHAI, at, last_market_time, next_run, phase
from desktop.core.trading_calendar import TradingCalendar, offline_calendar
from desktop.services.stock_directory import seed_bundled_stocks as seed_bundled_stocks  # its old home
from desktop.sources.market import BOARD_KINDS, QuoteSource, exchange_of
from desktop.store import market_meta
from desktop.store import market_store as ms
from desktop.store.db import connect_ro
from desktop.store.writer import Writer

log = logging.getLogger(__name__)
JOBS = ("quotes", "boards", "snapshot", "intraday", "calendar", "limitup", "movers")
ON_DEMAND = ("history", "board_members")
CALENDAR_EVERY = timedelta(days=7)   # the official calendar: at start-up, then weekly


@dataclass(frozen=True, slots=True)
class JobStatus:
    name: str
    state: str                        # "idle" | "ok" | "stale" | "error"
    last_success: datetime | None
    last_attempt: datetime | None
    error: str                        # the last failure's message ("" once a poll succeeds again)
    failures: int                     # consecutive
    retry_at: datetime | None         # back-off: not before this
    detail: str = ""                  # e.g. which quote endpoint answered
    frozen_since: int | None = None   # quotes: answered, but every watched quote stopped at this market time


class _Job:
    def __init__(self, name: str):
        self.name = name
        self.last_success: datetime | None = None
        self.last_attempt: datetime | None = None
        self.error = ""
        self.failures = 0
        self.retry_at: datetime | None = None


class MarketService:
    def __init__(self, source: QuoteSource, writer: Writer, db_path: Path, settings: Settings,
                 clock: Callable[[], datetime] | None = None,
                 offline: Callable[[], TradingCalendar] = offline_calendar):
        self.source = source
        # exchange-calendars' sessions (it imports pandas): loaded where the source runs — in the market
        # process when the source is a ProcessSource — once
        self._offline_loader = offline
        self._offline: TradingCalendar | None = None
        self.writer = writer
        self.db_path = db_path
        self.settings = settings
        self.clock = clock or wall_clock.shanghai
        self.chart_code: str | None = None      # the stock whose 1-minute chart is open: follow_intraday()
        self._jobs = {name: _Job(name) for name in JOBS + ON_DEMAND}
        self._lock = threading.Lock()
        self._calendar: TradingCalendar | None = None   # loaded on first use (~0.4 s), not at construction
        # The full-market crawl takes about a minute (57 pages with akshare's sleeps): it runs on its own
        # thread so the 5-second watchlist quotes keep flowing meanwhile. One crawl at a time.
        self._crawler = ThreadPoolExecutor(max_workers=1, thread_name_prefix="huohua-snapshot")
        self._crawl: Future[Any] | None = None
        self.closed = False                     # close() was called: failures from now on are the closing's

    # -- setup -------------------------------------------------------------------------------------------
    def prepare(self) -> Changes:
        """Seed the bundled stock list and the default watchlist; resume schedules from what is stored."""
        from desktop.store import limit_pools as pools_store  # imported on the market thread
        from desktop.store import movers as movers_store
        now = self._ts(self.clock())
        stocks_dir = resources_dir() / "stocks"
        changes = self.writer.call(lambda c: seed_bundled_stocks(c, stocks_dir, now))
        changes.merge(self.writer.call(ms.ensure_default_watchlist))
        with self._read() as conn:
            dates = ms.load_trade_dates(conn)
            watched = ms.watched_codes(conn)
            quotes_at = ms.last_fetched(conn, watched) if watched else None
            boards_at = market_meta.boards_updated(conn)
            snap = market_meta.snapshot_at(conn)
            pools_at = pools_store.last_polled(conn)
            movers_at = movers_store.last_polled(conn)
        if dates:
            self._calendar = self._base_calendar().merged(dates)
        for name, ts in (("quotes", quotes_at), ("boards", boards_at), ("snapshot", snap),
                         ("limitup", pools_at), ("movers", movers_at)):
            if ts:
                self._jobs[name].last_success = datetime.fromtimestamp(ts, SHANGHAI)
        return changes

    @property
    def calendar_loaded(self) -> bool:
        return self._calendar is not None

    @property
    def calendar(self) -> TradingCalendar:
        if self._calendar is None:
            self._calendar = self._base_calendar()
        return self._calendar

    def _base_calendar(self) -> TradingCalendar:
        if self._offline is None:
            self._offline = self._offline_loader()
        return self._offline

    def _read(self) -> Any:
        return contextlib.closing(connect_ro(self.db_path))   # sqlite3's own `with` commits; this closes

    @staticmethod
    def _ts(dt: datetime) -> int:
        return int(dt.timestamp())

    # -- reads used by the CLI and panes -----------------------------------------------------------------
    def stale_before(self, now: datetime | None = None) -> int:
        """Quotes fetched before this moment are stale: the market has moved since (3 polls' grace)."""
        now = now or self.clock()
        grace = max(30.0, 3.0 * float(self.settings.get("market.quotes_interval_s")))
        return self._ts(last_market_time(now, self.calendar)) - int(grace)

    def frozen_before(self, now: datetime | None = None) -> int:
        """Quotes whose own time is before this have stopped moving (market_hours.frozen_before); 0 until the
        calendar is loaded (the GUI thread asks: it must never load it)."""
        from desktop.core.market_hours import frozen_before

        return frozen_before(now or self.clock(), self._calendar) if self._calendar is not None else 0

    def watched_codes(self) -> list[str]:
        with self._read() as conn:
            return ms.watched_codes(conn)

    def quote_rows(self, codes: list[str]) -> list[QuoteRow]:
        now = self.clock()
        with self._read() as conn:
            return ms.latest_quotes(conn, codes, now=self._ts(now), stale_before=self.stale_before(now),
                                    frozen_before=self.frozen_before(now))

    # -- refreshes ---------------------------------------------------------------------------------------
    def _attempt(self, name: str, fetch: Callable[[], Any], store: Callable[[Any], Changes]) -> Changes:
        now = self.clock()
        job = self._jobs[name]
        with self._lock:
            job.last_attempt = now
        try:
            data = fetch()
        except SourceError as exc:
            self._failed(job, now, exc)
            raise
        changes = store(data)
        with self._lock:
            job.last_success, job.error, job.failures, job.retry_at = now, "", 0, None
        return changes

    def _failed(self, job: _Job, now: datetime, exc: SourceError) -> None:
        ceiling = float(self.settings.get("market.backoff_max_s"))
        base = self._interval(job.name) or 30.0
        with self._lock:
            job.failures += 1
            # a failure that will not go away by itself (changed columns, an unknown code, a recording that
            # lacks the request) waits the longest; a transient one doubles its wait each time
            delay = min(ceiling, base * 2 ** job.failures) if exc.transient else ceiling
            if exc.retry_after:
                delay = max(delay, min(ceiling, exc.retry_after))
            job.error, job.retry_at = str(exc), now + timedelta(seconds=delay)
        if self.closed:     # a call cut by close() (the window quitting): nothing to report
            log.debug("market %s stopped by closing: %s", job.name, exc)
            return
        log.warning("market %s failed (%d in a row, next try in %.0f s): %s", job.name, job.failures, delay, exc)

    def refresh_quotes(self, codes: list[str] | None = None) -> Changes:
        # the poll (no codes named) brings the indices in the same batched request (core/indices.py)
        codes = list(codes) if codes is not None else [*self.watched_codes(), *INDEX_KEYS]
        if not codes:
            return Changes()
        return self._attempt("quotes", lambda: self.source.quotes(codes),
                             lambda qs: self.writer.call(lambda c: ms.upsert_quotes(c, qs, self._backend())))

    def _backend(self) -> str:
        try:
            return str(self.source.status().get("quote_backend") or "quotes")
        except Exception:  # status is informative only
            return "quotes"

    def refresh_boards(self, kind: str | None = None) -> Changes:
        kinds = BOARD_KINDS if kind is None else (kind,)

        def fetch() -> list[tuple[str, list[Any]]]:
            return [(k, self.source.boards(k)) for k in kinds]   # all or nothing: no half-updated heatmap

        def store(lists: list[tuple[str, list[Any]]]) -> Changes:
            now = self._ts(self.clock())
            out = Changes()
            for k, boards in lists:
                out.merge(self.writer.call(functools.partial(ms.replace_boards, kind=k, boards=boards, now=now)))
            return out

        return self._attempt("boards", fetch, store)

    def refresh_board_members(self, board_code: str, kind: str | None = None) -> Changes:
        if kind is None:
            with self._read() as conn:
                kind = market_meta.board_type(conn, board_code) or "industry"

        def store(quotes: list[Quote]) -> Changes:
            code = self.source.resolve_board(board_code, kind)

            def op(c: Any) -> Changes:
                out = ms.replace_board_members(c, code, [q.code for q in quotes])
                return out.merge(ms.upsert_quotes(c, quotes, "board"))

            return self.writer.call(op)

        return self._attempt("board_members", lambda: self.source.board_members(board_code, kind), store)

    def refresh_history(self, code: str, days: int = 120, adjust: str = "qfq") -> Changes:
        adjust = "" if adjust in ("", "none") else adjust
        return self._attempt("history", lambda: self.source.daily_bars(code, days, adjust),
                             lambda bars: self.writer.call(lambda c: ms.upsert_daily_bars(c, bars)))

    def follow_intraday(self, code: str | None) -> None:
        """The stock whose 1-minute bars the intraday job keeps fresh (None: none). Call it on the market
        thread (the poller's `request("follow", code)`), never from the GUI."""
        self.chart_code = code

    def refresh_intraday(self, code: str) -> Changes:
        keep_days = int(self.settings.get("market.intraday_keep_days"))
        today = self.clock().astimezone(SHANGHAI).date()
        keep_since = self._ts(at(self.calendar.trading_days_back(today, keep_days), datetime.min.time()))

        def store(bars: list[Any]) -> Changes:
            def op(c: Any) -> Changes:
                out = ms.upsert_intraday_bars(c, bars)
                # the indices' sessions stay too: the strip's 分时 sparklines and the 成交额 comparison read them
                return out.merge(ms.prune_intraday(c, keep_since, [*ms.watched_codes(c), code, *INDEX_KEYS]))

            return self.writer.call(op)

        return self._attempt("intraday", lambda: self.source.intraday_bars(code), store)

    def snapshot(self, on_page: Callable[[list[Quote]], None] | None = None) -> Changes:
        """Full market (~57 requests, about a minute): each page is stored and handed on as it arrives; the
        final frame also refreshes the stock universe (new listings, renames) for the company linker."""

        def page(quotes: list[Quote]) -> None:
            self.writer.submit(lambda c: ms.upsert_quotes(c, quotes, "snapshot"))
            if on_page is not None:
                on_page(quotes)

        def store(quotes: list[Quote]) -> Changes:
            now = self._ts(self.clock())
            stocks = [Stock(q.code, q.name, exchange_of(q.code) or "", "", q.total_cap, q.float_cap) for q in quotes]

            def op(c: Any) -> Changes:
                out = ms.upsert_quotes(c, quotes, "snapshot").merge(ms.upsert_stocks(c, stocks, now))
                market_meta.set_snapshot_at(c, now)
                return out

            return self.writer.call(op, timeout=120)

        return self._attempt("snapshot", lambda: self.source.snapshot(page), store)

    def refresh_calendar(self) -> Changes:
        def store(dates: list[Any]) -> Changes:
            self._calendar = self._base_calendar().merged(dates)
            return self.writer.call(lambda c: ms.save_trade_dates(c, dates))

        return self._attempt("calendar", self.source.trade_dates, store)

    def refresh_limit_pools(self, day: date | None = None) -> Changes:
        """The 涨停 / 炸板 / 跌停 pools of the current trading day (3 requests, all or nothing), stored per day."""
        from desktop.services import limit_up
        day = day or limit_up.default_day(self)      # today once the auction opened, else the last session
        return self._attempt("limitup", lambda: limit_up.fetch_pools(self.source, day),
                             lambda pools: limit_up.save(self, day, pools))

    def refresh_movers(self, day: date | None = None) -> Changes:
        from desktop.services import movers  # the day's 盘口异动 and board 异动, all or nothing
        changes: Changes = movers.poll(self, day)
        return changes

    # -- scheduling --------------------------------------------------------------------------------------
    def _interval(self, name: str) -> float | None:
        s = self.settings
        return {"quotes": float(s.get("market.quotes_interval_s")), "boards": float(s.get("market.boards_interval_s")),
                "snapshot": 60.0 * float(s.get("market.snapshot_interval_min")),
                "intraday": float(s.get("market.intraday_interval_s")),
                "limitup": float(s.get("market.limitup_interval_s")), "movers": float(s.get("market.movers_interval_s"))}.get(name)

    def due(self, now: datetime | None = None) -> list[str]:
        """Names of the jobs to run now: market-following ones by the trading clock, calendar once a day."""
        now = (now or self.clock()).astimezone(SHANGHAI)
        out = []
        with self._lock:
            for name in JOBS:
                job = self._jobs[name]
                if job.retry_at is not None and now < job.retry_at:
                    continue
                if name == "calendar":   # at start-up, then weekly; failures by back-off; a replay once
                    if self.source.mode == "replay":
                        due = job.last_attempt is None
                    else:
                        due = job.last_success is None or now - job.last_success >= CALENDAR_EVERY
                    if due:
                        out.append(name)
                    continue
                if name == "intraday" and not self.chart_code:
                    continue
                if name == "snapshot" and self._crawl is not None and not self._crawl.done():
                    continue   # still crawling in the background
                if next_run(now, job.last_success, self._interval(name) or 60.0, self.calendar) <= now:
                    out.append(name)
        return out

    def run_job(self, name: str) -> Changes:
        jobs: dict[str, Callable[[], Changes]] = {
            "quotes": self.refresh_quotes, "boards": self.refresh_boards, "snapshot": self.snapshot,
            "intraday": lambda: self.refresh_intraday(self.chart_code) if self.chart_code else Changes(),
            "calendar": self.refresh_calendar, "limitup": self.refresh_limit_pools, "movers": self.refresh_movers}
        if name not in jobs:
            raise ValueError(f"unknown market job {name!r}")
        return jobs[name]()

    def run_due(self, now: datetime | None = None) -> Changes:
        """Run every due job; a failing job is recorded in status() and never stops the others. The snapshot
        is started in the background (its pages are stored as they arrive) and not waited for."""
        changes = Changes()
        for name in self.due(now):
            if name == "snapshot":
                self.start_snapshot()
                continue
            try:
                changes.merge(self.run_job(name))
            except SourceError:
                continue   # already recorded with its back-off
        return changes

    def start_snapshot(self) -> None:
        """The full-market crawl, in the background (about a minute; its pages are stored as they arrive)."""
        def crawl() -> None:
            try:
                self.snapshot()
            except SourceError:
                pass       # recorded in status() with its back-off
            except Exception:
                if not self.closed:
                    log.exception("market snapshot failed")

        try:
            self._crawl = self._crawler.submit(crawl)
        except RuntimeError:   # closing
            self._crawl = None

    def close(self) -> None:
        """Thread-safe: stop the source (in-flight calls fail at once) and the background crawl."""
        self.closed = True
        closer = getattr(self.source, "close", None)
        if closer is not None:
            closer()
        self._crawler.shutdown(wait=False, cancel_futures=True)

    # -- status ------------------------------------------------------------------------------------------
    def status(self, now: datetime | None = None) -> dict[str, JobStatus]:
        now = (now or self.clock()).astimezone(SHANGHAI)
        try:
            src = self.source.status()
        except Exception:  # informative only
            src = {}
        active = phase(now, self.calendar) in ACTIVE
        out = {}
        with self._lock:
            for name, job in self._jobs.items():
                if job.failures:
                    state = "stale" if job.last_success else "error"
                elif job.last_success is None:
                    state = "idle"
                elif active and (interval := self._interval(name)) and \
                        (now - job.last_success).total_seconds() > 3 * interval + 30:
                    state = "stale"
                else:
                    state = "ok"
                detail = str(src.get("quote_backend") or "") if name == "quotes" else ""
                out[name] = JobStatus(name, state, job.last_success, job.last_attempt, job.error, job.failures,
                                      job.retry_at, detail)
        quotes, cutoff = out.get("quotes"), self.frozen_before(now)
        if quotes is not None and quotes.state == "ok" and cutoff:
            try:
                with self._read() as conn:
                    newest = ms.newest_quote_time(conn, ms.watched_codes(conn))
            except Exception:   # informative only: a database still being created
                newest = 0
            if 0 < newest < cutoff:   # polls succeed, but no watched quote moved: not fresh data (the status bar)
                out["quotes"] = replace(quotes, state="stale", frozen_since=newest)
        return out

    def phase_label(self, now: datetime | None = None) -> str:
        return LABELS[phase(now or self.clock(), self.calendar)]

    def phase_estimated(self, now: datetime | None = None) -> bool:
        """True when today's phase rests on the holiday rules, not on an official calendar."""
        return self.calendar.is_estimated((now or self.clock()).astimezone(SHANGHAI).date())


def market_service_factory(core: Any, settings: Settings, replay_dir: Path | None, demo: bool,
                           paced: bool) -> Callable[[threading.Event | None], MarketService]:
    """The market service, to be built on the market worker's thread. Its source runs in a child process
    (sources/process_source.py): akshare and pandas are never imported into the window's process. A replay (or
    the demo) is read as of when it was recorded. `cancel` (the worker's, set when the window quits) stops a
    child that is still starting: the build then fails with "the market source is closing"."""

    def build(cancel: threading.Event | None = None) -> MarketService:
        from desktop.sources.process_source import ProcessSource
        from desktop.sources.replay import replay_clock

        replay = replay_dir or (core.resources / "demo" if demo else None)
        source = ProcessSource(replay_dir=replay, deadline_s=float(settings.get("market.request_deadline_s")),
                               paced=paced and replay is not None, cancel=cancel)
        clock = replay_clock(source) if replay else None
        return MarketService(source, core.writer, core.paths.db, settings, clock=clock,
                             offline=source.offline_calendar)

    return build

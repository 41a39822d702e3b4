"""`AkshareSource`: the market `QuoteSource` on akshare (boards, history, snapshot) plus our batched quotes.

- akshare is imported lazily, on a worker thread, with TQDM_DISABLE=1 (its progress bars crash a windowed
  build where sys.stderr is None) — the import costs ~0.6 s and must never run on the GUI thread.
- Every call runs on a worker with a deadline: the caller gets a `SourceError` when it passes, and the tap
  refuses any further request from the abandoned call, so a stray crawl stops at its next page.
- The hot paths (snapshot, boards, members, daily and 1-minute bars) send akshare's requests and read their JSON
  without akshare or pandas (sources/em_json.py, issue 28), and so do the 快讯 (flash_json.py) and Sina's
  calendar (sina_dates.py): the market process never loads pandas, akshare or V8 in a session.
- Failures of every kind become a `SourceError` with a readable message (sources/fetch_errors.py).
- Every record is range-checked where it is built (core/market_checks.py): a bad row is dropped with one
  warning naming the field, and an answer with no plausible row left is a `SourceError`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.core import clock
from desktop.core.errors import SourceError
from desktop.core.indices import index_of
from desktop.core.market import Bar, Board, Quote, Stock
from desktop.core.market_checks import (
    Limits,
)
from desktop.core.market_hours import SHANGHAI, last_market_time
from desktop.core.trading_calendar import TradingCalendar, offline_calendar
from desktop.sources import em_json, index_bars
from desktop.sources.akshare_frames import (
    BOARD_CODE,
    boards_of,
    daily_bars_of,
    intraday_bars_of,
    member_quotes,
    page_observer,
    snapshot_quotes,
)
from desktop.sources.fetch_errors import translate
from desktop.sources.market import BOARD_KINDS, PageCallback, exchange_of
from desktop.sources.quote_provider import QuoteProvider
from desktop.sources.rate_limit import HostLimits, global_limits
from desktop.sources.recorder import Exchange, Recorder, Tap, call_remaining, install_curl, sleeps_skipped

_import_lock = threading.Lock()


class _SleepGate:
    """Stands in for `time` inside akshare's pagination/retry helpers: sleeps are skipped when replaying."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    def sleep(self, seconds: float) -> None:
        # never past the call's deadline: akshare's 财联社 retry backs off up to 256 s, and a worker thread still
        # sleeping would hold a closing CLI open (its next request fails at once anyway)
        if not sleeps_skipped():
            time.sleep(max(0.0, min(seconds, call_remaining())))


def _import_akshare() -> Any:
    with _import_lock:
        os.environ.setdefault("TQDM_DISABLE", "1")
        from desktop.sources.akshare_lazy import install

        install()                    # the functions we call, from their own modules (akshare_lazy.py)
        install_curl()               # the Tap sees akshare's curl_cffi requests too (not imported otherwise)
        import akshare
        import akshare.request as ak_request_retry  # make_request_with_retry_json (财联社 电报)
        import akshare.utils.func as ak_func
        import akshare.utils.request as ak_request

        for mod in (ak_func, ak_request, ak_request_retry):
            if not isinstance(getattr(mod, "time", None), _SleepGate):
                mod.time = _SleepGate()
        return akshare


def _clear_akshare_caches() -> None:
    """Drop akshare's process-lifetime caches so a refresh sees renamed and new boards."""
    for name in ("akshare.stock.stock_board_concept_em", "akshare.stock.stock_board_industry_em"):
        mod = sys.modules.get(name)
        for attr in vars(mod).values() if mod else ():
            clear = getattr(attr, "cache_clear", None)
            if callable(clear):
                clear()



def _last_try(message: str, last: list[Exchange]) -> str:
    """A deadline passed: say what the last try met when no server answered it (a refused or unresolvable
    connection: akshare's retry loops hide it behind the deadline), so the error says offline, not slow."""
    ex = last[0] if last else None
    if ex is None or ex.status or not ex.error:
        return message
    from desktop.sources.fetch_errors import errno_reason

    reason = "timed out" if "Timeout" in ex.error else f"cannot connect ({errno_reason(ex.error)})"
    return f"{message}; the last try: {reason}"


class AkshareSource:
    def __init__(self, tap: Tap, provider: QuoteProvider | None = None, *, deadline_s: float = 15.0,
                 crawl_deadline_s: float = 300.0, mode: str = "live", demo: bool = False,
                 meta: dict[str, Any] | None = None, calendar: Callable[[], TradingCalendar] = offline_calendar,
                 wall_clock: Callable[[], float] = clock.now, stamp_clock: Callable[[], float] | None = None):
        self.tap = tap
        # A third of the deadline for Eastmoney leaves the rest for Tencent when Eastmoney hangs (not only
        # when it drops the connection): the same poll can still fall back.
        self.provider = provider or QuoteProvider(timeout=max(1.0, deadline_s / 3), wall_clock=wall_clock)
        self.deadline_s = deadline_s
        self.crawl_deadline_s = crawl_deadline_s   # paginated crawls: 57 pages with 0.5–1.5 s sleeps each
        self.mode = mode
        self.demo = demo
        self.meta = meta or {}
        self.calendar = calendar
        self._now = wall_clock
        self._stamp = stamp_clock or wall_clock    # the market time given to quotes that carry none (replay.py)
        self._board_codes: dict[str, dict[str, str]] = {k: {} for k in BOARD_KINDS}
        # Why 4 workers: a 60 s snapshot crawl must not hold up boards or history; calls are I/O-bound.
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="huohua-market")

    @classmethod
    def create(cls, *, replay_dir: Path | None = None, record_dir: Path | None = None, settings: Any = None,
               paced: bool = False, limits: HostLimits | None = None) -> AkshareSource:
        deadline = float(settings.get("market.request_deadline_s")) if settings is not None else 15.0
        if replay_dir is not None:
            from desktop.sources.replay import ReplayResponder, recording_clock, stamp_clock

            responder = ReplayResponder(Path(replay_dir), paced=paced)
            tap = Tap(HostLimits.unlimited(), responder=responder, request_timeout=deadline)
            tap.skip_sleeps = not paced
            # A recording is read as of when it was made: quotes without their own time (the spot list) are
            # stamped with the recording's clock, not today's close (which made them look newer than real ones).
            recorded = recording_clock(responder.meta) or clock.now
            return cls(tap, deadline_s=deadline, mode="replay", demo=bool(responder.meta.get("demo")),
                       meta=responder.meta, wall_clock=recorded, stamp_clock=stamp_clock(responder.meta))
        recorder = Recorder(Path(record_dir)) if record_dir is not None else None
        tap = Tap(limits or global_limits(), recorder=recorder, request_timeout=deadline)
        return cls(tap, deadline_s=deadline, mode="record" if recorder else "live")

    # -- plumbing ------------------------------------------------------------------------------------
    def call(self, fn: Callable[[Any], Any], what: str, deadline_s: float | None = None,
             observer: Callable[[Exchange], None] | None = None, *, akshare: bool = True) -> Any:
        """`fn(akshare_module)` on a worker (the import happens there too), under the tap and a deadline."""
        limit = deadline_s or self.deadline_s
        deadline = time.monotonic() + limit
        last: list[Exchange] = []      # the latest exchange, so a parse failure can name what the server sent

        def watch(ex: Exchange) -> None:
            last[:] = [ex]
            if observer is not None:
                observer(ex)

        def work() -> Any:
            ak = _import_akshare() if akshare else None
            with self.tap.activate(deadline, watch):
                return fn(ak)

        if self.tap.closed:
            raise SourceError(f"{what}: the market source is closing")
        fut = self._pool.submit(work)
        try:
            # wait in slices so that close() releases the caller (the market poller) at once, not at the deadline
            while True:
                try:
                    return fut.result(timeout=min(0.2, max(0.0, deadline - time.monotonic())))
                except FuturesTimeout:
                    if self.tap.closed:
                        raise SourceError(f"{what}: the market source is closing") from None
                    if time.monotonic() >= deadline:
                        raise SourceError(_last_try(f"{what}: no answer within {limit:g} s", last)) from None
        except SourceError as exc:
            if "ran past its deadline" in str(exc) and "the last try" not in str(exc):
                raise SourceError(_last_try(f"{what}: {exc}", last), retry_after=exc.retry_after) from exc
            raise
        except BaseException as exc:
            raise translate(exc, what, last[0] if last else None) from exc

    def _limits(self) -> Limits:
        """The span a time from the market may lie in: the calendar's first day to this source's "now" (a
        replay's is the recording's), each with a day's margin."""
        return Limits.at(self._now())

    def _market_time(self) -> int:
        now = datetime.fromtimestamp(self._stamp(), SHANGHAI)
        return int(last_market_time(now, self.calendar()).timestamp())

    def status(self) -> dict[str, Any]:
        return {"mode": self.mode, "demo": self.demo, "quote_backend": self.provider.backend,
                "breaker": self.provider.breaker.state, "requests": self.tap.count,
                "last_error": self.provider.last_error,
                "clock": self._now()}     # the source's "now" (a replay's is the recording's): for diagnosis

    def close(self) -> None:
        """Thread-safe: callable from the GUI thread while a crawl runs on the poller's thread."""
        self.tap.close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self.tap.recorder is not None:
            self.tap.recorder.close()

    # -- quotes --------------------------------------------------------------------------------------
    def quotes(self, codes: list[str]) -> list[Quote]:
        quotes: list[Quote] = self.call(lambda _ak: self.provider.quotes(list(codes)), "quotes", akshare=False)
        return quotes

    def flash_news(self, key: str, codes: tuple[str, ...] = ()) -> list[Any]:
        """A 快讯 source's latest items as feed entries (sources/flash_news.py), newest first; "notices" /
        "stocknews": the 公告 / news of `codes` (the watched stocks), one request a stock."""
        from desktop.sources import flash_news

        if key not in flash_news.KEYS:
            raise SourceError(f"unknown 快讯 source {key!r}", transient=False)
        if key in flash_news.PER_STOCK and not codes:
            return []
        today = datetime.fromtimestamp(self._now(), SHANGHAI).strftime("%Y%m%d")
        seen: list[Exchange] = []
        try:
            df = self.call(lambda ak: flash_news.fetch(ak, key, tuple(codes), today), f"快讯 {flash_news.KEYS[key]}",
                           deadline_s=self.deadline_s + 2 * len(codes),
                           observer=seen.append, akshare=False)     # none needs akshare now (flash_json.py)
        except SourceError:
            if seen and flash_news.is_empty_answer(key, seen[-1].body):
                return []            # no items: akshare cannot build its frame from an empty list
            raise
        try:
            return flash_news.entries(key, df, int(self._now()))
        except (KeyError, TypeError, AttributeError) as exc:   # our own reading of a JSON whose shape changed
            raise SourceError(f"快讯 {flash_news.KEYS[key]}: unexpected answer format ({type(exc).__name__}: {exc})",
                              transient=False) from exc

    def limit_pool(self, kind: str, day: date) -> list[Any]:
        """One day's 涨停 ("zt"), 炸板 ("zb") or 跌停 ("dt") pool as checked LimitRows (sources/limit_pools.py);
        [] for a day without one (a holiday's `data: null`)."""
        from desktop.sources import limit_pools

        if kind not in limit_pools.ENDPOINTS:
            raise SourceError(f"unknown limit pool {kind!r}", transient=False)
        body = self.call(lambda _ak: limit_pools.fetch(kind, day, self.deadline_s), f"{kind} pool", akshare=False)
        return limit_pools.parse(kind, body, day)

    def snapshot(self, on_page: PageCallback | None = None) -> list[Quote]:
        when = self._market_time()
        observer = page_observer(on_page, when, self._now) if on_page else None
        df = self.call(lambda _ak: em_json.spot(), "market snapshot", self.crawl_deadline_s, observer, akshare=False)
        return snapshot_quotes(df, when, int(self._now()), self._limits())

    def stocks(self) -> list[Stock]:
        return [Stock(q.code, q.name, exchange_of(q.code) or "", "", q.total_cap, q.float_cap)
                for q in self.snapshot()]

    # -- boards --------------------------------------------------------------------------------------
    def boards(self, kind: str) -> list[Board]:
        if kind not in BOARD_KINDS:
            raise SourceError(f"unknown board type {kind!r}", transient=False)
        df = self.call(lambda _ak: em_json.boards(kind), f"{kind} boards", self.crawl_deadline_s, akshare=False)
        boards = boards_of(df, kind)
        self._board_codes[kind] = {b.name: b.code for b in boards}
        return boards

    def resolve_board(self, board: str, kind: str) -> str:
        """BK code for a board name, looked up at run time (Eastmoney renumbers and renames boards)."""
        if BOARD_CODE.match(board):
            return board
        if board not in self._board_codes.get(kind, {}):
            self.boards(kind)
        code = self._board_codes.get(kind, {}).get(board)
        if code is None:
            raise SourceError(f"no {kind} board is called {board!r} now (boards get renamed)", transient=False)
        return code

    def board_members(self, board: str, kind: str) -> list[Quote]:
        code = self.resolve_board(board, kind)

        df = self.call(lambda _ak: em_json.members(code, kind), f"members of {code}", self.crawl_deadline_s,
                       akshare=False)
        return member_quotes(df, self._market_time(), int(self._now()), self._limits(), code)

    # -- bars ----------------------------------------------------------------------------------------
    def daily_bars(self, code: str, days: int, adjust: str = "") -> list[Bar]:
        if index_of(code) is not None:                  # an index's key (core/indices.py)
            return index_bars.daily(self, code, days, adjust)
        if exchange_of(code) is None:
            raise SourceError(f"{code!r} is not an A-share code", transient=False)
        start = (datetime.fromtimestamp(self._now(), SHANGHAI).date() - timedelta(days=days * 3 // 2 + 15))
        df = self.call(lambda _ak: em_json.daily(code, start.strftime("%Y%m%d"), adjust, self.deadline_s),
                       f"daily bars of {code}", akshare=False)
        bars = daily_bars_of(df, code, adjust, self._limits())
        if not bars:
            raise SourceError(f"no daily bars for {code} (unknown or newly listed code?)", transient=False)
        return bars[-days:]

    def intraday_bars(self, code: str) -> list[Bar]:
        if index_of(code) is not None:
            return index_bars.intraday(self, code)
        if exchange_of(code) is None:
            raise SourceError(f"{code!r} is not an A-share code", transient=False)
        df = self.call(lambda _ak: em_json.minutes(code), f"1-minute bars of {code}", akshare=False)
        return intraday_bars_of(df, code, self._limits())

    def trade_dates(self) -> list[date]:
        """Sina's official SSE calendar (through the end of the latest published year), decoded as akshare's
        JavaScript decodes it but in Python (sources/sina_dates.py: no V8, no pandas); an empty list is an
        error, never a calendar without trading days."""
        from desktop.sources import sina_dates

        dates: list[date] = self.call(lambda _ak: sina_dates.fetch(), "trading calendar", akshare=False)
        if not dates:
            raise SourceError("trading calendar: empty answer (no dates)")
        return dates

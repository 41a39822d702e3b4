"""Refreshing feeds: fetch concurrently, parse and tag in worker processes, write through the single writer.

Why a thread pool: fetching is network-bound and feeds are independent. Its size is the feeds.concurrency
setting (default 8: enough to hide slow servers, few enough to stay polite). Parsing happens in the same
workers, so the writer thread only ever writes; the two never wait for each other. A feed's articles and its
bookkeeping (ETag, body hash, next due time) are one writer operation, so a crash can never record a feed as
fetched without its articles, and a re-run re-ingests without duplicates (dedup keys).

A slow server never holds the round: each fetch has its own deadline (2 x feeds.timeout_s, enforced in
http_fetch for every way a server can trickle), finished feeds are written and reported at once, and as a
last line of defence the round stops waiting for a fetch still in its HTTP exchange STUCK_GRACE_S past that
deadline (e.g. a resolver that never answers): the feed gets its error and the round ends.
"""

from __future__ import annotations

import hashlib
import logging
import math
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.config import Settings
from desktop.core import clock as wall_clock
from desktop.core.changes import Changes
from desktop.core.errors import DiskFullError, NotModified, SourceError
from desktop.core.news import Feed, FetchOutcome, TaggedEntry
from desktop.core.priority import lower_this_thread
from desktop.core.schedule import after_failure, after_success, resolve_feed_url
from desktop.core.status import SourceState, feeds_state
from desktop.services.parse_pool import ParsePool
from desktop.sources import flash_news
from desktop.sources.http_fetch import abort_all, http_get
from desktop.store import articles as article_ops
from desktop.store import feeds as feed_ops
from desktop.store.db import connect_ro
from desktop.store.health import disk_full
from desktop.store.market_store import watched_codes
from desktop.store.writer import Writer

log = logging.getLogger(__name__)
MAX_RETRY_AFTER_S = 86_400   # a server may ask for a day's rest, not for centuries (hostile Retry-After)
_GUARD_POLL_S = 0.5          # how often a round looks for a fetch that overran its deadline


@dataclass(slots=True)
class _Fetched:
    feed: Feed
    state: feed_ops.FetchState
    items: list[TaggedEntry] | None   # None: nothing to write (304, unchanged body, error)
    status: str                      # "unchanged" | "error" | "parsed" | "cancelled" | "no_watched"
    error: str | None = None


@dataclass(slots=True)
class _RoundState:
    """Shared by a round and its fetch threads (single dict/set operations: atomic under the GIL)."""
    in_http: dict[int, float]     # feed id -> time.monotonic() its HTTP exchange started, while in it
    abandoned: set[int]           # feeds the round stopped waiting for (already reported as errors)


class FeedRefresher:
    # Below this many feeds to parse, starting worker processes costs more than it saves. 快讯 subscriptions do
    # not count: their items arrive parsed (tens a poll) and only need tagging, which the window's own tagger
    # does in milliseconds — counted, the demo's five kept two ~31 MiB workers alive for them (issue 28).
    POOL_MIN_FEEDS = 4
    STUCK_GRACE_S = 5.0  # past a fetch's own deadline before the round stops waiting for it

    def __init__(self, writer: Writer, db_path: Path, settings: Settings, pool: Callable[[], ParsePool],
                 clock: Callable[[], float] = wall_clock.now):
        self.writer = writer
        self.db_path = db_path
        self.settings = settings
        self.pool = pool
        self.clock = clock
        self.round_lock = threading.Lock()   # one refresh round at a time; a second caller waits its turn
        self.flash: Callable[..., list[Any]] | None = None   # (快讯 key[, codes]) → entries: the source's flash_news

    def due(self, feed_ids: list[int] | None = None, force: bool = False) -> list[Feed]:
        conn = connect_ro(self.db_path)
        try:
            feeds = feed_ops.list_feeds(conn) if force or feed_ids else feed_ops.due_feeds(conn, int(self.clock()))
        finally:
            conn.close()
        feeds = [f for f in feeds if f.enabled or feed_ids]
        return [f for f in feeds if f.id in feed_ids] if feed_ids else feeds

    def summary(self) -> SourceState:
        return feeds_summary(self.db_path)

    def refresh(self, feeds: list[Feed], on_outcome: Callable[[FetchOutcome], None] | None = None,
                cancel: threading.Event | None = None) -> list[FetchOutcome]:
        """Fetch `feeds`; returns one outcome per feed, in the given order, once everything is committed.
        `on_outcome(outcome)` reports each feed as soon as it is written (progress, from the writer thread)."""
        if not feeds:
            return []
        if self.writer.health == "disk_full" and not self.writer.probe_space():
            # Nothing fetched could be saved: fetch nothing until space returns (checked every round).
            message = str(disk_full(self.db_path))
            return [FetchOutcome(f.id, _label(f), "skipped", error=message) for f in feeds]
        with self.round_lock:
            pool = self.pool()
            if sum(not flash_news.is_flash(f.url) for f in feeds) >= self.POOL_MIN_FEEDS:
                pool.start()
            outcomes: dict[int, FetchOutcome] = {}
            pending: list[tuple[_Fetched, Future[Any]]] = []
            workers = int(self.settings["feeds.concurrency"])
            give_up_after = 2 * float(self.settings["feeds.timeout_s"]) + self.STUCK_GRACE_S
            round_state = _RoundState({}, set())
            finished: queue.SimpleQueue[Future[Any]] = queue.SimpleQueue()
            threads = ThreadPoolExecutor(max_workers=min(workers, len(feeds)), thread_name_prefix="huohua-feed",
                                         initializer=lower_this_thread)
            try:
                fetches = {threads.submit(self._fetch_one, f, pool, cancel, round_state): f for f in feeds}
                by_feed = {f.id: fut for fut, f in fetches.items()}
                for fut in fetches:
                    fut.add_done_callback(finished.put)
                waiting = set(fetches)
                while waiting:                   # a fast feed is written without waiting for slow ones
                    try:
                        done = [finished.get(timeout=_GUARD_POLL_S)]
                    except queue.Empty:
                        done = []
                    results: list[_Fetched] = []
                    for fut in done:
                        if fut not in waiting:   # given up on earlier: its late result is not used
                            continue
                        waiting.discard(fut)
                        try:
                            results.append(fut.result())
                        except Exception as exc:   # _fetch_one catches everything; this is the last line
                            log.exception("feed %s crashed", fetches[fut].id)
                            results.append(self._failed(fetches[fut], int(self.clock()), f"internal error: {exc}",
                                                        None))
                    results.extend(self._give_up_on_stuck(round_state, by_feed, fetches, waiting, give_up_after))
                    for fetched in results:
                        if fetched.status == "cancelled":
                            outcomes[fetched.feed.id] = FetchOutcome(fetched.feed.id, _label(fetched.feed),
                                                                     "skipped")
                            continue                 # quitting is not a failure: nothing is recorded
                        wfut = self.writer.submit(self._write_op(fetched))
                        pending.append((fetched, wfut))
                        if on_outcome is not None:
                            self._report_when_done(wfut, on_outcome)
            finally:
                # wait=False: a fetch given up on must not hold the round; its thread ends with its read.
                threads.shutdown(wait=False, cancel_futures=True)
                pool.rest()        # idle workers exit if no round needs them soon (ParsePool.IDLE_S)
            for fetched, wfut in pending:
                feed = fetched.feed
                try:
                    outcomes[feed.id] = wfut.result()[0]
                except DiskFullError as exc:   # one message for the round (the writer reports it), no traceback
                    outcomes[feed.id] = FetchOutcome(feed.id, _label(feed), "error", error=str(exc))
                except Exception as exc:  # a write failure is that feed's error; others are unaffected
                    log.exception("writing feed %s failed", feed.id)
                    outcomes[feed.id] = self._record_write_failure(fetched, exc)
            return [outcomes[f.id] for f in feeds]

    def _give_up_on_stuck(self, round_state: _RoundState, by_feed: dict[int, Future[Any]], fetches: dict[Future[Any], Feed],
                          waiting: set[Future[Any]], give_up_after: float) -> list[_Fetched]:
        """Fetches still in their HTTP exchange `give_up_after` s after it began (their own deadline has
        failed to end them): reported as that feed's error now, so the round and the next one are not held."""
        now = time.monotonic()
        stuck = []
        for feed_id, started in list(round_state.in_http.items()):
            fut = by_feed.get(feed_id)
            if fut is None or fut not in waiting or now - started <= give_up_after:
                continue
            waiting.discard(fut)
            round_state.abandoned.add(feed_id)
            log.warning("feed %s: fetch still running after %.0f s; not waiting for it", feed_id, now - started)
            message = f"response too slow: not complete within {give_up_after:g} s"
            stuck.append(self._failed(fetches[fut], int(self.clock()), message, None))
        return stuck

    def _record_write_failure(self, fetched: _Fetched, exc: BaseException) -> FetchOutcome:
        """The articles could not be stored: record that as the feed's failure (with back-off), so the feed
        shows its error and is not fetched again on every poll."""
        feed = fetched.feed
        message = f"database: {exc}"
        failed = self._failed(feed, fetched.state.attempted, message, None)
        try:
            self.writer.call(lambda c: feed_ops.record_fetch(c, feed.id, failed.state))
        except Exception:
            log.exception("recording the failure of feed %s failed too", feed.id)
        return FetchOutcome(feed.id, _label(feed), "error", error=message)

    def retain(self) -> int:
        """Apply the retention setting (read, unstarred articles older than N days; 0 keeps everything)."""
        days = int(self.settings["news.retention_days"])
        if days <= 0:
            return 0
        removed, _ = self.writer.call(lambda c: article_ops.apply_retention(c, days, int(self.clock())))
        return removed

    @staticmethod
    def _report_when_done(fut: Future[Any], on_outcome: Callable[[FetchOutcome], None]) -> None:
        def done(f: Future[Any]) -> None:
            if f.exception() is None:
                on_outcome(f.result()[0])

        fut.add_done_callback(done)

    # -- worker side -------------------------------------------------------------------------------------
    def _fetch_one(self, feed: Feed, pool: ParsePool, cancel: threading.Event | None,
                   round_state: _RoundState | None = None) -> _Fetched:
        now = int(self.clock())
        s = self.settings
        if (cancel is not None and cancel.is_set()) or self.writer.health == "disk_full":
            # quitting, or the disk filled up during this round: the rest would be fetched for nothing
            return _Fetched(feed, feed_ops.FetchState(ok=True, attempted=now, next_due=feed.next_due), None,
                            "cancelled")
        if flash_news.is_flash(feed.url):
            return self._fetch_flash(feed, pool, now)
        url = resolve_feed_url(feed.url, s["rsshub.base_url"])
        rs = round_state if round_state is not None else _RoundState({}, set())
        try:
            rs.in_http[feed.id] = time.monotonic()
            try:
                res = http_get(url, timeout=float(s["feeds.timeout_s"]),
                               max_bytes=int(float(s["feeds.max_body_mb"]) * 1024 * 1024),
                               max_redirects=int(s["feeds.max_redirects"]),
                               etag=feed.etag, last_modified=feed.last_modified)
            finally:
                rs.in_http.pop(feed.id, None)
            if feed.id in rs.abandoned:   # the round gave up on this fetch and reported it: stop here
                return _Fetched(feed, feed_ops.FetchState(ok=True, attempted=now, next_due=feed.next_due), None,
                                "cancelled")
            digest = hashlib.blake2b(res.body, digest_size=16).hexdigest()
            state = feed_ops.FetchState(ok=True, attempted=now, next_due=after_success(now, feed.interval_s),
                                        etag=res.etag, last_modified=res.last_modified, body_hash=digest)
            if digest == feed.body_hash:
                return _Fetched(feed, state, None, "unchanged")   # same bytes as last time: not re-parsed
            parsed = pool.parse(res.body, res.headers, res.url, now)
            state = feed_ops.FetchState(ok=True, attempted=now, next_due=state.next_due, etag=res.etag,
                                        last_modified=res.last_modified, body_hash=digest,
                                        title=parsed.title or None, site_url=parsed.site_url or None)
            return _Fetched(feed, state, parsed.items, "parsed")
        except NotModified:
            state = feed_ops.FetchState(ok=True, attempted=now, next_due=after_success(now, feed.interval_s))
            return _Fetched(feed, state, None, "unchanged")
        except SourceError as exc:
            return self._failed(feed, now, str(exc), exc.retry_after, exc.transient)
        except Exception as exc:  # a parser or tagger bug must not take the round down: it is this feed's error
            log.exception("feed %s failed unexpectedly", feed.id)
            return self._failed(feed, now, f"internal error: {type(exc).__name__}: {exc}", None)

    def _fetch_flash(self, feed: Feed, pool: ParsePool, now: int) -> _Fetched:
        """A 快讯 subscription (`akshare:cls` …): its items come from the market source (`self.flash`, set when
        the market source is up; in the window it runs in the market process, under the shared rate limits),
        parsed already; they are tagged and stored like any feed's, deduplicated by their stable identity."""
        if self.flash is None:   # the market source is still starting: not an error, the next round tries again
            return _Fetched(feed, feed_ops.FetchState(ok=True, attempted=now, next_due=feed.next_due), None,
                            "cancelled")
        key = flash_news.key_of(feed.url)
        try:
            per_stock = key in flash_news.PER_STOCK
            codes = self._watched_codes() if per_stock else ()
            if per_stock and not codes:
                # nothing asked, so nothing learnt: neither a success (the 资讯 count, the offline banner) nor
                # "unchanged: no new items" (issue 22: said offline); asked again at the feed's next due time
                state = feed_ops.FetchState(ok=True, attempted=now, next_due=after_success(now, feed.interval_s))
                return _Fetched(feed, state, None, "no_watched")
            items = pool.tag(self.flash(key, codes) if per_stock else self.flash(key))
        except SourceError as exc:
            return self._failed(feed, now, str(exc), exc.retry_after, exc.transient)
        except Exception as exc:
            log.exception("快讯 feed %s failed unexpectedly", feed.id)
            return self._failed(feed, now, f"internal error: {type(exc).__name__}: {exc}", None)
        state = feed_ops.FetchState(ok=True, attempted=now, next_due=after_success(now, feed.interval_s),
                                    title=flash_news.KEYS[flash_news.key_of(feed.url)])
        return _Fetched(feed, state, items, "parsed")

    def _watched_codes(self) -> tuple[str, ...]:
        """Every stock in any watchlist (their 公告 are collected), in list order."""
        conn = connect_ro(self.db_path)
        try:
            return tuple(watched_codes(conn))
        finally:
            conn.close()

    def _failed(self, feed: Feed, now: int, message: str, retry_after: float | None,
                transient: bool = True) -> _Fetched:
        ceiling = int(self.settings["feeds.backoff_max_min"]) * 60
        if retry_after is not None:
            retry_after = min(retry_after, MAX_RETRY_AFTER_S) if math.isfinite(retry_after) else MAX_RETRY_AFTER_S
        # an error that will not go away by itself (an invalid URL, 404/410) waits the longest at once
        failures = feed.failures + 1 if transient else 64
        due = after_failure(now, feed.interval_s, failures, retry_after, ceiling)
        state = feed_ops.FetchState(ok=False, attempted=now, next_due=due, error=message)
        return _Fetched(feed, state, None, "error", message)

    # -- writer side -------------------------------------------------------------------------------------
    @staticmethod
    def _write_op(fetched: _Fetched) -> Callable[[sqlite3.Connection], tuple[FetchOutcome, Changes]]:
        def op(conn: sqlite3.Connection) -> tuple[FetchOutcome, Changes]:
            feed = fetched.feed
            changes = Changes(feeds={feed.id})
            if not feed_ops.feed_exists(conn, feed.id):
                return FetchOutcome(feed.id, _label(feed), "error", error="feed was removed"), changes
            if fetched.status == "no_watched":
                feed_ops.postpone(conn, feed.id, fetched.state.next_due)
                return FetchOutcome(feed.id, _label(feed), "skipped", note="no_watched"), changes
            if fetched.items is None:
                feed_ops.record_fetch(conn, feed.id, fetched.state)
                return FetchOutcome(feed.id, _label(feed), fetched.status, error=fetched.error), changes
            result = article_ops.ingest(conn, feed.id, fetched.items, fetched.state.attempted)
            feed_ops.record_fetch(conn, feed.id, fetched.state)
            status = "new" if result.new else "updated" if result.updated else "unchanged"
            changes.merge(result.changes())
            return FetchOutcome(feed.id, _label(feed, fetched.state.title), status, new=len(result.new),
                                updated=len(result.updated), entries=len(fetched.items)), changes

        return op


def feeds_summary(db_path: Path) -> SourceState:
    """The 资讯 indicator as the feeds table has it (core.status.feeds_state): read after every round and at
    start-up, so a restart shows the last round's result and it can never disagree with the sidebar."""
    conn = connect_ro(db_path)
    try:
        return feeds_state(feed_ops.latest_results(conn))
    finally:
        conn.close()


def abort_fetches() -> None:
    """Any thread: cut every feed download in flight (quitting); the refresher's cancel event stops new ones."""
    abort_all()


def _label(feed: Feed, title: str | None = None) -> str:
    return feed.title or title or feed.url

"""Parsing and tagging feed bodies in worker processes.

Why processes: feedparser, sanitising, normalising and tagging are pure-Python CPU work; in threads the GIL
runs them one at a time, so on a refresh of 10,000 items the app used one core while the others idled.
Why this size: one worker per CPU core (setting feeds.parse_processes, 0 = parse in the fetch threads). The
pool starts (spawned, never forked: the parent has Qt and writer threads) for a round big enough to need it
(FeedRefresher.POOL_MIN_FEEDS) and its workers exit IDLE_S after the last round that used them (each ~31 MiB
with its own Tagger: kept for the whole run they cost more than the rare big round gains; docs/PERFORMANCE.md).
Each worker builds its own Tagger from a picklable `TaggerSpec`, once. Work done in-process uses the caller's
tagger (`tagger`: the window's, Core.tagger) rather than a copy of its own.
Why workers watch their parent: an idle worker blocks reading the task queue, whose write end it holds itself
(a spawned child unpickles both ends), so a parent killed with SIGKILL, or ended by SIGTERM without running its
shutdown, never sends the "stop" it waits for. Orphaned workers (~47 MB each) and multiprocessing's resource
tracker (which exits only when every holder of its pipe, the workers included, is gone) then lived on forever.
Why `abandon`: a throw-away window (the demo, a replay) ends its process with os._exit without closing the pool
(gui_main). The pool's queues hold named semaphores that multiprocessing unlinks only at a normal exit; left
registered, its resource tracker prints "There appear to be N leaked semaphore objects" on the way out.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
import signal
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desktop.core.child_process import exit_with_parent, spawning, wait_for_spawns
from desktop.core.news import TaggedEntry
from desktop.core.priority import lower_this_thread
from desktop.core.stocklist import StockName

if TYPE_CHECKING:
    from multiprocessing import synchronize

    from desktop.tagging.tagger import Tagger

T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TaggerSpec:
    resources: Path
    user_themes: tuple[Path | None, ...] = ()
    stocks: tuple[StockName, ...] | None = None   # None: the bundled list

    def build(self) -> Tagger:
        from desktop.tagging.tagger import Tagger

        return Tagger.from_resources(self.resources, stocks=list(self.stocks) if self.stocks else None,
                                     user_themes=self.user_themes)


@dataclass(frozen=True, slots=True)
class ParsedBody:
    title: str
    site_url: str
    items: list[TaggedEntry]


_worker_tagger: Tagger | None = None      # a worker's, built by _init_worker


def _init_worker(spec: TaggerSpec) -> None:
    global _worker_tagger
    exit_with_parent()           # first: building the tagger takes a while, and the parent may die meanwhile
    # Ctrl+C in a terminal signals the whole process group. The parent decides how to stop (it closes the pool,
    # which ends the workers in order); a worker raising KeyboardInterrupt itself would only print a traceback
    # and break the pool under a parent that is still winding down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("TQDM_DISABLE", "1")
    lower_this_thread()   # parsing is background work: the window's thread gets the CPU first
    _worker_tagger = spec.build()


def parse_and_tag(body: bytes, headers: dict[str, str], url: str, fetched: int, tagger: Tagger | None = None
                  ) -> ParsedBody:
    """Bytes → tagged entries with their search tokens. Runs in a worker process (or inline with `tagger`)."""
    from desktop.sources.feed_parse import parse_feed
    from desktop.store.fts import document

    tagger = tagger or _worker_tagger
    assert tagger is not None, "inline: a tagger is passed; in a worker, _init_worker built one"
    parsed = parse_feed(body, headers, url, fetched)
    items = []
    for entry in parsed.entries:
        tagged = tagger.tag(entry)
        items.append(replace(tagged, search_doc=document(entry.normalized_title, entry.text)))
    return ParsedBody(parsed.title, parsed.site_url, items)


def tag_entries(entries: list[Any], tagger: Tagger | None = None) -> list[TaggedEntry]:
    """Entries that arrive parsed (快讯 from akshare) → tagged, with their search tokens (in a worker process
    or inline with `tagger`)."""
    from desktop.core.news import StockLink, ThemeTag
    from desktop.store.fts import document

    tagger = tagger or _worker_tagger
    assert tagger is not None, "inline: a tagger is passed; in a worker, _init_worker built one"
    out = []
    for e in entries:
        tagged = tagger.tag(e)
        stocks, themes = tagged.stocks, tagged.themes
        if e.links:      # the source named the company (a 公告): certain, whatever the text says
            have = {s.code for s in stocks}
            stocks = tuple(StockLink(c, "公告", 1.0) for c in e.links if c not in have) + stocks
        if e.tags:
            have = {t.theme for t in themes}
            themes = themes + tuple(ThemeTag(t, (t,)) for t in e.tags if t not in have)
        out.append(replace(tagged, stocks=stocks, themes=themes, search_doc=document(e.normalized_title, e.text)))
    return out


class _SpawnContext(multiprocessing.context.SpawnContext):
    """The spawn context, remembering the semaphores made through it (the pool's queues' locks), so that
    `ParsePool.abandon` can release exactly those."""

    def __init__(self) -> None:
        super().__init__()
        self.semaphores: list[weakref.ref[Any]] = []

    def _keep(self, obj: T) -> T:
        self.semaphores.append(weakref.ref(obj))
        return obj

    def Lock(self) -> synchronize.Lock:
        return self._keep(super().Lock())

    def RLock(self) -> synchronize.RLock:
        return self._keep(super().RLock())

    def Semaphore(self, value: int = 1) -> synchronize.Semaphore:
        return self._keep(super().Semaphore(value))

    def BoundedSemaphore(self, value: int = 1) -> synchronize.BoundedSemaphore:
        return self._keep(super().BoundedSemaphore(value))


def _release_semaphores(ctx: _SpawnContext) -> None:
    """Unlink `ctx`'s named semaphores and take them off the resource tracker's list now, as multiprocessing
    does at a normal exit (each semaphore's finalizer; one run is removed from the registry, so it never runs
    twice). Processes that have them open keep using them; only their names go."""
    from multiprocessing import util

    ours = {id(o) for o in (ref() for ref in ctx.semaphores) if o is not None}
    try:
        finalizers = list(util._finalizer_registry.values())  # type: ignore[attr-defined]  # private, see below
    except Exception:   # the registry is multiprocessing's own: if it changes, the tracker's warning is all we lose
        return
    for fin in finalizers:
        ref = getattr(fin, "_weakref", None)
        obj = ref() if ref is not None else None
        if obj is not None and id(obj) in ours:
            try:
                fin()
            except OSError:   # already unlinked
                pass


def _end_workers_now(pool: ProcessPoolExecutor) -> None:
    """End the workers before their semaphores' names go. Why: a worker still being spawned unpickles the
    queues' semaphores by name; unlinked under it, it dies printing FileNotFoundError's traceback on the app's
    stderr as the app quits (seen under load: the demo's second worker was starting when SIGTERM came). The
    process is ending anyway; SIGTERM ends a worker silently, started or not. The executor's lock keeps a worker
    being spawned right now out of the list until it is in; held long (a pool broken under a group signal), the
    workers known now are ended and the rest is best effort."""
    lock = getattr(pool, "_shutdown_lock", None)
    got = lock.acquire(timeout=0.2) if lock is not None else False
    try:
        workers = list((getattr(pool, "_processes", None) or {}).values())
    finally:
        if got and lock is not None:
            lock.release()
    for proc in workers:
        try:
            proc.terminate()
        except (OSError, ValueError):      # already gone, or closed
            pass


class _NoPool:
    """What _in_worker answers when there is no pool to run the call (its type tells it from any answer)."""


_NO_POOL = _NoPool()
BROKEN_GRACE_S = 3.0   # workers that died: the time the app has to say it is ending (a signal to its whole group)


class ParsePool:
    IDLE_S = 60.0    # workers exit this long after the last round that used them (the next big one respawns)

    def __init__(self, spec: TaggerSpec, processes: int, tagger: Callable[[], Tagger] | None = None):
        """`tagger`: a callable giving the tagger for work done in this process (None: one built from `spec`)."""
        self.spec = spec
        self.processes = max(0, processes)
        self._tagger = tagger
        self._generation = 0                 # each start() and rest(): an idle timer acts only if still current
        self._pool: ProcessPoolExecutor | None = None
        self._contexts: list[_SpawnContext] = []   # one per executor started (a broken one is replaced)
        self._lock = threading.Lock()       # start() vs abandon()
        self._abandoned = False
        self._ending = threading.Event()    # close() or abandon() was called
        self._inline_tagger: Tagger | None = None

    def start(self) -> ParsePool:
        with self._lock:
            self._generation += 1           # a round needs the workers: a pending idle exit is off
            if self.processes and self._pool is None and not self._abandoned:
                ctx = _SpawnContext()
                self._contexts.append(ctx)
                self._pool = ProcessPoolExecutor(self.processes, mp_context=ctx, initializer=_init_worker,
                                                 initargs=(self.spec,))
        return self

    def rest(self) -> None:
        """A round has ended: the workers exit IDLE_S from now unless a round starts them again meanwhile."""
        with self._lock:
            self._generation += 1
            generation, running = self._generation, self._pool is not None
        if running:
            timer = threading.Timer(self.IDLE_S, self._exit_if_idle, args=(generation,))
            timer.daemon = True
            timer.name = "huohua-parse-pool-idle"
            timer.start()

    def _exit_if_idle(self, generation: int) -> None:
        with self._lock:
            if generation != self._generation or self._abandoned:
                return
            pool, self._pool = self._pool, None
        if pool is not None:
            log.debug("parse workers idle for %.0f s: letting them go", self.IDLE_S)
            pool.shutdown(wait=True, cancel_futures=True)

    def _inline(self) -> Tagger:
        if self._tagger is not None:
            return self._tagger()
        if self._inline_tagger is None:
            self._inline_tagger = self.spec.build()
        return self._inline_tagger

    def _in_worker(self, fn: Callable[..., T], *args: Any) -> T | _NoPool:
        """fn(*args) in a worker; _NO_POOL when there is no pool to run it (never started, abandoned, broken)."""
        pool = self._pool
        if pool is None:
            return _NO_POOL
        try:
            try:
                with spawning():        # submit may spawn a worker: an exit waits for its start-up data
                    future = pool.submit(fn, *args)
            except BrokenProcessPool:
                raise
            except RuntimeError:                # shut down meanwhile: abandoned
                return _NO_POOL
            try:
                return future.result()
            except CancelledError:              # abandoned while it waited for a worker
                return _NO_POOL
        except BrokenProcessPool:
            # A worker died (killed, out of memory): keep going in-process rather than failing feeds. Not worth
            # a word if the app is ending: a SIGTERM to its process group reaches the workers first.
            if not self._ending.wait(BROKEN_GRACE_S):
                log.warning("parse workers died; parsing and tagging in-process from now on")
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            return _NO_POOL

    def parse(self, body: bytes, headers: dict[str, str], url: str, fetched: int) -> ParsedBody:
        parsed = self._in_worker(parse_and_tag, body, headers, url, fetched)
        if not isinstance(parsed, _NoPool):
            return parsed
        return parse_and_tag(body, headers, url, fetched, tagger=self._inline())

    def tag(self, entries: list[Any]) -> list[TaggedEntry]:
        """Tag entries already parsed (a 快讯 source's), in a worker when the pool runs."""
        tagged = self._in_worker(tag_entries, entries)
        if not isinstance(tagged, _NoPool):
            return tagged
        return tag_entries(entries, tagger=self._inline())

    def close(self) -> None:
        self._ending.set()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def abandon(self) -> None:
        """The process is about to end without closing the pool (a throw-away window's quick exit): waits for
        nothing. The workers are ended now (SIGTERM: a worker still starting would trip over the semaphores'
        names, see _end_workers_now), the pool's named semaphores are released (see the module's docstring),
        later work is done in-process, no new worker starts, and the executor is shut down — from a
        thread of its own: the executor's shutdown takes a lock that a worker being spawned holds (for long
        when the pool broke under a signal to the whole process group)."""
        self._ending.set()
        with self._lock:
            self._abandoned = True
            pool, self._pool = self._pool, None
            contexts = list(self._contexts)
        if pool is not None:
            wait_for_spawns(2.0)    # a worker being spawned by a submit right now is in the list once it returns
            _end_workers_now(pool)
        for ctx in contexts:
            _release_semaphores(ctx)
        if pool is not None:
            threading.Thread(target=pool.shutdown, kwargs={"wait": False, "cancel_futures": True},
                             name="huohua-parse-pool-abandon", daemon=True).start()

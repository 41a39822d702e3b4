"""Parsing and tagging feed bodies in worker processes.

Why processes: feedparser, sanitising, normalising and tagging are pure-Python CPU work; in threads the GIL
runs them one at a time, so on a refresh of 10,000 items the app used one core while the others idled.
Why this size: one worker per CPU core (setting feeds.parse_processes, 0 = parse in the fetch threads). The
pool starts once (spawned, never forked: the parent has Qt and writer threads) and lives until shutdown.
Each worker builds its own Tagger from a picklable `TaggerSpec`, once.
Why workers watch their parent: an idle worker blocks reading the task queue, whose write end it holds itself
(a spawned child unpickles both ends), so a parent killed with SIGKILL, or ended by SIGTERM without running its
shutdown, never sends the "stop" it waits for. Orphaned workers (~47 MB each) and multiprocessing's resource
tracker (which exits only when every holder of its pipe, the workers included, is gone) then lived on forever.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from desktop.core.child_process import exit_with_parent
from desktop.core.errors import SourceError
from desktop.core.news import TaggedEntry
from desktop.core.priority import lower_this_thread
from desktop.core.stocklist import StockName

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TaggerSpec:
    resources: Path
    user_themes: tuple[Path | None, ...] = ()
    stocks: tuple[StockName, ...] | None = None   # None: the bundled list

    def build(self):
        from desktop.tagging.tagger import Tagger

        return Tagger.from_resources(self.resources, stocks=list(self.stocks) if self.stocks else None,
                                     user_themes=self.user_themes)


@dataclass(frozen=True, slots=True)
class ParsedBody:
    title: str
    site_url: str
    items: list[TaggedEntry]


_worker_tagger = None


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


def parse_and_tag(body: bytes, headers: dict[str, str], url: str, fetched: int, tagger=None) -> ParsedBody:
    """Bytes → tagged entries with their search tokens. Runs in a worker process (or inline with `tagger`)."""
    from desktop.sources.feed_parse import parse_feed
    from desktop.store.fts import document

    tagger = tagger or _worker_tagger
    parsed = parse_feed(body, headers, url, fetched)
    items = []
    for entry in parsed.entries:
        tagged = tagger.tag(entry)
        items.append(replace(tagged, search_doc=document(entry.normalized_title, entry.text)))
    return ParsedBody(parsed.title, parsed.site_url, items)


def tag_entries(entries: list, tagger=None) -> list[TaggedEntry]:
    """Entries that arrive parsed (快讯 from akshare) → tagged, with their search tokens (in a worker process
    or inline with `tagger`)."""
    from desktop.core.news import StockLink, ThemeTag
    from desktop.store.fts import document

    tagger = tagger or _worker_tagger
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


class ParsePool:
    def __init__(self, spec: TaggerSpec, processes: int):
        self.spec = spec
        self.processes = max(0, processes)
        self._pool: ProcessPoolExecutor | None = None
        self._inline_tagger = None

    def start(self) -> ParsePool:
        if self.processes and self._pool is None:
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.processes, mp_context=ctx, initializer=_init_worker,
                                             initargs=(self.spec,))
        return self

    def parse(self, body: bytes, headers: dict[str, str], url: str, fetched: int) -> ParsedBody:
        if self._pool is not None:
            try:
                return self._pool.submit(parse_and_tag, body, headers, url, fetched).result()
            except SourceError:
                raise
            except BrokenProcessPool:
                # A worker died (killed, out of memory): keep going in-process rather than failing feeds.
                log.warning("parse workers died; parsing in-process from now on")
                self._pool = None
        if self._inline_tagger is None:
            self._inline_tagger = self.spec.build()
        return parse_and_tag(body, headers, url, fetched, tagger=self._inline_tagger)

    def tag(self, entries: list) -> list[TaggedEntry]:
        """Tag entries already parsed (a 快讯 source's), in a worker when the pool runs."""
        if self._pool is not None:
            try:
                return self._pool.submit(tag_entries, entries).result()
            except BrokenProcessPool:
                log.warning("parse workers died; tagging in-process from now on")
                self._pool = None
        if self._inline_tagger is None:
            self._inline_tagger = self.spec.build()
        return tag_entries(entries, tagger=self._inline_tagger)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

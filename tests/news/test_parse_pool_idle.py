"""Parse workers only while they are worth it (issue 28, docs/PERFORMANCE.md): a round of 快讯 starts none, idle
workers exit, and work done in-process tags with the caller's tagger (one copy of the stock dictionary)."""

from __future__ import annotations

import time

from desktop.services.parse_pool import ParsePool
from desktop.sources import flash_news
from tests.news import feedgen
from tests.news.helpers import add_feed, refresh


def wait_for(check, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.05)
    return check()


def test_a_round_of_flash_subscriptions_starts_no_worker(core, settings):
    settings.set("feeds.parse_processes", 2)
    ids = [add_feed(core, flash_news.PREFIX + key) for key in ("cls", "em", "sina", "ths", "futu")]
    core.refresher().flash = lambda key, codes=(): []      # the market source: nothing new this poll
    outcomes = refresh(core, *ids)
    assert [o.status for o in outcomes] != [] and all(o.status != "error" for o in outcomes), outcomes
    assert core.parse_pool().processes == 2 and core.parse_pool()._pool is None     # no worker was spawned


def test_idle_workers_exit_and_later_work_uses_the_given_tagger(core, monkeypatch):
    monkeypatch.setattr(ParsePool, "IDLE_S", 0.3)
    used = []

    def tagger():
        used.append(1)
        return core.tagger()

    pool = ParsePool(core.tagger_spec(), 1, tagger=tagger).start()
    body = feedgen.rss(feedgen.items(3))
    try:
        assert len(pool.parse(body, {}, "http://127.0.0.1/f.xml", 0).items) == 3
        workers = list(pool._pool._processes.values())
        assert workers and not used                    # parsed in the worker
        pool.rest()
        assert wait_for(lambda: pool._pool is None)
        assert wait_for(lambda: not any(w.is_alive() for w in workers))
        assert len(pool.parse(body, {}, "http://127.0.0.1/f.xml", 0).items) == 3
        assert used                                    # in-process, with the caller's tagger
        pool.start()                                   # a big round again: workers again
        assert pool._pool is not None
        pool.rest()
        pool.start()                                   # started again before the idle exit: it stays
        time.sleep(0.6)
        assert pool._pool is not None
    finally:
        pool.close()

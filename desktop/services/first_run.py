"""First-run content: the bundled subscriptions, and the demo articles (演示数据). Qt-free."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.store import feeds as feed_ops

if TYPE_CHECKING:
    from desktop.config import Settings
    from desktop.core.changes import Changes
    from desktop.store.writer import Writes
    from desktop.tagging.tagger import Tagger


class CoreParts(Protocol):
    """What the first run uses of desktop.app.Core (the services never import the app)."""

    resources: Path
    settings: Settings
    writer: Writes

    def tagger(self) -> Tagger: ...

    def reader(self) -> sqlite3.Connection: ...


DEMO_FEED_URL = "https://demo.huohua.invalid/news.xml"   # .invalid: never resolvable, never fetched


def demo_moment(resources: Path) -> int:
    """The demo recording's own moment (resources/demo/meta.json `start`: 2026-11-20 14:35 Beijing), Unix seconds."""
    import json
    from datetime import datetime

    meta = json.loads((resources / "demo" / "meta.json").read_text(encoding="utf-8"))
    return int(datetime.fromisoformat(meta["start"]).timestamp())


def seed_demo_news(core: CoreParts, now: int | None = None) -> int:
    """Put the bundled demo articles (演示数据) in a demo database once, as dated in news.xml: on the recording's
    own session, the newest at its moment (`now`, default demo_moment) — the day its quotes, bars, 快讯 and 公告
    are from, whatever day the demo runs (moved to the launch time, they sat weeks apart from the quotes: the
    heatmap's "近24小时" and the chart's news strip disagreed with the articles)."""
    from desktop.services.parse_pool import parse_and_tag
    from desktop.store import articles as article_ops

    fetched = demo_moment(core.resources) if now is None else now

    def op(conn: sqlite3.Connection) -> int:
        if feed_ops.is_subscribed(conn, DEMO_FEED_URL):
            return 0
        ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url=DEMO_FEED_URL, title="演示资讯（演示数据）",
                                                            folder="演示数据")])
        feed_ops.update_feed(conn, ids[0], enabled=0)
        body = (core.resources / "demo" / "news.xml").read_bytes()
        parsed = parse_and_tag(body, {}, DEMO_FEED_URL, fetched, tagger=core.tagger())
        return len(article_ops.ingest(conn, ids[0], parsed.items, fetched).new)

    added: int = core.writer.call(op)
    return added


DEMO_FLASH = (("akshare:cls", "财联社 电报（演示数据）", "快讯"), ("akshare:em", "东方财富 全球快讯（演示数据）", "快讯"),
              ("akshare:sina", "新浪 7x24（演示数据）", "快讯"), ("akshare:ths", "同花顺 直播（演示数据）", "快讯"),
              ("akshare:futu", "富途 快讯（演示数据）", "快讯"),
              ("akshare:notices", "公告（自选股，演示数据）", "公告"),
              ("akshare:stocknews", "个股新闻（自选股，演示数据）", "个股新闻"))


def subscribe_demo_flash(core: CoreParts) -> int:
    """A demo database's 快讯 subscriptions: fetched from the demo recording by the market source."""
    def op(conn: sqlite3.Connection) -> list[int]:
        new = [feed_ops.NewFeed(url=url, title=title, folder=folder) for url, title, folder in DEMO_FLASH
               if not feed_ops.is_subscribed(conn, url)]
        return feed_ops.add_feeds(conn, new)[0] if new else []

    return len(core.writer.call(op))


# The demo's sample 持仓 (演示数据), on its own session (2026-11-20): a lot partly sold (realised profit), a loss,
# a 科创板 lot of 300 and a lot bought on the session itself (its 当日盈亏 is against its price). All four codes are
# quoted in resources/demo's recording. code, date, side, shares, price, fee.
DEMO_TRADES = (("300750", "2026-03-16", "buy", 200, "231.50", "9.26"),
               ("300750", "2026-08-05", "buy", 100, "262.80", "5.26"),
               ("300750", "2026-10-13", "sell", 100, "296.40", "34.49"),
               ("601012", "2026-05-20", "buy", 2000, "21.35", "8.54"),
               ("688063", "2026-09-01", "buy", 300, "47.60", "5.00"),
               ("600900", "2026-11-20", "buy", 1000, "10.98", "5.00"))


def seed_demo_positions(writer: Writes) -> int:
    """Put the sample 持仓 in a demo database (never the user's: the demo and replays run on a throw-away one)
    once; the number of trades added (0 when it holds trades already)."""
    from desktop.core.positions import make_trade
    from desktop.store import positions_store as ps

    trades = [make_trade(*row) for row in DEMO_TRADES]

    def op(conn: sqlite3.Connection) -> int:
        if ps.has_trades(conn):
            return 0
        return len(ps.add_trades(conn, trades))

    added: int = writer.call(op)
    return added


@dataclass(frozen=True, slots=True)
class FirstRun:
    """What a data directory's first run did."""

    feeds: int = 0              # RSS feeds subscribed: http(s) feeds and RSSHub routes
    flash: int = 0              # 快讯 sources subscribed (akshare:…, 公告 and 个股新闻 among them)
    rsshub_left_out: int = 0    # bundled RSSHub routes not subscribed: no RSSHub answered the probe
    watchlists: bool = False    # the default watchlists were created (first_run only)

    @property
    def subscribed(self) -> int:
        return self.feeds + self.flash


def subscribe_defaults(core: CoreParts, rsshub_answers: Callable[[], bool] | None = None, *,
                       watchlists: bool = False) -> FirstRun | None:
    """First run: subscribe to the bundled feeds (resources/feeds.opml). Recorded in `meta`, so a user who
    removes them all does not get them back on the next start. None when this data directory's first run has
    happened (the window's or a CLI command's: the same mark); nothing subscribed when the user has feeds of
    their own already (subscribed from the CLI first): their list is left alone.

    The bundled `rsshub:` routes are subscribed only when the RSSHub address answers (`rsshub_answers()`,
    probed once, only on a first run that subscribes): without one they would be a list of errors on day one.
    The settings page subscribes them later (services/rsshub.py).

    `watchlists`: in the same transaction, when it subscribes, the default watchlists too (unless there are
    lists already), whose stocks the bundled 公告 and 个股新闻 follow."""
    from desktop.sources.flash_news import is_flash
    from desktop.sources.opml import parse_opml
    from desktop.store import market_store as ms

    conn = core.reader()
    try:
        if feed_ops.first_run_done(conn):
            return None
        own = feed_ops.has_feeds(conn)
    finally:
        conn.close()
    found = parse_opml((core.resources / "feeds.opml").read_bytes(), core.settings["rsshub.base_url"])
    interval = int(core.settings["feeds.interval_min"]) * 60
    routes = [f for f in found if f.url.startswith("rsshub:")]
    left_out = 0
    if routes and not own and not (rsshub_answers or _rsshub_answers(core))():
        found, left_out = [f for f in found if not f.url.startswith("rsshub:")], len(routes)
    new = [feed_ops.NewFeed(url=f.url, title=f.title, folder=f.folder, site_url=f.site_url, interval_s=interval)
           for f in found]

    def op(conn: sqlite3.Connection) -> tuple[tuple[list[int], Changes] | None, bool]:
        done = feed_ops.subscribe_first_run(conn, new)
        return done, bool(done and done[0] and watchlists and ms.ensure_default_watchlist(conn))

    done, created = core.writer.call(op)
    if done is None:
        return None
    if not done[0]:
        return FirstRun()
    flash = sum(1 for f in found if is_flash(f.url))
    return FirstRun(feeds=len(done[0]) - flash, flash=flash, rsshub_left_out=left_out, watchlists=created)


def subscribe_defaults_once(core: CoreParts, rsshub_answers: Callable[[], bool] | None = None) -> int:
    """The window's first run (gui_app): subscribe_defaults; returns the number of feeds added."""
    done = subscribe_defaults(core, rsshub_answers)
    return done.subscribed if done else 0


def first_run(core: CoreParts, rsshub_answers: Callable[[], bool] | None = None) -> FirstRun | None:
    """The first run of a data directory from the CLI (`fetch`, `news`): what the window's first run does —
    subscribe_defaults, the same probe and the same mark — and, when that subscribed the bundled feeds, what the
    window's market service does as it starts (MarketService.prepare): the default watchlists, whose stocks the
    bundled 公告 and 个股新闻 follow, and the bundled stock table. None when there was nothing to do."""
    done = subscribe_defaults(core, rsshub_answers, watchlists=True)
    if done is None or not done.subscribed:
        return None
    from desktop.core import clock
    from desktop.core.errors import StoreError
    from desktop.services.market_service import seed_bundled_stocks

    try:   # the stock table is seeded again by whatever needs it next (the window, `watchlist`): not a failure
        core.writer.call(lambda c: seed_bundled_stocks(c, core.resources / "stocks", clock.now_s()))
    except (StoreError, sqlite3.Error, OSError) as exc:
        import logging

        logging.getLogger(__name__).info("the bundled stock table is not seeded yet: %s", exc)
    return done


def _rsshub_answers(core: CoreParts) -> Callable[[], bool]:
    from desktop.services import rsshub

    return lambda: rsshub.probe(core.settings["rsshub.base_url"])[0]

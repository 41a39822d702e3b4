"""First-run content: the bundled subscriptions, and the demo articles (演示数据). Qt-free."""

from __future__ import annotations

DEMO_FEED_URL = "https://demo.huohua.invalid/news.xml"   # .invalid: never resolvable, never fetched


def seed_demo_news(core, now: int) -> int:
    """Put the bundled demo articles (演示数据) in a demo database once, dated so the newest is `now`."""
    from dataclasses import replace

    from desktop.services.parse_pool import parse_and_tag
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops

    def op(conn):
        if conn.execute("SELECT 1 FROM feeds WHERE url = ?", (DEMO_FEED_URL,)).fetchone():
            return 0
        ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url=DEMO_FEED_URL, title="演示资讯（演示数据）",
                                                            folder="演示数据")])
        conn.execute("UPDATE feeds SET enabled = 0 WHERE id = ?", (ids[0],))
        body = (core.resources / "demo" / "news.xml").read_bytes()
        parsed = parse_and_tag(body, {}, DEMO_FEED_URL, now, tagger=core.tagger())
        shift = now - max(i.entry.published for i in parsed.items)
        items = [replace(i, entry=replace(i.entry, published=i.entry.published + shift)) for i in parsed.items]
        return len(article_ops.ingest(conn, ids[0], items, now).new)

    return core.writer.call(op)


DEMO_FLASH = (("akshare:cls", "财联社 电报（演示数据）", "快讯"), ("akshare:em", "东方财富 全球快讯（演示数据）", "快讯"),
              ("akshare:notices", "公告（自选股，演示数据）", "公告"),
              ("akshare:stocknews", "个股新闻（自选股，演示数据）", "个股新闻"))


def subscribe_demo_flash(core) -> int:
    """A demo database's 快讯 subscriptions: fetched from the demo recording by the market source."""
    from desktop.store import feeds as feed_ops

    def op(conn):
        new = [feed_ops.NewFeed(url=url, title=title, folder=folder) for url, title, folder in DEMO_FLASH
               if not conn.execute("SELECT 1 FROM feeds WHERE url = ?", (url,)).fetchone()]
        return feed_ops.add_feeds(conn, new)[0] if new else []

    return len(core.writer.call(op))


def subscribe_defaults_once(core, rsshub_answers=None) -> int:
    """First run: subscribe to the bundled feeds (resources/feeds.opml). Recorded in `meta`, so a user who
    removes them all does not get them back on the next start. Returns the number added.

    The bundled `rsshub:` routes are subscribed only when the RSSHub address answers (`rsshub_answers()`,
    probed once, only on a first run): without one they would be a list of errors on day one. The settings
    page subscribes them later (services/rsshub.py)."""
    from desktop.sources.opml import parse_opml
    from desktop.store import feeds as feed_ops

    found = parse_opml((core.resources / "feeds.opml").read_bytes(), core.settings["rsshub.base_url"])
    interval = int(core.settings["feeds.interval_min"]) * 60
    first = not core.writer.call(lambda c: c.execute(
        "SELECT 1 FROM meta WHERE key = 'feeds.defaults_subscribed'").fetchone())
    if first and any(f.url.startswith("rsshub:") for f in found):
        if not (rsshub_answers or _rsshub_answers(core))():
            found = [f for f in found if not f.url.startswith("rsshub:")]

    def op(conn):
        if conn.execute("SELECT 1 FROM meta WHERE key = 'feeds.defaults_subscribed'").fetchone():
            return 0, None
        conn.execute("INSERT INTO meta(key, value) VALUES ('feeds.defaults_subscribed', '1')")
        if conn.execute("SELECT 1 FROM feeds LIMIT 1").fetchone():
            return 0, None   # an existing user (imported feeds from the CLI first): leave their list alone
        ids, changes = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url=f.url, title=f.title, folder=f.folder,
                                                                  site_url=f.site_url, interval_s=interval)
                                                 for f in found])
        return len(ids), changes

    return core.writer.call(op)[0]


def _rsshub_answers(core):
    from desktop.services import rsshub

    return lambda: rsshub.probe(core.settings["rsshub.base_url"])[0]

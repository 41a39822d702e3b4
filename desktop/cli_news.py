"""CLI commands for the news side: `fetch`, `news`, `feeds`. The output formats are a stable contract."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from desktop.config import Paths, Settings
from desktop.core.errors import HuohuaError, OpmlError
from desktop.core.news_filter import NewsFilter
from desktop.store import feeds as feed_ops

# Every `huohua` start (the GUI's too) imports this module to build the parser: what the commands need is
# imported inside them (json, zoneinfo, the store).


def _shanghai():
    from desktop.core.market_hours import SHANGHAI

    return SHANGHAI


def iso(ts: int) -> str:
    return datetime.fromtimestamp(ts, _shanghai()).isoformat(timespec="seconds")


def parse_since(value: str) -> int:
    """ISO date or datetime; without a zone it is Beijing time (the market's and the feeds' clock)."""
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date: {value!r} (e.g. 2026-11-25 or 2026-11-25T09:30)") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=_shanghai())
    return int(dt.timestamp())


def _code_text(value: str) -> str:
    """SH600519, 300750.SZ → the 6-digit code; anything else (a name, 拼音 initials) as given."""
    v = value.strip().upper().removeprefix("SH").removeprefix("SZ").removeprefix("BJ").split(".")[0]
    return v if len(v) == 6 and v.isdigit() else value.strip()


def add_news_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fetch", help="fetch due feeds",
                       epilog="examples: huohua fetch --once · huohua fetch --once --all · "
                              "huohua fetch --once --feed 3 --feed 5")
    p.add_argument("--once", action="store_true", help="fetch every due feed once and exit (the only mode)")
    p.add_argument("--all", action="store_true", help="fetch every feed, due or not, e.g. fetch --once --all")
    p.add_argument("--feed", type=int, action="append", metavar="ID",
                   help="fetch only this feed id (repeatable; ids: huohua feeds list), e.g. --feed 3")
    p.add_argument("--replay", type=Path, metavar="DIR",
                   help="快讯 subscriptions (akshare:…) from a recording instead of the network, "
                        "e.g. --replay resources/demo")
    p.set_defaults(handler=cmd_fetch)

    p = sub.add_parser("news", help="list stored articles",
                       description="Stored articles, newest first: one line each (time, source, title, themes, "
                                   "stocks), or --json.",
                       epilog="examples: huohua news --theme 能源 --since 2026-11-20 · huohua news --stock 宁德时代 "
                              "--unread · huohua news --query 储能 --limit 10 --json")
    p.add_argument("--query", default="", metavar="TEXT",
                   help="full-text search (2-character Chinese terms work), e.g. --query 储能")
    p.add_argument("--theme", metavar="THEME",
                   help="a theme by key or label in either language, e.g. --theme 能源 or --theme energy")
    p.add_argument("--stock", metavar="STOCK",
                   help="articles linked to a stock: code, name or 拼音 initials, e.g. --stock 300750, 宁德时代, ndsd")
    p.add_argument("--feed", type=int, metavar="ID", help="one feed's articles (ids: huohua feeds list), e.g. --feed 3")
    p.add_argument("--since", type=parse_since, metavar="DATE",
                   help="published at or after (Beijing time unless a zone is given), e.g. --since 2026-11-20T09:30")
    p.add_argument("--unread", action="store_true", help="unread articles only")
    p.add_argument("--starred", action="store_true", help="starred articles only")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N articles (default 50), e.g. --limit 10")
    p.add_argument("--json", action="store_true",
                   help="one JSON list (id, title, url, feed, published, themes, theme_labels, stocks, stock_names …)")
    p.set_defaults(handler=cmd_news)

    p = sub.add_parser("feeds", help="manage subscriptions",
                       epilog="examples: huohua feeds list · huohua feeds add https://example.com/rss.xml --folder 宏观")
    fs = p.add_subparsers(dest="feeds_cmd", required=True)
    fs.add_parser("list", help="every subscription: id, folder, title, URL, last result",
                  epilog="example: huohua feeds list").set_defaults(handler=cmd_feeds_list)
    a = fs.add_parser("add", help="subscribe to a feed",
                      epilog="examples: huohua feeds add https://example.com/rss.xml · huohua feeds add akshare:cls "
                             "--folder 快讯 · huohua feeds add rsshub:/cls/telegraph")
    a.add_argument("url", help="an http(s) feed URL, an RSSHub route (rsshub:/…) or a 快讯 source (akshare:cls, "
                               "akshare:em, akshare:sina, akshare:ths, akshare:futu, akshare:notices, akshare:stocknews)")
    a.add_argument("--folder", default="", help="the sidebar folder, e.g. --folder 快讯")
    a.add_argument("--title", default="", help="a title of your own (default: the feed's), e.g. --title 财联社")
    a.set_defaults(handler=cmd_feeds_add)
    r = fs.add_parser("remove", help="unsubscribe (its articles go too)", epilog="example: huohua feeds remove 3")
    r.add_argument("id", type=int, help="the feed's id (huohua feeds list), e.g. 3")
    r.set_defaults(handler=cmd_feeds_remove)
    i = fs.add_parser("import", help="subscribe to every feed of an OPML file",
                      epilog="example: huohua feeds import subscriptions.opml")
    i.add_argument("file", type=Path, help="an OPML file (from another reader), e.g. subscriptions.opml")
    i.set_defaults(handler=cmd_feeds_import)
    e = fs.add_parser("export", help="write every subscription to an OPML file",
                      epilog="example: huohua feeds export subscriptions.opml")
    e.add_argument("file", type=Path, help="the OPML file to write, e.g. subscriptions.opml")
    e.set_defaults(handler=cmd_feeds_export)


def _core(paths: Paths, settings: Settings):
    from desktop.app import Core

    return Core(paths, settings)


def first_run(core) -> None:
    """A data directory's first `fetch` or `news` subscribes the bundled feeds as the window's first run does
    (the same RSSHub probe, the same once-only mark: services/first_run.py), creates the default watchlists,
    and says so in one line on stderr (stdout stays the command's own: `news --json` is pure JSON)."""
    if core.read_only:
        return
    import sqlite3

    from desktop.core.errors import StoreError
    from desktop.services import first_run as fr

    try:
        done = fr.first_run(core)
    except (StoreError, sqlite3.Error, OSError) as exc:
        # a full disk, a damaged file: the command meets it again and says so in its own words (`news` still
        # lists what is stored); the first run is tried again by the next command
        import logging

        logging.getLogger(__name__).info("first run not done: %s", exc)
        return
    if done is not None:
        print(first_run_line(done, core.settings["rsshub.base_url"]), file=sys.stderr)


def first_run_line(done, rsshub_url: str) -> str:
    line = f"subscribed the bundled feeds: {done.feeds} RSS feeds, {done.flash} 快讯 sources"
    if done.watchlists:
        line += "; created the default watchlists"
    line += " (first run of this data directory"
    if done.rsshub_left_out:
        line += (f"; the {done.rsshub_left_out} RSSHub routes are left out: no RSSHub answers at "
                 f"{str(rsshub_url).strip().rstrip('/')}")
    return line + ")"


def cmd_fetch(args, paths: Paths, settings: Settings) -> int:
    with _core(paths, settings) as core:
        if core.read_only:   # nothing fetched could be saved: say so before fetching anything
            print(f"error: {core.writer.error}", file=sys.stderr)
            return 1
        first_run(core)
        refresher = core.refresher()
        feeds = refresher.due(feed_ids=args.feed, force=args.all)
        if not feeds:
            print("nothing due (use --all to fetch every feed)")
            return 0
        source = None
        from desktop.sources.flash_news import is_flash

        flash = {f.id for f in feeds if is_flash(f.url)}
        if flash:   # 快讯 come through the market source (akshare)
            from desktop.sources.factory import make_source

            source = make_source(replay_dir=args.replay, settings=settings)
            refresher.flash = source.flash_news
        try:
            outcomes = refresher.refresh(feeds)
        finally:
            if source is not None:
                source.close()
        full = core.writer.health == "disk_full"
    if full:
        # one message for a full disk, not one per feed (feeds it stopped are simply not listed)
        from desktop.store.health import disk_full

        message = str(disk_full(paths.db))
        outcomes = [o for o in outcomes if o.status != "skipped" and o.error != message]
    from desktop.cli_words import say
    from desktop.core.error_kinds import one_line

    language = str(getattr(args, "lang", None) or settings["ui.language"])
    totals = {"new": 0, "updated": 0, "unchanged": 0, "error": 0}
    added = updated = 0
    for o in outcomes:
        totals[o.status] = totals.get(o.status, 0) + 1
        added += o.new
        updated += o.updated
        if o.status == "error":   # in plain words, in the interface language; the source's own in brackets
            detail = one_line(o.error, language, market=o.feed_id in flash)   # 快讯: no feed address to check
        elif o.note:
            detail = say(o.note, language)
        elif o.status == "unchanged":
            detail = "no new items"
        elif o.status == "skipped":
            detail = "not fetched"
        else:
            detail = f"{o.new} new, {o.updated} updated"
        print(f"{o.status:<9} #{o.feed_id} {o.label}: {detail}")
    print(f"total: {len(outcomes)} feeds, {added} new articles, {updated} updated, "
          f"{totals['error']} failed")
    if full:
        print(f"error: {message}", file=sys.stderr)
        return 1
    return 0


def cmd_news(args, paths: Paths, settings: Settings) -> int:
    from desktop.store import queries
    from desktop.store.stocks import stock_names

    if args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2
    lang = getattr(args, "lang", None) or settings["ui.language"]
    if args.stock:
        from desktop.cli_stocks import resolve_codes

        found = resolve_codes([_code_text(args.stock)], paths)
        if found is None:
            return 2
        args.stock = found[0]
    with _core(paths, settings) as core:
        first_run(core)
        themes = core.themes()
        theme = None
        if args.theme:
            theme = resolve_theme(args.theme, themes)
            if theme is None:
                known = ", ".join(f"{t.name} ({t.label_zh} / {t.label_en})" for t in themes)
                print(f"error: unknown theme {args.theme!r}; the themes are: {known}", file=sys.stderr)
                return 2
        f = NewsFilter(query=args.query, theme=theme, stock=args.stock, feed_id=args.feed, since=args.since,
                       unread=args.unread, starred=args.starred)
        conn = core.reader()
        try:
            rows = queries.list_articles(conn, f, limit=args.limit)
            stored = queries.totals(conn)[0] if not rows else len(rows)
            codes = sorted({c for r in rows for c in r.stocks})
            names = stock_names(conn, codes) if codes else {}
        finally:
            conn.close()
        if set(codes) - set(names):      # no stock table yet (a news-only data directory): the bundled list
            from desktop.services.market_view import bundled_names

            names = {**bundled_names(core.resources), **names}
    labels = {t.name: t.label(lang) for t in themes}
    if args.json:
        import json

        out = [{"id": r.id, "title": r.title, "url": r.url, "feed": r.feed_title, "feed_id": r.feed_id,
                "published": iso(r.published), "themes": list(r.themes), "stocks": list(r.stocks),
                "theme_labels": [labels.get(t, t) for t in r.themes],
                "stock_names": [names.get(c, c) for c in r.stocks],
                "read": r.read, "starred": r.starred} for r in rows]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not rows:   # never a silent nothing: say why on stderr (stdout holds articles only, as the first run's line)
        from desktop.cli_words import say

        print(say("no_match", lang, n=stored) if stored else say("no_articles", lang), file=sys.stderr)
    for r in rows:
        flags = ("*" if r.starred else " ") + (" " if r.read else "•")
        # what a reader calls them: 能源, 宁德时代 (the code after the name, as the window's chips show it)
        tags = " ".join([f"#{labels.get(t, t)}" for t in r.themes] + [f"{names.get(c, c)}({c})" for c in r.stocks])
        print(f"{flags} {iso(r.published)[:16].replace('T', ' ')}  [{r.feed_title}] {r.title}  {tags}".rstrip())
    return 0


def resolve_theme(text: str, themes: list) -> str | None:
    """A theme's key or its label in either language (energy, 能源, Energy) → its key; None if none matches."""
    want = text.strip().lower().lstrip("#")
    for t in themes:
        if want in (t.name.lower(), t.label_zh.lower(), t.label_en.lower()):
            return t.name
    return None


def _read(paths: Paths, settings: Settings, fn):
    """`fn(read-only connection)` on a database opened (and migrated, if needed) for this command."""
    with _core(paths, settings) as core:
        conn = core.reader()
        try:
            return fn(conn)
        finally:
            conn.close()


def cmd_feeds_list(args, paths: Paths, settings: Settings) -> int:
    from desktop.store import queries

    feeds, unread = _read(paths, settings, lambda conn: (feed_ops.list_feeds(conn), queries.unread_by_feed(conn)))
    if not feeds:
        print("no feeds yet: huohua feeds add URL, or huohua feeds import FILE.opml")
        return 0
    for f in feeds:
        state = "ok" if f.last_error is None else f"error ({f.failures}×): {f.last_error}"
        if f.last_success is None and f.last_error is None:
            state = "never fetched"
        folder = f"{f.folder}/" if f.folder else ""
        print(f"{f.id:>4}  {folder}{f.title or '(untitled)'}  {f.url}  unread {unread.get(f.id, 0)}  {state}")
    return 0


def cmd_feeds_add(args, paths: Paths, settings: Settings) -> int:
    from desktop.core.schedule import relative_to_rsshub, valid_feed_url

    url = relative_to_rsshub(args.url.strip(), settings["rsshub.base_url"])
    if not valid_feed_url(url):
        print(f"error: not an http(s) feed URL or rsshub:/route: {args.url!r}", file=sys.stderr)
        return 2
    interval = int(settings["feeds.interval_min"]) * 60
    with _core(paths, settings) as core:
        ids, _ = core.writer.call(lambda c: feed_ops.add_feeds(
            c, [feed_ops.NewFeed(url=url, title=args.title, folder=args.folder, interval_s=interval)]))
    if not ids:
        print(f"already subscribed: {url}")
        return 0
    print(f"added feed #{ids[0]}: {url}")
    return 0


def cmd_feeds_remove(args, paths: Paths, settings: Settings) -> int:
    with _core(paths, settings) as core:
        try:
            removed, _ = core.writer.call(lambda c: feed_ops.remove_feed(c, args.id))
        except KeyError:
            print(f"error: no feed with id {args.id}", file=sys.stderr)
            return 2
    print(f"removed feed #{args.id} and its {removed} articles")
    return 0


def cmd_feeds_import(args, paths: Paths, settings: Settings) -> int:
    from desktop.services.feeds_io import import_opml

    interval = int(settings["feeds.interval_min"]) * 60
    with _core(paths, settings) as core:
        try:
            result = import_opml(args.file, core.writer, settings["rsshub.base_url"], interval)
        except OSError as exc:
            print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        except OpmlError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    print(f"imported {len(result.added)} new feeds ({result.already} already subscribed) from {args.file}")
    return 0


def cmd_feeds_export(args, paths: Paths, settings: Settings) -> int:
    from desktop.services.feeds_io import export_opml

    feeds = _read(paths, settings, feed_ops.list_feeds)
    try:
        export_opml(args.file, feeds, settings["rsshub.base_url"])
    except OSError as exc:
        print(f"error: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"exported {len(feeds)} feeds to {args.file}")
    return 0


def run_handler(handler, args, paths: Paths, settings: Settings) -> int:
    import sqlite3

    from desktop.store.health import classify

    try:
        return handler(args, paths, settings)
    except HuohuaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (sqlite3.DatabaseError, OSError) as exc:
        # storage failures are the user's to act on (damaged file, full disk, read-only directory): say which
        typed = classify(exc, paths.db)
        if typed is None:
            raise
        print(f"error: {typed}", file=sys.stderr)
        return 1

"""`huohua alerts list | add | remove | log | run`: alert rules from the command line, and a recording replayed
through them (one JSON line per fired alert) so scripts and tests can check alerts without a window."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli_stocks import resolve_codes
from desktop.config import Paths, Settings
from desktop.core.alerts import Rule
from desktop.core.errors import SourceError
from desktop.store import alerts as alert_ops
from desktop.store.db import connect_ro

FLASH_FEEDS = ("akshare:cls", "akshare:em", "akshare:sina", "akshare:ths", "akshare:futu")
MAX_ROUNDS = 500
DEFAULT_MOVER_TYPES = "火箭发射,封涨停板,打开涨停板,高台跳水"     # the rule dialog's default choice (widgets/mover_types.py)


def add_alert_commands(subparsers: Any) -> None:
    p = subparsers.add_parser("alerts", help="price, move and news alerts (提醒)",
                              description="Alert rules: list, add, remove; the log of fired alerts; a recording "
                                          "replayed through the rules.",
                              epilog="examples: huohua alerts add price 300750 --above 300 · huohua alerts add news "
                                     "--theme 能源 · huohua alerts run --replay resources/demo")
    sub = p.add_subparsers(dest="alerts_cmd", required=True)
    ls = sub.add_parser("list", help="every rule", epilog="example: huohua alerts list --json")
    ls.add_argument("--json", action="store_true", help="one JSON list of rules (id, kind, scope, code, list, "
                                                        "theme, query, value, cooldown_s, enabled, note)")
    ls.set_defaults(handler=cmd_list)

    add = sub.add_parser("add", help="add a rule", epilog="examples: huohua alerts add price 宁德时代 --change-above 5 · "
                                                          "huohua alerts add news --list 自选")
    kinds = add.add_subparsers(dest="alert_kind", required=True)
    price = kinds.add_parser("price", help="a price or move rule for one stock",
                             epilog="examples: huohua alerts add price 300750 --above 300 · huohua alerts add price "
                                    "ndsd --limit-up")
    price.add_argument("stock", metavar="STOCK", help="a 6-digit code, a name or 拼音 initials, e.g. 300750")
    which = price.add_mutually_exclusive_group(required=True)
    which.add_argument("--above", type=float, metavar="P", help="last price at or above P, e.g. --above 300")
    which.add_argument("--below", type=float, metavar="P", help="last price at or below P, e.g. --below 250")
    which.add_argument("--change-above", type=float, metavar="X", help="today's change at or above +X %%, e.g. 5")
    which.add_argument("--change-below", type=float, metavar="X", help="today's change at or below -X %%, e.g. 5")
    which.add_argument("--limit-up", action="store_true", help="涨停 reached (±10 %%, 20 %% 创业板/科创板, 30 %% 北交所, "
                                                               "5 %% ST)")
    which.add_argument("--limit-down", action="store_true", help="跌停 reached")
    which.add_argument("--limit-up-open", action="store_true", help="涨停 opened (开板) after being sealed")
    which.add_argument("--volume-spike", type=float, metavar="N",
                       help="volume at N times its 5-day average, e.g. --volume-spike 2")
    _common_rule_options(price)
    price.set_defaults(handler=cmd_add_price)

    news = kinds.add_parser("news", help="a news rule", epilog="examples: huohua alerts add news --stock 300750 · "
                                                                "huohua alerts add news --query 固态电池 --note 关注")
    target = news.add_mutually_exclusive_group(required=True)
    target.add_argument("--stock", metavar="STOCK", help="a new article linked to this stock, e.g. --stock 宁德时代")
    target.add_argument("--list", dest="list_name", metavar="NAME",
                        help="a new article linked to any stock of this watchlist, e.g. --list 自选")
    target.add_argument("--theme", metavar="THEME", help="a new article with this theme (key or label), e.g. 能源")
    target.add_argument("--query", metavar="TEXT", help="a new article matching this search, e.g. 固态电池")
    target.add_argument("--notices", action="store_true", help="a new 公告 of any watched stock")
    _common_rule_options(news)
    news.set_defaults(handler=cmd_add_news)

    mover = kinds.add_parser("mover", help="a 盘口异动 rule: an event of the chosen types for a watched stock",
                             epilog="examples: huohua alerts add mover --types 火箭发射,封涨停板 · huohua alerts add "
                                    "mover 宁德时代 --types 高台跳水 · huohua alerts add mover --list 自选")
    mover.add_argument("stock", metavar="STOCK", nargs="?", help="one stock (code, name or 拼音); without it every "
                                                                 "stock of every watchlist, e.g. 300750")
    mover.add_argument("--list", dest="list_name", metavar="NAME", help="the stocks of this watchlist, e.g. 自选")
    mover.add_argument("--types", action="append", metavar="T",
                       help="the 异动 types: Chinese names, English keys or codes, comma-separated or repeated "
                            "(default 火箭发射,封涨停板,打开涨停板,高台跳水), e.g. --types 火箭发射,封涨停板")
    _common_rule_options(mover)
    mover.set_defaults(handler=cmd_add_mover)

    rm = sub.add_parser("remove", help="delete a rule (its fired alerts stay in the log)",
                        epilog="example: huohua alerts remove 3")
    rm.add_argument("id", type=int, help="the rule's id (huohua alerts list), e.g. 3")
    rm.set_defaults(handler=cmd_remove)

    log = sub.add_parser("log", help="the fired alerts, newest first", epilog="example: huohua alerts log --json")
    log.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50), e.g. --limit 10")
    log.add_argument("--json", action="store_true", help="one JSON list (id, rule, code, kind, value, time, "
                                                         "article, source, note, title, read)")
    log.set_defaults(handler=cmd_log)

    run = sub.add_parser("run", help="replay a recording through the rules; one JSON line per fired alert",
                         epilog="example: huohua alerts run --replay resources/demo")
    run.add_argument("--replay", dest="market_replay", type=Path, required=True, metavar="DIR",
                     help="the recording (huohua record --out DIR), e.g. --replay resources/demo")
    run.set_defaults(handler=cmd_run)


def _common_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--note", default="", help="a note shown with the alert, e.g. --note 突破前高")
    p.add_argument("--cooldown", type=int, default=300, metavar="S",
                   help="seconds before the rule fires again for the same stock (default 300), e.g. --cooldown 600")


def _core(paths: Paths, settings: Settings):
    from desktop.app import Core

    return Core(paths, settings)


def _store(paths: Paths, settings: Settings, op) -> Any:
    with _core(paths, settings) as core:
        if core.read_only:
            print(f"error: {core.writer.error}", file=sys.stderr)
            return None
        return core.writer.call(op)


def _rule_json(r) -> dict:
    return {"id": r.id, "kind": r.kind, "scope": r.scope, "code": r.code, "list": r.list_name, "theme": r.theme,
            "query": r.query, "value": r.value, "cooldown_s": r.cooldown_s, "enabled": r.enabled, "note": r.note}


def cmd_list(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with _core(paths, settings) as core:
        conn = core.reader()
        try:
            rules = alert_ops.rules(conn)
        finally:
            conn.close()
    if args.json:
        print(json.dumps([_rule_json(r) for r in rules], ensure_ascii=False, indent=1))
        return 0
    if not rules:
        print("no alert rules (add one: huohua alerts add price 300750 --above 300)")
    for r in rules:
        state = "" if r.enabled else "  (off)"
        note = f"  — {r.note}" if r.note else ""
        print(f"#{r.id}  {r.describe()}  cooldown {r.cooldown_s}s{state}{note}")
    return 0


def _add(paths: Paths, settings: Settings, rule) -> int:
    try:
        rid = _store(paths, settings, lambda c: alert_ops.add_rule(c, rule))
    except alert_ops.BadRule as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if rid is None:
        return 1
    print(f"added alert #{rid}")
    return 0


def cmd_add_price(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    found = resolve_codes([args.stock], paths)
    if found is None:
        return 2
    kind, value = next((k, v) for k, v in (
        ("price_above", args.above), ("price_below", args.below), ("change_above", args.change_above),
        ("change_below", args.change_below), ("limit_up", True if args.limit_up else None),
        ("limit_down", True if args.limit_down else None), ("limit_up_open", True if args.limit_up_open else None),
        ("volume_spike", args.volume_spike)) if v is not None)
    return _add(paths, settings, Rule(0, kind, "stock", found[0], value=None if value is True else value,
                                      cooldown_s=args.cooldown, note=args.note))


def cmd_add_news(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    if args.stock:
        found = resolve_codes([args.stock], paths)
        if found is None:
            return 2
        rule = Rule(0, "news_stock", "stock", found[0])
    elif args.list_name:
        rule = Rule(0, "news_list", "list", list_name=args.list_name)
    elif args.theme:
        from desktop.cli_news import resolve_theme

        with _core(paths, settings) as core:
            themes = core.themes()
        theme = resolve_theme(args.theme, themes)
        if theme is None:
            known = ", ".join(f"{t.name} ({t.label('zh_CN')})" for t in themes)
            print(f"error: unknown theme {args.theme!r}; the themes are: {known}", file=sys.stderr)
            return 2
        rule = Rule(0, "news_theme", "all", theme=theme)
    elif args.query:
        rule = Rule(0, "news_query", "all", query=args.query)
    else:
        rule = Rule(0, "notice", "all")
    from dataclasses import replace

    return _add(paths, settings, replace(rule, cooldown_s=args.cooldown, note=args.note))


def cmd_add_mover(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """`alerts add mover`: the rule the dialog's 自选股出现盘口异动 makes (core/alert_movers.py)."""
    from desktop.core import alert_movers

    query = ",".join(args.types or [DEFAULT_MOVER_TYPES])
    problem = alert_movers.problem(query)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    from desktop.core.movers import POLLED, type_name

    codes = alert_movers.types_of(query)
    unpolled = sorted(codes - set(POLLED))
    if unpolled:       # the window fetches only these ten: a rule on another type would never fire
        print(f"error: 异动 type {type_name(unpolled[0])!r} is not fetched; the types are: "
              f"{', '.join(type_name(c) for c in POLLED)}", file=sys.stderr)
        return 2
    query = alert_movers.query_of(c for c in POLLED if c in codes)     # names in the dialog's order
    if args.stock and args.list_name:
        print("error: give a stock or --list, not both", file=sys.stderr)
        return 2
    if args.stock:
        found = resolve_codes([args.stock], paths)
        if found is None:
            return 2
        rule = Rule(0, "mover", "stock", found[0], query=query)
    elif args.list_name:
        rule = Rule(0, "mover", "list", list_name=args.list_name, query=query)
    else:
        rule = Rule(0, "mover", "all", query=query)
    from dataclasses import replace

    return _add(paths, settings, replace(rule, cooldown_s=args.cooldown, note=args.note))


def cmd_remove(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    gone = _store(paths, settings, lambda c: alert_ops.remove_rule(c, args.id))
    if gone is None:
        return 1
    if not gone:
        print(f"error: no alert rule #{args.id} (see: huohua alerts list)", file=sys.stderr)
        return 2
    print(f"removed alert #{args.id}")
    return 0


def cmd_log(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.market_hours import SHANGHAI

    if args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2
    with _core(paths, settings) as core:
        conn = core.reader()
        try:
            rows = alert_ops.fired_log(conn, args.limit)
        finally:
            conn.close()
    from datetime import datetime

    for r in rows:
        r["time"] = datetime.fromtimestamp(r["time"], SHANGHAI).isoformat()
        r["read"] = bool(r["read"])
        r.pop("fired", None)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("no alerts have fired")
    for r in rows:
        value = "" if r["value"] is None else f" {r['value']:g}"
        extra = f"  {r['title']}" if r["title"] else ""
        src = "" if r["source"] == "live" else f"  [{r['source']}]"
        print(f"{r['time'][:16].replace('T', ' ')}  #{r['rule']}  {r['code'] or '-'}  {r['kind']}{value}{extra}{src}")
    return 0


def cmd_run(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """The user's rules (read from their database, never changed) against a recording: its quotes round after
    round (a recording's repeated requests answer in the order recorded), then its 快讯/公告, then its 异动. Works in a
    throw-away database; the alerts are printed, marked replay (or demo), not stored."""
    from desktop.cli_common import market_session
    from desktop.core.alerts import Evaluator, NewArticle
    from desktop.store import market_store as ms

    rules, lists = [], {}
    if paths.db.exists():
        with contextlib.closing(connect_ro(paths.db)) as conn:
            rules = alert_ops.rules(conn)
            lists = {w.name: tuple(w.codes) for w in ms.watchlists(conn)}
    if not rules:
        print("error: no alert rules to run (add one: huohua alerts add price 300750 --above 300)", file=sys.stderr)
        return 2
    with market_session(args, paths, settings) as s:
        source = "demo" if s.demo else "replay"
        svc = s.service
        clock = lambda: int(svc.clock().timestamp())   # noqa: E731 - the recording's clock in a replay
        ev = Evaluator(rules, lists, source=source)
        codes = sorted({c for r in rules if r.kind != "mover" for c in ev.codes_of(r)})   # 异动 need no quotes
        fired = []
        if ev.everywhere or codes:
            fired += _replay_quotes(svc, ev, codes, bool(ev.everywhere), clock)
        if ev.news_rules:
            fired += _replay_news(s, svc, ev, lists, NewArticle)
        fired += _replay_movers(svc, ev)
    for f in fired:
        print(json.dumps(f.to_json(), ensure_ascii=False))
    print(f"{len(fired)} alerts ({source})", file=sys.stderr)
    return 0


def _replay_quotes(svc, ev, codes: list[str], whole_market: bool, clock) -> list:
    from desktop.store import market_store as ms

    out, last = [], None
    for _ in range(MAX_ROUNDS):
        try:
            if whole_market:
                svc.snapshot()
            if codes:
                svc.refresh_quotes(codes)
        except SourceError as exc:
            print(f"warning: {exc}", file=sys.stderr)
            break
        with contextlib.closing(connect_ro(svc.db_path)) as conn:
            # rules for every stock see the whole snapshot; otherwise the rules' own stocks
            rows = ms.all_quotes(conn) if whole_market else \
                [r.quote for r in ms.latest_quotes(conn, codes, now=0, stale_before=0)]
        seen = tuple((q.code, q.time, q.price) for q in rows)
        if seen == last:
            break                        # the recording has nothing newer
        last = seen
        out += ev.on_quotes(rows, clock())
        ev.after_quotes(rows)
    return out


def _replay_movers(svc, ev) -> list:
    """The recording's 盘口异动 of its day, stored as the window's poll stores them, through the mover rules."""
    from desktop.core import alert_movers
    from desktop.core.alert_fired import Fired
    from desktop.store import movers as movers_store

    if not alert_movers.watching(ev):
        return []
    try:
        changes = svc.refresh_movers()
    except SourceError as exc:
        print(f"warning: 异动: {exc}", file=sys.stderr)
        return []
    with contextlib.closing(connect_ro(svc.db_path)) as conn:
        events = movers_store.events_by_keys(conn, changes.movers)
    return alert_movers.check(ev, events, Fired)


def _replay_news(s, svc, ev, lists, new_article) -> list:
    """The recording's 快讯 and 公告 (and per-stock news) through the same tagging, then the news rules."""
    from desktop.config import resources_dir
    from desktop.services.parse_pool import tag_entries
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops
    from desktop.store import queries
    from desktop.tagging.tagger import Tagger

    tagger = Tagger.from_resources(resources_dir())
    watched = tuple(sorted({c for codes in lists.values() for c in codes}))
    out = []
    for url in FLASH_FEEDS + ("akshare:notices", "akshare:stocknews"):
        key = url.split(":", 1)[1]
        try:
            entries = s.source.flash_news(key, watched) if key in ("notices", "stocknews") else s.source.flash_news(key)
        except SourceError:
            continue                     # not in this recording
        if not entries:
            continue
        items = tag_entries(entries, tagger)

        def store(conn, url=url, items=items):
            ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url=url)])
            return article_ops.ingest(conn, ids[0], items, int(max(i.entry.published for i in items))).new

        new_ids = sorted(svc.writer.call(store))
        with contextlib.closing(connect_ro(svc.db_path)) as conn:
            rows = queries.rows_by_ids(conn, new_ids)
        rows.sort(key=lambda r: (r.published, r.id))
        out += ev.on_articles(new_article(r.id, r.published, r.title, tuple(r.stocks), tuple(r.themes)) for r in rows)
    return out

"""`huohua watchlist list | add | remove | export | import`: the watchlists from the command line.

A stock is named by its code, its name or its 拼音 initials (300750, 宁德时代, ndsd); an index by its key, name or
initials (sh000001, 上证指数, szzs — 000001 alone is the stock 平安银行: core/indices.py). A query that matches
several stocks lists them and exits 2; one that matches none says so and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.config import Paths, Settings, resources_dir
from desktop.core import clock


def add_watchlist_commands(subparsers: Any) -> None:
    p = subparsers.add_parser("watchlist", help="list and edit the watchlists (自选股)",
                              description="The watchlists: list them, add or remove stocks, CSV out and in.")
    sub = p.add_subparsers(dest="watchlist_cmd", required=True)
    ls = sub.add_parser("list", help="every list and its stocks", epilog="example: huohua watchlist list --json")
    ls.add_argument("--json", action="store_true", help="one JSON list of {id, name, stocks: [{code, name}]}")
    ls.set_defaults(handler=cmd_list)
    a = sub.add_parser("add", help="add a stock (code, name or 拼音 initials) to a list",
                       epilog="example: huohua watchlist add ygdy --list 光伏与逆变器")
    a.add_argument("query", metavar="CODE|NAME|PINYIN", help="e.g. 300274, 阳光电源 or ygdy; an index: sh000001 or szzs")
    a.add_argument("--list", dest="list_name", default=None, metavar="NAME",
                   help="the list (default 自选; created if it does not exist)")
    a.set_defaults(handler=cmd_add)
    r = sub.add_parser("remove", help="remove a stock from a list", epilog="example: huohua watchlist remove 300274")
    r.add_argument("code", metavar="CODE", help="the stock's 6-digit code (or its name)")
    r.add_argument("--list", dest="list_name", default=None, metavar="NAME", help="the list (default 自选)")
    r.set_defaults(handler=cmd_remove)
    e = sub.add_parser("export", help="write every list to a CSV file (code,name,list)",
                       epilog="example: huohua watchlist export lists.csv")
    e.add_argument("file", type=Path, metavar="FILE.csv")
    e.set_defaults(handler=cmd_export)
    i = sub.add_parser("import", help="add the stocks of a CSV file (code,name,list; UTF-8 or GBK)",
                       epilog="example: huohua watchlist import lists.csv")
    i.add_argument("file", type=Path, metavar="FILE.csv")
    i.set_defaults(handler=cmd_import)


def _core(paths: Paths, settings: Settings):
    from desktop.app import Core
    from desktop.store import market_store as ms

    core = Core(paths, settings)
    if not core.read_only:

        from desktop.services.market_service import seed_bundled_stocks

        # a first run starts with the default lists and the stock table (its 拼音 keys make the matcher fast)
        core.writer.call(ms.ensure_default_watchlist)
        core.writer.call(lambda c: seed_bundled_stocks(c, resources_dir() / "stocks", clock.now_s()))
    return core


def _matcher(paths: Paths):
    from desktop.services.stock_directory import StockDirectory

    return StockDirectory(paths.db, resources_dir()).matcher(indices=True)    # a list may hold an index


def _lists(core) -> list:
    from desktop.store import market_store as ms

    conn = core.reader()
    try:
        return ms.watchlists(conn)
    finally:
        conn.close()


def _list_name(args: argparse.Namespace) -> str:
    from desktop.services.watchlists import DEFAULT_LIST

    return args.list_name or DEFAULT_LIST


def _ambiguous(exc) -> int:
    print(f"error: {exc}; say which one:", file=sys.stderr)
    for e in exc.candidates[:20]:
        print(f"  {e.code}  {e.name}  {e.exchange}", file=sys.stderr)
    if len(exc.candidates) > 20:
        print(f"  … and {len(exc.candidates) - 20} more", file=sys.stderr)
    return 2


def cmd_list(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with _core(paths, settings) as core:
        lists = _lists(core)
    matcher = _matcher(paths)

    def name(code: str) -> str:
        e = matcher.get(code)
        return e.name if e else ""

    if args.json:
        import json

        print(json.dumps([{"id": w.id, "name": w.name, "stocks": [{"code": c, "name": name(c)} for c in w.codes]}
                          for w in lists], ensure_ascii=False, indent=1))
        return 0
    for w in lists:
        print(f"{w.name} ({len(w.codes)})")
        for c in w.codes:
            print(f"  {c}  {name(c)}")
    return 0


def cmd_add(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.services import watchlists

    with _core(paths, settings) as core:
        matcher = _matcher(paths)
        try:
            stock, added = watchlists.add(core.writer, matcher, args.query, _list_name(args))
        except watchlists.Ambiguous as exc:
            return _ambiguous(exc)
        except watchlists.UnknownStock as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    verb = "added" if added else "already on"
    print(f"{verb} {_list_name(args)}: {stock.code} {stock.name}")
    return 0


def cmd_remove(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.services import watchlists

    with _core(paths, settings) as core:
        matcher = _matcher(paths)
        try:
            stock = watchlists.resolve(matcher, args.code)
        except watchlists.Ambiguous as exc:
            return _ambiguous(exc)
        except watchlists.UnknownStock as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        removed = watchlists.remove(core.writer, stock.code, _list_name(args))
    if not removed:
        print(f"error: {stock.code} {stock.name} is not on {_list_name(args)}", file=sys.stderr)
        return 2
    print(f"removed from {_list_name(args)}: {stock.code} {stock.name}")
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.services.watchlists import export_csv

    with _core(paths, settings) as core:
        lists = _lists(core)
    matcher = _matcher(paths)
    names = {e.code: e.name for e in matcher.entries}
    try:
        n = export_csv(lists, names, args.file)
    except OSError as exc:
        print(f"error: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"exported {n} stocks in {len(lists)} lists to {args.file}")
    return 0


def _first(names: list[str], n: int = 10) -> str:
    """The first n names, then how many more: a file naming 5,000 lists gives one short line."""
    return ", ".join(names[:n]) + (f" … and {len(names) - n} more" if len(names) > n else "")


def cmd_import(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.errors import HuohuaError, StoreError
    from desktop.services.watchlists import ImportNotFinished, import_csv

    with _core(paths, settings) as core:
        matcher = _matcher(paths)
        try:
            report = import_csv(core.writer, matcher, args.file)
        except OSError as exc:              # the file (the write's errors are HuohuaErrors, below)
            print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        except (ImportNotFinished, StoreError) as exc:      # the file was fine; saving it was not
            print(f"error: {exc}", file=sys.stderr)
            return 1
        except HuohuaError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    notes = [f"{report.created} new list{'' if report.created == 1 else 's'}"] if report.created else []
    if report.already:
        notes.append(f"{report.already} already on their lists")
    detail = f" ({'; '.join(notes)})" if notes else ""
    print(f"imported {report.added} stocks into {_first(report.lists) or 'no list'}{detail} from {args.file}")
    if report.unknown:
        print(f"warning: not found, skipped: {_first(report.unknown)}", file=sys.stderr)
    return 0

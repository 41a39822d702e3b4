"""`huohua positions`: 持仓 from the command line (issue 27; docs/POSITIONS.md, docs/CLI.md).

    huohua positions [--json] [--method average|fifo] [--replay DIR]
    huohua positions add CODE --shares N --price P [--date D] [--fee F]
    huohua positions sell CODE --shares N --price P [--date D] [--fee F]
    huohua positions import F.csv | export F.csv | method [average|fifo]

The list refreshes the held stocks' quotes like `quotes` (stored ones, with a warning, when the request fails).
`--replay DIR` prices from a recording in a throw-away database, as `quotes --replay` does: the demo's recording
(resources/demo) brings its sample 持仓 (services/first_run.DEMO_TRADES); another recording prices the user's own
trades, read from their database and never written. A problem with a trade is said in the interface language
(core/positions.MESSAGES); positions are never logged.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.app import Core
from desktop.config import Paths, Settings, resources_dir
from desktop.core.errors import HuohuaError
from desktop.core.positions import PositionError
from desktop.store import positions_store as ps


def add_positions_commands(subparsers: Any) -> None:
    from desktop.cli_common import add_replay_options

    p = subparsers.add_parser(
        "positions", help="持仓: holdings with cost and profit (add, sell, import, export)",
        description="The holdings: 代码 名称 持仓 成本价 现价 市值 当日盈亏 浮动盈亏 盈亏% 仓位 已实现, and the totals. "
                    "--json: objects with code, name, shares, cost, price, value, pnl_today, pnl, pnl_pct … "
                    "(money as numbers rounded to 0.01; docs/POSITIONS.md).",
        epilog="examples: huohua positions · huohua positions add 300750 --shares 100 --price 284.04 --fee 5 · "
               "huohua positions --replay resources/demo --json")
    add_replay_options(p, "huohua positions --replay resources/demo")
    p.add_argument("--method", choices=("average", "fifo"),
                   help="cost method for this run: average (移动加权平均) or fifo (先进先出); "
                        "default: the one set with `huohua positions method`, else average")
    p.set_defaults(handler=cmd_list)
    sub = p.add_subparsers(dest="positions_cmd", metavar="{add,sell,import,export,method}")
    for side, verb, example in (("buy", "add", "huohua positions add 300750 --shares 100 --price 284.04"),
                                ("sell", "sell", "huohua positions sell 300750 --shares 50 --price 290 --fee 5")):
        t = sub.add_parser(verb, help=f"record a {side} (a lot)" if side == "buy" else "record a sell",
                           epilog=f"example: {example}")
        t.add_argument("code", metavar="CODE", help="a 6-digit code (or a name, 拼音 initials), e.g. 300750")
        t.add_argument("--shares", required=True, metavar="N",
                       help="shares; buys in lots of 100 (科创板 at least 200, then any number)")
        t.add_argument("--price", required=True, metavar="P", help="price per share in 元, e.g. 284.04")
        t.add_argument("--date", metavar="D", help="trade date, e.g. 2026-11-20 (default: today)")
        t.add_argument("--fee", default="0", metavar="F", help="all fees of the trade in 元 (default 0)")
        t.set_defaults(handler=cmd_trade, side=side)
    i = sub.add_parser("import", help="add the trades of a lots CSV (code,date,side,shares,price,fee) or of a "
                       "broker's export (its columns mapped once): all or none",
                       epilog="examples: huohua positions import lots.csv · huohua positions import 交割单.csv --map "
                              "date=成交日期,code=证券代码,side=操作,shares=成交数量,price=成交均价,fee=佣金+印花税+过户费")
    i.add_argument("file", type=Path, metavar="F.csv")
    i.add_argument("--map", metavar="FIELD=COLUMN,…",
                   help="a broker's export: the column of each of date, code, side, shares, price, and fee (columns "
                        "joined by +, summed); remembered for files with the same header")
    i.set_defaults(handler=cmd_import)
    e = sub.add_parser("export", help="write every trade to a lots CSV (UTF-8 with BOM)",
                       epilog="example: huohua positions export lots.csv")
    e.add_argument("file", type=Path, metavar="F.csv")
    e.set_defaults(handler=cmd_export)
    m = sub.add_parser("method", help="show or set the cost method: average (移动加权平均) or fifo (先进先出)",
                       epilog="example: huohua positions method fifo")
    m.add_argument("name", nargs="?", choices=("average", "fifo"))
    m.set_defaults(handler=cmd_method)


def _language(args: argparse.Namespace, settings: Settings) -> str:
    return str(getattr(args, "lang", None) or settings["ui.language"])


def _fail(exc: Exception, args: argparse.Namespace, settings: Settings) -> int:
    text = exc.text(_language(args, settings)) if hasattr(exc, "text") else str(exc)
    print(f"error: {text}", file=sys.stderr)
    return 2


def _matcher(paths: Paths):
    from desktop.services.stock_directory import StockDirectory

    return StockDirectory(paths.db, resources_dir()).matcher()


# -- the list ------------------------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.cli_common import fail_source, market_session, warn, warn_source
    from desktop.core import positions as pos
    from desktop.core.errors import SourceError
    from desktop.services.first_run import seed_demo_positions
    from desktop.store.db import connect_ro

    replaying = getattr(args, "market_replay", None) is not None
    with market_session(args, paths, settings) as s:
        if s.demo:
            seed_demo_positions(s.service.writer)        # the demo's own 持仓, in its throw-away database
        own = replaying and not s.demo                   # a recording prices the user's trades, read only
        try:
            with contextlib.closing(connect_ro(paths.db if own else s.service.db_path)) as conn:
                trades, method = ps.trades(conn), args.method or ps.method(conn)
        except Exception:       # noqa: BLE001 - the user's database absent or older: nothing held
            if not own:
                raise
            trades, method = [], args.method or "average"
        today = s.service.clock().date()
        try:
            books = pos.replay(trades, method)
        except pos.PositionError as exc:
            return _fail(exc, args, settings)
        codes = sorted(b.code for b in books.values() if b.shares)
        failed: SourceError | None = None
        if codes:
            try:
                s.service.refresh_quotes(codes)
            except SourceError as exc:
                failed = exc
        stored = s.service.quote_rows(codes) if codes else []
        from desktop.services.positions_view import quotes_of

        quotes = quotes_of(stored)
        rc = 0
        if failed is not None:
            if not quotes:
                fail_source(failed, _language(args, settings), "no_quotes")
                rc = 1
            else:
                warn_source(failed, _language(args, settings), "stale_quotes")
                rc = 1
        missing = [c for c in codes if c not in quotes]
        if missing and quotes:
            warn(f"no quote for: {' '.join(missing)}")
        names = {e.code: e.name for e in (_matcher(paths).get(c) for c in missing) if e}
        rows, totals = pos.holdings(trades, quotes, today, method, names)
        if args.json:
            print(_json(rows, s.demo))
        else:
            _text(rows, totals, method, s.demo, bool(trades))
        return rc


# Money in the JSON: numbers rounded to 0.01 元 (written from the exact Decimal, never through a float); a
# per-share cost to 0.001 元; percentages to 0.01; the price as quoted.
_MONEY = ("value", "pnl_today", "pnl", "cost_total", "realized")
_PLACES = {**dict.fromkeys(_MONEY, Decimal("0.01")), "cost": Decimal("0.001"), "diluted_cost": Decimal("0.001"),
           "pnl_pct": Decimal("0.01"), "weight_pct": Decimal("0.01")}


def _json_rows(rows: list, demo: bool) -> list[dict[str, Any]]:
    from desktop.core.positions import money

    out = []
    for h in rows:
        d = {"code": h.code, "name": h.name, "shares": h.shares, "cost": h.cost_price, "price": _price(h.price),
             "value": h.value, "pnl_today": h.pnl_today, "pnl": h.pnl, "pnl_pct": h.pnl_pct,
             "weight_pct": h.weight_pct, "cost_total": h.cost, "diluted_cost": h.diluted_cost,
             "realized": h.realized}
        d = {k: money(v, _PLACES[k]) if k in _PLACES else v for k, v in d.items()}
        if demo:
            d["demo"] = True
        out.append(d)
    return out


def _price(p: Decimal | None) -> Decimal | None:
    """A price as quoted, with at least its two decimals (18.2 → 18.20; a fund's 1.234 stays)."""
    exponent = p.as_tuple().exponent if p is not None else None     # an int when finite ('n', 'N', 'F' if not)
    return p.quantize(Decimal("0.01")) if p is not None and isinstance(exponent, int) and exponent >= -2 else p


def _json(rows: list, demo: bool) -> str:
    """One JSON list, indented like the other commands'. Decimals are written as their exact digits (json.dumps
    would go through a float: 28404.00 → 28404.000000000004 after 100 × 284.04 elsewhere)."""
    import json

    def value(v: Any) -> str:
        if isinstance(v, Decimal):
            return format(v, "f")
        return json.dumps(v, ensure_ascii=False)

    objs = ["{\n" + ",\n".join(f"  {json.dumps(k)}: {value(v)}" for k, v in r.items()) + "\n }"
            for r in _json_rows(rows, demo)]
    return "[\n " + ",\n ".join(objs) + "\n]" if objs else "[]"


COLUMNS = (("代码", "<"), ("名称", "<"), ("持仓", ">"), ("成本价", ">"), ("现价", ">"), ("市值", ">"),
           ("当日盈亏", ">"), ("浮动盈亏", ">"), ("盈亏%", ">"), ("仓位", ">"), ("已实现", ">"))


def _text(rows: list, totals: Any, method: str, demo: bool, any_trades: bool) -> None:
    from desktop.cli_common import DEMO_BANNER, text_width
    from desktop.core.positions import CENT, MILLI, money

    if demo:
        print(DEMO_BANNER)
    if not rows:
        print("没有持仓 · no holdings" + ("" if any_trades else
                                          " (add one: huohua positions add 300750 --shares 100 --price 284.04)"))
        if totals.realized:
            print(f"已实现盈亏 {money(totals.realized):,}")
        return

    def m(v: Decimal | None, places: Decimal = CENT, sign: str = "", unit: str = "") -> str:
        return "-" if v is None else f"{money(v, places):{sign},}{unit}"

    table = [[h for h, _a in COLUMNS]]
    for h in rows:
        table.append([h.code, h.name, f"{h.shares:,}", m(h.cost_price, MILLI), "-" if h.price is None else
                      str(_price(h.price)), m(h.value), m(h.pnl_today, sign="+"), m(h.pnl, sign="+"),
                      m(h.pnl_pct, sign="+", unit="%"), m(h.weight_pct, unit="%"), m(h.realized, sign="+")])
    table.append(["合计", "", "", "", "", m(totals.value), m(totals.pnl_today, sign="+"), m(totals.pnl, sign="+"),
                  m(totals.pnl_pct, sign="+", unit="%"), "", m(totals.realized, sign="+")])
    widths = [max(text_width(r[i]) for r in table) for i in range(len(COLUMNS))]
    for r in table:
        print("  ".join(v + " " * (w - text_width(v)) if a == "<" else " " * (w - text_width(v)) + v
                        for v, w, (_h, a) in zip(r, widths, COLUMNS, strict=True)).rstrip())
    print(f"成本算法 · cost method: {'移动加权平均 average' if method == 'average' else '先进先出 fifo'}")


# -- changes -------------------------------------------------------------------------------------------------
def _code(query: str, matcher) -> str:
    """A code (known), or the one stock a name or 拼音 initials name; PositionError otherwise."""
    q = query.strip()
    if q.isdigit():
        if matcher.get(q) is None:
            raise PositionError("unknown_code" if len(q) == 6 else "bad_code", code=q)
        return q
    found = matcher.resolve(q)
    if len(found) != 1:
        raise PositionError("unknown_code", code=q)
    return found[0].code


def _today() -> date:
    from desktop.core import clock

    return clock.today_shanghai()


def cmd_trade(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.positions import PositionError, make_trade, money

    matcher = _matcher(paths)
    today = _today()
    try:
        code = _code(args.code, matcher)
        trade = make_trade(code, args.date or today, args.side, args.shares, args.price, args.fee,
                           known=lambda c: matcher.get(c) is not None, today=today)
    except PositionError as exc:
        return _fail(exc, args, settings)
    with Core(paths, settings) as core:
        try:
            core.writer.call(lambda c: ps.add_trades(c, [trade]))
        except PositionError as exc:
            return _fail(exc, args, settings)
        except HuohuaError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    name = matcher.get(code).name
    verb = "买入 bought" if trade.side == "buy" else "卖出 sold"
    print(f"{verb} {trade.shares:,} {code} {name} @ {trade.price} (fee {money(trade.fee)}) on {trade.date}")
    return 0


def cmd_import(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.services import broker_csv, positions_csv

    matcher = _matcher(paths)
    try:
        broker = broker_csv.inspect(args.file, paths.config_dir)
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except HuohuaError as exc:
        print(f"error: {exc}; nothing imported", file=sys.stderr)
        return 2
    if broker is not None or args.map:
        return _import_broker(args, paths, settings, broker or broker_csv.read(args.file), matcher)
    with Core(paths, settings) as core:
        try:
            n = positions_csv.import_lots(core.writer, args.file, lambda c: matcher.get(c) is not None, _today())
        except OSError as exc:
            print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        except PositionError as exc:
            return _fail(exc, args, settings)
        except HuohuaError as exc:
            print(f"error: {exc}; nothing imported", file=sys.stderr)
            return 2
    print(f"imported {n} trades from {args.file}")
    return 0


def _import_broker(args: argparse.Namespace, paths: Paths, settings: Settings, broker, matcher) -> int:
    """A broker's export: its columns from --map (then remembered) or as remembered for its header."""
    from desktop.core import broker_csv as bc
    from desktop.services import broker_csv

    mapping = broker.remembered
    if args.map:
        try:
            mapping = bc.by_names(broker.header, bc.parse_map(args.map))
        except ValueError as exc:
            print(f"error: --map: {exc}; nothing imported", file=sys.stderr)
            return 2
        if mapping is None:
            print(f"error: --map names a column that {args.file} does not have (its columns: "
                  f"{bc.signature(broker.header)}); nothing imported", file=sys.stderr)
            return 2
    if mapping is None:
        print(f"error: {args.file} is a broker's export, not a lots CSV (code,date,side,shares,price,fee), and its "
              "columns are not mapped yet: map its columns once in the window (持仓 → 更多 → 导入持仓 CSV…; "
              "remembered for files with the same header), or give --map date=COLUMN,code=COLUMN,side=COLUMN,"
              f"shares=COLUMN,price=COLUMN[,fee=COLUMN+COLUMN…]. Its columns: {bc.signature(broker.header)}. "
              "Nothing imported", file=sys.stderr)
        return 2
    conversion = bc.convert(broker.rows, mapping, lambda c: matcher.get(c) is not None, _today())
    skipped = len(conversion.skipped)
    if conversion.errors:
        first = conversion.errors[0].error
        assert first is not None                  # a row among the errors has one
        return _fail(first, args, settings)
    if not conversion.trades:
        print(f"error: no trades in {args.file} with this mapping ({skipped} rows skipped: not trades); "
              "nothing imported", file=sys.stderr)
        return 2
    with Core(paths, settings) as core:
        try:
            n = broker_csv.store(core.writer, paths.config_dir, broker, conversion, mapping)
        except PositionError as exc:
            return _fail(exc, args, settings)
        except HuohuaError as exc:
            print(f"error: {exc}; nothing imported", file=sys.stderr)
            return 2
    print(f"imported {n} trades from {args.file} ({skipped} rows skipped: not trades)")
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.services import positions_csv

    with Core(paths, settings) as core:
        trades = core.writer.call(ps.trades)
    try:
        n = positions_csv.export_lots(trades, args.file)
    except OSError as exc:
        print(f"error: cannot write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except HuohuaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"exported {n} trades to {args.file}")
    return 0


def cmd_method(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with Core(paths, settings) as core:
        if args.name:
            core.writer.call(lambda c: ps.set_method(c, args.name))
        name = core.writer.call(ps.method)
    print(name)
    return 0

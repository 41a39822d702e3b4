"""`huohua movers [--type T] [--date D] [--watched] [--boards] [--json] [--replay DIR]`: the day's 盘口异动 (issue 26).

Newest first: 时间 代码 名称 类型 详情 板块 and the stock's latest linked item. The current trading day's events are
fetched (the polled types, or the --type ones; one request a type) and stored; a past day is read from the store
(Eastmoney answers the current session only); a failed request shows what is stored, with a warning.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from desktop.cli_common import (
    add_replay_options,
    demo_dir,
    emit_table,
    fail_source,
    language_of,
    market_session,
    warn_source,
)
from desktop.config import Paths, Settings
from desktop.core.errors import SourceError


def _types(text: str) -> tuple[int, ...]:
    """--type: Chinese names, English keys or Eastmoney codes, comma-separated (火箭发射,dive)."""
    from desktop.core.movers import type_code

    out = []
    for part in filter(None, (p.strip() for p in text.replace("，", ",").split(","))):
        code = type_code(part)
        if code is None:
            raise argparse.ArgumentTypeError(f"unknown 异动 type {part!r} (see huohua movers --help)")
        out.append(code)
    if not out:
        raise argparse.ArgumentTypeError("no 异动 type given")
    return tuple(dict.fromkeys(out))


def _type_help() -> str:
    from desktop.core.movers import POLLED, TYPES

    polled = ", ".join(f"{TYPES[c][0]} {TYPES[c][1]}" for c in POLLED)
    others = ", ".join(f"{n} {k}" for c, (n, k, _d) in TYPES.items() if c not in POLLED)
    return (f"only these types, comma-separated, by Chinese name or English key (repeatable). Polled: {polled}; "
            f"on request: {others}")


def add_movers_command(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "movers", help="盘口异动: 火箭发射, 大笔买入, 封涨停板, 高台跳水 … of the day, newest first",
        description="The trading day's 盘口异动 from Eastmoney, newest first: 时间 代码 名称 类型 详情 板块 资讯 (the "
                    "stock's latest linked item). --json: objects with time, code, name, type, type_key, direction, "
                    "detail, board, article {article_id, title} or null …",
        epilog="examples: huohua movers · huohua movers --type 火箭发射 · huohua movers --type dive,big_sell --json · "
               "huohua movers --watched · huohua movers --boards · huohua movers --replay resources/demo")
    p.add_argument("--type", dest="types", type=_types, action="append", metavar="T", help=_type_help())
    p.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="a past trading day, from the store (default: the current one, fetched)")
    p.add_argument("--watched", action="store_true", help="only the watchlists' stocks (只看自选)")
    p.add_argument("--boards", action="store_true", help="the boards' 异动 instead: 板块 涨跌幅 主力净流入 异动次数 最频繁个股")
    add_replay_options(p, "huohua movers --replay resources/demo")
    p.set_defaults(handler=cmd_movers)


def cmd_movers(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.movers import POLLED
    from desktop.services import limit_up, movers

    kinds = tuple(dict.fromkeys(k for group in (args.types or []) for k in group)) or None
    with market_session(args, paths, settings) as s:
        replay = getattr(args, "market_replay", None)
        if replay is not None or s.demo:      # a recording's own news: its stocks' linked items
            limit_up.seed_recording_news(s.service, replay or demo_dir())
        current = movers.default_day(s.service)
        day = args.date or current
        failed: SourceError | None = None
        if day == current:
            asked = tuple(dict.fromkeys((*POLLED, *(kinds or ()))))
            try:
                movers.save(s.service, day, asked, movers.fetch(s.source, day, asked))
            except SourceError as exc:
                failed = exc
        rows, boards, known = movers.read(s.service, day, kinds, args.watched)
        language = language_of(args, settings)
        if failed is not None and not known:
            fail_source(failed, language, "no_movers")
            if args.json:
                emit_table([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            warn_source(failed, language, "stale_movers")
            rc = 1
        if args.boards:
            return _show_boards(boards, day, args.json, s.demo) or rc
        out = [movers.row_dict(r) for r in rows]
        if args.json:
            emit_table(out, [], True, s.demo)
            return rc
        if not rows:
            print(f"{day.isoformat()} 盘口异动: 无 (no event; a holiday or weekend has none)", file=sys.stderr)
            return rc
        table = [{"时间": o["time"], "代码": o["code"], "名称": o["name"], "类型": o["type"], "详情": o["detail"] or "-",
                  "板块": o["board"] or "-", "资讯": _title(o["article"])} for o in out]
        print(f"{day.isoformat()} 盘口异动 {len(rows)}")
        emit_table(table, ["时间", "代码", "名称", "类型", "详情", "板块", "资讯"], False, s.demo)
        return rc


def _show_boards(boards: list, day: date, as_json: bool, demo: bool) -> int:
    from desktop.core.numbers import amount_text
    from desktop.services import movers

    out = [movers.board_dict(b) for b in boards]
    if as_json:
        emit_table(out, [], True, demo)
        return 0
    if not out:
        print(f"{day.isoformat()} 板块异动: 无", file=sys.stderr)
        return 0
    table = [{"板块": o["board"], "涨跌幅": "-" if o["change_pct"] is None else f"{o['change_pct']:+.2f}%",
              "主力净流入": "-" if o["inflow"] is None else ("-" if o["inflow"] < 0 else "") + amount_text(abs(o["inflow"])), "异动次数": str(o["count"]),
              "最频繁个股": f"{o['top']['name']} {o['top']['side'] or ''}".strip() if o["top"] else "-"} for o in out]
    print(f"{day.isoformat()} 板块异动 {len(out)}")
    emit_table(table, ["板块", "涨跌幅", "主力净流入", "异动次数", "最频繁个股"], False, demo)
    return 0


def _title(article: dict | None) -> str:
    if not article:
        return "-"
    t = article["title"]
    return t if len(t) <= 40 else t[:39] + "…"

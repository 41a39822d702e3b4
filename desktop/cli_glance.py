"""`huohua indices` and `huohua breadth`: the market at a glance (issue 26), live or `--replay DIR`.

`indices` fetches the six indices (core/indices.py) in one batched quote request; `breadth` crawls the
whole-market snapshot (the same ~57 pages as the window's snapshot job; a recording's pages when replayed)
and counts it (core/breadth.py). Each falls back to what is stored, with a warning, when the request fails.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any

from desktop.cli_common import (
    add_replay_options,
    emit_table,
    fail_source,
    language_of,
    market_session,
    warn,
    warn_source,
)
from desktop.config import Paths, Settings
from desktop.core.errors import SourceError


def add_glance_commands(subparsers: Any) -> None:
    i = subparsers.add_parser(
        "indices", help="上证指数 深证成指 创业板指 科创50 沪深300 北证50",
        description="The main indices: 代码 名称 最新 涨跌 涨跌幅 (--json: objects with code, key, name, price, "
                    "change, change_pct …). An index's code can be a stock's too (000001 上证指数 / 平安银行): "
                    "`key` (sh000001) is unique.",
        epilog="examples: huohua indices · huohua indices --json · huohua indices --replay resources/demo")
    add_replay_options(i, "huohua indices --replay resources/demo")
    i.set_defaults(handler=cmd_indices)
    b = subparsers.add_parser(
        "breadth", help="涨跌家数, 涨停/跌停 and 成交额 of the whole market",
        description="Counts the whole-market snapshot: up, down, flat, limit_up (涨停), limit_down (跌停), amount "
                    "(成交额, yuan), suspended; 涨停/跌停 at the limit price of each stock's board.",
        epilog="examples: huohua breadth · huohua breadth --json · huohua breadth --replay resources/demo")
    add_replay_options(b, "huohua breadth --replay resources/demo")
    b.set_defaults(handler=cmd_breadth)


def _conn(service: Any) -> Any:
    from desktop.store.db import connect_ro

    return contextlib.closing(connect_ro(service.db_path))


def cmd_indices(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.indices import INDEX_KEYS
    from desktop.services.market_glance import index_dicts

    with market_session(args, paths, settings) as s:
        failed: SourceError | None = None
        try:
            s.service.refresh_quotes(list(INDEX_KEYS))
        except SourceError as exc:
            failed = exc
        rows = index_dicts(s.service.quote_rows(list(INDEX_KEYS)))
        if failed is not None and not rows:
            fail_source(failed, language_of(args, settings), "no_indices")
            if args.json:
                emit_table([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            warn_source(failed, language_of(args, settings), "stale_indices")
            rc = 1
        missing = [k for k in INDEX_KEYS if k not in {r["key"] for r in rows}]
        if missing and rows:
            warn(f"no quote for: {' '.join(missing)}")
        if args.json:
            emit_table(rows, [], True, s.demo)
        elif rows:
            table = [{"代码": r["code"], "名称": r["name"], "最新": _num(r["price"]), "涨跌": _num(r["change"], "+"),
                      "涨跌幅": _num(r["change_pct"], "+", "%"), "时间": str(r["time"])[11:19] +
                      (" 过时" if r["stale"] else "")} for r in rows]
            emit_table(table, ["代码", "名称", "最新", "涨跌", "涨跌幅", "时间"], False, s.demo)
        if not rows:
            print("error: no index quote, live or stored", file=sys.stderr)
            return max(rc, 1)
        return rc


def _pace(service: Any) -> str:
    """"（较上日同时 +5.2%）" after 成交 when the stored minute bars hold both sessions (core/amount_pace.py)."""
    from desktop.core.amount_pace import pace_text
    from desktop.services.market_glance import breadth_and_pace

    with _conn(service) as conn:
        text = pace_text(breadth_and_pace(conn)[1])
    return f"（{text}）" if text else ""


def _num(v: float | None, sign: str = "", unit: str = "") -> str:
    return "-" if v is None else f"{v:{sign}.2f}{unit}"


def cmd_breadth(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.numbers import amount_yi
    from desktop.services.market_glance import breadth

    with market_session(args, paths, settings) as s:
        failed: SourceError | None = None
        try:
            s.service.snapshot()
        except SourceError as exc:
            failed = exc
        with _conn(s.service) as conn:
            b = breadth(conn)
        if failed is not None and b is None:
            fail_source(failed, language_of(args, settings), "no_breadth")
            if args.json:
                emit_table([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            warn_source(failed, language_of(args, settings), "stale_breadth")
            rc = 1
        if b is None:
            print("error: no market snapshot to count, live or stored", file=sys.stderr)
            return max(rc, 1)
        if args.json:
            import json

            from desktop.services.market_glance import breadth_and_pace

            with _conn(s.service) as conn:
                pace = breadth_and_pace(conn)[1]
            out = {**b.to_dict(), "amount_vs_prev": pace.to_dict() if pace else None,
                   **({"demo": True} if s.demo else {})}
            print(json.dumps(out, ensure_ascii=False, indent=1))
        else:
            if s.demo:
                from desktop.cli_common import DEMO_BANNER

                print(DEMO_BANNER)
            print(f"涨 {b.up}  跌 {b.down}  平 {b.flat}  ·  涨停 {b.limit_up}  跌停 {b.limit_down}  ·  "
                  f"成交 {amount_yi(b.amount)}" + _pace(s.service) + (f"  ·  停牌 {b.suspended}" if b.suspended else ""))
        return rc

"""Market sub-commands: `quotes`, `boards`, `history` (live or `--replay DIR`) and `record`.

A replayed or demo run never touches the user's database: it works in a throw-away one, so recorded or
synthetic (演示数据) numbers can never be mistaken later for real quotes.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.cli_common import (
    add_replay_options,
    emit_compact,
    emit_table,
    fail_source,
    language_of,
    market_session,
    warn,
    warn_source,
)
from desktop.config import Paths, Settings
from desktop.core.errors import SourceError

# The sources (requests, the HTTP tap) and the store are imported inside the commands: this module is
# imported by every `huohua` start, including the GUI's, whose start-up time it must not pay for.


def add_market_commands(subparsers: Any) -> None:
    q = subparsers.add_parser(
        "quotes", help="latest quote per stock (default: every watchlist's stocks)",
        description="The latest quote of each stock: 代码 名称 最新 涨跌幅 成交额 时间 (--wide: every field).",
        epilog="examples: huohua quotes 300750 阳光电源 ndsd · huohua quotes --wide · huohua quotes --json")
    q.add_argument("codes", nargs="*", metavar="STOCK",
                   help="a 6-digit code, a name or 拼音 initials, e.g. 300750, 宁德时代, ndsd (default: the watchlists)")
    q.add_argument("--wide", action="store_true", help="every field (open, high, low, volume, turnover, cap …); "
                                                       "e.g. huohua quotes 300750 --wide")
    add_replay_options(q, "huohua quotes 300750 --replay resources/demo")
    q.set_defaults(handler=cmd_quotes)

    b = subparsers.add_parser("boards", help="industry or concept boards (heatmap data)",
                              epilog="examples: huohua boards · huohua boards --type concept --json")
    b.add_argument("--type", dest="board_type", choices=("industry", "concept"), default="industry",
                   help="行业 (industry, the default) or 概念 (concept) boards, e.g. --type concept")
    add_replay_options(b, "huohua boards --replay resources/demo")
    b.set_defaults(handler=cmd_boards)

    h = subparsers.add_parser("history", help="daily bars of one stock",
                              epilog="examples: huohua history 300750 --days 20 · huohua history 宁德时代 --adjust none")
    h.add_argument("code", metavar="STOCK", help="a 6-digit code, a name or 拼音 initials, e.g. 300750 or ndsd")
    h.add_argument("--days", type=int, default=60, help="how many trading days, at least 1 (default 60), e.g. --days 20")
    h.add_argument("--adjust", choices=("qfq", "none"), default="qfq",
                   help="qfq: 前复权 (the default); none: 不复权 raw prices, e.g. --adjust none")
    add_replay_options(h, "huohua history 300750 --replay resources/demo")
    h.set_defaults(handler=cmd_history)

    r = subparsers.add_parser("record", help="poll the market live and record every HTTP exchange",
                              epilog="example: huohua record --out rec --minutes 10 (then: huohua quotes --replay rec)")
    r.add_argument("--out", type=Path, required=True, metavar="DIR", help="the recording's directory, e.g. --out rec")
    r.add_argument("--minutes", type=float, default=5.0, metavar="M",
                   help="how long to poll after the first round (default 5), e.g. --minutes 10")
    r.set_defaults(handler=cmd_record)


def cmd_quotes(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.cli_stocks import resolve_codes

    asked = resolve_codes(list(args.codes), paths)
    if asked is None:
        return 2
    with market_session(args, paths, settings) as s:
        codes = asked or s.service.watched_codes()
        if not codes:
            print("error: no stocks to quote: the watchlists are empty (name some: huohua quotes 300750 宁德时代)",
                  file=sys.stderr)
            return 2
        failed: SourceError | None = None
        try:
            s.service.refresh_quotes(codes)
        except SourceError as exc:
            failed = exc
        rows = [r.to_dict() for r in s.service.quote_rows(codes)]
        if failed is not None and not rows:
            fail_source(failed, language_of(args, settings), "no_quotes")
            if args.json:
                emit_table([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            warn_source(failed, language_of(args, settings), "stale_quotes")
            rc = 1
        missing = [c for c in codes if c not in {r["code"] for r in rows}]
        if missing:
            warn(f"no quote for: {' '.join(missing)}")
        if args.wide or args.json:
            emit_table(rows, ["code", "name", "price", "change_pct", "change", "open", "high", "low", "prev_close",
                         "volume", "amount", "turnover_pct", "total_cap", "time", "stale"], args.json, s.demo)
        else:
            emit_compact(rows, s.demo)
        if not rows:
            print("error: no quote for any of them, live or stored", file=sys.stderr)
            return max(rc, 1)
        return rc


def cmd_boards(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with market_session(args, paths, settings) as s:
        failed: SourceError | None = None
        try:
            s.service.refresh_boards(args.board_type)
        except SourceError as exc:
            failed = exc
        from desktop.store import market_store as ms
        from desktop.store.db import connect_ro

        with contextlib.closing(connect_ro(s.service.db_path)) as conn:
            boards = ms.boards_by_type(conn, args.board_type)
        rows = [{"code": b.code, "name": b.name, "change_pct": b.change_pct, "total_cap": b.total_cap, "up": b.up,
                 "down": b.down, "leader": b.leader} for b in boards]
        if failed is not None and not rows:
            fail_source(failed, language_of(args, settings), "no_boards")
            if args.json:
                emit_table([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            warn_source(failed, language_of(args, settings), "stale_boards")
            rc = 1
        emit_table(rows, ["code", "name", "change_pct", "total_cap", "up", "down", "leader"], args.json, s.demo)
        if not rows:
            print(f"error: no {args.board_type} boards, live or stored", file=sys.stderr)
            return 1
        return rc


def cmd_history(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.cli_stocks import resolve_codes

    if args.days < 1:
        print(f"error: --days must be at least 1 (got {args.days}); e.g. --days 20", file=sys.stderr)
        return 2
    found = resolve_codes([args.code], paths)
    if found is None:
        return 2
    args.code = found[0]
    adjust = "" if args.adjust == "none" else args.adjust
    with market_session(args, paths, settings) as s:
        failed: SourceError | None = None
        try:
            s.service.refresh_history(args.code, args.days, adjust)
        except SourceError as exc:
            failed = exc
        from desktop.store import market_store as ms
        from desktop.store.db import connect_ro

        with contextlib.closing(connect_ro(s.service.db_path)) as conn:
            bars = ms.daily_bars(conn, args.code, adjust, args.days)
        if failed is not None and not bars:
            fail_source(failed, language_of(args, settings), "no_bars")
            if args.json:
                emit_table([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            warn_source(failed, language_of(args, settings), "stale_bars")
            rc = 1
        from desktop.core.market_hours import SHANGHAI

        rows = [{"date": datetime.fromtimestamp(b.time, SHANGHAI).date().isoformat(), "open": b.open, "high": b.high,
                 "low": b.low, "close": b.close, "volume": b.volume, "amount": b.amount} for b in bars]
        emit_table(rows, ["date", "open", "high", "low", "close", "volume", "amount"], args.json, s.demo)
        if not rows:
            print(f"error: no daily bars of {args.code}, live or stored", file=sys.stderr)
            return 1
        return rc


def cmd_record(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """One round of every job (so a recording made on a weekend still holds data), then live polling."""
    args.market_replay = None
    with market_session(args, paths, settings, record_dir=args.out) as s:
        svc = s.service
        watch = svc.watched_codes()
        first = [("quotes", svc.refresh_quotes), ("boards", svc.refresh_boards), ("snapshot", svc.snapshot),
                 ("limit pools", svc.refresh_limit_pools)]
        if watch:
            first += [("history", lambda: svc.refresh_history(watch[0], 120, "qfq")),
                      ("intraday", lambda: svc.refresh_intraday(watch[0]))]
            svc.chart_code = watch[0]
        for name, job in first:
            try:
                job()
            except SourceError as exc:
                from desktop.core.error_kinds import one_line

                warn(f"{one_line(str(exc), language_of(args, settings), market=True)}; {name} not recorded")
        end = time.monotonic() + max(0.0, args.minutes) * 60
        try:
            while time.monotonic() < end:
                svc.run_due()
                time.sleep(min(1.0, max(0.0, end - time.monotonic())))
        except KeyboardInterrupt:
            pass
        count = s.source.status().get("requests", 0)
    print(f"recorded {count} exchanges in {args.out / 'exchanges.jsonl'}")
    return 0

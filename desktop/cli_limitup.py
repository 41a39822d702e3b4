"""`huohua limitup [--pool zt|zb|dt] [--date D] [--json] [--replay DIR]`: a day's 涨停 / 炸板 / 跌停 pool (issue 26).

Sorted by 连板 (连续跌停) then the first sealing time; each 涨停 stock with its reason — the best of its 公告 and
news since the previous close (core/limit_reasons.py). The pool is fetched and stored per trading day; a past
day already read after its close is shown from the store without a request; a failed request shows what is
stored, with a warning.
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


def add_limitup_command(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "limitup", help="涨停 / 炸板 / 跌停 pools with each 涨停's reason",
        description="A trading day's 涨停 (zt), 炸板 (zb) or 跌停 (dt) pool from Eastmoney, sorted by 连板 then the "
                    "first sealing time: 代码 名称 连板 首封 末封 封板资金 炸板 行业 原因 (--json: objects with code, "
                    "name, streak, first_sealed, board, reason {article_id, title} or null …).",
        epilog="examples: huohua limitup · huohua limitup --pool zb · huohua limitup --date 2026-11-20 --json · "
               "huohua limitup --replay resources/demo")
    p.add_argument("--pool", choices=("zt", "zb", "dt"), default="zt",
                   help="zt 涨停 (default), zb 炸板 (touched the limit, not sealed now), dt 跌停")
    p.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="a trading day (default: the current one — today once the auction opened)")
    add_replay_options(p, "huohua limitup --replay resources/demo")
    p.set_defaults(handler=cmd_limitup)


def _money(v: float | None) -> str:
    from desktop.core.numbers import amount_text

    return "-" if v is None else amount_text(v)


def cmd_limitup(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.limit_pools import POOLS
    from desktop.services import limit_up

    with market_session(args, paths, settings) as s:
        replay = getattr(args, "market_replay", None)
        if replay is not None or s.demo:      # a recording's own news (the demo's too): its day's reasons
            limit_up.seed_recording_news(s.service, replay or demo_dir())
        day = args.date or limit_up.default_day(s.service)
        failed: SourceError | None = None
        if not limit_up.is_final(s.service, args.pool, day):
            try:
                limit_up.refresh(s.service, args.pool, day)
            except SourceError as exc:
                failed = exc
        rows, reasons, known = limit_up.read(s.service, args.pool, day)
        language = language_of(args, settings)
        if failed is not None and not known:
            fail_source(failed, language, "no_limit_pool")
            if args.json:
                emit_table([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            warn_source(failed, language, "stale_limit_pool")
            rc = 1
        out = [limit_up.row_dict(r, reasons.get(r.code)) for r in rows]
        if args.json:
            emit_table(out, [], True, s.demo)
            return rc
        if not rows:
            print(f"{day.isoformat()} {POOLS[args.pool]}池: 无 (no stock; a holiday or weekend has no pool)",
                  file=sys.stderr)
            return rc
        table = [{"代码": r.code, "名称": r.name, "连板": "-" if r.streak is None else str(r.streak),
                  "首封": r.first_sealed or "-", "末封": r.last_sealed or "-", "封板资金": _money(r.seal_funds),
                  "炸板": "-" if r.breaks is None else str(r.breaks), "行业": r.industry or "-",
                  "原因": _reason_cell(reasons.get(r.code))} for r in rows]
        columns = ["代码", "名称", "连板", "首封", "末封", "封板资金", "炸板", "行业"] + (["原因"] if args.pool == "zt" else [])
        print(f"{day.isoformat()} {POOLS[args.pool]}池 {len(rows)}")
        emit_table(table, columns, False, s.demo)
        return rc


def _reason_cell(reason: Any) -> str:
    if reason is None:
        return "-"
    title = reason.title if len(reason.title) <= 40 else reason.title[:39] + "…"
    return f"{title} ({reason.evidence})"

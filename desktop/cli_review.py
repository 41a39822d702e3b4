"""`huohua review [--date YYYY-MM-DD] [--holdings] [--md|--json] [--replay DIR]`: the daily 复盘 (issue 26) from the
local store; --holdings limits it to what is held (issue 27: the holdings with their 当日盈亏 in place of the
watchlists, the boards and 涨停 stocks that concern them marked).

Without --replay no request is made: the review is read from what the window stored (offline from the cache).
With --replay DIR the recording is first played into a throw-away database — the indices and the watchlists'
quotes, the whole-market snapshot, the boards, the three pools of the day and the recording's own news — and
the review is read from that. Plain text by default (through the CLI's terminal filter), --md Markdown a user
can paste (outside text escaped), --json one object (docs/TESTING.md, "The daily 复盘").
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.config import Paths, Settings


def add_review_command(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "review", help="the daily 复盘: indices, breadth, boards, 涨停 by 题材, 连板, 炸板率, watchlists",
        description="A trading day's review from the local store: indices and breadth, the boards up and down most "
                    "with their leaders, 涨停 by 题材 with reasons, the 连板 ladder, the 炸板 rate and the "
                    "watchlists' moves with their top linked news. Nothing is fetched (except from --replay DIR).",
        epilog="examples: huohua review · huohua review --date 2026-11-20 --md · huohua review --json · "
               "huohua review --replay resources/demo")
    p.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="the trading day (default: the newest session stored)")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--md", action="store_true", help="Markdown to paste (outside text escaped)")
    form.add_argument("--json", action="store_true", help="one JSON object (fields: docs/TESTING.md)")
    p.add_argument("--holdings", action="store_true",
                   help="limited to holdings: the held stocks with their 当日盈亏 instead of the watchlists; boards "
                        "and 涨停 stocks held are marked (the demo has its own 持仓; a --replay prices your trades)")
    p.add_argument("--replay", dest="market_replay", type=Path, metavar="DIR",
                   help="play a recording into a throw-away database first, e.g. --replay resources/demo")
    p.set_defaults(handler=cmd_review, paced=False)


def _play(s: Any, replay: Any, day: date | None) -> date:
    """Store what the recording holds of its session; each failed part is a warning, not the end."""
    from desktop.cli_common import warn
    from desktop.core.errors import SourceError
    from desktop.services import limit_up

    limit_up.seed_recording_news(s.service, replay)
    day = day or limit_up.default_day(s.service)
    for what, job in (("quotes", lambda: s.service.refresh_quotes()), ("snapshot", s.service.snapshot),
                      ("boards", lambda: s.service.refresh_boards()),
                      ("limit pools", lambda: s.service.refresh_limit_pools(day))):
        try:
            job()
        except SourceError as exc:
            warn(f"{what}: {exc}")
    return day


def _holdings_of(s: Any, paths: Paths) -> Any:
    """The trades a replayed review is limited to: the demo's own 持仓 (seeded in its throw-away database), else the
    user's, read only from their database."""
    from desktop.services.review import positions_of

    if s.demo:
        from desktop.services.first_run import seed_demo_positions

        seed_demo_positions(s.service.writer)
        return positions_of(s.service.db_path)
    return positions_of(paths.db)


def _quote_held(s: Any, positions: Any, day: date) -> None:
    """The held stocks' quotes of the recording (the watchlists' are played already)."""
    from desktop.cli_common import warn
    from desktop.core.errors import SourceError
    from desktop.services.review_holdings import held_at

    codes = sorted(held_at(positions[0], day, positions[1]))
    if codes:
        try:
            s.service.refresh_quotes(codes)
        except SourceError as exc:
            warn(f"holdings' quotes: {exc}")


def cmd_review(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.cli_common import DEMO_BANNER, demo_dir, language_of, market_session
    from desktop.core import clock
    from desktop.core import review_text as rt
    from desktop.services.review import review_of

    language = language_of(args, settings)
    replay = getattr(args, "market_replay", None)
    if replay is None and getattr(args, "demo", False):
        replay = demo_dir()
    demo = False
    holdings = bool(getattr(args, "holdings", False))
    if replay is not None:
        with market_session(args, paths, settings) as s:
            demo = s.demo
            own = None
            if holdings:
                own = _holdings_of(s, paths)
            day = _play(s, replay, args.date)
            if own is not None:
                _quote_held(s, own, day)
            review = review_of(s.service.db_path, day, s.service.clock(), holdings,
                               None if demo or own is None else paths.db)
    else:
        review = review_of(paths.db, args.date, clock.shanghai(), holdings)
    rc = 1 if review.status == "empty" else 0
    if args.json:
        print(json.dumps({**review.to_dict(), **({"demo": True} if demo else {})}, ensure_ascii=False, indent=1))
        return rc
    if review.status != "ok":
        print(rt.sections(review, language)[0][1][0], file=sys.stderr)
        return rc
    if demo:
        print(DEMO_BANNER if not args.md else f"> {DEMO_BANNER}\n")
    print(rt.markdown(review, language) if args.md else rt.text(review, language), end="")
    return rc

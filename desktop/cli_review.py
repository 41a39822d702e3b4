"""`huohua review [--date YYYY-MM-DD] [--md|--json] [--replay DIR]`: the daily 复盘 (issue 26) from the local store.

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
    if replay is not None:
        with market_session(args, paths, settings) as s:
            demo = s.demo
            day = _play(s, replay, args.date)
            review = review_of(s.service.db_path, day, s.service.clock())
    else:
        review = review_of(paths.db, args.date, clock.shanghai())
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

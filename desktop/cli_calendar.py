"""`huohua calendar`: the trading days the app believes in for one year, and which of them are estimated.

What the app believes = the offline calendar (exchange-calendars XSHG) merged with the official dates stored
by the last online refresh; past the last official day, the holiday rules (desktop/core/holiday_rules.py).
`--refresh` fetches the official calendar first (live, or from `--replay DIR`).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from desktop.config import Paths, Settings
from desktop.core import clock

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def add_calendar_command(subparsers: Any) -> None:
    c = subparsers.add_parser(
        "calendar", help="trading days of a year, and which are estimated by rule",
        description="Print the SSE/SZSE trading days Huohua believes in for one year. Days past the last "
                    "official calendar are estimated from the holiday rules and marked as such.",
        epilog="example: huohua calendar --year 2027 --json")
    c.add_argument("--year", type=int, help="the year to print (default: this year in Beijing time), e.g. 2027")
    c.add_argument("--refresh", action="store_true",
                   help="fetch the official calendar (Sina, via akshare) before printing")
    c.add_argument("--replay", dest="market_replay", type=Path, metavar="DIR",
                   help="with --refresh: take the calendar from a recording instead of the network")
    c.add_argument("--json", action="store_true", help="one JSON object instead of text")
    c.set_defaults(handler=cmd_calendar)


def cmd_calendar(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.core.errors import SourceError

    year = args.year or clock.shanghai().year
    if not 1991 <= year <= 2100:
        print(f"error: --year {year} is outside 1991–2100", file=sys.stderr)
        return 2
    rc = 0
    if args.refresh:
        from desktop.cli_common import market_session

        with market_session(args, paths, settings) as s:
            try:
                s.service.refresh_calendar()
            except SourceError as exc:
                from desktop.cli_common import language_of, warn_source

                warn_source(exc, language_of(args, settings), "stale_calendar")
                rc = 1
            cal = s.service.calendar
    else:
        cal = _stored_calendar(paths)
    report = calendar_report(cal, year)
    if args.json:
        import json

        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_text(report)
    return rc


def _stored_calendar(paths: Paths) -> Any:
    """The offline calendar plus the official dates stored in the database, without writing anything."""
    from desktop.core.trading_calendar import offline_calendar

    cal = offline_calendar()
    if not paths.db.exists():
        return cal
    import sqlite3

    from desktop.store import market_store as ms
    from desktop.store.db import connect_ro

    try:
        with contextlib.closing(connect_ro(paths.db)) as conn:
            dates = ms.load_trade_dates(conn)
    except sqlite3.Error as exc:   # an old or damaged database: the offline calendar still answers
        print(f"warning: stored calendar unreadable ({exc}); showing the bundled one", file=sys.stderr)
        return cal
    return cal.merged(dates, "online") if dates else cal


def calendar_report(cal: Any, year: int) -> dict[str, Any]:
    from desktop.core.holiday_rules import holiday_name

    trading, closed = [], []
    d = date(year, 1, 1)
    while d.year == year:
        est = cal.is_estimated(d)
        if cal.is_trading_day(d):
            trading.append({"date": d.isoformat(), "weekday": WEEKDAYS[d.weekday()], "estimated": est})
        elif d.weekday() < 5:
            closed.append({"date": d.isoformat(), "weekday": WEEKDAYS[d.weekday()], "holiday": holiday_name(d),
                           "estimated": est})
        d += timedelta(days=1)
    last = cal.last_known
    return {"year": year, "source": cal.source or "rules",
            "official_until": last.isoformat() if last else None,
            "count": len(trading), "estimated_count": sum(1 for t in trading if t["estimated"]),
            "trading_days": trading, "closed_weekdays": closed}


def _print_text(r: dict[str, Any]) -> None:
    from desktop.core.holiday_rules import HOLIDAY_NAMES_EN

    until = r["official_until"] or "—"
    print(f"{r['year']}: {r['count']} trading days, {r['estimated_count']} of them estimated by rule "
          f"(official calendar until {until}; source: {r['source']})")
    print("trading days:")
    for t in r["trading_days"]:
        print(f"  {t['date']} {t['weekday']}" + ("  estimated" if t["estimated"] else ""))
    print("closed weekdays:")
    for c in r["closed_weekdays"]:
        name = c["holiday"] or "休市"
        english = HOLIDAY_NAMES_EN.get(name, "market holiday")
        print(f"  {c['date']} {c['weekday']}  {name} {english}" + ("  estimated" if c["estimated"] else ""))

"""Market sub-commands: `quotes`, `boards`, `history` (live or `--replay DIR`) and `record`.

A replayed or demo run never touches the user's database: it works in a throw-away one, so recorded or
synthetic (演示数据) numbers can never be mistaken later for real quotes.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.config import Paths, Settings, resources_dir
from desktop.core.errors import SourceError

if TYPE_CHECKING:
    from desktop.sources.market import QuoteSource

# The sources (requests, the HTTP tap) and the store are imported inside the commands: this module is
# imported by every `huohua` start, including the GUI's, whose start-up time it must not pay for.

DEMO_BANNER = "演示数据 · synthetic demo data, not real quotes"


def demo_dir() -> Path:
    return resources_dir() / "demo"


def add_market_commands(subparsers: Any) -> None:
    q = subparsers.add_parser("quotes", help="latest quote per code (default: the watchlist codes)")
    q.add_argument("codes", nargs="*", metavar="CODE")
    _common(q)
    q.set_defaults(handler=cmd_quotes)

    b = subparsers.add_parser("boards", help="industry or concept boards (heatmap data)")
    b.add_argument("--type", dest="board_type", choices=("industry", "concept"), default="industry")
    _common(b)
    b.set_defaults(handler=cmd_boards)

    h = subparsers.add_parser("history", help="daily bars of one stock")
    h.add_argument("code", metavar="CODE")
    h.add_argument("--days", type=int, default=60)
    h.add_argument("--adjust", choices=("qfq", "none"), default="qfq")
    _common(h)
    h.set_defaults(handler=cmd_history)

    r = subparsers.add_parser("record", help="poll the market live and record every HTTP exchange")
    r.add_argument("--out", type=Path, required=True, metavar="DIR")
    r.add_argument("--minutes", type=float, default=5.0, metavar="M")
    r.set_defaults(handler=cmd_record)


def _common(p: argparse.ArgumentParser) -> None:
    # Its own dest: the top-level --replay (GUI) must not be overwritten by this sub-command's default.
    p.add_argument("--replay", dest="market_replay", type=Path, metavar="DIR", help="serve a recording")
    p.add_argument("--paced", action="store_true", help="replay at the recorded pace (default: at once)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


@dataclass
class _Session:
    service: Any
    source: QuoteSource
    demo: bool


@contextlib.contextmanager
def _session(args: argparse.Namespace, paths: Paths, settings: Settings,
             record_dir: Path | None = None) -> Iterator[_Session]:
    from desktop.services.market_service import MarketService

    replay = getattr(args, "market_replay", None) or getattr(args, "replay", None)
    if replay is None and getattr(args, "demo", False):
        replay = demo_dir()
    with contextlib.ExitStack() as stack:
        if replay is not None:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="huohua-replay-")))
            db, backups = tmp / "replay.sqlite3", tmp / "backups"
        else:
            db, backups = paths.db, paths.backups
        from desktop.sources.factory import make_source
        from desktop.sources.replay import replay_clock
        from desktop.store.writer import Writer

        source = make_source(Path(replay) if replay else None, record_dir, settings=settings,
                             paced=bool(getattr(args, "paced", False)))
        stack.callback(source.close)
        writer = stack.enter_context(Writer(db, backups))
        clock = replay_clock(source) if replay else None
        service = MarketService(source, writer, db, settings, clock=clock)
        service.prepare()
        yield _Session(service, source, bool(source.demo))


def _warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


def _warn_source(exc: Exception, settings: Settings, then: str) -> None:
    """A failed request: the source's words, then in plain words in the interface language what happened and
    what to do, then what the command shows instead."""
    from desktop.core.error_kinds import one_line

    _warn(f"{one_line(str(exc), str(settings['ui.language']), market=True)}; {then}")


def _emit(rows: list[dict[str, Any]], columns: list[str], as_json: bool, demo: bool) -> None:
    if as_json:
        import json

        if demo:
            rows = [{**r, "demo": True} for r in rows]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if demo:
        print(DEMO_BANNER)
    table = [columns] + [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(columns))]
    for row in table:
        print("  ".join(v + " " * (w - _width(v)) for v, w in zip(row, widths, strict=True)).rstrip())


def _cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else ""
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1e6 else f"{v:.2f}"
    return str(v)


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)   # CJK characters take two columns


def cmd_quotes(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.sources.market import exchange_of

    with _session(args, paths, settings) as s:
        codes = list(args.codes) or s.service.watched_codes()
        bad = [c for c in codes if exchange_of(c) is None]
        if bad:
            _warn(f"not A-share codes, ignored: {' '.join(bad)}")
        codes = [c for c in codes if c not in bad]
        rc = 0
        try:
            s.service.refresh_quotes(codes)
        except SourceError as exc:
            _warn_source(exc, settings, "showing the last stored quotes (stale)")
            rc = 1
        rows = [r.to_dict() for r in s.service.quote_rows(codes)]
        missing = [c for c in codes if c not in {r["code"] for r in rows}]
        if missing:
            _warn(f"no quote for: {' '.join(missing)}")
        _emit(rows, ["code", "name", "price", "change_pct", "change", "open", "high", "low", "prev_close", "volume",
                     "amount", "turnover_pct", "total_cap", "time", "stale"], args.json, s.demo)
        return rc if rows or not codes else max(rc, 1)


def cmd_boards(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with _session(args, paths, settings) as s:
        rc = 0
        try:
            s.service.refresh_boards(args.board_type)
        except SourceError as exc:
            _warn_source(exc, settings, "showing the last stored boards")
            rc = 1
        from desktop.store import market_store as ms
        from desktop.store.db import connect_ro

        with contextlib.closing(connect_ro(s.service.db_path)) as conn:
            boards = ms.boards_by_type(conn, args.board_type)
        rows = [{"code": b.code, "name": b.name, "change_pct": b.change_pct, "total_cap": b.total_cap, "up": b.up,
                 "down": b.down, "leader": b.leader} for b in boards]
        _emit(rows, ["code", "name", "change_pct", "total_cap", "up", "down", "leader"], args.json, s.demo)
        return rc if rows else 1


def cmd_history(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.sources.market import exchange_of

    if exchange_of(args.code) is None:
        print(f"error: {args.code!r} is not an A-share code", file=sys.stderr)
        return 2
    adjust = "" if args.adjust == "none" else args.adjust
    with _session(args, paths, settings) as s:
        rc = 0
        try:
            s.service.refresh_history(args.code, args.days, adjust)
        except SourceError as exc:
            _warn_source(exc, settings, "showing the stored bars")
            rc = 1
        from desktop.store import market_store as ms
        from desktop.store.db import connect_ro

        with contextlib.closing(connect_ro(s.service.db_path)) as conn:
            bars = ms.daily_bars(conn, args.code, adjust, args.days)
        from desktop.core.market_hours import SHANGHAI

        rows = [{"date": datetime.fromtimestamp(b.time, SHANGHAI).date().isoformat(), "open": b.open, "high": b.high,
                 "low": b.low, "close": b.close, "volume": b.volume, "amount": b.amount} for b in bars]
        _emit(rows, ["date", "open", "high", "low", "close", "volume", "amount"], args.json, s.demo)
        return rc if rows else 1


def cmd_record(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """One round of every job (so a recording made on a weekend still holds data), then live polling."""
    args.market_replay = None
    with _session(args, paths, settings, record_dir=args.out) as s:
        svc = s.service
        watch = svc.watched_codes()
        first = [("quotes", svc.refresh_quotes), ("boards", svc.refresh_boards), ("snapshot", svc.snapshot)]
        if watch:
            first += [("history", lambda: svc.refresh_history(watch[0], 120, "qfq")),
                      ("intraday", lambda: svc.refresh_intraday(watch[0]))]
            svc.chart_code = watch[0]
        for name, job in first:
            try:
                job()
            except SourceError as exc:
                _warn_source(exc, settings, f"{name} not recorded")
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

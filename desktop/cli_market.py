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
    q = subparsers.add_parser(
        "quotes", help="latest quote per stock (default: every watchlist's stocks)",
        description="The latest quote of each stock: 代码 名称 最新 涨跌幅 成交额 时间 (--wide: every field).",
        epilog="examples: huohua quotes 300750 阳光电源 ndsd · huohua quotes --wide · huohua quotes --json")
    q.add_argument("codes", nargs="*", metavar="STOCK",
                   help="a 6-digit code, a name or 拼音 initials, e.g. 300750, 宁德时代, ndsd (default: the watchlists)")
    q.add_argument("--wide", action="store_true", help="every field (open, high, low, volume, turnover, cap …); "
                                                       "e.g. huohua quotes 300750 --wide")
    _common(q, "huohua quotes 300750 --replay resources/demo")
    q.set_defaults(handler=cmd_quotes)

    b = subparsers.add_parser("boards", help="industry or concept boards (heatmap data)",
                              epilog="examples: huohua boards · huohua boards --type concept --json")
    b.add_argument("--type", dest="board_type", choices=("industry", "concept"), default="industry",
                   help="行业 (industry, the default) or 概念 (concept) boards, e.g. --type concept")
    _common(b, "huohua boards --replay resources/demo")
    b.set_defaults(handler=cmd_boards)

    h = subparsers.add_parser("history", help="daily bars of one stock",
                              epilog="examples: huohua history 300750 --days 20 · huohua history 宁德时代 --adjust none")
    h.add_argument("code", metavar="STOCK", help="a 6-digit code, a name or 拼音 initials, e.g. 300750 or ndsd")
    h.add_argument("--days", type=int, default=60, help="how many trading days, at least 1 (default 60), e.g. --days 20")
    h.add_argument("--adjust", choices=("qfq", "none"), default="qfq",
                   help="qfq: 前复权 (the default); none: 不复权 raw prices, e.g. --adjust none")
    _common(h, "huohua history 300750 --replay resources/demo")
    h.set_defaults(handler=cmd_history)

    r = subparsers.add_parser("record", help="poll the market live and record every HTTP exchange",
                              epilog="example: huohua record --out rec --minutes 10 (then: huohua quotes --replay rec)")
    r.add_argument("--out", type=Path, required=True, metavar="DIR", help="the recording's directory, e.g. --out rec")
    r.add_argument("--minutes", type=float, default=5.0, metavar="M",
                   help="how long to poll after the first round (default 5), e.g. --minutes 10")
    r.set_defaults(handler=cmd_record)


def _common(p: argparse.ArgumentParser, example: str) -> None:
    # Its own dest: the top-level --replay (GUI) must not be overwritten by this sub-command's default.
    p.add_argument("--replay", dest="market_replay", type=Path, metavar="DIR",
                   help=f"answer from a recording instead of the network, e.g. {example}")
    p.add_argument("--paced", action="store_true", help="replay at the recorded pace (default: at once)")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout (the fields of --wide and more)")


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

        stack.enter_context(_checks_as_warnings())
        stack.enter_context(_failures_said_once())
        source = make_source(Path(replay) if replay else None, record_dir, settings=settings,
                             paced=bool(getattr(args, "paced", False)))
        stack.callback(source.close)
        writer = stack.enter_context(Writer(db, backups))
        clock = replay_clock(source) if replay else None
        service = MarketService(source, writer, db, settings, clock=clock)
        service.prepare()
        yield _Session(service, source, bool(source.demo))


@contextlib.contextmanager
def _checks_as_warnings() -> Iterator[None]:
    """Rows dropped by the market checks (core/market_checks.py) as `warning: …` lines on stderr, like every
    other warning of a command (not the log format); the output filter applies to them too."""
    import logging

    from desktop.core import market_checks

    logger = logging.getLogger(market_checks.__name__)
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("warning: %(message)s"))
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _SaidByTheCommand:
    """Drops the market service's WARNING records ("market quotes failed (1 in a row, next try in 10 s): …"):
    the command says each failure itself, once, in plain words (_warn_source) — and there is no next try."""

    def filter(self, record: Any) -> bool:
        return record.levelno != 30      # logging.WARNING; errors (a bug) still show


@contextlib.contextmanager
def _failures_said_once() -> Iterator[None]:
    import logging

    logger, said = logging.getLogger("desktop.services.market_service"), _SaidByTheCommand()
    logger.addFilter(said)
    try:
        yield
    finally:
        logger.removeFilter(said)


def _warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


def _language(args: argparse.Namespace, settings: Settings) -> str:
    """The interface language of this run: --lang, else the settings' (as `news` chooses it)."""
    return str(getattr(args, "lang", None) or settings["ui.language"])


def _source_line(exc: Exception, language: str, then: str) -> str:
    """The source's words, then in plain words in the interface language what happened and what to do, then
    `then` (a WORDS key of cli_words): what the command shows instead, or that nothing is stored."""
    from desktop.cli_words import say
    from desktop.core.error_kinds import one_line

    sep = "; " if language.startswith("en") else "；"
    return f"{one_line(str(exc), language, market=True)}{sep}{say(then, language)}"


def _warn_source(exc: Exception, language: str, then: str) -> None:
    _warn(_source_line(exc, language, then))


def _fail_source(exc: Exception, language: str, nothing: str) -> None:
    """A failed request with nothing stored to show instead: one error line, the failure and that nothing is
    stored (never "showing the stored …" followed by "none stored")."""
    print(f"error: {_source_line(exc, language, nothing)}", file=sys.stderr)


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


COMPACT = (("代码", "code", "<"), ("名称", "name", "<"), ("最新", "price", ">"), ("涨跌幅", "change_pct", ">"),
           ("成交额", "amount", ">"), ("时间", "time", ">"))


def _emit_compact(rows: list[dict[str, Any]], demo: bool) -> None:
    """The terminals' quote line — 代码 名称 最新 涨跌幅 成交额 时间 — in well under 100 columns: amounts in 万/亿,
    numbers right-aligned, two spaces between columns; a stale quote says so after its time."""
    from desktop.core.numbers import amount_text

    if demo:
        print(DEMO_BANNER)

    def cell(r: dict[str, Any], key: str) -> str:
        v = r.get(key)
        if key == "price":
            return "-" if v is None else f"{v:.2f}"
        if key == "change_pct":
            return "-" if v is None else f"{v:+.2f}%"
        if key == "amount":
            return amount_text(v) if v is not None else "-"
        if key == "time":
            return (str(v)[11:19] if v else "-") + (" 过时" if r.get("stale") else "")
        return "-" if v is None else str(v)

    table = [[h for h, _k, _a in COMPACT]] + [[cell(r, k) for _h, k, _a in COMPACT] for r in rows]
    widths = [max(_width(row[i]) for row in table) for i in range(len(COMPACT))]
    for row in table:
        parts = [v + " " * (w - _width(v)) if align == "<" else " " * (w - _width(v)) + v
                 for v, w, (_h, _k, align) in zip(row, widths, COMPACT, strict=True)]
        print("  ".join(parts).rstrip())


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
    from desktop.cli_stocks import resolve_codes

    asked = resolve_codes(list(args.codes), paths)
    if asked is None:
        return 2
    with _session(args, paths, settings) as s:
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
            _fail_source(failed, _language(args, settings), "no_quotes")
            if args.json:
                _emit([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            _warn_source(failed, _language(args, settings), "stale_quotes")
            rc = 1
        missing = [c for c in codes if c not in {r["code"] for r in rows}]
        if missing:
            _warn(f"no quote for: {' '.join(missing)}")
        if args.wide or args.json:
            _emit(rows, ["code", "name", "price", "change_pct", "change", "open", "high", "low", "prev_close",
                         "volume", "amount", "turnover_pct", "total_cap", "time", "stale"], args.json, s.demo)
        else:
            _emit_compact(rows, s.demo)
        if not rows:
            print("error: no quote for any of them, live or stored", file=sys.stderr)
            return max(rc, 1)
        return rc


def cmd_boards(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    with _session(args, paths, settings) as s:
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
            _fail_source(failed, _language(args, settings), "no_boards")
            if args.json:
                _emit([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            _warn_source(failed, _language(args, settings), "stale_boards")
            rc = 1
        _emit(rows, ["code", "name", "change_pct", "total_cap", "up", "down", "leader"], args.json, s.demo)
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
    with _session(args, paths, settings) as s:
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
            _fail_source(failed, _language(args, settings), "no_bars")
            if args.json:
                _emit([], [], True, s.demo)
            return 1
        rc = 0
        if failed is not None:
            _warn_source(failed, _language(args, settings), "stale_bars")
            rc = 1
        from desktop.core.market_hours import SHANGHAI

        rows = [{"date": datetime.fromtimestamp(b.time, SHANGHAI).date().isoformat(), "open": b.open, "high": b.high,
                 "low": b.low, "close": b.close, "volume": b.volume, "amount": b.amount} for b in bars]
        _emit(rows, ["date", "open", "high", "low", "close", "volume", "amount"], args.json, s.demo)
        if not rows:
            print(f"error: no daily bars of {args.code}, live or stored", file=sys.stderr)
            return 1
        return rc


def cmd_record(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """One round of every job (so a recording made on a weekend still holds data), then live polling."""
    args.market_replay = None
    with _session(args, paths, settings, record_dir=args.out) as s:
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

                _warn(f"{one_line(str(exc), _language(args, settings), market=True)}; {name} not recorded")
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

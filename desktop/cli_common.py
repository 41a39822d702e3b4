"""What the market commands share (cli_market, cli_glance, cli_limitup, cli_movers, cli_calendar, cli_review,
cli_alerts, cli_positions): the --replay/--paced/--json options, a market session on the network or a recording,
the run's language, warnings and failures said once in plain words, and the tables they print.

A replayed or demo run never touches the user's database: it works in a throw-away one, so recorded or
synthetic (演示数据) numbers can never be mistaken later for real quotes.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.config import Paths, Settings, resources_dir

if TYPE_CHECKING:
    from desktop.sources.market import QuoteSource

# The sources and the store are imported inside market_session: this module is imported by every `huohua`
# start, including the GUI's, whose start-up time it must not pay for.

DEMO_BANNER = "演示数据 · synthetic demo data, not real quotes"


def demo_dir() -> Path:
    return resources_dir() / "demo"


def add_replay_options(p: argparse.ArgumentParser, example: str) -> None:
    # Its own dest: the top-level --replay (GUI) must not be overwritten by this sub-command's default.
    p.add_argument("--replay", dest="market_replay", type=Path, metavar="DIR",
                   help=f"answer from a recording instead of the network, e.g. {example}")
    p.add_argument("--paced", action="store_true", help="replay at the recorded pace (default: at once)")
    p.add_argument("--json", action="store_true", help="one JSON list on stdout (the fields of --wide and more)")


@dataclass
class MarketSession:
    service: Any
    source: QuoteSource
    demo: bool


@contextlib.contextmanager
def market_session(args: argparse.Namespace, paths: Paths, settings: Settings,
                   record_dir: Path | None = None) -> Iterator[MarketSession]:
    """The market service on the network, or on a recording (--replay DIR, --demo) in a throw-away database."""
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
        yield MarketSession(service, source, bool(source.demo))


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
    the command says each failure itself, once, in plain words (warn_source) — and there is no next try."""

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


def warn(msg: str) -> None:
    print(f"warning: {msg}", file=sys.stderr)


def language_of(args: argparse.Namespace, settings: Settings) -> str:
    """The interface language of this run: --lang, else the settings' (as `news` chooses it)."""
    return str(getattr(args, "lang", None) or settings["ui.language"])


def _source_line(exc: Exception, language: str, then: str) -> str:
    """The source's words, then in plain words in the interface language what happened and what to do, then
    `then` (a WORDS key of cli_words): what the command shows instead, or that nothing is stored."""
    from desktop.cli_words import say
    from desktop.core.error_kinds import one_line

    sep = "; " if language.startswith("en") else "；"
    return f"{one_line(str(exc), language, market=True)}{sep}{say(then, language)}"


def warn_source(exc: Exception, language: str, then: str) -> None:
    warn(_source_line(exc, language, then))


def fail_source(exc: Exception, language: str, nothing: str) -> None:
    """A failed request with nothing stored to show instead: one error line, the failure and that nothing is
    stored (never "showing the stored …" followed by "none stored")."""
    print(f"error: {_source_line(exc, language, nothing)}", file=sys.stderr)


def emit_table(rows: list[dict[str, Any]], columns: list[str], as_json: bool, demo: bool) -> None:
    if as_json:
        import json

        if demo:
            rows = [{**r, "demo": True} for r in rows]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if demo:
        print(DEMO_BANNER)
    table = [columns] + [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max(text_width(row[i]) for row in table) for i in range(len(columns))]
    for row in table:
        print("  ".join(v + " " * (w - text_width(v)) for v, w in zip(row, widths, strict=True)).rstrip())


COMPACT = (("代码", "code", "<"), ("名称", "name", "<"), ("最新", "price", ">"), ("涨跌幅", "change_pct", ">"),
           ("成交额", "amount", ">"), ("时间", "time", ">"))


def emit_compact(rows: list[dict[str, Any]], demo: bool) -> None:
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
    widths = [max(text_width(row[i]) for row in table) for i in range(len(COMPACT))]
    for row in table:
        parts = [v + " " * (w - text_width(v)) if align == "<" else " " * (w - text_width(v)) + v
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


def text_width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)   # CJK characters take two columns

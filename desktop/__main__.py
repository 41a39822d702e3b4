"""`huohua` command line: the GUI by default, sub-commands for scripting (see README and docs/CLI.md)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from desktop import __version__


def _global_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="huohua", description="火花 Huohua: A-share news and market monitor")
    p.add_argument("--version", action="version", version=f"huohua {__version__}")
    p.add_argument("--data-dir", type=Path, help="data directory (default: $HUOHUA_DATA_DIR or the platform's)")
    p.add_argument("--demo", action="store_true", help="GUI on the bundled demo recording (演示数据)")
    p.add_argument("--replay", type=Path, metavar="DIR", help="GUI on a recorded market session")
    p.add_argument("--paced", action="store_true", help="with --replay: at the recorded pace, not at once")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="interface language for this run")
    p.add_argument("-v", "--verbose", action="store_true", help="log debug output to stderr")
    p.add_argument("--now", metavar="INSTANT",
                   help="run as if it were INSTANT, advancing from there (ISO 8601, e.g. 2026-11-20T10:45+08:00; "
                        "without a zone it is Beijing time): for replays, tests and bug reports "
                        "(default: $HUOHUA_NOW, else the computer's clock)")
    p.add_argument("--self-test", action="store_true",
                   help="check this installation (resources, libraries, database, tagging, the demo, the window "
                        "offscreen): one line per check, exit 1 if any failed")
    return p


def build_parser() -> argparse.ArgumentParser:
    """Every sub-command (their modules are imported here)."""
    p = _global_parser()
    sub = p.add_subparsers(dest="command")
    from desktop.cli_news import add_news_commands

    add_news_commands(sub)
    from desktop.cli_market import add_market_commands

    add_market_commands(sub)
    from desktop.cli_glance import add_glance_commands

    add_glance_commands(sub)
    from desktop.cli_limitup import add_limitup_command

    add_limitup_command(sub)
    from desktop.cli_movers import add_movers_command

    add_movers_command(sub)
    from desktop.cli_review import add_review_command

    add_review_command(sub)
    from desktop.cli_calendar import add_calendar_command

    add_calendar_command(sub)
    from desktop.cli_db import add_db_commands

    add_db_commands(sub)
    from desktop.cli_watchlist import add_watchlist_commands

    add_watchlist_commands(sub)
    from desktop.cli_alerts import add_alert_commands

    add_alert_commands(sub)
    from desktop.cli_positions import add_positions_commands

    add_positions_commands(sub)
    from desktop.cli_desktop_entry import add_desktop_entry_command

    add_desktop_entry_command(sub)
    return p


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The window's options alone when no sub-command is given: importing the sub-commands' modules to build
    their parsers cost ~15 ms of the window's start-up (bench/startup.py)."""
    argv = sys.argv[1:] if argv is None else argv
    if not {"-h", "--help"} & set(argv):
        args, rest = _global_parser().parse_known_args(argv)
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def _set_clock(args: argparse.Namespace) -> str:
    """--now or HUOHUA_NOW pins the one clock (desktop/core/clock.py); "" or why the instant is unreadable."""
    from desktop.core import clock

    if args.now:
        try:
            clock.pin(args.now)
        except ValueError as exc:
            return f"--now: {exc}"
        os.environ[clock.ENV] = args.now     # the market process and any other child run at the same instant
        return ""
    return clock.env_error()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    had = list(logging.getLogger().handlers)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from desktop.runtime.log_files import guard

    for added in logging.getLogger().handlers:       # a failure in a loop: once a minute, with a count
        if added not in had:
            guard(added)
    if args.now or os.environ.get("HUOHUA_NOW"):    # the clock module is not imported before the first paint
        problem = _set_clock(args)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    if args.self_test:
        from desktop.selftest import run

        return run()
    from desktop.config import Settings, resolve_paths
    from desktop.core.errors import ConfigError, HuohuaError

    handler = getattr(args, "handler", None)
    try:
        paths = resolve_paths(args.data_dir).ensure()
    except (HuohuaError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        settings = Settings.load(paths.settings_file)
    except ConfigError as exc:
        if handler is not None:             # a command says why in one line and does nothing
            print(f"error: {exc}", file=sys.stderr)
            return 1
        # The window runs on the defaults and says why (gui_main shows settings.unreadable_message); the
        # file is kept as it is, and moved aside by the first save, never overwritten.
        settings = Settings.unreadable_file(paths.settings_file, str(exc))
        print(f"warning: {exc}; the window runs on the defaults and leaves the file as it is", file=sys.stderr)
    if handler is None:
        from desktop.gui_main import run_gui

        return run_gui(args, paths, settings)
    from desktop.cli_news import run_handler
    from desktop.cli_output import filtered
    from desktop.runtime import signals

    restore_signals = signals.install_cli_handlers()   # SIGTERM unwinds like Ctrl+C, bounded in time
    try:
        with filtered(json_mode=bool(getattr(args, "json", False))):   # outside text never drives the terminal
            rc = run_handler(handler, args, paths, settings)
            sys.stdout.flush()      # a closed pipe shows here, not in the interpreter's own flush at exit
        return rc
    except KeyboardInterrupt:
        return signals.interrupted_exit()   # one line on stderr, exit 130 (SIGINT) / 143 (SIGTERM)
    except BrokenPipeError:
        # `huohua … | head`: the reader has all it wanted. Point stdout at /dev/null so Python's own flush
        # at exit does not raise again, and end quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    finally:
        restore_signals()   # main() also runs in-process (tests): hand the caller its signal handling back


if __name__ == "__main__":
    os.environ.setdefault("TQDM_DISABLE", "1")
    sys.exit(main())

"""`huohua db check | recover | backups`: the database's health, and what to do when it is damaged."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import Any

from desktop.config import Paths, Settings


def add_db_commands(subparsers: Any) -> None:
    p = subparsers.add_parser("db", help="check, recover or list backups of the database",
                              description="Look after the database file (huohua.sqlite3 in the data directory).")
    sub = p.add_subparsers(dest="db_cmd", required=True)
    c = sub.add_parser("check", help="integrity check (read-only); lists the backups",
                       description="Run SQLite's integrity check on the database without changing it, and list "
                                   "the backups made before each migration. Exit 0: ok; 1: damaged.",
                       epilog="example: huohua db check")
    c.set_defaults(handler=cmd_check)
    r = sub.add_parser("recover", help="save what can be read into a new database; keep the damaged one",
                       description="Copy every readable row into a new database with the current schema (using "
                                   "SQLite's .recover first when the sqlite3 shell is installed), rebuild the "
                                   "search index, keep the damaged file beside it as *.damaged-DATE and put the "
                                   "new one in its place. Close Huohua first.",
                       epilog="example: huohua db recover")
    r.add_argument("--force", action="store_true", help="recover even if the integrity check passes")
    r.set_defaults(handler=cmd_recover)
    b = sub.add_parser("backups", help="list the backups made before migrations",
                       epilog="example: huohua db backups")
    b.set_defaults(handler=cmd_backups)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def _print_backups(found: list) -> None:
    """One line per backup, each checked (store.schema.check_backup): `ok`, or `BROKEN: why — do not restore it`."""
    from desktop.store.schema import check_backup

    if not found:
        print("backups: none (one is made before every schema migration)")
        return
    print("backups (made before schema migrations; copy one marked ok over huohua.sqlite3 to go back):")
    for b in found:
        st = b.stat()
        problem = check_backup(b)
        verdict = f"BROKEN: {problem} — do not restore it" if problem else "ok"
        print(f"  {b}  {_size(st.st_size)}  {datetime.fromtimestamp(st.st_mtime):%Y-%m-%d %H:%M}  {verdict}")


def cmd_check(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.store.recover import check

    if not paths.db.exists():
        print(f"error: no database at {paths.db} yet (nothing to check)", file=sys.stderr)
        return 2
    r = check(paths.db, paths.backups)
    version = "unreadable" if r.version is None else f"schema v{r.version}"
    print(f"database: {r.path} ({_size(r.size)}, {version})")
    if r.ok:
        print("integrity: ok")
    else:
        print(f"integrity: DAMAGED — {len(r.problems)} problem(s), the first:")
        for line in r.problems[:10]:
            print(f"  {line}")
        print("to save what can be read: huohua db recover (the damaged file is kept)")
    _print_backups(r.backups)
    return 0 if r.ok else 1


def cmd_recover(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    import sqlite3

    from desktop.store.recover import check, recover

    if not paths.db.exists():
        print(f"error: no database at {paths.db} (nothing to recover)", file=sys.stderr)
        return 2
    if check(paths.db, paths.backups).ok and not args.force:
        print(f"the database {paths.db} passes its integrity check: nothing to recover (--force to copy anyway)")
        return 0
    print(f"recovering {paths.db} …")
    try:
        r = recover(paths.db, paths.backups)
    except (OSError, sqlite3.DatabaseError) as exc:
        print(f"error: recovery failed: {exc}. The damaged file is untouched; a backup may help:",
              file=sys.stderr)
        _print_backups(check(paths.db, paths.backups).backups)
        return 1
    rows = ", ".join(f"{t} {n:,}" for t, n in r.rows.items() if n)
    print(f"recovered ({r.method}): {rows or 'no rows'}")
    if r.skipped:
        print("unreadable stretches stepped over: " + ", ".join(f"{t} {n}" for t, n in r.skipped.items()))
    if r.orphans:
        print(f"dropped {r.orphans} rows whose parent row was lost")
    print(f"the damaged file is kept as {r.damaged}")
    print(f"the recovered database is now {r.recovered}")
    return 0


def cmd_backups(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from desktop.store.recover import backups

    _print_backups(backups(paths.backups))
    return 0

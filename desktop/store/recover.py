"""Checking and recovering a damaged database (`huohua db check` / `huohua db recover`).

Recovery never touches the damaged file: what can be read goes into a new file with the current schema, the
damaged one is renamed aside (`huohua.sqlite3.damaged-YYYYmmdd-HHMMSS`) and the new one takes its place.

1. When the sqlite3 command-line shell is installed, its `.recover` (SQLite's own recovery, which also reads
   rows from pages no index reaches any more) first writes what it finds into an intermediate file.
2. Rows are then copied table by table into a freshly migrated database, in rowid order; a range that cannot
   be read is stepped over and counted, so one bad page costs the rows on it, not the table.
3. Every table-leaf page of the file is decoded directly (page_scan.py): rows under a destroyed root or
   interior page, which no query can reach, are filed under the table whose shape they fit.
4. Parentless rows are dropped, dedup keys and the full-text index are rebuilt (the index's own pages are
   never trusted).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core import clock
from desktop.store import schema

log = logging.getLogger(__name__)
CHUNK = 500
# Parents before children, so the copy reads naturally; foreign keys are checked once at the end.
ORDER = ("meta", "feeds", "articles", "article_keys", "article_themes", "article_stocks", "stocks", "quotes",
         "daily_bars", "intraday_bars", "boards", "board_members", "watchlists", "watchlist_items", "trade_dates",
         "alert_rules", "alerts_fired", "alert_state", "position_trades", "limit_pools",
         "limit_pool_fetches", "movers", "board_movers", "mover_fetches")
# Every table of the schema is copied (tests/store/test_recover_tables.py checks ORDER against schema.py: the alert
# tables were missing, so a recovery dropped the user's alert rules); the full-text index is rebuilt instead.


@dataclass
class CheckResult:
    path: Path
    ok: bool
    problems: list[str]
    version: int | None
    size: int
    backups: list[Path]


@dataclass
class RecoverResult:
    recovered: Path                       # the database now in place
    damaged: Path                         # where the damaged file was kept
    method: str                           # "sqlite3 .recover + row copy" | "row copy"
    rows: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)   # unreadable ranges stepped over, per table
    orphans: int = 0                      # rows dropped because their parent was lost


def backups(backup_dir: Path) -> list[Path]:
    """The backups made before migrations, and any whose writing was interrupted (…sqlite3.partial), by name
    (their names begin with the time they were made). `schema.check_copy` says which may be restored."""
    if not backup_dir.exists():
        return []
    return sorted([*backup_dir.glob("huohua-*.sqlite3"), *backup_dir.glob("huohua-*.sqlite3" + schema.PARTIAL)])


def check(path: Path, backup_dir: Path) -> CheckResult:
    """PRAGMA integrity_check (read-only); never raises for a damaged file."""
    size = path.stat().st_size if path.exists() else 0
    problems: list[str] = []
    version = None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check(50)")]
    except sqlite3.DatabaseError as exc:
        problems = [str(exc)]
    ok = problems == ["ok"]
    return CheckResult(path, ok, [] if ok else problems, version, size, backups(backup_dir))


def recover(path: Path, backup_dir: Path, *, use_shell: bool = True) -> RecoverResult:
    """Recover `path` in place (see the module doc). The caller makes sure nothing else has it open."""
    from desktop.store.writer import Writer

    stamp = clock.stamp()
    work = path.with_name(f"{path.name}.recovering-{stamp}")
    work.mkdir()
    try:
        sources, method = [path], "row copy"
        shell = shutil.which("sqlite3") if use_shell else None
        if shell:
            rescued = work / "rescued.sqlite3"
            if _shell_recover(shell, path, rescued):
                sources.append(rescued)
                method = "row copy + sqlite3 .recover"
        fresh = work / "recovered.sqlite3"
        Writer(fresh, None).start().close()            # the current schema, created by the normal migrations
        result = RecoverResult(recovered=path, damaged=path.with_name(f"{path.name}.damaged-{stamp}"), method=method)
        for source in sources:     # what one way cannot read the other may: rows merge (INSERT OR IGNORE)
            _copy_rows(source, fresh, result)
        _copy_from_pages(path, fresh, result)   # rows under a lost root or interior page
        _drop_orphans(fresh, result)
        _rebuild_keys(fresh)
        _rebuild_search(fresh)
        with contextlib.closing(sqlite3.connect(fresh)) as conn:
            result.rows = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ORDER}
        with contextlib.closing(sqlite3.connect(fresh)) as conn:
            verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"the recovered copy does not pass its own check: {verdict}")
        for suffix in ("", "-wal", "-shm"):
            old = Path(f"{path}{suffix}")
            if old.exists():
                old.replace(Path(f"{result.damaged}{suffix}"))
        fresh.replace(path)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _shell_recover(shell: str, damaged: Path, out: Path) -> bool:
    """`sqlite3 damaged .recover | sqlite3 out`; False if the shell cannot (too old, or it fails)."""
    try:
        dump = subprocess.run([shell, f"file:{damaged}?mode=ro", ".recover"], capture_output=True, timeout=600,
                              check=False)
        if b"INSERT" not in dump.stdout:
            return False
        subprocess.run([shell, str(out)], input=dump.stdout, capture_output=True, timeout=600, check=False)
        return out.exists()      # a statement that fails to load costs its rows only
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("sqlite3 .recover failed (%s); copying rows instead", exc)
        return False


def _copy_rows(source: Path, dest: Path, result: RecoverResult) -> None:
    with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, \
            contextlib.closing(sqlite3.connect(dest, isolation_level=None)) as dst:
        dst.execute("PRAGMA foreign_keys=OFF")
        have = _tables(src)
        for table in ORDER:
            if table not in have:
                continue
            want = [r[1] for r in dst.execute(f"PRAGMA table_info({table})")]
            cols = [c for c in _columns(src, table) if c in want]
            if not cols:
                continue
            names = ", ".join(cols)
            marks = ", ".join("?" * len(cols))
            dst.execute("BEGIN")
            for row in _readable_rows(src, table, names, result):
                dst.execute(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", row)
            dst.execute("COMMIT")


def _copy_from_pages(source: Path, dest: Path, result: RecoverResult) -> None:
    """Records decoded from the file's leaf pages (page_scan), filed under a table only when their column
    count belongs to that table alone and every value fits its column."""
    from desktop.store.page_scan import leaf_rows

    with contextlib.closing(sqlite3.connect(dest, isolation_level=None)) as dst:
        layouts = _rowid_layouts(source) or _rowid_layouts(dest)
        by_count: dict[int, list[str]] = {}
        for table, cols in layouts.items():
            by_count.setdefault(len(cols), []).append(table)
        wanted = {t: {r[1] for r in dst.execute(f"PRAGMA table_info({t})")} for t in ORDER}
        dst.execute("PRAGMA foreign_keys=OFF")
        dst.execute("BEGIN")
        found = 0
        for rowid, values in leaf_rows(source):
            tables = by_count.get(len(values), [])
            if len(tables) != 1 or tables[0] not in wanted:
                continue
            table = tables[0]
            cols = layouts[table]
            row = _fit(rowid, values, cols)
            if row is None:
                continue
            keep = [(c[0], v) for c, v in zip(cols, row, strict=True) if c[0] in wanted[table]]
            names = ", ".join(n for n, _ in keep)
            cur = dst.execute(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(keep))})",
                              [v for _, v in keep])
            found += cur.rowcount
        dst.execute("COMMIT")
        if found:
            result.method += " + page scan"


def _rowid_layouts(path: Path) -> dict[str, list[tuple[str, str, bool, bool]]]:
    """table → [(column, declared type, not null, is the rowid alias)] for every rowid table of the file."""
    out: dict[str, list[tuple[str, str, bool, bool]]] = {}
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall():
                if not sql or "WITHOUT ROWID" in sql.upper() or sql.upper().startswith("CREATE VIRTUAL"):
                    continue
                info = conn.execute(f"PRAGMA table_info({name})").fetchall()
                out[name] = [(r[1], (r[2] or "").upper(), bool(r[3]), r[5] == 1 and (r[2] or "").upper() == "INTEGER")
                             for r in info]
    except sqlite3.DatabaseError:
        return {}
    return out


def _fit(rowid: int, values: list[object], cols: list[tuple[str, str, bool, bool]]) -> list[object] | None:
    """The record as a row of this table, or None when a value does not fit its column."""
    row = []
    for (_name, kind, not_null, alias), v in zip(cols, values, strict=True):
        if alias:
            v = rowid if v is None else v
        if v is None:
            if not_null:
                return None
        elif kind.startswith("INT") and not isinstance(v, int):
            return None
        elif kind == "TEXT" and not isinstance(v, str):
            return None
        elif kind == "REAL" and not isinstance(v, (int, float)):
            return None
        row.append(v)
    return row


def _drop_orphans(path: Path, result: RecoverResult) -> None:
    """Children whose parent was lost (an article whose feed's page was unreadable) go, so the database is
    consistent again: the app relies on its foreign keys. Parents come first in ORDER, so one pass settles
    the cascade (a lost feed → its articles → their tags)."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as dst:
        dst.execute("BEGIN")
        for table in ORDER:
            for fk in dst.execute(f"PRAGMA foreign_key_list({table})").fetchall():
                parent, child_col, parent_col = fk[2], fk[3], fk[4] or "rowid"
                cur = dst.execute(f"DELETE FROM {table} WHERE {child_col} IS NOT NULL AND {child_col} NOT IN "
                                  f"(SELECT {parent_col} FROM {parent})")
                result.orphans += cur.rowcount
        dst.execute("COMMIT")


def _tables(conn: sqlite3.Connection) -> set[str]:
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return set(ORDER)                   # the schema page itself is damaged: try every table we know


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    except sqlite3.DatabaseError:
        return []


def _readable_rows(conn: sqlite3.Connection, table: str, names: str, result: RecoverResult) -> Iterator[tuple[Any, ...]]:
    """Rows in rowid order; an unreadable stretch is skipped by probing ever further ahead."""
    without_rowid = _without_rowid(conn, table)
    if without_rowid:                         # no rowid to step by: read until the first failure
        try:
            yield from conn.execute(f"SELECT {names} FROM {table}")
        except sqlite3.DatabaseError:
            result.skipped[table] = result.skipped.get(table, 0) + 1
        return
    last = -(1 << 62)
    while True:
        try:
            rows = conn.execute(f"SELECT rowid, {names} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT {CHUNK}",
                                (last,)).fetchall()
        except sqlite3.DatabaseError:
            result.skipped[table] = result.skipped.get(table, 0) + 1
            nxt = _next_readable(conn, table, last)
            if nxt is None:
                return
            last = nxt - 1
            continue
        if not rows:
            return
        for r in rows:
            yield r[1:]
        last = rows[-1][0]


def _next_readable(conn: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid past `after` that can be read, probing 1, 2, 4 … rows ahead (bounded)."""
    step = 1
    base = max(after, 0)
    while step < (1 << 40):
        try:
            row = conn.execute(f"SELECT rowid FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 1",
                               (base + step,)).fetchone()
            return row[0] if row else None
        except sqlite3.DatabaseError:
            step *= 2
    return None


def _without_rowid(conn: sqlite3.Connection, table: str) -> bool:
    try:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(sql and "WITHOUT ROWID" in (sql[0] or "").upper())


def _rebuild_keys(path: Path) -> None:
    """Dedup keys for articles whose key row was lost (so the next fetch does not add them again). Exact for
    items with a guid or link, which is nearly all; an undated item without either may come back once."""
    from desktop.core.dedup import identity_key

    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("BEGIN")
        # keys of articles that were lost go too: the next fetch may bring those articles back
        conn.execute("DELETE FROM article_keys WHERE article_id IS NOT NULL AND article_id NOT IN "
                     "(SELECT id FROM articles)")
        rows = conn.execute("SELECT id, feed_id, guid, url, title, published, text FROM articles a WHERE NOT EXISTS"
                            " (SELECT 1 FROM article_keys k WHERE k.article_id = a.id)").fetchall()
        conn.executemany("INSERT OR IGNORE INTO article_keys(key, article_id) VALUES (?, ?)",
                         [(identity_key(f, g, u, t, p, x), i) for i, f, g, u, t, p, x in rows])
        conn.execute("COMMIT")


def _rebuild_search(path: Path) -> None:
    from desktop.core.normalize import normalize
    from desktop.store import fts

    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("BEGIN")
        rows = conn.execute("SELECT search_key, title, text FROM articles").fetchall()
        conn.executemany("INSERT INTO articles_fts(rowid, body) VALUES (?, ?)",
                         [(key, fts.document(normalize(title), text)) for key, title, text in rows])
        conn.execute("COMMIT")

"""Schema versions as numbered migrations (PRAGMA user_version); the file is backed up before each one.

Migrations only ever add: a new version never drops a column holding user data (v4 cleans market rows an
older version stored unchecked: store/market_cleanup.py). The full-text table is
contentless (the text lives once, in `articles`); its rows are keyed by `articles.search_key`, which orders by
publication time so "newest hits first" is an index walk, not a sort (see docs/SEARCH.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.core import clock
from desktop.core.errors import StoreError
from desktop.store.market_cleanup import clean_market_rows

V1_NEWS = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    folder TEXT NOT NULL DEFAULT '',
    site_url TEXT NOT NULL DEFAULT '',
    interval_s INTEGER NOT NULL DEFAULT 900,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT,
    last_attempt INTEGER,
    last_success INTEGER,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_due INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    position INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid TEXT,
    url TEXT,
    title TEXT NOT NULL,
    summary_html TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    published INTEGER NOT NULL,
    fetched INTEGER NOT NULL,
    updated INTEGER,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    content_hash TEXT NOT NULL,
    search_key INTEGER NOT NULL UNIQUE,
    cluster_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_feed ON articles(feed_id, search_key);
CREATE INDEX articles_unread ON articles(search_key) WHERE read = 0;
CREATE INDEX articles_unread_feed ON articles(feed_id) WHERE read = 0;
CREATE INDEX articles_starred ON articles(search_key) WHERE starred = 1;
CREATE INDEX articles_cluster ON articles(cluster_key, published);
CREATE TABLE article_keys (
    key TEXT PRIMARY KEY,
    article_id INTEGER          -- NULL: a tombstone (deleted by retention; never fetched back)
) WITHOUT ROWID;
CREATE INDEX article_keys_article ON article_keys(article_id);
CREATE TABLE article_themes (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    terms TEXT NOT NULL,
    PRIMARY KEY (article_id, theme)
) WITHOUT ROWID;
CREATE INDEX article_themes_theme ON article_themes(theme, article_id);
CREATE TABLE article_stocks (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    matched TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, code)
) WITHOUT ROWID;
CREATE INDEX article_stocks_code ON article_stocks(code, article_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    body, content='', columnsize=0, tokenize='unicode61 remove_diacritics 0'
);
"""

V2_MARKET = """
CREATE TABLE stocks (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    exchange TEXT NOT NULL,
    industry TEXT NOT NULL DEFAULT '',
    total_cap REAL,
    float_cap REAL,
    full_name TEXT NOT NULL DEFAULT '',
    former_names TEXT NOT NULL DEFAULT '',
    pinyin TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'bundled',
    updated INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE quotes (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    price REAL, change_pct REAL, change REAL, open REAL, high REAL, low REAL, prev_close REAL,
    volume REAL, amount REAL, turnover_pct REAL, total_cap REAL,
    time INTEGER NOT NULL,
    fetched INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE daily_bars (
    code TEXT NOT NULL, adjust TEXT NOT NULL, time INTEGER NOT NULL,
    open REAL, high REAL, low REAL, close REAL, volume REAL, amount REAL,
    PRIMARY KEY (code, adjust, time)
) WITHOUT ROWID;
CREATE TABLE intraday_bars (
    code TEXT NOT NULL, time INTEGER NOT NULL,
    open REAL, high REAL, low REAL, close REAL, volume REAL, amount REAL,
    PRIMARY KEY (code, time)
) WITHOUT ROWID;
CREATE TABLE boards (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    change_pct REAL, total_cap REAL, up INTEGER, down INTEGER,
    leader TEXT NOT NULL DEFAULT '', leader_change_pct REAL,
    updated INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE board_members (
    board_code TEXT NOT NULL, code TEXT NOT NULL,
    PRIMARY KEY (board_code, code)
) WITHOUT ROWID;
CREATE INDEX board_members_code ON board_members(code);
CREATE TABLE watchlists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE watchlist_items (
    watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (watchlist_id, code)
) WITHOUT ROWID;
CREATE TABLE trade_dates (date TEXT PRIMARY KEY) WITHOUT ROWID;
"""


# Alerts (issue 13): the rules, what fired (and what triggered it), and each (rule, stock)'s arming, so a price
# that crossed its level before a restart does not fire again after it.
V3_ALERTS = """
CREATE TABLE alert_rules (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL DEFAULT 'stock',
    code TEXT NOT NULL DEFAULT '',
    list_name TEXT NOT NULL DEFAULT '',
    theme TEXT NOT NULL DEFAULT '',
    query TEXT NOT NULL DEFAULT '',
    value REAL,
    cooldown_s INTEGER NOT NULL DEFAULT 300,
    enabled INTEGER NOT NULL DEFAULT 1,
    note TEXT NOT NULL DEFAULT '',
    created INTEGER NOT NULL
);
CREATE TABLE alerts_fired (
    id INTEGER PRIMARY KEY,
    rule_id INTEGER NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    value REAL,
    time INTEGER NOT NULL,
    article_id INTEGER,
    source TEXT NOT NULL DEFAULT 'live',
    note TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    read INTEGER NOT NULL DEFAULT 0,
    fired INTEGER NOT NULL
);
CREATE INDEX alerts_fired_time ON alerts_fired(fired);
CREATE TABLE alert_state (
    rule_id INTEGER NOT NULL,
    code TEXT NOT NULL,
    rearm_at REAL,
    last_fired INTEGER,
    PRIMARY KEY (rule_id, code)
) WITHOUT ROWID;
"""


# 持仓 (issue 27): every buy (a lot) and sell the user entered. Money as decimal text ('284.04'), never REAL:
# the figures are exact Decimals (core/positions.py), and a float column would round them on the way in.
V5_POSITIONS = """
CREATE TABLE position_trades (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    date TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    shares INTEGER NOT NULL CHECK (shares > 0),
    price TEXT NOT NULL,
    fee TEXT NOT NULL DEFAULT '0',
    added INTEGER NOT NULL
);
CREATE INDEX position_trades_code ON position_trades(code, date, id);
"""


# 涨停 / 炸板 / 跌停 pools (issue 26), one row per stock per pool per trading day, kept for past days; money in
# yuan, sealing times "HH:MM:SS" Beijing time (core/limit_pools.py). limit_pool_fetches says a pool was read for
# a day (and how many rows it had): an empty pool on a holiday is an answer, not "never fetched".
V6_LIMIT_POOLS = """
CREATE TABLE limit_pools (
    day TEXT NOT NULL,
    pool TEXT NOT NULL CHECK (pool IN ('zt', 'zb', 'dt')),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    price REAL, change_pct REAL, amount REAL, float_cap REAL, total_cap REAL, turnover_pct REAL,
    streak INTEGER,
    first_sealed TEXT NOT NULL DEFAULT '',
    last_sealed TEXT NOT NULL DEFAULT '',
    seal_funds REAL,
    breaks INTEGER,
    industry TEXT NOT NULL DEFAULT '',
    limit_price REAL,
    stats TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (day, pool, code)
) WITHOUT ROWID;
CREATE TABLE limit_pool_fetches (
    day TEXT NOT NULL,
    pool TEXT NOT NULL,
    fetched INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    PRIMARY KEY (day, pool)
) WITHOUT ROWID;
"""

# 盘口异动 (issue 26): one row per event (a stock's type at a time on a trading day), kept for past days; board 异动
# per board per day (the latest answer replaces the day's); mover_fetches says a type was read for a day (a
# holiday's empty answer is an answer). Times "HH:MM:SS" Beijing; type is Eastmoney's code (core/movers.py).
V7_MOVERS = """
CREATE TABLE movers (
    day TEXT NOT NULL,
    code TEXT NOT NULL,
    time TEXT NOT NULL,
    type INTEGER NOT NULL,
    name TEXT NOT NULL,
    info TEXT NOT NULL DEFAULT '',
    fetched INTEGER NOT NULL,
    PRIMARY KEY (day, code, time, type)
) WITHOUT ROWID;
CREATE INDEX movers_day_time ON movers(day, time);
CREATE TABLE board_movers (
    day TEXT NOT NULL,
    board TEXT NOT NULL,
    change_pct REAL, inflow REAL,
    count INTEGER NOT NULL DEFAULT 0,
    top_code TEXT NOT NULL DEFAULT '',
    top_name TEXT NOT NULL DEFAULT '',
    top_side TEXT NOT NULL DEFAULT '',
    types TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (day, board)
) WITHOUT ROWID;
CREATE TABLE mover_fetches (
    day TEXT NOT NULL,
    type INTEGER NOT NULL,
    fetched INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    PRIMARY KEY (day, type)
) WITHOUT ROWID;
"""


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return run


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _script(V1_NEWS),     # 1
    _script(V2_MARKET),   # 2
    _script(V3_ALERTS),   # 3
    clean_market_rows,    # 4: market rows stored before ingest checked names and numbers (issue 24)
    _script(V5_POSITIONS),  # 5: 持仓 trades (issue 27)
    _script(V6_LIMIT_POOLS),  # 6: 涨停/炸板/跌停 pools (issue 26)
    _script(V7_MOVERS),  # 7: 盘口异动 and board 异动 (issue 26)
]
LATEST = len(MIGRATIONS)


# What every table must hold once migrated; checked with sqlite-utils' introspection after a migration (a
# database created or upgraded), so a broken upgrade gives a clear error naming what is missing.
EXPECTED_COLUMNS = {
    "feeds": {"id", "url", "title", "folder", "etag", "last_modified", "body_hash", "last_error", "failures",
              "next_due", "enabled"},
    "articles": {"id", "feed_id", "guid", "url", "title", "summary_html", "text", "published", "read", "starred",
                 "content_hash", "search_key", "cluster_key"},
    "article_keys": {"key", "article_id"},
    "article_themes": {"article_id", "theme", "terms"},
    "article_stocks": {"article_id", "code", "matched", "confidence"},
    "stocks": {"code", "name", "exchange", "industry", "pinyin", "former_names"},
    "quotes": {"code", "price", "change_pct", "time", "fetched"},
    "boards": {"code", "name", "type"},
    "watchlists": {"id", "name"},
    "watchlist_items": {"watchlist_id", "code"},
    "alert_rules": {"id", "kind", "scope", "code", "list_name", "theme", "query", "value", "cooldown_s", "enabled",
                    "note", "created"},
    "alerts_fired": {"id", "rule_id", "code", "kind", "value", "time", "article_id", "source", "read", "fired"},
    "alert_state": {"rule_id", "code", "rearm_at", "last_fired"},
    "position_trades": {"id", "code", "date", "side", "shares", "price", "fee", "added"},
    "limit_pools": {"day", "pool", "code", "name", "streak", "first_sealed", "last_sealed", "seal_funds", "breaks",
                    "industry", "change_pct", "amount"},
    "limit_pool_fetches": {"day", "pool", "fetched", "rows"},
    "movers": {"day", "code", "time", "type", "name", "info", "fetched"},
    "board_movers": {"day", "board", "change_pct", "inflow", "count", "top_code", "top_name", "top_side", "types"},
    "mover_fetches": {"day", "type", "fetched", "rows"},
}


def verify(conn: sqlite3.Connection) -> None:
    """Raise StoreError naming any expected table or column that is missing.

    SQLite's own catalogue, not sqlite-utils: importing sqlite-utils imports pandas when it is installed (akshare
    brings it), ~60 MiB in the window's process for two catalogue queries."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    problems = []
    for table, columns in EXPECTED_COLUMNS.items():
        if table not in tables:
            problems.append(f"table {table} is missing")
            continue
        missing = columns - {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}
        if missing:
            problems.append(f"{table} lacks {', '.join(sorted(missing))}")
    if "articles_fts" not in tables:
        problems.append("the full-text index articles_fts is missing")
    if problems:
        raise StoreError("database schema is damaged: " + "; ".join(problems))


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, db_path: Path | None, backup_dir: Path | None) -> list[Path]:
    """Bring the database to LATEST; each step in its own transaction, after a backup. Returns backups made."""
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(
            f"database schema version {version} is newer than this Huohua understands ({LATEST}); "
            "update Huohua or use another data directory"
        )
    backups: list[Path] = []
    existing = version > 0           # a database created just now has nothing to back up
    for target in range(version + 1, LATEST + 1):
        if existing and db_path is not None and backup_dir is not None:
            backups.append(backup(conn, backup_dir, f"before-v{target}"))
        try:
            conn.execute("BEGIN IMMEDIATE")
            MIGRATIONS[target - 1](conn)
            conn.execute(f"PRAGMA user_version={target}")
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"migration to schema v{target} failed, database left at v{target - 1}: {exc}") from exc
        version = target
    return backups


PARTIAL = ".partial"     # a backup being written (or one whose writing was interrupted) ends so


def backup(conn: sqlite3.Connection, backup_dir: Path, label: str) -> Path:
    """A consistent copy through SQLite's online backup API (safe while WAL readers are open), written under a
    temporary name (…sqlite3.partial), checked (`check_copy`: whole, and PRAGMA quick_check) and only then
    renamed to its own name: an interrupted or failed backup never looks like a backup. StoreError when the
    copy fails its check (the caller does not migrate); the copy's own errors (a full disk) are raised as
    they are. Nothing is left behind by a failure."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = clock.stamp()
    dest = backup_dir / f"huohua-{stamp}-{label}.sqlite3"
    partial = dest.with_name(dest.name + PARTIAL)
    try:
        target = sqlite3.connect(str(partial))
        try:
            conn.backup(target)
        finally:
            target.close()
        problem = check_copy(partial)
        if problem:
            raise StoreError(f"the backup before the migration ({dest.name}) does not pass its check: {problem}; "
                             "the database was not migrated")
        partial.replace(dest)
    except BaseException:
        for leftover in (partial, Path(f"{partial}-journal"), Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return dest


def check_backup(path: Path) -> str:
    """check_copy for a file in the backups folder: one still named …partial never finished."""
    if Path(path).name.endswith(PARTIAL):
        return "an interrupted backup (it never finished; delete it)"
    return check_copy(path)


def check_copy(path: Path) -> str:
    """"" when `path` is a whole, consistent SQLite database (a backup one may restore); else what is wrong,
    in a few words: not a database, truncated (an interrupted copy), a -journal beside it (a write that did
    not finish), or what PRAGMA quick_check reports. Read-only: the file is opened immutable (no journal is
    rolled back, no -wal or -shm is made beside it)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "not a database"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid_count = header[24:28] == header[92:96]          # the header's page count is current (SQLite ≥ 3.7)
    if valid_count and pages and size < pages * page_size:
        return f"truncated ({size:,} of {pages * page_size:,} bytes; an interrupted copy)"
    journal = Path(f"{path}-journal")
    if journal.exists() and journal.stat().st_size > 0:
        return f"a write to it did not finish ({journal.name} beside it)"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            found = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"damaged ({exc})"
    if found != ["ok"]:
        return "damaged (" + "; ".join(found[:3]) + ")"
    return ""

"""Market tables: writer operations (each `op(conn) -> Changes`, run through `Writer`) and pane reads.

Growth is bounded by design (docs/MARKET.md): `quotes` keeps one row per code (latest only), `boards` and
`board_members` are replaced per refresh, `intraday_bars` holds watched stocks for N trading days, and
`daily_bars` grows by one row per viewed stock per trading day.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from desktop.core.changes import Changes
from desktop.core.market import Bar, Board, Quote, QuoteRow, Stock, Watchlist
from desktop.core.market_checks import clean_name
from desktop.core.stock_match import initials_of
from desktop.core.stocklist import StockName
from desktop.store.db import IN_LIST, as_list, escape_like

# The lists a first run starts with (an energy investor's: storage and batteries, PV and inverters, power),
# plus an empty 自选. Never re-added once the user has any list.
DEFAULT_WATCHLISTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("储能与电池", ("300750", "300014", "688063", "300438", "300073", "688005", "300919")),
    ("光伏与逆变器", ("300274", "601012", "688223", "300317")),
    ("电力", ("600900", "600406", "001896", "600644")),
    ("自选", ()),
)
DEFAULT_WATCHLIST_NAME = "自选"
# The twelve codes of the watchlist before several lists (the issue-7 quote fault was reported on them).
DEFAULT_WATCHLIST: tuple[tuple[str, str], ...] = (
    ("300750", "宁德时代"), ("300274", "阳光电源"), ("300014", "亿纬锂能"), ("688063", "派能科技"),
    ("601012", "隆基绿能"), ("002594", "比亚迪"), ("002230", "科大讯飞"), ("688256", "寒武纪"),
    ("300308", "中际旭创"), ("601138", "工业富联"), ("920239", "长虹能源"), ("920252", "天宏锂电"),
)
# Eastmoney shows ex-dividend (XD/XR/DR) and first-days (N/C) prefixes for a few days: not renames.
_TEMP_PREFIX = re.compile(r"^(?:XD|XR|DR|N|C)(?=[\u4e00-\u9fff])")
QUOTE_COLS = ("code, name, price, change_pct, change, open, high, low, prev_close, volume, amount, turnover_pct, "
              "total_cap, time, fetched, source")





def pinyin_keys(name: str) -> str:
    """`|ndsd|zdsd|` style: the name's 拼音 initials (the usual reading first, then other readings, with and
    without an ST hat: core.stock_match.initials_of), each searchable by prefix."""
    return "|" + "|".join(initials_of(name)) + "|"


# -- stocks ----------------------------------------------------------------------------------------------
def seed_stocks(conn: sqlite3.Connection, digest: str, load: Callable[[], list[StockName]], now: int) -> Changes:
    """Load the bundled list (offline fallback). Skipped when the file with this digest was loaded before (then
    `load` is not even called); rows that an online refresh wrote are never overwritten by the bundled ones."""
    seen = conn.execute("SELECT value FROM meta WHERE key = 'market.bundled_stocks'").fetchone()
    if seen and seen[0] == digest:
        return Changes()
    rows = [(s.code, s.name, s.exchange, s.industry, s.full_name, "|".join(s.former), pinyin_keys(s.name), now)
            for s in load()]
    conn.executemany(
        "INSERT INTO stocks (code, name, exchange, industry, full_name, former_names, pinyin, source, updated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'bundled', ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
        "exchange = excluded.exchange, industry = excluded.industry, full_name = excluded.full_name, "
        "former_names = excluded.former_names, pinyin = excluded.pinyin, updated = excluded.updated "
        "WHERE stocks.source = 'bundled'", rows)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('market.bundled_stocks', ?)", (digest,))
    return Changes(stocks=True)


def upsert_stocks(conn: sqlite3.Connection, stocks: Iterable[Stock], now: int) -> Changes:
    """The online universe: new listings are added, renames keep the old name in `former_names`."""
    known = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT code, name, former_names FROM stocks")}
    changed = False
    for s in stocks:
        name = clean_name(s.name).strip()       # a market answer's name: plain text (issue 24)
        old = known.get(s.code)
        if old is None:
            name = _TEMP_PREFIX.sub("", name)
            conn.execute("INSERT INTO stocks (code, name, exchange, industry, total_cap, float_cap, pinyin, source, "
                         "updated) VALUES (?, ?, ?, ?, ?, ?, ?, 'online', ?)",
                         (s.code, name, s.exchange, s.industry, s.total_cap, s.float_cap, pinyin_keys(name), now))
            changed = True
            continue
        old_name, former = old
        # Temporary prefixes come with truncated names (XD宁德时): never a rename.
        if name and name != old_name and not _TEMP_PREFIX.match(name):
            names = [n for n in former.split("|") if n]
            if old_name not in names:
                names.append(old_name)
            conn.execute("UPDATE stocks SET name = ?, former_names = ?, pinyin = ?, source = 'online' "
                         "WHERE code = ?", (name, "|".join(names), pinyin_keys(name), s.code))
            changed = True
        conn.execute("UPDATE stocks SET total_cap = coalesce(?, total_cap), float_cap = coalesce(?, float_cap), "
                     "industry = CASE WHEN ? != '' THEN ? ELSE industry END, updated = ? WHERE code = ?",
                     (s.total_cap, s.float_cap, s.industry, s.industry, now, s.code))
    return Changes(stocks=changed)


def _row_stock(r: tuple[Any, ...]) -> Stock:
    return Stock(code=r[0], name=r[1], exchange=r[2], industry=r[3], total_cap=r[4], float_cap=r[5])


def get_stock(conn: sqlite3.Connection, code: str) -> Stock | None:
    r = conn.execute("SELECT code, name, exchange, industry, total_cap, float_cap FROM stocks WHERE code = ?",
                     (code,)).fetchone()
    return _row_stock(r) if r else None


def search_stocks(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[Stock]:
    """By code prefix, name, former name or pinyin initials ("ndsd" → 宁德时代); best matches first."""
    q = text.strip()
    if not q:
        return []
    esc = escape_like(q)
    like, low = f"%{esc}%", q.lower()
    rows = conn.execute(
        "SELECT code, name, exchange, industry, total_cap, float_cap, pinyin, former_names FROM stocks "
        "WHERE code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR former_names LIKE ? ESCAPE '\\' "
        "OR pinyin LIKE ? ESCAPE '\\' LIMIT 500", (esc + "%", like, like, f"%|{esc.lower()}%"),
    ).fetchall()

    def rank(r: tuple[Any, ...]) -> tuple[int, float, str]:
        code, name, pinyin = r[0], r[1], r[6]
        order = (0 if code == q else 1 if code.startswith(q) else 2 if name == q else 3 if name.startswith(q)
                 else 4 if f"|{low}" in pinyin else 5 if q in name else 6)
        return order, -(r[4] or 0.0), code

    return [_row_stock(r) for r in sorted(rows, key=rank)[:limit]]


# -- quotes ----------------------------------------------------------------------------------------------
def upsert_quotes(conn: sqlite3.Connection, quotes: Iterable[Quote], source: str) -> Changes:
    """Newer-only: a quote valid at an earlier market time never replaces a later one."""
    qs = list(quotes)
    conn.executemany(
        f"INSERT INTO quotes ({QUOTE_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(code) DO UPDATE SET name = CASE WHEN excluded.name != '' THEN excluded.name ELSE quotes.name END, "
        "price = excluded.price, change_pct = excluded.change_pct, change = excluded.change, open = excluded.open, "
        "high = excluded.high, low = excluded.low, prev_close = excluded.prev_close, volume = excluded.volume, "
        "amount = excluded.amount, turnover_pct = excluded.turnover_pct, "
        "total_cap = coalesce(excluded.total_cap, quotes.total_cap), time = excluded.time, "
        "fetched = excluded.fetched, source = excluded.source WHERE excluded.time >= quotes.time",
        [(q.code, q.name, q.price, q.change_pct, q.change, q.open, q.high, q.low, q.prev_close, q.volume, q.amount,
          q.turnover_pct, q.total_cap, q.time, q.fetched, source) for q in qs])
    # An older answer still proves the stored quote is current (a stock that has not traded since).
    conn.executemany("UPDATE quotes SET fetched = max(fetched, ?) WHERE code = ?", [(q.fetched, q.code) for q in qs])
    return Changes(quotes={q.code for q in qs})


def _row_quote(r: tuple[Any, ...]) -> Quote:
    return Quote(code=r[0], name=r[1], price=r[2], change_pct=r[3], change=r[4], open=r[5], high=r[6], low=r[7],
                 prev_close=r[8], volume=r[9], amount=r[10], turnover_pct=r[11], total_cap=r[12], time=r[13],
                 fetched=r[14])


def latest_quotes(conn: sqlite3.Connection, codes: list[str], *, now: int, stale_before: int,
                  frozen_before: int = 0) -> list[QuoteRow]:
    """Stored quotes in the order asked (codes without one are left out); frozen: its own time is before
    `frozen_before` (market_hours.frozen_before)."""
    if not codes:
        return []
    found: dict[str, QuoteRow] = {}
    for r in conn.execute(f"SELECT {QUOTE_COLS} FROM quotes WHERE code IN ({IN_LIST})", (as_list(codes),)):
        q = _row_quote(r)
        found[q.code] = QuoteRow(q, r[15], q.fetched < stale_before, max(0, now - q.fetched),
                                 bool(q.time) and q.time < frozen_before)
    return [found[c] for c in codes if c in found]


def newest_quote_time(conn: sqlite3.Connection, codes: list[str]) -> int:
    """The latest own market time among the stored quotes of `codes` (0 when none)."""
    row = conn.execute(f"SELECT max(time) FROM quotes WHERE code IN ({IN_LIST})", (as_list(codes),)).fetchone()
    return int(row[0] or 0)


def all_quotes(conn: sqlite3.Connection) -> list[Quote]:
    """Every stored quote (a full-market snapshot's, for rules about every stock)."""
    return [_row_quote(r) for r in conn.execute(f"SELECT {QUOTE_COLS} FROM quotes")]


def last_fetched(conn: sqlite3.Connection, codes: list[str] | None = None) -> int | None:
    """When quotes (of these codes) were last fetched, to resume polling after a restart."""
    if codes is None:
        r = conn.execute("SELECT max(fetched) FROM quotes").fetchone()
    else:
        r = conn.execute(f"SELECT min(fetched) FROM quotes WHERE code IN ({IN_LIST})", (as_list(codes),)).fetchone()
    return r[0] if r else None


# -- boards ----------------------------------------------------------------------------------------------
def replace_boards(conn: sqlite3.Connection, kind: str, boards: list[Board], now: int) -> Changes:
    """The fetched list is authoritative for its type: renamed boards keep their code, vanished ones go."""
    if not boards:
        return Changes()
    codes = [b.code for b in boards]
    gone = [r[0] for r in conn.execute(f"SELECT code FROM boards WHERE type = ? AND code NOT IN ({IN_LIST})",
                                       (kind, as_list(codes)))]
    for code in gone:
        conn.execute("DELETE FROM board_members WHERE board_code = ?", (code,))
        conn.execute("DELETE FROM boards WHERE code = ?", (code,))
    conn.executemany(
        "INSERT INTO boards (code, name, type, change_pct, total_cap, up, down, leader, leader_change_pct, updated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
        "type = excluded.type, change_pct = excluded.change_pct, total_cap = excluded.total_cap, up = excluded.up, "
        "down = excluded.down, leader = excluded.leader, leader_change_pct = excluded.leader_change_pct, "
        "updated = excluded.updated",
        [(b.code, b.name, kind, b.change_pct, b.total_cap, b.up, b.down, b.leader, b.leader_change_pct, now)
         for b in boards])
    return Changes(boards=set(codes) | set(gone))


def replace_board_members(conn: sqlite3.Connection, board_code: str, codes: list[str]) -> Changes:
    conn.execute("DELETE FROM board_members WHERE board_code = ?", (board_code,))
    conn.executemany("INSERT OR IGNORE INTO board_members (board_code, code) VALUES (?, ?)",
                     [(board_code, c) for c in codes])
    return Changes(boards={board_code})


def boards_by_type(conn: sqlite3.Connection, kind: str) -> list[Board]:
    rows = conn.execute("SELECT code, name, type, change_pct, total_cap, up, down, leader, leader_change_pct "
                        "FROM boards WHERE type = ? ORDER BY total_cap DESC, code", (kind,)).fetchall()
    return [Board(*r) for r in rows]


def board_code_for(conn: sqlite3.Connection, name: str, kind: str | None = None) -> str | None:
    """The BK code a board goes by now, from the latest refresh (never a hard-coded table)."""
    sql, args = "SELECT code FROM boards WHERE name = ?", [name]
    if kind:
        sql, args = sql + " AND type = ?", [name, kind]
    r = conn.execute(sql, args).fetchone()
    return r[0] if r else None


def board_members(conn: sqlite3.Connection, board_code: str, *, now: int, stale_before: int) -> list[QuoteRow]:
    """Constituents with their stored quotes, biggest first."""
    codes = [r[0] for r in conn.execute("SELECT code FROM board_members WHERE board_code = ?", (board_code,))]
    rows = latest_quotes(conn, codes, now=now, stale_before=stale_before)
    return sorted(rows, key=lambda r: -(r.quote.total_cap or 0.0))


# -- bars ------------------------------------------------------------------------------------------------
def upsert_daily_bars(conn: sqlite3.Connection, bars: Iterable[Bar]) -> Changes:
    rows = [(b.code, b.adjust, b.time, b.open, b.high, b.low, b.close, b.volume, b.amount) for b in bars]
    conn.executemany("INSERT OR REPLACE INTO daily_bars (code, adjust, time, open, high, low, close, volume, amount) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return Changes(bars={r[0] for r in rows})


def upsert_intraday_bars(conn: sqlite3.Connection, bars: Iterable[Bar]) -> Changes:
    rows = [(b.code, b.time, b.open, b.high, b.low, b.close, b.volume, b.amount) for b in bars]
    conn.executemany("INSERT OR REPLACE INTO intraday_bars (code, time, open, high, low, close, volume, amount) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return Changes(bars={r[0] for r in rows})


def prune_intraday(conn: sqlite3.Connection, keep_since: int, keep_codes: Iterable[str]) -> Changes:
    """Bounded retention: drop bars before `keep_since` and bars of stocks no longer watched."""
    where = f"time < ? OR code NOT IN ({IN_LIST})"
    args = (keep_since, as_list(set(keep_codes)))
    touched = {r[0] for r in conn.execute(f"SELECT DISTINCT code FROM intraday_bars WHERE {where}", args)}
    if touched:
        conn.execute(f"DELETE FROM intraday_bars WHERE {where}", args)
    return Changes(bars=touched)


def _bars(rows: list[tuple[Any, ...]], adjust: str = "") -> list[Bar]:
    return [Bar(code=r[0], time=r[1], open=r[2], high=r[3], low=r[4], close=r[5], volume=r[6], amount=r[7],
                adjust=adjust) for r in rows]


def daily_bars(conn: sqlite3.Connection, code: str, adjust: str = "", days: int = 250) -> list[Bar]:
    rows = conn.execute("SELECT code, time, open, high, low, close, volume, amount FROM daily_bars "
                        "WHERE code = ? AND adjust = ? ORDER BY time DESC LIMIT ?", (code, adjust, days)).fetchall()
    return _bars(rows[::-1], adjust)


def intraday_bars(conn: sqlite3.Connection, code: str, since: int = 0) -> list[Bar]:
    rows = conn.execute("SELECT code, time, open, high, low, close, volume, amount FROM intraday_bars "
                        "WHERE code = ? AND time >= ? ORDER BY time", (code, since)).fetchall()
    return _bars(rows)


# -- watchlists ------------------------------------------------------------------------------------------
def ensure_default_watchlist(conn: sqlite3.Connection) -> Changes:
    """First run: the DEFAULT_WATCHLISTS. Nothing once any list exists (the user's lists are theirs)."""
    if conn.execute("SELECT 1 FROM watchlists LIMIT 1").fetchone():
        return Changes()
    for pos, (name, codes) in enumerate(DEFAULT_WATCHLISTS):
        cur = conn.execute("INSERT INTO watchlists (name, position) VALUES (?, ?)", (name, pos))
        conn.executemany("INSERT INTO watchlist_items (watchlist_id, code, position) VALUES (?, ?, ?)",
                         [(cur.lastrowid, code, i) for i, code in enumerate(codes)])
    return Changes(watchlists=True)


def rename_watchlist(conn: sqlite3.Connection, watchlist_id: int, name: str) -> Changes:
    conn.execute("UPDATE watchlists SET name = ? WHERE id = ?", (name, watchlist_id))
    return Changes(watchlists=True)


def create_watchlist(conn: sqlite3.Connection, name: str) -> tuple[int, Changes]:
    pos = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM watchlists").fetchone()[0]
    cur = conn.execute("INSERT INTO watchlists (name, position) VALUES (?, ?)", (name, pos))
    return int(cur.lastrowid or 0), Changes(watchlists=True)


def delete_watchlist(conn: sqlite3.Connection, watchlist_id: int) -> Changes:
    conn.execute("DELETE FROM watchlists WHERE id = ?", (watchlist_id,))
    return Changes(watchlists=True)


def set_watchlist_codes(conn: sqlite3.Connection, watchlist_id: int, codes: list[str]) -> Changes:
    """Replace a list's codes, in this order (add, remove and reorder all go through here)."""
    conn.execute("DELETE FROM watchlist_items WHERE watchlist_id = ?", (watchlist_id,))
    conn.executemany("INSERT OR IGNORE INTO watchlist_items (watchlist_id, code, position) VALUES (?, ?, ?)",
                     [(watchlist_id, c, i) for i, c in enumerate(dict.fromkeys(codes))])
    return Changes(watchlists=True)


def add_to_watchlist(conn: sqlite3.Connection, watchlist_id: int, code: str) -> Changes:
    pos = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM watchlist_items WHERE watchlist_id = ?",
                       (watchlist_id,)).fetchone()[0]
    conn.execute("INSERT OR IGNORE INTO watchlist_items (watchlist_id, code, position) VALUES (?, ?, ?)",
                 (watchlist_id, code, pos))
    return Changes(watchlists=True)


def remove_from_watchlist(conn: sqlite3.Connection, watchlist_id: int, code: str) -> Changes:
    conn.execute("DELETE FROM watchlist_items WHERE watchlist_id = ? AND code = ?", (watchlist_id, code))
    return Changes(watchlists=True)


def watchlists(conn: sqlite3.Connection) -> list[Watchlist]:
    lists = conn.execute("SELECT id, name FROM watchlists ORDER BY position, id").fetchall()
    out = []
    for wid, name in lists:
        codes = tuple(r[0] for r in conn.execute(
            "SELECT code FROM watchlist_items WHERE watchlist_id = ? ORDER BY position, code", (wid,)))
        out.append(Watchlist(wid, name, codes))
    return out


def watched_codes(conn: sqlite3.Connection) -> list[str]:
    """Every code on any list, in list order, once."""
    return list(dict.fromkeys(c for w in watchlists(conn) for c in w.codes))


# -- trading calendar ------------------------------------------------------------------------------------
def save_trade_dates(conn: sqlite3.Connection, dates: Iterable[date]) -> Changes:
    conn.execute("DELETE FROM trade_dates")
    conn.executemany("INSERT OR IGNORE INTO trade_dates (date) VALUES (?)", [(d.isoformat(),) for d in dates])
    return Changes()


def load_trade_dates(conn: sqlite3.Connection) -> list[date]:
    return [date.fromisoformat(r[0]) for r in conn.execute("SELECT date FROM trade_dates ORDER BY date")]

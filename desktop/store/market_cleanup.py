"""Schema v4: market rows stored before names and numbers were checked at ingest (issue 24), cleaned once.

A database written by an older Huohua can hold what a market answer carried then: names with markup, control,
bidi or zero-width characters (`<img src="file://…">宁德时代`), an update time of 1e300 (a quote "newer" than
every later answer: it was never replaced again), negative prices, 300-digit lows. The same rules as ingest
(core/market_checks.py) apply to what is stored:

- names (stocks, their former names, quotes, boards and their leaders) through `clean_name`; a name that was
  nothing but markup becomes the stock's code (stocks.name is never empty);
- a quote failing `check_quote` is deleted, as ingest drops such a row: `quotes` is a cache of the latest
  answer, refilled on the next poll (a stock row, its lists and alerts are untouched);
- a stock's caps and a board's figures out of range become NULL ("not available"): those rows also hold names
  the directory, the heatmap and tagging need, so they stay;
- daily and 1-minute bars failing the bar checks (a time outside the calendar's span, a price missing or not
  above 0 — 前复权 prices may be negative, as ingest allows —, a figure out of range) are deleted: the chart
  fetches them again. A bar without a volume or amount keeps its prices (older versions stored NULL there).

Good rows are left exactly as they are (a row is rewritten only when something in it changes).
"""

from __future__ import annotations

import sqlite3

from desktop.core import clock
from desktop.core import market_checks as mc
from desktop.core.market import Quote

_QUOTE_COLS = ("code", "name", "price", "change_pct", "change", "open", "high", "low", "prev_close", "volume",
               "amount", "turnover_pct", "total_cap", "time")
_BOARD_NUMBERS = {"change_pct": (-mc.BOARD_MAX_PCT, mc.BOARD_MAX_PCT), "total_cap": (0.0, mc.MAX_CAP),
                  "up": (0, mc.MAX_COUNT), "down": (0, mc.MAX_COUNT),
                  "leader_change_pct": (-100.0, mc.NO_LIMIT_MAX_PCT)}


def clean_market_rows(conn: sqlite3.Connection) -> None:
    """Migration 4 (runs inside the migration's transaction)."""
    limits = mc.Limits.at(clock.now())
    _clean_stocks(conn)
    _clean_quotes(conn, limits)
    _clean_boards(conn)
    _clean_bars(conn, limits)


def _name(name: object, fallback: str = "") -> str:
    text = mc.clean_name(name).strip() if isinstance(name, str) else ""
    return text or fallback


def _in_range(v: object, low: float, high: float) -> bool:
    return (v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and low <= v <= high))


def _clean_stocks(conn: sqlite3.Connection) -> None:
    from desktop.store.market_store import pinyin_keys

    rows = conn.execute("SELECT code, name, former_names, total_cap, float_cap FROM stocks").fetchall()
    for code, name, former, total_cap, float_cap in rows:
        new_name = _name(name, code)
        new_former = "|".join(n for n in (_name(f) for f in (former or "").split("|")) if n)
        caps = [c if _in_range(c, 0.0, mc.MAX_CAP) else None for c in (total_cap, float_cap)]
        if new_name != name:
            conn.execute("UPDATE stocks SET name = ?, pinyin = ? WHERE code = ?",
                         (new_name, pinyin_keys(new_name), code))
        if new_former != (former or ""):
            conn.execute("UPDATE stocks SET former_names = ? WHERE code = ?", (new_former, code))
        if caps != [total_cap, float_cap]:
            conn.execute("UPDATE stocks SET total_cap = ?, float_cap = ? WHERE code = ?", (*caps, code))


def _clean_quotes(conn: sqlite3.Connection, limits: mc.Limits) -> None:
    rows = conn.execute(f"SELECT {', '.join(_QUOTE_COLS)} FROM quotes").fetchall()
    for row in rows:
        values = dict(zip(_QUOTE_COLS, row, strict=True))
        code, name = values["code"], values["name"]
        numbers_ok = all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                         for k, v in values.items() if k not in ("code", "name"))
        checked = mc.check_quote(Quote(**values), limits) if numbers_ok else None
        if not isinstance(checked, Quote):
            conn.execute("DELETE FROM quotes WHERE code = ?", (code,))
            continue
        new_name = _name(name)
        if new_name != name:
            conn.execute("UPDATE quotes SET name = ? WHERE code = ?", (new_name, code))


def _clean_boards(conn: sqlite3.Connection) -> None:
    cols = ("code", "name", "leader", *_BOARD_NUMBERS)
    for row in conn.execute(f"SELECT {', '.join(cols)} FROM boards").fetchall():
        values = dict(zip(cols, row, strict=True))
        new = dict(values, name=_name(values["name"], values["code"]), leader=_name(values["leader"]))
        for field, (low, high) in _BOARD_NUMBERS.items():
            if not _in_range(values[field], low, high):
                new[field] = None
        for field in ("up", "down"):            # counts are whole numbers
            if new[field] is not None and new[field] != int(new[field]):
                new[field] = None
        changed = [c for c in cols if new[c] != values[c]]
        if changed:
            conn.execute(f"UPDATE boards SET {', '.join(f'{c} = ?' for c in changed)} WHERE code = ?",
                         (*(new[c] for c in changed), values["code"]))


def _bad_bar(adjusted: str) -> str:
    """SQL true for a bar row the bar checks would drop; `adjusted` is SQL true where prices may be below 0
    (前复权 histories). NaN was stored as NULL; infinity compares above every bound."""
    def outside(col: str, low: str, high: float, *, nullable: bool = False) -> str:
        kinds = "'integer', 'real', 'null'" if nullable else "'integer', 'real'"
        return f"(typeof({col}) NOT IN ({kinds}) OR {col} {low} OR {col} > {high!r})"

    parts = ["(typeof(time) != 'integer' OR time < :earliest OR time > :latest)"]
    parts += [outside(c, f"< -{mc.MAX_PRICE!r} OR ({c} <= 0 AND NOT ({adjusted}))", mc.MAX_PRICE)
              for c in ("open", "high", "low", "close")]
    # a missing volume or amount (older versions stored NULL) keeps the bar: its prices are still drawn
    parts += [outside("volume", "< 0", mc.MAX_VOLUME, nullable=True),
              outside("amount", "< 0", mc.MAX_AMOUNT, nullable=True)]
    return " OR ".join(parts)


def _clean_bars(conn: sqlite3.Connection, limits: mc.Limits) -> None:
    span = {"earliest": limits.earliest, "latest": limits.latest}
    conn.execute(f"DELETE FROM daily_bars WHERE {_bad_bar('adjust != ' + repr(''))}", span)
    conn.execute(f"DELETE FROM intraday_bars WHERE {_bad_bar('0')}", span)

"""The daily 复盘 read from the local store only (issue 26): the CLI's `huohua review` and the window's 复盘 view
share it. No request is made here — it works offline from what the window (or a replay) stored; a day with
nothing stored says so (status "empty"), a day the exchanges were closed says that (status "holiday").

The day defaults to the newest session stored: today's after the close (or during it: the review so far).
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from desktop.core import review as rv
from desktop.core.breadth import count
from desktop.core.indices import INDICES
from desktop.core.limit_pools import POOLS, ladder
from desktop.core.limit_reasons import best, session_bounds, themes_of
from desktop.core.market_hours import SHANGHAI, trading_date
from desktop.store import limit_pools as pools_store
from desktop.store import review_reads as reads
from desktop.store.breadth_rows import session_rows


def calendar_of(conn: sqlite3.Connection) -> Any:
    """The bundled calendar merged with the trade dates stored (what the market service believes in)."""
    from desktop.core.trading_calendar import offline_calendar
    from desktop.store.market_store import load_trade_dates

    cal = offline_calendar()
    try:
        dates = load_trade_dates(conn)
    except sqlite3.OperationalError:
        dates = []
    return cal.merged(dates) if dates else cal


def _start(day: date) -> int:
    return int(datetime.combine(day, time(0), tzinfo=SHANGHAI).timestamp())


def default_day(conn: sqlite3.Connection, cal: Any, now: datetime) -> date:
    """The newest session stored (a quote's day or a pool's), else the last session at `now`."""
    found = []
    t = reads.newest_quote_time(conn)
    if t:
        found.append(datetime.fromtimestamp(t, SHANGHAI).date())
    d = reads.newest_pool_day(conn)
    if d:
        found.append(date.fromisoformat(d))
    return max(found) if found else trading_date(now, cal)


def build(conn: sqlite3.Connection, day: date, cal: Any, theme_map: dict[str, tuple[str, ...]] | None = None,
          positions: tuple[list[Any], str] | None = None) -> rv.Review:
    """The 复盘 of `day` from `conn` (a read-only connection); `positions` (trades, cost method): limited to
    holdings (services/review_holdings.py)."""
    iso = day.isoformat()
    if not cal.is_trading_day(day):
        return rv.Review(iso, "holiday")
    since, until = _start(day), _start(day) + 86400 - 1
    review = rv.Review(
        iso, "ok", indices=_indices(conn, day, since, until), breadth=_breadth(conn, day),
        boards=_boards(conn, day, cal), **_limits(conn, day, cal, theme_map),
        watch=_watch(conn, day, cal) if positions is None else ())
    if positions is not None:
        from desktop.services.review_holdings import limit_to_holdings

        review = limit_to_holdings(conn, review, day, cal, positions[0], positions[1], since)
    if rv.has_content(review):
        return review
    return rv.Review(iso, "empty", watch=review.watch, holdings=review.holdings)


def _indices(conn: sqlite3.Connection, day: date, since: int, until: int) -> tuple[rv.IndexLine, ...]:
    quoted = reads.quotes_between(conn, [i.key for i in INDICES], since, until)
    out = []
    for i in INDICES:
        if i.key in quoted:
            _name, price, pct = quoted[i.key]
            out.append(rv.IndexLine(i.key, i.name, price, pct, "quote"))
            continue
        bar = reads.daily_close(conn, i.key, since)
        close, prev = bar if bar is not None else (None, None)
        if close is not None:
            pct = round((close / prev - 1) * 100, 2) if prev else None
            out.append(rv.IndexLine(i.key, i.name, close, pct, "daily"))
    return tuple(out)


def _breadth(conn: sqlite3.Connection, day: date) -> dict[str, Any] | None:
    """The stored snapshot's breadth when it is of `day` (quotes are kept as the latest only: an earlier
    session's breadth is gone once the next session was read)."""
    start, rows = session_rows(conn)
    if start is None or datetime.fromtimestamp(start, SHANGHAI).date() != day:
        return None
    b = count(rows, day)
    return b.to_dict() if b.total else None


def _boards(conn: sqlite3.Connection, day: date, cal: Any) -> dict[str, dict[str, tuple[rv.BoardLine, ...]]]:
    """Each kind's top boards, when the stored boards were read during `day`'s session or after it, before the
    next session opened (the board list is kept as the latest only)."""
    from desktop.store.market_store import boards_by_type

    out = {}
    for kind in ("industry", "concept"):
        at = reads.boards_updated(conn, kind)
        if not at or trading_date(datetime.fromtimestamp(at, SHANGHAI), cal) != day:
            continue
        boards = boards_by_type(conn, kind)
        leaders = reads.codes_by_name(conn, (b.leader for b in boards))
        top = rv.top_boards(boards, leaders)
        if top["up"] or top["down"]:
            out[kind] = top
    return out


def theme_table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, str]]]:
    """(theme → its industries, theme → (中文, English) label) of the bundled themes.toml."""
    from desktop.config import resources_dir
    from desktop.tagging.themes import load_themes

    themes = [t for t in load_themes(resources_dir() / "themes.toml") if t.industries]
    return {t.name: t.industries for t in themes}, {t.name: (t.label_zh, t.label_en) for t in themes}


def _limits(conn: sqlite3.Connection, day: date, cal: Any, theme_map: dict[str, tuple[str, ...]] | None
            ) -> dict[str, Any]:
    from desktop.core.limit_reasons import reasons

    labels: dict[str, tuple[str, str]] = {}
    iso = day.isoformat()
    pools = {k: (len(pools_store.pool(conn, k, iso)) if pools_store.fetched_at(conn, k, iso) is not None else None)
             for k in POOLS}
    rows = ladder(pools_store.pool(conn, "zt", iso)) if pools["zt"] else []
    lines: list[rv.LimitLine] = []
    if rows:
        if theme_map is None:
            theme_map, labels = theme_table()
        since, until = session_bounds(iso, cal.previous_trading_day(day).isoformat())
        codes = [r.code for r in rows]
        industries = pools_store.stock_industries(conn, codes)
        linked = pools_store.linked_evidence(conn, codes, since, until)
        wanted = {t for r in rows if not linked.get(r.code)
                  for t in themes_of(r.industry or industries.get(r.code, ""), theme_map)}
        chosen = reasons(rows, linked, pools_store.theme_evidence(conn, wanted, since, until), theme_map, industries)
        named = pools_store.titles(conn, [r.article_id for r in chosen.values() if r is not None])
        lines = [rv.limit_line(r, _titled(chosen.get(r.code), named)) for r in rows]
    return {"pools": pools, "zb_rate": rv.zb_rate(pools["zt"], pools["zb"]), "ladder": rv.ladder(lines),
            "themes": rv.by_theme(lines, lambda ind: themes_of(ind, theme_map or {})), "theme_labels": labels}


def _titled(reason: Any, named: dict[int, str]) -> Any:
    from dataclasses import replace

    return None if reason is None else replace(reason, title=named.get(reason.article_id, ""))


def _watch(conn: sqlite3.Connection, day: date, cal: Any) -> tuple[rv.WatchLine, ...]:
    items = reads.watch_items(conn)
    codes = list(dict.fromkeys(code for _l, code in items))
    if not codes:
        return ()
    lists: dict[str, list[str]] = {}
    for name, code in items:
        lists.setdefault(code, []).append(name)
    start = _start(day)
    quoted = reads.quotes_between(conn, codes, start, start + 86400 - 1)
    names = reads.stock_names(conn, codes)
    since, until = session_bounds(day.isoformat(), cal.previous_trading_day(day).isoformat())
    linked = pools_store.linked_evidence(conn, codes, since, until)
    top = {c: best(linked.get(c, [])) for c in codes}
    titles = pools_store.titles(conn, [r.article_id for r in top.values() if r is not None])
    out = []
    for code in codes:
        name, price, pct = quoted.get(code, (names.get(code, ""), None, None))
        if price is None:
            bar = reads.daily_close(conn, code, start)
            if bar is not None and bar[0] is not None:
                price, pct = bar[0], (round((bar[0] / bar[1] - 1) * 100, 2) if bar[1] else None)
        reason = _titled(top[code], titles)
        out.append(rv.WatchLine(code, name or names.get(code, ""), tuple(lists[code]), price, pct,
                                rv.reason_dict(reason), len(linked.get(code, []))))
    # the day's biggest moves first; stocks without a figure last, in list order
    return tuple(sorted(out, key=lambda w: (w.change_pct is None, -abs(w.change_pct or 0.0))))


def review_of(db_path: Path, day: date | None, now: datetime, holdings: bool = False,
              positions_db: Path | None = None) -> rv.Review:
    """The 复盘 of `day` (None: the newest session stored) from the database at `db_path`; a database that does not
    exist yet is a day with nothing stored. `holdings`: limited to what is held, the trades read from
    `positions_db` (default `db_path`; a replay prices the user's own trades)."""
    from desktop.store.db import connect_ro

    positions = positions_of(positions_db or db_path) if holdings else None

    if not Path(db_path).exists():
        from desktop.core.trading_calendar import offline_calendar

        cal = offline_calendar()
        d = day or default_day_without_store(now, cal)
        return rv.Review(d.isoformat(), "holiday" if not cal.is_trading_day(d) else "empty",
                         holdings=() if holdings else None)
    with contextlib.closing(connect_ro(db_path)) as conn:
        cal = calendar_of(conn)
        return build(conn, day or default_day(conn, cal, now), cal, positions=positions)


def positions_of(db_path: Path) -> tuple[list[Any], str]:
    """(the trades, the cost method) stored at `db_path`; none when the database or its table is not there."""
    from desktop.store import positions_store as ps
    from desktop.store.db import connect_ro

    if not Path(db_path).exists():
        return [], "average"
    with contextlib.closing(connect_ro(db_path)) as conn:
        try:
            return ps.trades(conn), ps.method(conn)
        except sqlite3.OperationalError:        # a database from before 持仓
            return [], "average"


def default_day_without_store(now: datetime, cal: Any) -> date:
    return trading_date(now, cal)

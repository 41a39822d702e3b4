"""涨停 / 炸板 / 跌停 pools for the CLI (and later the 涨停 pane): fetch a day's pool through the market source,
store it per trading day, read it back in ladder order with each 涨停 stock's reason (core/limit_reasons.py).
The window's market service polls all three (MarketService.refresh_limit_pools: fetch_pools, then save).

A past day whose pool was read after that day's close is final: it is read from the store, without a request.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from desktop.config import resources_dir
from desktop.core.limit_pools import POOLS, LimitRow, ladder
from desktop.core.limit_reasons import Reason, reasons, session_bounds, themes_of
from desktop.core.market_hours import SHANGHAI, trading_date
from desktop.store import limit_pools as store

CLOSE = time(15, 0)


def default_day(service: Any) -> date:
    """The trading day whose pool is current: today once the auction opened, else the last session."""
    return trading_date(service.clock(), service.calendar)


def _conn(service: Any) -> Any:
    from desktop.store.db import connect_ro

    return contextlib.closing(connect_ro(service.db_path))


def is_final(service: Any, kind: str, day: date) -> bool:
    """The stored pool of `day` was read after the day's close: it will not change."""
    with _conn(service) as conn:
        at = store.fetched_at(conn, kind, day.isoformat())
    close = datetime.combine(day, CLOSE, tzinfo=SHANGHAI).timestamp()
    return at is not None and at >= close


def refresh(service: Any, kind: str, day: date) -> int:
    """Fetch and store one pool of one day; the rows stored. SourceError when the request fails."""
    rows = service.source.limit_pool(kind, day)
    save(service, day, {kind: rows})
    return len(rows)


def fetch_pools(source: Any, day: date) -> dict[str, list[LimitRow]]:
    """The three pools of `day` (3 requests through the source: the shared rate limiter counts each). A failing
    one raises SourceError and nothing is stored: the poll is all or nothing, like the heatmap's boards."""
    return {kind: source.limit_pool(kind, day) for kind in POOLS}


def save(service: Any, day: date, pools: dict[str, list[LimitRow]]) -> Any:
    """Store `pools` as `day`'s, stamped now; the commit's Changes carry each (pool, day) on the bus."""
    fetched = int(service.clock().timestamp())
    return service.writer.call(lambda c: store.store_pools(c, day.isoformat(), pools, fetched))


def theme_industries() -> dict[str, tuple[str, ...]]:
    """theme name → its industries (the bundled themes.toml)."""
    from desktop.tagging.themes import load_themes

    return {t.name: t.industries for t in load_themes(resources_dir() / "themes.toml") if t.industries}


def read(service: Any, kind: str, day: date, themes: dict[str, tuple[str, ...]] | None = None
         ) -> tuple[list[LimitRow], dict[str, Reason | None], bool]:
    """(the stored pool of `day` in ladder order, each 涨停 stock's reason, whether the pool was ever read)."""
    iso = day.isoformat()
    with _conn(service) as conn:
        rows = ladder(store.pool(conn, kind, iso))
        known = store.fetched_at(conn, kind, iso) is not None
        if kind != "zt" or not rows:
            return rows, {}, known
        previous = service.calendar.previous_trading_day(day).isoformat()
        since, until = session_bounds(iso, previous)
        codes = [r.code for r in rows]
        themes = theme_industries() if themes is None else themes
        industries = store.stock_industries(conn, codes)
        linked = store.linked_evidence(conn, codes, since, until)
        wanted = {t for r in rows if not linked.get(r.code)
                  for t in themes_of(r.industry or industries.get(r.code, ""), themes)}
        by_theme = store.theme_evidence(conn, wanted, since, until)
        chosen = reasons(rows, linked, by_theme, themes, industries)
        named = store.titles(conn, [r.article_id for r in chosen.values() if r is not None])
    return rows, {c: r and replace(r, title=named.get(r.article_id, "")) for c, r in chosen.items()}, known


def row_dict(row: LimitRow, reason: Reason | None) -> dict[str, Any]:
    """One row as `huohua limitup --json` writes it (docs/TESTING.md)."""
    return {"code": row.code, "name": row.name, "pool": row.pool, "day": row.day, "streak": row.streak,
            "first_sealed": row.first_sealed or None, "last_sealed": row.last_sealed or None,
            "board": row.industry or None, "change_pct": row.change_pct, "price": row.price, "amount": row.amount,
            "seal_funds": row.seal_funds, "breaks": row.breaks, "float_cap": row.float_cap,
            "reason": reason.to_dict() if reason else None, "evidence": reason.evidence if reason else 0}


REPLAY_FEED_URL = "https://replay.huohua.invalid/news.xml"   # .invalid: never resolvable, never fetched


def seed_recording_news(service: Any, directory: Path) -> int:
    """A replay's throw-away database gets the recording's own news (DIR/news.xml, as the demo carries), tagged
    with the bundled stock list, dated as written: the reasons of a recorded day come from its news. The
    articles added (0 without a news.xml)."""
    from desktop.services.parse_pool import parse_and_tag
    from desktop.sources.replay import read_meta
    from desktop.store import articles as article_ops
    from desktop.store import feeds as feed_ops
    from desktop.tagging.tagger import Tagger

    path = Path(directory) / "news.xml"
    if not path.is_file():
        return 0
    start = read_meta(Path(directory)).get("start")
    fetched = int(datetime.fromisoformat(start).timestamp()) if start else int(service.clock().timestamp())
    parsed = parse_and_tag(path.read_bytes(), {}, REPLAY_FEED_URL, fetched,
                           tagger=Tagger.from_resources(resources_dir()))

    def op(conn: Any) -> int:
        ids, _ = feed_ops.add_feeds(conn, [feed_ops.NewFeed(url=REPLAY_FEED_URL, title="录制资讯", folder="录制")])
        if not ids:
            return 0
        feed_ops.update_feed(conn, ids[0], enabled=0)
        return len(article_ops.ingest(conn, ids[0], parsed.items, fetched).new)

    added: int = service.writer.call(op)
    return added


__all__ = ["POOLS", "default_day", "fetch_pools", "is_final", "read", "refresh", "row_dict", "save",
           "seed_recording_news", "theme_industries"]

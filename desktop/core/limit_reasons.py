"""Why a stock sealed 涨停 (issue 26): the best explanation among its news since the previous close.

The order, strongest first:
  0. a 公告 linked to the stock (the company's own announcement: 重组, 中标, 业绩预增 …);
  1. news linking only this stock (a story about it, not a list it is one name of);
  2. news linking it among other stocks;
  3. news of its themes (tagged with a theme whose industries hold the stock's 所属行业), linking no stock of its
     own — the sector moved, and the stock with it.
Within a tier: an item published before the stock first sealed (a cause precedes its effect) before one after,
then the surer link (the tagger's confidence), then the item nearest the sealing (the newest of those before
it; the earliest of those after), then the smaller article id. The evidence count is how many items back the
stock: its linked items (tiers 0–2), or, when it has none, its themes' items. Pure: the store reads the items
(store/limit_pools.py), nothing here touches a database or Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from desktop.core.limit_pools import LimitRow
from desktop.core.market_hours import SHANGHAI

TIERS = ("notice", "only", "linked", "theme")


@dataclass(frozen=True, slots=True)
class Evidence:
    article_id: int
    title: str
    published: int          # Unix seconds
    notice: bool            # a 公告
    linked: int             # how many stocks the article links (0: none)
    confidence: float       # the link's confidence (0 for a theme's item)
    own: bool               # linked to this stock (False: a theme's item)


@dataclass(frozen=True, slots=True)
class Reason:
    article_id: int
    title: str
    tier: str               # one of TIERS
    evidence: int           # how many items back the stock

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "title": self.title}


def tier(e: Evidence) -> int:
    if not e.own:
        return 3
    if e.notice:
        return 0
    return 1 if e.linked <= 1 else 2


def sealed_at(row: LimitRow) -> int | None:
    """The moment the stock first sealed (Unix seconds), None when the pool gives no time."""
    if not row.sealed:
        return None
    h, m, s = (int(x) for x in row.sealed.split(":"))
    y, mo, d = (int(x) for x in row.day.split("-"))
    return int(datetime(y, mo, d, h, m, s, tzinfo=SHANGHAI).timestamp())


def _key(e: Evidence, sealed: int | None) -> tuple[Any, ...]:
    before = sealed is None or e.published <= sealed
    nearness = -e.published if before else e.published
    return (tier(e), not before, -e.confidence, nearness, e.article_id)


def best(items: Iterable[Evidence], sealed: int | None = None) -> Reason | None:
    """The strongest item (module docstring), or None when there is none."""
    items = list(items)
    if not items:
        return None
    top = min(items, key=lambda e: _key(e, sealed))
    own = len({e.article_id for e in items if e.own})
    count = own if own else len({e.article_id for e in items})
    return Reason(top.article_id, top.title, TIERS[tier(top)], count)


def themes_of(industry: str, theme_industries: dict[str, tuple[str, ...]]) -> list[str]:
    """The themes whose industries hold `industry` (themes.toml's `industries`)."""
    return [t for t, inds in theme_industries.items() if industry and industry in inds]


def reasons(rows: list[LimitRow], linked: dict[str, list[Evidence]], by_theme: dict[str, list[Evidence]],
            theme_industries: dict[str, tuple[str, ...]], industries: dict[str, str] | None = None
            ) -> dict[str, Reason | None]:
    """code → its reason (or None), for every row of a pool. `linked`: each code's linked items; `by_theme`:
    each theme's items; `industries`: the stock list's industry per code, used when the pool gives none."""
    industries = industries or {}
    out: dict[str, Reason | None] = {}
    for row in rows:
        items = linked.get(row.code, [])
        if not items:
            industry = row.industry or industries.get(row.code, "")
            seen: dict[int, Evidence] = {}
            for theme in themes_of(industry, theme_industries):
                for e in by_theme.get(theme, ()):
                    seen.setdefault(e.article_id, e)
            items = list(seen.values())
        out[row.code] = best(items, sealed_at(row))
    return out


def session_bounds(day: str, previous_day: str) -> tuple[int, int]:
    """[the previous session's close, the end of `day`] in Unix seconds: the news that can explain a move of
    `day` (an evening 复盘 of the day counts; the next morning's does not)."""
    def at(d: str, t: time) -> int:
        y, m, dd = (int(x) for x in d.split("-"))
        return int(datetime(y, m, dd, t.hour, t.minute, t.second, tzinfo=SHANGHAI).timestamp())

    return at(previous_day, time(15, 0)), at(day, time(23, 59, 59))

"""The daily 复盘 (issue 26), assembled from what is stored: indices and breadth, the boards up and down most with
their leaders, 涨停 by 题材 with reasons and the 连板 ladder, the 炸板 rate, the watchlists' moves with their top
linked item. Qt-free and pure: services/review.py reads the store, core/review_text.py writes text and Markdown.

A part of the day that is not stored is None (or empty), never a guess: the breadth of a past session is only
known when the stored whole-market snapshot is of that session (quotes are kept as the latest only), and a
board's change only when the boards were read during (or after) that session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

TOP_BOARDS = 5
OTHER_THEME = "其他"       # a 涨停 stock with neither a theme nor an industry

# status of a review: "ok" (something of the day is stored), "empty" (a trading day with nothing stored),
# "holiday" (not a trading day: the exchanges were closed)
STATUSES = ("ok", "empty", "holiday")


@dataclass(frozen=True, slots=True)
class IndexLine:
    key: str                    # "sh000001" (core/indices.py)
    name: str
    close: float | None         # the latest stored price of the day (the close after 15:00)
    change_pct: float | None
    basis: str                  # "quote" (the day's stored quote) or "daily" (the stored 日K bar)


@dataclass(frozen=True, slots=True)
class BoardLine:
    code: str
    name: str
    type: str                   # "industry" | "concept"
    change_pct: float
    leader: str                 # the board's leading stock (name, as the source gives it)
    leader_code: str | None     # its code when the stock list knows the name
    leader_change_pct: float | None


@dataclass(frozen=True, slots=True)
class LimitLine:
    code: str
    name: str
    streak: int                 # 连板数 (1 when the pool gives none)
    first_sealed: str | None
    board: str | None           # 所属行业
    reason: dict[str, Any] | None   # {"article_id", "title", "tier"} or None
    evidence: int


@dataclass(frozen=True, slots=True)
class WatchLine:
    code: str
    name: str
    lists: tuple[str, ...]      # the watchlists holding it
    price: float | None
    change_pct: float | None
    news: dict[str, Any] | None   # its top linked item of the day: {"article_id", "title", "tier"} or None
    evidence: int               # how many linked items the day has


@dataclass(frozen=True, slots=True)
class HoldLine:
    """A held stock in the 复盘 limited to holdings (issue 27): what is held at the day's end and its 当日盈亏."""

    code: str
    name: str
    shares: int
    price: float | None
    change_pct: float | None
    pnl_today: float | None     # 当日盈亏, 元 to the cent (core/positions.day_pnl); None without the day's quote
    news: dict[str, Any] | None
    evidence: int


@dataclass(frozen=True, slots=True)
class Review:
    day: str
    status: str
    indices: tuple[IndexLine, ...] = ()
    breadth: dict[str, Any] | None = None
    boards: dict[str, dict[str, tuple[BoardLine, ...]]] = field(default_factory=dict)
    pools: dict[str, int | None] = field(default_factory=lambda: dict.fromkeys(("zt", "zb", "dt")))  # count (None:
                                                                                   # the pool is not stored)
    zb_rate: float | None = None
    ladder: tuple[tuple[int, int, tuple[str, ...]], ...] = ()         # (连板, how many, their names), highest first
    themes: tuple[tuple[str, tuple[LimitLine, ...]], ...] = ()
    theme_labels: dict[str, tuple[str, str]] = field(default_factory=dict)   # theme → (中文, English) label
    watch: tuple[WatchLine, ...] = ()
    # limited to holdings (`huohua review --holdings`, the view's 只看持仓): the held stocks instead of the
    # watchlists, and board code → the held stocks' names in it (the board lines mark them); None: not limited
    holdings: tuple[HoldLine, ...] | None = None
    held_boards: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def held(self) -> frozenset[str]:
        """The codes held (empty when not limited to holdings)."""
        return frozenset(h.code for h in self.holdings or ())

    def label(self, theme: str, language: str) -> str:
        """A group's name as shown: a themes.toml theme's label, else the industry's own name."""
        zh, en = self.theme_labels.get(theme, (theme, theme))
        return en if str(language).startswith("en") else zh

    def to_dict(self) -> dict[str, Any]:
        """`huohua review --json` (docs/TESTING.md, "The daily 复盘"); limited to holdings, `holdings` takes the
        place of `watch`, and each board line and 涨停 stock says whether (what) it holds (`held`)."""
        out: dict[str, Any] = {
            "day": self.day, "status": self.status,
            "indices": [asdict(i) for i in self.indices],
            "breadth": self.breadth,
            "boards": {k: {side: [asdict(b) for b in lines] for side, lines in sides.items()}
                       for k, sides in self.boards.items()},
            "pools": dict(self.pools), "zb_rate": self.zb_rate,
            "ladder": [{"streak": s, "count": n, "names": list(names)} for s, n, names in self.ladder],
            "themes": [{"theme": t, "label": self.label(t, "zh"), "label_en": self.label(t, "en"),
                        "stocks": [asdict(x) for x in lines]} for t, lines in self.themes],
            "watch": [{**asdict(w), "lists": list(w.lists)} for w in self.watch],
        }
        if self.holdings is None:
            return out
        del out["watch"]
        held = self.held
        for sides in out["boards"].values():
            for lines in sides.values():
                for b in lines:
                    b["held"] = list(self.held_boards.get(b["code"], ()))
        for group in out["themes"]:
            for x in group["stocks"]:
                x["held"] = x["code"] in held
        out["holdings"] = [asdict(h) for h in self.holdings]
        return out


def zb_rate(zt: int | None, zb: int | None) -> float | None:
    """炸板率 = 炸板 / (涨停 + 炸板), in % with one decimal; None when a pool is not stored or both are empty."""
    if zt is None or zb is None or zt + zb == 0:
        return None
    return round(100.0 * zb / (zt + zb), 1)


def top_boards(boards: Iterable[Any], leader_codes: dict[str, str], n: int = TOP_BOARDS
               ) -> dict[str, tuple[BoardLine, ...]]:
    """{"up": the n boards up most (only those up), "down": the n down most (only those down)}."""
    lines = [BoardLine(b.code, b.name, b.type, b.change_pct, b.leader, leader_codes.get(b.leader),
                       b.leader_change_pct) for b in boards if b.change_pct is not None]
    up = sorted((b for b in lines if b.change_pct > 0), key=lambda b: (-b.change_pct, b.code))[:n]
    down = sorted((b for b in lines if b.change_pct < 0), key=lambda b: (b.change_pct, b.code))[:n]
    return {"up": tuple(up), "down": tuple(down)}


def limit_line(row: Any, reason: Any) -> LimitLine:
    return LimitLine(row.code, row.name, row.streak or 1, row.first_sealed or None, row.industry or None,
                     reason_dict(reason), reason.evidence if reason else 0)


def reason_dict(reason: Any) -> dict[str, Any] | None:
    return None if reason is None else {"article_id": reason.article_id, "title": reason.title, "tier": reason.tier}


def ladder(lines: Iterable[LimitLine]) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """The 连板 ladder: per 连板 count (highest first) how many stocks, and their names (in pool order)."""
    by: dict[int, list[str]] = {}
    for x in lines:
        by.setdefault(x.streak, []).append(x.name)
    return tuple((s, len(by[s]), tuple(by[s])) for s in sorted(by, reverse=True))


def by_theme(lines: Iterable[LimitLine], themes_of: Any) -> tuple[tuple[str, tuple[LimitLine, ...]], ...]:
    """涨停 grouped by 题材: each stock under its first theme (themes.toml's industries), else its industry,
    else 其他; groups by size, then by their highest 连板, then name. `themes_of(industry)` → theme names."""
    groups: dict[str, list[LimitLine]] = {}
    for x in lines:
        found = themes_of(x.board or "")
        groups.setdefault(found[0] if found else (x.board or OTHER_THEME), []).append(x)
    order = sorted(groups, key=lambda t: (-len(groups[t]), -max(x.streak for x in groups[t]), t))
    return tuple((t, tuple(groups[t])) for t in order)


def has_content(r: Review) -> bool:
    """Anything of the day stored at all."""
    return bool(r.indices or r.breadth or any(r.boards.get(k, {}).get(s) for k in r.boards for s in ("up", "down"))
                or any(v is not None for v in r.pools.values()) or any(w.price is not None for w in r.watch)
                or any(h.price is not None for h in r.holdings or ()))

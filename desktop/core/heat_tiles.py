"""What the heatmap shows: tiles (a stock or a board) with a size, a % change and freshness, grouped. Qt-free.

Sizes by what the user chose (SIZE_BY): total market cap, float cap, or turnover amount; a tile without that
figure falls back to its total cap, and one with neither is left out (it cannot be sized). A tile whose quote
is missing or stale keeps its place but shows as such — never as 0 %.
"""

from __future__ import annotations

from dataclasses import dataclass

SIZE_BY = ("total_cap", "float_cap", "amount")


@dataclass(slots=True)
class Tile:
    key: str                       # stock code, or board code (BK…)
    kind: str                      # "stock" | "board"
    name: str
    size: float                    # the area weight (> 0)
    pct: float | None              # % change today; None: no quote
    stale: bool                    # fetched before the market last moved
    updated: int = 0               # when its data was fetched (Unix seconds; 0: never)
    group: str = ""                # 全市场: the industry; 自选: the list
    cap: float | None = None       # total market cap (tooltip, big tiles)
    up: int | None = None          # boards: rising / falling members, and the leader
    down: int | None = None
    leader: str = ""
    news: int = 0                  # linked articles in the last 24 h


def arrange(tiles: list[Tile], grouped: bool) -> list[tuple[str, list[Tile]]]:
    """Tiles sorted for the layout: by size, descending; grouped, the groups by their totals too."""
    if not grouped:
        return [("", sorted(tiles, key=lambda t: -t.size))]
    groups: dict[str, list[Tile]] = {}
    for t in tiles:
        groups.setdefault(t.group or "—", []).append(t)
    out = [(name, sorted(members, key=lambda t: -t.size)) for name, members in groups.items()]
    out.sort(key=lambda g: -sum(t.size for t in g[1]))
    return out


def weighted_change(tiles: list[Tile]) -> float | None:
    """The cap-weighted % change of the tiles with a fresh quote and a cap (a theme basket's header)."""
    num = den = 0.0
    for t in tiles:
        if t.pct is not None and t.cap and not t.stale:
            num += t.pct * t.cap
            den += t.cap
    return num / den if den else None

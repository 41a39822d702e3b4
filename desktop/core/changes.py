"""`Changes`: what one writer commit changed, so each pane refreshes only what concerns it (Anki's model)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Changes:
    articles_added: set[int] = field(default_factory=set)
    articles_updated: set[int] = field(default_factory=set)
    articles_state: set[int] = field(default_factory=set)   # read / starred flips
    articles_removed: set[int] = field(default_factory=set) # retention, feed removal
    feeds: set[int] = field(default_factory=set)
    stocks: bool = False                                     # universe / names changed
    quotes: set[str] = field(default_factory=set)
    bars: set[str] = field(default_factory=set)
    boards: set[str] = field(default_factory=set)
    watchlists: bool = False
    # (pool, trading day) of each 涨停/炸板/跌停 pool stored: ("zt", "2026-11-20"); the 涨停 pane follows these
    limit_pools: set[tuple[str, str]] = field(default_factory=set)
    # (day, code, "HH:MM:SS", type) of each 异动 event stored for the first time: the 异动 pane and its alerts
    movers: set[tuple[str, str, str, int]] = field(default_factory=set)
    # the days whose board 异动 were stored (replaced each poll, new events or not): the 异动 pane's board table
    board_movers: set[str] = field(default_factory=set)
    positions: bool = False     # 持仓 trades or the cost method changed (the chart's cost line, holding alerts)

    def merge(self, other: Changes | None) -> Changes:
        if other is None:
            return self
        self.articles_added |= other.articles_added
        self.articles_updated |= other.articles_updated
        self.articles_state |= other.articles_state
        self.articles_removed |= other.articles_removed
        self.feeds |= other.feeds
        self.stocks = self.stocks or other.stocks
        self.quotes |= other.quotes
        self.bars |= other.bars
        self.boards |= other.boards
        self.watchlists = self.watchlists or other.watchlists
        self.limit_pools |= other.limit_pools
        self.movers |= other.movers
        self.board_movers |= other.board_movers
        self.positions = self.positions or other.positions
        return self

    def __bool__(self) -> bool:
        return bool(
            self.articles_added or self.articles_updated or self.articles_state or self.articles_removed
            or self.feeds
            or self.stocks or self.quotes or self.bars or self.boards or self.watchlists or self.limit_pools
            or self.movers or self.board_movers
            or self.positions
        )

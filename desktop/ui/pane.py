"""The one interface every pane has, and what a pane is given to work with.

A pane is a QWidget that also inherits `Pane`. The composition root (gui_app.py) builds each pane from a
`PaneContext`, docks it, and then drives it only through this interface:

    load()                      first data, after the window's first paint and once the database is open
    restore_state(state)        its own layout (splitters, columns, current view) from the window's QSettings
    save_state(state)           … and back, at shutdown
    apply_settings(keys)        settings changed (Settings.announce); react to the keys that concern it
    shortcuts()                 (key sequence, callable) pairs installed on the main window, so they work
                                wherever the focus is (floating docks included)

Panes talk to each other only through the SelectionBus; they read through `reader` (news) and `market`
(market data), both read-only façades, and ask for background work through their own task scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.config import Settings
    from desktop.runtime.bus import SelectionBus
    from desktop.runtime.market_requests import MarketRequests
    from desktop.runtime.tasks import TaskRunner
    from desktop.services.images import ImageCache
    from desktop.ui.facades import MarketReads, NewsReads


class PaneContext:
    """What a pane is given. The names things go by (`themes`, `stock_names`) are the bus's latest announcement:
    read them when needed, or follow `bus.themes_changed` / `bus.names_changed` to rebuild what was made from
    them — never keep the object itself (it is replaced, not changed, when the database opens)."""

    def __init__(self, bus: SelectionBus, tasks: TaskRunner, settings: Settings, reader: NewsReads,
                 market: MarketReads | None, requests: MarketRequests | None = None,
                 images: ImageCache | None = None, *, themes: Iterable[Any] | None = None,
                 stock_names: Mapping[str, str] | None = None, demo_label: str = ""):
        self.bus = bus
        self.tasks = tasks                  # a pane takes tasks.scope(its objectName)
        self.settings = settings
        self.reader = reader                # services.reader.ReaderService, built on first use (ui/facades.py)
        self.market = market                # services.market_view.MarketView; None when the market side is off
        self.requests = requests            # on-demand market work, answered by the market worker
        self.images = images
        self.demo_label = demo_label        # 演示数据 / 回放数据 / ""
        if themes is not None:              # a pane built alone (tests, benchmarks): its own announcement
            bus.announce_themes(themes)
        if stock_names is not None:
            bus.announce_names(stock_names)

    @property
    def market_reads(self) -> MarketReads:
        """`market`, for code that runs only with one (a load, a click on a row): on a context made without it
        (tests) this fails as plainly as the attribute read on None did, and the type checker knows it is there."""
        assert self.market is not None, "this pane context has no market reads"
        return self.market

    @property
    def themes(self) -> tuple[Any, ...]:
        """tagging Themes, as last announced (empty until the database opens)."""
        return self.bus.themes

    @property
    def stock_names(self) -> Mapping[str, str]:
        """code → name, as last announced (empty until the database opens)."""
        return self.bus.stock_names


class Pane:
    """Mixin with the pane interface's defaults (a pane overrides what it needs)."""

    def load(self) -> None:
        pass

    def restore_state(self, state: Any) -> None:
        pass

    def save_state(self, state: Any) -> None:
        pass

    def apply_settings(self, keys: frozenset[str]) -> None:
        pass

    def shortcuts(self) -> list[tuple[str, Callable[[], Any]]]:
        return []

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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.config import Settings
    from desktop.runtime.bus import SelectionBus
    from desktop.runtime.market_requests import MarketRequests
    from desktop.runtime.tasks import TaskRunner
    from desktop.services.images import ImageCache
    from desktop.ui.facades import MarketReads, NewsReads


@dataclass
class PaneContext:
    bus: SelectionBus
    tasks: TaskRunner                  # a pane takes tasks.scope(its objectName)
    settings: Settings
    reader: NewsReads                  # services.reader.ReaderService, built on first use (ui/facades.py)
    market: MarketReads | None         # services.market_view.MarketView; None when the market side is off
    requests: MarketRequests | None = None   # on-demand market work, answered by the market worker
    images: ImageCache | None = None
    themes: list = field(default_factory=list)            # tagging Themes, filled after the database opens
    stock_names: dict[str, str] = field(default_factory=dict)   # code → name, filled after it opens
    demo_label: str = ""               # 演示数据 / 回放数据 / ""


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

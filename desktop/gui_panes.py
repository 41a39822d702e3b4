"""The window's panes: the one table of them, how each is built and docked, and the ones built after the first
paint. Composition only, like gui_app.py (which owns one `PaneSet`).

A factory named "module:Class" is imported and built just after the first paint, one per event-loop turn, its
dock holding an empty place-holder until then (so a saved layout restores it): the panes the first-run layout keeps
behind a tab (issue 28: nothing of them is imported or built before the first paint).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from desktop.ui.pane import PaneContext
from desktop.ui.panes.article_view import ArticleView
from desktop.ui.panes.chart_pane import ChartPane
from desktop.ui.panes.heatmap_pane import HeatmapPane
from desktop.ui.panes.news_pane import NewsPane
from desktop.ui.panes.watchlist_pane import WatchlistPane

# Every pane: (key, factory(ctx), dock area). Adding a pane is one line here (its layout: MainWindow).
PANES: tuple[tuple[str, Callable[[PaneContext], object] | str, Qt.DockWidgetArea], ...] = (
    ("news", NewsPane, Qt.DockWidgetArea.LeftDockWidgetArea),
    ("article", ArticleView, Qt.DockWidgetArea.RightDockWidgetArea),
    ("heatmap", HeatmapPane, Qt.DockWidgetArea.RightDockWidgetArea),
    ("limitup", "desktop.ui.panes.limitup_pane:LimitUpPane", Qt.DockWidgetArea.RightDockWidgetArea),
    ("movers", "desktop.ui.panes.movers_pane:MoversPane", Qt.DockWidgetArea.RightDockWidgetArea),
    ("watchlist", WatchlistPane, Qt.DockWidgetArea.RightDockWidgetArea),
    ("positions", "desktop.ui.panes.positions_pane:PositionsPane", Qt.DockWidgetArea.RightDockWidgetArea),
    ("chart", ChartPane, Qt.DockWidgetArea.RightDockWidgetArea),
    ("alerts", "desktop.ui.panes.alerts_pane:AlertsPane", Qt.DockWidgetArea.RightDockWidgetArea),
)


class PaneSet:
    """`panes[key]` is a built pane; `build_deferred()` builds the next one still waiting."""

    def __init__(self, window: Any, ctx: PaneContext, settings: Any):
        self.window, self.ctx, self.settings = window, ctx, settings
        self.panes: dict[str, Any] = {}
        self.loaded = False              # the panes have loaded: one built later loads at once
        self._deferred = [(key, make) for key, make, _area in PANES if isinstance(make, str)]
        for key, make, area in PANES:
            window.add_pane(key, QWidget(objectName=f"pending_{key}") if isinstance(make, str) else
                            self._adopt(key, make(ctx)), area)

    def _adopt(self, key: str, pane: Any) -> Any:
        """A pane built: its keys, its settings, and (持仓) its figure in the status bar."""
        self.panes[key] = pane
        self.window.install_shortcuts(pane.shortcuts())
        self.settings.subscribe(pane.apply_settings)
        if key == "positions":
            self.window.statusBar().addPermanentWidget(pane.day_pnl)    # 持仓's 当日盈亏
            pane.message.connect(lambda text: self.window.statusBar().showMessage(text, 10_000))
        return pane

    def build_deferred(self, all_now: bool = False) -> None:
        """The next pane the first paint did without (or all of them): built, put in its dock, its layout
        restored; one per event-loop turn, so that no turn stalls the window."""
        while self._deferred:
            key, where = self._deferred.pop(0)
            module, name = where.split(":")
            pane = self._adopt(key, getattr(importlib.import_module(module), name)(self.ctx))
            dock = self.window.docks[key]
            dock.widget().deleteLater()
            dock.setWidget(pane)
            pane.restore_state(self.window.window_state)
            if self.loaded:
                pane.load()
            if not all_now:
                QTimer.singleShot(0, self.window, self.build_deferred)     # not once the window is gone
                return

    def load(self) -> None:
        """Every pane's first data, the ones still waiting built first."""
        self.build_deferred(all_now=True)
        for pane in self.panes.values():
            pane.load()
        self.loaded = True

"""The window's panes: the one table of them, how each is built and docked, and when. Composition only, like
gui_app.py (which owns one `PaneSet`).

Each pane's factory is named "module:Class" and imported when the pane is built. The panes the first-run layout
keeps behind a tab (AFTER_PAINT) are built just after the first paint, one per event-loop turn, their docks holding
an empty place-holder until then (so a saved layout restores them). The window as users start it
(`huohua`, gui_main.run_gui) paints first: every pane waits, the ones in view first (issue 28: the frame, its
menus, the index strip and the status bar paint before any pane module is imported; the panes fill in over the
next turns). Built directly (tests, the self-test, the screenshots), the panes in view are there at once.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget

from desktop.ui.pane import PaneContext
from desktop.ui.qt_props import props

_LEFT, _RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
# Every pane: (key, "module:Class" built with the PaneContext, dock area). Adding a pane is one line here (its
# layout: MainWindow).
PANES: tuple[tuple[str, str, Qt.DockWidgetArea], ...] = (
    ("news", "desktop.ui.panes.news_pane:NewsPane", _LEFT),
    ("article", "desktop.ui.panes.article_view:ArticleView", _RIGHT),
    ("heatmap", "desktop.ui.panes.heatmap_pane:HeatmapPane", _RIGHT),
    ("limitup", "desktop.ui.panes.limitup_pane:LimitUpPane", _RIGHT),
    ("movers", "desktop.ui.panes.movers_pane:MoversPane", _RIGHT),
    ("watchlist", "desktop.ui.panes.watchlist_pane:WatchlistPane", _RIGHT),
    ("positions", "desktop.ui.panes.positions_pane:PositionsPane", _RIGHT),
    ("chart", "desktop.ui.panes.chart_pane:ChartPane", _RIGHT),
    ("alerts", "desktop.ui.panes.alerts_pane:AlertsPane", _RIGHT),
)
AFTER_PAINT = frozenset({"limitup", "movers", "positions", "alerts"})     # behind a tab in the first-run layout


def pane_class(key: str) -> type:
    """The pane class of `key`, imported."""
    module, name = dict((k, make) for k, make, _a in PANES)[key].split(":")
    return getattr(importlib.import_module(module), name)


class PaneSet:
    """`panes[key]` is a built pane; `build_deferred()` builds the next one still waiting."""

    def __init__(self, window: Any, ctx: PaneContext, settings: Any, background: Any, *,
                 paint_first: bool = False):
        self.window, self.ctx, self.settings, self.background = window, ctx, settings, background
        self.panes: dict[str, Any] = {}
        self.loaded = False              # the panes have loaded: one built later loads at once
        # what waits for the first paint: the panes in view first, then the ones behind a tab
        waiting = [key for key, _make, _area in PANES if paint_first or key in AFTER_PAINT]
        self._deferred = sorted(waiting, key=lambda key: key in AFTER_PAINT)
        for key, _make, area in PANES:
            window.add_pane(key, props(QWidget(), objectName=f"pending_{key}") if key in self._deferred else
                            self._adopt(key, pane_class(key)(ctx)), area)

    def _adopt(self, key: str, pane: Any) -> Any:
        """A pane built: its keys, its settings, and what it says through the window and hears from the
        background (the list's empty state and progress; 持仓's figure in the status bar)."""
        self.panes[key] = pane
        self.window.install_shortcuts(pane.shortcuts())
        self.settings.subscribe(pane.apply_settings)
        status = self.window.statusBar()
        if key == "news":
            self.background.source_state.connect(pane.set_source_state)
            self.background.feed_progress.connect(pane.set_progress)
        elif key == "watchlist":
            pane.csv_done.connect(lambda text: status.showMessage(text, 10_000))
        elif key == "alerts":       # a stock's context menu asked for an alert: the rule dialog, prefilled
            def alert_for(code: str) -> None:
                self.window.bring_to_front("alerts")
                pane.add_rule_for(code)

            self.ctx.bus.alert_requested.connect(alert_for)
        elif key == "positions":
            status.addPermanentWidget(pane.day_pnl)    # 持仓's 当日盈亏
            pane.message.connect(lambda text: status.showMessage(text, 10_000))
        return pane

    def build_deferred(self, all_now: bool = False) -> None:
        """The next panes the first paint did without (or all of them): built, put in their docks, their layout
        restored. The panes in view in one turn (one relayout and repaint: one per turn made the window take
        ~80 ms longer to fill), then the ones behind a tab one per turn, so that no turn stalls the window."""
        while self._deferred:
            key = self._deferred.pop(0)
            pane = self._adopt(key, pane_class(key)(self.ctx))
            dock = self.window.docks[key]
            dock.widget().deleteLater()
            dock.setWidget(pane)
            pane.restore_state(self.window.window_state)
            if self.loaded:
                pane.load()
            if key == "news":
                self.window.keep_list_room()      # the list's width from its titles, as a first run sizes it
            in_view_next = bool(self._deferred) and key not in AFTER_PAINT and self._deferred[0] not in AFTER_PAINT
            if not all_now and not in_view_next:
                QTimer.singleShot(0, self.window, self.build_deferred)     # not once the window is gone
                return

    def load(self) -> None:
        """Every pane's first data, the ones still waiting built first."""
        self.build_deferred(all_now=True)
        for pane in self.panes.values():
            pane.load()
        self.loaded = True

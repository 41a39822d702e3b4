"""SelectionBus: the one object panes talk through. Panes never import each other.

It carries the current stock, article, theme and board, and relays the writer's `Changes` as
`data_committed`. Every selection says who made it (`origin`, a pane's objectName) so a pane can ignore its
own echoes. A pane that is unlinked (its link toggle off) simply does not follow selections.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.changes import Changes

NO_NAMES: Mapping[str, str] = MappingProxyType({})


class SelectionBus(QObject):
    stock_selected = Signal(str, str)      # code ("" clears), origin
    article_selected = Signal(int, str)    # article id (0 clears), origin
    theme_selected = Signal(str, str)      # theme name ("" clears), origin
    board_selected = Signal(str, str)      # board code ("" clears), origin
    data_committed = Signal(object)        # Changes, always delivered on the GUI thread
    navigate_requested = Signal(str)       # "next" | "previous": the reader's list moves its selection
    chart_requested = Signal(str)          # code: Enter / double-click on a stock — the window brings the chart up
    market_ready = Signal()                # the market worker is up: the market clock and staleness are real
    feed_refresh_requested = Signal(int)   # feed id: fetch this feed now (the sidebar's 立即刷新)
    search_changed = Signal(str)           # the reader's search text ("" cleared): the article marks its words
    alert_requested = Signal(str)          # code: a stock's context menu asked for an alert rule (提醒)
    status_message = Signal(str)           # for the status bar: a failed write in plain words (ui/ops.py)
    news_requested = Signal(str, int, int)  # code, since, until: the news list for a stock over [since, until]
                                           # (the 涨停 pane's 原因); the window raises the list
    # What every pane names things by, announced whole when it changes (never a shared list changed in place: a
    # pane that copied it at construction kept the empty one). `bus.themes` / `bus.stock_names` hold the latest.
    themes_changed = Signal(object)        # tuple of tagging Themes: the database opened, or the themes file changed
    names_changed = Signal(object)         # read-only code → name mapping: the database opened, or new listings

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.stock = ""
        self.article = 0
        self.theme = ""
        self.board = ""
        self.themes: tuple[Any, ...] = ()
        self.stock_names: Mapping[str, str] = NO_NAMES

    def announce_themes(self, themes: Iterable[Any]) -> None:
        self.themes = tuple(themes)
        self.themes_changed.emit(self.themes)

    def announce_names(self, names: Mapping[str, str]) -> None:
        self.stock_names = MappingProxyType(dict(names))
        self.names_changed.emit(self.stock_names)

    def select_stock(self, code: str, origin: str = "") -> None:
        self.stock = code
        self.stock_selected.emit(code, origin)

    def show_chart(self, code: str, origin: str = "") -> None:
        """Select `code` everywhere and ask for its chart to be brought to the front (Enter, double-click)."""
        self.select_stock(code, origin)
        self.chart_requested.emit(code)

    def select_article(self, article_id: int, origin: str = "") -> None:
        self.article = article_id
        self.article_selected.emit(article_id, origin)

    def select_theme(self, theme: str, origin: str = "") -> None:
        self.theme = theme
        self.theme_selected.emit(theme, origin)

    def select_board(self, board: str, origin: str = "") -> None:
        self.board = board
        self.board_selected.emit(board, origin)

    def request_navigation(self, where: str) -> None:
        self.navigate_requested.emit(where)

    def publish_changes(self, changes: Changes) -> None:
        """Slot for the commit relay; runs on the GUI thread."""
        self.data_committed.emit(changes)


class CommitRelay(QObject):
    """Carries writer commits (emitted on the writer thread) to the GUI thread as a queued signal.

    The relay lives on the GUI thread; a signal emitted from another thread to a receiver living here is
    queued, so `bus.publish_changes` always runs on the GUI thread (never connect a lambda here: it would run
    on the writer thread)."""

    committed = Signal(object)
    health_changed = Signal(str, str)      # "ok" | "disk_full", message: the writer's storage health

    def __call__(self, changes: Changes) -> None:   # the writer's listener
        self.committed.emit(changes)

    def health(self, state: str, message: str) -> None:   # the writer's health listener
        self.health_changed.emit(state, message)

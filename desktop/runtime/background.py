"""Background: owns the two poller threads (feeds, market) and the market request path, for the window.

Started after the first paint (akshare, pandas and the trading calendar are imported on the market thread,
never before it); stopped in an order that never destroys a running QThread. Its signals are the window's
only view of the pollers.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaObject, QObject, Qt, Signal

from desktop.runtime.market_requests import MarketRequests

if TYPE_CHECKING:
    from desktop.runtime.pollers import PollerThread
    from desktop.services.feed_refresh import FeedRefresher
    from desktop.services.market_service import MarketService


class Background(QObject):
    source_state = Signal(object)        # SourceState of feeds, quotes, boards
    feed_progress = Signal(int, int)     # feeds done, feeds in the round running now
    phase = Signal(str, bool)            # market phase label, estimated by rule
    market_ready = Signal(object)        # the MarketService, prepared on its thread

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.requests = MarketRequests(self)
        self.feed_thread: PollerThread | None = None
        self.market_thread: PollerThread | None = None
        self.market_service: MarketService | None = None     # published on the GUI thread once ready

    def start(self, refresher: Callable[[], FeedRefresher],
              market_service: Callable[[threading.Event], MarketService] | None,
              feed_check_ms: int = 30_000) -> None:
        """`refresher()` and `market_service(cancel)` are factories called on the pollers' threads (`cancel`: set
        when the window quits, see MarketPoller)."""
        from desktop.runtime.pollers import FeedPoller, MarketPoller, PollerThread

        feed = FeedPoller(refresher, check_ms=feed_check_ms)
        feed.state_changed.connect(self.source_state)
        feed.progress.connect(self.feed_progress)
        self.feed_thread = PollerThread(feed, "huohua-feed-poller")
        self.feed_thread.start()
        if market_service is None:
            return
        poller = MarketPoller(market_service)
        poller.state_changed.connect(self.source_state)
        poller.phase_changed.connect(self.phase)
        poller.ready.connect(self._on_ready)
        self.requests.attach(poller)
        self.market_thread = PollerThread(poller, "huohua-market-poller")
        self.market_thread.start()

    def _on_ready(self, service: MarketService) -> None:
        self.market_service = service
        self.market_ready.emit(service)

    def check_now(self) -> None:
        """Fetch the feeds that are due now (thread-safe: queued to the feed poller's thread)."""
        if self.feed_thread is not None:
            QMetaObject.invokeMethod(self.feed_thread.poller, "tick", Qt.ConnectionType.QueuedConnection)

    def refresh_now(self) -> None:
        """Fetch every feed now (F5): queued to the feed poller's thread."""
        if self.feed_thread is not None:
            QMetaObject.invokeMethod(self.feed_thread.poller, "refresh_all", Qt.ConnectionType.QueuedConnection)

    def stop(self) -> bool:
        """Stop both pollers; False if a thread is still stuck in a network call (then it is never destroyed)."""
        self.requests.refuse("closing")
        return all(t.stop() for t in (self.feed_thread, self.market_thread) if t is not None)

"""MarketRequests: how panes ask the market worker for on-demand work (GUI side of MarketPoller.submit).

A request is a typed value (runtime/market_request_kinds.py: one frozen dataclass per kind, its key, one dispatch
table); `request(kind, *args)` builds it at once, so an unknown kind or wrong arguments fail in the asker's call.
Requests made before the market worker runs (or while it is starting) are held and handed over when it
attaches; `finished(key, error)` tells the asker how it went (the data itself arrives as a commit on the bus).
In a read-only or closed app there is no worker: requests finish at once with that reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from desktop.runtime import market_request_kinds as kinds
from desktop.runtime.market_request_kinds import MarketRequest

if TYPE_CHECKING:
    from desktop.runtime.pollers import MarketPoller


class MarketRequests(QObject):
    finished = Signal(str, str)          # request key, error ("" = done)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._poller: MarketPoller | None = None
        self._held: list[MarketRequest] = []
        self._refusal = ""

    def attach(self, poller: MarketPoller) -> None:
        """GUI thread, once the market poller exists: hand over what was asked so far."""
        self._poller = poller
        poller.request_done.connect(self._done)
        held, self._held = self._held, []
        for request in held:
            poller.submit(request)

    def refuse(self, reason: str) -> None:
        """No market worker will run (read-only data, shutting down): every request fails with `reason`."""
        self._refusal = reason
        held, self._held = self._held, []
        for request in held:
            self.finished.emit(kinds.key(request), reason)

    @staticmethod
    def key(kind: str, *args: object) -> str:
        """The key `request(kind, *args)` returns (known before asking: a refusal answers at once)."""
        return kinds.key(kinds.make(kind, *args))

    def request(self, kind: str, *args: object) -> str:
        return self.submit(kinds.make(kind, *args))

    def submit(self, request: MarketRequest) -> str:
        """Ask for a typed request; returns its key."""
        key = kinds.key(request)
        if self._poller is not None:
            return self._poller.submit(request)
        if self._refusal:
            self.finished.emit(key, self._refusal)
        elif request not in self._held:
            self._held.append(request)
        return key

    # convenience for panes
    def history(self, code: str, days: int = 250, adjust: str = "qfq") -> str:
        return self.request("history", code, days, adjust)

    def board_members(self, board: str, kind: str | None = None) -> str:
        return self.request("board_members", board, kind)

    def quotes(self, codes: list[str]) -> str:
        return self.request("quotes", list(codes))

    def intraday(self, code: str) -> str:
        return self.request("intraday", code)

    def keep_intraday_fresh(self, code: str) -> str:
        """The market worker keeps `code`'s 1-minute bars fresh while the chart shows them ("" stops)."""
        return self.request("follow", code)

    @Slot(str, str)
    def _done(self, key: str, error: str) -> None:
        self.finished.emit(key, error)

"""MarketRequests: how panes ask the market worker for on-demand work (GUI side of MarketPoller.request).

Requests made before the market worker runs (or while it is starting) are held and handed over when it
attaches; `finished(key, error)` tells the asker how it went (the data itself arrives as a commit on the bus).
In a read-only or closed app there is no worker: requests finish at once with that reason.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot


class MarketRequests(QObject):
    finished = Signal(str, str)          # request key, error ("" = done)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._poller = None
        self._held: list[tuple[str, tuple]] = []
        self._refusal = ""

    def attach(self, poller) -> None:
        """GUI thread, once the market poller exists: hand over what was asked so far."""
        self._poller = poller
        poller.request_done.connect(self._done)
        held, self._held = self._held, []
        for kind, args in held:
            poller.request(kind, *args)

    def refuse(self, reason: str) -> None:
        """No market worker will run (read-only data, shutting down): every request fails with `reason`."""
        self._refusal = reason
        held, self._held = self._held, []
        for kind, args in held:
            self.finished.emit(self.key(kind, *args), reason)

    @staticmethod
    def key(kind: str, *args) -> str:
        args = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        return f"{kind}:{args!r}"

    def request(self, kind: str, *args) -> str:
        if self._poller is not None:
            return self._poller.request(kind, *args)
        key = self.key(kind, *args)
        if self._refusal:
            self.finished.emit(key, self._refusal)
        elif (kind, args) not in self._held:
            self._held.append((kind, args))
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

"""AlertRunner: evaluates the alert rules after each commit, on one thread of its own, in commit order.

The task pool would not do: it drops a superseded task, and rules must see every commit, in order (a price
crossing then coming back is two commits). Fired alerts come back on the GUI thread (`fired`, queued)."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.core.changes import Changes

if TYPE_CHECKING:
    from desktop.core.alert_fired import Fired
    from desktop.services.alerts import AlertService

log = logging.getLogger(__name__)


class AlertRunner(QObject):
    fired = Signal(object)            # list[core.alert_fired.Fired], on the GUI thread
    rules_changed = Signal()          # after an edit took effect

    def __init__(self, service: AlertService, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="huohua-alerts")
        self.closed = False

    def submit(self, changes: Changes) -> None:
        if self.closed or not (changes.quotes or changes.articles_added or changes.watchlists or changes.positions
                                or changes.movers):
            return       # commits still arriving while the window closes are not evaluated
        self._pool.submit(self._process, changes)

    def _process(self, changes: Changes) -> None:
        try:
            fired = self.service.process(changes)
        except Exception:   # a rule's bug must not stop the others (or the window): logged, next commit runs
            log.exception("alert evaluation failed")
            return
        if fired:
            self.fired.emit(fired)

    def reload(self) -> None:
        """The rules were edited: read them again, and evaluate the stored quotes against them at once (a rule the
        shown price already meets fires now), before the next commit is evaluated."""
        def run() -> None:
            fired: list[Fired] = []
            try:
                self.service.reload()
                fired = self.service.check_current()
            except Exception:
                log.exception("alert rules could not be read")
            self.rules_changed.emit()
            if fired:
                self.fired.emit(fired)

        if not self.closed:
            self._pool.submit(run)

    def close(self) -> None:
        self.closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)

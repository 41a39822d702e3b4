"""The window's alerts, wired once the database is open: the rules evaluated after every commit on their own thread
(runtime/alert_runner.py), fired alerts notified (tray or toast) and logged in the alerts pane.

Composition only, like gui_app.py. Replayed and demo runs fire alerts marked as such (never mixed with live), on
the recording's clock stopped at its last answer: its quotes are as fresh as when recorded, so a rule the shown
price meets fires however long the demo has run (as `huohua alerts run --replay` does).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any


def start_alerts(core: Any, db: Path, source: str, clock: Callable[[], float] | None, window: Any, pane: Any,
                 settings: Any, relay: Any, parent: Any) -> tuple[Any, Any]:
    """The alert runner and the notifier, connected to the commits and to the alerts pane."""
    from desktop.runtime.alert_runner import AlertRunner
    from desktop.services.alerts import AlertService
    from desktop.ui.alert_notifier import AlertNotifier

    service = AlertService(core.writer, db, source, clock) if clock else AlertService(core.writer, db, source)
    runner = AlertRunner(service, parent)
    pane.attach_runner(runner)
    notifier = AlertNotifier(window, pane.alert_text, pane.open_fired)
    notifier.amounts_hidden = lambda: bool(settings["positions.hide_amounts"])    # 隐藏金额
    runner.fired.connect(notifier.notify)
    runner.fired.connect(pane.on_fired)
    relay.committed.connect(runner.submit)
    runner.reload()
    return runner, notifier

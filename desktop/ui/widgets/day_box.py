"""The stored-days selector the 涨停 and 异动 panes share: the days a pool or a stream holds, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def fill_days(box: QComboBox, days: list[str], current: str) -> None:
    """`days` (ISO dates) as the box's items, `current` chosen; quietly (no change announced), and disabled when
    nothing is stored."""
    box.blockSignals(True)
    box.clear()
    for d in days:
        box.addItem(d, d)
    box.setCurrentIndex(max(0, box.findData(current)))
    box.setEnabled(bool(days))
    box.blockSignals(False)

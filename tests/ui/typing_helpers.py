"""Typing like a user. qtbot.keyClicks aborts the process on CJK characters (a QtTest assertion), so
non-ASCII text is committed through an input-method event, the way a Chinese IME delivers it."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_text(qtbot, widget, text: str) -> None:
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)

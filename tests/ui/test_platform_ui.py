"""The window's platform pieces (issue 21): the application font's CJK fallbacks, and alert notifications that
fall back to the in-window toast where there is no system tray, their text plain at every sink."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSystemTrayIcon

HOSTILE = "<b>涨停</b> <a href='http://x.example'>点此</a> <img src='file:///etc/passwd'> M&A"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux family names are Linux's")
def test_the_applied_font_falls_back_to_the_linux_cjk_faces(qapp):
    from desktop.ui.fonts import apply_ui_font

    before = QApplication.font()
    try:
        apply_ui_font(qapp)
        families = QApplication.font().families()
        assert families[0] == before.family()                     # the desktop's own face stays first
        assert families[1:] == ["Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
        assert QLabel("宁德时代").font().families() == families      # widgets made afterwards inherit it
    finally:
        QApplication.setFont(before)


class FakeTray:
    """A tray that takes messages (offscreen has none): what showMessage was given."""

    def __init__(self):
        self.messages = []

    def supportsMessages(self):
        return True

    def showMessage(self, title, body, icon, ms):
        self.messages.append((title, body))


def _notifier(qtbot):
    from desktop.ui.alert_notifier import AlertNotifier

    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    opened = []
    return AlertNotifier(window, text=lambda a: a, open_alert=opened.append), opened


def test_without_a_tray_the_alert_is_a_toast_in_the_window_as_plain_text(qtbot):
    assert not QSystemTrayIcon.isSystemTrayAvailable()             # offscreen: no tray
    notifier, opened = _notifier(qtbot)
    assert notifier.tray is None
    notifier.notify([HOSTILE])
    toast = notifier.window.findChild(object, "alertToast")
    assert toast is notifier.toast and toast.isVisible()
    assert toast.text() == f"火花提醒\n{HOSTILE}"                    # a QPushButton: its text is never rich text
    assert notifier.shown == [("火花提醒", HOSTILE)]
    notifier.clicked()
    assert opened == [HOSTILE] and not toast.isVisible()


@pytest.mark.parametrize("platform, literal", [("linux", False), ("win32", True), ("darwin", True)])
def test_the_trays_message_cannot_carry_markup(qtbot, platform, literal):
    """Linux's notification servers read the body as markup: < > & go as their full-width forms there."""
    notifier, _ = _notifier(qtbot)
    notifier.tray = tray = FakeTray()
    notifier.platform = platform
    notifier.notify([HOSTILE])
    title, body = tray.messages[0]
    assert title == "火花提醒" and not notifier.toast.isVisible()
    if literal:
        assert body == HOSTILE
    else:
        assert "<" not in body and ">" not in body and "&" not in body
        assert body == HOSTILE.replace("<", "＜").replace(">", "＞").replace("&", "＆")

"""AlertNotifier: fired alerts as desktop notifications — the system tray's (QSystemTrayIcon) where there is
one, else a toast in the window (`alertToast`). Many at once are one notification ("5 条提醒"); clicking it
raises the window and opens the alert (its stock selected everywhere, its article in the reader).

The text is plain wherever it goes. The toast is a QPushButton (never rich text). The tray's message is plain
on Windows (a shell balloon/toast) and macOS; on Linux Qt hands it to the desktop's notification server
(org.freedesktop.Notifications), where the body may be markup (the "body-markup" capability: GNOME, KDE, dunst,
mako …) — a headline holding "<a href=…>" would become a link there. `tray_text` writes < > & as their
full-width forms (＜ ＞ ＆) for that server: shown literally by every server, with or without markup, where
escaping (&lt;) would show the entity on a server without it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QPushButton, QSystemTrayIcon

from desktop.ui.icon import app_icon
from desktop.ui.qt_props import props

TOAST_MS = 8000
SHOWN_LINES = 3


MARKUP_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆"})


# An amount of money as a notification could carry it: "18,400.00", "+1.28万", "3.5亿", "120 元" (never a bare
# price or percentage: "价格 ≥ 280（284.04）" says nothing of what the user holds).
AMOUNT = re.compile(r"[+\-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s*(?:万亿|万|亿|元))?|[+\-−]?\d+(?:\.\d+)?\s*(?:万亿|万|亿|元)")


def hide_amounts(text: str) -> str:
    """`text` with every amount of money as **** (隐藏金额: the tray never shows what the user holds)."""
    return AMOUNT.sub("****", text)


def tray_text(text: str, platform: str = sys.platform) -> str:
    """`text` as the tray's notification body shows it literally on `platform` (see the module's note)."""
    if platform in ("win32", "darwin"):
        return text
    return text.translate(MARKUP_SAFE)


class AlertNotifier(QObject):
    def __init__(self, window, text: Callable[[object], str], open_alert: Callable[[object], None]):
        super().__init__(window)
        self.window, self.text, self.open_alert = window, text, open_alert
        self.last: list = []                 # the alerts of the notification shown last
        self.shown: list[tuple[str, str]] = []   # (title, body) of every notification (tests read them)
        self.tray: QSystemTrayIcon | None = None
        self.platform = sys.platform         # whose notification server reads the tray's text (tray_text)
        self.amounts_hidden: Callable[[], bool] = lambda: False   # 隐藏金额 (the app sets it from the settings)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), window)
            self.tray.setObjectName("alertTray")
            self.tray.setToolTip(self.tr("火花 Huohua"))
            self.tray.messageClicked.connect(self.clicked)
            self.tray.activated.connect(lambda _reason: self._raise())
            self.tray.show()
        self.toast = props(QPushButton(window), objectName="alertToast", visible=False)
        self.toast.setStyleSheet("QPushButton#alertToast { background: #333a45; color: white; border-radius: 6px;"
                                 " padding: 8px 12px; text-align: left; }")
        self.toast.setCursor(Qt.CursorShape.PointingHandCursor)
        self.toast.clicked.connect(self.clicked)
        self._hide = props(QTimer(self, singleShot=True, interval=TOAST_MS), timeout=self.toast.hide)

    def notify(self, fired: list) -> None:
        if not fired:
            return
        self.last = list(fired)
        lines = [self.text(f) for f in fired]
        if self.amounts_hidden():
            lines = [hide_amounts(line) for line in lines]
        title = self.tr("火花提醒") if len(lines) == 1 else self.tr("%1 条提醒").replace("%1", str(len(lines)))
        body = "\n".join(lines[:SHOWN_LINES]) + ("\n…" if len(lines) > SHOWN_LINES else "")
        self.shown.append((title, body))
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(tray_text(title, self.platform), tray_text(body, self.platform),
                                  QSystemTrayIcon.MessageIcon.Information, TOAST_MS)
            return
        self.toast.setText(f"{title}\n{body}")
        self.toast.adjustSize()
        w = self.window
        self.toast.move(w.width() - self.toast.width() - 16, w.height() - self.toast.height() - 40)
        self.toast.show()
        self.toast.raise_()
        self._hide.start()

    def clicked(self) -> None:
        """The notification (or toast) was clicked: the window comes up with the newest alert open."""
        self._raise()
        self.toast.hide()
        if self.last:
            self.open_alert(self.last[-1])

    def _raise(self) -> None:
        w = self.window
        w.showNormal() if w.isMinimized() else w.show()
        w.raise_()
        w.activateWindow()

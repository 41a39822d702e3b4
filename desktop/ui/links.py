"""The one way the UI hands a link to the system: only http and https web addresses are opened.

Every "open" path (the reader's 在浏览器中打开, a link clicked in an article, the news list's right-click 打开原文)
goes through `open_web_link`; a stored link of any other scheme (javascript:, file:, smb:, data: …) is refused
and the refusal is said in the main window's status bar. `open_local_folder` is the other door: it opens a
folder the application itself names (the data directory), never a stored link.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

WEB_SCHEMES = ("http", "https")
STATUS_MS = 10_000


def is_web_link(url: QUrl | str | None) -> bool:
    """True for an absolute http/https URL with a host."""
    if not url:
        return False
    qurl = url if isinstance(url, QUrl) else QUrl(str(url).strip())
    return qurl.isValid() and qurl.scheme().lower() in WEB_SCHEMES and bool(qurl.host())


def _system_open(url: QUrl) -> Any:
    return QDesktopServices.openUrl(url)   # looked up at call time: tests replace QDesktopServices.openUrl


class _Links(QObject):
    """Holds the refusal's wording (self.tr: the Qt translation context is "_Links")."""

    def refusal(self, url: str) -> str:
        shown = url if len(url) <= 80 else url[:77] + "…"
        return self.tr("未打开链接：只打开 http 或 https 网址，这个链接不是（{0}）").format(shown)


def _status_bar(widget):
    window = widget.window() if widget is not None else None
    bar = getattr(window, "statusBar", None)
    return bar() if callable(bar) else None


def open_web_link(url: QUrl | str | None, widget=None, opener: Callable[[QUrl], Any] | None = None) -> bool:
    """Open `url` in the system browser if it is an http/https address; else say in `widget`'s window status
    bar that it was not opened. True when handed to the system."""
    if not url:
        return False
    qurl = url if isinstance(url, QUrl) else QUrl(str(url).strip())
    if not is_web_link(qurl):
        text = _Links().refusal(url.toString() if isinstance(url, QUrl) else str(url))
        bar = _status_bar(widget)
        if bar is not None:
            bar.showMessage(text, STATUS_MS)
        return False
    (opener or _system_open)(qurl)
    return True


def open_local_folder(path: str, opener: Callable[[QUrl], Any] | None = None) -> bool:
    """Open a folder the application names (never a stored link) in the file manager."""
    if not path:
        return False
    (opener or _system_open)(QUrl.fromLocalFile(path))
    return True

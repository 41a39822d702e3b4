"""SafeTextBrowser: shows sanitised article HTML and loads nothing by itself.

QTextBrowser calls loadResource() for every <img> and CSS url(), and the default implementation reads local
files (file:///etc/...). Worse, when the browser returns nothing, QTextDocument.loadResource falls back to
reading the file itself (found by this project's hostile-article test). So both the browser and its document
are overridden: they return only images the user asked for (held in memory for this article), and everything
else is refused without touching the disk or the network. Links are never followed inside the
browser: anchorClicked hands http(s) links to the system browser and drops every other scheme.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser


class SafeDocument(QTextDocument):
    """A document that never loads a resource by itself (no file fallback); it asks its owner only."""

    def __init__(self, owner: SafeTextBrowser):
        super().__init__(owner)
        self._owner = owner

    # Qt calls it with a QUrl (the stub's `QUrl | str` is for Python callers)
    def loadResource(self, kind: int, url: QUrl):  # type: ignore[override]  # noqa: N802 (Qt override)
        return self._owner.loadResource(kind, url)


class SafeTextBrowser(QTextBrowser):
    link_opened = Signal(str)        # the URL handed to the system browser
    resource_refused = Signal(str)   # a resource the document wanted but was not given (tests, diagnostics)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self._images: dict[str, QImage] = {}
        self.setDocument(SafeDocument(self))
        self.open_url = lambda url: QDesktopServices.openUrl(url)   # replaceable in tests

    def set_images(self, images: dict[str, QImage]) -> None:
        """Images the user opted into for the current article, keyed by their absolute URL."""
        self._images = dict(images)

    def clear_images(self) -> None:
        self._images = {}

    # Qt calls it with a QUrl (the stub's `QUrl | str` is for Python callers)
    def loadResource(self, kind: int, url: QUrl):  # type: ignore[override]  # noqa: N802 (Qt override)
        if kind == QTextDocument.ResourceType.ImageResource:
            image = self._images.get(url.toString())
            if image is not None:
                return image
        self.resource_refused.emit(url.toString())
        return None   # never the base implementation: it reads local files

    def _on_anchor(self, url: QUrl) -> None:
        from desktop.ui.links import is_web_link, open_web_link

        if is_web_link(url):
            self.link_opened.emit(url.toString())
        open_web_link(url, self, opener=self.open_url)   # refused (status bar) unless http/https

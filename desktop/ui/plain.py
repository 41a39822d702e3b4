"""Feed text shown as plain text, never as markup.

Titles, authors, feed names and server error texts come from strangers. A QLabel in its default
`Qt.AutoText` mode, and every tooltip, renders anything that *looks* like HTML — and Qt's rich text loads
`file:` images (a title holding `<table background="file:///…">` showed a local file). Labels take feed text
with `Qt.PlainText` (`plain_label`); tooltips cannot be told, so the text is escaped and wrapped in markup of
our own (`plain_tip`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_tip(text: str | None) -> str:
    """A tooltip that shows `text` literally (line breaks kept, long lines wrapped)."""
    if not text:
        return ""
    import html  # here: html.entities is ~1.5 ms of imports before the first paint

    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def plain_label(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label

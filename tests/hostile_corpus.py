"""One corpus of hostile strings for every sink test (issue 24): what a market answer, a feed, a 快讯 or a user's
own note can carry that a widget might render as markup or a terminal might obey.

Each `Hostile` has the text, the readable fragments a user must still see wherever it is shown (the markup and
control characters may be removed, escaped or shown as `\\x1b`, the words stay), and the transports that can
carry it: `json` (market answers, 快讯: any string, lone surrogates too), `xml` (feeds: XML 1.0 refuses C0
controls but \\t \\n \\r, and surrogates), `db` (text stored in SQLite: any valid Unicode — a lone surrogate cannot
be encoded as UTF-8), `argv` (a CLI argument: no NUL).

Tests that use it: tests/ui/test_hostile_sinks.py (every window sink), tests/test_hostile_cli.py (every CLI
command). docs/TESTING.md ("Hostile text") says how to add a string or a sink.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

ALL = frozenset({"json", "xml", "db", "argv"})
PLAIN_TIP_HEAD = "<p style='white-space:pre-wrap'>"     # ui/plain.plain_tip's wrapper around escaped text


@dataclass(frozen=True)
class Hostile:
    id: str
    text: str
    readable: tuple[str, ...] = ("宁德", "时代")
    carriers: frozenset[str] = ALL

    def __str__(self) -> str:
        return self.id


CORPUS: tuple[Hostile, ...] = (
    Hostile("img_file", '<img src="file:///etc/passwd">宁德时代'),
    Hostile("bold", "<b>宁德</b>时代"),
    Hostile("table_background", '<table background="file:///etc/passwd"><tr><td>宁德时代</td></tr></table>'),
    Hostile("entities", "&lt;b&gt;宁德时代&lt;/b&gt; &amp;"),
    Hostile("esc_csi", "\x1b[31m宁德时代\x1b[0m", carriers=ALL - {"xml"}),
    Hostile("osc_title", "\x1b]0;pwned\x07宁德时代", carriers=ALL - {"xml"}),
    Hostile("osc52_clipboard", "\x1b]52;c;Y2FsYw==\x07宁德时代", carriers=ALL - {"xml"}),
    Hostile("bel", "宁德\x07时代", carriers=ALL - {"xml"}),
    Hostile("cr", "坏消息\r宁德时代"),
    Hostile("c1_csi", "\x9b31m宁德时代", carriers=ALL - {"xml"}),
    Hostile("bidi_override", "\u202e宁德时代\u202c 300750"),
    Hostile("bidi_isolate", "\u2066宁德时代\u2069"),
    Hostile("zero_width", "宁德\u200b时代\ufeff"),
    Hostile("nul", "宁德\x00时代", carriers=frozenset({"json", "db"})),
    Hostile("very_long", "宁德时代" + "长" * 5000 + "时代"),
    Hostile("lone_surrogate", "宁德\ud800时代", carriers=frozenset({"json"})),
)


def carried_by(carrier: str) -> tuple[Hostile, ...]:
    return tuple(h for h in CORPUS if carrier in h.carriers)


# What a terminal acts on (C0 but \t and \n, DEL, C1) or reorders (bidi overrides and isolates), and lone
# surrogates (not text: an encoder fails on them)
TERMINAL_ACTS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown_by_qt(text: str) -> tuple[bool, str]:
    """(renders as rich text, the text a user sees) for `text` given to a tooltip or an AutoText label."""
    if not QtGui.Qt.mightBeRichText(text):
        return False, text
    doc = QTextDocument()
    doc.setHtml(text)
    return True, doc.toPlainText()


def safe_for_qt(text: str, h: Hostile) -> str:
    """"" when `text` (a tooltip, or an AutoText label's text) shows `h` literally and readably; else what is
    wrong. Rich text is fine only as our own wrapper around escaped text (ui/plain.plain_tip): no tag of the
    hostile string survives as a tag, so nothing loads and nothing is hidden."""
    rich, seen = shown_by_qt(text)
    if rich:
        inner = text.removeprefix(PLAIN_TIP_HEAD).removesuffix("</p>") if text.startswith(PLAIN_TIP_HEAD) else text
        if "<" in inner:
            return f"rendered as rich text: {text[:120]!r}"
    missing = [f for f in h.readable if f not in seen]
    if missing:
        return f"the readable part {missing} is not shown: {seen[:120]!r}"
    return ""


def safe_for_label(label, h: Hostile) -> str:
    """A QLabel showing outside text: PlainText, or text Qt will not take for markup."""
    if label.textFormat() == Qt.PlainText:
        missing = [f for f in h.readable if f not in label.text()]
        return f"the readable part {missing} is not shown: {label.text()[:120]!r}" if missing else ""
    return safe_for_qt(label.text(), h)


def safe_for_terminal(out: str, h: Hostile) -> str:
    """"" when CLI output carries no acting character and still shows the readable part of `h`."""
    found = TERMINAL_ACTS.search(out)
    if found:
        return f"{found.group()!r} reaches the terminal"
    missing = [f for f in h.readable if f not in out]
    return f"the readable part {missing} is not shown" if missing else ""


def escaped(text: str) -> str:
    return html.escape(text, quote=False)

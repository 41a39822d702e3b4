"""Text from outside (stock and board names, feed and item titles, 快讯, alert notes) on its way to a terminal.

A terminal obeys what it is sent: ESC starts a control sequence (colours, cursor moves, a retitled window, on
some terminals a clipboard write), BEL rings, CR rewrites the line, C1 controls (U+0080–U+009F) act as ESC
sequences on some terminals, and bidi overrides (U+202A–U+202E, U+2066–U+2069) reorder what is shown so a line
reads other than it is. Every byte the CLI writes passes through `for_terminal` (or `for_json`): each such
character is shown as an escape (`\\x1b`, `\\u202e`), so nothing is lost and nothing acts. Newlines and tabs stay:
the CLI's own layout uses them (a name can carry one too: the CLI prints names on one line by its own format).
"""

from __future__ import annotations

_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = (*(c for c in range(0x20) if c not in (0x09, 0x0A)), 0x7F, *range(0x80, 0xA0))


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


TERMINAL = {c: _escape(c) for c in (*_CONTROLS, *_BIDI)}
# JSON keeps its own escapes valid: json.dumps writes C0 controls as \u00XX already; what it leaves raw with
# ensure_ascii=False (DEL, C1, bidi) becomes a \uXXXX escape, which decodes to the same string.
JSON = {c: f"\\u{c:04x}" for c in (*_CONTROLS, *_BIDI)}


def for_terminal(text: str) -> str:
    return text.translate(TERMINAL)


def for_json(text: str) -> str:
    return text.translate(JSON)

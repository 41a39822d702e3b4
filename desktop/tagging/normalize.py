"""Text normalisation shared by search, tagging and dedup: HTML → text, 繁→简, full-width → half-width.

The same function runs on article text at ingest, on names in the company dictionary and on search input,
so 寧德時代 in an article, 宁德时代 in the stock list and ＣＡＴＬ typed by a user all meet in one form.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata

import nh3

_BLOCK_END = re.compile(r"<(?:br|hr|/p|/div|/li|/h[1-6]|/tr|/td|/th|/blockquote|/pre|/dd|/dt)\b[^>]*>", re.I)
_WS = re.compile(r"[ \t\r\f\v\u3000\u00a0]+")
_NL = re.compile(r"\s*\n\s*")
_local = threading.local()


def _converter():
    # OpenCC objects are not documented as thread-safe: one per thread, built once (about 1 ms).
    cc = getattr(_local, "cc", None)
    if cc is None:
        import opencc

        cc = _local.cc = opencc.OpenCC("t2s")
    return cc


def to_simplified(text: str) -> str:
    if not text or text.isascii():
        return text
    return _converter().convert(text)


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment; block ends become line breaks so words do not run together."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    spaced = _BLOCK_END.sub("\n", fragment)
    stripped = nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style", "noscript", "template"})
    return html.unescape(stripped)


def normalize(text: str) -> str:
    """繁→简 and NFKC (full-width letters, digits and punctuation → half-width); whitespace collapsed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", to_simplified(text))
    text = _WS.sub(" ", text)
    return _NL.sub("\n", text).strip()


def clean_title(raw: str) -> str:
    """Titles arrive escaped, double-escaped or with markup: unescape, drop tags, one line."""
    if not raw:
        return ""
    text = html.unescape(raw)
    if "<" in text:
        text = html.unescape(nh3.clean(text, tags=set()))
    if "&" in text:
        text = html.unescape(text)  # double-escaped titles (&amp;amp;) are common in Chinese feeds
    return " ".join(text.split())

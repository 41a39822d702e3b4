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


MAX_TAGS = 4000   # beyond this, strip tags with a regex: html5ever is quadratic in nesting depth
_ANY_TAG = re.compile(r"<[^>]*>?")


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment; block ends become line breaks so words do not run together."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return fragment
    if fragment.count("<") > MAX_TAGS:
        return html.unescape(_ANY_TAG.sub(" ", fragment))
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


# Only real markup is removed from titles: "H股<A股" (H-shares cheaper than A-shares) is common in finance
# titles and must survive, so a general HTML cleaner (which cuts at "<A…") is not used here.
_TITLE_TAG = re.compile(r"</?(?:a|b|i|u|s|em|strong|span|font|br|p|div|img|sup|sub|small|big|mark|q|cite|code)"
                        r"(?:\s[^<>]*)?/?>", re.I)


def clean_title(raw: str) -> str:
    """Titles arrive escaped, double-escaped or with markup: unescape, drop tags, one line."""
    if not raw:
        return ""
    text = html.unescape(raw)
    if "&" in text:
        text = html.unescape(text)  # double-escaped titles (&amp;amp;) are common in Chinese feeds
    if "<" in text:
        text = _TITLE_TAG.sub("", text)
    return " ".join(text.split())

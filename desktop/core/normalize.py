"""Text normalisation shared by search, tagging and dedup: HTML → text, 繁→简, full-width → half-width.

The same function runs on article text at ingest, on names in the company dictionary and on search input,
so 寧德時代 in an article, 宁德时代 in the stock list and ＣＡＴＬ typed by a user all meet in one form.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from typing import Any

import nh3

_BLOCK_END = re.compile(r"<(?:br|hr|/p|/div|/li|/h[1-6]|/tr|/td|/th|/blockquote|/pre|/dd|/dt)\b[^>]*>", re.I)
_WS = re.compile(r"[ \t\r\f\v\u3000\u00a0]+")
_NL = re.compile(r"\s*\n\s*")
_local = threading.local()


def _converter() -> Any:      # an opencc.OpenCC (untyped)
    # OpenCC objects are not documented as thread-safe: one per thread, built once (about 1 ms).
    cc = getattr(_local, "cc", None)
    if cc is None:
        import opencc

        cc = _local.cc = opencc.OpenCC("t2s")
    return cc


def to_simplified(text: str) -> str:
    if not text or text.isascii():
        return text
    simplified: str = _converter().convert(text)
    return simplified


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


# Titles, authors and feed names are shown as plain text everywhere, so markup is removed once, here, at
# ingest. Only real markup goes: "H股<A股" (H-shares cheaper than A-shares) is common in finance titles and
# must survive, so a general HTML cleaner (which cuts at "<A…") is not used. A tag is "<" + an HTML element
# name + whitespace, "/" or ">" + attributes + ">": "<A股" is not one, "<table background=…>" is.
_ELEMENTS = ("a abbr address area article aside audio b base bdi bdo big blink blockquote body br button canvas "
             "caption center cite code col colgroup data dd del details dfn dialog div dl dt em embed fieldset "
             "figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img "
             "input ins kbd label legend li link main map mark marquee menu meta meter nav noscript object ol "
             "optgroup option output p param picture pre progress q rp rt ruby s samp script section select small "
             "source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead "
             "time title tr track tt u ul var video wbr xml").split()
_TITLE_TAG = re.compile(r"</?(?:" + "|".join(sorted(_ELEMENTS, key=len, reverse=True)) + r")(?=[\s/>])[^<>]*>",
                        re.I)
_TITLE_DROP = re.compile(r"<(script|style|title)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[|\]\]>", re.I | re.S)


def clean_title(raw: str) -> str:
    """Titles arrive escaped, double-escaped or with markup: unescape, drop tags (and script/style bodies),
    one line of plain text."""
    if not raw:
        return ""
    text = html.unescape(raw)
    if "&" in text:
        text = html.unescape(text)  # double-escaped titles (&amp;amp;) are common in Chinese feeds
    if "<" in text:
        text = _TITLE_TAG.sub(_tag_gap, _TITLE_DROP.sub(" ", text))
    return " ".join(text.split())


_INLINE = frozenset("a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q rp rt ruby s samp small "
                    "span strike strong sub sup time tt u var wbr".split())


def _tag_gap(m: re.Match[str]) -> str:
    """Inline tags vanish (Chinese has no spaces to keep); block tags leave a space between their words."""
    name = re.match(r"</?([a-zA-Z0-9]+)", m.group(0))
    return "" if name and name.group(1).lower() in _INLINE else " "

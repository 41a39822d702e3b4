"""The same 快讯 from several sources ("also reported by"): 财联社, 新浪, 同花顺 and an RSSHub copy of one story
rarely share a title — 电报 often has none, 新浪 never — so the title fingerprint (dedup.cluster_key) misses
them. Short items published close together are compared by their text instead: character bigrams of the text
without its dateline, the share of the shorter one's bigrams found in the other (so a source that adds a
sentence still matches), and the figures (a 0.52% update is not the 0.61% one). Qt-free and cheap: a new item
is compared with the other feeds' short items of the hour around it.
"""

from __future__ import annotations

import re
import unicodedata

FLASH_MAX_CHARS = 500     # longer texts are articles, not 快讯: the title fingerprint groups those
WINDOW_S = 3600           # the same 快讯 reaches the sources within minutes; an hour leaves room for RSSHub
MIN_BIGRAMS = 12          # "沪指涨1%" is too short to say two items are one story
THRESHOLD = 0.65          # share of the shorter text's bigrams found in the other (measured: docs/NEWS.md)
COMPARED_CHARS = 160      # the lead carries the story; long tails differ by source

# "财联社11月20日电，" "新浪财经讯 " "格隆汇11月20日丨" "【财联社】": who and when, not what
_DATELINE = re.compile(r"^(?:【[^】]{0,8}】)?[^，,：:。]{0,12}?(?:\d{1,2}月\d{1,2}日)?(?:电|讯|消息|丨|\|)[，,：:\s]*")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# figures that tell updates apart (0.52%, 1000亿); not dates or times (11月20日, 14时)
_FIGURE = re.compile(r"\d+(?:\.\d+)?%?(?![\d.年月日时点分号])")


def signature(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(bigrams, figures) of a short item's text; empty bigrams for texts too long or too short to compare."""
    if len(text) > FLASH_MAX_CHARS:
        return frozenset(), frozenset()
    body = _DATELINE.sub("", unicodedata.normalize("NFKC", text).strip(), count=1)[:COMPARED_CHARS]
    folded = _NON_WORD.sub("", body).casefold()
    grams = frozenset(folded[i:i + 2] for i in range(len(folded) - 1))
    if len(grams) < MIN_BIGRAMS:
        return frozenset(), frozenset()
    return grams, frozenset(_FIGURE.findall(body))


def same_story(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    (ga, fa), (gb, fb) = a, b
    if not ga or not gb:
        return False
    small, large = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    if len(small & large) < THRESHOLD * len(small):
        return False
    shorter_figures = fa if len(ga) <= len(gb) else fb
    longer_figures = fb if len(ga) <= len(gb) else fa
    return shorter_figures <= longer_figures

"""7×24 快讯 through akshare, as feed entries: 财联社 电报 and 东方财富 全球快讯 (first two of issue 11's sources).

A 快讯 subscription is a feed whose URL is `akshare:<key>` (KEYS); the feed refresher hands it to the market
source (which runs in the market process in the window: one rate limiter and the record/replay layer cover it
like market data) instead of fetching and parsing XML. Why akshare and not our own JSON parsing here: both
functions read the endpoint's JSON with plain `requests`, so the Tap records and replays them and akshare's
own parsing runs in tests; what akshare drops is written down in docs/NEWS.md:
- 财联社 (`stock_info_global_cls`): title, content, date, time (Asia/Shanghai) — the item id and link are dropped,
  so an item's identity is the source, its time and a hash of its text; an empty title is the text's first
  sentence (电报 often has none).
- 东方财富 (`stock_info_global_em`): title, summary, time (Asia/Shanghai), and a link built from its code.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import datetime
from typing import Any

from desktop.core.market_hours import SHANGHAI
from desktop.core.news import ParsedEntry
from desktop.core.normalize import clean_title, normalize

PREFIX = "akshare:"
KEYS = {"cls": "财联社 电报", "em": "东方财富 全球快讯"}
TITLE_MAX = 60
_SENTENCE = re.compile(r"^(.{8,60}?[。！？；])")        # up to TITLE_MAX characters
_BRACKETED = re.compile(r"^【([^】]{2,60})】")


def is_flash(url: str) -> bool:
    return url.startswith(PREFIX) and url[len(PREFIX):] in KEYS


def key_of(url: str) -> str:
    return url[len(PREFIX):]


def fetch(ak: Any, key: str) -> Any:
    """The akshare call for `key` (run under the Tap, on a worker, with a deadline)."""
    if key == "cls":
        return ak.stock_info_global_cls(symbol="全部")
    if key == "em":
        return ak.stock_info_global_em()
    raise ValueError(f"unknown 快讯 source {key!r}")


def is_empty_answer(key: str, body: str) -> bool:
    """An answer whose item list is empty (no news since: not an error — akshare fails on the empty frame)."""
    try:
        data = json.loads(body).get("data") or {}
    except (ValueError, AttributeError):
        return False
    items = data.get("roll_data" if key == "cls" else "fastNewsList") if isinstance(data, dict) else None
    return isinstance(items, list) and not items


def entries(key: str, df: Any, fetched: int) -> list[ParsedEntry]:
    """akshare's frame → entries, newest first; rows without text are skipped."""
    if df is None or getattr(df, "empty", True):
        return []
    rows = df.to_dict("records")
    out = []
    for r in rows:
        if key == "cls":
            title, text = _str(r.get("标题")), _str(r.get("内容"))
            published = _when(f"{r.get('发布日期')} {r.get('发布时间')}", fetched)
            url = None
        else:
            title, text = _str(r.get("标题")), _str(r.get("摘要"))
            published = _when(_str(r.get("发布时间")), fetched)
            url = _str(r.get("链接")) or None
        if not text and not title:
            continue
        text = text or title
        title = clean_title(title) or _title_from(text)
        digest = hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()[:16]
        out.append(ParsedEntry(
            guid=f"{PREFIX}{key}:{published}:{digest}",     # stable: the same item fetched again is the same
            url=url if url and url.startswith(("http://", "https://")) else None,
            title=title, summary_html=f"<p>{html.escape(text)}</p>", text=normalize(text), author=KEYS[key],
            published=published, date_missing=published == fetched, title_norm=normalize(title)))
    out.sort(key=lambda e: -e.published)
    return out


def _str(v: Any) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    return " ".join(str(v).split())


def _when(text: str, fetched: int) -> int:
    """"2026-11-20 14:31:05" (Asia/Shanghai, as both sources give it) → Unix seconds; the fetch time if unreadable
    or in the future."""
    try:
        dt = datetime.fromisoformat(text.strip()[:19]).replace(tzinfo=SHANGHAI)
    except ValueError:
        return fetched
    ts = int(dt.timestamp())
    return fetched if ts > fetched + 300 else ts


def _title_from(text: str) -> str:
    """电报 without a title: its 【bracketed lead】, else its first sentence, else its start."""
    m = _BRACKETED.match(text) or _SENTENCE.match(text)
    if m:
        return m.group(1).rstrip("。！？；")
    return text[:TITLE_MAX] + ("…" if len(text) > TITLE_MAX else "")

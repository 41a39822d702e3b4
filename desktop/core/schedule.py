"""Feed URLs and when a feed is next due: its interval after success, exponential back-off with jitter after
failures."""

from __future__ import annotations

import random
from urllib.parse import urlsplit

from desktop.core.news import RSSHUB_PREFIX

FIRST_RETRY_S = 300  # a failing feed is first retried after at most 5 minutes, then 10, 20, 40 …


def after_success(now: int, interval_s: int) -> int:
    return now + max(60, interval_s)


def after_failure(now: int, interval_s: int, failures: int, retry_after: float | None, ceiling_s: int,
                  rng: random.Random | None = None) -> int:
    """`failures` counts this one (1 on the first failure). Retry-After is a floor, never shortened."""
    uniform = rng.uniform if rng else random.uniform
    base = min(max(60, interval_s), FIRST_RETRY_S) * 2 ** max(0, failures - 1)
    delay = min(base, ceiling_s) * uniform(0.8, 1.2)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return now + int(delay)


FLASH_INTERVAL_S = 120      # a 快讯 subscription's default poll interval (an RSS feed's is feeds.interval_min)
NOTICES_INTERVAL_S = 1800   # 公告 (one request per watched stock): every half hour
STOCK_NEWS_INTERVAL_S = 3600   # per-stock news (one request per watched stock; mostly what 快讯/RSS carry): hourly
FLASH_URLS = frozenset({"akshare:cls", "akshare:em", "akshare:sina", "akshare:ths", "akshare:futu",
                        "akshare:notices", "akshare:stocknews"})   # flash_news.KEYS


def valid_feed_url(url: str) -> bool:
    """What can be subscribed: an http(s) URL with a host, an RSSHub route (rsshub:/…), or a 快讯 source
    (akshare:cls, akshare:em — sources/flash_news.py)."""
    if url.startswith(RSSHUB_PREFIX + "/"):
        return True
    if url in FLASH_URLS:
        return True
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def resolve_feed_url(url: str, rsshub_base: str) -> str:
    """"rsshub:/cls/telegraph" → "<base>/cls/telegraph"; other URLs unchanged."""
    if url.startswith(RSSHUB_PREFIX):
        route = url[len(RSSHUB_PREFIX):]
        return rsshub_base.rstrip("/") + "/" + route.lstrip("/")
    return url


def relative_to_rsshub(url: str, rsshub_base: str) -> str:
    """Store routes of the configured RSSHub instance relative to it, so changing the base moves them all."""
    base = rsshub_base.rstrip("/") + "/"
    if rsshub_base and url.startswith(base):
        return RSSHUB_PREFIX + "/" + url[len(base):]
    return url

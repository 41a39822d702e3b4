"""Identity of feed items across refreshes and across feeds.

An item is known by every key it offers: its guid, its normalised URL and, only when it has neither, a hash
of its normalised title and date. A stored article that shares any key with an incoming item *is* that item
(it is updated in place, never duplicated). guids that are URLs count as URLs (news sites put the real
article URL in a non-permalink guid while `link` is a redirector); other guids are only unique within their
feed (many feeds number their items 1, 2, 3 …).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = {
    "fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "spm", "from", "ref", "ref_src", "share_token",
    "ktm_source", "tt_from", "utm", "wfr", "isappinstalled", "scene", "clicktime", "enterid",
}
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_url(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters, sorted query."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def is_web_url(value: str | None) -> bool:
    return bool(value) and value.strip().lower().startswith(("http://", "https://"))


def title_fingerprint(title: str) -> str:
    """Title reduced to letters and digits, case-folded (full-width folded to half-width by NFKC)."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", title)).casefold()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def dedup_keys(feed_id: int, guid: str | None, url: str | None, title: str, published: int | None) -> list[str]:
    """Keys in precedence order: guid, URL, then (only without both) title + date."""
    keys: list[str] = []
    if guid:
        keys.append("u:" + normalize_url(guid) if is_web_url(guid) else f"g:{feed_id}:{guid.strip()}")
    if url and is_web_url(url):
        k = "u:" + normalize_url(url)
        if k not in keys:
            keys.append(k)
    if not keys:
        stamp = str(published) if published is not None else "-"
        keys.append("t:" + _digest(title_fingerprint(title) + "|" + stamp))
    return keys


def cluster_key(title: str) -> str:
    """Near-duplicate group: the same story from several sources has the same simplified, folded title."""
    fp = title_fingerprint(title)
    return _digest(fp) if len(fp) >= 6 else ""


def content_hash(*parts: str | None) -> str:
    return _digest("\x1f".join(p or "" for p in parts))

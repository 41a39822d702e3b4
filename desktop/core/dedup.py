"""Identity of feed items across refreshes and across feeds: guid → normalised URL → title + date.

An item's identity is its *first* available key, in that order: its guid if it has one, else its normalised
URL, else a hash of its normalised title and date. Only that key decides identity — a flash-news feed whose
items all share one `<link>` but have their own guids keeps every item. guids that are URLs count as URLs
(news sites put the real article URL in a non-permalink guid while `link` is a redirector), so the same story
in two feeds meets on its URL; other guids are unique only within their feed (many feeds number items 1, 2,
3 …). Items with neither guid nor link and no date are scoped to their feed and their content, so two feeds'
generic "每日早报" never overwrite each other.
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
        port = parts.port
    except ValueError:   # invalid IPv6 literal, port out of range …: keep the text as it is
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = port if port and (scheme, port) not in (("http", 80), ("https", 443)) else None
    netloc = f"{host}:{port}" if port else host
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS
    )
    path = parts.path or "/"
    # "#/news/1" and "#!/news/1" are routes of single-page sites, not in-page anchors: they identify the item
    fragment = parts.fragment if parts.fragment.startswith(("/", "!")) else ""
    return urlunsplit((scheme, netloc, path, urlencode(query), fragment))


def is_web_url(value: str | None) -> bool:
    return bool(value and value.strip().lower().startswith(("http://", "https://")))


def title_fingerprint(title: str) -> str:
    """Title reduced to letters and digits, case-folded (full-width folded to half-width by NFKC)."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", title)).casefold()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def identity_key(feed_id: int, guid: str | None, url: str | None, title: str, published: int | None,
                 content: str = "") -> str:
    """The one key that identifies an item: guid, else URL, else title + date (see the module docstring)."""
    if guid:
        return "u:" + normalize_url(guid) if is_web_url(guid) else f"g:{feed_id}:{guid.strip()}"
    if url and is_web_url(url):
        return "u:" + normalize_url(url)
    if published is not None:
        return "t:" + _digest(title_fingerprint(title) + "|" + str(published))
    return f"n:{feed_id}:" + _digest(title_fingerprint(title) + "|" + content)


def cluster_key(title: str) -> str:
    """Near-duplicate group: the same story from several sources has the same simplified, folded title."""
    fp = title_fingerprint(title)
    return _digest(fp) if len(fp) >= 6 else ""


def content_hash(*parts: str | None) -> str:
    return _digest("\x1f".join(p or "" for p in parts))

"""RSSHub: whether the configured address answers, and the bundled routes that need it.

RSSHub (https://docs.rsshub.app) is an open-source service that turns sites without feeds (财联社 电报,
华尔街见闻 …) into RSS. It runs on the user's machine or a server they trust (`docker run -p 1200:1200
diygod/rsshub`); the public rsshub.app blocks most finance routes. A first run subscribes the bundled
`rsshub:` routes only when the address answers (otherwise they would be a list of errors on day one); the
settings page tests the address with one click and subscribes the routes then.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

PROBE_TIMEOUT_S = 3.0


def probe(base_url: str, timeout: float = PROBE_TIMEOUT_S) -> tuple[bool, str]:
    """(True, "") when an RSSHub answers at `base_url`; else (False, what went wrong, in the sources' words)."""
    import requests

    from desktop.core.schedule import valid_feed_url

    base = (base_url or "").strip().rstrip("/")
    if not base or not valid_feed_url(base):
        return False, f"invalid URL: {base_url!r}"
    try:
        resp = requests.get(base + "/", timeout=timeout, headers={"User-Agent": "Huohua"})
    except requests.Timeout:
        return False, f"no answer within {timeout:g} s (timed out)"
    except requests.ConnectionError as exc:
        return False, f"cannot connect: {_reason(exc)}"
    except requests.RequestException as exc:
        return False, f"request failed: {exc}"
    if resp.status_code >= 400:
        return False, f"HTTP {resp.status_code} {resp.reason or ''}".rstrip()
    if "rsshub" not in resp.text[:20000].lower():
        return False, "not RSSHub: the address answered, but not with RSSHub's page"
    return True, ""


def _reason(exc: BaseException) -> str:
    text = str(exc)
    for marker in ("[Errno", "Name or service not known", "Temporary failure in name resolution"):
        i = text.find(marker)
        if i >= 0:
            return text[i:i + 120].split("'")[0].rstrip(" )\"")
    return text[:160]


def bundled_routes(resources: Path, base_url: str) -> list[Any]:
    """The bundled feeds (resources/feeds.opml) that are RSSHub routes, as NewFeeds to subscribe."""
    from desktop.sources.opml import parse_opml
    from desktop.store import feeds as feed_ops

    found = parse_opml((resources / "feeds.opml").read_bytes(), base_url)
    return [feed_ops.NewFeed(url=f.url, title=f.title, folder=f.folder, site_url=f.site_url)
            for f in found if f.url.startswith("rsshub:")]

"""Feed bytes → ParsedEntry list (feedparser + our own encoding, date, HTML and link handling).

feedparser gets the raw bytes and the response headers (never `resp.text`: requests decodes text/xml
without a charset as ISO-8859-1). Its own sanitiser and relative-URI resolution are off because nh3 does
both at ingest (sanitize.py); that also makes parsing cheaper.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser

from desktop.core.dedup import is_web_url
from desktop.core.errors import SourceError
from desktop.core.news import ParsedEntry
from desktop.core.normalize import clean_title, html_to_text, normalize
from desktop.sources.dates import parse_date, settle_date
from desktop.sources.sanitize import sanitize_html

log = logging.getLogger(__name__)
_LATIN_GUESSES = {"windows-1252", "iso-8859-1", "latin-1", "cp1252", "us-ascii", "ascii"}
_DECLARED_ENCODING = re.compile(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)[\"']", re.I)
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    site_url: str
    encoding: str
    version: str
    entries: list[ParsedEntry]
    bozo: str | None  # feedparser's complaint when it recovered from broken XML


def _parse(body: bytes, headers: dict[str, str], url: str) -> Any:      # a feedparser result (untyped)
    # No content-location: feedparser would resolve a numbered guid ("1") into a URL against it. We resolve
    # links and content ourselves, against xml:base when the feed has one, else the feed URL.
    headers = {k: v for k, v in headers.items() if k != "content-location"}
    return feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False)


def _declared(body: bytes) -> str | None:
    m = _DECLARED_ENCODING.search(body[:200])
    return m.group(1).decode("ascii").lower() if m else None


def _fix_mojibake(body: bytes, headers: dict[str, str], url: str, result: Any) -> Any:
    """Chinese feeds often come out as Latin-1 mojibake: a server's default `charset=ISO-8859-1` header
    overriding the document's gb2312 declaration, GB bytes with no declaration at all, or GBK bytes declared
    as UTF-8. When the result is Latin and the body is not ASCII, try the document's own declaration, then
    UTF-8, then GB18030, and keep the first that decodes strictly."""
    if result.get("encoding", "").lower() not in _LATIN_GUESSES or body.isascii():
        return result
    candidates = [c for c in (_declared(body), "utf-8", "gb18030") if c and c not in _LATIN_GUESSES]
    for codec in dict.fromkeys(candidates):
        try:
            body.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        forced = {**headers, "content-type": f"application/xml; charset={codec}"}
        retry = _parse(body, forced, url)
        if retry.get("version") or retry.entries:
            return retry
    return result


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def _html_title(body: bytes) -> str:
    for enc in ("utf-8", "gb18030"):
        try:
            m = _HTML_TITLE.search(body[:8192].decode(enc))
        except UnicodeDecodeError:
            continue
        return " ".join(m.group(1).split())[:80] if m else ""
    return ""


def parse_feed(body: bytes, headers: dict[str, str], url: str, fetched: int) -> ParsedFeed:
    """Parse a feed body. Raises SourceError when the body is empty or is not a feed at all."""
    if not body or not body.strip():
        raise SourceError("empty response: the server sent no feed", transient=True)
    headers = {k.lower(): v for k, v in headers.items()}
    result = _fix_mojibake(body, headers, url, _parse(body, headers, url))
    version = result.get("version", "")
    bozo = str(result.get("bozo_exception")) if result.get("bozo") else None
    if not version and not result.entries:
        if _looks_like_html(body):
            title = _html_title(body)
            hint = f" (“{title}”)" if title else ""
            raise SourceError(f"not a feed: the server returned an HTML page{hint}", transient=True)
        raise SourceError(f"not a feed: {bozo or 'no RSS, Atom or RDF content found'}", transient=True)
    feed = result.feed
    entries = []
    for raw in result.entries:
        try:
            entry = _entry(raw, url, fetched)
        except ValueError as exc:   # one malformed item (a broken URL …) must not cost the others
            log.info("skipping a malformed item in %s: %s", url, exc)
            continue
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(
        title=clean_title(feed.get("title", "")),
        site_url=_site_link(feed.get("link")),
        encoding=result.get("encoding", ""),
        version=version,
        entries=entries,
        bozo=bozo,
    )


def _site_link(link: object) -> str:
    """The channel's link when it is http(s): a `javascript:` (data:, file: …) one is not kept, so it never
    reaches an export or an "open" action."""
    link = link.strip() if isinstance(link, str) else ""
    return link if is_web_url(link) else ""


def _content(raw: Any, feed_url: str) -> tuple[str, str]:
    """The longest of summary and content, with its xml:base (relative links resolve against it, as in
    XML; without one, against the feed document's URL)."""
    detail = raw.get("summary_detail") or {}
    best, base = raw.get("summary", "") or "", detail.get("base") or feed_url
    for c in raw.get("content", ()) or ():
        value = c.get("value", "") or ""
        if len(value) > len(best):
            best, base = value, c.get("base") or feed_url
    return best, base


def _entry(raw: Any, feed_url: str, fetched: int) -> ParsedEntry | None:
    link = (raw.get("link") or "").strip()
    guid = (raw.get("id") or "").strip() or None
    if raw.get("guidislink") and link == guid and guid and not guid.lower().startswith(("http://", "https://")):
        link = ""  # feedparser promoted a non-URL guid ("1", "urn:…") to the link: it is not one
    url = urljoin(feed_url, link) if link else None
    if url is None and guid and guid.lower().startswith(("http://", "https://")):
        url = guid
    if url is not None and not url.lower().startswith(("http://", "https://")):
        url = None   # javascript:, data:, file: … links are never stored (the CLI prints them)
    html, base = _content(raw, feed_url)
    summary = sanitize_html(html, base)
    text = normalize(html_to_text(summary))
    title = clean_title(raw.get("title", ""))
    if not title:
        if not text and not url:
            return None  # advert filler: no title, no link, no text (e.g. TechWeb's trailing items)
        title = text[:60] or url or ""
    raw_date = raw.get("published") or raw.get("updated") or raw.get("created")
    published, missing = settle_date(parse_date(raw_date), fetched)
    author = clean_title(raw.get("author", "") or "")
    return ParsedEntry(
        guid=guid, url=url, title=title, summary_html=summary, text=text, author=author,
        published=published, date_missing=missing, title_norm=normalize(title),
    )

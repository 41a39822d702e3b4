"""News-side value types: feeds, parsed entries, stored articles, tags and company links."""

from __future__ import annotations

from dataclasses import dataclass

RSSHUB_PREFIX = "rsshub:"  # feeds stored as "rsshub:/route" resolve against the RSSHub base-URL setting


@dataclass(frozen=True, slots=True)
class ThemeTag:
    theme: str                    # theme name, e.g. "energy"
    terms: tuple[str, ...]        # the matched keywords, in first-seen order


@dataclass(frozen=True, slots=True)
class StockLink:
    code: str                     # 6-digit code, e.g. "300750"
    matched: str                  # the text that matched (宁德时代, CATL, 寧德時代 → its normalised form …)
    confidence: float             # 0..1; see docs/TAGGING.md for the scale


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One feed item after parsing and sanitising, before tagging and storage."""

    guid: str | None
    url: str | None
    title: str
    summary_html: str             # sanitised with nh3; images are inert references
    text: str                     # normalised plain text (繁→简, full→half width) for search and tagging
    author: str
    published: int                # Unix seconds, UTC
    date_missing: bool = False    # True when the feed gave no usable date (published = fetch time)
    title_norm: str = ""          # normalised title (search, tagging, near-duplicate grouping)
    links: tuple[str, ...] = ()   # stocks the source itself names (a 公告's company): linked whatever the text says
    tags: tuple[str, ...] = ()    # tags the source gives ("公告"): stored like themes, shown as chips

    @property
    def normalized_title(self) -> str:
        if self.title_norm:
            return self.title_norm
        from desktop.core.normalize import normalize  # lazy: core stays import-light

        return normalize(self.title)


@dataclass(frozen=True, slots=True)
class TaggedEntry:
    entry: ParsedEntry
    themes: tuple[ThemeTag, ...] = ()
    stocks: tuple[StockLink, ...] = ()
    search_doc: str = ""          # full-text tokens, computed in the parse worker so the writer only writes


@dataclass(slots=True)
class Feed:
    id: int
    url: str                      # absolute URL, or "rsshub:/route"
    title: str = ""
    folder: str = ""
    site_url: str = ""
    interval_s: int = 900
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    last_success: int | None = None
    last_error: str | None = None
    failures: int = 0
    next_due: int = 0
    enabled: bool = True

    @property
    def is_rsshub(self) -> bool:
        return self.url.startswith(RSSHUB_PREFIX)


@dataclass(frozen=True, slots=True)
class Article:
    """An article as read back from the store."""

    id: int
    feed_id: int
    feed_title: str
    guid: str | None
    url: str | None
    title: str
    summary_html: str
    text: str
    author: str
    published: int
    fetched: int
    read: bool
    starred: bool
    themes: tuple[str, ...] = ()
    stocks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """What one feed's refresh did; one CLI line per feed."""

    feed_id: int
    label: str
    status: str                   # "new" | "updated" | "unchanged" | "error" | "skipped"
    new: int = 0
    updated: int = 0
    error: str | None = None
    entries: int = 0
    note: str = ""                # why it was skipped: "no_watched" (公告/个股新闻 with no watched stock)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A list row: everything the news list shows, nothing it does not (no article body)."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    url: str | None
    published: int
    read: bool
    starred: bool
    search_key: int
    cluster_key: str
    themes: tuple[str, ...] = ()
    stocks: tuple[str, ...] = ()

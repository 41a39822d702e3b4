"""What the news list shows: one immutable filter shared by the CLI, the store and the news pane."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class NewsFilter:
    query: str = ""                # full-text search input, as typed
    theme: str | None = None
    stock: str | None = None       # 6-digit code
    board: str | None = None       # a board's code (BK…): articles linked to any of its members
    feed_id: int | None = None
    folder: str | None = None
    since: int | None = None       # Unix seconds, inclusive
    until: int | None = None       # Unix seconds, exclusive
    unread: bool = False
    starred: bool = False
    collapse_duplicates: bool = False   # show one article per story (the first source that carried it)

    def with_(self, **changes: Any) -> NewsFilter:
        return replace(self, **changes)

    @property
    def is_empty(self) -> bool:
        return self == NewsFilter()

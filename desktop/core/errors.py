"""Typed errors shared by every layer."""

from __future__ import annotations


class HuohuaError(Exception):
    """Base class: the message is meant for the user, in plain words."""


class SourceError(HuohuaError):
    """A fetch failed. `retry_after` (seconds) is a server's or the source's hint, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, transient: bool = True):
        super().__init__(message)
        self.retry_after = retry_after
        self.transient = transient


class NotModified(Exception):
    """Conditional GET answered 304: nothing to parse (not an error)."""


class OpmlError(HuohuaError):
    """An OPML file could not be read; nothing was imported."""


class StoreError(HuohuaError):
    """The database could not be opened, migrated or written."""


class WriterClosed(StoreError):
    """The writer has stopped (the app is quitting): the write was not made."""


class DiskFullError(StoreError):
    """A write failed because the disk (or the database's size limit) is full. Nothing was half-written."""


class DatabaseDamaged(StoreError):
    """The database file is corrupt or not a database; `huohua db check` / `db recover` say what to do."""


class ReadOnlyStore(StoreError):
    """The data directory or database is read-only: reading works, writing is refused."""


class ConfigError(HuohuaError):
    """The settings file is unreadable or holds a bad value."""

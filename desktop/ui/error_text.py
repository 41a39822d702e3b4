"""What a fetch error means for the user, in the window's language (the interface language installed by
ui/i18n.py): core/error_kinds.py holds the causes and both languages, so the CLI says the same words."""

from __future__ import annotations

from desktop.core import error_kinds
from desktop.core.error_kinds import kind_of
from desktop.ui import i18n

__all__ = ["describe", "explain", "explain_write", "headline", "kind_of", "set_saved"]
_saved = [False]     # the database holds articles or quotes (the window sets it: MainWindow.has_cache)


def set_saved(saved: bool) -> None:
    """Whether there is stored content to read: the offline advice mentions it only then."""
    _saved[0] = bool(saved)


def explain(raw: str, market: bool = False) -> tuple[str, str]:
    """(what happened, what to do); an HTTP status is named in what happened. `market`: a market data request's
    error (its advice is not about a feed address)."""
    return error_kinds.explain(raw, i18n.current(), market, saved=_saved[0])


def describe(raw: str, market: bool = False) -> str:
    """Three lines for a tooltip: what happened, what to do, and the source's own words."""
    return error_kinds.describe(raw, i18n.current(), market, saved=_saved[0])


def headline(raw: str) -> str:
    """One line for a table cell: what happened."""
    return explain(raw)[0] if raw else ""


def explain_write(error: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for a write or job that failed: read-only, a full disk, a damaged file …"""
    return error_kinds.explain_write(f"{type(error).__name__}: {error}", i18n.current())

"""The names of the watchlists a first run creates (store/market_store.py DEFAULT_WATCHLISTS), shown in the
interface's language.

A list's name is the user's data: the database keeps 自选 whatever the language, and only the display is
translated (Qt context "WatchlistNames" in resources/translations/en.toml). A list the user renamed shows the
name they gave it. tests/ui/test_watchlist_names.py keeps this table equal to DEFAULT_WATCHLISTS.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.ui.i18n import QT_TRANSLATE_NOOP

BUILT_IN = frozenset((QT_TRANSLATE_NOOP("WatchlistNames", "储能与电池"), QT_TRANSLATE_NOOP("WatchlistNames", "光伏与逆变器"),
                      QT_TRANSLATE_NOOP("WatchlistNames", "电力"), QT_TRANSLATE_NOOP("WatchlistNames", "自选")))


def shown_name(name: str) -> str:
    """A watchlist's name as the interface shows it: a built-in list's in the interface's language."""
    return QCoreApplication.translate("WatchlistNames", name) if name in BUILT_IN else name

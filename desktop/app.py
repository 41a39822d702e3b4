"""Core: the Qt-free composition shared by the CLI and the window — the store writer (or a read-only stand-in),
the tagger, the parse workers and the feed refresher. The market service is built by whoever polls the market
(the market worker thread in the window, the market CLI commands), from this writer.

Start-up order: paths → settings → writer (opens and migrates the database) → tagger (lazily, on first use)
→ services. Shutdown is the reverse. The window's composition is gui_app.py; its entry point gui_main.py.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from desktop.config import Paths, Settings, resources_dir

log = logging.getLogger(__name__)


class Core:
    def __init__(self, paths: Paths, settings: Settings | None = None):
        self.paths = paths.ensure()
        self.settings = settings or Settings.load(paths.settings_file)
        # here, not at import: `huohua` paints before the store loads
        from desktop.store.readonly import ReadOnlyWriter, is_read_only
        from desktop.store.writer import Writer

        self.resources = resources_dir()
        # A read-only data directory still shows what it holds: reads work, every write fails with one message.
        self.read_only = is_read_only(paths.data_dir, paths.db)
        self.writer = (ReadOnlyWriter(paths.db) if self.read_only else Writer(paths.db, paths.backups)).start()
        self._tagger = None
        self._tagger_lock = threading.Lock()
        self._names_read: tuple | None = None     # (names,) once read: see _names
        self._refresher = None
        self._pool = None
        self._abandoned = False         # abandon(): no parse workers from now on

    # -- tagging -----------------------------------------------------------------------------------------
    def tagger(self):
        """Built on first use (≈0.2 s) from the stock table when it has been refreshed, else the bundled list."""
        with self._tagger_lock:
            if self._tagger is None:
                from desktop.tagging.tagger import Tagger

                names = self._names()
                self._tagger = Tagger.from_resources(self.resources, stocks=list(names) if names else None,
                                                     user_themes=self.user_theme_files())
            return self._tagger

    def invalidate_tagger(self) -> None:
        """Call after the stock universe or the theme files change: new parse workers get the new tagger.
        The old pool is closed once the feed round using it has finished (never under a running round).
        Blocks until then: call it off the GUI thread."""
        with self._tagger_lock:
            self._tagger = None
            self._names_read = None
            old, self._pool = self._pool, None
        if old is not None:
            if self._refresher is not None:
                with self._refresher.round_lock:
                    old.close()
            else:
                old.close()

    def tagger_spec(self):
        from desktop.services.parse_pool import TaggerSpec

        return TaggerSpec(self.resources, self.user_theme_files(), self._names())

    def parse_pool(self):
        """The parse workers, created on first use (they start only when a refresh is big enough)."""
        with self._tagger_lock:
            if self._pool is None:
                import os

                from desktop.services.parse_pool import ParsePool

                n = int(self.settings["feeds.parse_processes"])
                n = 0 if self._abandoned else (os.cpu_count() or 1) if n < 0 else n
                # work done in this process tags with this core's tagger: one copy of the stock dictionary
                self._pool = ParsePool(self.tagger_spec(), n, tagger=self.tagger)
                if self._abandoned:    # abandon() ran meanwhile (it takes no lock) and may not have seen it
                    self._pool.abandon()
            return self._pool

    def has_data(self) -> bool:
        """Anything stored to show: an article or a quote (the offline banner mentions cached data only then)."""
        from desktop.store.db import holds_data

        conn = self.reader()     # a read connection: a read-only store refuses even reads through its writer
        try:
            return holds_data(conn)
        finally:
            conn.close()

    def themes(self):
        """The bundled themes extended by the user's files (see tagging.themes.load_themes)."""
        from desktop.tagging.themes import load_themes

        return load_themes(self.resources / "themes.toml", *self.user_theme_files())

    def user_theme_files(self) -> tuple[Path | None, ...]:
        extra = self.settings["news.themes_file"]
        return (self.paths.user_themes, Path(extra).expanduser() if extra else None)

    def _names(self):
        """The stock names of the tagger and of the parse workers' spec, read once per universe: each read
        made its own copy of every name (~2.5 MiB in the demo's window, docs/PERFORMANCE.md)."""
        if self._names_read is None:
            names = self._stock_names()
            self._names_read = (tuple(names) if names else None,)
        return self._names_read[0]

    def _stock_names(self):
        """Names from the `stocks` table (the bundled list, seeded there, plus online new listings and
        renames) once it holds a universe; None means "use the bundled files"."""
        try:
            from desktop.core.stocklist import StockName
            from desktop.store.db import connect_ro
            from desktop.store.stocks import name_rows

            conn = connect_ro(self.paths.db)
            try:
                rows = name_rows(conn)
            finally:
                conn.close()
        except Exception:  # no market tables yet, or a read failure: the bundled list is the fallback
            return None
        if len(rows) < 1000:
            return None
        return [StockName(code=r[0], name=r[1], exchange=r[2], industry=r[3], full_name=r[4] or "",
                          former=tuple(n for n in (r[5] or "").split("|") if n)) for r in rows]

    # -- news --------------------------------------------------------------------------------------------
    def refresher(self):
        if self._refresher is None:
            from desktop.services.feed_refresh import FeedRefresher

            self._refresher = FeedRefresher(self.writer, self.paths.db, self.settings, self.parse_pool)
        return self._refresher

    def use_flash_source(self, flash_news) -> None:
        """快讯 subscriptions are fetched through the market source (`flash_news(key) -> entries`)."""
        self.refresher().flash = flash_news

    def reader(self):
        from desktop.store.db import connect_ro

        return connect_ro(self.paths.db)

    def close(self) -> None:
        # swapped out under the lock: invalidate_tagger (another thread) may be closing the old pool right now,
        # and closing one ProcessPoolExecutor twice at once fails (a queue's pipe closed twice: EBADF)
        with self._tagger_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
        self.writer.close()

    def abandon(self) -> None:
        """The process is about to end without closing this core (a throw-away window's quick exit, see
        GuiApp.shutdown): nothing is waited for, the writer keeps running, but the parse workers are let go and
        their named semaphores released (ParsePool.abandon); parsing after this runs in-process. Takes no lock:
        on the GUI thread it must not wait for a tagger being built (see parse_pool for the other half)."""
        self._abandoned = True
        pool = self._pool
        if pool is not None:
            pool.abandon()

    def __enter__(self) -> Core:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

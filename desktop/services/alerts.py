"""AlertService: the rules (store/alerts.py) evaluated (core/alerts.py) on what the writer committed — quotes
and newly stored articles — with the fired alerts and the arming written back through the writer. Qt-free:
the window calls `process(changes)` on a task thread after each commit; `huohua alerts run` calls it after each
replayed round."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core import alert_holdings as holdings
from desktop.core import alert_movers as movers
from desktop.core import clock as wall_clock
from desktop.core.alert_fired import Fired
from desktop.core.alerts import Evaluator, NewArticle
from desktop.core.changes import Changes
from desktop.core.news_filter import NewsFilter
from desktop.store import alerts as alert_ops
from desktop.store.db import connect_ro

if TYPE_CHECKING:
    from desktop.store.writer import Writes

AVG_VOLUME_DAYS = 5


class AlertService:
    def __init__(self, writer: Writes, db_path: Path, source: str = "live", clock: Callable[[], float] = wall_clock.now):
        self.writer, self.db_path, self.source, self.clock = writer, db_path, source, clock
        self.evaluator: Evaluator | None = None

    # -- the rules ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the rules, the watchlists and the volume averages again (after an edit, or on start)."""
        from desktop.store import market_store as ms

        with contextlib.closing(connect_ro(self.db_path)) as conn:
            rules = alert_ops.rules(conn)
            lists = {w.name: tuple(w.codes) for w in ms.watchlists(conn)}
            codes = {r.code for r in rules if r.kind == "volume_spike" and r.code}
            codes |= {c for r in rules if r.kind == "volume_spike" and r.scope == "list"
                      for c in lists.get(r.list_name, ())}
            avg: dict[str, float] = {}
            for code in codes:
                bars = ms.daily_bars(conn, code, "", AVG_VOLUME_DAYS + 1)[:-1] or ms.daily_bars(conn, code, "qfq",
                                                                                                AVG_VOLUME_DAYS + 1)[:-1]
                vols = [b.volume for b in bars[-AVG_VOLUME_DAYS:] if b.volume]
                if vols:
                    avg[code] = sum(vols) / len(vols)
            disarmed, last = alert_ops.load_state(conn) if self.source == "live" else ({}, {})
            held = self._held(conn)
            lists[holdings.HOLDINGS_LIST] = tuple(sorted(held))     # 全部持仓 (core/alert_holdings)
        if self.evaluator is None:
            self.evaluator = Evaluator(rules, lists, avg, self._search, self.source)
            self.evaluator.state.disarmed.update(disarmed)
            self.evaluator.state.last_fired.update(last)
            self.evaluator.reindex_state()
        else:
            self.evaluator.lists, self.evaluator.avg_volume = lists, avg
            self.evaluator.set_rules(rules)
        self.evaluator.holdings = held

    @staticmethod
    def _held(conn: sqlite3.Connection) -> dict[str, holdings.Held]:
        """The holdings' cost and shares (holding alerts); never logged."""
        from desktop.store import positions_store as ps

        return holdings.held(ps.trades(conn), ps.method(conn))

    def _movers(self, keys: set[Any]) -> list[Any]:
        """The newly stored 异动 events (Changes.movers' keys), read back."""
        from desktop.store import movers as movers_store

        with contextlib.closing(connect_ro(self.db_path)) as conn:
            return movers_store.events_by_keys(conn, keys)

    def _search(self, query: str, ids: list[int]) -> set[int]:
        from desktop.store import queries

        with contextlib.closing(connect_ro(self.db_path)) as conn:
            return {r.id for r in queries.list_articles(conn, NewsFilter(query=query), len(ids), ids=ids)}

    # -- evaluation ---------------------------------------------------------------------------------------
    def process(self, changes: Changes) -> list[Fired]:
        """The alerts a commit fires, stored (with what triggered them) before they are returned."""
        if self.evaluator is None or changes.watchlists or changes.positions:
            self.reload()
        ev = self.evaluator
        assert ev is not None               # reload() made it
        fired: list[Fired] = []
        if changes.quotes and (ev.by_code or ev.everywhere or holdings.watching(ev)):
            quotes = self._quotes(sorted(changes.quotes))
            fired += ev.on_quotes(quotes, int(self.clock()))
            ev.after_quotes(quotes)
        if changes.articles_added and ev.news_rules:
            fired += ev.on_articles(self._articles(sorted(changes.articles_added)))
        if changes.movers and movers.watching(ev):         # new 盘口异动 (core/alert_movers.py)
            fired += movers.check(ev, self._movers(changes.movers), Fired)
        if fired:
            state = (dict(ev.state.disarmed), dict(ev.state.last_fired))
            live = self.source == "live"

            def write(conn: sqlite3.Connection) -> list[int]:
                ids = alert_ops.record_fired(conn, fired, int(self.clock()))
                if live:           # replayed or demo arming never touches the live rules' state
                    alert_ops.save_state(conn, *state)
                return ids

            self.writer.call(write)
        return fired

    def check_current(self) -> list[Fired]:
        """After the rules changed: the stored quotes of the stocks they watch, evaluated at once — a rule the
        shown price already meets fires now, not at the next quote commit (and a replay that has run out, or a
        quiet stock, may bring none)."""
        if self.evaluator is None:
            self.reload()
        ev = self.evaluator
        assert ev is not None               # reload() made it
        codes = set(ev.by_code) | (set(ev.holdings) if holdings.watching(ev) else set())
        return self.process(Changes(quotes=codes)) if codes else []

    def _quotes(self, codes: list[str]) -> list[Any]:
        from desktop.store import market_store as ms

        with contextlib.closing(connect_ro(self.db_path)) as conn:
            return [row.quote for row in ms.latest_quotes(conn, codes, now=int(self.clock()), stale_before=0)]

    def _articles(self, ids: list[int]) -> list[NewArticle]:
        """Only articles stored now for the first time (ids come from Changes.articles_added, which an article
        fetched again never is: dedup recognises it)."""
        from desktop.store import queries

        with contextlib.closing(connect_ro(self.db_path)) as conn:
            rows = queries.rows_by_ids(conn, ids)
        return [NewArticle(r.id, r.published, r.title, tuple(r.stocks), tuple(r.themes)) for r in rows]

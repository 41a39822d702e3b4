"""What a fired alert is, and when a quote may fire one: the pieces every alert kind shares.

Kept apart from core/alerts.py (the rules and their evaluation) so that the kinds living in their own modules
(core/alert_holdings.py, core/alert_movers.py) can use them without importing the evaluator that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from desktop.core.market_hours import SHANGHAI

STALE_S = 120                  # a quote older than this at the evaluation clock is stale: no price alert
SESSIONS = ((time(9, 30), time(11, 30)), (time(13, 0), time(15, 0)))


@dataclass(frozen=True, slots=True)
class Fired:
    rule: int
    code: str
    kind: str
    value: float | None           # what triggered it: the price, the % change, the volume multiple
    time: int                     # the quote's market time, or the article's publication time
    article: int | None = None
    source: str = "live"          # "live", "replay" or "demo": never mixed (the log shows which)
    note: str = ""
    title: str = ""               # the article's title (news rules)

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "code": self.code, "kind": self.kind, "value": self.value,
                "time": datetime.fromtimestamp(self.time, SHANGHAI).isoformat(), "article": self.article,
                "source": self.source, "note": self.note, "title": self.title}


_SESSION_CACHE: dict[int, bool] = {}


def in_session(ts: int) -> bool:
    """Continuous trading by the quote's own market time (weekends and holidays have no quotes stamped in
    session). A snapshot's quotes share a handful of times: the answer is cached per second."""
    known = _SESSION_CACHE.get(ts)
    if known is not None:
        return known
    t = datetime.fromtimestamp(ts, SHANGHAI)
    now = t.time()
    answer = t.weekday() < 5 and any(a <= now <= b for a, b in SESSIONS)
    if len(_SESSION_CACHE) > 10_000:
        _SESSION_CACHE.clear()
    _SESSION_CACHE[ts] = answer
    return answer

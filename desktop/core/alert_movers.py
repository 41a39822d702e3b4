"""Alerts on 盘口异动 (issue 26) — Qt-free; core/alerts.py lists the kind, the alert service calls `check`.

Kind "mover" (Rule.kind): a new 异动 event of one of the chosen types (Rule.query: their names, comma-separated —
"火箭发射,高台跳水"; English keys and Eastmoney's codes are read too) for a watched stock: scope "all" watches every
stock of every watchlist, "list" one list, "stock" one code. It fires for events stored for the first time
(Changes.movers: an answer repeating the day's earlier events fires nothing), once per event, with the rule's
cooldown per stock. The fired alert carries the event's time and, as its title, the type and its detail.

Imports nothing of core/alerts (which imports this module): the alert class is handed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.core.market_hours import SHANGHAI
from desktop.core.movers import MoverEvent, detail, type_code, type_name

if TYPE_CHECKING:       # core/alerts imports this module: its types only
    from desktop.core.alert_fired import Fired
    from desktop.core.alerts import Evaluator, Rule

KINDS = ("mover",)
HOLDINGS_LIST = "\x00持仓"       # core/alert_holdings' list of held codes: not a watchlist


def types_of(query: str) -> frozenset[int]:
    """The type codes a rule names (unknown names are left out)."""
    parts = (p.strip() for p in (query or "").replace("，", ",").split(","))
    return frozenset(c for c in (type_code(p) for p in parts if p) if c is not None)


def problem(query: str) -> str:
    """Why a mover rule's types cannot work, in one sentence; "" when they can."""
    if not types_of(query):
        return f"a 异动 alert needs at least one known type, e.g. 火箭发射,高台跳水 (got {query!r})"
    bad = [p for p in (query or "").replace("，", ",").split(",") if p.strip() and type_code(p) is None]
    return f"unknown 异动 type {bad[0].strip()!r}" if bad else ""


def query_of(codes: Iterable[int]) -> str:
    """The rule's query for these type codes: their Chinese names, in the given order."""
    return ",".join(type_name(c) for c in codes)


def watching(ev: Evaluator) -> bool:
    return any(r.kind in KINDS for r in ev.rules.values())


def _scope(ev: Evaluator, r: Rule) -> set[str]:
    if r.scope == "stock":
        return {r.code} if r.code else set()
    if r.scope == "list":
        return set(ev.lists.get(r.list_name, ()))
    return {c for name, codes in ev.lists.items() if name != HOLDINGS_LIST for c in codes}


def event_time(e: MoverEvent) -> int:
    return int(datetime.fromisoformat(f"{e.day}T{e.time}").replace(tzinfo=SHANGHAI).timestamp())


def check(ev: Evaluator, events: Iterable[MoverEvent], fired: Callable[..., Fired]) -> list[Fired]:
    """New events → the alerts they fire, in event order; `fired` builds one (core/alerts.Fired). The rule's
    cooldown runs per stock from the event's own time (ev.state.last_fired, shared with the other kinds)."""
    rules = [(r, types_of(r.query), _scope(ev, r)) for r in ev.rules.values() if r.kind in KINDS]
    out: list[Fired] = []
    if not rules:
        return out
    last = ev.state.last_fired
    for e in sorted(events, key=lambda e: (e.day, e.time, e.code, e.type)):
        at = event_time(e)
        for r, kinds, codes in rules:
            if e.type not in kinds or e.code not in codes:
                continue
            key = (r.id, e.code)
            if key in last and at - last[key] < r.cooldown_s:
                continue
            last[key] = at
            text = f"{type_name(e.type)} {e.time}" + (f" {d}" if (d := detail(e)) else "")
            out.append(fired(r.id, e.code, r.kind, None, at, None, ev.source, r.note, text))
    return out

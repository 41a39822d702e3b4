"""Alerts on 持仓 (issue 27) — Qt-free; core/alerts.py calls in here (its Evaluator stays one module).

Kinds (Rule.kind), for one held stock (scope "stock") or every holding (scope "holdings", 全部持仓):
- "holding_gain" X: the holding's 盈亏% reaches +X (X > 0);
- "holding_loss" X: it reaches −X;
- "breakeven" (回本): the price comes back up to the holding's 成本价 — a crossing: the stock must have been seen
  below its cost first (a holding already above cost when the rule is made does not fire).
盈亏% = (price − 成本价) / 成本价 × 100, the 持仓 table's figure (成本价 by the cost method the user chose). Each fires
once per crossing and is armed again once the figure is back HYSTERESIS_PCT points past its level (回本: 0.5 % below
cost), with the rule's cooldown; never on a stale quote or outside continuous trading, as the price rules.

全部持仓 for the existing rules: any price or news rule may have scope "holdings"; the evaluator sees it as a rule for
the list HOLDINGS_LIST (a name no watchlist can have), which the alert service fills with the held codes — so every
holding is watched without adding a rule for each, and a new buy is watched from its commit on.

A fired holding alert carries the 盈亏% as its value and the 浮动盈亏 (元, signed, "+18,400.00") as its title: the
notifier hides amounts under 隐藏金额.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.core.alert_fired import STALE_S, Fired, in_session

if TYPE_CHECKING:       # core/alerts calls in here: its types only, no import cycle
    from desktop.core.alerts import Armed, Evaluator, Rule
    from desktop.core.market import Quote
    from desktop.core.positions import Trade

KINDS = ("holding_gain", "holding_loss", "breakeven")
PCT_KINDS = ("holding_gain", "holding_loss")
SCOPE = "holdings"
HOLDINGS_LIST = "\x00持仓"           # the evaluator's list of held codes: a control character no list name holds
HYSTERESIS_PCT = 0.5


@dataclass(frozen=True, slots=True)
class Held:
    cost_price: float               # 成本价 by the method (what 盈亏% is against)
    shares: int


def held(trades: Iterable[Trade], method: str = "average") -> dict[str, Held]:
    """code → Held for every stock with shares held (core/positions' replay of the stored trades)."""
    from desktop.core.positions import replay

    return {b.code: Held(float(b.cost_price), b.shares) for b in replay(trades, method).values()
            if b.shares and b.cost_price and b.cost_price > 0}


def as_rule(r: Rule) -> Rule:
    """A 全部持仓 rule as the evaluator reads it: a rule for the list of held codes (a news rule for one stock
    becomes the list's news rule)."""
    if r.scope != SCOPE:
        return r
    kind = "news_list" if r.kind == "news_stock" else r.kind
    return replace(r, kind=kind, scope="list", list_name=HOLDINGS_LIST, code="")


def watching(ev: Evaluator) -> bool:
    """Whether a holding rule is on and something is held (else no quote needs reading for them)."""
    return bool(getattr(ev, "holdings", None)) and any(r.kind in KINDS for r in ev.rules.values())


def check(ev: Evaluator, quotes: Iterable[Quote], now: int) -> list[Fired]:
    """The holding alerts these quotes fire (core.alerts.Fired), with ev's arming and cooldowns."""
    positions: dict[str, Held] = getattr(ev, "holdings", None) or {}
    rules = [r for r in ev.rules.values() if r.kind in KINDS]
    if not rules or not positions:
        return []
    primed: set[tuple[int, str]] = ev.__dict__.setdefault("holding_primed", set())   # (rule, code) seen below cost (回本)
    out: list[Fired] = []
    for q in quotes:
        h = positions.get(q.code)
        if h is None or q.price is None or now - q.time > STALE_S or not in_session(q.time):
            continue
        pct = (q.price - h.cost_price) / h.cost_price * 100
        for r in rules:
            if q.code not in ev.codes_of(r):
                continue
            key = (r.id, q.code)
            if _hit(r, key, pct, ev.state, primed):
                last = ev.state.last_fired.get(key)
                if last is not None and q.time - last < r.cooldown_s:
                    continue
                ev.state.last_fired[key] = q.time
                pnl = (q.price - h.cost_price) * h.shares
                out.append(Fired(r.id, q.code, r.kind, round(pct, 2), q.time, None, ev.source, r.note,
                                 f"{pnl:+,.2f}"))
    return out


def _hit(r: Rule, key: tuple[int, str], pct: float, state: Armed, primed: set[tuple[int, str]]) -> bool:
    """Whether (rule, stock) fires at this 盈亏%, arming and disarming as it goes."""
    level = abs(r.value or 0.0) * (-1 if r.kind == "holding_loss" else 1) if r.kind in PCT_KINDS else 0.0
    if r.kind == "breakeven" and pct < 0:
        primed.add(key)
    back = state.disarmed.get(key)
    if back is not None:
        if (pct <= back) if r.kind in ("holding_gain", "breakeven") else (pct >= back):
            del state.disarmed[key]
            codes = state.by_code.get(key[1])
            if codes is not None:
                codes.discard(key)
        return False
    hit = pct <= level if r.kind == "holding_loss" else pct >= level
    if not hit or (r.kind == "breakeven" and key not in primed):
        return False
    primed.discard(key)
    state.disarmed[key] = level + HYSTERESIS_PCT if r.kind == "holding_loss" else level - HYSTERESIS_PCT
    state.by_code.setdefault(key[1], set()).add(key)
    return True

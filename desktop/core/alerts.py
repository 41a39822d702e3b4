"""Alert rules and their evaluation — Qt-free, driven by what the writer committed (quotes, articles).

Price rules (last price above/below a level, today's % change beyond ±X, 涨停/跌停 reached or opened, volume
spike) fire once per crossing: a rule that fired for a stock is disarmed until the value moves back past the
level by HYSTERESIS, so a price hovering at the level does not fire on every tick. They never fire on a stale
quote (older than STALE_S at the evaluation clock) or outside continuous trading (the quote's own market time:
09:30–11:30, 13:00–15:00 on a trading day), and each rule has a cooldown per stock.

News rules (an article linked to a stock, to any stock of a list, tagged with a theme, matching a search, or a
new 公告 of a watched stock) fire for newly stored articles only — an old article fetched again is not new.

Cost: a full-market page (5,550 quotes) against 200 rules is the bar (≤ 5 ms, bench/alerts.py). Rules for one
stock are found by its code (a dict); rules for every stock ("all") are kept sorted by threshold per kind, so a
quote costs a bisect, not a loop over the rules; only disarmed (rule, stock) pairs are looked at to re-arm.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop.core import alert_holdings as holdings  # 持仓's kinds and the 全部持仓 scope (issue 27)
from desktop.core import alert_movers as movers  # 盘口异动 of chosen types for watched stocks (issue 26)
from desktop.core import clock
from desktop.core.alert_fired import STALE_S, Fired, in_session  # re-exported: core.alerts.Fired …
from desktop.core.breadth import limit_pct as limit_pct  # the one rule (core/breadth), re-exported for alerts
from desktop.core.breadth import limit_prices_yuan
from desktop.core.indices import is_index_key
from desktop.core.market import Quote
from desktop.core.market_hours import SHANGHAI

PRICE_KINDS = ("price_above", "price_below", "change_above", "change_below", "limit_up", "limit_down",
               "limit_up_open", "limit_down_open", "volume_spike")
NEWS_KINDS = ("news_stock", "news_list", "news_theme", "news_query", "notice")
KINDS = PRICE_KINDS + NEWS_KINDS + holdings.KINDS + movers.KINDS
SCOPES = ("stock", "list", "all", holdings.SCOPE)
HYSTERESIS_PCT = 0.5           # re-arm once the price is back 0.5 % past the level (change rules: 0.5 points)
DEFAULT_COOLDOWN_S = 300
NOTICE_TAG = "公告"
NEAR_LIMIT_PCT = 4.4           # below this move no board's limit (ST ±5 %) is in reach: no limit arithmetic


@dataclass(frozen=True, slots=True)
class Rule:
    id: int
    kind: str
    scope: str = "stock"          # "stock" (code), "list" (list_name: every stock of that watchlist), "all"
    code: str = ""
    list_name: str = ""
    theme: str = ""
    query: str = ""
    value: float | None = None    # the level (price), the % (change), the multiple (volume spike)
    cooldown_s: int = DEFAULT_COOLDOWN_S
    enabled: bool = True
    note: str = ""
    created: int = 0

    def describe(self) -> str:
        """A short, language-neutral description for logs and the CLI ("300750 price_above 300")."""
        target = {"stock": self.code, "list": f"list:{self.list_name}", "all": "all"}.get(self.scope, self.code)
        bits = [target, self.kind]
        if self.value is not None:
            bits.append(f"{self.value:g}")
        if self.theme:
            bits.append(f"theme:{self.theme}")
        if self.query:
            bits.append(f"query:{self.query}")
        return " ".join(b for b in bits if b)


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What a news rule needs of a newly stored article."""
    id: int
    published: int
    title: str
    codes: tuple[str, ...]
    themes: tuple[str, ...]


MAX_PRICE = 1_000_000.0        # yuan: far above any A-share's price (the rule dialog's limit too)
MAX_CHANGE_PCT = 1000.0        # %: a new listing's first day can pass +100 %; no move goes past this
MAX_VOLUME_MULTIPLE = 1000.0   # times the 5-day average volume
MAX_COOLDOWN_S = 30 * 86400    # a month


def _priced(q: Quote) -> tuple[float, float]:
    """(price, 昨收) of a quote the rules look at: on_quotes passes over a quote without either."""
    assert q.price is not None and q.prev_close is not None
    return q.price, q.prev_close


def rule_problem(kind: str, value: float | None, cooldown_s: int) -> str:
    """Why a rule with this level and cooldown cannot work, in one sentence; "" when it can. Every number is
    finite and in range: NaN compares false with everything, so a NaN level would never fire (or, negated,
    always), and a cooldown past SQLite's integers cannot even be stored."""
    if isinstance(value, bool) or (value is not None and not isinstance(value, (int, float))):
        return f"the level must be a number, not {value!r}"
    finite = value is not None and math.isfinite(value)
    level = value if value is not None else math.nan     # compared only when finite
    if kind in ("price_above", "price_below") and not (finite and 0 < level <= MAX_PRICE):
        return f"a price alert needs a price above 0 and at most {MAX_PRICE:,.0f}, e.g. 300 (got {value!r})"
    if kind in ("change_above", "change_below", *holdings.PCT_KINDS) and not (finite and 0 < abs(level) <= MAX_CHANGE_PCT):
        return (f"a % change alert needs a percentage other than 0, at most {MAX_CHANGE_PCT:g}, e.g. 5 "
                f"(got {value!r})")
    if kind == "volume_spike" and not (finite and 0 < level <= MAX_VOLUME_MULTIPLE):
        return (f"a volume alert needs a multiple above 0 and at most {MAX_VOLUME_MULTIPLE:g}, e.g. 2 for twice "
                f"the 5-day average (got {value!r})")
    if value is not None and not finite:
        return f"the level must be a finite number (got {value!r})"
    if isinstance(cooldown_s, bool) or not isinstance(cooldown_s, int) or not 0 <= cooldown_s <= MAX_COOLDOWN_S:
        return f"the cooldown must be 0 to {MAX_COOLDOWN_S} seconds (30 days), e.g. 300 (got {cooldown_s!r})"
    return ""


def normalise_level(kind: str, value: float | None) -> float | None:
    """% change rules are about a size of move: change_above 5 is +5 %, change_below 5 (or -5) is -5 %."""
    if value is None:
        return None
    if kind == "change_above":
        return abs(value)
    if kind == "change_below":
        return -abs(value)
    return value


def limit_prices(code: str, name: str, prev_close: float, day: date | None = None) -> tuple[float, float]:
    """(涨停价, 跌停价) on `day` (default: today in Beijing) by the breadth count's rule (core/breadth): every ST
    stock held to ±5 % had fired false 涨停 alerts. (inf, -inf) for a stock without a limit."""
    return limit_prices_yuan(code, name, prev_close, day or clock.today_shanghai())




@dataclass(slots=True)
class Armed:
    """Per (rule, stock): disarmed after firing until the value moves back past the level."""
    disarmed: dict[tuple[int, str], float] = field(default_factory=dict)   # → the level to move back past
    by_code: dict[str, set[tuple[int, str]]] = field(default_factory=dict)  # code → its disarmed pairs
    last_fired: dict[tuple[int, str], int] = field(default_factory=dict)
    at_limit: dict[str, tuple[bool, bool]] = field(default_factory=dict)   # code → (at 涨停, at 跌停) last seen


class Evaluator:
    """Rules in, fired alerts out. `lists`: watchlist name → codes (for "list" scopes and 公告 rules);
    `avg_volume`: code → the recent average daily volume (volume spikes); `search`: (query, article ids) →
    the ids that match (the full-text index, for "news_query")."""

    def __init__(self, rules: Iterable[Rule], lists: dict[str, tuple[str, ...]] | None = None,
                 avg_volume: dict[str, float] | None = None,
                 search: Callable[[str, list[int]], set[int]] | None = None, source: str = "live"):
        self.lists = dict(lists or {})
        self.avg_volume = dict(avg_volume or {})
        self.search = search
        self.source = source
        self.state = Armed()
        self.holdings: dict[str, holdings.Held] = {}   # code → cost and shares: the alert service fills it
        self.set_rules(rules)

    def set_rules(self, rules: Iterable[Rule]) -> None:
        self.rules = {r.id: r for r in map(holdings.as_rule, rules) if r.enabled and r.kind in KINDS}
        self.by_code: dict[str, list[Rule]] = {}
        self.everywhere: dict[str, list[tuple[float, Rule]]] = {}   # kind → (threshold, rule), sorted
        self.news_rules = [r for r in self.rules.values() if r.kind in NEWS_KINDS]
        for r in self.rules.values():
            if r.kind not in PRICE_KINDS:
                continue
            if r.scope == "all":
                self.everywhere.setdefault(r.kind, []).append((r.value if r.value is not None else 0.0, r))
            else:
                for code in self.codes_of(r):
                    self.by_code.setdefault(code, []).append(r)
        for entries in self.everywhere.values():
            entries.sort(key=lambda e: (e[0], e[1].id))
        self._thresholds = {k: [e[0] for e in v] for k, v in self.everywhere.items()}
        # The quiet band: a stock whose move is inside it, with no arming or limit state, meets no rule for
        # every stock — most of a snapshot page is decided by two comparisons.
        limits = any(k.startswith("limit") for k in self.everywhere)
        ups = [lv[0] for lv in self.everywhere.get("change_above", ())[:1]] + ([NEAR_LIMIT_PCT] if limits else [])
        downs = [lv[0] for lv in self.everywhere.get("change_below", ())[-1:]] + ([-NEAR_LIMIT_PCT] if limits else [])
        quiet = "volume_spike" not in self.everywhere
        self._quiet = (max(downs) if downs else float("-inf"), min(ups) if ups else float("inf")) if quiet else None
        self._limits: dict[str, tuple[float, float, float]] = {}
        live = set(self.rules)
        self.state.disarmed = {k: v for k, v in self.state.disarmed.items() if k[0] in live}
        self.reindex_state()

    def reindex_state(self) -> None:
        """After the arming was loaded or pruned: the per-stock index of disarmed pairs."""
        self.state.by_code = {}
        for key in self.state.disarmed:
            self.state.by_code.setdefault(key[1], set()).add(key)

    def codes_of(self, r: Rule) -> tuple[str, ...]:
        """The stocks a rule for one stock or one list watches ("all": none listed)."""
        if r.scope == "list":
            return self.lists.get(r.list_name, ())
        return (r.code,) if r.code else ()

    # -- quotes --------------------------------------------------------------------------------------------
    def on_quotes(self, quotes: Iterable[Any], now: int) -> list[Fired]:
        """Quotes just committed (core.market.Quote) → the alerts they fire, in order."""
        out: list[Fired] = []
        everywhere = self.everywhere
        for q in quotes:
            price, prev = q.price, q.prev_close
            if price is None or not prev or now - q.time > STALE_S or not in_session(q.time):
                continue
            rules = self.by_code.get(q.code)
            if rules:
                for r in rules:
                    self._check(r, q, now, out)
            if everywhere and not is_index_key(q.code):   # "every stock" is no index (sh000001 rides along)
                self._check_everywhere(q, now, out)
        return out + holdings.check(self, quotes, now)

    def _check_everywhere(self, q: Quote, now: int, out: list[Fired]) -> None:
        """Rules for every stock: a bisect per kind finds the levels crossed; limit rules are looked at only
        when the stock is at (or just left) a limit; disarmed pairs of this stock only are re-armed."""
        pct = q.change_pct
        if pct is None:
            return
        quiet = self._quiet
        if quiet is not None and quiet[0] < pct < quiet[1] and q.code not in self.state.by_code \
                and q.code not in self.state.at_limit:
            return
        limits = None
        for kind, entries in self.everywhere.items():
            levels = self._thresholds[kind]
            if kind == "change_above":
                crossed = entries[:bisect.bisect_right(levels, pct)]
            elif kind == "change_below":
                crossed = entries[bisect.bisect_left(levels, pct):]
            elif kind == "volume_spike":
                avg = self.avg_volume.get(q.code)
                if not avg or not q.volume:
                    continue
                crossed = entries[:bisect.bisect_right(levels, q.volume / avg)]
            else:
                if abs(pct) < NEAR_LIMIT_PCT and q.code not in self.state.at_limit \
                        and q.code not in self.state.by_code:
                    continue                  # far from any limit, and never at one: nothing to look at
                if limits is None:
                    limits = self._limit_flags(q)
                if not limits.get(kind):
                    continue
                crossed = entries
            for _level, r in crossed:
                self._check(r, q, now, out)
        pending = self.state.by_code.get(q.code)
        if pending:                           # re-arm this stock's disarmed pairs whose value moved back
            for key in list(pending):
                rule = self.rules.get(key[0])
                if rule is not None and rule.scope == "all" and key in self.state.disarmed:
                    value = self._value(rule, q)
                    if value is not None:
                        self._rearm(rule, key, value, q)

    def _limit_prices(self, q: Quote) -> tuple[float, float]:
        """涨停/跌停 prices of a quote's stock, worked out once per previous close (they hold all day)."""
        prev = _priced(q)[1]
        known = self._limits.get(q.code)
        if known is None or known[0] != prev:
            day = datetime.fromtimestamp(q.time, SHANGHAI).date() if q.time else None
            known = self._limits[q.code] = (prev, *limit_prices(q.code, q.name, prev, day))
        return known[1], known[2]

    def _limit_flags(self, q: Quote) -> dict[str, bool]:
        up, down = self._limit_prices(q)
        price = _priced(q)[0]
        at_up, at_down = price >= up - 0.005, price <= down + 0.005
        was_up, was_down = self.state.at_limit.get(q.code, (False, False))
        # a disarmed limit rule is looked at (to re-arm it) even when the stock has left the limit
        disarmed = {self.rules[k[0]].kind for k in self.state.by_code.get(q.code, ()) if k[0] in self.rules}
        return {"limit_up": at_up or "limit_up" in disarmed, "limit_down": at_down or "limit_down" in disarmed,
                "limit_up_open": was_up and not at_up, "limit_down_open": was_down and not at_down}

    def _value(self, r: Rule, q: Quote) -> float | None:
        if r.kind in ("price_above", "price_below"):
            return q.price
        if r.kind in ("change_above", "change_below"):
            return q.change_pct
        if r.kind == "volume_spike":
            avg = self.avg_volume.get(q.code)
            return q.volume / avg if avg and q.volume else None
        return q.price

    def _condition(self, r: Rule, q: Quote, value: float) -> bool:
        kind, level = r.kind, r.value
        if kind == "price_above":
            return level is not None and value >= level
        if kind == "price_below":
            return level is not None and value <= level
        if kind == "change_above":
            return level is not None and value >= level
        if kind == "change_below":          # its level is stored negative (normalise_level)
            return level is not None and value <= level
        if kind == "volume_spike":
            return value >= (level or 2.0)
        if is_index_key(q.code):            # a watched index (a list's rule): an index has no 涨停 / 跌停
            return False
        up, down = self._limit_prices(q)
        price = _priced(q)[0]
        at_up, at_down = price >= up - 0.005, price <= down + 0.005
        was_up, was_down = self.state.at_limit.get(q.code, (False, False))
        if kind == "limit_up":
            return at_up
        if kind == "limit_down":
            return at_down
        if kind == "limit_up_open":
            return was_up and not at_up        # 开板: it was sealed at 涨停 and traded below it
        return was_down and not at_down         # limit_down_open: 跌停打开

    def _check(self, r: Rule, q: Quote, now: int, out: list[Fired]) -> None:
        value = self._value(r, q)
        if value is None:
            return
        key = (r.id, q.code)
        if key in self.state.disarmed:
            self._rearm(r, key, value, q)
            return
        if not self._condition(r, q, value):
            return
        last = self.state.last_fired.get(key)
        if last is not None and q.time - last < r.cooldown_s:
            return
        self.state.last_fired[key] = q.time
        self.state.disarmed[key] = self._rearm_level(r, value)
        self.state.by_code.setdefault(q.code, set()).add(key)
        out.append(Fired(r.id, q.code, r.kind, round(value, 4), q.time, None, self.source, r.note))

    def _rearm_level(self, r: Rule, value: float) -> float:
        level = r.value if r.value is not None else value
        if r.kind == "price_above":
            return level * (1 - HYSTERESIS_PCT / 100)
        if r.kind == "price_below":
            return level * (1 + HYSTERESIS_PCT / 100)
        if r.kind == "change_above":
            return level - HYSTERESIS_PCT
        if r.kind == "change_below":
            return level + HYSTERESIS_PCT
        if r.kind == "volume_spike":
            return (level or 2.0) * 0.8
        return 0.0                              # limit rules: re-armed by the limit state itself

    def _rearm(self, r: Rule, key: tuple[int, str], value: float, q: Quote | None = None) -> None:
        back = self.state.disarmed[key]
        kind = r.kind
        if kind in ("price_above", "change_above", "volume_spike"):
            again = value <= back
        elif kind in ("price_below", "change_below"):
            again = value >= back
        elif q is not None:                       # limits: armed again once the condition no longer holds
            again = not self._condition(r, q, value)
        else:
            again = False
        if again:
            del self.state.disarmed[key]
            codes = self.state.by_code.get(key[1])
            if codes is not None:
                codes.discard(key)
                if not codes:
                    del self.state.by_code[key[1]]

    def after_quotes(self, quotes: Iterable[Any]) -> None:
        """Remember which stocks sit at their limits (for 开板 rules): call after on_quotes. Only stocks near
        a limit are worked out; the rest cannot be at one."""
        at_limit = self.state.at_limit
        for q in quotes:
            pct = q.change_pct
            if q.price is None or not q.prev_close or pct is None or is_index_key(q.code):
                continue
            if abs(pct) < NEAR_LIMIT_PCT:
                if q.code in at_limit:
                    del at_limit[q.code]
                continue
            up, down = self._limit_prices(q)
            flags = (q.price >= up - 0.005, q.price <= down + 0.005)
            if any(flags):
                at_limit[q.code] = flags
            elif q.code in at_limit:
                del at_limit[q.code]

    # -- news ----------------------------------------------------------------------------------------------
    def on_articles(self, articles: Iterable[NewArticle]) -> list[Fired]:
        """Newly stored articles → the news alerts they fire (one per rule and article)."""
        arts = list(articles)
        if not arts or not self.news_rules:
            return []
        out: list[Fired] = []
        by_query: dict[str, set[int]] = {}
        for r in self.news_rules:
            if r.kind == "news_query" and r.query and self.search is not None:
                by_query[r.query] = self.search(r.query, [a.id for a in arts])
        watched = {c for codes in self.lists.values() for c in codes}
        for a in arts:
            for r in self.news_rules:
                code = self._news_match(r, a, by_query, watched)
                if code is None:
                    continue
                out.append(Fired(r.id, code, r.kind, None, a.published, a.id, self.source, r.note, a.title))
        return out

    def _news_match(self, r: Rule, a: NewArticle, by_query: dict[str, set[int]], watched: set[str]) -> str | None:
        """The stock the alert is about ("" for a theme or a search), or None when the rule does not match."""
        if r.kind == "news_stock":
            return r.code if r.code in a.codes else None
        if r.kind == "news_list":
            hit = [c for c in a.codes if c in self.lists.get(r.list_name, ())]
            return hit[0] if hit else None
        if r.kind == "news_theme":
            return (a.codes[0] if a.codes else "") if r.theme in a.themes else None
        if r.kind == "news_query":
            return (a.codes[0] if a.codes else "") if a.id in by_query.get(r.query, set()) else None
        if r.kind == "notice":
            if NOTICE_TAG not in a.themes:
                return None
            scope = (r.code,) if r.scope == "stock" and r.code else \
                self.lists.get(r.list_name, ()) if r.scope == "list" else tuple(watched)
            hit = [c for c in a.codes if c in scope]
            return hit[0] if hit else None
        return None

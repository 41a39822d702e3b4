"""Plausible ranges for numbers from the market, checked row by row before anything is stored (issue 24).

A market answer is outside text: a server, a proxy on Tencent's plain-http path, or a bug can put any number
in it. Each record kind has one check — `check_quote`, `check_board`, `check_bar` (daily) and
`check_intraday_bar` — that returns the record or a `Dropped` naming the field, its value and why. The
sources call them where they build records (sources/quote_provider.py, sources/akshare_source.py: Eastmoney,
Tencent, akshare's frames, snapshot pages; a replay and the demo run the same code), so the store never sees
an unchecked number. A `Screen` gathers one answer's results: the plausible rows are used, the dropped ones
are named in one warning, and an answer whose every row was dropped is an error (`SourceError`), not an
empty success. The ranges are generous on purpose — a real number must never be dropped — and are listed in
docs/RELIABILITY.md ("Numbers from the market").
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.market import Bar, Board, Quote
from desktop.core.market_hours import SHANGHAI

log = logging.getLogger(__name__)

FIRST_SESSION = date(1990, 12, 19)   # the Shanghai exchange's first session: the trading calendar's first day
DAY_S = 86_400
MAX_PRICE = 1e6             # yuan a share (the dearest A-share has traded near 2,600)
MAX_VOLUME = 1e13           # shares in a day (the busiest stocks trade ~1e10)
MAX_AMOUNT = 1e13           # yuan in a day, a stock or a board (the whole market's record is ~3.5e12)
MAX_CAP = 1e15              # yuan (the whole A-share market is ~1e14)
MAX_TURNOVER_PCT = 1000.0   # a first day's turnover is near 100 %; more than 1000 % is not a trade count
MAX_COUNT = 100_000         # a board's rising or falling members (the market has ~5,500 stocks)
NO_LIMIT_MAX_PCT = 10_000.0  # a listing's first days have no limit: +2,000 % has been seen, +10,000 % has not
BOARD_MAX_PCT = 50.0        # a board's % change: a cap-weighted mean of members limited to 30 % at most
EXAMPLES = 3                # distinct dropped rows a warning shows per field
LIMIT_MARGIN_PCT = 2.0      # on top of the board's limit: exchange rounding, a late prev-close revision
# Eastmoney and Tencent name a listing's first day N…, its next days (no limit on 创业板/科创板/主板 since
# the registration reform) C…; the first day of 退市整理 has no limit either (its name carries 退).
_NO_LIMIT_NAME = re.compile(r"^\s*[NC](?=[\u4e00-\u9fff])|退")

QUOTE_LABELS = {"price": "price", "change_pct": "change %", "change": "change", "open": "open", "high": "high",
                "low": "low", "prev_close": "previous close", "volume": "volume", "amount": "amount",
                "turnover_pct": "turnover %", "total_cap": "total cap", "float_cap": "float cap",
                "time": "update time"}


@dataclass(frozen=True, slots=True)
class Limits:
    """The span times may lie in (Unix seconds): from the trading calendar's first day to the source's
    "now" (a replay's is the recording's), each with a day of margin."""

    earliest: int
    latest: int

    @classmethod
    def at(cls, now: float) -> Limits:
        first = datetime(FIRST_SESSION.year, FIRST_SESSION.month, FIRST_SESSION.day, tzinfo=SHANGHAI)
        return cls(int(first.timestamp()) - DAY_S, int(now) + DAY_S)

    def shown(self, days: bool = False) -> str:
        form = "%Y-%m-%d" if days else "%Y-%m-%d %H:%M"
        return " … ".join(datetime.fromtimestamp(t, SHANGHAI).strftime(form) for t in (self.earliest, self.latest))


@dataclass(frozen=True, slots=True)
class Dropped:
    """Why one row was not used: `key` (the code, board or date), the field's label, its value and the rule."""

    key: str
    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return " ".join(p for p in (self.key, self.field, self.value, self.reason) if p)


class _Bad(Exception):
    def __init__(self, field: str, value: Any, reason: str):
        super().__init__(reason)
        self.field, self.value, self.reason = field, value, reason


def shown(v: Any) -> str:
    """A value as a warning shows it: numbers short (1e+300, not 301 digits), text quoted and cut."""
    if isinstance(v, bool) or v is None:
        return repr(v)
    if isinstance(v, (int, float)):
        try:
            return format(v, ".6g")
        except (OverflowError, ValueError):
            return repr(v)[:20]
    text = repr(str(v))
    return text if len(text) <= 40 else text[:39] + "…"


def market_number(v: Any, scale: float = 1.0) -> float | None:
    """A market figure as a float, None when the answer says "no value" ("-", "", None, pandas' NaN/NaT).
    Unlike `numbers.to_float`, an infinite or overflowing value stays infinite, so the check drops the row
    instead of showing it as missing (a suspended stock)."""
    if v is None or isinstance(v, bool) or (isinstance(v, str) and v.strip() in ("", "-")):
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    if math.isnan(x):
        return None
    return x * scale


def daily_limit_pct(code: str, name: str = "") -> float | None:
    """The daily price limit (%) of this stock's board, None on a day without one (a listing's first days,
    marked N/C in its name; the first day of 退市整理) and for an index. 主板 ±10 %, 创业板/科创板 ±20 %,
    北交所 ±30 %. An ST stock is held to its board's limit here: 主板 ST was ±5 %, and the exchanges set out in
    June 2025 to make it ±10 % like the rest of the main board — a check must not drop a real move either way."""
    if name and _NO_LIMIT_NAME.search(name):
        return None
    if not code[:1].isdigit():      # an index key (core/indices.py): an index has no limit of its own
        return None
    if code.startswith(("92", "8", "4")):
        return 30.0
    if code.startswith(("30", "68")):
        return 20.0
    return 10.0


# -- the checks ------------------------------------------------------------------------------------------
def _finite(field: str, v: Any) -> float:
    if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
        raise _Bad(field, v, "is not a finite number")
    return float(v)


def _between(field: str, v: Any, low: float, high: float, *, low_open: bool = False) -> float:
    x = _finite(field, v)
    if x < low or (low_open and x == low):
        raise _Bad(field, v, f"is not above {shown(low)}" if low_open else f"is below {shown(low)}")
    if x > high:
        raise _Bad(field, v, f"is above {shown(high)}")
    return x


def _optional(field: str, v: Any, low: float, high: float, *, low_open: bool = False) -> None:
    if v is not None:
        _between(field, v, low, high, low_open=low_open)


def _time(field: str, t: Any, limits: Limits) -> int:
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t):
        raise _Bad(field, t, "is not a time")
    if not limits.earliest <= t <= limits.latest:
        raise _Bad(field, t, f"is outside {limits.shown()}")
    return int(t)


# Markup, C0/C1 controls and bidi/zero-width format characters: what a name from a market answer must not carry
_UNCLEAN = re.compile(r"[<>&\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")


def clean_name(name: str) -> str:
    """A stock's or board's name as plain text (issue 24): tags removed, entities decoded, control, bidi and
    zero-width characters dropped, one line. A clean name (nearly every one) is returned as it is."""
    if not name or not _UNCLEAN.search(name):
        return name
    # only for the rare dirty name (normalize imports nh3)
    from desktop.core.normalize import clean_title

    text = clean_title(_CONTROLS.sub("", name))
    return _CONTROLS.sub("", text)


def check_quote(q: Quote, limits: Limits) -> Quote | Dropped:
    """A quote with every present figure in range (None means "not available" and stays None); its name as plain
    text (`clean_name`)."""
    if (name := clean_name(q.name)) is not q.name:
        q = replace(q, name=name)
    try:
        _optional("price", q.price, 0.0, MAX_PRICE, low_open=True)
        _optional("prev_close", q.prev_close, 0.0, MAX_PRICE, low_open=True)
        for f in ("open", "high", "low"):            # 0 before the first trade of the day
            _optional(f, getattr(q, f), 0.0, MAX_PRICE)
        _optional("change", q.change, -MAX_PRICE, MAX_PRICE)
        if q.change_pct is not None:
            limit = daily_limit_pct(q.code, q.name)
            if limit is None:
                _between("change_pct", q.change_pct, -100.0, NO_LIMIT_MAX_PCT, low_open=True)
            else:
                cent = 1.0 / q.prev_close if q.prev_close else 1.0     # one cent's rounding, in %
                allowed = min(100.0, limit + LIMIT_MARGIN_PCT + cent)
                _between("change_pct", q.change_pct, -allowed, allowed, low_open=allowed >= 100.0)
        _optional("volume", q.volume, 0.0, MAX_VOLUME)
        _optional("amount", q.amount, 0.0, MAX_AMOUNT)
        _optional("turnover_pct", q.turnover_pct, 0.0, MAX_TURNOVER_PCT)
        _optional("total_cap", q.total_cap, 0.0, MAX_CAP)
        _optional("float_cap", q.float_cap, 0.0, MAX_CAP)
        t = _time("time", q.time, limits)
    except _Bad as bad:
        return Dropped(q.code, QUOTE_LABELS.get(bad.field, bad.field), shown(bad.value), bad.reason)
    return q if t == q.time and type(q.time) is int else replace(q, time=t)


def check_board(b: Board) -> Board | Dropped:
    """A board (industry or concept) with its % change, cap and member counts in range; counts become ints.
    (A board carries no time of its own: the refresh's is stored.) Its and its leader's names as plain text."""
    name, leader = clean_name(b.name), clean_name(b.leader)
    if name is not b.name or leader is not b.leader:
        b = replace(b, name=name, leader=leader)
    try:
        _optional("change %", b.change_pct, -BOARD_MAX_PCT, BOARD_MAX_PCT)
        _optional("total cap", b.total_cap, 0.0, MAX_CAP)
        _optional("leader change %", b.leader_change_pct, -100.0, NO_LIMIT_MAX_PCT, low_open=True)
        counts: list[int | None] = []
        for field, v in (("rising members", b.up), ("falling members", b.down)):
            if v is None:
                counts.append(None)
                continue
            x = _between(field, v, 0.0, MAX_COUNT)
            if x != int(x):
                raise _Bad(field, v, "is not a whole number")
            counts.append(int(x))
    except _Bad as bad:
        return Dropped(b.code, bad.field, shown(bad.value), bad.reason)
    if counts == [b.up, b.down] and all(c is None or type(c) is int for c in (b.up, b.down)):
        return b
    return replace(b, up=counts[0], down=counts[1])


def _day_start(day: Any) -> int:
    """00:00 Asia/Shanghai of a date, a datetime or an ISO text; `_Bad` for anything else (pandas' NaT, which
    akshare makes of "garbage", "" and 2026-13-45; any other text)."""
    if day is None or day != day or str(day).strip() in ("", "NaT", "nan", "None"):   # NaT != NaT
        raise _Bad("date", None, "is missing or not a date")
    if isinstance(day, datetime):
        day = day.date()
    if not isinstance(day, date):
        try:
            day = date.fromisoformat(str(day)[:10])
        except ValueError:
            raise _Bad("date", day, "is not a date") from None
    return int(datetime(day.year, day.month, day.day, tzinfo=SHANGHAI).timestamp())


def _bar_prices(o: Any, h: Any, lo: Any, c: Any, v: Any, a: Any, *, adjusted: bool) -> tuple[float, ...]:
    vals = []
    for field, x in (("open", o), ("high", h), ("low", lo), ("close", c)):
        x = market_number(x)
        if x is None:
            raise _Bad(field, None, "is missing or not a number")
        # 前复权 prices of long histories go below zero (dividends subtracted from old prices: Eastmoney's
        # 600028 in 2001 is −2.01): real data, kept; raw prices are above 0
        vals.append(_between(field, x, -MAX_PRICE if adjusted else 0.0, MAX_PRICE, low_open=not adjusted))
    for field, x, top in (("volume", v, MAX_VOLUME), ("amount", a, MAX_AMOUNT)):
        x = market_number(x)
        if x is None:
            raise _Bad(field, None, "is missing or not a number")
        vals.append(_between(field, x, 0.0, top))
    return tuple(vals)


def _dropped(key: str, bad: _Bad) -> Dropped:
    return Dropped(key, bad.field, "" if bad.value is None else shown(bad.value), bad.reason)


def check_bar(code: str, day: Any, open: Any, high: Any, low: Any, close: Any, volume: Any, amount: Any,
              *, adjust: str = "", limits: Limits) -> Bar | Dropped:
    """A daily bar from a row's raw values (akshare's: a date or NaT, floats or NaN; volume in shares)."""
    try:
        t = _day_start(day)
        if not limits.earliest <= t <= limits.latest:
            raise _Bad("date", str(day)[:10], f"is outside {limits.shown(days=True)}")
    except _Bad as bad:
        return _dropped(code, bad)
    try:
        o, h, lo, c, v, a = _bar_prices(open, high, low, close, volume, amount, adjusted=bool(adjust))
    except _Bad as bad:
        return _dropped(f"{code} {datetime.fromtimestamp(t, SHANGHAI).date()}", bad)
    return Bar(code=code, time=t, open=o, high=h, low=lo, close=c, volume=v, amount=a, adjust=adjust)


def check_intraday_bar(code: str, stamp: Any, open: Any, high: Any, low: Any, close: Any, volume: Any,
                       amount: Any, *, limits: Limits) -> Bar | Dropped:
    """A 1-minute bar from a row's raw values; `stamp` is the exchange's label "YYYY-MM-DD HH:MM[:SS]"."""
    text = str(stamp)
    try:
        try:
            t = int(datetime.fromisoformat(text[:19]).replace(tzinfo=SHANGHAI).timestamp())
        except ValueError:
            raise _Bad("time", stamp, "is not a date and time") from None
        if not limits.earliest <= t <= limits.latest:
            raise _Bad("time", text[:19], f"is outside {limits.shown()}")
    except _Bad as bad:
        return _dropped(code, bad)
    try:
        o, h, lo, c, v, a = _bar_prices(open, high, low, close, volume, amount, adjusted=False)
    except _Bad as bad:
        return _dropped(f"{code} {text[:16]}", bad)
    return Bar(code=code, time=t, open=o, high=h, low=lo, close=c, volume=v, amount=a)


# -- one answer's screening ------------------------------------------------------------------------------
class Screen:
    """The checked rows of one answer. `keep(result)` returns the record or None (the reason is kept);
    `report()` says once what was dropped, and raises `SourceError` when nothing was left of a non-empty
    answer — a source whose every row was dropped has failed, it did not answer "nothing"."""

    def __init__(self, what: str, unit: str = "row"):
        self.what = what
        self.unit = unit
        self.kept = 0
        self.dropped: list[Dropped] = []

    def keep(self, result: Any) -> Any:
        if isinstance(result, Dropped):
            self.dropped.append(result)
            return None
        self.kept += 1
        return result

    def summary(self, *, named: bool = True) -> str:
        """"quotes: 3 of 12 rows dropped as implausible: 601012 update time 1e+300 is outside …, 300274 price
        -289.04 is not above 0 (2 rows)": per field, up to three distinct examples with their counts."""
        if not self.dropped:
            return ""
        by_field: dict[str, dict[str, int]] = {}
        for d in self.dropped:
            texts = by_field.setdefault(d.field, {})
            texts[str(d)] = texts.get(str(d), 0) + 1
        parts = []
        for texts in by_field.values():
            shown_texts = list(texts.items())[:EXAMPLES]
            parts += [t + (f" ({n} {self.unit}s)" if n > 1 else "") for t, n in shown_texts]
            more = sum(texts.values()) - sum(n for _t, n in shown_texts)
            if more:
                parts[-1] += f" (and {more} more {self.unit}{'s' if more > 1 else ''} like it)"
        total = self.kept + len(self.dropped)
        head = f"{self.what}: " if self.what and named else ""
        return (f"{head}{len(self.dropped)} of {total} {self.unit}{'s' if total > 1 else ''} dropped as "
                f"implausible: {', '.join(parts)}")

    def report(self, *, error_if_none_left: bool = True) -> None:
        """One warning naming the fields of the dropped rows; `SourceError` if every row was dropped."""
        if not self.dropped:
            return
        if error_if_none_left and not self.kept:
            raise SourceError(self.summary())
        log.warning("%s", self.summary())

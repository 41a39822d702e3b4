"""Batched quotes for a list of codes: akshare has none, so this is the one HTTP client of our own.

Eastmoney `ulist.np` answers up to 100 secids per request (a 200-stock watchlist = 2 requests). When Eastmoney
drops the connection (its ban looks like RemoteDisconnected) or times out, a circuit breaker opens and quotes
come from Tencent's `qt.gtimg.cn` (GBK text, ≤ 60 codes per request) until the cool-down ends; then one trial
request goes to Eastmoney again (half-open) and, if it answers, Eastmoney is back. See docs/MARKET.md.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import requests

from desktop.core import clock
from desktop.core.errors import SourceError
from desktop.core.indices import INDICES, index_of
from desktop.core.market import STOCK_CODE, Quote
from desktop.core.market_checks import Limits, Screen, check_quote, market_number
from desktop.core.market_hours import SHANGHAI
from desktop.sources.market import secid, tencent_symbol, valid_codes

EASTMONEY_ULIST = "https://push2.eastmoney.com/api/qt/ulist.np/get"
ULIST_FIELDS = "f2,f3,f4,f5,f6,f8,f12,f13,f14,f15,f16,f17,f18,f20,f21,f124"
TENCENT_URL = "http://qt.gtimg.cn/q="
EASTMONEY_BATCH = 100
TENCENT_BATCH = 60
INDEX_SECID_KEYS = {i.secid: i.key for i in INDICES}     # "1.000001" → "sh000001"


class CircuitBreaker:
    """closed → (failure) open for `cooldown`, doubling per consecutive trip up to `max_cooldown` → half-open."""

    def __init__(self, cooldown_s: float = 300.0, max_cooldown_s: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic):
        self.cooldown_s = cooldown_s
        self.max_cooldown_s = max_cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self.state = "closed"
        self.trips = 0
        self.open_until = 0.0

    def allow(self) -> bool:
        with self._lock:
            if self.state == "open" and self._clock() >= self.open_until:
                self.state = "half_open"   # one trial request decides
            return self.state != "open"

    def success(self) -> None:
        with self._lock:
            self.state, self.trips = "closed", 0

    def failure(self) -> None:
        with self._lock:
            self.trips += 1
            wait = min(self.max_cooldown_s, self.cooldown_s * 2 ** (self.trips - 1))
            self.state, self.open_until = "open", self._clock() + wait


class _Unavailable(Exception):
    """An endpoint failed in a way the other may not (connection, timeout, HTTP status, not JSON, a bad body)."""


# ulist fields (fltt=2): numbers are JSON numbers and "-" means "not available" (a suspended stock has no
# price). Eastmoney sends every field asked for (akshare's hot-rank functions assign ulist columns by
# position), so a missing key means the answer changed shape, not that the value is unknown.
UL_NAMES = {"f2": "price", "f3": "change %", "f4": "change", "f5": "volume", "f6": "amount", "f8": "turnover %",
            "f12": "code", "f13": "market", "f14": "name", "f15": "high", "f16": "low", "f17": "open",
            "f18": "previous close", "f20": "total cap", "f21": "float cap", "f124": "update time"}
UL_REQUIRED = ("f2", "f3", "f12", "f14", "f18")     # a row without these is no quote at all


class _Faults:
    """What is wrong with one answer, counted, so one message says it all: "field f2 (price) missing in 12
    rows", "field f3 (change %) is not a number: 'abc' (3 rows)" (the first offending value is shown)."""

    def __init__(self, unit: str):
        self.unit = unit
        self._seen: dict[str, list[Any]] = {}    # fault -> [how many, the first offending value shown]

    def add(self, fault: str, shown: str = "") -> None:
        self._seen.setdefault(fault, [0, shown])[0] += 1

    def check(self) -> None:
        parts = []
        for fault, (n, shown) in self._seen.items():
            count = f"{n} {self.unit}" + ("s" if n > 1 else "")
            if not shown:
                parts.append(f"{fault} in {count}")
            else:
                parts.append(f"{fault}: {shown}" + (f" ({count})" if n > 1 else ""))
        if parts:
            raise _Unavailable(", ".join(parts))


def _show(v: Any) -> str:
    text = repr(v)
    return text if len(text) <= 40 else text[:39] + "…"


def _is_number(v: Any) -> bool:
    """A JSON number. Its size is not judged here: an implausible value (1e300, -289.04, 1e999 read as
    infinity) loses its row in `check_quote`, while a value of the wrong type spoils the answer."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isnan(v)


def check_ulist_rows(rows: list[Any]) -> None:
    """Raise `_Unavailable` naming every way these ulist rows are not quotes (nothing of them is used then)."""
    faults = _Faults("row")
    for r in rows:
        if not isinstance(r, dict):
            faults.add("a row is not an object", _show(r))
            continue
        for key in UL_REQUIRED:
            if key not in r:
                faults.add(f"field {key} ({UL_NAMES[key]}) missing")
        code, name = r.get("f12"), r.get("f14")
        if "f12" in r and not (isinstance(code, str) and STOCK_CODE.match(code)):
            faults.add("field f12 (code) is not a 6-digit code", _show(code))
        if "f14" in r and not isinstance(name, str):
            faults.add("field f14 (name) is not text", _show(name))
        elif "f14" in r and str(name).strip() in ("", "-"):
            faults.add("field f14 (name) is empty")
        for key, label in UL_NAMES.items():
            v = r.get(key, "-")
            if key not in ("f12", "f14") and v != "-" and not _is_number(v):
                faults.add(f"field {key} ({label}) is not a number", _show(v))
    faults.check()


class QuoteProvider:
    def __init__(self, *, breaker: CircuitBreaker | None = None, timeout: float = 10.0,
                 wall_clock: Callable[[], float] = clock.now):
        self.breaker = breaker or CircuitBreaker()
        self.timeout = timeout
        self._now = wall_clock
        self.backend = ""            # which endpoint answered last: "eastmoney" | "tencent"
        self.last_error = ""
        self.missing: list[str] = []  # codes asked for but not answered last time
        self._em_failure = ""        # why the breaker last opened, named while it stays open

    def quotes(self, codes: list[str]) -> list[Quote]:
        good = valid_codes(codes)
        if not good:
            self.missing = list(codes)
            return []
        if self.breaker.allow():
            try:
                out = self._eastmoney(good)
            except _Unavailable as exc:
                self.breaker.failure()
                self._em_failure = em_error = str(exc)
            else:
                self.breaker.success()
                self.backend, self.last_error = "eastmoney", ""
                return self._done(codes, out)
        else:
            em_error = "paused (circuit open)" + (f" after: {self._em_failure}" if self._em_failure else "")
        try:
            out = self._tencent(good)
        except (_Unavailable, SourceError) as exc:
            # Name each endpoint's fault: the fallback's alone hides why Eastmoney was not used.
            self.last_error = f"Eastmoney: {em_error}; Tencent: {exc}"
            raise SourceError(f"quotes: {self.last_error}", retry_after=getattr(exc, "retry_after", None)) from None
        self.backend, self.last_error = "tencent", f"Eastmoney: {em_error}"
        return self._done(codes, out)

    def _done(self, asked: list[str], out: list[Quote]) -> list[Quote]:
        got = {q.code for q in out}
        self.missing = [c for c in asked if c not in got]
        return out

    # -- Eastmoney -----------------------------------------------------------------------------------
    def _eastmoney(self, codes: list[str]) -> list[Quote]:
        out: list[Quote] = []
        for i in range(0, len(codes), EASTMONEY_BATCH):
            batch = codes[i:i + EASTMONEY_BATCH]
            params = {"fltt": "2", "invt": "2", "fields": ULIST_FIELDS, "secids": ",".join(map(secid, batch)),
                      "ut": "bd1d9ddb04089700cf9c27f6f7426281"}
            body = _get_json(EASTMONEY_ULIST, params, self.timeout, "Eastmoney")
            data = body.get("data")
            if data is None:
                if body.get("rc") == 102:   # every secid unknown: a valid answer with nothing in it
                    continue
                raise _Unavailable(f"answer without data (rc={body.get('rc')})")
            diff = data.get("diff") if isinstance(data, dict) else None
            if not isinstance(diff, (list, dict)):
                raise _Unavailable(f"answer without a row list (data: {_show(data)})")
            rows = list(diff.values()) if isinstance(diff, dict) else diff
            check_ulist_rows(rows)
            fetched = int(self._now())
            # An index answers with its bare code (f12 "000001", f13 1): its secid says which index key it is,
            # so 上证指数 never lands on 平安银行's 000001 (core/indices.py)
            asked = {INDEX_SECID_KEYS[s] for s in params["secids"].split(",") if s in INDEX_SECID_KEYS}
            for r in rows:
                q = eastmoney_quote(r, fetched)
                if q is not None and asked and (key := INDEX_SECID_KEYS.get(f"{r.get('f13')}.{q.code}")) in asked:
                    q = replace(q, code=key)
                if q is not None:
                    out.append(q)
        return self._plausible(out, "Eastmoney")

    def _plausible(self, quotes: list[Quote], who: str) -> list[Quote]:
        """The quotes whose every figure is in range (core/market_checks.py); one warning names the dropped
        rows' fields, and an answer with none left is this endpoint's failure (the other is tried)."""
        limits = Limits.at(self._now())
        screen = Screen(f"quotes ({who})")
        kept = [q for q in (screen.keep(check_quote(q, limits)) for q in quotes) if q is not None]
        if screen.dropped and not kept:
            raise _Unavailable(screen.summary(named=False))
        screen.report()
        return kept

    # -- Tencent -------------------------------------------------------------------------------------
    def _tencent(self, codes: list[str]) -> list[Quote]:
        out: list[Quote] = []
        for i in range(0, len(codes), TENCENT_BATCH):
            symbols = [tencent_symbol(c) for c in codes[i:i + TENCENT_BATCH]]
            try:
                resp = requests.get(TENCENT_URL + ",".join(symbols), timeout=self.timeout)
            except requests.RequestException as exc:
                raise _Unavailable(_reason(exc, "Tencent")) from None
            if resp.status_code >= 400:
                raise _Unavailable(f"HTTP {resp.status_code}")
            text = resp.content.decode("gb18030", errors="replace")  # GBK, declared or not
            if not text.strip():
                raise _Unavailable("empty answer")
            fetched = int(self._now())
            faults = _Faults("record")
            quotes = [_tencent_record(ln, fetched, faults) for ln in text.split(";")]
            faults.check()   # one bad record spoils the batch: the rest may be shifted the same way
            out.extend(q for q in quotes if q is not None)
        return self._plausible(out, "Tencent")


def _get_json(url: str, params: dict[str, str], timeout: float, who: str) -> dict[str, Any]:
    try:
        resp = requests.get(url, params=params, timeout=timeout)
    except requests.RequestException as exc:
        raise _Unavailable(_reason(exc, who)) from None
    if resp.status_code >= 400:
        raise _Unavailable(f"HTTP {resp.status_code}")
    try:
        body = resp.json()
    except ValueError:
        raise _Unavailable(f"{who} did not answer JSON (an anti-bot page?)") from None
    if not isinstance(body, dict):
        raise _Unavailable(f"{who} answered an unexpected shape")
    return body


def _reason(exc: requests.RequestException, who: str) -> str:
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.ConnectionError):
        text = str(exc)
        # Only a connection the server accepted and then cut is evidence of Eastmoney's ban.
        if who == "Eastmoney" and any(m in text for m in ("RemoteDisconnected", "Connection aborted", "reset by peer")):
            return "connection dropped (Eastmoney does this to IPs that request too fast)"
        cause = re.findall(r"\[Errno -?\d+\][^'\")]*", text)   # the innermost reason of requests' chain
        return f"cannot connect ({(cause[-1] if cause else text).strip()[:120]})"
    return f"request failed ({type(exc).__name__})"


def eastmoney_quote(r: dict[str, Any], fetched: int, when: int | None = None) -> Quote | None:
    """A row with Eastmoney's field codes (ulist or clist, fltt=2); `when` is used if it carries no f124 (or 0).
    Lenient (blanks become None): ulist rows are type-checked first by `check_ulist_rows`, and every record is
    range-checked by `market_checks.check_quote` before it is used (an out-of-range value is kept as sent here,
    so the check can name it)."""
    code = str(r.get("f12") or "")
    if len(code) != 6:
        return None
    num = market_number
    stamp = r.get("f124")
    at: float = when or fetched
    if isinstance(stamp, (int, float)) and not isinstance(stamp, bool) and stamp == stamp and stamp != 0:
        at = int(stamp) if math.isfinite(stamp) and stamp == int(stamp) else stamp
    return Quote(code=code, name=str(r.get("f14") or ""), price=num(r.get("f2")), change_pct=num(r.get("f3")),
                 change=num(r.get("f4")), open=num(r.get("f17")), high=num(r.get("f15")), low=num(r.get("f16")),
                 prev_close=num(r.get("f18")), volume=num(r.get("f5"), 100.0),    # lots → shares
                 # a fractional time is kept as sent: market_checks.check_quote names it
                 amount=num(r.get("f6")), turnover_pct=num(r.get("f8")), total_cap=num(r.get("f20")),
                 time=at,  # type: ignore[arg-type]
                 fetched=fetched, float_cap=num(r.get("f21")))


# Tencent `~` fields used (FACTS.md). The price and previous close are always numbers (0.00 for a suspended
# stock); the others may be empty but never text.
TC_FIELDS = 46
TC_REQUIRED = {3: "price", 4: "previous close"}
TC_NUMBERS = {5: "open", 6: "volume", 31: "change", 32: "change %", 33: "high", 34: "low", 37: "amount",
              38: "turnover %", 44: "float cap", 45: "total cap"}


def parse_tencent_line(line: str, fetched: int) -> Quote | None:
    """One `v_sz300750="51~宁德时代~300750~…"` record; None for a blank line and for `v_pv_none_match` (a
    code Tencent does not know). A malformed record raises `_Unavailable` naming what is wrong."""
    faults = _Faults("record")
    q = _tencent_record(line, fetched, faults)
    faults.check()
    return q


def _tencent_record(line: str, fetched: int, faults: _Faults) -> Quote | None:
    line = line.strip()
    if not line:
        return None
    if not line.startswith("v_") or '="' not in line:
        faults.add("not a quote record", _show(line))
        return None
    sym, rest = line[2:].split('="', 1)
    if sym == "pv_none_match":
        return None
    f = rest.rstrip('"').split("~")
    if len(f) < TC_FIELDS:
        faults.add(f"too few fields (need {TC_FIELDS})", f"{sym} has {len(f)}")
        return None
    if f[2] != sym[2:]:   # the code inside must be the one the record is named for
        faults.add("code does not match the symbol", f"{sym} carries {_show(f[2])}")
        return None
    bad = False
    if not f[1].strip():
        faults.add("empty name", sym)
        bad = True
    for i, label in {**TC_REQUIRED, **TC_NUMBERS}.items():
        if (f[i] or i in TC_REQUIRED) and market_number(f[i]) is None:   # text; its size: check_quote
            faults.add(f"{label} is not a number", f"{sym}: {_show(f[i])}")
            bad = True
    if bad:
        return None

    num = market_number     # kept as sent (1.7e308 亿 overflows to infinity): check_quote names what is wrong

    def positive(i: int) -> float | None:   # Tencent shows 0.00 for a suspended stock's prices
        v = num(f[i])
        return v if v else None

    try:
        when = int(datetime.strptime(f[30], "%Y%m%d%H%M%S").replace(tzinfo=SHANGHAI).timestamp())
    except ValueError:
        when = fetched
    price = positive(3)
    # an index's record carries its bare code (000001): the symbol (sh000001) is its key (core/indices.py)
    code = sym if index_of(sym) is not None else f[2]
    return Quote(code=code, name=f[1], price=price, change_pct=num(f[32]) if price else None,
                 change=num(f[31]) if price else None, open=positive(5), high=positive(33), low=positive(34),
                 prev_close=positive(4), volume=num(f[6], 100.0), amount=num(f[37], 1e4),
                 turnover_pct=num(f[38]), total_cap=num(f[45], 1e8), time=when, fetched=fetched,
                 float_cap=num(f[44], 1e8))

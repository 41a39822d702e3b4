"""Batched quotes for a list of codes: akshare has none, so this is the one HTTP client of our own.

Eastmoney `ulist.np` answers up to 100 secids per request (a 200-stock watchlist = 2 requests). When Eastmoney
drops the connection (its ban looks like RemoteDisconnected) or times out, a circuit breaker opens and quotes
come from Tencent's `qt.gtimg.cn` (GBK text, ≤ 60 codes per request) until the cool-down ends; then one trial
request goes to Eastmoney again (half-open) and, if it answers, Eastmoney is back. See docs/MARKET.md.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import requests

from desktop.core.errors import SourceError
from desktop.core.market import Quote
from desktop.core.market_hours import SHANGHAI
from desktop.sources.market import secid, tencent_symbol, valid_codes

EASTMONEY_ULIST = "https://push2.eastmoney.com/api/qt/ulist.np/get"
ULIST_FIELDS = "f2,f3,f4,f5,f6,f8,f12,f13,f14,f15,f16,f17,f18,f20,f21,f124"
TENCENT_URL = "http://qt.gtimg.cn/q="
EASTMONEY_BATCH = 100
TENCENT_BATCH = 60


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
    """Eastmoney failed in a way Tencent may not (connection, timeout, 5xx, not JSON)."""


def _num(v: Any, scale: float = 1.0) -> float | None:
    if v is None or v == "-" or v == "":
        return None
    try:
        return float(v) * scale
    except (TypeError, ValueError):
        return None


class QuoteProvider:
    def __init__(self, *, breaker: CircuitBreaker | None = None, timeout: float = 10.0,
                 wall_clock: Callable[[], float] = time.time):
        self.breaker = breaker or CircuitBreaker()
        self.timeout = timeout
        self._now = wall_clock
        self.backend = ""            # which endpoint answered last: "eastmoney" | "tencent"
        self.last_error = ""
        self.missing: list[str] = []  # codes asked for but not answered last time

    def quotes(self, codes: list[str]) -> list[Quote]:
        good = valid_codes(codes)
        if not good:
            self.missing = list(codes)
            return []
        em_error = "paused after a dropped connection (circuit open)"
        if self.breaker.allow():
            try:
                out = self._eastmoney(good)
                self.breaker.success()
                self.backend, self.last_error = "eastmoney", ""
                return self._done(codes, out)
            except _Unavailable as exc:
                self.breaker.failure()
                em_error = str(exc)
        try:
            out = self._tencent(good)
        except _Unavailable as exc:
            self.last_error = f"Eastmoney: {em_error}; Tencent: {exc}"
            raise SourceError(f"quotes unavailable — {self.last_error}") from None
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
            if body.get("data") is None:
                if body.get("rc") == 102:   # every secid unknown: a valid answer with nothing in it
                    continue
                raise _Unavailable(f"answer without data (rc={body.get('rc')})")
            diff = body["data"].get("diff") or []
            rows = list(diff.values()) if isinstance(diff, dict) else diff
            fetched = int(self._now())
            out.extend(q for q in (eastmoney_quote(r, fetched) for r in rows) if q is not None)
        return out

    # -- Tencent -------------------------------------------------------------------------------------
    def _tencent(self, codes: list[str]) -> list[Quote]:
        out: list[Quote] = []
        for i in range(0, len(codes), TENCENT_BATCH):
            batch = codes[i:i + TENCENT_BATCH]
            url = TENCENT_URL + ",".join(map(tencent_symbol, batch))
            try:
                resp = requests.get(url, timeout=self.timeout)
            except requests.RequestException as exc:
                raise _Unavailable(_reason(exc, "Tencent")) from None
            if resp.status_code >= 400:
                raise _Unavailable(f"HTTP {resp.status_code}")
            text = resp.content.decode("gb18030", errors="replace")  # GBK, declared or not
            fetched = int(self._now())
            out.extend(q for q in (parse_tencent_line(ln, fetched) for ln in text.split(";")) if q is not None)
        return out


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
        if who == "Eastmoney":
            return "connection dropped (Eastmoney does this to IPs that request too fast)"
        return "cannot connect"
    return f"request failed ({type(exc).__name__})"


def eastmoney_quote(r: dict[str, Any], fetched: int, when: int | None = None) -> Quote | None:
    """A row with Eastmoney's field codes (ulist or clist, fltt=2); `when` is used if it carries no f124."""
    code = str(r.get("f12") or "")
    if len(code) != 6:
        return None
    vol = _num(r.get("f5"), 100.0)            # lots → shares
    stamp = r.get("f124")
    when = int(stamp) if isinstance(stamp, (int, float)) and stamp > 0 else (when or fetched)
    return Quote(code=code, name=str(r.get("f14") or ""), price=_num(r.get("f2")), change_pct=_num(r.get("f3")),
                 change=_num(r.get("f4")), open=_num(r.get("f17")), high=_num(r.get("f15")),
                 low=_num(r.get("f16")), prev_close=_num(r.get("f18")), volume=vol, amount=_num(r.get("f6")),
                 turnover_pct=_num(r.get("f8")), total_cap=_num(r.get("f20")), time=when, fetched=fetched,
                 float_cap=_num(r.get("f21")))


def parse_tencent_line(line: str, fetched: int) -> Quote | None:
    """One `v_sz300750="51~宁德时代~300750~…"` record; None for `v_pv_none_match` and malformed lines."""
    line = line.strip()
    if not line.startswith("v_") or '="' not in line:
        return None
    f = line.split('="', 1)[1].rstrip('"').split("~")
    if len(f) < 46 or len(f[2]) != 6:
        return None

    def positive(i: int) -> float | None:   # Tencent shows 0.00 for a suspended stock's prices
        v = _num(f[i])
        return v if v else None

    try:
        when = int(datetime.strptime(f[30], "%Y%m%d%H%M%S").replace(tzinfo=SHANGHAI).timestamp())
    except ValueError:
        when = fetched
    price = positive(3)
    return Quote(code=f[2], name=f[1], price=price, change_pct=_num(f[32]) if price else None,
                 change=_num(f[31]) if price else None, open=positive(5), high=positive(33), low=positive(34),
                 prev_close=positive(4), volume=_num(f[6], 100.0), amount=_num(f[37], 1e4),
                 turnover_pct=_num(f[38]), total_cap=_num(f[45], 1e8), time=when, fetched=fetched,
                 float_cap=_num(f[44], 1e8))

"""Serve a recording (DIR/exchanges.jsonl) back to akshare's own HTTP layer, so its real parsing runs.

Matching: method + URL without query (scheme ignored; Eastmoney's numbered shards `82.push2…` count as
`push2…`) + every query parameter except the cosmetic ones in IGNORED_PARAMS. `beg`/`end` are ignored too:
history requests carry today's date, and the source trims bars to the requested days itself. Batched quote
requests (Eastmoney `secids`, Tencent `q=`) also match a recorded batch that holds every requested code; the
body is then cut to those codes (an index, core/indices.py, is optional: one the batch lacks is not
answered). Repeated requests walk through the recorded answers in order and stay on the
last one; with `paced=True` the answer is the latest one recorded at or before the time since replay began.
A request that is not in the recording raises `ReplayMiss`, which names it.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop.core.errors import SourceError
from desktop.core.indices import INDEX_SECIDS, is_index_key
from desktop.core.market_hours import SHANGHAI
from desktop.sources.recorder import Exchange

# 财联社's `last_time` (now) and `sign` (a hash over it) and 东方财富 快讯's `req_trace` change on every call:
# a 快讯 request replays whenever it was recorded
IGNORED_PARAMS = frozenset({"ut", "_", "cb", "fields", "fields1", "fields2", "beg", "end", "wbp2u", "dect",
                            "dpt", "lmt", "last_time", "sign", "req_trace"})
_SHARD = re.compile(r"^\d+\.push2")
_TENCENT_PATH = re.compile(r"^/q=(.*)$")

Key = tuple[str, str, tuple[tuple[str, str], ...]]
SPAN_KEY = "span_s"     # added to a loaded recording's meta: seconds from its start to its last answer


class ReplayMiss(SourceError):
    """The replayed source asked for an exchange the recording does not hold."""

    def __init__(self, message: str):
        super().__init__(message, transient=False)


def _norm_url(url: str) -> str:
    parts = urlsplit(url)
    host = _SHARD.sub("push2", (parts.hostname or "").lower())
    return f"{host}{parts.path}"


def match_key(method: str, url: str, params: dict[str, str]) -> Key:
    kept = tuple(sorted((k, str(v)) for k, v in params.items() if k not in IGNORED_PARAMS))
    return method.upper(), _norm_url(url), kept


def read_meta(directory: Path) -> dict[str, Any]:
    path = directory / "meta.json"
    if not path.exists():
        return {}
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return meta
    except (OSError, ValueError) as exc:
        raise SourceError(f"{path} is unreadable: {exc}", transient=False) from exc


def is_demo(directory: Path | None) -> bool:
    return bool(directory is not None and read_meta(directory).get("demo"))


def load_exchanges(directory: Path) -> list[Exchange]:
    path = directory / "exchanges.jsonl"
    if not path.exists():
        raise SourceError(f"no recording at {path}", transient=False)
    out: list[Exchange] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(Exchange.from_json(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                raise SourceError(f"{path}:{n}: not a valid exchange ({exc})", transient=False) from exc
    return out


_resumed: dict[str, Any] = {}   # a market process taking over from a retired one (resume_from): its progress


def resume_from(state: dict[str, Any]) -> None:
    """In a market process replacing a retired one (sources/process_source.py): the responder and the recording
    clock built next go on from `state` (ReplayResponder.state()) — the same instant of the recording, each
    recorded answer served as far as before — instead of starting the replay over (prices going back)."""
    _resumed.clear()
    _resumed.update(state or {})


class ReplayResponder:
    """Callable(method, url, params) -> Exchange, as `Tap` expects."""

    def __init__(self, directory: Path, *, paced: bool = False, clock: Callable[[], float] = time.monotonic):
        self.directory = directory
        self.meta = read_meta(directory)
        self.paced = paced
        self._clock = clock
        self._start = clock()
        self._lock = threading.Lock()
        self._by_key: dict[Key, list[Exchange]] = {}
        span = 0.0
        for ex in load_exchanges(directory):
            self._by_key.setdefault(match_key(ex.method, ex.url, ex.params), []).append(ex)
            span = max(span, ex.t)
        # how long the recording runs (its last answer's offset): past it a replay has nothing newer to say
        self.meta = {**self.meta, SPAN_KEY: round(span, 1)} if self.meta.get("start") else self.meta
        self._cursor: dict[Any, int] = {}
        self.served = 0
        if _resumed and clock is time.monotonic:
            self._start = clock() - float(_resumed.get("elapsed", 0.0))
            self._cursor.update(_resumed.get("cursor", {}))

    def state(self) -> dict[str, Any]:
        """How far this replay has gone (resume_from)."""
        with self._lock:
            return {"elapsed": self._clock() - self._start, "cursor": dict(self._cursor)}

    def __call__(self, method: str, url: str, params: dict[str, str]) -> Exchange:
        key = match_key(method, url, params)
        with self._lock:
            found = self._by_key.get(key)
            if found:
                self.served += 1
                return self._pick(key, found)
            subset = self._subset(method, url, params)
            if subset is not None:
                self.served += 1
                return subset
        shown = "&".join(f"{k}={v}" for k, v in key[2])
        raise ReplayMiss(f"not in the recording {self.directory}: {method} {url}" + (f"?{shown}" if shown else ""))

    def _pick(self, cursor_key: Any, options: list[Exchange]) -> Exchange:
        if self.paced:
            elapsed = self._clock() - self._start
            ready = [ex for ex in options if ex.t <= elapsed]
            return ready[-1] if ready else options[0]
        i = self._cursor.get(cursor_key, 0)
        self._cursor[cursor_key] = min(i + 1, len(options) - 1)
        return options[min(i, len(options) - 1)]

    # -- batched quotes: serve a subset of a recorded batch ----------------------------------------------
    def _subset(self, method: str, url: str, params: dict[str, str]) -> Exchange | None:
        if "secids" in params:
            # an index the recording lacks is left out of the answer (as Eastmoney leaves out what it does
            # not know): a recording made before the indices rode along with the watchlist still replays. A
            # batch holding them all is preferred.
            want = [s for s in params["secids"].split(",") if s]
            rest = {k: v for k, v in params.items() if k != "secids"}
            base = match_key(method, url, rest)
            batches = [ex for k, exs in self._by_key.items() if _without(k, "secids") == base for ex in exs]
            options = _holding(batches, want, lambda ex: ex.params.get("secids", ""))
            if options:
                ex = self._pick((base, tuple(want)), options)
                return replace(ex, body=_cut_eastmoney(ex.body, want))
        m = _TENCENT_PATH.match(urlsplit(url).path)
        if m and not params:
            want = [c for c in m.group(1).split(",") if c]
            host = _norm_url(url).split("/", 1)[0]
            batches = [ex for k, exs in self._by_key.items() for ex in exs if k[1].startswith(host + "/q=")]
            options = _holding(batches, want, lambda ex: _norm_url(ex.url).split("/q=", 1)[1])
            if options:
                ex = self._pick(("tencent", tuple(want)), options)
                return replace(ex, body=_cut_tencent(ex.body, want))
        return None


def _holding(batches: list[Exchange], want: list[str], listed: Callable[[Exchange], str]) -> list[Exchange]:
    """The recorded batches holding every code of `want`; failing any, those holding every code but the
    indices (core/indices.py: optional, a recording may predate them)."""
    def holds(codes: list[str]) -> list[Exchange]:
        return [ex for ex in batches if set(codes) <= set(listed(ex).split(","))]

    return holds(want) or holds([c for c in want if c not in INDEX_SECIDS and not is_index_key(c)])


def _without(key: Key, name: str) -> Key:
    return key[0], key[1], tuple(p for p in key[2] if p[0] != name)


def _cut_eastmoney(body: str, secids: list[str]) -> str:
    try:
        obj = json.loads(body)
        diff = obj["data"]["diff"]
    except (ValueError, KeyError, TypeError):
        return body
    rows = list(diff.values()) if isinstance(diff, dict) else list(diff)
    wanted = set(secids)
    kept = [r for r in rows if f"{r.get('f13')}.{r.get('f12')}" in wanted]
    obj["data"]["diff"] = kept
    obj["data"]["total"] = len(kept)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _cut_tencent(body: str, codes: list[str]) -> str:
    wanted = {f"v_{c}=" for c in codes}
    lines = [ln for ln in body.splitlines(keepends=True) if any(ln.lstrip().startswith(w) for w in wanted)]
    return "".join(lines)


def recording_clock(meta: dict[str, Any]) -> Callable[[], float] | None:
    """Unix seconds as if now were the recording's start, advancing in real time; None without a start."""
    start = meta.get("start")
    if not start:
        return None
    began, t0 = datetime.fromisoformat(start).timestamp(), time.monotonic() - float(_resumed.get("elapsed", 0.0))
    return lambda: began + (time.monotonic() - t0)


def recorded_until(meta: dict[str, Any]) -> float | None:
    """Unix seconds of the recording's last answer (its start plus its span); None without a start. A replay's
    data is never newer than this: quotes without a time of their own (the spot list, board members) are stamped
    no later, however long the replay runs — a recording that has run out looks frozen, not fresh."""
    start = meta.get("start")
    if not start:
        return None
    return datetime.fromisoformat(start).timestamp() + float(meta.get(SPAN_KEY) or 0.0)


def stamp_clock(meta: dict[str, Any]) -> Callable[[], float] | None:
    """The recording's clock (recording_clock), stopped at its last answer (recorded_until)."""
    clock, until = recording_clock(meta), recorded_until(meta)
    if clock is None or until is None:
        return None
    return lambda: min(clock(), until)


def replay_clock(source: Any) -> Callable[[], datetime] | None:
    """A replay is read as of the moment it was recorded (its quotes are not stale then)."""
    clock = recording_clock(getattr(source, "meta", {}) or {})
    if clock is None:
        return None
    return lambda: datetime.fromtimestamp(clock(), SHANGHAI)

"""The stock matcher behind the keyboard finder (键盘精灵), the news search's completion and the CLI: codes,
names, former names and 拼音 initials, ranked as 同花顺/通达信 do, in well under 5 ms a keystroke.

Indices (core/indices.py) are entries too when asked for (`index_entries()`): found by their six digits — 000001
shows both 平安银行 and 上证指数, the stock first —, their key (sh000001), name and initials (szzs); an entry's
`kind` says which it is, and its `code` is the index's key, never the bare digits.

Ranking: the exact code, then code prefixes, then the exact name, then 拼音-initial prefixes (ndsd → 宁德时代,
ygdy → 阳光电源), then name prefixes, then names containing the text, then former names; ties by code.
Initials come from the name read as a phrase (pypinyin's phrase table gets 重庆 chong, 长江 chang, 银行 hang
right) plus a few readings of characters with several (so a user who reads a character the other way still
finds it, ranked after the usual reading). An ST hat is ignored for initials (*ST美丽 → stml and ml).
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

MAX_READINGS = 4          # alternative initials strings per name (characters with several readings)
_HAT = re.compile(r"^\*?S?\*?ST", re.I)
PINYIN_IDLE_S = 5.0       # pypinyin's tables are let go this long after the last name was read


@dataclass(frozen=True, slots=True)
class StockEntry:
    code: str
    name: str
    exchange: str = ""
    initials: tuple[str, ...] = ()       # the usual reading first
    former: tuple[str, ...] = ()
    kind: str = "stock"                  # "stock" | "index" (code is then the key: sh000001)

    @property
    def digits(self) -> str:
        """The six digits typed for it (an index's key without its exchange prefix)."""
        return self.code[2:] if self.kind == "index" else self.code


def index_entries() -> list[StockEntry]:
    """The indices (core/indices.py) as finder entries: name, initials and key (typing sh000001 finds it)."""
    from desktop.core.indices import INDICES

    return [StockEntry(i.key, i.name, i.key[:2].upper(), (i.initials, i.key), kind="index") for i in INDICES]


def initials_of(name: str) -> tuple[str, ...]:
    """拼音 initials of a name: the phrase reading first, then up to MAX_READINGS alternatives; also without
    an ST hat. Lower-case ASCII letters and digits only ("万科A" → "wka")."""
    with _pinyin.lock:
        pypinyin = _pinyin.use()
        style = pypinyin.Style.FIRST_LETTER
        out: list[str] = []
        for variant in dict.fromkeys((name, _HAT.sub("", name))):
            if not variant:
                continue
            out.append(_clean("".join(pypinyin.lazy_pinyin(variant, style=style))))
            options = pypinyin.pinyin(variant, style=style, heteronym=True)
            for combo in itertools.islice(itertools.product(*options), MAX_READINGS + 1):
                out.append(_clean("".join(combo)))
    return tuple(k for k in dict.fromkeys(out) if k)


class _Pinyin:
    """pypinyin, imported on first use and let go PINYIN_IDLE_S after the last. Why: its phrase and character
    tables are ~50 MiB of Python dicts and lists (docs/PERFORMANCE.md), needed only while names are read —
    the bundled list once when a database is seeded, new listings and renames now and then; the initials are
    stored (stocks.pinyin). Letting go means: its modules leave sys.modules and their namespaces are emptied,
    which frees the tables at once (a module's functions and its namespace refer to each other: without the
    emptying only a full garbage collection, which stalls every thread, would). Safe because every use of
    pypinyin is in initials_of, under `lock`, and the release takes the same lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last = 0.0
        self.timer: threading.Timer | None = None
        self.releases = 0          # how many times the tables were let go (tests)

    def use(self) -> Any:      # the pypinyin module (untyped)
        """Under `lock`: the pypinyin module, imported if needed; the release is (re)scheduled."""
        import pypinyin

        self.last = time.monotonic()
        if self.timer is None:
            self._schedule(PINYIN_IDLE_S)
        return pypinyin

    def _schedule(self, delay: float) -> None:
        self.timer = threading.Timer(delay, self.release)
        self.timer.daemon = True
        self.timer.name = "huohua-pinyin-release"
        self.timer.start()

    def release(self, force: bool = False) -> None:
        with self.lock:
            idle = time.monotonic() - self.last
            if not force and idle < PINYIN_IDLE_S:          # used meanwhile: later
                self._schedule(PINYIN_IDLE_S - idle)
                return
            if self.timer is not None and force:
                self.timer.cancel()
            self.timer = None
            names = [m for m in sys.modules if m == "pypinyin" or m.startswith("pypinyin.")]
            modules = [sys.modules.pop(m) for m in names]
            for mod in modules:
                vars(mod).clear()
            if modules:
                self.releases += 1


_pinyin = _Pinyin()


def _clean(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def parse_keys(stored: str) -> tuple[str, ...]:
    """The stock table's `pinyin` column ("|ndsd|nzsd|") as a tuple."""
    return tuple(k for k in stored.split("|") if k)


class StockMatcher:
    def __init__(self, entries: Iterable[StockEntry]):
        self.entries = sorted(entries, key=lambda e: e.code)
        # the six digits typed, sorted, with their entry (an index's digits are not its code: sh000001)
        digits = sorted((e.digits, e.kind != "stock", i) for i, e in enumerate(self.entries))
        self._digits = [d for d, _k, _i in digits]
        self._digit_entry = [(k, i) for _d, k, i in digits]
        self._codes = [e.code for e in self.entries]
        keys = []
        for i, e in enumerate(self.entries):
            for rank, k in enumerate(e.initials):
                keys.append((k, 0 if rank == 0 else 1, i))
        keys.sort()
        self._keys = keys
        self._key_text = [k for k, _r, _i in keys]
        self._by_code = {e.code: e for e in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, code: str) -> StockEntry | None:
        return self._by_code.get(code)

    def search(self, text: str, limit: int = 20) -> list[StockEntry]:
        q = text.strip()
        if not q:
            return []
        low = q.lower()
        scored: dict[int, tuple[Any, ...]] = {}

        def offer(i: int, score: tuple[Any, ...]) -> None:
            if i not in scored or score < scored[i]:
                scored[i] = score

        if low.isascii() and low.isalnum():
            if low.isdigit():                                   # code prefix: a range of the sorted digits
                lo = bisect.bisect_left(self._digits, low)
                for j in range(lo, len(self._digits)):
                    d = self._digits[j]
                    if not d.startswith(low):
                        break
                    kind, i = self._digit_entry[j]              # a stock before the index with its digits
                    offer(i, (0 if d == low else 1, d, kind))
            lo = bisect.bisect_left(self._key_text, low)        # initials prefix: a range of the sorted keys
            for j in range(lo, len(self._keys)):
                key, alt, i = self._keys[j]
                if not key.startswith(low):
                    break
                offer(i, (3, len(key) != len(low), alt, self._codes[i]))   # whole initials first
        for i, e in enumerate(self.entries):                    # names (CJK or mixed: 万科A, TCL)
            name = e.name
            if q == name:
                offer(i, (2, e.code))
            elif q in name or low in name.lower():
                offer(i, (4 if name.startswith(q) else 5, e.code))
            elif any(q in f for f in e.former):
                offer(i, (6, e.code))
        best = sorted(scored.items(), key=lambda kv: kv[1])[:limit]
        return [self.entries[i] for i, _s in best]

    def resolve(self, text: str) -> list[StockEntry]:
        """What a command-line argument means: one stock if the text names exactly one (a code, a name, or
        initials that only one stock has), else every candidate (empty: none)."""
        q = text.strip()
        if q in self._by_code:
            return [self._by_code[q]]
        exact = [e for e in self.entries if e.name == q]
        if exact:
            return exact
        found = self.search(q, limit=50)
        initials = [e for e in found if q.lower() in e.initials]
        if len(initials) == 1:
            return initials
        return found

"""Sina's trading-calendar answer (`klc_td_sh.txt`, what akshare's `tool_trade_date_hist_sina` decodes), built
from a list of dates, so tests and the demo recording serve the endpoint in its exact format and akshare's own
JavaScript decoder (py_mini_racer + `hk_js_decode`) runs on it.

The format (read from the decoder; this encoder reproduces a live answer of 2026-09-10 byte for byte):
`var datelist="<base64 bits>";var KLC_TD_SH=datelist;` where the bits, least significant first within each
6-bit character, are: type 139 (12 bits), 63 (6 bits), the first and last day as day numbers since 1990-12-19
(18 bits each), then runs over the *weekdays* between them — the first run's length, then for each closed
weekday the number of trading days after it. Each count is written in 3·l bits; a flag bit before it, when
set, changes l by a unary-coded signed step (Sina picks the smallest l that fits). Padding bits are ones.
Weekends are stepped over by the decoder itself: the format cannot list a Saturday as a trading day.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from datetime import date, timedelta

URL = "https://finance.sina.com.cn/realstock/company/klc_td_sh.txt"
_ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits + "+/"
_EPOCH = date(1990, 12, 19)


def encode(dates: Iterable[date]) -> str:
    """The base64 payload for these trading dates (weekdays only; the first one is where the list starts)."""
    days = sorted(set(dates))
    if not days:
        return ""
    if any(d.weekday() >= 5 for d in days):
        raise ValueError("Sina's calendar format cannot hold a weekend date")
    listed = set(days)
    bits: list[int] = []

    def put(value: int, width: int) -> None:
        bits.extend((value >> k) & 1 for k in range(width))

    put(139, 12)
    put(63, 6)
    put((days[0] - _EPOCH).days, 18)
    put((days[-1] - _EPOCH).days, 18)
    weekdays = [days[0] + timedelta(i) for i in range((days[-1] - days[0]).days + 1)]
    weekdays = [d for d in weekdays if d.weekday() < 5]
    runs, i = [], 0
    while i < len(weekdays):
        if runs:          # every run after the first starts at a closed weekday
            i += 1
        n = 0
        while i < len(weekdays) and weekdays[i] in listed:
            n, i = n + 1, i + 1
        runs.append(n)
    width = 0
    for n in runs:
        need = (n.bit_length() + 2) // 3
        if need == width:
            bits.append(0)
        else:
            step = need - width
            bits.extend([1, 1 if step > 0 else 0] + [1] * (abs(step) - 1) + [0])
            width = need
        put(n, 3 * width)
    while len(bits) % 6:
        bits.append(1)
    return "".join(_ALPHABET[sum(bits[j + k] << k for k in range(6))] for j in range(0, len(bits), 6))


def body(dates: Iterable[date]) -> str:
    """The whole answer, as the server sends it."""
    return f'var datelist="{encode(dates)}";var KLC_TD_SH=datelist;'


def akshare_dates() -> list[date]:
    """akshare's bundled copy of the calendar without the one day it adds itself (1992-05-04): what Sina
    served in 2026 (through 2026-12-31)."""
    import json
    import os

    import akshare

    path = os.path.join(os.path.dirname(akshare.__file__), "file_fold", "calendar.json")
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    return [d for d in (date(int(s[:4]), int(s[4:6]), int(s[6:8])) for s in raw) if d != date(1992, 5, 4)]

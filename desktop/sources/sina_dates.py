"""Sina's official SSE trading calendar (`klc_td_sh.txt`) decoded in Python, as akshare 1.19.5's
`tool_trade_date_hist_sina` decodes it with V8 (py_mini_racer running Sina's own `hk_js_decode`) — without V8
(~20 MiB of the market process, issue 28) and without pandas.

The format (scripts/sina_calendar.py writes it, byte for byte as Sina does): base64 characters, 6 bits each,
read least significant bit first; a 12-bit type (139: a list of dates — the only type this file has), 6 bits
(63), the first and the last day as day numbers (18 bits each), then runs of trading weekdays. This is the
decoder's type-139 branch (`R`) with the helpers it uses (`y`: one bit, `w`: fields of given widths, `N`: a
unary signed step, `S`: the next weekday), line by line, including what it does at the end of the data (a
missing count makes every later weekday a trading day, as JavaScript's NaN does). Any other type decodes to
no dates, as the script's fallback does. akshare then adds 1992-05-04 (a trading day Sina's list lacks) and
sorts; so does `trade_dates` here.
"""

from __future__ import annotations

import math
import string
from datetime import date, timedelta

URL = "https://finance.sina.com.cn/realstock/company/klc_td_sh.txt"
_ALPHABET = string.ascii_uppercase + string.ascii_lowercase + string.digits + "+/"
_DAY0 = date(1970, 1, 1) + timedelta(days=7657)          # the decoder's day 0: 1990-12-19
_MISSING = date(1992, 5, 4)                              # akshare adds it: Sina's list lacks it


class _Bits:
    def __init__(self, text: str):
        self.i = [_ALPHABET.find(ch) for ch in text]    # indexOf: -1 for a stray character, as in the script
        self.n = len(self.i)
        self.e = 0        # the character
        self.o = 0        # the bit within it

    def y(self) -> int:
        if self.e >= self.n:
            return 0
        t = self.i[self.e] & (1 << self.o)
        self.o += 1
        if self.o >= 6:
            self.o -= 6
            self.e += 1
        return 1 if t else 0

    def w(self, widths: list[int], signed: list[int] | None = None, pair: list[int] | None = None) -> list[int]:
        signed, pair = signed or [], pair or []
        out: list[int] = []
        for s, width in enumerate(widths):
            if not width:
                out.append(0)
                continue
            if self.e >= self.n:
                return out
            u = 0
            if width <= 0:
                u = 0
            elif width <= 30:
                c = width
                while True:
                    h = min(c, 6 - self.o)
                    v = self.i[self.e] if self.e < self.n else 0
                    u |= ((v >> self.o) & ((1 << h) - 1)) << (width - c)
                    self.o += h
                    if self.o >= 6:
                        self.o -= 6
                        self.e += 1
                    c -= h
                    if c <= 0:
                        break
                if s < len(signed) and signed[s] and u >= 2 ** (width - 1):
                    u -= 2 ** width
            else:
                parts = self.w([30, width - 30], [0, signed[s] if s < len(signed) else 0])
                if not (s < len(pair) and pair[s]):
                    u = parts[0] + (parts[1] if len(parts) > 1 else 0) * 2 ** 30
            out.append(u)
        return out

    def step(self) -> int:
        """N: a sign bit, then ones until a zero: ±(their count)."""
        t = self.y()
        e = 1
        while self.y():
            e += 1
        return e * (2 * t - 1)


def decode(text: str) -> list[date]:
    """The dates of a `datelist` payload (type 139), in the order the decoder yields them; [] for anything else."""
    bits = _Bits(text)
    head = bits.w([12, 6])
    if len(head) < 2 or head[0] != 139 or (63 ^ head[1]) > 1:
        return []
    start, end = bits.w([18]), bits.w([18])
    if not start or not end:
        return []
    d = start[0] - 1
    level, n = 0, -1.0
    out: list[date] | None = None
    while d < end[0]:
        d += 1                                   # S(1): the next weekday (day 3 and 4 mod 7 are Sat and Sun)
        if d % 7 in (3, 4):
            d += 5 - d % 7
        day = _DAY0 + timedelta(days=d)
        if n <= 0:
            if bits.y():
                level += bits.step()
            count = bits.w([3 * level], [0])
            n = count[0] + 1 if count else math.nan
            if out is None:
                out = [day]
                n -= 1
        else:
            assert out is not None          # n starts at -1: the first day read sets it
            out.append(day)
        n -= 1
    return out or []


def fetch() -> list[date]:
    """Sina's answer (run under the Tap, on a worker) decoded, with akshare's added day, sorted; [] when it holds
    no date (the caller says "empty answer")."""
    import requests

    text = requests.get(URL).text.split("=")[1].split(";")[0].replace('"', "")
    dates = decode(text)
    if not dates:
        return []
    return sorted([*dates, _MISSING])

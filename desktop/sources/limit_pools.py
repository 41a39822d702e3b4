"""Eastmoney's 涨停 / 炸板 / 跌停 pools (push2ex), read as akshare's stock_zt_pool_em, stock_zt_pool_zbgc_em and
stock_zt_pool_dtgc_em read them: the same URL and parameters (docs/FACTS.md), so a recording holds the exchange
akshare would make and replays it (sources/replay.py matches it like any other).

Why we read the JSON ourselves and do not call the three akshare functions (read at akshare 0e7db00, 1.19.x):
- they name the columns by position (`temp_df.columns = [...]`), so a pool whose rows lack a field, or hold one
  more, raises a length mismatch or — worse — shifts every column by one; we read each field by its key;
- the 炸板 and 跌停 functions refuse a date more than 30 days before the computer's `datetime.now()`: a replay of
  an older recording (the demo) would fail on the wall clock, which nothing else here reads;
- stock_zt_pool_dtgc_em indexes `data["pool"]` without checking `data` for null (a holiday's answer);
- none checks `qdate`: Eastmoney answers a day it has no pool for with another day's pool (docs/FACTS.md), which
  would be stored under the wrong day.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.limit_pools import POOLS, LimitRow, check_row
from desktop.core.market_checks import Screen

log = logging.getLogger(__name__)

HOST = "https://push2ex.eastmoney.com/"
UT = "7eea3edcaed734bea9cbfc24409ed989"
# endpoint, akshare's pagesize and sort (one page holds the whole pool: a few hundred rows at most)
ENDPOINTS = {"zt": ("getTopicZTPool", "10000", "fbt:asc"),
             "zb": ("getTopicZBPool", "5000", "fbt:asc"),
             "dt": ("getTopicDTPool", "10000", "fund:asc")}
BROWSER = {"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                         "Chrome/124.0 Safari/537.36"}
MAX_ANSWER_BYTES = 10 * 1024 * 1024


def request(kind: str, day: date) -> tuple[str, dict[str, str]]:
    """(url, params) of one pool on one day, as akshare sends them."""
    endpoint, size, sort = ENDPOINTS[kind]
    return HOST + endpoint, {"ut": UT, "dpt": "wz.ztzt", "Pageindex": "0", "pagesize": size, "sort": sort,
                             "date": day.strftime("%Y%m%d")}


def fetch(kind: str, day: date, timeout: float = 15.0) -> str:
    """The endpoint's answer body (run under the Tap, on a worker: it is limited, recorded or replayed)."""
    import requests

    url, params = request(kind, day)
    resp = requests.get(url, params=params, headers=BROWSER, timeout=timeout)
    resp.raise_for_status()
    if len(resp.content) > MAX_ANSWER_BYTES:
        raise SourceError(f"{POOLS[kind]}池: an answer of {len(resp.content):,} bytes is refused", transient=False)
    return resp.text


def parse(kind: str, body: str, day: date) -> list[LimitRow]:
    """The checked rows of one answer, in the answer's order. [] for a day without a pool: `data: null` (a
    holiday or weekend; rc 102), an empty `pool`, or an answer for another day (`qdate`). A body that is not
    the pool's JSON is a `SourceError`; rows that fail their check are dropped and named in one warning."""
    what = f"{POOLS[kind]}池 {day.isoformat()}"
    try:
        obj = json.loads(body)
    except ValueError as exc:
        raise SourceError(f"{what}: the answer is not JSON ({exc})", transient=False) from exc
    if not isinstance(obj, dict):
        raise SourceError(f"{what}: unexpected answer format (not an object)", transient=False)
    data = obj.get("data")
    if data is None:
        return []
    if not isinstance(data, dict):
        raise SourceError(f"{what}: unexpected answer format (data is {type(data).__name__})", transient=False)
    qdate = data.get("qdate")
    if qdate not in (None, "") and str(qdate) != day.strftime("%Y%m%d"):
        log.info("%s: the answer is for %s, not this day (no pool that day)", what, qdate)
        return []
    pool: Any = data.get("pool")
    if pool is None:
        return []
    if not isinstance(pool, list):
        raise SourceError(f"{what}: unexpected answer format (pool is {type(pool).__name__})", transient=False)
    screen = Screen(what)
    out: list[LimitRow] = []
    seen: set[str] = set()
    iso = day.isoformat()
    for raw in pool:
        if not isinstance(raw, dict):
            continue
        row = screen.keep(check_row(kind, iso, raw))
        if row is not None and row.code not in seen:      # a stock once per pool (the table's key)
            seen.add(row.code)
            out.append(row)
    screen.report()
    return out

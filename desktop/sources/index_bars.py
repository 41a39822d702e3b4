"""An index's bars (core/indices.py): 日K as akshare's `stock_zh_index_daily_em` reads them (its request, read by
sources/em_json.py without pandas), 分时 from Eastmoney's trends2 endpoint read with the parameters akshare's
`index_zh_a_hist_min_em` sends (docs/FACTS.md, "Indices").

Why not akshare's `index_zh_a_hist` / `index_zh_a_hist_min_em` (read at akshare 0e7db00): both first crawl
`index_code_id_map_em` — a paginated clist crawl of every index list — to learn the market prefix, then map the
bare code by a dict in which 000001 has one market only; the key we hold (sh000001) names the market already.
`stock_zh_index_daily_em(symbol="sh000001")` takes that key itself (its `market_map`), and the trends2 request is
one GET with the index's secid: `stock_zh_a_hist_min_em` cannot be used, it derives the market from the first
digit (000001 → 0.000001, 平安银行). So every exchange is one request, recorded and replayed like any other.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.indices import index_of
from desktop.core.market import Bar
from desktop.core.market_checks import Limits, Screen, check_bar, check_intraday_bar, market_number
from desktop.core.market_hours import SHANGHAI

TRENDS_URL = "https://push2his.eastmoney.com/api/qt/stock/trends2/get"
MAX_ANSWER_BYTES = 5 * 1024 * 1024


def daily(source: Any, key: str, days: int, adjust: str) -> list[Bar]:
    """AkshareSource.daily_bars for an index: the latest `days` bars (the same span of dates a stock's asks)."""
    start = datetime.fromtimestamp(source._now(), SHANGHAI).date() - timedelta(days=days * 3 // 2 + 15)
    df = source.call(lambda _ak: fetch_daily(key, start), f"daily bars of {key}", akshare=False)
    bars = daily_bars(df, key, adjust, source._limits())
    if not bars:
        raise SourceError(f"no daily bars for {key}", transient=False)
    return bars[-days:]


def intraday(source: Any, key: str) -> list[Bar]:
    """AkshareSource.intraday_bars for an index: one GET, read here (not through akshare)."""
    body = source.call(lambda _ak: fetch_trends(key, source.deadline_s), f"1-minute bars of {key}", akshare=False)
    return intraday_bars(body, key, source._limits())


def trends_params(key: str) -> dict[str, str]:
    """index_zh_a_hist_min_em's parameters for period "1" (no `ut`, unlike the stocks' request), with the secid
    of the key."""
    index = index_of(key)
    if index is None:       # the callers ask only for keys is_index_key knows
        raise SourceError(f"{key} is not an index Huohua knows", transient=False)
    return {"fields1": "f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13", "fields2": "f51,f52,f53,f54,f55,f56,f57,f58",
            "iscr": "0", "ndays": "5", "secid": index.secid}


def fetch_daily(key: str, start: date) -> Any:
    """akshare's stock_zh_index_daily_em rows of the index's daily bars since `start`, read without akshare
    (sources/em_json.py; run under the Tap, on a worker)."""
    from desktop.sources import em_json

    return em_json.index_daily(key, start.strftime("%Y%m%d"))


def fetch_trends(key: str, timeout: float) -> str:
    """The trends2 answer's body (run under the Tap, on a worker)."""
    import requests

    resp = requests.get(TRENDS_URL, params=trends_params(key), timeout=timeout)
    resp.raise_for_status()
    if len(resp.content) > MAX_ANSWER_BYTES:
        raise SourceError(f"1-minute bars of {key}: an answer of {len(resp.content):,} bytes is refused",
                          transient=False)
    return resp.text


def daily_bars(df: Any, key: str, adjust: str, limits: Limits) -> list[Bar]:
    """The plausible daily bars of akshare's frame (columns date open close high low volume amount; volume in
    lots, as the stocks' kline). An index has no 除权: its bars are the same whichever `adjust` the chart asks
    for, and are stored under that one (the chart reads its own)."""
    if df is None or getattr(df, "empty", True):
        return []
    what = f"daily bars of {key}"
    missing = [c for c in ("date", "open", "close", "high", "low", "volume", "amount") if c not in df.columns]
    if missing:
        raise SourceError(f"{what}: columns changed (missing {', '.join(missing)})", transient=False)
    screen = Screen(what)
    out = []
    for r in df.to_dict("records"):
        bar = screen.keep(check_bar(key, r["date"], r["open"], r["high"], r["low"], r["close"],
                                    market_number(r["volume"], 100.0), r["amount"], adjust=adjust, limits=limits))
        if bar is not None:
            out.append(bar)
    screen.report()
    return out


def intraday_bars(body: str, key: str, limits: Limits) -> list[Bar]:
    """The plausible 1-minute bars of the latest day in a trends2 answer: `data.trends` rows "YYYY-MM-DD HH:MM,
    open,close,high,low,volume (lots),amount,均价" (akshare's column order). `data: null` (an unknown secid) is
    an error, as an answer with no plausible row."""
    what = f"1-minute bars of {key}"
    try:
        data = json.loads(body).get("data")
    except (ValueError, AttributeError) as exc:
        raise SourceError(f"{what}: unexpected answer format ({type(exc).__name__})", transient=False) from exc
    trends = data.get("trends") if isinstance(data, dict) else None
    if not isinstance(trends, list) or not trends:
        raise SourceError(f"{what}: empty answer")
    screen = Screen(what)
    bars: list[tuple[str, Bar]] = []
    for row in trends:
        f = str(row).split(",")
        if len(f) < 7:
            screen.keep(check_intraday_bar(key, f[0], None, None, None, None, None, None, limits=limits))
            continue
        # Eastmoney labels a minute by its end (09:31 = 09:30–09:31); the label is kept, as for a stock
        bar = screen.keep(check_intraday_bar(key, f[0], f[1], f[3], f[4], f[2], market_number(f[5], 100.0), f[6],
                                             limits=limits))
        if bar is not None:
            bars.append((f[0][:10], bar))
    screen.report()                 # a SourceError when no row was plausible
    latest = max((day for day, _bar in bars), default="")
    return [bar for day, bar in bars if day == latest]

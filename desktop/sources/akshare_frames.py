"""akshare's DataFrames → core objects (quotes, boards, bars), each row range-checked where it is built.

Kept apart from `AkshareSource` (which owns the calls, deadlines and recording) so the parsing of each answer's
exact columns can be read, and tested, on its own. A bad row is dropped with one warning naming the field
(core/market_checks.Screen); an answer missing a column is a `SourceError` saying which.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

from desktop.core.errors import SourceError
from desktop.core.market import STOCK_CODE, Bar, Board, Quote
from desktop.core.market_checks import (
    Limits,
    Screen,
    check_bar,
    check_board,
    check_intraday_bar,
    check_quote,
    market_number,
)
from desktop.sources.market import PageCallback
from desktop.sources.quote_provider import eastmoney_quote
from desktop.sources.recorder import Exchange

# The whole-market snapshot's board filter: its pages are the ones `page_observer` hands on as they arrive.
SPOT_FS = "m:0 t:6,m:0 t:80,m:1 t:2,m:1 t:23,m:0 t:81 s:2048"
BOARD_CODE = re.compile(r"^BK\d+$")


def text_of(v: Any) -> str:
    """Eastmoney's "-" and pandas' NaN both mean: nothing."""
    if v is None or v == "-" or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def need_columns(df: Any, what: str, columns: tuple[str, ...]) -> Any:
    if df is None or getattr(df, "empty", True):
        raise SourceError(f"{what}: empty answer")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SourceError(f"{what}: columns changed (missing {', '.join(missing)})", transient=False)
    return df


def check_codes(values: list[str], pattern: re.Pattern[str], what: str) -> None:
    # Columns are assigned by position: a reordered answer yields prices where codes belong.
    bad = [v for v in values if not pattern.match(v)]
    if bad:
        raise SourceError(f"{what}: columns changed (code column holds {bad[0]!r})", transient=False)


def boards_of(df: Any, kind: str) -> list[Board]:
    what = f"{kind} boards"
    df = need_columns(df, what, ("板块名称", "板块代码", "涨跌幅", "总市值", "上涨家数", "下跌家数", "领涨股票"))
    codes = [str(c) for c in df["板块代码"]]
    check_codes(codes, BOARD_CODE, what)
    num = market_number
    screen = Screen(what)
    out = []
    for r in df.to_dict("records"):
        b = Board(code=str(r["板块代码"]), name=str(r["板块名称"]), type=kind, change_pct=num(r["涨跌幅"]),
                  total_cap=num(r["总市值"]),
                  # kept as sent: market_checks.check_board names a fractional count and makes the rest ints
                  up=num(r["上涨家数"]), down=num(r["下跌家数"]),  # type: ignore[arg-type]
                  leader=text_of(r.get("领涨股票")), leader_change_pct=num(r.get("领涨股票-涨跌幅")))
        if (b := screen.keep(check_board(b))) is not None:
            out.append(b)
    screen.report()
    return out


def frame_quotes(df: Any, what: str, when: int, fetched: int, cap_col: str | None, limits: Limits) -> list[Quote]:
    df = need_columns(df, what, ("代码", "名称", "最新价", "涨跌幅", "涨跌额", "成交量", "成交额", "最高", "最低",
                          "今开", "昨收", "换手率"))
    check_codes([str(c) for c in df["代码"]], STOCK_CODE, what)
    num = market_number
    screen = Screen(what)
    out = []
    for r in df.to_dict("records"):
        q = Quote(code=str(r["代码"]), name=str(r["名称"]), price=num(r["最新价"]), change_pct=num(r["涨跌幅"]),
                  change=num(r["涨跌额"]), open=num(r["今开"]), high=num(r["最高"]), low=num(r["最低"]),
                  prev_close=num(r["昨收"]), volume=num(r["成交量"], 100.0), amount=num(r["成交额"]),
                  turnover_pct=num(r["换手率"]), total_cap=num(r.get(cap_col)) if cap_col else None,
                  time=when, fetched=fetched, float_cap=num(r.get("流通市值")) if cap_col else None)
        if (q := screen.keep(check_quote(q, limits))) is not None:
            out.append(q)
    screen.report()
    return out


def snapshot_quotes(df: Any, when: int, fetched: int, limits: Limits) -> list[Quote]:
    return frame_quotes(df, "market snapshot", when, fetched, "总市值", limits)


def member_quotes(df: Any, when: int, fetched: int, limits: Limits, board: str = "") -> list[Quote]:
    return frame_quotes(df, f"members of {board}" if board else "board members", when, fetched, None, limits)


def page_observer(on_page: PageCallback, when: int, now: Callable[[], float]) -> Callable[[Exchange], None]:
    """Hands each snapshot page to `on_page` as it arrives (akshare returns only after the last page)."""

    def observe(ex: Exchange) -> None:
        if ex.status != 200 or ex.params.get("fs") != SPOT_FS:
            return
        try:
            diff = json.loads(ex.body)["data"]["diff"]
        except (ValueError, KeyError, TypeError):
            return   # akshare will raise on the same body; the error is reported there
        rows = list(diff.values()) if isinstance(diff, dict) else diff
        fetched = int(now())
        limits = Limits.at(now())
        screen = Screen("market snapshot page")   # the final frame names the dropped rows once
        page = [q for q in (eastmoney_quote(r, fetched, when) for r in rows if isinstance(r, dict)) if q is not None]
        page = [q for q in (screen.keep(check_quote(q, limits)) for q in page) if q is not None]
        if page:
            on_page(page)

    return observe


def daily_bars_of(df: Any, code: str, adjust: str, limits: Limits) -> list[Bar]:
    """One bar per plausible row (a bad date, a non-number or an out-of-range value loses its row, named in
    one warning); a `SourceError` when no row is left."""
    if df is None or df.empty:
        return []
    what = f"daily bars of {code}"
    df = need_columns(df, what, ("日期", "开盘", "收盘", "最高", "最低", "成交量", "成交额"))
    screen = Screen(what)
    out = []
    for r in df.to_dict("records"):
        vol = market_number(r["成交量"], 100.0)        # lots → shares
        bar = screen.keep(check_bar(code, r["日期"], r["开盘"], r["最高"], r["最低"], r["收盘"], vol, r["成交额"],
                                    adjust=adjust, limits=limits))
        if bar is not None:
            out.append(bar)
    screen.report()
    return out


def intraday_bars_of(df: Any, code: str, limits: Limits) -> list[Bar]:
    """The plausible 1-minute bars of the latest day among them (a bad row is dropped, not a reason to show
    another day)."""
    what = f"1-minute bars of {code}"
    df = need_columns(df, what, ("时间", "开盘", "收盘", "最高", "最低", "成交量", "成交额"))
    screen = Screen(what)
    bars: list[tuple[str, Bar]] = []
    for r in df.to_dict("records"):
        # Eastmoney labels a minute by its end (09:31 = 09:30–09:31); the label is kept, as every chart shows it.
        bar = screen.keep(check_intraday_bar(code, r["时间"], r["开盘"], r["最高"], r["最低"], r["收盘"],
                                             market_number(r["成交量"], 100.0), r["成交额"], limits=limits))
        if bar is not None:
            bars.append((str(r["时间"])[:10], bar))
    screen.report()
    latest = max((day for day, _bar in bars), default="")
    return [bar for day, bar in bars if day == latest]

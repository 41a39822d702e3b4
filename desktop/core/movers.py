"""盘口异动 and board 异动 (issue 26): one timed event of a stock, one board's 异动 summary, their range checks.

Events come from Eastmoney's push2ex getAllStockChanges (akshare's stock_changes_em; fields in docs/FACTS.md,
"盘口异动"), one request per 异动 type; the board summaries from getAllBKChanges (stock_board_change_em). Both are
outside text: every row is checked here before it is stored (the code, the time as a clock time within the
trading day, a known type, names as plain text) and a bad row is dropped and named (core/market_checks.Screen).
Neither answer carries a date: it is the current (or last) session's, so the caller says which trading day.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from desktop.core.market import STOCK_CODE
from desktop.core.market_checks import MAX_AMOUNT, MAX_COUNT, MAX_PRICE, Dropped, clean_name, shown

# Eastmoney's type code → (Chinese name, English key, direction): akshare's symbol_map, read at 1.19.5.
# Direction "up" is a move the buyers made (red under red-up), "down" the sellers' (green).
TYPES: dict[int, tuple[str, str, str]] = {
    8201: ("火箭发射", "rocket", "up"), 8202: ("快速反弹", "rebound", "up"), 8193: ("大笔买入", "big_buy", "up"),
    4: ("封涨停板", "seal_limit_up", "up"), 32: ("打开跌停板", "open_limit_down", "up"),
    64: ("有大买盘", "big_bid", "up"), 8207: ("竞价上涨", "auction_up", "up"),
    8209: ("高开5日线", "open_above_ma5", "up"), 8211: ("向上缺口", "gap_up", "up"),
    8213: ("60日新高", "high_60d", "up"), 8215: ("60日大幅上涨", "surge_60d", "up"),
    8204: ("加速下跌", "accelerate_down", "down"), 8203: ("高台跳水", "dive", "down"),
    8194: ("大笔卖出", "big_sell", "down"), 8: ("封跌停板", "seal_limit_down", "down"),
    16: ("打开涨停板", "open_limit_up", "down"), 128: ("有大卖盘", "big_ask", "down"),
    8208: ("竞价下跌", "auction_down", "down"), 8210: ("低开5日线", "open_below_ma5", "down"),
    8212: ("向下缺口", "gap_down", "down"), 8214: ("60日新低", "low_60d", "down"),
    8216: ("60日大幅下跌", "plunge_60d", "down"),
}
BY_NAME = {name: code for code, (name, _k, _d) in TYPES.items()}
BY_KEY = {key: code for code, (_n, key, _d) in TYPES.items()}
# The types the market service polls (one request each): the intraday moves a trader watches. The others (60日新高,
# 竞价上涨 …) are day-level screens; `huohua movers --type` fetches any of them on request.
POLLED = (8201, 8202, 8193, 4, 16, 8203, 8204, 8194, 8, 32)
EARLIEST = "09:15:00"      # the call auction opens (竞价 types)
LATEST = "15:30:00"        # 科创板/创业板 盘后固定价格交易 ends
MAX_VOLUME_LOTS = 1e9      # 手 in one order (the busiest stocks trade ~1e8 手 a day)
_SURROGATE = re.compile("[\ud800-\udfff]")   # a lone one (JSON's \ud800) cannot even be stored (UTF-8)


def type_code(text: str) -> int | None:
    """A type named by its Chinese name, English key or Eastmoney code ("火箭发射", "rocket", "8201")."""
    t = (text or "").strip()
    if t in BY_NAME:
        return BY_NAME[t]
    if t.lower() in BY_KEY:
        return BY_KEY[t.lower()]
    if t.isdigit() and int(t) in TYPES:
        return int(t)
    return None


def type_name(code: int) -> str:
    return TYPES[code][0] if code in TYPES else str(code)


def direction(code: int) -> str:
    """"up" | "down" (unknown codes never get this far: parse drops them)."""
    return TYPES[code][2] if code in TYPES else "up"


@dataclass(frozen=True, slots=True)
class MoverEvent:
    """One 异动 of one stock on one trading day: time "HH:MM:SS" Beijing, type as Eastmoney's code, `info` the
    answer's 相关信息 as sent (plain text; `detail` reads it)."""

    day: str
    time: str
    code: str
    name: str
    type: int
    info: str = ""

    @property
    def type_name(self) -> str:
        return type_name(self.type)

    @property
    def up(self) -> bool:
        return direction(self.type) == "up"

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.day, self.code, self.time, self.type)


@dataclass(frozen=True, slots=True)
class BoardMove:
    """One board's 异动 on one trading day (getAllBKChanges): its change, 主力净流入, how many 异动 its stocks had,
    the stock with the most and that stock's side, and the count of each type ("8193:12,8201:3")."""

    day: str
    board: str
    change_pct: float | None
    inflow: float | None
    count: int
    top_code: str = ""
    top_name: str = ""
    top_side: str = ""          # 大笔买入 | 大笔卖出 | ""
    types: str = ""


class _Bad(Exception):
    def __init__(self, field: str, value: Any, reason: str):
        super().__init__(field)
        self.field, self.value, self.reason = field, value, reason


def clock_time(v: Any) -> str:
    """Eastmoney's HHMMSS integer (93012 → "09:30:12"), within the trading day (09:15 … 15:30)."""
    if isinstance(v, bool) or not isinstance(v, (int, str)) or not str(v).isdigit() or len(str(v)) > 6:
        raise _Bad("time", v, "is not a time (HHMMSS)")
    s = str(v).zfill(6)
    h, m, sec = int(s[:2]), int(s[2:4]), int(s[4:])
    if h > 23 or m > 59 or sec > 59:
        raise _Bad("time", v, "is not a time of day")
    t = f"{h:02d}:{m:02d}:{sec:02d}"
    if not EARLIEST <= t <= LATEST:
        raise _Bad("time", v, f"is outside the trading day ({EARLIEST} … {LATEST})")
    return t


def _plain(field: str, v: Any, required: bool = False) -> str:
    if v is None:
        text = ""
    elif isinstance(v, (str, int, float)) and not isinstance(v, bool):
        text = clean_name(_SURROGATE.sub("", str(v))).strip()
    else:
        raise _Bad(field, v, "is not text")
    if required and not text:
        raise _Bad(field, v, "is missing")
    return text[:200]


def check_event(day: str, raw: dict[str, Any], asked: int | None = None) -> MoverEvent | Dropped:
    """One getAllStockChanges entry as a MoverEvent, or Dropped naming the bad field. The type is the row's own
    `t` (the one asked for when it lacks one)."""
    code = raw.get("c")
    if not isinstance(code, str) or not STOCK_CODE.match(code):
        return Dropped(str(code)[:16] if code is not None else "", "code", shown(code), "is not a stock code")
    try:
        t = raw.get("t", asked)
        kind = int(t) if isinstance(t, (int, str)) and not isinstance(t, bool) and str(t).isdigit() else None
        if kind not in TYPES:
            raise _Bad("type", t, "is not a known 异动 type")
        return MoverEvent(day=day, time=clock_time(raw.get("tm")), code=code, name=_plain("name", raw.get("n"), True),
                          type=kind, info=_plain("info", raw.get("i")))
    except _Bad as bad:
        return Dropped(code, bad.field, shown(bad.value), bad.reason)


def _number(field: str, v: Any, low: float, high: float) -> float | None:
    if v is None or v == "" or v == "-":
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise _Bad(field, v, "is not a number") from None
    if isinstance(v, bool) or not math.isfinite(x) or not low <= x <= high:
        raise _Bad(field, v, f"is outside {low:g} … {high:g}")
    return x


def check_board(day: str, raw: dict[str, Any]) -> BoardMove | Dropped:
    """One getAllBKChanges entry (keys c, m, n, u, zjl, ct, ms {m, c, n}, ydl [{t, ct}]) as a BoardMove."""
    name = raw.get("n")
    key = str(name)[:16] if name is not None else ""
    try:
        board = _plain("board", name, True)
        count = _number("count", raw.get("ct"), 0, MAX_COUNT * 100)
        raw_ms = raw.get("ms")
        ms: dict[str, Any] = raw_ms if isinstance(raw_ms, dict) else {}
        top = ms.get("c")
        top_code = top if isinstance(top, str) and STOCK_CODE.match(top) else ""
        side = {0: "大笔买入", 1: "大笔卖出"}.get(ms.get("m", -1), "") if top_code else ""
        parts = []
        for item in raw.get("ydl") or []:
            if isinstance(item, dict) and item.get("t") in TYPES and isinstance(item.get("ct"), int) \
                    and 0 <= item["ct"] <= MAX_COUNT:
                parts.append(f"{item['t']}:{item['ct']}")
        return BoardMove(day=day, board=board, change_pct=_number("change %", raw.get("u"), -50.0, 50.0),
                         inflow=_number("inflow", raw.get("zjl"), -MAX_AMOUNT, MAX_AMOUNT),
                         count=int(count or 0), top_code=top_code,
                         top_name=_plain("top name", ms.get("n")) if top_code else "", top_side=side,
                         types=",".join(parts))
    except _Bad as bad:
        return Dropped(key, bad.field, shown(bad.value), bad.reason)


def detail(event: MoverEvent) -> str:
    """The 相关信息 read for people, as Eastmoney's changes page shows it (docs/FACTS.md, "盘口异动": the reading
    is ours): "手数,价格,涨跌幅" → "2354手 14.05元 +10.02%", "价格,涨跌幅" → "14.05元 +10.02%", a lone fraction
    → "+3.52%"; anything else as sent (plain text)."""
    parts = [p.strip() for p in event.info.split(",")] if event.info else []
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        return event.info
    if not nums or not all(math.isfinite(x) for x in nums):
        return event.info

    def pct(x: float) -> str | None:
        return f"{x * 100:+.2f}%" if -1.0 <= x <= 1.0 else None

    if len(nums) == 3 and 0 <= nums[0] <= MAX_VOLUME_LOTS and 0 < nums[1] <= MAX_PRICE and pct(nums[2]):
        return f"{nums[0]:.0f}手 {nums[1]:.2f}元 {pct(nums[2])}"
    if len(nums) == 2 and 0 < nums[0] <= MAX_PRICE and pct(nums[1]):
        return f"{nums[0]:.2f}元 {pct(nums[1])}"
    if len(nums) == 1 and pct(nums[0]):
        return pct(nums[0]) or ""
    return event.info


def newest_first(events: list[MoverEvent]) -> list[MoverEvent]:
    return sorted(events, key=lambda e: (e.day, e.time, e.code, e.type), reverse=True)

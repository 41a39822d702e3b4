"""The demo's 盘口异动 and board 异动 (issue 26): Eastmoney's push2ex getAllStockChanges (one answer per type) and
getAllBKChanges answers for 2026-11-20, as of 14:35, in the endpoints' exact format (docs/FACTS.md, "盘口异动": the
keys in akshare's column order, times as HHMMSS integers, 相关信息 as the page sends it). `scripts/make_demo.py`
serves them from `FakeMarket` and records them.

演示数据: real codes and names, synthetic events. They follow the demo's story and numbers: the watchlists' stocks
move as the recorded quotes end (亿纬锂能 −5.46 %: 高台跳水, 大笔卖出, 加速下跌 in the morning; 当升科技 +3.56 %: 火箭发射
at the open); the 涨停 pool's stocks seal at their pool times (浪潮信息 13:00:48, 中科曙光 13:02:15, 大华股份 10:05:31
then 炸板, 光环新网 re-sealed 13:35:40, 沙河股份 跌停 14:02:18: scripts/demo_pools.py); 国电南瑞's 大笔买入 follows
its 13:07 news. Seven of the stocks have items in resources/demo/news.xml: their rows show one.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

SVR = 182994995

# time HHMMSS, code, name, type (Eastmoney's code: core/movers.TYPES), 昨收, price or None, lots or None, 涨速 or None
EVENTS = (
    (93105, "300073", "当升科技", 8201, 5.90, None, None, 0.031852),      # 火箭发射
    (94218, "300750", "宁德时代", 8193, 282.01, 283.10, 3520, None),      # 大笔买入
    (100531, "002236", "大华股份", 4, 19.00, 20.90, None, None),          # 封涨停板
    (101247, "002236", "大华股份", 16, 19.00, 20.85, None, None),         # 打开涨停板
    (103102, "300014", "亿纬锂能", 8203, 61.50, None, None, -0.031250),   # 高台跳水
    (103340, "300014", "亿纬锂能", 8194, 61.50, 59.02, 8630, None),       # 大笔卖出
    (104815, "300014", "亿纬锂能", 8204, 61.50, None, None, -0.021406),   # 加速下跌
    (110509, "601012", "隆基绿能", 8203, 18.60, None, None, -0.020537),   # 高台跳水
    (130048, "000977", "浪潮信息", 4, 45.62, 50.18, None, None),          # 封涨停板
    (130215, "603019", "中科曙光", 4, 68.40, 75.24, None, None),          # 封涨停板
    (130812, "600406", "国电南瑞", 8193, 26.19, 26.48, 15230, None),      # 大笔买入
    (132105, "300383", "光环新网", 16, 12.84, 15.38, None, None),         # 打开涨停板
    (133540, "300383", "光环新网", 4, 12.84, 15.41, None, None),          # 封涨停板
    (134122, "600900", "长江电力", 8193, 10.94, 11.04, 12850, None),      # 大笔买入
    (140218, "000014", "沙河股份", 8, 12.35, 11.12, None, None),          # 封跌停板
    (141033, "300438", "鹏辉能源", 8202, 35.12, None, None, 0.021528),    # 快速反弹
    (142105, "600644", "乐山电力", 8194, 44.65, 43.61, 4120, None),       # 大笔卖出
)
# getAllBKChanges: board, 涨跌幅, 主力净流入 (the board's code and 涨跌幅 are the demo market's when `answer` is
# given them, as make_demo does: the board 异动 agree with the recorded boards), 异动次数, (最频繁个股 code, name, 0 买 / 1 卖), {type: count}
BOARDS = (
    ("BK1041", "计算机设备", 3.12, 2.186e9, 41, ("000977", "浪潮信息", 0), {8193: 18, 4: 9, 8201: 8, 16: 6}),
    ("BK1036", "电网设备", 1.84, 8.62e8, 27, ("600406", "国电南瑞", 0), {8193: 14, 4: 5, 8201: 8}),
    ("BK1035", "电池", -1.27, -1.43e9, 23, ("300014", "亿纬锂能", 1), {8194: 11, 8203: 6, 8204: 4, 8201: 2}),
    ("BK1031", "光伏设备", -0.86, -6.1e8, 12, ("601012", "隆基绿能", 1), {8194: 7, 8203: 5}),
    ("BK1034", "电力", 0.64, 2.35e8, 9, ("600900", "长江电力", 0), {8193: 6, 8194: 3}),
)


def _pct(price: float, prev: float) -> str:
    return str((Decimal(str(price)) / Decimal(str(prev)) - 1).quantize(Decimal("0.000001"), ROUND_HALF_UP))


def _info(prev: float, price: float | None, lots: int | None, speed: float | None) -> str:
    """相关信息 as the page sends it: "手数,价格,涨跌幅" for a big order, "价格,涨跌幅" for a limit, "涨速" else."""
    if speed is not None:
        return f"{speed:.6f}"
    assert price is not None
    if lots is not None:
        return f"{lots},{price:.2f},{_pct(price, prev)}"
    return f"{price:.2f},{_pct(price, prev)}"


def stock_rows(kind: int) -> list[dict[str, Any]]:
    """One type's events, newest first (the page's order), keys in akshare's column order (tm c m n t i)."""
    rows = [{"tm": tm, "c": code, "m": 1 if code.startswith("6") else 0, "n": name, "t": t,
             "i": _info(prev, price, lots, speed)}
            for tm, code, name, t, prev, price, lots, speed in EVENTS if t == kind]
    return sorted(rows, key=lambda r: r["tm"], reverse=True)


def board_rows(market: dict[str, tuple[str, float]] | None = None) -> list[dict[str, Any]]:
    """The board 异动, each board's code and 涨跌幅 from `market` (name → (code, 涨跌幅)) when given."""
    market = market or {}
    return [{"c": market.get(name, (bk, pct))[0], "m": 90, "n": name, "u": market.get(name, (bk, pct))[1], "zjl": inflow, "ct": ct,
             "ms": {"m": side, "c": code, "n": stock}, "ydl": [{"t": t, "ct": n} for t, n in types.items()]}
            for bk, name, pct, inflow, ct, (code, stock, side), types in BOARDS]


def _wrap(data: Any, rc: int = 0) -> str:
    return json.dumps({"rc": rc, "rt": 4, "svr": SVR, "lt": 1, "full": 1, "dlmkts": "", "data": data},
                      ensure_ascii=False, separators=(",", ":"))


def answer(path: str, params: dict[str, str], boards: dict[str, tuple[str, float]] | None = None) -> str:
    """The body for `path` (…/getAllStockChanges with `type`, or …/getAllBKChanges): the demo session's; `boards`
    (industry name → (code, 涨跌幅)) are the market's boards the board 异动 name."""
    if path.rstrip("/").endswith("getAllBKChanges"):
        rows = board_rows(boards)
        return _wrap({"tc": len(rows), "allbk": rows})
    rows = stock_rows(int(params.get("type", "0") or 0))
    return _wrap({"tc": len(rows), "allstock": rows})

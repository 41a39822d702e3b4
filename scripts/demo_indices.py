"""The demo's index bars (issue 26): 日K (a short history, DAYS sessions to 2026-11-20) and the session's 分时 of
the six indices, in the exact format of the requests Huohua sends for them (docs/FACTS.md, "Indices":
stock_zh_index_daily_em's kline lines "date,open,close,high,low,volume,amount,振幅"; trends2 lines
"YYYY-MM-DD HH:MM,open,close,high,low,volume,amount,均价"). `scripts/make_demo.py` serves them from `FakeMarket`
and records them last. Today's bar and the minutes end where the demo's quotes (DEMO_INDICES) stand: 昨收, 今开,
最高, 最低, 最新 and the day's volume agree with the ulist answer. 演示数据: synthetic numbers; seeded per index.
"""

from __future__ import annotations

import json
import math
import random
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop.core.market_hours import SHANGHAI

DAYS = 60            # sessions of 日K, today's included
SVR = 181734976


def _rng(sid: str) -> random.Random:
    return random.Random(f"huohua-demo-index-{sid}")        # a str seed: the same numbers on every run


def kline(sid: str, spec: tuple, days: list[date], today: date) -> str:
    """stock_zh_index_daily_em's answer: `days` (oldest first, before today) then today's bar from `spec`
    (name, 昨收, 最新, 最高, 最低, 今开, 成交量 in lots, 成交额)."""
    name, prev, price, high, low, open_, volume, amount = spec
    rng = _rng(sid)
    bars, close = [], prev
    for d in reversed(days):
        o = close * (1 + rng.gauss(0, 0.004))
        h, lo = max(o, close) * (1 + abs(rng.gauss(0, 0.004))), min(o, close) * (1 - abs(rng.gauss(0, 0.004)))
        f = rng.uniform(0.7, 1.3)
        bars.append((d, round(o, 2), round(close, 2), round(h, 2), round(lo, 2), int(volume * f), round(amount * f, 1)))
        close = close / (1 + rng.gauss(0.0003, 0.009))
    bars.reverse()
    bars.append((today, open_, price, high, low, volume, amount))
    lines, before = [], bars[0][1]
    for d, o, c, h, lo, v, a in bars:
        lines.append(f"{d.isoformat()},{o:.2f},{c:.2f},{h:.2f},{lo:.2f},{v},{a:.1f},{(h - lo) / before * 100:.2f}")
        before = c
    mkt, code = sid.split(".")
    return json.dumps({"rc": 0, "rt": 17, "svr": SVR, "lt": 1, "full": 0, "dlmkts": "",
                       "data": {"code": code, "market": int(mkt), "name": name, "decimal": 2, "dktotal": len(lines),
                                "preKPrice": bars[0][1], "klines": lines}}, ensure_ascii=False, separators=(",", ":"))


def trends(sid: str, spec: tuple, today: date, minute: int, now: datetime) -> str:
    """trends2's answer: the session's minutes 09:30 … `minute` (index in 0–240), from 今开 to 最新 within
    最低–最高 (both touched), the volume and amount spread so that they add up to the quote's."""
    name, prev, price, high, low, open_, volume, amount = spec
    rng = _rng(sid)
    n = minute + 1
    top, bottom = max(1, n // 3), max(2, 2 * n // 3)
    path = []
    for i in range(n):
        drift = open_ + (price - open_) * i / max(1, n - 1)
        wave = math.sin(i / 17) * (high - low) * 0.25 + rng.gauss(0, (high - low) * 0.03)
        path.append(min(high, max(low, drift + wave)))
    path[0], path[-1] = open_, price
    if n > 3:
        path[top], path[bottom] = high, low
    weights = [rng.uniform(0.6, 1.4) * (2.0 if i < 15 or i > 225 else 1.0) for i in range(n)]
    total = sum(weights)
    base = datetime.combine(today, time(9, 30), tzinfo=SHANGHAI)
    rows, cum_v, cum_a = [], 0, 0.0
    for i, p in enumerate(path):
        last = prev if i == 0 else path[i - 1]
        v = int(volume * weights[i] / total)
        a = round(amount * weights[i] / total, 1)
        cum_v, cum_a = cum_v + v, cum_a + a
        stamp = (base + timedelta(minutes=i if i <= 120 else i + 90)).strftime("%Y-%m-%d %H:%M")
        rows.append(f"{stamp},{last:.2f},{p:.2f},{max(last, p):.2f},{min(last, p):.2f},{v},{a:.1f},"
                    f"{cum_a / cum_v / 100 if cum_v else p:.3f}")
    mkt, code = sid.split(".")
    data: dict[str, Any] = {"code": code, "market": int(mkt), "type": 1, "status": 0, "name": name, "decimal": 2,
                            "preSettlement": 0.0, "preClose": prev,
                            "beticks": "33300|34200|54000|34200|41400|46800|54000", "trendsTotal": len(rows),
                            "time": int(now.timestamp()), "kind": 1, "prePrice": prev, "trends": rows}
    return json.dumps({"rc": 0, "rt": 10, "svr": SVR, "lt": 1, "full": 0, "dlmkts": "", "data": data},
                      ensure_ascii=False, separators=(",", ":"))

"""The demo's 涨停 / 炸板 / 跌停 pools (issue 26): Eastmoney's push2ex answers for 2026-11-20, as of 14:35, in the
endpoints' exact format (docs/FACTS.md, "涨停, 炸板 and 跌停 pools": the keys in akshare's column order, prices in
厘, money in 元, times as HHMMSS integers). `scripts/make_demo.py` serves them from `FakeMarket` and records them.

演示数据: real codes and names, synthetic numbers. Every pool stock is quoted too, as the pool says (issue 26):
`quoted()` gives each its session — a 涨停 closes 14:35 at its limit-up price (the high), a 炸板 touched it (high =
limit) and stands below, a 跌停 at its limit-down price (the low) — and `FakeMarket` adds them to the snapshot, the
batched quotes and their boards, so breadth's 涨停 / 跌停 counts are the pools' sizes. The session's
story is the demo news' (resources/demo/news.xml): 算力 in the afternoon — 中科曙光 (12:22) and 浪潮信息 (11:38)
seal after their own news — and energy: 锂电 after "固态电池产业化提速" (10:24), 电网设备 after "特高压工程密集开工"
(13:07), 数据中心电源 after "数据中心用电需求快速增长" (09:48); their reasons are those themes' news.
"""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

POOL_DAY = date(2026, 11, 20)
SVR = 182994995

# The concept boards the pool stocks belong to, beside their industry (the session's themes: 算力, 锂电, 数据中心电源)
CONCEPTS = {"算力概念": ("000977", "603019", "000066", "300383", "002236", "002197"),
            "人工智能": ("300418", "300364", "000997", "002152"),
            "锂电池": ("002460", "002466"), "固态电池": ("002460",),
            "储能": ("002335", "002518")}
MINUTE_NOW = 215         # 14:35: the demo's moment as an index into the session's 241 minutes

# 涨停: code, name, 所属行业, 昨收, 连板, 首封 HHMMSS, 末封, 炸板次数, 封板资金, 成交额, 流通股 / 总股本 (亿), 涨停统计 (days, ct)
ZT = (
    ("000066", "中国长城", "计算机设备", 17.86, 4, 93000, 93000, 0, 1.126e9, 2.63e9, 32.26, 32.26, (4, 4)),
    ("002335", "科华数据", "其他电源设备", 41.27, 3, 95236, 95236, 0, 3.85e8, 1.91e9, 4.59, 4.62, (5, 3)),
    ("000682", "东方电子", "电网设备", 9.65, 2, 95812, 101540, 1, 2.12e8, 1.04e9, 13.38, 13.41, (2, 2)),
    ("300383", "光环新网", "通信服务", 12.84, 2, 103116, 133540, 2, 1.47e8, 2.86e9, 17.92, 17.98, (3, 2)),
    ("002460", "赣锋锂业", "能源金属", 38.62, 1, 102655, 102655, 0, 8.63e8, 5.42e9, 12.09, 20.17, (1, 1)),
    ("002466", "天齐锂业", "能源金属", 35.90, 1, 104103, 110517, 1, 4.96e8, 4.77e9, 14.76, 16.41, (1, 1)),
    ("300418", "昆仑万维", "数字媒体", 38.35, 1, 110233, 110233, 0, 5.31e8, 6.12e9, 11.81, 12.42, (2, 1)),
    ("000977", "浪潮信息", "计算机设备", 45.62, 1, 130048, 130048, 0, 1.532e9, 7.85e9, 14.67, 14.72, (6, 2)),
    ("603019", "中科曙光", "计算机设备", 68.40, 2, 130215, 130215, 0, 1.215e9, 8.94e9, 14.63, 14.63, (2, 2)),
    ("000400", "许继电气", "电网设备", 28.35, 1, 130930, 130930, 0, 3.37e8, 2.18e9, 10.19, 10.19, (1, 1)),
    ("002028", "思源电气", "电网设备", 71.60, 1, 132107, 140244, 1, 2.64e8, 2.47e9, 6.51, 7.76, (1, 1)),
    ("002152", "广电运通", "计算机设备", 11.48, 1, 134722, 142105, 2, 1.08e8, 1.36e9, 24.70, 24.79, (1, 1)),
    ("002518", "科士达", "其他电源设备", 27.05, 1, 141240, 141240, 0, 1.93e8, 1.12e9, 5.71, 5.82, (3, 1)),
    ("000997", "新大陆", "计算机设备", 19.44, 1, 143150, 143150, 0, 9.6e7, 7.9e8, 10.23, 10.32, (1, 1)),
)
# 炸板 (touched 涨停, open at 14:35): code, name, 所属行业, 昨收, 最新, 首封, 炸板次数, 成交额, 流通 / 总 (亿), 振幅, 涨速, 涨停统计
ZB = (
    ("002236", "大华股份", "计算机设备", 19.00, 19.85, 100531, 3, 3.14e9, 30.12, 32.95, 11.21, -0.15, (1, 0)),
    ("300364", "中文在线", "数字媒体", 24.10, 26.55, 104910, 4, 2.68e9, 7.28, 7.33, 21.45, 0.38, (3, 1)),
    ("002270", "华明装备", "电网设备", 17.30, 18.11, 111244, 1, 9.8e8, 8.96, 8.96, 8.03, -0.22, (2, 1)),
    ("002197", "证通电子", "计算机设备", 9.12, 9.58, 131502, 2, 7.4e8, 5.89, 6.12, 10.20, 0.10, (1, 0)),
)
# 跌停: code, name, 所属行业, 昨收, 封单资金, 末封, 板上成交额, 连续跌停, 开板次数, 成交额, 流通 / 总 (亿), 市盈率
DT = (
    ("000014", "沙河股份", "房地产开发", 12.35, 3.2e7, 140218, 1.15e8, 1, 2, 3.06e8, 2.42, 2.42, -41.7),
    ("002141", "贤丰控股", "元件", 3.61, 1.84e8, 93003, 2.6e7, 2, 0, 6.1e7, 11.34, 11.34, -25.3),
    ("000566", "海南海药", "化学制药", 5.27, 6.7e7, 133851, 9.2e7, 1, 1, 2.47e8, 12.97, 13.01, -18.9),
)


def _limit(prev: float, pct: float) -> float:
    """The limit price: 昨收 × (1 ± pct) rounded half up to the cent (docs/FACTS.md)."""
    return float((Decimal(str(prev)) * (1 + Decimal(str(pct)))).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _pct(code: str) -> float:
    return 0.2 if code.startswith(("30", "68")) else 0.1


def _market(code: str) -> int:
    return 1 if code.startswith("6") else 0


def _li(price: float) -> int:
    return int(round(price * 1000))        # Eastmoney sends prices in 厘


def _change(price: float, prev: float) -> float:
    return round((price / prev - 1) * 100, 2)


def _turnover(amount: float, price: float, float_shares: float) -> float:
    return round(amount / (price * float_shares * 1e8) * 100, 2)


def zt_rows() -> list[dict[str, Any]]:
    out = []
    for code, name, ind, prev, lbc, fbt, lbt, zbc, fund, amount, flt, total, (days, ct) in ZT:
        p = _limit(prev, _pct(code))
        out.append({"c": code, "m": _market(code), "n": name, "p": _li(p), "zdp": _change(p, prev), "amount": amount,
                    "ltsz": round(p * flt * 1e8, 2), "tshare": round(p * total * 1e8, 2),
                    "hs": _turnover(amount, p, flt), "lbc": lbc, "fbt": fbt, "lbt": lbt, "fund": fund, "zbc": zbc,
                    "hybk": ind, "zttj": {"days": days, "ct": ct}})
    return sorted(out, key=lambda r: r["fbt"])         # sort=fbt:asc


def zb_rows() -> list[dict[str, Any]]:
    out = []
    for code, name, ind, prev, p, fbt, zbc, amount, flt, total, zf, zs, (days, ct) in ZB:
        out.append({"c": code, "m": _market(code), "n": name, "p": _li(p), "ztp": _li(_limit(prev, _pct(code))),
                    "zdp": _change(p, prev), "amount": amount, "ltsz": round(p * flt * 1e8, 2),
                    "tshare": round(p * total * 1e8, 2), "hs": _turnover(amount, p, flt), "fbt": fbt, "zbc": zbc,
                    "zf": zf, "zs": zs, "zttj": {"days": days, "ct": ct}, "hybk": ind})
    return sorted(out, key=lambda r: r["fbt"])         # sort=fbt:asc


def dt_rows() -> list[dict[str, Any]]:
    out = []
    for code, name, ind, prev, fund, lbt, fba, days, oc, amount, flt, total, pe in DT:
        p = _limit(prev, -_pct(code))
        out.append({"c": code, "m": _market(code), "n": name, "p": _li(p), "zdp": _change(p, prev), "amount": amount,
                    "ltsz": round(p * flt * 1e8, 2), "tshare": round(p * total * 1e8, 2), "pe": pe,
                    "hs": _turnover(amount, p, flt), "fund": fund, "lbt": lbt, "fba": fba, "days": days, "oc": oc,
                    "hybk": ind})
    return sorted(out, key=lambda r: r["fund"])        # sort=fund:asc


def _minute(hhmmss: int) -> int:
    """HHMMSS within the session → its minute index, as make_demo's (09:30 → 0, 11:30 and 13:00 → 120, 15:00 → 240)."""
    mins = hhmmss // 10000 * 60 + hhmmss // 100 % 100 - (9 * 60 + 30)
    return max(0, mins) if mins <= 120 else max(120, min(240, mins - 90))


def _session(rng: random.Random, prev: float, open_: float, touch: int, last: int, at: float, breaks: int,
             then: float, floor: float, ceil: float) -> list[float]:
    """241 minute closes within [floor, ceil] (the limits): from `open_` towards the limit `at`, reached at
    minute `touch`; `breaks` short breaks off it before minute `last`, on it again from `last`; a 炸板 (`then`
    below `at`) leaves it after `last` for good and stands at `then` at the demo's moment."""
    path = []
    for i in range(241):
        if i < touch:
            x = open_ + (at - open_) * i / max(1, touch) + rng.gauss(0, prev * 0.004)
            x = min(x, at - 0.01) if at > prev else max(x, at + 0.01)
        else:
            x = at
        path.append(round(min(ceil, max(floor, x)), 2))
    room = range(touch + 1, max(touch + 1, last - 3))
    for g in sorted(rng.sample(room, min(breaks, len(room)))):    # a break: a few minutes off the limit
        for i in range(g, min(last, g + 3)):
            path[i] = round(at * (0.985 if at > prev else 1.015), 2)
    if then != at:                                              # 炸板: off the limit from `last` + 1 on
        start = last + 1
        for i in range(start, 241):
            k = min(1.0, (i - start + 1) / max(1, MINUTE_NOW - start + 1))
            x = at + (then - at) * k + (rng.gauss(0, prev * 0.002) if i < MINUTE_NOW else 0.0)
            path[i] = round(max(floor, min(x, at - 0.01)), 2)
        path[MINUTE_NOW] = then
    return path


def quoted() -> list[dict]:
    """Each pool stock's session for the demo market (scripts/make_demo.py FakeMarket.pin): code, name, industry,
    prev, path (241 minute closes), amount (the pool's 成交额, yuan), float and total shares (亿)."""
    out = []

    def add(code, name, ind, prev, path, amount, flt, total):
        out.append(dict(code=code, name=name, industry=ind, prev=prev, path=path, amount=amount, flt=flt, total=total))

    for code, name, ind, prev, _lbc, fbt, lbt, zbc, _fund, amount, flt, total, _tj in ZT:
        rng = random.Random(f"huohua-demo-pool-{code}")
        up, down = _limit(prev, _pct(code)), _limit(prev, -_pct(code))
        open_ = up if _minute(fbt) == 0 else round(prev * (1 + rng.uniform(-0.01, 0.03)), 2)
        add(code, name, ind, prev, _session(rng, prev, open_, _minute(fbt), _minute(lbt), up, zbc, up, down, up),
            amount, flt, total)
    for code, name, ind, prev, p, fbt, zbc, amount, flt, total, _zf, _zs, _tj in ZB:
        rng = random.Random(f"huohua-demo-pool-{code}")
        up, down = _limit(prev, _pct(code)), _limit(prev, -_pct(code))
        touch = _minute(fbt)
        last = min(MINUTE_NOW - 10, touch + 12 * zbc)           # its last time on the limit, then open since
        open_ = round(prev * (1 + rng.uniform(0.0, 0.03)), 2)
        add(code, name, ind, prev, _session(rng, prev, open_, touch, last, up, zbc - 1, p, down, up), amount, flt,
            total)
    for code, name, ind, prev, _fund, lbt, _fba, _days, oc, amount, flt, total, _pe in DT:
        rng = random.Random(f"huohua-demo-pool-{code}")
        up, down = _limit(prev, _pct(code)), _limit(prev, -_pct(code))
        last = _minute(lbt)
        touch = max(0, last - 15 * oc)                          # first sealed before its breaks (开板次数)
        open_ = down if touch == 0 else round(prev * (1 - rng.uniform(0.0, 0.03)), 2)
        add(code, name, ind, prev, _session(rng, prev, open_, touch, last, down, oc, down, down, up), amount, flt,
            total)
    return out


ROWS = {"getTopicZTPool": zt_rows, "getTopicZBPool": zb_rows, "getTopicDTPool": dt_rows}


def answer(path: str, day: str) -> str:
    """The body for `path` (…/getTopicZTPool) and `date` (YYYYMMDD): the pool on the demo's day; on any other day
    what Eastmoney answers a day without a pool, `rc: 102` and `data: null`."""
    rows = ROWS.get(path.rstrip("/").rsplit("/", 1)[-1])
    if rows is None or day != POOL_DAY.strftime("%Y%m%d"):
        data = None
        rc = 102
    else:
        pool = rows()
        data, rc = {"tc": len(pool), "qdate": int(day), "pool": pool}, 0
    return json.dumps({"rc": rc, "rt": 11, "svr": SVR, "lt": 1, "full": 1, "dlmkts": "", "data": data},
                      ensure_ascii=False, separators=(",", ":"))

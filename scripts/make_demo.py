"""Generate resources/demo/ (exchanges.jsonl + meta.json): a synthetic market recording, labelled 演示数据.

    python scripts/make_demo.py [--out resources/demo] [--seed 20261120]

Real company names and codes (energy and AI: 宁德时代, 阳光电源, 亿纬锂能, 派能科技, 隆基绿能 …) with plausible
*synthetic* numbers. The recording is made the honest way: `FakeMarket` answers HTTP in Eastmoney's,
Tencent's and Sina's (trading calendar) exact formats (key order included, since akshare assigns columns by position), and the real
AkshareSource runs against it in record mode — so the file holds exactly the requests akshare makes.
`FakeMarket` is also the fixture server of tests/market and bench/market.py. Same seed, same bytes. New exchanges
are recorded last, so every earlier line stays byte-identical (tests/market/test_cli_market.py rebuilds the file
and compares); the day's 涨停 / 炸板 / 跌停 pools are scripts/demo_pools.py's (their members quoted at their
limits with their industries' peers, `FakeMarket.pin`: snapshot, breadth and pools agree), the indices' 日K and 分时
scripts/demo_indices.py's, the 盘口异动 and board 异动 scripts/demo_movers.py's.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.core.market_hours import SHANGHAI  # noqa: E402
from desktop.core.trading_calendar import offline_calendar  # noqa: E402
from desktop.sources.market import exchange_of  # noqa: E402

# -- Eastmoney row keys, in the order Eastmoney sends them (FACTS.md) -------------------------------------
SPOT_KEYS = ("f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f20 f21 f22 f23 f24 f25 f62 f115 "
             "f128 f140 f141 f136 f152").split()
INDUSTRY_KEYS = ("f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f20 f21 f22 f23 f24 f25 f26 "
                 "f33 f62 f104 f105 f107 f115 f124 f128 f140 f141 f136 f152 f207 f208 f209 f222").split()
CONCEPT_KEYS = ("f2 f3 f4 f8 f11 f12 f14 f15 f16 f17 f18 f20 f21 f22 f24 f25 f33 f62 f104 f105 f107 f124 f128 "
                "f140 f141 f136").split()
CONS_KEYS = ("f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f15 f16 f17 f18 f20 f21 f22 f23 f24 f25 f45 f62 "
             "f115 f128 f140 f141 f136 f152").split()
ULIST_KEYS = "f2 f3 f4 f5 f6 f8 f12 f13 f14 f15 f16 f17 f18 f20 f21 f124".split()
SPOT_FS = "m:0 t:6,m:0 t:80,m:1 t:2,m:1 t:23,m:0 t:81 s:2048"

DEMO_DAY = date(2026, 11, 20)
DEMO_NOW = datetime.combine(DEMO_DAY, time(14, 35), tzinfo=SHANGHAI)
DEMO_SEED = 20261120
DEMO_HISTORY_DAYS = 120
DEMO_INDUSTRIES = ("电池", "光伏设备", "电力", "风电设备", "半导体", "软件开发", "通信设备")
DEMO_CONCEPTS = {   # synthetic memberships: the first codes are pinned, the rest drawn from the named industries
    "储能": (["300750", "300274", "300014", "688063", "920239", "002594", "300763"], ("电池", "光伏设备")),
    "锂电池": (["300750", "300014", "002594", "920252", "920239"], ("电池",)),
    "固态电池": (["300750", "300014", "688063"], ("电池",)),
    "光伏概念": (["601012", "300274", "002459", "600438", "300763"], ("光伏设备",)),
    "人工智能": (["002230", "688256", "300308", "601138"], ("软件开发", "半导体")),
    "算力概念": (["300308", "601138", "688256"], ("通信设备", "半导体")),
    "国产芯片": (["688256"], ("半导体",)),
}
EXTRA_CODES = ("002594", "601138", "300124", "600406")      # demo names outside the demo industries
# 演示数据: synthetic 快讯 (minutes before the demo's moment, title, text) — 电报 mostly without a title
DEMO_TELEGRAPH = (
    (2, "", "【宁德时代：储能系统订单排产至明年二季度】财联社11月20日电，宁德时代在投资者交流中表示，储能电池订单饱满。（演示数据）"),
    (6, "", "【光伏板块午后拉升】财联社11月20日电，光伏板块午后走强，阳光电源、隆基绿能涨幅居前。（演示数据）"),
    (11, "国家能源局：前十月新增风电光伏装机同比增长", "国家能源局数据显示，前十月风电、光伏新增装机保持增长，储能配套加快。（演示数据）"),
    (18, "", "央行今日开展逆回购操作，维护银行体系流动性合理充裕。（演示数据）"),
    (25, "", "【算力租赁需求旺盛】财联社11月20日电，多家算力服务商表示大模型训练需求持续增长，中科曙光、浪潮信息关注度提升。（演示数据）"),
)
DEMO_NOTICES = (   # 演示数据: (code, days before the demo, HH:MM, title, category)
    ("300750", 0, "12:05", "关于签订储能电池长期供货协议的公告（演示数据）", "重大事项"),
    ("300750", 2, "18:30", "2026年第三季度报告更正公告（演示数据）", "财务报告"),
    ("300274", 1, "19:10", "关于股东减持股份计划的预披露公告（演示数据）", "持股变动"),
    ("601012", 3, "17:45", "关于回购公司股份的进展公告（演示数据）", "信息变更"),
)
DEMO_STOCK_NEWS = (   # 演示数据: (code, hours before the demo, media, title with the hit marked, content)
    ("300750", 3, "证券时报", "<em>宁德时代</em>：钠离子电池将于明年规模化量产（演示数据）",
     "<em>宁德时代</em>(<em>300750</em>)在投资者交流会上表示，钠离子电池将于明年在乘用车和储能领域规模化量产。"),
    ("300750", 27, "中国证券报", "储能电池出货量创新高 龙头<em>宁德时代</em>订单饱满（演示数据）",
     "多家机构调研显示，储能电池需求旺盛，<em>宁德时代</em>等龙头企业订单排至明年二季度。"),
    ("300274", 6, "上海证券报", "<em>阳光电源</em>：海外储能系统订单持续增长（演示数据）",
     "<em>阳光电源</em>表示，公司海外储能系统订单持续增长，中东和欧洲市场贡献主要增量。"),
    ("601012", 30, "第一财经", "<em>隆基绿能</em>发布新一代BC组件 转换效率再提升（演示数据）",
     "<em>隆基绿能</em>发布新一代BC组件，量产转换效率进一步提升。"),
)
DEMO_FAST = (
    (4, "亿纬锂能：大圆柱电池产线进入量产阶段", "亿纬锂能称，大圆柱电池产线良率提升，已向客户批量交付。（演示数据）"),
    (9, "电网设备板块持续活跃", "特高压建设加快，国电南瑞、许继电气等电网设备股走强。（演示数据）"),
    (15, "半导体设备国产化率提升", "机构称半导体设备国产化进程加快，北方华创订单增长。（演示数据）"),
)
# 演示数据: the other three 快讯 sources, in their own styles (新浪: no title; 同花顺: title and digest; 富途: a
# title or a 【lead】). Some carry a story 财联社 or 东方财富 has too, in their own words: the "同时报道" join
# (core/near_dup.py) shows it once with both sources. (seconds before the demo's moment, title, text)
DEMO_SINA = (
    (100, "", "【宁德时代：储能电池订单已排产至明年二季度】宁德时代在投资者交流活动中表示，储能电池订单饱满，排产已至明年二季度。（演示数据）"),
    (295, "", "【午后新能源板块走强】截至14时30分，锦浪科技涨超6%，晶澳科技涨超4%，当升科技、鹏辉能源跟涨。（演示数据）"),
    (1030, "", "新浪财经11月20日讯，央行今日开展逆回购操作，以维护银行体系流动性合理充裕。（演示数据）"),
)
DEMO_THS = (
    (470, "电网设备股走强 国电南瑞涨近1%", "特高压建设加快，电网设备股走强，国电南瑞涨近1%，许继电气等跟涨。（演示数据）"),
    (610, "国家能源局：前十月风电光伏新增装机同比增长", "国家能源局数据显示，前十月风电、光伏新增装机同比增长，储能配套建设加快。（演示数据）"),
    (1310, "光模块板块午后活跃 中际旭创涨近2%", "光模块板块午后活跃，中际旭创涨近2%，寒武纪小幅走高。（演示数据）"),
)
DEMO_FUTU = (
    (185, "亿纬锂能：大圆柱电池产线进入量产阶段", "【亿纬锂能：大圆柱电池产线进入量产阶段】亿纬锂能称，大圆柱电池产线良率提升，已向客户批量交付。（演示数据）"),
    (730, "", "【亿纬锂能跌超5%】亿纬锂能午后跌幅扩大，现跌超5%，成交额明显放大。（演示数据）"),
    (1805, "", "【电力股午后走强】豫能控股涨超2%，长江电力涨约1%，电力板块整体走高。（演示数据）"),
)
KNOWN_PRICES = {"300750": 282.0, "300274": 148.0, "300014": 61.5, "688063": 52.3, "601012": 18.6,
                "002594": 101.0, "002230": 49.8, "688256": 1180.0, "300308": 405.0, "601138": 52.0,
                "920239": 31.5, "920252": 14.2}
KNOWN_SHARES = {"300750": 4.4e9, "300274": 2.07e9, "300014": 2.05e9, "688063": 2.45e8, "601012": 7.58e9,
                "002594": 3.04e9, "002230": 2.31e9, "688256": 4.18e8, "300308": 1.11e9, "601138": 1.99e10,
                "920239": 1.8e8, "920252": 1.0e8}


def em_body(rows: list[dict[str, Any]] | None, total: int | None = None, rc: int = 0) -> str:
    """Eastmoney's list envelope; `rows=None` gives `data: null`."""
    obj: dict[str, Any] = {"rc": rc, "rt": 6, "svr": 181669449, "lt": 1, "full": 1, "dlmkts": ""}
    obj["data"] = None if rows is None else {"total": len(rows) if total is None else total, "diff": rows}
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def ordered(keys: list[str], values: dict[str, Any]) -> dict[str, Any]:
    return {k: values.get(k, "-") for k in keys}


@dataclass
class FakeStock:
    code: str
    name: str
    industry: str
    prev: float
    path: list[float]                 # 1-minute closes from 09:30 (241 minutes a day)
    vols: list[int]                   # lots per minute
    float_shares: float
    total_shares: float
    history: list[tuple[date, float, float, float, float, int]] = field(default_factory=list)
    amount: float | None = None       # the day's 成交额 when given (a pool stock: the pool's), else from the path

    @property
    def mkt(self) -> int:
        return 1 if exchange_of(self.code) == "SH" else 0


class FakeMarket:
    """Answers Eastmoney/Tencent requests from a seeded synthetic market, at moment `now`."""

    def __init__(self, stocks: list[tuple[str, str, str]], *, seed: int = DEMO_SEED, now: datetime = DEMO_NOW,
                 concepts: dict[str, tuple[list[str], tuple[str, ...]]] | None = None,
                 board_counts: tuple[int | None, int | None] = (None, None), history_days: int = 250):
        self.rng = random.Random(seed)
        self.now = now
        self.minute = _minute_index(now)
        self.stocks: dict[str, FakeStock] = {}
        days = _trading_days(offline_calendar().previous_trading_day(now.date()), history_days - 1)
        for code, name, industry in stocks:
            self.stocks[code] = self._make_stock(code, name, industry, days)
        self.boards: dict[str, dict[str, Any]] = {}   # BK code -> {name, type, members}
        by_ind: dict[str, list[str]] = {}
        for s in self.stocks.values():
            by_ind.setdefault(s.industry, []).append(s.code)
        # Eastmoney's own industry list is shorter than the 申万 level 2 one: keep the biggest when asked to.
        ranked = sorted(by_ind.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:board_counts[0]]
        for i, (ind, members) in enumerate(sorted(ranked)):
            self.boards[f"BK{1030 + i:04d}"] = {"name": ind, "type": "industry", "members": sorted(members)}
        for i, (name, (pinned, inds)) in enumerate(sorted((concepts or {}).items())):
            pool = sorted(c for ind in inds for c in by_ind.get(ind, []))
            drawn = self.rng.sample(pool, min(len(pool), 25))
            members = sorted({c for c in pinned if c in self.stocks} | set(drawn))
            self.boards[f"BK{980 + i:04d}"] = {"name": name, "type": "concept", "members": members}
        codes = sorted(self.stocks)
        for kind, n, base in (("industry", board_counts[0], 1200), ("concept", board_counts[1], 500)):
            have = sum(1 for b in self.boards.values() if b["type"] == kind)
            for j in range(max(0, (n or 0) - have)):
                self.boards[f"BK{base + j:04d}"] = {"name": f"{'行业' if kind == 'industry' else '概念'}{j + 1}",
                                                    "type": kind, "members": self.rng.sample(codes, 8)}
        self.requests = 0
        self.broken: set[str] = set()
        self.calendar_dates: list[date] | None = None   # Sina's trading calendar; None: what Sina served in 2026
        self._states: dict[str, dict[str, Any]] = {}

    # -- the synthetic model -----------------------------------------------------------------------------
    def _make_stock(self, code: str, name: str, industry: str, days: list[date]) -> FakeStock:
        rng = self.rng
        prev = KNOWN_PRICES.get(code) or round(min(400.0, max(2.0, math.exp(rng.gauss(2.7, 0.8)))), 2)
        limit = 0.3 if exchange_of(code) == "BJ" else 0.2 if code.startswith(("30", "68")) else 0.1
        drift = max(-limit * 0.9, min(limit * 0.9, rng.gauss(0.004, 0.022)))
        walk = [0.0]
        for _ in range(240):
            walk.append(walk[-1] + rng.gauss(0, 0.0015))
        path = [round(prev * (1 + walk[i] - walk[-1] * i / 240 + drift * i / 240 + rng.gauss(0, 0.004) * (i == 0)),
                      2) for i in range(241)]
        shares = KNOWN_SHARES.get(code) or rng.uniform(3e8, 4e9) * (3 if prev < 10 else 1)
        turnover = rng.uniform(0.004, 0.05)
        base = shares * turnover / 241 / 100
        vols = [max(1, int(base * rng.uniform(0.4, 1.6) * (2.5 if i < 15 or i > 225 else 1))) for i in range(241)]
        history = []
        close = prev
        for d in reversed(days):
            o = close * (1 + rng.gauss(0, 0.008))
            h, lo = max(o, close) * (1 + abs(rng.gauss(0, 0.01))), min(o, close) * (1 - abs(rng.gauss(0, 0.01)))
            history.append((d, round(o, 2), round(close, 2), round(h, 2), round(lo, 2), int(base * 241 * rng.uniform(.6, 1.4))))
            close = close / (1 + rng.gauss(0.0004, 0.021))
        history.reverse()
        return FakeStock(code, name, industry, prev, path, vols, shares * 0.8, shares, history)

    def pin(self, sessions: list[dict[str, Any]], concepts: dict[str, tuple[str, ...]]) -> None:
        """Add stocks whose session is given (the 涨停 / 炸板 / 跌停 pools' members: scripts/demo_pools.py), after
        the drawn ones and with their own seeds, so every drawn number and board code stays as it was. Each joins
        its industry's board (a new one, numbered after the others, for an industry the market lacked), with up to
        `PEERS` of the industry's other stocks drawn beside them (a board is no board of one), and the concepts
        that name it."""
        days = [d for d, *_ in next(iter(self.stocks.values())).history]
        industry = {b["name"]: bk for bk, b in self.boards.items() if b["type"] == "industry"}
        n = len(industry)
        pinned = {q["code"] for q in sessions}
        for q in sessions:
            rng = random.Random(f"huohua-demo-pool-{q['code']}-volume")
            raw = [rng.uniform(0.4, 1.6) * (2.5 if i < 15 or i > 225 else 1) for i in range(241)]
            done = sum(p * v * 100 for p, v in zip(q["path"][: self.minute + 1], raw[: self.minute + 1], strict=True))
            vols = [max(1, int(v * q["amount"] / done)) for v in raw]
            history, close = [], q["prev"]
            for d in reversed(days):
                o = close * (1 + rng.gauss(0, 0.008))
                h, lo = max(o, close) * (1 + abs(rng.gauss(0, 0.01))), min(o, close) * (1 - abs(rng.gauss(0, 0.01)))
                history.append((d, round(o, 2), round(close, 2), round(h, 2), round(lo, 2), int(sum(vols) * rng.uniform(.4, 1.0))))
                close = close / (1 + rng.gauss(0.0004, 0.021))
            history.reverse()
            self.stocks[q["code"]] = FakeStock(q["code"], q["name"], q["industry"], q["prev"], q["path"], vols,
                                               q["flt"] * 1e8, q["total"] * 1e8, history, q["amount"])
            if q["industry"] not in industry:
                industry[q["industry"]] = bk = f"BK{1030 + n:04d}"
                n += 1
                self.boards[bk] = {"name": q["industry"], "type": "industry", "members": []}
            self.boards[industry[q["industry"]]]["members"].append(q["code"])
        new = {q["industry"]: self.boards[industry[q["industry"]]] for q in sessions}
        drawn_rng = self.rng
        for code, name, ind in bundled_universe(tuple(new)):
            board = new[ind]
            if code in self.stocks or sum(c not in pinned for c in board["members"]) >= PEERS:
                continue
            self.rng = random.Random(f"huohua-demo-peer-{code}")    # its own seed: the drawn stream untouched
            self.stocks[code] = stock = self._make_stock(code, name, ind, days)
            lo, hi = breadth_limits(code, name, stock.prev)
            if not lo < stock.path[self.minute] < hi:                # a peer at a limit would be in a pool
                del self.stocks[code]
                continue
            board["members"].append(code)
        self.rng = drawn_rng
        by_name = {b["name"]: b for b in self.boards.values()}
        for name, codes in concepts.items():
            by_name[name]["members"].extend(c for c in codes if c in self.stocks)
        for b in self.boards.values():
            b["members"] = sorted(set(b["members"]))
        self._states.clear()

    def state(self, code: str) -> dict[str, Any]:
        if code not in self._states:   # fixed moment: computed once (keeps the fake server cheap)
            self._states[code] = self._state(code)
        return self._states[code]

    def _state(self, code: str) -> dict[str, Any]:
        s = self.stocks[code]
        i = self.minute
        price = s.path[i]
        vol = sum(s.vols[: i + 1])
        amount = s.amount if s.amount is not None else \
            round(sum(p * v * 100 for p, v in zip(s.path[: i + 1], s.vols[: i + 1], strict=True)), 2)
        return {"code": code, "name": s.name, "mkt": s.mkt, "price": price, "prev": s.prev, "open": s.path[0],
                "high": max(s.path[: i + 1]), "low": min(s.path[: i + 1]), "vol": vol, "amount": amount,
                "pct": round((price / s.prev - 1) * 100, 2), "chg": round(price - s.prev, 2),
                "turnover": round(vol * 100 / s.float_shares * 100, 2), "cap": round(price * s.total_shares, 2),
                "float_cap": round(price * s.float_shares, 2), "time": int(self._minute_time(i).timestamp())}

    def _minute_time(self, i: int) -> datetime:
        base = datetime.combine(self.now.date(), time(9, 30), tzinfo=SHANGHAI)
        return base + timedelta(minutes=i if i <= 120 else i + 90)

    def stock_values(self, code: str) -> dict[str, Any]:
        st = self.state(code)
        return {"f1": 2, "f2": st["price"], "f3": st["pct"], "f4": st["chg"], "f5": st["vol"], "f6": st["amount"],
                "f7": round((st["high"] - st["low"]) / st["prev"] * 100, 2), "f8": st["turnover"], "f9": 35.2,
                "f10": 1.02, "f11": 0.05, "f12": code, "f13": st["mkt"], "f14": st["name"], "f15": st["high"],
                "f16": st["low"], "f17": st["open"], "f18": st["prev"], "f20": st["cap"], "f21": st["float_cap"],
                "f22": 0.01, "f23": 3.1, "f24": 4.2, "f25": 12.5, "f45": "-", "f62": 1234567.0, "f115": 40.1,
                "f124": st["time"], "f128": "-", "f140": "-", "f141": "-", "f136": "-", "f152": 2}

    def board_values(self, bk: str) -> dict[str, Any]:
        b = self.boards[bk]
        sts = [self.state(c) for c in b["members"]]
        cap = sum(s["cap"] for s in sts) or 1.0
        pct = round(sum(s["pct"] * s["cap"] for s in sts) / cap, 2)
        lead = max(sts, key=lambda s: s["pct"])
        return {"f1": 2, "f2": round(1000 * (1 + pct / 100), 2), "f3": pct, "f4": round(10 * pct, 2), "f5": 1,
                "f6": 1.0, "f7": 1.0, "f8": 1.23, "f12": bk, "f13": 90, "f14": b["name"], "f20": round(cap, 2),
                "f104": sum(s["pct"] > 0 for s in sts), "f105": sum(s["pct"] < 0 for s in sts), "f124": lead["time"],
                "f128": lead["name"], "f140": lead["code"], "f141": lead["mkt"], "f136": lead["pct"], "f152": 2}

    # -- HTTP --------------------------------------------------------------------------------------------
    def register(self, rsps: Any) -> None:
        """Route requests through a `responses.RequestsMock`."""
        em = {"content-type": "application/json; charset=UTF-8"}
        routes = [(r"https?://(\d+\.)?push2\.eastmoney\.com/api/qt/clist/get", self.clist, em),
                  (r"https?://push2\.eastmoney\.com/api/qt/ulist\.np/get", self.ulist, em),
                  (r"https?://push2his\.eastmoney\.com/api/qt/stock/kline/get", self.kline, em),
                  (r"https?://push2his\.eastmoney\.com/api/qt/stock/trends2/get", self.trends, em),
                  (r"https?://qt\.gtimg\.cn/q=.*", self.tencent, {"content-type": "text/html; charset=GBK"}),
                  (r"https?://finance\.sina\.com\.cn/realstock/company/klc_td_sh\.txt", self.sina_calendar,
                   {"content-type": "text/plain"}),
                  (r"https?://www\.cls\.cn/v1/roll/get_roll_list", self.cls_roll, em),
                  (r"https?://np-weblist\.eastmoney\.com/comm/web/getFastNewsList", self.em_fast, em),
                  (r"https?://np-anotice-stock\.eastmoney\.com/api/security/ann", self.notices, em),
                  (r"https?://search-api-web\.eastmoney\.com/search/jsonp", self.stock_news,
                   {"content-type": "text/javascript; charset=utf-8"}),
                  (r"https?://zhibo\.sina\.com\.cn/api/zhibo/feed", self.sina_feed, em),
                  (r"https?://news\.10jqka\.com\.cn/tapp/news/push/stock", self.ths_push,
                   {"content-type": "application/json"}),
                  (r"https?://news\.futunn\.com/news-site-api/main/get-flash-list", self.futu_flash,
                   {"content-type": "application/json; charset=utf-8"}),
                  (r"https?://push2ex\.eastmoney\.com/getTopic(ZT|ZB|DT)Pool", self.limit_pool, em),
                  (r"https?://push2ex\.eastmoney\.com/getAll(Stock|BK)Changes", self.movers, em)]
        for pattern, handler, headers in routes:
            rsps.add_callback("GET", re.compile(pattern), callback=self._wrap(handler, {}),
                              content_type=headers["content-type"])

    def _wrap(self, handler: Any, headers: dict[str, str]) -> Any:
        def callback(request: Any) -> tuple[int, dict[str, str], Any]:
            self.requests += 1
            if handler.__name__ in self.broken:   # e.g. {"ulist"}: the endpoint drops the connection
                import requests

                raise requests.ConnectionError("('Connection aborted.', RemoteDisconnected('Remote end closed'))")
            parts = urlsplit(request.url)
            return 200, headers, handler(dict(parse_qsl(parts.query)), parts.path)
        return callback

    def clist(self, p: dict[str, str], _path: str) -> str:
        fs = p.get("fs", "")
        if fs == SPOT_FS:
            keys, rows = SPOT_KEYS, [self.stock_values(c) for c in self.stocks]
        elif fs.startswith("m:90 t:2") or fs.startswith("m:90 t:3"):
            kind = "industry" if "t:2" in fs else "concept"
            keys = INDUSTRY_KEYS if kind == "industry" else CONCEPT_KEYS
            rows = [self.board_values(bk) for bk, b in self.boards.items() if b["type"] == kind]
        elif fs.startswith("b:"):
            bk = fs[2:].split()[0]
            if bk not in self.boards:
                return em_body(None)
            keys, rows = CONS_KEYS, [self.stock_values(c) for c in self.boards[bk]["members"]]
        else:
            return em_body(None)
        fid = p.get("fid", "f3")
        rows.sort(key=lambda r: _sort_key(r.get(fid)), reverse=p.get("po", "1") == "1")
        pz, pn = int(p.get("pz", 100)), int(p.get("pn", 1))
        page = rows[(pn - 1) * pz: pn * pz]
        return em_body([ordered(keys, r) for r in page], total=len(rows))

    def ulist(self, p: dict[str, str], _path: str) -> str:
        rows = []
        for sid in p.get("secids", "").split(","):
            code = sid.split(".")[-1]
            if code in self.stocks and sid == f"{self.stocks[code].mkt}.{code}":
                rows.append(ordered(ULIST_KEYS, self.stock_values(code)))
            elif sid in DEMO_INDICES:     # an index answers by its secid (1.000001 is not the stock 000001)
                rows.append(ordered(ULIST_KEYS, index_values(sid)))
        if not rows:
            return json.dumps({"rc": 102, "rt": 11, "svr": 177622159, "lt": 2, "full": 1, "dlmkts": "",
                               "data": None}, separators=(",", ":"))
        obj = {"rc": 0, "rt": 11, "svr": 177622159, "lt": 2, "full": 1, "dlmkts": "8,10,128", "dsc": "0",
               "data": {"total": len(rows), "diff": rows}}
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    def kline(self, p: dict[str, str], _path: str) -> str:
        if p.get("secid") in DEMO_INDICES:       # an index by its secid (1.000001 is not the stock 000001)
            from scripts import demo_indices

            days = _trading_days(offline_calendar().previous_trading_day(self.now.date()), demo_indices.DAYS - 1)
            return demo_indices.kline(p["secid"], DEMO_INDICES[p["secid"]], days, self.now.date())
        code = p.get("secid", "").split(".")[-1]
        s = self.stocks.get(code)
        if s is None:
            return json.dumps({"rc": 0, "rt": 17, "svr": 181734976, "lt": 1, "full": 0, "dlmkts": "", "data": None},
                              separators=(",", ":"))
        factor_until = len(s.history) - 60          # one synthetic dividend 60 sessions ago (qfq differs)
        lines = []
        for i, (d, o, c, h, lo, v) in enumerate(s.history):
            f = 0.98 if p.get("fqt") == "1" and i < factor_until else 1.0
            o2, c2, h2, l2 = (round(x * f, 2) for x in (o, c, h, lo))
            lines.append(f"{d.isoformat()},{o2},{c2},{h2},{l2},{v},{round(v * 100 * c2, 2)},{round((h2 - l2) / c2 * 100, 2)},"
                         f"0.5,{round(c2 * 0.005, 2)},{round(v * 100 / s.float_shares * 100, 2)}")
        st = self.state(code)   # today's bar so far
        lines.append(f"{self.now.date().isoformat()},{st['open']},{st['price']},{st['high']},{st['low']},{st['vol']},"
                     f"{st['amount']},{round((st['high'] - st['low']) / st['prev'] * 100, 2)},{st['pct']},{st['chg']},"
                     f"{st['turnover']}")
        obj = {"rc": 0, "rt": 17, "svr": 181734976, "lt": 1, "full": 0, "dlmkts": "",
               "data": {"code": code, "market": s.mkt, "name": s.name, "decimal": 2, "dktotal": len(lines),
                        "preKPrice": s.history[0][1], "klines": lines}}
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    def trends(self, p: dict[str, str], _path: str) -> str:
        if p.get("secid") in DEMO_INDICES:
            from scripts import demo_indices

            return demo_indices.trends(p["secid"], DEMO_INDICES[p["secid"]], self.now.date(), self.minute, self.now)
        code = p.get("secid", "").split(".")[-1]
        s = self.stocks.get(code)
        if s is None:
            return json.dumps({"rc": 0, "rt": 10, "svr": 181734976, "lt": 1, "full": 0, "dlmkts": "", "data": None},
                              separators=(",", ":"))
        trends, total_v, total_a = [], 0, 0.0
        for i in range(self.minute + 1):
            price, v = s.path[i], s.vols[i]
            prev = s.path[i - 1] if i else s.prev
            total_v += v
            total_a += price * v * 100
            stamp = self._minute_time(i).strftime("%Y-%m-%d %H:%M")
            trends.append(f"{stamp},{prev},{price},{max(prev, price)},{min(prev, price)},{v},{round(price * v * 100, 2)},"
                          f"{round(total_a / total_v / 100, 3)}")
        obj = {"rc": 0, "rt": 10, "svr": 181734976, "lt": 1, "full": 0, "dlmkts": "",
               "data": {"code": code, "market": s.mkt, "type": 2, "status": 0, "name": s.name, "decimal": 2,
                        "preSettlement": 0.0, "preClose": s.prev, "beticks": "33300|34200|54000|34200|41400|46800|54000",
                        "trendsTotal": len(trends), "time": int(self.now.timestamp()), "kind": 1, "prePrice": s.prev,
                        "trends": trends}}
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    def sina_calendar(self, _p: dict[str, str], _path: str) -> str:
        from scripts import sina_calendar

        return sina_calendar.body(self.calendar_dates if self.calendar_dates is not None
                                  else sina_calendar.akshare_dates())

    def cls_roll(self, _p: dict[str, str], _path: str) -> str:
        """财联社 电报 in its JSON shape (data.roll_data[]; akshare reads title, content, ctime, level)."""
        now = int(self.now.timestamp())
        items = [{"id": 2260000 + i, "title": title, "content": content, "brief": content[:40],
                  "ctime": now - minutes * 60, "level": "B" if i < 2 else "C", "stock_list": [],
                  "shareurl": f"https://api3.cls.cn/share/article/{2260000 + i}"}
                 for i, (minutes, title, content) in enumerate(DEMO_TELEGRAPH)]
        return json.dumps({"errno": 0, "data": {"roll_data": items, "update_num": len(items)}}, ensure_ascii=False)

    def em_fast(self, _p: dict[str, str], _path: str) -> str:
        """东方财富 全球快讯 in its JSON shape (data.fastNewsList[]; akshare reads title, summary, showTime, code)."""
        items = [{"code": f"2026112026{i:05d}", "title": title, "summary": summary,
                  "showTime": (self.now - timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M:%S"),
                  "stockList": [], "titleColor": 0, "image": []}
                 for i, (minutes, title, summary) in enumerate(DEMO_FAST)]
        return json.dumps({"code": "1", "message": "success", "data": {"fastNewsList": items, "total": len(items)}},
                          ensure_ascii=False)

    def notices(self, p: dict[str, str], _path: str) -> str:
        """One stock's 公告 (data.list[]: art_code, title, notice_date, display_time, codes, columns)."""
        code = p.get("stock_list", "")
        items = []
        for i, (c, days, hhmm, title, category) in enumerate(DEMO_NOTICES):
            if c != code or c not in self.stocks:
                continue
            when = (self.now - timedelta(days=days)).strftime("%Y-%m-%d") + f" {hhmm}:00"
            items.append({"art_code": f"AN2026112{i:07d}", "title": title, "notice_date": when[:10] + " 00:00:00",
                          "display_time": when + ":000", "eiTime": when,
                          "codes": [{"stock_code": c, "short_name": self.stocks[c].name, "ann_type": "A,SZA",
                                     "market_code": "0", "inner_code": str(i)}],
                          "columns": [{"column_code": "001", "column_name": category}]})
        return json.dumps({"data": {"list": items, "page_index": 1, "page_size": 50, "total_hits": len(items)},
                           "error": "", "success": 1}, ensure_ascii=False)

    def stock_news(self, p: dict[str, str], _path: str) -> str:
        """One stock's news search (JSONP: cb({... result.cmsArticleWebOld[]: date, mediaName, code, title …}))."""
        code = json.loads(p.get("param", "{}")).get("keyword", "")
        items = [{"date": (self.now - timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M:%S"), "mediaName": media,
                  "code": f"2026112{i:02d}{int(c):06d}", "title": title, "content": content, "image": ""}
                 for i, (c, hours, media, title, content) in enumerate(DEMO_STOCK_NEWS) if c == code]
        body = {"code": 0, "msg": "", "hitsTotal": len(items), "result": {"cmsArticleWebOld": items}}
        return f"{p.get('cb', '')}({json.dumps(body, ensure_ascii=False)})"

    def sina_feed(self, _p: dict[str, str], _path: str) -> str:
        """新浪 7x24 in its JSON shape (result.data.feed.list[]: id, rich_text, create_time, docurl — no title)."""
        now = self.now
        items = [{"id": 4810000 - i, "zhibo_id": 152, "type": 0, "rich_text": text, "multimedia": "",
                  "commentid": f"live:finance-152-{4810000 - i}:0", "compere_id": 0, "creator": "", "mender": "",
                  "create_time": (now - timedelta(seconds=secs)).strftime("%Y-%m-%d %H:%M:%S"),
                  "update_time": (now - timedelta(seconds=secs)).strftime("%Y-%m-%d %H:%M:%S"),
                  "is_need_check": "0", "is_delete": 0, "top_value": 0, "tag": [{"id": "10", "name": "A股"}],
                  "docurl": f"https://finance.sina.com.cn/7x24/{now:%Y-%m-%d}/doc-demo{4810000 - i}.shtml"}
                 for i, (secs, _title, text) in enumerate(DEMO_SINA)]
        page = {"totalPage": 1, "pageSize": 20, "prePage": 1, "nextPage": 1, "firstPage": 1, "lastPage": 1,
                "totalNum": len(items), "pName": "page", "page": 1}
        body = {"result": {"status": {"code": 0, "msg": "succ"}, "timestamp": now.strftime("%a %b %d %H:%M:%S %z %Y"),
                           "data": {"feed": {"page_info": page, "list": items, "html": ""}}}}
        return json.dumps(body, ensure_ascii=False)

    def ths_push(self, _p: dict[str, str], _path: str) -> str:
        """同花顺 直播 in its JSON shape (data.list[]: id, seq, title, digest, url, ctime/rtime as Unix seconds)."""
        now = int(self.now.timestamp())
        items = [{"id": str(660300 - i), "seq": str(660300 - i), "title": title, "digest": digest,
                  "url": f"https://news.10jqka.com.cn/{self.now:%Y%m%d}/c{660300 - i}.shtml", "color": "1",
                  "tag": "", "tags": [{"id": "1", "name": "A股"}], "ctime": str(now - secs),
                  "rtime": str(now - secs), "source": "同花顺", "stock": [], "field": [], "import": "3",
                  "tagInfo": []}
                 for i, (secs, title, digest) in enumerate(DEMO_THS)]
        return json.dumps({"code": "200", "msg": "success", "time": str(now), "data": {"list": items, "filter": []}},
                          ensure_ascii=False)

    def futu_flash(self, _p: dict[str, str], _path: str) -> str:
        """富途 快讯 in its JSON shape (data.data.news[]: id, title, content, time as Unix seconds, detailUrl)."""
        now = int(self.now.timestamp())
        items = [{"id": str(990300 - i), "title": title, "content": content, "time": str(now - secs),
                  "detailUrl": f"https://news.futunn.com/flash/{990300 - i}", "level": 0, "quote": [],
                  "newsType": 1, "isImportant": False}
                 for i, (secs, title, content) in enumerate(DEMO_FUTU)]
        return json.dumps({"code": 0, "message": "成功", "data": {"data": {"news": items, "hasMore": False}}},
                          ensure_ascii=False)

    def limit_pool(self, p: dict[str, str], path: str) -> str:
        """涨停 / 炸板 / 跌停 pools (push2ex): the demo day's (scripts/demo_pools.py), else a day without a pool."""
        from scripts import demo_pools

        return demo_pools.answer(path, p.get("date", ""))

    def movers(self, p: dict[str, str], path: str) -> str:
        """盘口异动 (one answer a type) and board 异动 (push2ex): the demo session's (scripts/demo_movers.py)."""
        from scripts import demo_movers

        boards = {b["name"]: (bk, self.board_values(bk)["f3"]) for bk, b in self.boards.items() if b["type"] == "industry"}
        return demo_movers.answer(path, p, boards)

    def tencent(self, _p: dict[str, str], path: str) -> bytes:
        out = []
        for sym in path.split("q=", 1)[1].split(","):
            code = sym[2:]
            if code not in self.stocks or sym[:2] != (exchange_of(code) or "").lower():
                out.append('v_pv_none_match="1";\n')
                continue
            out.append(tencent_line(self.state(code), sym))
        return "".join(out).encode("gbk")


def tencent_line(st: dict[str, Any], sym: str) -> str:
    """One Tencent record: 88 `~`-separated fields (see FACTS.md for the positions used)."""
    f = [""] * 88
    f[0] = {"sh": "1", "sz": "51", "bj": "62"}[sym[:2]]
    f[1], f[2], f[3], f[4], f[5] = st["name"], st["code"], f"{st['price']:.2f}", f"{st['prev']:.2f}", f"{st['open']:.2f}"
    f[6], f[7], f[8] = str(st["vol"]), str(st["vol"] // 2), str(st["vol"] - st["vol"] // 2)
    for k in range(5):
        f[9 + 2 * k], f[10 + 2 * k] = f"{st['price'] - 0.01 * (k + 1):.2f}", "100"
        f[19 + 2 * k], f[20 + 2 * k] = f"{st['price'] + 0.01 * (k + 1):.2f}", "100"
    f[30] = datetime.fromtimestamp(st["time"], SHANGHAI).strftime("%Y%m%d%H%M%S")
    f[31], f[32], f[33], f[34] = f"{st['chg']:.2f}", f"{st['pct']:.2f}", f"{st['high']:.2f}", f"{st['low']:.2f}"
    f[35] = f"{st['price']:.2f}/{st['vol']}/{int(st['amount'])}"
    f[36], f[37], f[38] = str(st["vol"]), f"{st['amount'] / 1e4:.0f}", f"{st['turnover']:.2f}"
    f[39], f[43] = "35.20", f"{(st['high'] - st['low']) / st['prev'] * 100:.2f}"
    f[44], f[45] = f"{st['float_cap'] / 1e8:.2f}", f"{st['cap'] / 1e8:.2f}"
    f[46], f[47], f[48] = "3.10", f"{st['prev'] * 1.1:.2f}", f"{st['prev'] * 0.9:.2f}"
    return f'v_{sym}="{"~".join(f)}";\n'


def _sort_key(v: Any) -> tuple[int, Any]:
    return (0, 0) if not isinstance(v, (int, float)) else (1, v)


def _minute_index(now: datetime) -> int:
    t = now.astimezone(SHANGHAI)
    mins = (t.hour * 60 + t.minute) - (9 * 60 + 30)
    if mins <= 120:
        return max(0, mins)
    return max(120, min(240, mins - 90))


def _trading_days(end: date, n: int) -> list[date]:
    cal = offline_calendar()
    out = [cal.trading_days_back(end, 1)]
    while len(out) < n:
        out.append(cal.previous_trading_day(out[-1]))
    return list(reversed(out))


def bundled_universe(industries: tuple[str, ...] | None = None, extra: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    """(code, name, industry) from resources/stocks/a_shares.csv; all of it when `industries` is None."""
    import csv

    with (ROOT / "resources" / "stocks" / "a_shares.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [(r["code"], r["name"], r["industry"]) for r in rows
            if industries is None or r["industry"] in industries or r["code"] in extra]


# The six indices of the demo session (issue 26): secid → (name, 昨收, 最新, 最高, 最低, 今开, 成交量 in lots, 成交额)
DEMO_INDICES = {
    "1.000001": ("上证指数", 3388.56, 3402.76, 3410.05, 3381.22, 3390.11, 412345678, 5.12e11),
    "0.399001": ("深证成指", 10690.10, 10712.30, 10741.88, 10652.47, 10695.02, 538123456, 6.48e11),
    "0.399006": ("创业板指", 2230.40, 2208.50, 2236.91, 2201.37, 2229.85, 191234567, 2.83e11),
    "1.000688": ("科创50", 1003.20, 1010.85, 1014.66, 998.73, 1002.95, 31234567, 6.21e10),
    "1.000300": ("沪深300", 3940.70, 3950.10, 3958.44, 3931.26, 3941.83, 151234567, 3.02e11),
    "0.899050": ("北证50", 1198.40, 1211.62, 1216.05, 1195.11, 1199.27, 9123456, 1.35e10),
}


def index_values(sid: str) -> dict[str, Any]:
    """An index's ulist row (fltt=2): the stock fields; no caps ("-")."""
    name, prev, price, high, low, open_, volume, amount = DEMO_INDICES[sid]
    mkt, code = sid.split(".")
    return {"f2": price, "f3": round((price / prev - 1) * 100, 2), "f4": round(price - prev, 2), "f5": volume,
            "f6": amount, "f8": 0.89, "f12": code, "f13": int(mkt), "f14": name, "f15": high, "f16": low,
            "f17": open_, "f18": prev, "f20": "-", "f21": "-", "f124": int(DEMO_NOW.timestamp())}


PEERS = 8     # ordinary stocks drawn beside the pool stocks of an industry the drawn market lacked


def breadth_limits(code: str, name: str, prev: float) -> tuple[float, float]:
    """(跌停, 涨停) in yuan on the demo's day, by core/breadth's rule (board and ST status)."""
    from desktop.core.breadth import limit_prices_yuan

    up, down = limit_prices_yuan(code, name, prev, DEMO_DAY)
    return down, up


def demo_market(seed: int = DEMO_SEED) -> FakeMarket:
    """The demo's market: the drawn stocks, then the 涨停 / 炸板 / 跌停 pools' members at their limits (issue 26:
    the snapshot, its breadth and the pools agree)."""
    from scripts import demo_pools

    market = FakeMarket(bundled_universe(DEMO_INDUSTRIES, EXTRA_CODES), seed=seed, concepts=DEMO_CONCEPTS,
                        history_days=DEMO_HISTORY_DAYS)
    market.pin(demo_pools.quoted(), demo_pools.CONCEPTS)
    return market


def build(out: Path, seed: int = DEMO_SEED) -> Path:
    """Record the real AkshareSource against the demo market into `out`."""
    from unittest import mock

    import responses

    from desktop.sources.akshare_source import AkshareSource
    from desktop.sources.rate_limit import HostLimits
    from desktop.sources.recorder import Recorder, Tap
    from desktop.store.market_store import DEFAULT_WATCHLIST, DEFAULT_WATCHLISTS

    market = demo_market(seed)
    watch = [c for _name, codes in DEFAULT_WATCHLISTS for c in codes if c in market.stocks]
    # one recorded batch holds the first-run lists and the earlier default list: any subset replays
    batch = list(dict.fromkeys(watch + [c for c, _ in DEFAULT_WATCHLIST if c in market.stocks]))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps, mock.patch("time.sleep"):
        market.register(rsps)
        recorder = Recorder(out, {"demo": True, "start": DEMO_NOW.isoformat(), "seed": seed,
                                  "generator": "scripts/make_demo.py", "note": "演示数据: synthetic numbers"})
        src = AkshareSource(Tap(HostLimits.unlimited(), recorder=recorder), wall_clock=DEMO_NOW.timestamp)
        try:
            src.quotes(batch)
            codes = sorted(market.stocks)
            for i in range(0, len(codes), 100):
                src.quotes(codes[i:i + 100])
            for kind in ("industry", "concept"):
                for board in src.boards(kind):
                    src.board_members(board.code, kind)
            for code in watch:
                for adjust in ("", "qfq"):
                    src.daily_bars(code, DEMO_HISTORY_DAYS, adjust)
                src.intraday_bars(code)
            src.snapshot()
            src.trade_dates()
            for key in ("cls", "em"):          # 快讯 (recorded last: the exchanges before stay as they were)
                src.flash_news(key)
            src.flash_news("notices", tuple(watch))   # the watched stocks' 公告
            src.flash_news("stocknews", tuple(watch))  # and their news
            for key in ("sina", "ths", "futu"):   # the other 快讯 sources (added after: the lines above unchanged)
                src.flash_news(key)
            # the watchlist's quotes with the six indices, as the poll asks (issue 26; last: the rest unchanged)
            from desktop.core.indices import INDEX_KEYS

            src.quotes(batch + list(INDEX_KEYS))
            for kind in ("zt", "zb", "dt"):     # the day's 涨停 / 炸板 / 跌停 pools (issue 26; appended likewise)
                src.limit_pool(kind, DEMO_DAY)
            for key in INDEX_KEYS:              # the indices' 日K and 分时 (scripts/demo_indices.py; appended likewise)
                src.daily_bars(key, DEMO_HISTORY_DAYS, "qfq")
                src.intraday_bars(key)
            from desktop.services import movers

            movers.fetch(src, DEMO_DAY)         # the day's 盘口异动 and board 异动 (issue 26; appended likewise)
        finally:
            src.close()
    _normalise_times(out / "exchanges.jsonl")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    meta["start"] = DEMO_NOW.isoformat()
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return out


def _normalise_times(path: Path) -> None:
    """Wall-clock offsets differ run to run; a fixed 0.1 s step keeps the file byte-identical per seed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for i, line in enumerate(lines):
        obj = json.loads(line)
        obj["t"] = round(i * 0.1, 1)
        params = obj.get("params") or {}
        for volatile in ("last_time", "sign", "req_trace"):   # now-dependent; the replay ignores them
            if volatile in params:
                params[volatile] = "0"
        out.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "resources" / "demo")
    ap.add_argument("--seed", type=int, default=DEMO_SEED)
    args = ap.parse_args(argv)
    out = build(args.out, args.seed)
    n = sum(1 for _ in (out / "exchanges.jsonl").open(encoding="utf-8"))
    print(f"wrote {n} exchanges to {out / 'exchanges.jsonl'} (演示数据, seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

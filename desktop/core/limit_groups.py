"""The 涨停 pool grouped by 题材 (issue 26, "grouped by 题材 on request"): the boards and themes its members share.

A stock's 题材 are its tagging themes (themes.toml: a theme whose industries hold its 所属行业, e.g. 电网设备 → 能源),
the concept boards it is stored as a member of, and its 所属行业 itself. Groups are chosen greedily, the way a
涨停复盘 reads: the 题材 shared by the most stocks not yet placed first (ties: the name), each stock under one
题材 only, so the counts add up to the pool; a 题材 needs two stocks to be a group, the rest go under "" (其他).
Boards that are lists rather than 题材 (融资融券, 深股通, 昨日涨停 …) never group: every 连板 stock is in 昨日涨停.
Pure: no Qt, no database.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.limit_pools import LimitRow

# Eastmoney concept boards that name a list, an index or a flow, not a story (a stock is in them for who holds it).
NOT_TOPICS = frozenset({
    "融资融券", "深股通", "沪股通", "标准普尔", "富时罗素", "MSCI中国", "机构重仓", "QFII重仓", "基金重仓", "社保重仓",
    "证金持股", "汇金持股", "预盈预增", "预亏预减", "昨日涨停", "昨日连板", "昨日触板", "昨日涨停_含一字",
    "昨日连板_含一字", "转债标的", "HS300_", "上证180_", "上证50_", "上证380", "中证500", "创业板综", "深成500",
    "深证100R", "央视50_", "AH股", "AB股", "GDR", "B股", "次新股", "注册制次新股", "百元股", "低价股", "破净股",
    "茅指数", "宁组合", "中特估", "专精特新", "股权激励", "股权转让", "高送转", "ST股", "参股银行", "参股券商",
    "参股保险", "参股期货", "参股新三板", "养老金", "送转预期", "微盘股", "北交所概念",
})
MIN_GROUP = 2


def topics(industry: str, themes: Iterable[str], boards: Iterable[str]) -> list[str]:
    """A stock's 题材, in the order they are preferred on a tie: themes, then concept boards, then the industry."""
    out = [t for t in themes if t]
    out += [b for b in boards if b and b not in NOT_TOPICS]
    if industry:
        out.append(industry)
    return list(dict.fromkeys(out))


def group(rows: list[LimitRow], by_code: dict[str, list[str]]) -> list[tuple[str, list[LimitRow]]]:
    """[(题材, its stocks in the rows' order)] largest first, then ("", the rest) when any are left."""
    left = list(rows)
    order: dict[str, int] = {}          # a 题材's first place among the stocks' lists: the tie-break after the size
    for r in rows:
        for i, t in enumerate(by_code.get(r.code, ())):
            order[t] = min(order.get(t, i), i)
    out: list[tuple[str, list[LimitRow]]] = []
    while left:
        counts: dict[str, int] = {}
        for r in left:
            for t in by_code.get(r.code, ()):
                counts[t] = counts.get(t, 0) + 1
        best = min(counts, key=lambda t: (-counts[t], order[t], t), default=None)
        if best is None or counts[best] < MIN_GROUP:
            break
        members = [r for r in left if best in by_code.get(r.code, ())]
        out.append((best, members))
        left = [r for r in left if best not in by_code.get(r.code, ())]
    if left:
        out.append(("", left))
    return out

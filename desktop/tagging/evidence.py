"""The item-level evidence a company link is decided on (docs/TAGGING.md "How a link is decided", issue 23).

A 快讯 rarely puts 涨超 or 公告 right after a nickname: the evidence is elsewhere in the item — a market verb, a figure
in 元/亿/%/股, a 公告/快讯/互动/龙虎榜/研报 source, another company already linked. Each counts one point; a mention that
only touches punctuation on one side (汇川今天涨了4%，…) links on two points, one standing alone between punctuation
on one (the rule of issue 23's first part). Words stay words: the domain of a nickname (or a company of its industry
linked in the item) is still asked for, and names that are ordinary words never take this path.
"""

from __future__ import annotations

import re

# a market verb or a fund-flow word anywhere in the item
_MARKET = re.compile(r"涨停|跌停|涨超|跌超|涨逾|跌逾|走强|走弱|拉升|跳水|大涨|大跌|收涨|收跌|翻红|翻绿|领涨|跟涨|创新高|"
                     r"新高|新低|异动|股价|市值|涨了|跌了|上涨|下跌|净买入|净卖出|净流入|净流出|抢筹|加仓|减仓|增持|减持|"
                     r"融资余额|主力资金|北向资金|[涨跌]\d")
_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|亿|万元|元|万股|股)")
_SOURCE = re.compile(r"公告|快讯|互动易|互动平台|e互动|龙虎榜|研报|评级|目标价|董秘")
# the first-run rule (issue 23, first part): any one of these lets a mention that stands alone link
ITEM_EVIDENCE = re.compile(_MARKET.pattern + "|" + _SOURCE.pattern + "|" + _FIGURE.pattern)

# a figure right after a list member: "汇川4.3亿元、三花3.1亿元" is a list of names, each with its amount
_MEMBER_FIGURE = re.compile(r"[+-]?\d+(?:\.\d+)?(?:%|亿元|万元|亿|万股|万|元|股|倍)?")


def past_figure(folded: str, end: int) -> int:
    """Where the text goes on after a figure that starts at `end` (`end` itself when none does)."""
    m = _MEMBER_FIGURE.match(folded, end)
    return m.end() if m else end


BOUNDARY = set("，。；：、,.;:!?！？（）()【】[]“”\"' \n/|")
# right after a nickname these make it a stock whatever the domain (茅台股价跌破…, 长城涨停): no domain word needed
STOCK_AFTER = ("股价", "股份", "涨停", "跌停", "涨超", "跌超", "涨逾", "跌逾", "收涨", "收跌", "大涨", "大跌", "市值",
               "盘中", "跟涨", "领涨", "领跌", "获机构", "获主力", "获北向", "获游资", "获融资", "遭机构", "遭主力",
               "净买入", "净卖出", "净流入", "净流出")
# a holding traded, in a post that names another company: "把茅台卖了换成招行" (the shares, not a bottle)
_TRADED_AFTER = ("卖了", "卖掉", "买了", "清仓", "割肉", "止盈", "止损", "换成", "换仓", "满仓", "重仓", "抄底")


def traded(folded: str, end: int, others_linked: bool) -> bool:
    """A trade word right after a nickname, and another company linked in the item (a swap between holdings)."""
    return others_linked and folded.startswith(_TRADED_AFTER, end)


# a report period, a figure only a firm reports and an amount, right after a name that is also a word: 中国建筑前10月新签合同额
# 3.2万亿元, 太阳能前三季度净利润5亿元 — a company (an industry reports 销量/产量/出货: 机器人一季度销量… stays the industry)
_FIRM_FIGURE = re.compile(r"(?:[一二三四]季度|上半年|下半年|全年|前三季度|1-\d+月|前\d{1,2}个?月)(?:份)?"
                          r"(?:营收|营业收入|净利|归母|扣非|新签合同|新签订单)[^，。；,;]{0,8}?\d")


def firm_figure(folded: str, end: int) -> bool:
    return _FIRM_FIGURE.match(folded, end) is not None


# a question put to the company leads its answer like a 快讯's lead (互动易 Q&A: "投资者问汇川：…？公司称…")
ASKED_BEFORE = ("投资者问", "投资者提问")   # not 有人问/请问: "有人问长城：…" is the wall
# after a stem these make it an industry or a sector (玻纤板块, 光模块概念), not a company
SECTOR_AFTER = ("板块", "概念", "行业", "产业", "族群", "指数", "价格", "市场")
# the [domains] of nicknames.toml a company's industry (申万 level 2) asks for, where a derived form needs one: 中金
# (中金公司, 证券) in broker news only — an alias list maps 中金 to 中金黄金; 中微 (中微公司) in chip news
INDUSTRY_DOMAIN = {"证券": "broker", "半导体": "semis"}


def industry_words(folded: str, industry: str, domains: dict[str, tuple[str, ...]]) -> bool:
    """The words of a company's industry (its INDUSTRY_DOMAIN's [domains] entry) are in the item: 封装/晶圆 for a chip
    maker, 券商/研报 for a broker."""
    return any(w in folded for w in domains.get(INDUSTRY_DOMAIN.get(industry, ""), ()))
# a broker's branch in a 龙虎榜 line ("华泰证券上海武定路营业部买入…", "东方财富证券拉萨…营业部"): a trading seat,
# not news of the broker
_SEAT = re.compile(r"证券[^，。；：、,.;:!?！？()（）\s]{0,14}?(?:营业部|分公司)")


def points(folded: str, others_linked: bool) -> int:
    """The item's evidence: a market verb, a figure, a source word, another company linked — one point each."""
    return (_MARKET.search(folded) is not None) + (_FIGURE.search(folded) is not None) + \
        (_SOURCE.search(folded) is not None) + others_linked


def stands_alone(folded: str, start: int, end: int) -> bool:
    """Punctuation (or the text's edge, or a figure after) on both sides: not a piece of a longer word."""
    before, after = folded[start - 1:start], folded[end:end + 1]
    return (not before or before in BOUNDARY) and (not after or after in BOUNDARY or after.isdigit())


def half_bounded(folded: str, start: int, end: int) -> bool:
    """Punctuation or the text's edge on one side: 汇川今天涨了4%, …抢筹茅台，… — but not a sector (…，玻纤板块走强)."""
    before, after = folded[start - 1:start], folded[end:end + 1]
    return (not before or before in BOUNDARY or not after or after in BOUNDARY) and \
        not folded.startswith(SECTOR_AFTER, end)


def broker_seat(folded: str, key: str, end: int) -> bool:
    """A broker's branch (a 龙虎榜 seat): the name is a broker's (…证券) or runs on into 证券, then a place and
    营业部/分公司 before any punctuation."""
    at = end - 2 if key.endswith("证券") else end
    return folded.startswith("证券", at) and _SEAT.match(folded, at) is not None


# A-share companies that publish financial news or market data (their 主营: 金融信息服务, 互联网新闻): named as the
# item's source ("同花顺快讯：…", "据东方财富统计", "来源：同花顺") they are the outlet, not the news (issue 23, fourth round)
NEWS_VENDORS = ("同花顺", "东方财富", "东财", "大智慧", "人民网", "新华网")
_VENDOR_AFTER = ("快讯", "财经", "讯", "7x24", "7×24", "客户端", "app", "金融终端", "终端", "问财", "数据", "统计",
                 "显示", "报道", "消息", "资讯", "网讯", "网报道", "网消息", "网数据", "网统计", "网显示", "获悉", "注意到")
_ATTRIBUTION_BEFORE = ("据", "来源:", "来源", "来自", "转自", "援引", "source:")


def vendor_source(folded: str, key: str, start: int, end: int) -> bool:
    """A news or data vendor named as the item's source: its name before 快讯/财经/讯/统计/数据显示 …, or after 据/来源
    with nothing of its own after it ("据东方财富公告" is the company's 公告)."""
    if key not in NEWS_VENDORS:
        return False
    if folded.startswith(_VENDOR_AFTER, end):
        return True
    after = folded[end:end + 1]
    return folded[max(0, start - 7):start].rstrip(" ").endswith(_ATTRIBUTION_BEFORE) and \
        (not after or after in BOUNDARY or after == "的")


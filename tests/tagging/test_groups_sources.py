"""Issue 23, fourth round: 六大行 as a group name (its members from named pages, cited in nicknames.toml), a data
vendor or news platform named as the item's source (同花顺快讯, 据东方财富统计) is not news of the company, and
"A和B" pairs and lone nicknames on the item's evidence. Each case failed before its rule; the traps stay unlinked."""

from __future__ import annotations

import pytest

from desktop.config import resources_dir
from desktop.core.normalize import normalize
from desktop.tagging.tagger import Tagger

SIX_BANKS = ["601288", "601328", "601398", "601658", "601939", "601988"]


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.from_resources(resources_dir())


def codes(tagger: Tagger, text: str) -> list[str]:
    return sorted(link.code for link in tagger.tag_text("", normalize(text))[1])


@pytest.mark.parametrize("text, expected", [
    ("六大行股价集体回落，银行板块领跌", SIX_BANKS),
    ("六大行宣布下调人民币存款利率", SIX_BANKS),
    # traps: the words 六大行业/六大行动 and the six big US banks
    ("六大行业协会联合发布倡议", []),
    ("国务院部署六大行动推进制造业升级", []),
    ("美国六大行二季度净利润普遍增长", []),
    ("华尔街四大行上调美股目标位", []),
])
def test_six_big_banks_is_a_group(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("同花顺快讯：沪指午后翻红，半导体板块拉升", []),
    ("据同花顺统计，年内已有120家公司披露回购方案", []),
    ("来源：东方财富，两市成交额突破2万亿元", []),
    ("东方财富网讯：证监会发布上市公司监管指引", []),
    ("大智慧数据显示，北向资金今日净买入50亿元", []),
    # the vendors as companies: their own news, a market verb right after them, in a list
    ("同花顺公告：前三季度净利润同比增长40%", ["300033"]),
    ("同花顺涨超8%，金融信息服务板块走强", ["300033"]),
    ("东方财富、同花顺、指南针集体走强", ["300033", "300059", "300803"]),
    ("据东方财富公告，公司拟回购不超过10亿元股份", ["300059"]),
])
def test_a_vendor_named_as_the_source_is_not_the_company(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a pair of forms only companies go by (a shared form, a stem) in text of the stem's industry (封装: chips)
    ("华天和通富的先进封装产能都在扩张", ["002156", "002185"]),
    # traps: the same forms without the industry's words; two words joined by 和
    ("华天和通富两个小区今天停水，物业在抢修", []),
    ("太阳能和风能的装机增速都在放缓", []),
])
def test_a_pair_of_company_forms_in_its_industry(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sinopec raises refinery runs as fuel demand recovers", ["600028"]),     # SSE English short name SINOPEC CORP
    ("Sinopec Corp. posts higher first-half profit", ["600028"]),
    ("Sinopec Shanghai Petrochemical halts a cracker", ["600688"]),           # the longer listed name wins
    # traps: the unlisted parent and a Hong Kong-listed unit; the word in lower case
    ("Sinopec Group signs LNG supply deal with Qatar", []),
    ("Sinopec Engineering wins a contract in Saudi Arabia", []),
])
def test_sinopec_is_the_exchange_english_short_name(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a bank's or broker's registered name without its leading 中国 is the brand the company trades under
    ("银河证券：给予紫金矿业推荐评级，金价上行利好", ["601881", "601899"]),
    ("邮政储蓄银行下调一年期定存利率", ["601658"]),
    # traps: 中国银行 less 中国 is the word 银行; an unlisted broker's name
    ("银行板块午后走强，多只个股涨超2%", []),
    ("银河系外发现新的行星", []),
])
def test_a_registered_name_without_zhongguo(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a list whose members each carry a figure is one unit: 三花 and 拓普 are companies, so 汇川 is one
    ("主力资金抢筹：汇川4.3亿元、三花3.1亿元、拓普2.8亿元", ["300124", "601689", "002050"]),
    # traps: figures joined by 、 with no company among them; words with amounts
    ("长城5%、故宫3%、颐和园2%的游客来自外地", []),
    ("太阳能12亿元、风能8亿元的补贴资金已下达", []),
])
def test_a_list_with_figures_is_one_unit(tagger, text, expected):
    assert codes(tagger, text) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a question put to the company ("投资者问汇川：") leads the answer as "汇川：…" leads a 快讯
    ("投资者问汇川：伺服产品是否已进入特斯拉供应链？公司称以公告为准。", ["300124"]),
    # traps: a word asked about is still a word; a nickname asked about mid-sentence
    ("投资者问太阳能：为什么晚上不发电？", ["000591"]),        # a word name asked by an investor is the company
    ("有人问长城：你有多长？", []),                                  # asked by anyone: not a Q&A line
    ("请问阳光：明天还来吗", []),
])
def test_a_question_to_the_company_leads(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a holding traded for another company's shares
    ("老婆让我把茅台卖了换成招行，大家怎么看", ["600036", "600519"]),
    ("今天把长城清仓了，全部换成比亚迪", ["002594", "601633"]),
    # traps: a bottle sold, with no company in the post; a wall
    ("朋友送的茅台卖了两千块", []),
    ("去长城买了两张门票", []),
])
def test_a_holding_swapped_for_another_company(tagger, text, expected):
    assert codes(tagger, text) == sorted(expected)


@pytest.mark.parametrize("text, expected", [
    # a name that is also a word, before a period and a figure only a firm reports
    ("中国建筑前10月新签合同额3.2万亿元 同比增长5%", ["601668"]),
    ("太阳能前三季度净利润5.2亿元，同比下降12%", ["000591"]),
    # traps: an industry's figures after the same words; a period without a firm's figure
    ("机器人一季度销量同比增长30%，工业机器人产量创新高", []),
    ("太阳能上半年发电量同比增长20%", []),
])
def test_a_word_name_before_a_firms_figure(tagger, text, expected):
    assert codes(tagger, text) == expected

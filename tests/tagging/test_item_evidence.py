"""Issue 23, third round: the item's evidence counted as points (tagging/evidence.py), broker seats, forms only one
company writes with 公司 (中金, 中微), column leads, fund-flow words, trade names that are a place and a word.

Each case failed before the rule it checks; the traps beside them are what the rule must not link.
"""

from __future__ import annotations

import pytest

from desktop.config import resources_dir
from desktop.core.normalize import normalize
from desktop.tagging.tagger import Tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.from_resources(resources_dir())


def codes(tagger: Tagger, text: str) -> list[str]:
    return sorted(link.code for link in tagger.tag_text("", normalize(text))[1])


@pytest.mark.parametrize("text, expected", [
    # a nickname touching punctuation on one side links on two points of the item's evidence (a market verb, a figure)
    ("汇川今天涨了4%，伺服出货超预期", ["300124"]),
    ("匯川今日漲4%，工控族群表現亮眼。", ["300124"]),             # 繁體, after OpenCC
    # a linked company of its industry stands in for the domain's words (五粮液, 泸州老窖 are 白酒 as 茅台 is)
    ("尾盘资金抢筹茅台，五粮液、泸州老窖获主力净买入", ["000568", "000858", "600519"]),
    # traps: one point is not enough for a half-bounded nickname; a stem before 板块 is a sector
    ("汇川今天天气晴，伺服电机展在此举行", []),
    ("中国巨石、中材科技电子布价格再度上调，玻纤板块午后走强。", ["002080", "600176"]),
    ("长城沿线旅游人次创新高，八达岭景区限流。", []),             # no domain word, no linked car maker
])
def test_item_evidence_points(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("茅台股价跌破1500元，创两年新低", ["600519"]),               # a stock word right after: no domain word needed
    ("龙虎榜：太阳能获机构净买入1.1亿元，涨停收盘", ["000591"]),    # a fund-flow line names its stock
    ("龙虎榜：机构净买入寒武纪5.3亿元，海光信息获游资抢筹", ["688041", "688256"]),
    ("资金流向：农产品板块遭主力净流出8亿元", []),                  # the sector
    ("互动易｜太阳能：公司光伏电站装机规模约5GW", ["000591"]),      # a column's lead
    ("太阳能热水器下乡补贴政策延续", []),
])
def test_stock_words_and_column_leads(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("龙虎榜：华泰证券上海武定路营业部买入剑桥科技1.5亿元", ["603083"]),   # a seat, not news of 华泰证券
    ("东方财富证券拉萨团结路第二营业部现身天风证券龙虎榜", ["601162"]),
    ("中信证券上海分公司买入胜宏科技3.4亿元，位列买一", ["300476"]),
    ("华泰证券：维持贵州茅台增持评级", ["600519", "601688"]),          # the broker's own research still links
])
def test_broker_seats_are_not_the_broker(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("中金：上调比亚迪目标价至450元", ["002594", "601995"]),        # 中金公司 is written 中金
    ("北方华创和中微都跌了，半导体设备这波是不是到头了", ["002371", "688012"]),
    ("投资者问：贵公司与寒王是否有合作？公司答：暂无直接业务往来。", ["688256"]),   # 公司 is no stem
    ("中金黄金：金价上行，矿产金产量增长", ["600489"]),
])
def test_a_form_one_company_writes_with_gongsi(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("研报精选：机构看好汇川、三花在人形机器人领域的卡位", ["002050", "300124"]),   # a list of company forms
    ("长城、故宫等景区游客量创新高", []),                                      # not all members are
])
def test_a_list_of_company_forms(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("广州发展新机遇：南沙自贸区建设提速", []),          # 广州发展(集团): a place and a word, like the short name
    ("张家界旅游人次创新高", []),
    ("西藏旅游市场持续升温，接待游客同比增长20%", []),   # a market of the trade
    ("桂林旅游业复苏强劲", []),
    ("广州发展：拟投资建设储能电站", ["600098"]),
    ("上海银行业金融机构贷款增长；上海银行科技金融贷款余额同比增长30%。", ["601229"]),
    ("同花顺数据显示，今年以来A股回购金额已超1500亿元", []),
])
def test_place_names_and_data_sources(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("China's industrial bank lending slowed in October", []),       # words in running text: not a name
    ("Investors see new hope in China's stimulus plan", []),
    ("Industrial Bank shares rose 2% after earnings", ["601166"]),   # written as a name
    ("iFlytek shares jump on AI model launch", ["002230"]),
])
def test_english_names_are_written_as_names(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("中金：金价上行，矿产金产量增长", []),          # 中金 is 中金公司 in broker news only (a list maps it to 中金黄金)
    ("中金：前三季度投行业务收入显著回暖", ["601995"]),
])
def test_zhongjin_needs_broker_words(tagger, text, expected):
    assert codes(tagger, text) == expected

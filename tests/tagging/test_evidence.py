"""Issue 23's rules: a link is decided on the whole item's evidence (docs/TAGGING.md "How a link is decided").

Each case failed before the rule it checks: a list as one unit, forms only a list or a lead makes a company
(word stems, forms several companies share, resolved by industry), renamed companies from former_names.toml,
old ST cores and market phrases that never link alone, a reported figure after a nickname, a stem standing alone
between punctuation in an item with market evidence.
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
    # a list enumerated with 、 and market context after its last member: every member is a company; 成飞 is
    # 中航成飞 or 成飞集成, and the list's other members (航空装备) choose 中航成飞
    ("午后军工股异动，西飞、沈飞、成飞集体拉升", ["000768", "302132", "600760"]),
    ("封测股走强，长电、通富、华天集体拉升", ["002156", "002185", "600584"]),
    # a linked member makes the list companies: 神火 is a word for jieba, it links only here
    ("有色股走强，天山铝业、神火、云铝涨超3%", ["000807", "000933", "002532"]),
])
def test_a_list_is_one_unit(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("宝丰：烯烃项目全面投产", ["600989"]),          # a word stem leading a 快讯
    ("宝丰县举办庙会", []),                           # the place
    ("神火照亮夜空", []),                             # the word, alone
])
def test_word_stems_need_a_lead_or_a_list(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("国泰君安发布年度报告", ["601211"]),             # former_names.toml [merged]
    ("ST联合：关于股票交易的公告", ["600358"]),       # a former name links whole
    ("多部门联合发布通知，消费板块走强", []),          # its core 联合 never links alone
    ("上海电力市场交易规则修订", []),                  # a market of the industry, not 上海电力
    ("上海电力发布公告", ["600021"]),
])
def test_renames_and_words_inside_names(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("美的三季度营收1100亿元，同比增长", ["000333"]),   # a reported figure stands in for the domain's words
    ("长城10月销量12万辆", ["601633"]),                # a month is a report period
    ("美的三季度，风景如画", []),
    ("盘面上，旭创，涨超6%", ["300308"]),              # a stem alone between punctuation, a market verb in the item
    ("盘面上，旭创，值得关注", []),                    # … and without the evidence
])
def test_evidence_in_the_item(tagger, text, expected):
    assert codes(tagger, text) == expected

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

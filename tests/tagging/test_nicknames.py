"""What 快讯 and investors call companies (resources/nicknames.toml, resources/stems.toml): bank short forms,
brand forms and market nicknames link; words, places, associations and companies listed elsewhere do not."""

from __future__ import annotations

import csv
import tomllib

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
    ("交行：前三季度归母净利润同比增长1.9%", ["601328"]),
    ("工行、建行、农行今起下调存款挂牌利率", ["601288", "601398", "601939"]),
    ("浦发拟发行500亿元永续债", ["600000"]),
    ("药明：上调全年收入指引", ["603259"]),
    ("迈瑞拟回购公司股份", ["300760"]),
    ("宁王盘中涨超4%，总市值重回1.8万亿元", ["300750"]),
    ("猪茅10月销售商品猪720万头", ["002714"]),
    ("海天：前三季度酱油、蚝油收入均实现增长", ["603288"]),           # 海天 with its domain (调味品)
    ("【银行股走强】兴业涨超3%，民生、光大跟涨，股份行指数创年内新高", ["600016", "601166", "601818"]),
    ("招行、平安净息差分别为1.87%、1.79%", ["000001", "600036"]),    # 平安 in bank news: 平安银行
    ("平安：寿险及健康险新业务价值增长46%", ["601318"]),             # in insurance news: 中国平安
    ("美的、格力、海尔空调10月内销出货量同比下滑", ["000333", "000651", "600690"]),
    ("海光、曙光午后双双涨停", ["603019", "688041"]),
    ("澜起：DDR5 RCD芯片量产出货", ["688008"]),                       # a stem of 澜起科技 (stems.toml)
    ("旭创、新易盛盘中双双创历史新高", ["300308", "300502"]),
    ("同花顺、指南针、大智慧均现机构席位", ["300033", "300803", "601519"]),  # a list of companies
    ("寒武纪：关于向特定对象发行股票的公告", ["688256"]),              # a 快讯 led by the company
])
def test_nicknames_link(tagger, text, expected):
    assert codes(tagger, text) == expected


@pytest.mark.parametrize("text", [
    "国务院常务会议研究改善民生、扩大内需的举措",              # 民生: livelihood
    "银行业要加大对民生领域的信贷支持",                          # bank words, but no company context
    "祝大家平安喜乐，出行平安",                                  # 平安: safe
    "最美的风景在路上",                                          # 美的: beautiful
    "八达岭长城迎来客流高峰",                                    # 长城: the Great Wall
    "午后阳光明媚，气温回升",                                    # 阳光: sunshine
    "中国建筑业协会发布行业报告",                                # an association
    "北京银行业金融机构贷款余额增长",                            # an industry
    "中国船舶工业行业协会：前三季度造船完工量增长11%",
    "施工行业用工需求回升",                                      # not 工行
    "上海黄浦发布消费券",                                        # not 浦发
    "新药明显改善患者症状",                                      # not 药明
    "新华社11月20日电，国家统计局发布数据",                      # the agency, not 新华保险
    "京东11.11成交额创新高",                                     # not 京东方A
    "美团、腾讯、阿里巴巴港股走强",                              # listed elsewhere
    "比亚迪电子：AI服务器业务收入大增",                          # Hong Kong, not 比亚迪
    "药明生物获得新订单",                                        # Hong Kong, not 药明康德
    "苹果、特斯拉、英伟达美股收涨",
    "宁德市出台储能产业扶持政策",                                # the city
])
def test_words_places_and_companies_listed_elsewhere_do_not_link(tagger, text):
    assert codes(tagger, text) == []


def test_every_nickname_points_at_a_listed_company():
    root = resources_dir()
    listed = {r["code"] for r in csv.DictReader((root / "stocks" / "a_shares.csv").open(encoding="utf-8"))}
    data = tomllib.loads((root / "nicknames.toml").read_text(encoding="utf-8"))
    wanted = set(data["nicknames"].values())
    for spec in data["context"].values():
        wanted |= {c["code"] for c in (spec if isinstance(spec, list) else [spec])}
        assert all(c.get("domain", "") in ("", *data["domains"]) for c in (spec if isinstance(spec, list) else [spec]))
    stems = tomllib.loads((root / "stems.toml").read_text(encoding="utf-8"))["stems"]
    assert not (wanted | set(stems.values())) - listed
    assert len(data["nicknames"]) + len(data["context"]) >= 140 and len(stems) > 2000


def test_every_set_meets_the_goal(tagger):
    """Stock links precision ≥ 0.97, recall ≥ 0.95 on every set the rules have seen (flash2 too, since issue 23's
    whole-item evidence); on blind3 (written before issue 23's rules and never tuned on) no lower than its first
    run: it is a measurement, not a target (dev4 and dev5 reach the goal since issue 23's fourth round)."""
    from bench.tagging_eval import SET_NAMES, SETS, evaluate, load

    names = [n for n in SET_NAMES if (SETS / f"{n}.jsonl").exists()]
    assert set(names) == {"labelled", "heldout", "flash", "flash2", "blind3", "dev4", "dev5"}
    assert len(load("flash")) >= 150 and len(load("flash2")) >= 150
    for name in names:
        r = evaluate(tagger, load(name))["stocks"]
        floor = {"blind3": (0.961, 0.897)}.get(name, (0.97, 0.95))
        assert r["precision"] >= floor[0] and r["recall"] >= floor[1], (name, r["precision"], r["recall"])

"""Deterministic synthetic Chinese finance text for benchmarks (company names, theme words, filler)."""

from __future__ import annotations

import random

COMPANIES = ["宁德时代", "阳光电源", "亿纬锂能", "派能科技", "隆基绿能", "通威股份", "比亚迪", "中科曙光", "寒武纪",
             "科大讯飞", "浪潮信息", "工业富联", "国电南瑞", "长江电力", "中国核电", "天合光能", "晶澳科技", "中际旭创"]
TERMS = ["储能", "光伏", "电池", "锂电", "风电", "氢能", "核电", "特高压", "逆变器", "算力", "大模型", "人工智能",
         "数据中心", "芯片", "GPU", "AI", "ChatGPT", "英伟达", "新能源", "电网"]
FILLER = ("公司 发布 公告 显示 前三季度 营业收入 同比 增长 净利润 市场 预期 行业 分析师 认为 订单 产能 价格 "
          "下游 需求 回暖 政策 支持 项目 投资 亿元 规模 技术 突破 合作 签署 协议 海外 出口 季度 环比 毛利率 "
          "提升 板块 资金 净流入 机构 调研 产业链 上游 材料 成本 下降 竞争 格局 龙头 份额 扩张").split()


RARE = ["液冷", "钙钛矿", "钠电", "固态", "HBM"]   # each in roughly 1 article in 1,000


def sentence(rng: random.Random, words: int = 14) -> str:
    parts = []
    for _ in range(words):
        r = rng.random()
        parts.append(rng.choice(COMPANIES) if r < 0.06 else rng.choice(TERMS) if r < 0.16 else rng.choice(FILLER))
    if rng.random() < 0.0003:
        parts.insert(rng.randrange(len(parts)), rng.choice(RARE))
    # Latin words are spaced as in real Chinese copy ("英伟达 GPU 需求"), not run together ("GPUAI").
    return "".join(f" {p} " if p.isascii() else p for p in parts).replace("  ", " ").strip() + "。"


def article(rng: random.Random, sentences: int = 6) -> tuple[str, str]:
    title = sentence(rng, 6)[:-1]
    body = "".join(f"<p>{sentence(rng)}</p>" for _ in range(sentences))
    return title, body

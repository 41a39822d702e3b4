"""Write resources/demo/news.xml: synthetic 快讯 about the demo companies (演示数据, not real news).

    python scripts/make_demo_news.py

Deterministic (fixed seed). Dates count back from 2026-11-20 15:00 +08:00, so the newest item is 14:35 Beijing:
the demo recording's own moment (resources/demo/meta.json `start`), the session its quotes, 快讯 and 公告 are
from. `huohua --demo` stores them as they are (never moved to the day it runs).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent.parent / "resources" / "demo" / "news.xml"
BASE = datetime(2026, 11, 20, 15, 0, tzinfo=timezone(timedelta(hours=8)))
ITEMS = [
    ("宁德时代发布新一代储能电池，能量密度提升15%", "宁德时代(300750)今日发布新一代储能电池系统，单体能量密度提升约15%，循环寿命超过一万次。公司表示，新产品将率先用于海外大型储能项目。"),
    ("阳光电源中标中东2GWh储能项目", "阳光电源公告称，公司中标中东地区2GWh储能项目，合同金额约28亿元，逆变器与储能系统将于明年交付。"),
    ("亿纬锂能：大圆柱电池产能持续爬坡", "亿纬锂能在投资者关系活动中表示，公司大圆柱电池产能持续爬坡，动力电池与储能电池出货量同比增长。"),
    ("派能科技户用储能出货回暖", "派能科技披露，三季度户用储能产品出货环比回暖，欧洲渠道库存已基本消化。"),
    ("隆基绿能BC组件转换效率再创纪录", "隆基绿能宣布，其BC光伏组件量产转换效率再创纪录，公司将继续推进技术路线升级。"),
    ("光伏产业链价格企稳，多晶硅库存下降", "据行业统计，本周多晶硅价格企稳，硅片与电池片价格小幅回升，光伏产业链库存持续下降。"),
    ("国家能源局：前三季度新增风电光伏装机同比增长", "国家能源局数据显示，前三季度全国新增风电、光伏装机同比增长，新能源发电量占比继续提升。"),
    ("特高压工程密集开工，国电南瑞订单饱满", "多条特高压工程近期密集开工，国电南瑞表示在手订单饱满，电网投资保持较高强度。"),
    ("长江电力：三季度发电量同比增长", "长江电力公告，三季度公司所属电站总发电量同比增长，来水情况好于去年同期。"),
    ("中科曙光发布新一代智算中心解决方案", "中科曙光发布新一代智算中心解决方案，支持大模型训练与推理，液冷技术降低数据中心能耗。"),
    ("寒武纪：云端智能芯片需求旺盛", "寒武纪表示，云端智能芯片需求旺盛，公司持续加大大模型推理芯片研发投入。"),
    ("科大讯飞星火大模型完成新一轮升级", "科大讯飞宣布星火大模型完成新一轮升级，在多模态理解和代码生成方面能力显著提升。"),
    ("浪潮信息AI服务器出货量居前", "浪潮信息AI服务器出货量保持行业前列，算力需求带动公司营业收入增长。"),
    ("工业富联：AI服务器收入占比提升", "工业富联表示，AI服务器收入占比持续提升，公司与英伟达等客户合作紧密。"),
    ("中际旭创800G光模块批量出货", "中际旭创800G光模块批量出货，受益于数据中心算力建设，公司订单能见度较高。"),
    ("算力租赁价格回升，智算中心利用率提高", "多家机构调研显示，算力租赁价格回升，智算中心利用率明显提高，GPU供给依然偏紧。"),
    ("英伟达发布新一代GPU，A股算力板块走强", "英伟达发布新一代GPU架构，A股算力板块午后走强，光模块、服务器个股涨幅居前。"),
    ("ChatGPT用户数再创新高，AI应用加速落地", "OpenAI披露ChatGPT周活跃用户数再创新高，国内AI应用加速落地，AIGC相关公司受关注。"),
    ("储能板块午后拉升，多股涨超5%", "储能板块午后拉升，阳光电源、派能科技等多股涨超5%，资金净流入明显。"),
    ("固态电池产业化提速，锂电材料迎来新机遇", "多家企业宣布固态电池产业化进展，锂电材料企业迎来新机遇，电解液与隔膜需求或将变化。"),
    ("氢能示范城市群扩容，燃料电池汽车推广加速", "氢能示范城市群扩容，燃料电池汽车推广加速，相关企业加快布局加氢站网络。"),
    ("中国核电：新机组具备商运条件", "中国核电公告，旗下新机组完成满功率连续运行考核，具备商业运行条件。"),
    ("数据中心用电需求快速增长，电网企业加码投资", "研究机构指出，数据中心用电需求快速增长，电网企业加码输配电投资，虚拟电厂迎来发展机遇。"),
    ("天合光能发布新一代组件产品", "天合光能发布新一代高效组件产品，功率与可靠性进一步提升，海外订单保持增长。"),
    ("宁德时代与车企签署长期供货协议", "宁德时代宣布与多家车企签署长期动力电池供货协议，协议覆盖未来五年。"),
    ("大模型价格战持续，厂商加速推理成本下降", "国内多家大模型厂商下调API价格，推理成本持续下降，行业竞争加剧。"),
    ("通威股份：硅料环节开工率维持低位", "通威股份表示，硅料环节开工率维持低位，公司将推动落后产能有序退出。"),
    ("充电桩建设提速，新能源汽车下乡持续推进", "充电桩建设提速，新能源汽车下乡活动持续推进，县域充电网络逐步完善。"),
]
SOURCES = ["演示快讯", "演示深度"]


def main() -> None:
    rng = random.Random(20260105)
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<rss version="2.0"><channel>',
           "<title>演示资讯（演示数据）</title><link>https://demo.huohua.invalid/</link>",
           "<description>火花演示数据：虚构的资讯，仅用于展示，不是真实新闻</description>"]
    when = BASE
    for i, (title, body) in enumerate(ITEMS):
        when -= timedelta(minutes=rng.randint(4, 25))
        out.append(f"<item><title>{escape(title)}</title>"
                   f"<link>https://demo.huohua.invalid/news/{i}.html</link>"
                   f"<guid>https://demo.huohua.invalid/news/{i}.html</guid>"
                   f"<author>{rng.choice(SOURCES)}</author><pubDate>{format_datetime(when)}</pubDate>"
                   f"<description><![CDATA[<p>{body}</p><p>（演示数据，非真实资讯）</p>]]></description></item>")
    out.append("</channel></rss>")
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(ITEMS)} items)")


if __name__ == "__main__":
    main()

""""Why is it moving" on the demo (issue 26): a watchlist row's tooltip, a heatmap stock tile's and the chart
title's say the stock's move, the boards that moved with it ("随 计算机设备 +4.83%"), its 异动 today and its
linked items since the previous close (公告 first); a stock with nothing else says only its move. Read through
the window as a tester would: QuoteModel.tip_lines / the row's ToolTipRole, HeatTips.text, ChartPane.why_lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.config import resources_dir
from desktop.ui.models.quote_model import COLUMNS
from desktop.ui.why_text import why_lines

DEMO_NOW = pytest.mark.now("2026-11-20 14:35", tick=False)


def _demo(make_gui, qtbot):
    app = make_gui(start_pollers=False, replay_dir=resources_dir() / "demo", demo=True)
    app.start_background()
    qtbot.waitUntil(lambda: app.market_service is not None, timeout=30_000)
    qtbot.waitUntil(lambda: bool(app.market.why_moving(["000977"]).get("000977", None) and
                                 app.market.why_moving(["000977"])["000977"].events), timeout=30_000)
    return app


@DEMO_NOW
def test_a_limit_up_stock_and_a_watched_one_say_why_everywhere(make_gui, qtbot):
    app = _demo(make_gui, qtbot)
    # 浪潮信息, in the 涨停 pool: its board, its 封涨停板 and the news about it
    lines = why_lines(app.market.why_moving(["000977"])["000977"], 10.0)
    assert lines[0] == "涨跌幅：+10.00%" and lines[1] == "随 计算机设备 +4.83%"
    assert "今日异动：" in lines and "· 13:00 封涨停板 50.18元 +10.00%" in lines
    assert "昨收以来相关资讯：" in lines and any("浪潮信息AI服务器出货量居前" in ln for ln in lines)

    # 宁德时代 in the watchlist: the row's tooltip, its 公告 first among the items
    model = app.watchlist.model
    event = "· 09:42 大笔买入 3520手 283.10元 +0.39%"     # stored after the first quotes: the row's why follows
    qtbot.waitUntil(lambda: "300750" in model.codes and event in model.tip_lines("300750")
                    and "【公告】" in "".join(model.tip_lines("300750")), timeout=30_000)
    tip = model.tip_lines("300750")
    assert tip[:3] == ["宁德时代 300750", "涨跌幅：+0.72%", "随 电池 +1.05%"]
    first_item = tip[tip.index("昨收以来相关资讯：") + 1]
    assert first_item == "· 11-20 12:05 【公告】关于签订储能电池长期供货协议的公告（演示数据）"
    cell = model.data(model.index(model.codes.index("300750"), COLUMNS.index("change_pct")), Qt.ToolTipRole)
    assert "随 电池 +1.05%" in cell and cell.startswith("<p style='white-space:pre-wrap'>")

    # the heatmap's 全市场 stock tile
    app.window.docks["heatmap"].raise_()
    pane = app.panes["heatmap"]
    qtbot.waitUntil(lambda: pane.view is not None, timeout=10_000)
    pane.set_view("market")
    heat = app.window.findChild(object, "heatmap")
    qtbot.waitUntil(lambda: heat.tile("000977") is not None and "000977" in pane.tips.why, timeout=30_000)
    text = pane.tooltip(heat.tile("000977"))
    assert "随 计算机设备 +4.83%" in text and "13:00 封涨停板" in text and "浪潮信息AI服务器出货量居前" in text

    # the chart's title
    app.window.docks["chart"].raise_()
    chart = app.panes["chart"]
    app.bus.show_chart("000977", "test")
    qtbot.waitUntil(lambda: getattr(chart, "why_lines", [""])[0] == "浪潮信息 000977", timeout=30_000)
    assert "随 计算机设备 +4.83%" in chart.why_lines and "随 计算机设备 +4.83%" in \
        chart.findChild(object, "chartTitle").toolTip()


@DEMO_NOW
def test_a_stock_with_nothing_says_only_its_move(make_gui, qtbot):
    app = _demo(make_gui, qtbot)
    codes = [c for (c,) in app.market.conn().execute("SELECT code FROM quotes")]     # the whole snapshot
    why = app.market.why_moving(codes)
    quiet = sorted(c for c, w in why.items() if w.empty)
    assert quiet, "the demo has stocks whose boards moved the other way, without 异动 or news"
    code = quiet[0]
    (row,) = app.market.quote_rows([code])
    assert why_lines(why[code], row.quote.change_pct) == [f"涨跌幅：{row.quote.change_pct:+.2f}%"]

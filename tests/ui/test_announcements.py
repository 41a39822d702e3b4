"""What the panes name things by travels as announcements on the bus (issue 25.4), never as a shared list changed
in place: a pane made before the database opened follows names and themes announced later, whatever the order its
subscribers were registered in, and nothing can change the announced names behind the bus's back."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolButton

from desktop.runtime.bus import SelectionBus
from desktop.ui.pane import PaneContext


def test_the_announced_names_are_read_only_and_replaced_whole():
    bus = SelectionBus()
    ctx = PaneContext(bus, None, None, None, None, stock_names={"300750": "宁德时代"})
    seen = []
    bus.names_changed.connect(seen.append)
    names = ctx.stock_names
    with pytest.raises(TypeError):
        names["300750"] = "改名"                      # no pane can change what the others read
    bus.announce_names({"300750": "宁德时代", "600519": "贵州茅台"})
    assert ctx.stock_names["600519"] == "贵州茅台" and "600519" not in names    # a new mapping, the old untouched
    assert seen == [ctx.stock_names]


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_the_reader_and_the_article_follow_a_rename_announced_after_they_were_made(make_gui, qtbot):
    app = make_gui(demo=True)
    news, article = app.news, app.panes["article"]
    qtbot.waitUntil(lambda: news.model.rowCount() > 0 and "300750" in app.bus.stock_names, timeout=10_000)
    app.bus.select_stock("300750", "watchlistPane")
    qtbot.waitUntil(lambda: news.filter.stock == "300750" and news.model.rowCount() > 0, timeout=5000)
    news.select_row(0)
    qtbot.waitUntil(lambda: article.article is not None, timeout=5000)

    app.bus.announce_names({**app.bus.stock_names, "300750": "宁德新名"})      # a rename from the live universe

    qtbot.wait(10)                                   # the old chips go with deleteLater
    chips = [b.text() for b in news.chips.findChildren(QToolButton, "chip_stock_300750")]
    assert [t for t in chips if t.startswith("宁德新名 300750")], chips
    assert "宁德新名 300750" in [b.text() for b in article.stock_chips.findChildren(QToolButton)]
    assert news.stock_names["300750"] == "宁德新名"


@pytest.mark.now("2026-11-20 14:36", tick=False)
def test_new_themes_reach_the_reader_without_a_settings_subscriber_before_it(make_gui, qtbot):
    app = make_gui(demo=True)
    news = app.news
    qtbot.waitUntil(lambda: bool(news.loaded_once and news.themes), timeout=10_000)
    from dataclasses import replace

    energy = next(t for t in app.bus.themes if t.name == "energy")
    app.bus.announce_themes([replace(energy, label_zh="新能源电力") if t.name == "energy" else t
                             for t in app.bus.themes])
    assert news.themes["energy"].label("zh_CN") == "新能源电力"          # no settings key changed: the bus said it

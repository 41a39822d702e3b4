"""The whole main window on a temp data dir, with feeds served by a local HTTP server."""

from __future__ import annotations

import pytest

from tests.news import feedgen
from tests.news.helpers import add_feed

ENERGY = [
    {"title": "宁德时代储能订单大增", "link": "http://n.example/1", "guid": "n1",
     "description": "<p>储能电池出货增长。</p>" + "<p>段落</p>" * 80, "pubDate": "2026-11-20 09:30:00"},
    {"title": "阳光电源逆变器出海", "link": "http://n.example/2", "guid": "n2",
     "description": "<p>阳光电源储能与逆变器海外订单增长。</p>", "pubDate": "2026-11-20 09:20:00"},
    {"title": "英伟达GPU需求旺盛 算力紧张", "link": "http://n.example/3", "guid": "n3",
     "description": "<p>大模型带动算力需求。</p>", "pubDate": "2026-11-20 09:10:00"},
    {"title": "隆基绿能发布新组件", "link": "http://n.example/4", "guid": "n4",
     "description": "<p>光伏组件效率提升。</p>", "pubDate": "2026-11-20 09:00:00"},
]


@pytest.fixture
def gui(make_gui, httpserver, qtbot):
    httpserver.expect_request("/energy.xml").respond_with_data(feedgen.rss(ENERGY), content_type="application/rss+xml")
    app = make_gui()
    fid = add_feed(app.core, httpserver.url_for("/energy.xml"), folder="测试")
    refresher = app.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[fid]))
    qtbot.waitUntil(lambda: app.news.model.rowCount() == 4, timeout=5000)
    app.feed_id = fid
    return app


@pytest.fixture
def local_png(tmp_path):
    """A real local image: what a rendered `<img src="file://…">` in outside text would read (test_hostile_*)."""
    from PySide6.QtGui import QColor, QImage

    path = tmp_path / "local.png"
    img = QImage(8, 8, QImage.Format_RGB32)
    img.fill(QColor("red"))
    assert img.save(str(path))
    return path

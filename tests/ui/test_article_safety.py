"""The article view loads nothing by itself: no network, no local files — images only on request."""

from __future__ import annotations

import base64

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from tests.news import feedgen
from tests.news.helpers import add_feed

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def open_first(app, qtbot):
    app.news.table.setFocus()
    qtbot.keyClick(app.news.table, Qt.Key_J)
    return app.article


def test_hostile_article_makes_no_requests_and_reads_no_files(make_gui, httpserver, qtbot, tmp_path, monkeypatch):
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    evil = httpserver.url_for("/evil")
    html = (f'<p onclick="x()">正文</p><script src="{evil}/s.js"></script><iframe src="{evil}/frame"></iframe>'
            f'<img src="{evil}/pixel.gif" width="1" height="1"><img src="{evil}/chart.png">'
            f'<img src="file://{secret}"><img src="data:image/png;base64,{base64.b64encode(PNG).decode()}">'
            f'<a href="javascript:alert(1)">js</a><div style="background:url({evil}/bg.png)">bg</div>'
            f'<link rel="stylesheet" href="{evil}/style.css">')
    feed = feedgen.rss([{"title": "恶意文章", "link": "http://x/1", "description": html}])
    httpserver.expect_request("/hostile.xml").respond_with_data(feed, content_type="application/rss+xml")
    # spy on Qt's own loaders: the only code that could read a file or fetch on our behalf
    base_calls = []
    for cls in (QTextBrowser, QTextEdit):
        original = cls.loadResource
        monkeypatch.setattr(cls, "loadResource", lambda self, t, u, _o=original: (base_calls.append(u), _o(self, t, u))[1])
    app = make_gui()
    refresher = app.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[add_feed(app.core, httpserver.url_for("/hostile.xml"))]))
    qtbot.waitUntil(lambda: app.news.model.rowCount() == 1, timeout=5000)
    requests_before = len(httpserver.log)
    refused = []
    view = open_first(app, qtbot)
    view.browser.resource_refused.connect(refused.append)
    view.show_article(view.article)                       # render again with the spy connected
    view.browser.viewport().repaint()
    qtbot.wait(50)
    assert view.title.text() == "恶意文章"
    assert len(httpserver.log) == requests_before          # not one request to the hostile server
    assert base_calls == []                                # Qt's file-reading loader never ran
    assert f"{evil}/chart.png" in refused                  # the document asked, and was refused
    doc = view.browser.document()
    assert doc.resource(QTextDocument.ImageResource, QUrl(f"file://{secret}")) is None
    stored = view.article.summary_html.lower()
    for bad in ("<script", "<iframe", "onclick", "javascript:", "file:", "data:", "pixel.gif", "<link", "style="):
        assert bad not in stored, bad


def test_images_load_only_after_the_user_asks(make_gui, httpserver, qtbot):
    httpserver.expect_request("/img/chart.png").respond_with_data(PNG, content_type="image/png")
    img = httpserver.url_for("/img/chart.png")
    feed = feedgen.rss([{"title": "带图文章", "link": "http://x/2", "description": f'<p>图：</p><img src="{img}">'}])
    httpserver.expect_request("/images.xml").respond_with_data(feed, content_type="application/rss+xml")
    app = make_gui()
    refresher = app.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[add_feed(app.core, httpserver.url_for("/images.xml"))]))
    qtbot.waitUntil(lambda: app.news.model.rowCount() == 1, timeout=5000)
    view = open_first(app, qtbot)
    qtbot.wait(50)
    assert not any(r.path == "/img/chart.png" for r, _ in httpserver.log)
    assert view.load_images.isEnabled()
    qtbot.mouseClick(view.load_images, Qt.LeftButton)
    qtbot.waitUntil(lambda: img in view.browser._images, timeout=5000)
    assert sum(r.path == "/img/chart.png" for r, _ in httpserver.log) == 1
    assert view.browser.loadResource(QTextDocument.ImageResource, QUrl(img)) is not None
    # cached: showing it again costs no request
    view.show_article(view.article)
    qtbot.mouseClick(view.load_images, Qt.LeftButton)
    qtbot.waitUntil(lambda: img in view.browser._images, timeout=5000)
    assert sum(r.path == "/img/chart.png" for r, _ in httpserver.log) == 1


def test_links_open_only_http_in_the_system_browser(gui, qtbot):
    opened = []
    gui.article.browser.open_url = lambda url: opened.append(url.toString())
    gui.article.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    gui.article.browser.anchorClicked.emit(QUrl("file:///etc/passwd"))
    gui.article.browser.anchorClicked.emit(QUrl("https://example.com/a"))
    assert opened == ["https://example.com/a"]

"""Feed markup in titles, authors and feed names is shown as text, never rendered: no local file is read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolTip

from desktop.core.changes import Changes
from desktop.store import feeds as feed_ops
from tests.news import feedgen
from tests.news.helpers import add_feed, articles

from .file_reads import FileReads, available

pytestmark = pytest.mark.skipif(not available, reason="inotify (Linux) watches for file reads")


def hostile(png) -> dict[str, str]:
    return {"title": f'宁德时代<table background="file://{png}"><tr><td>储能订单</td></tr></table>',
            "author": '<h1 style="color:red">张三</h1>',
            "feed": f'<img src="file://{png}">演示源'}


def test_the_detector_sees_a_rich_text_read(qtbot, local_png):
    """The control: the same markup in a default (AutoText) QLabel does read the file."""
    reads = FileReads(str(local_png))
    label = QLabel(hostile(local_png)["title"])
    qtbot.addWidget(label)
    label.grab()
    assert reads.count() > 0
    reads.close()


def test_markup_is_removed_at_ingest(make_gui, httpserver, local_png):
    h = hostile(local_png)
    body = feedgen.rss([{"title": h["title"], "author": h["author"], "link": "http://x/1", "guid": "g1",
                         "description": "<p>正文</p>"}], title=h["feed"])
    httpserver.expect_request("/f.xml").respond_with_data(body, content_type="application/rss+xml")
    app = make_gui()
    fid = add_feed(app.core, httpserver.url_for("/f.xml"))
    refresher = app.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[fid]))
    art = articles(app.core)[0]
    assert art.title == "宁德时代 储能订单"
    conn = app.core.reader()
    try:
        assert feed_ops.get_feed(conn, fid).title == "演示源"
    finally:
        conn.close()


def test_stored_markup_shows_as_text_in_every_widget_and_reads_no_file(make_gui, httpserver, qtbot, local_png):
    """Rows stored before markup was stripped (or text that slips through) still reach the widgets: every label,
    tooltip and cell shows it literally."""
    h = hostile(local_png)
    httpserver.expect_request("/f.xml").respond_with_data(
        feedgen.rss([{"title": "占位", "link": "http://x/1", "guid": "g1", "description": "<p>正文</p>"}]),
        content_type="application/rss+xml")
    app = make_gui()
    fid = add_feed(app.core, httpserver.url_for("/f.xml"))
    refresher = app.core.refresher()
    refresher.refresh(refresher.due(feed_ids=[fid]))

    def poison(conn):
        conn.execute("UPDATE articles SET title = ?, author = ?", (h["title"], h["author"]))
        conn.execute("UPDATE feeds SET title = ?, last_error = ?", (h["feed"], h["title"]))
        ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
        return Changes(articles_updated=ids, feeds={fid})     # the panes refresh as after any commit
    reads = FileReads(str(local_png))
    app.core.writer.call(poison)
    qtbot.waitUntil(lambda: app.news.model.rowCount() == 1 and app.news.model.rows[0].title == h["title"],
                    timeout=5000)
    app.news.table.setFocus()
    qtbot.keyClick(app.news.table, Qt.Key_J)
    view = app.article
    qtbot.waitUntil(lambda: view.article is not None, timeout=5000)
    assert view.title.textFormat() == Qt.PlainText and view.title.text() == h["title"]
    assert view.meta.textFormat() == Qt.PlainText and h["author"] in view.meta.text() and h["feed"] in view.meta.text()
    model = app.news.model
    tip = model.data(model.index(0, 2), Qt.ToolTipRole)
    assert "&lt;table" in tip and "<table" not in tip
    qtbot.waitUntil(lambda: any(it.toolTip(0) for it in app.news.tree.items()), timeout=5000)   # sidebar counts
    tips = [it.toolTip(0) for it in app.news.tree.items() if it.toolTip(0)]
    assert tips and all("<table" not in t for t in tips)
    app.window.grab()                                    # paint everything once
    QToolTip.showText(app.window.mapToGlobal(app.window.rect().center()), tip, app.window)
    QToolTip.showText(app.window.mapToGlobal(app.window.rect().center()), tips[0], app.window)
    qtbot.wait(50)
    QToolTip.hideText()
    assert reads.count() == 0
    reads.close()

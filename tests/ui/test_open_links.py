"""Every "open" path hands only http/https links to the system (desktop.ui.links); a stored javascript:/file:
link is refused and the refusal is said in the status bar. QDesktopServices.openUrl itself is replaced, so a
path that bypassed the helper would be seen."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

HOSTILE = ["javascript:alert(1)", "file:///etc/passwd", "smb://evil.example/share", "data:text/html,<b>x</b>"]


@pytest.fixture
def opened(monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: calls.append(url.toString()) or True))
    return calls


@pytest.mark.parametrize("link", HOSTILE)
def test_the_list_menu_open_original_refuses_other_schemes(gui, qtbot, opened, link):
    gui.news.model.rows[1] = dataclasses.replace(gui.news.model.rows[1], url=link)
    menu = gui.news.menus.article_menu(1)
    next(a for a in menu.actions() if a.text() == "打开原文").trigger()
    assert opened == []
    assert "未打开链接" in gui.news.window().statusBar().currentMessage()


def test_the_list_menu_open_original_opens_http(gui, qtbot, opened):
    menu = gui.news.menus.article_menu(1)
    next(a for a in menu.actions() if a.text() == "打开原文").trigger()
    assert opened == ["http://n.example/2"]


@pytest.mark.parametrize("link", HOSTILE)
def test_the_reader_button_refuses_other_schemes(gui, qtbot, opened, link):
    gui.news.select_row(0)
    qtbot.waitUntil(lambda: gui.article.article is not None, timeout=3000)
    gui.article.article = dataclasses.replace(gui.article.article, url=link)
    gui.article.open_in_browser()
    assert opened == []
    assert "未打开链接" in gui.article.window().statusBar().currentMessage()
    gui.article.article = dataclasses.replace(gui.article.article, url="https://example.com/a")
    gui.article.open_in_browser()
    assert opened == ["https://example.com/a"]


@pytest.mark.parametrize("link", HOSTILE)
def test_a_link_clicked_in_an_article_refuses_other_schemes(gui, qtbot, opened, link):
    gui.article.browser.anchorClicked.emit(QUrl(link))
    assert opened == []
    assert "未打开链接" in gui.article.window().statusBar().currentMessage()
    gui.article.browser.anchorClicked.emit(QUrl("https://example.com/b"))
    assert opened == ["https://example.com/b"]


def test_the_helper_alone():
    from desktop.ui.links import is_web_link

    assert is_web_link("https://a.example/x") and is_web_link("HTTP://a.example")
    assert not any(is_web_link(u) for u in HOSTILE + ["http:///nohost", "", None, "//a.example/x"])

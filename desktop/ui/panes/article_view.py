"""ArticleView: one article — source, time, themes, linked stocks (clickable), body, "also reported by".

The body goes into SafeTextBrowser, which loads nothing: images stay off until the user clicks 显示图片 for
this article; then a worker fetches them (size-capped, cached) and only those are handed to the browser.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desktop.core import clock
from desktop.core.changes import Changes
from desktop.core.news import Article
from desktop.services.images import image_urls
from desktop.ui import ops
from desktop.ui.feed_names import shown_feed
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.plain import plain_label, plain_tip
from desktop.ui.qt_props import props
from desktop.ui.widgets.chips import ChipBar
from desktop.ui.widgets.safe_browser import SafeTextBrowser

NAME = "articlePane"


class ArticleView(QWidget, Pane):
    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx = ctx
        self.bus, self.reader, self.images = ctx.bus, ctx.reader, ctx.images
        self.tasks = ctx.tasks.scope(NAME)
        self.themes = {t.name: t for t in ctx.themes}   # announced once the database opens (bus.themes_changed)
        self.settings = ctx.settings
        self.article: Article | None = None
        self.terms: tuple[str, ...] = ()      # the reader's search words: marked in the body
        self._build()
        self.bus.article_selected.connect(self._on_article)
        self.bus.search_changed.connect(self._on_search)
        self.bus.data_committed.connect(self._on_committed)
        self.bus.themes_changed.connect(self._relabel)     # bound methods: disconnected when the pane goes
        self.bus.names_changed.connect(self._relabel)

    # -- the pane interface (ui/pane.py) -------------------------------------------------------------------
    def load(self) -> None:
        self.themes = {t.name: t for t in self.ctx.themes}

    @property
    def stock_names(self):
        """code → name, as the bus last announced it (ctx.stock_names)."""
        return self.ctx.stock_names

    def _relabel(self, _announced=None) -> None:
        """New themes or names announced: the shown article's chips read them."""
        self.load()
        if self.article is not None:
            self.show_article(self.article)

    def shortcuts(self):
        return [("O", self.open_in_browser), ("Space", self._space)]

    def _space(self) -> None:
        from PySide6.QtWidgets import QAbstractButton, QApplication

        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton):
            focus.click()            # space on a focused button presses it, as everywhere else
        else:
            self.page_down_or_next()

    def _build(self) -> None:
        # feed text (source, author, title, other sources) is always plain text: see ui/plain.py
        self.meta = plain_label(props(QLabel(self), objectName="articleMeta"))
        # a long source name must not set the dock's minimum width (in English it pushed the reader to ~370 px)
        self.meta.setMinimumWidth(40)
        self.meta.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title = plain_label(props(QLabel(self, wordWrap=True), objectName="articleTitle"))
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.title.setFont(f)
        self.theme_chips = ChipBar(self)
        self.theme_chips.setObjectName("articleThemes")
        self.theme_chips.clicked.connect(lambda _k, v: self.bus.select_theme(v, NAME))
        self.stock_chips = ChipBar(self)
        self.stock_chips.setObjectName("articleStocks")
        self.stock_chips.clicked.connect(lambda _k, v: self.bus.select_stock(v, NAME))
        self.stock_chips.activated.connect(lambda _k, v: self.bus.show_chart(v, NAME))   # double-click / Enter
        self.also = plain_label(props(QLabel(self, wordWrap=True), objectName="articleAlso"))
        self.load_images = props(QPushButton(self.tr("显示图片"), self), objectName="articleLoadImages")
        self.load_images.setToolTip(self.tr("图片默认不加载（保护隐私、避免追踪）；点击后仅为本文加载"))
        self.load_images.clicked.connect(self.request_images)
        self.open_original = props(QToolButton(self), objectName="articleOpenOriginal", text=self.tr("打开原文"))
        self.open_original.clicked.connect(self.open_in_browser)
        self.star = props(QToolButton(self), objectName="articleStar", checkable=True, text=self.tr("☆ 星标"))
        self.star.setToolTip(self.tr("加星标 / 取消星标（S）"))
        self.star.clicked.connect(self._toggle_star)
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("articleView")
        self.link = props(QToolButton(self), objectName="articleLink", checkable=True, checked=True, text=self.tr("联动"))
        head = QHBoxLayout()
        head.addWidget(self.meta, 1)
        head.addWidget(self.star)
        head.addWidget(self.load_images)
        head.addWidget(self.open_original)
        head.addWidget(self.link)
        tags = QHBoxLayout()
        tags.addWidget(self.theme_chips)
        tags.addWidget(self.stock_chips, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(head)
        layout.addWidget(self.title)
        layout.addLayout(tags)
        layout.addWidget(self.also)
        layout.addWidget(self.browser, 1)
        self.show_article(None)

    # -- showing -----------------------------------------------------------------------------------------
    def _on_article(self, article_id: int, _origin: str) -> None:
        if self.link.isChecked():
            self.show_article(self.reader.article(article_id) if article_id else None)

    def show_article(self, article) -> None:
        self.article = article
        self.browser.clear_images()
        enabled = article is not None
        self.load_images.setEnabled(enabled and bool(image_urls(article.summary_html)))
        self.open_original.setEnabled(enabled and bool(article.url))
        self._show_star()
        if article is None:
            self.meta.setText("")
            self.meta.setToolTip("")
            self.title.setText(self.tr("选择一篇资讯阅读"))
            self.theme_chips.set_chips([])
            self.stock_chips.set_chips([])
            self.also.hide()
            self.browser.setHtml("")
            return
        # Beijing time, as every time in the window (the list, the heatmap, the chart), and it says so
        when = datetime.fromtimestamp(article.published, clock.SHANGHAI).strftime("%Y-%m-%d %H:%M")
        author = f" · {article.author}" if article.author else ""
        beijing = self.tr("北京时间")
        meta = f"{shown_feed(article.feed_title)} · {when} {beijing}{author}"
        self.meta.setText(meta)
        self.meta.setToolTip(plain_tip(meta + "\n" + self.tr("北京时间（UTC+8），与交易所的时间一致")))
        self.title.setText(article.title)
        lang = self.settings["ui.language"]
        self.theme_chips.set_chips([("theme", t, "#" + (self.themes[t].label(lang) if t in self.themes else
                                                         self.tr("公告") if t == "公告" else t))
                                    for t in article.themes])
        self.stock_chips.set_chips([("stock", c, f"{self.stock_names.get(c, c)} {c}") for c in article.stocks])
        others = self.reader.also_reported(article.id)
        self.also.setVisible(bool(others))
        self.also.setText(self.tr("同时报道：") + self.tr("、").join(name for _id, name in others))
        self._render()

    def _render(self) -> None:
        assert self.article is not None, "an article is shown first"
        body = self.article.summary_html or html.escape(self.article.text)
        self.browser.setHtml(f"<div style='line-height:150%'>{body}</div>")
        self._mark_terms()

    def _on_search(self, query: str) -> None:
        self.terms = tuple(w for w in query.split() if w)
        if self.article is not None:
            self._render()

    def _mark_terms(self) -> None:
        """The search's words on a marker background in the body (the document's own find: no HTML rewriting)."""
        if not self.terms:
            return
        from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

        mark = QTextCharFormat()
        mark.setBackground(QColor("#6b5a1e" if self.settings["ui.theme"] == "dark" else "#ffe08a"))
        doc = self.browser.document()
        for term in self.terms:
            cursor = doc.find(term, QTextCursor(doc))
            while not cursor.isNull():
                cursor.mergeCharFormat(mark)
                cursor = doc.find(term, cursor)

    def _show_star(self) -> None:
        on = bool(self.article is not None and self.article.starred)
        self.star.setChecked(on)
        self.star.setText(self.tr("★ 已加星标") if on else self.tr("☆ 星标"))
        self.star.setEnabled(self.article is not None and not self.reader.read_only)

    def _toggle_star(self) -> None:
        if self.article is not None and not self.reader.read_only:
            article = self.article
            ops.write(self.ctx, self.tr("取消星标") if article.starred else self.tr("加星标"),
                      lambda: self.reader.set_starred([article.id], not article.starred))
        self._show_star()        # the committed change sets it for good (a failed write puts it back)

    def _on_committed(self, changes: Changes) -> None:
        if self.article and self.article.id in changes.articles_removed:
            self.show_article(None)
        elif self.article and self.article.id in changes.articles_updated:
            self.show_article(self.reader.article(self.article.id))
        elif self.article and self.article.id in changes.articles_state:
            fresh = self.reader.article(self.article.id)
            if fresh is not None:
                self.article = fresh      # read/starred only: the body stays as it is (images, scroll)
                self._show_star()

    # -- images ------------------------------------------------------------------------------------------
    def request_images(self) -> None:
        if self.article is None:
            return
        urls = image_urls(self.article.summary_html)
        article_id = self.article.id
        self.load_images.setEnabled(False)
        self.load_images.setText(self.tr("图片加载中…"))

        def fetch(_task: object) -> tuple[int, dict[str, bytes]]:
            assert self.images is not None, "the window's context has an image cache"
            return article_id, self.images.fetch(urls)

        self.tasks.run("images", fetch, self._on_images)

    def _on_images(self, result, error) -> None:
        self.load_images.setText(self.tr("显示图片"))
        if error is not None or self.article is None or result[0] != self.article.id:
            return
        images = {}
        for url, data in result[1].items():
            img = QImage.fromData(data)
            if not img.isNull():
                images[url] = img.scaledToWidth(min(img.width(), 720), Qt.TransformationMode.SmoothTransformation)
        self.browser.set_images(images)
        self._render()

    # -- keys --------------------------------------------------------------------------------------------
    def page_down_or_next(self) -> None:
        bar = self.browser.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        else:
            self.bus.request_navigation("next")

    def open_in_browser(self) -> None:
        if self.article and self.article.url:
            from desktop.ui.links import open_web_link

            open_web_link(self.article.url, self.browser, opener=self.browser.open_url)   # http/https only

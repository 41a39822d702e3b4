"""NewsEmptyState (`newsEmpty`): what an empty news list means — fetching, why nothing arrived (in plain
words, ui/error_text.py), no feeds yet, or a filter that matches nothing — shown over the list's viewport."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QTableView

from desktop.core.news_filter import NewsFilter


class NewsEmptyState(QLabel):
    def __init__(self, table: QTableView, news_filter: Callable[[], NewsFilter]):
        super().__init__(table.viewport(), wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter,
                         textFormat=Qt.TextFormat.PlainText)
        self.setObjectName("newsEmpty")
        self.setVisible(False)
        self.setContentsMargins(24, 24, 24, 24)
        self.table, self.news_filter = table, news_filter
        self.feeds_state = None            # the feed rounds' last SourceState
        self.fetching = False
        self.feed_count = -1               # unknown until the sidebar's counts arrive
        model = table.model()
        for sig in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            sig.connect(self.refresh)
        table.viewport().installEventFilter(self)

    def set_source_state(self, st) -> None:
        if st.name == "feeds":
            self.feeds_state, self.fetching = st, False
            self.refresh()

    def set_progress(self, done: int, total: int) -> None:
        self.fetching = bool(total) and done < total
        self.refresh()

    def set_feed_count(self, n: int) -> None:
        self.feed_count = n
        self.refresh()

    def text_now(self) -> str:
        """What the empty list says ("" when it has rows)."""
        if self.table.model().rowCount():
            return ""
        f = self.news_filter()
        if f.query or f.theme or f.stock or f.board or f.feed_id is not None or f.folder or f.unread or f.starred \
                or f.since:
            return self.no_results(f)
        if self.fetching:
            return self.tr("正在获取资讯…")
        st = self.feeds_state
        if st is not None and st.error:
            from desktop.ui.error_text import explain

            what, do = explain(st.error)
            return self.tr("还没有获取到资讯：%1。\n%2").replace("%1", what).replace("%2", do)
        if self.feed_count == 0:
            return self.tr("还没有订阅源：文件 → 导入 OPML，或在设置中添加订阅源")
        return self.tr("暂无资讯")

    def no_results(self, f) -> str:
        """A filter that matches nothing: the ways out that apply — the chips above (search, stock, board, theme),
        the date range, the sidebar's 全部 (only when another view is selected there)."""
        ways = []
        if f.query or f.stock or f.board or f.theme:
            ways.append(self.tr("移除上方的筛选条件"))
        if f.since:
            ways.append(self.tr("把时间范围改为“全部时间”"))
        if f.feed_id is not None or f.folder or f.unread or f.starred:
            ways.append(self.tr("在左侧选择“全部”"))
        text = self.tr("，或").join(ways)
        return self.tr("无结果：当前筛选下没有资讯。") + text[:1].upper() + text[1:]

    def refresh(self, *_args) -> None:
        text = self.text_now()
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            self.setGeometry(self.table.viewport().rect())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.table.viewport().rect())
        return False

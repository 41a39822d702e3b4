"""The reader's right-click menus — on an article row, on a theme or stock chip in the list, on the sidebar —
and the one question Shift+A asks. Built on demand (nothing before the first right-click); every action goes
through the pane's reader, the bus or the writer like the keys and clicks that do the same."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu

from desktop.core.news_filter import NewsFilter
from desktop.ui import ops
from desktop.ui.widgets.chip_delegate import CHIP_COLUMNS, CHIPS_ROLE

NAME = "newsPane"


class NewsMenus(QObject):
    def __init__(self, pane):
        super().__init__(pane)
        self.pane = pane
        self.menu = None                     # the QMenu open last (tests read its actions)
        pane.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pane.table.customContextMenuRequested.connect(self._on_table)
        pane.tree.menu_requested.connect(self._on_tree)

    # -- shared -------------------------------------------------------------------------------------------
    def _show(self, menu, where: QPoint) -> None:
        self.menu = menu
        menu.popup(where)

    def _writable(self) -> bool:
        return not self.pane.reader.read_only

    def write(self, what: str, start) -> None:
        """Every write the reader asks for, its keys' and its menus' (ui/ops.py: a failure is logged and said)."""
        ops.write(self.pane.ctx, what, start)

    # -- the article list ----------------------------------------------------------------------------------
    def _on_table(self, pos: QPoint) -> None:
        table = self.pane.table
        index = table.indexAt(pos)
        if not index.isValid():
            return
        where = table.viewport().mapToGlobal(pos)
        if index.column() in CHIP_COLUMNS:
            from PySide6.QtWidgets import QStyleOptionViewItem

            option = QStyleOptionViewItem()
            option.rect, option.font = table.visualRect(index), table.font()
            chip = self.pane.chip_delegate.chip_at(option, index.data(CHIPS_ROLE), pos)
            if chip is not None:
                self._show(self.chip_menu(*chip[:2]), where)
                return
        self._show(self.article_menu(index.row()), where)

    def article_menu(self, row: int):
        pane = self.pane
        r = pane.model.row_at(row)
        menu = QMenu(pane.table)
        menu.setObjectName("articleMenu")
        menu.addAction(self.tr("打开"), lambda: pane.select_row(row))
        original = menu.addAction(self.tr("打开原文"), lambda: self._open_url(r.url))
        original.setEnabled(bool(r.url))
        menu.addSeparator()
        star_what = self.tr("取消星标") if r.starred else self.tr("加星标")
        star = menu.addAction(star_what, lambda: self.write(star_what, lambda: pane.reader.set_starred(
            [r.id], not r.starred)))
        read_what = self.tr("标为未读") if r.read else self.tr("标为已读")
        read = menu.addAction(read_what, lambda: self.write(read_what, lambda: pane.reader.set_read([r.id], not r.read)))
        older = menu.addAction(self.tr("将更早的资讯标为已读"), lambda: self._mark_older_read(r.search_key))
        for action in (star, read, older):
            action.setEnabled(self._writable())
        menu.addSeparator()
        copy = menu.addAction(self.tr("复制链接"), lambda: self._copy(r.url))
        copy.setEnabled(bool(r.url))
        return menu

    def chip_menu(self, kind: str, value: str):
        pane = self.pane
        menu = QMenu(pane.table)
        menu.setObjectName("chipMenu")
        if kind == "stock":
            menu.addAction(self.tr("只看这只股票的资讯"), lambda: pane._set(stock=value))
            menu.addAction(self.tr("在各面板中选中"), lambda: pane.bus.select_stock(value, NAME))
            menu.addAction(self.tr("显示K线"), lambda: pane.bus.show_chart(value, NAME))
            menu.addAction(self.tr("添加提醒…"), lambda: pane.bus.alert_requested.emit(value))
        else:
            menu.addAction(self.tr("只看这个主题的资讯"), lambda: pane._set(theme=value))
            menu.addAction(self.tr("在各面板中选中"), lambda: pane.bus.select_theme(value, NAME))
        return menu

    def _mark_older_read(self, search_key: int) -> None:
        ids = self.pane.reader.unread_ids(self.pane.filter, before_key=search_key)
        if ids:
            self.write(self.tr("将更早的资讯标为已读"), lambda: self.pane.reader.set_read(ids, True))

    def _open_url(self, url: str | None) -> None:
        """Only http/https (desktop.ui.links): a stored javascript:/file:/smb: link is refused in the status bar."""
        from desktop.ui.links import open_web_link

        open_web_link(url, self.pane)

    @staticmethod
    def _copy(url: str | None) -> None:
        if url:
            from PySide6.QtWidgets import QApplication

            QApplication.clipboard().setText(url)

    # -- the sidebar ---------------------------------------------------------------------------------------
    def _on_tree(self, kind: str, value, where: QPoint) -> None:
        menu = self.tree_menu(kind, value)
        if menu is not None:
            self._show(menu, where)

    def tree_menu(self, kind: str, value):
        pane = self.pane
        scope = {"feed": NewsFilter(feed_id=value), "folder": NewsFilter(folder=value),
                 "theme": NewsFilter(theme=value), "all": NewsFilter(), "unread": NewsFilter(),
                 "starred": NewsFilter(starred=True)}.get(kind)
        if scope is None:
            return None
        menu = QMenu(pane.tree)
        menu.setObjectName("feedMenu")
        if kind == "feed":
            menu.addAction(self.tr("立即刷新"), lambda: pane.bus.feed_refresh_requested.emit(value))
        mark = menu.addAction(self.tr("全部标为已读"), lambda: self.write(self.tr("全部标为已读"),
                                                                     lambda: pane.reader.mark_all_read(scope)))
        mark.setEnabled(self._writable())
        if kind == "feed":
            menu.addSeparator()
            edit = menu.addAction(self.tr("编辑…"), lambda: self._edit_feed(value))
            drop = menu.addAction(self.tr("退订…"), lambda: self._unsubscribe(value))
            edit.setEnabled(self._writable())
            drop.setEnabled(self._writable())
        return menu

    def _feed(self, feed_id: int):
        return getattr(self.pane, "feeds_by_id", {}).get(feed_id)

    def _edit_feed(self, feed_id: int) -> None:
        """Title and folder, the two things a reader renames (the URL and interval: Settings → 订阅源)."""
        from PySide6.QtWidgets import QInputDialog

        feed = self._feed(feed_id)
        if feed is None:
            return
        title, ok = QInputDialog.getText(self.pane, self.tr("编辑订阅源"), self.tr("名称："), text=feed.title)
        if not ok:
            return
        folder, ok = QInputDialog.getText(self.pane, self.tr("编辑订阅源"), self.tr("文件夹（留空：不放入文件夹）："),
                                          text=feed.folder)
        if ok:
            self.write(self.tr("编辑订阅源"), lambda: self.pane.reader.update_feed(
                feed_id, title=title.strip() or feed.title, folder=folder.strip()))

    def _unsubscribe(self, feed_id: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        feed = self._feed(feed_id)
        name = feed.title or feed.url if feed else str(feed_id)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("退订"),
                          self.tr("退订“%1”？它的资讯（包括星标的）会一并删除。").replace("%1", name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.pane)
        box.setObjectName("unsubscribeConfirm")
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.write(self.tr("退订"), lambda: self.pane.reader.remove_feed(feed_id))

    # -- Shift+A ---------------------------------------------------------------------------------------------
    def confirm_mark_all_read(self) -> bool:
        """Ask once; "不再询问" turns the question off (the setting news.confirm_mark_all_read)."""
        from PySide6.QtWidgets import QCheckBox, QMessageBox

        n = self.pane.reader.count_articles(self.pane.filter.with_(unread=True, collapse_duplicates=False))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("全部标为已读"),
                          self.tr("将当前列表中的 %1 篇未读资讯全部标为已读？").replace("%1", str(n)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.pane)
        box.setObjectName("markAllReadConfirm")
        never = QCheckBox(self.tr("不再询问"), box)
        never.setObjectName("markAllReadNeverAsk")
        box.setCheckBox(never)
        yes = box.exec() == QMessageBox.StandardButton.Yes
        if yes and never.isChecked():
            self.pane.settings.set("news.confirm_mark_all_read", False)
            self.pane.settings.save()
        return yes

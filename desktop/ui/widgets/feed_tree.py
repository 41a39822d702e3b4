"""FeedTree: the reader's sidebar — smart views (全部, 未读, 星标), themes, then folders and feeds. Every count in
it is an unread count (as in RSS Guard and QuiteRSS); the tooltip says how many there are in all. It emits the
NewsFilter fields a click selects and asks for a context menu; it never queries on its own (the pane feeds it)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from desktop.core.news import Feed
from desktop.ui.feed_names import shown_feed, shown_folder, sidebar_feed
from desktop.ui.plain import plain_tip

KIND = Qt.ItemDataRole.UserRole + 1
VALUE = Qt.ItemDataRole.UserRole + 2


class FeedTree(QTreeWidget):
    view_selected = Signal(str, object)   # kind ("all", "unread", "starred", "theme", "folder", "feed"), value
    menu_requested = Signal(str, object, QPoint)   # kind, value, global position: the pane builds the menu

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("feedTree")
        self.setHeaderHidden(True)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.itemSelectionChanged.connect(self._selected)
        self.itemCollapsed.connect(lambda item: self._collapsed.add(self._key(item)))
        self.itemExpanded.connect(lambda item: self._collapsed.discard(self._key(item)))
        self._suppress = False
        self._collapsed: set[tuple] = set()   # what the user folded; survives every rebuild
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is not None:
            self.menu_requested.emit(*self._key(item), self.viewport().mapToGlobal(pos))

    def populate(self, feeds: list[Feed], unread: dict[int, int], themes: list[tuple[str, str]],
                 theme_unread: dict[str, int], totals: tuple[int, int, int],
                 totals_by: tuple[dict[int, int], dict[str, int], int] | None = None) -> None:
        """Rebuild, keeping the current selection and expanded folders. Labels count unread articles;
        `totals_by` (articles per feed, per theme, unread starred) fills the tooltips' totals."""
        current = self.current_view()
        self._suppress = True
        self.clear()
        total, unread_total, starred = totals
        by_feed, by_theme, starred_unread = totals_by or ({}, {}, 0)
        self._add(None, "all", None, self.tr("全部"), unread_total, total)
        self._add(None, "unread", None, self.tr("未读"), unread_total, total)
        self._add(None, "starred", None, self.tr("星标"), starred_unread, starred)
        theme_root = self._add(None, "themes", None, self.tr("主题"), None)
        for name, label in themes:
            self._add(theme_root, "theme", name, label, theme_unread.get(name, 0), by_theme.get(name))
        folders: dict[str, QTreeWidgetItem] = {}
        for feed in feeds:
            parent = None
            if feed.folder:
                if feed.folder not in folders:
                    members = [f.id for f in feeds if f.folder == feed.folder]
                    folders[feed.folder] = self._add(None, "folder", feed.folder, shown_folder(feed.folder),
                                                     sum(unread.get(i, 0) for i in members),
                                                     sum(by_feed.get(i, 0) for i in members) if by_feed else None)
                parent = folders[feed.folder]
            name = shown_feed(feed.title) if feed.title else feed.url      # the whole name: the tooltip's
            item = self._add(parent, "feed", feed.id, sidebar_feed(feed.title) if feed.title else name,
                             unread.get(feed.id, 0), by_feed.get(feed.id, 0) if by_feed else None, tip_label=name)
            if feed.last_error:
                item.setForeground(0, Qt.GlobalColor.darkYellow)
                item.setToolTip(0, plain_tip(f"{name}\n{item.toolTip(0)}\n"
                                             + self.tr("上次抓取失败：") + feed.last_error))
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            assert top is not None                   # i < topLevelItemCount()
            top.setExpanded(self._key(top) not in self._collapsed)
        # Re-select the current view *silently*: new counts are not a new choice, and a re-emitted selection
        # would reload the list and lose the reader's place (found by bench/ui.py). If the view is gone (its
        # feed or folder was removed), fall back to 全部 *with* the signal, so the list follows.
        found = current is not None and self.select_view(*current)
        if not found:
            self.select_view("all", None)
        self._suppress = False
        if current is not None and not found:
            self.view_selected.emit("all", None)

    def _add(self, parent, kind: str, value, label: str, count: int | None,
             total: int | None = None, tip_label: str = "") -> QTreeWidgetItem:
        text = f"{label} ({count})" if count else label     # ASCII brackets, one space, in either language
        item = QTreeWidgetItem([text])
        if count is not None:    # the whole name (the sidebar may cut it) and both counts
            tip = self.tr("未读 %1 篇").replace("%1", str(count))
            if total is not None:
                tip = self.tr("共 %1 篇，").replace("%1", str(total)) + tip
            item.setToolTip(0, plain_tip(f"{tip_label or label}\n{tip}"))
        item.setData(0, KIND, kind)
        item.setData(0, VALUE, value)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    @staticmethod
    def _key(item: QTreeWidgetItem) -> tuple:
        return item.data(0, KIND), item.data(0, VALUE)

    def current_view(self) -> tuple[str, object] | None:
        items = self.selectedItems()
        return self._key(items[0]) if items else None

    def show_view(self, kind: str, value) -> bool:
        """Highlight the view the list shows, without emitting (the list already shows it)."""
        if self.current_view() == (kind, value):
            return True
        self._suppress = True
        try:
            found = self.select_view(kind, value)
            if not found:
                self.clearSelection()
            return found
        finally:
            self._suppress = False

    def select_view(self, kind: str, value) -> bool:
        for item in self.items():
            if self._key(item) == (kind, value):
                self.setCurrentItem(item)
                return True
        return False

    def items(self):
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            yield item
            stack.extend(item.child(i) for i in range(item.childCount()))

    def _selected(self) -> None:
        if self._suppress:
            return
        view = self.current_view()
        if view and view[0] != "themes":
            self.view_selected.emit(view[0], view[1])

"""NewsPane: the reader — sidebar of views/folders/feeds, search, filter chips and the article list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from desktop.core import clock
from desktop.core.changes import Changes
from desktop.core.indices import is_index_key
from desktop.core.news_filter import NewsFilter
from desktop.ui.models.news_model import NewsModel
from desktop.ui.news_layout import build, span_text
from desktop.ui.pane import Pane, PaneContext
from desktop.ui.qt_props import props
from desktop.ui.widgets.news_columns import SOURCE_WIDTH
from desktop.ui.widgets.news_empty import NewsEmptyState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSplitter, QTableView, QToolButton

    from desktop.ui.news_search import NewsSearch
    from desktop.ui.widgets.chip_delegate import ChipDelegate
    from desktop.ui.widgets.chips import ChipBar
    from desktop.ui.widgets.feed_tree import FeedTree
    from desktop.ui.widgets.news_columns import NewsColumns, SidebarWidth

NAME = "newsPane"
COALESCE_MS = 50


class NewsPane(QWidget, Pane):
    # made by news_layout.build (declared here for the type checker; nothing is set at class level)
    searcher: NewsSearch
    search: QLineEdit
    search_count: QLabel
    range: QComboBox
    unread: QToolButton
    link: QToolButton
    chips: ChipBar
    tree: FeedTree
    table: QTableView
    columns: NewsColumns
    chip_delegate: ChipDelegate
    splitter: QSplitter
    sidebar: SidebarWidth
    _new_button: QPushButton | None
    _empty: NewsEmptyState | None

    def __init__(self, ctx: PaneContext, parent=None):
        super().__init__(parent)
        self.setObjectName(NAME)
        self.ctx = ctx
        self.bus, self.reader, self.settings = ctx.bus, ctx.reader, ctx.settings
        self.tasks = ctx.tasks.scope(NAME)
        self.themes = {t.name: t for t in ctx.themes}   # announced once the database opens (bus.themes_changed)
        self.stock_search = ctx.market.search_stocks if ctx.market is not None else None   # the completer
        lang = ctx.settings["ui.language"]
        notice = self.tr("公告")      # the tag 公告 sources give (not a configured theme): its label still translates
        self.model = NewsModel(ctx.reader, lambda t: self.themes[t].label(lang) if t in self.themes else
                               notice if t == "公告" else t, lambda c: self.stock_names.get(c, c), self)
        self._restored_view: tuple[str, object] | None = None
        self._restoring = False
        self.loaded_once = False        # load() ran: the sidebar's counts can be asked for
        self.feeds_by_id: dict = {}
        self._build()
        self._counts_timer = props(QTimer(self, singleShot=True, interval=300), timeout=self.refresh_sidebar)
        self._pending_changes = Changes()
        self._apply_timer = props(QTimer(self, singleShot=True, interval=COALESCE_MS), timeout=self._apply_pending)
        self._pending_new = 0
        self.bus.stock_selected.connect(self._on_stock)
        self.bus.theme_selected.connect(self._on_theme)
        self.bus.board_selected.connect(self._on_board)
        self.bus.data_committed.connect(self._queue_changes)
        self.bus.navigate_requested.connect(self._on_navigate)
        self.bus.themes_changed.connect(self._retheme)     # bound methods: disconnected when the pane goes
        self.bus.names_changed.connect(self._rename)
        self.bus.news_requested.connect(self.show_span)     # a stock's news over a span (涨停 原因)
        from desktop.ui.news_menus import NewsMenus

        self.menus = NewsMenus(self)     # right-click menus on articles, chips and the sidebar

    # -- the pane interface (ui/pane.py) -------------------------------------------------------------------
    def load(self) -> None:
        """First data, right after the window's first paint: the list, the sidebar, then counts (worker)."""
        _ = self.new_button, self.empty      # made now, after the paint (hidden until needed)
        self.loaded_once = True
        self._take_themes()
        self._populate_sidebar(self.reader.feeds(), {}, {}, (0, 0, 0))
        if self._restored_view is not None:
            self._restoring = True                        # the last session's view: not a choice made now
            try:
                self.tree.select_view(*self._restored_view)   # emits view_selected → one query for that view
            finally:
                self._restoring = False
        if self.tree.current_view() in (None, ("all", None)):
            self.model.set_filter(NewsFilter(collapse_duplicates=True))
        self.refresh_sidebar()

    def restore_state(self, state) -> None:
        """Splitter and column sizes now; the sidebar view is selected once data is loaded."""
        sizes = state.value("news/splitter")
        if sizes:
            self.splitter.restoreState(sizes)
            # still following its names (never dragged)? A layout saved without the mark is the user's
            self.sidebar.restored(_flag(state.value("news/sidebar_auto"), False))
        header = state.value("news/header")
        if header:
            self.table.horizontalHeader().restoreState(header)
            self.columns.restored(_flag(state.value("news/source_auto"), self.table.columnWidth(1) == SOURCE_WIDTH))
        view = state.value("news/view")
        if isinstance(view, list) and len(view) == 2:
            kind, value = view
            self._restored_view = (kind, int(value) if kind == "feed" else (value or None))

    def save_state(self, state) -> None:
        state.setValue("news/splitter", self.splitter.saveState())
        state.setValue("news/sidebar_auto", self.sidebar.auto())
        state.setValue("news/header", self.table.horizontalHeader().saveState())
        state.setValue("news/source_auto", self.columns.source_auto())
        view = self.tree.current_view()
        if view:
            state.setValue("news/view", [view[0], "" if view[1] is None else str(view[1])])

    def apply_settings(self, keys: frozenset[str]) -> None:
        if "ui.theme" in keys:
            self.table.viewport().update()    # chips are painted in the theme's colours

    def shortcuts(self):
        return [("J", self.next_article), ("K", self.previous_article), ("S", self.toggle_star),
                ("M", self.toggle_read), ("/", self.focus_search), ("Ctrl+F", self.focus_search),
                ("Shift+A", self.mark_all_read)]

    @property
    def stock_names(self):
        """code → name, as the bus last announced it (ctx.stock_names)."""
        return self.ctx.stock_names

    def _take_themes(self) -> None:
        self.themes = {t.name: t for t in self.ctx.themes}
        self.model.clear_text_cache()   # rows already drawn carry the old labels

    def _retheme(self, _themes=None) -> None:
        """New themes announced (the database opened, or the themes file changed): labels, chips, sidebar."""
        self._take_themes()
        self._show_chips()
        if self.loaded_once:
            self.refresh_sidebar()

    def _rename(self, _names=None) -> None:
        """New names announced (new listings, renames): the rows and chips that show them."""
        self.model.clear_text_cache()
        self._show_chips()
        self.table.viewport().update()

    # -- layout ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        build(self)       # the widgets and their layout (ui/news_layout.py)

    def sizeHint(self) -> QSize:  # noqa: N802
        """The width that shows the sidebar (up to SIDEBAR_HINT) and the list with its title at TITLE_MIN: a
        narrow window takes its room from the reader, not from here (MainWindow.keep_list_room)."""
        base = super().sizeHint()
        return QSize(self.sidebar.hint() + self.splitter.handleWidth() + self.columns.min_width(), base.height())

    @property
    def new_button(self) -> QPushButton:
        """"↑ N new" floats over the list: showing it must not re-lay-out (and repaint) the whole pane."""
        if self._new_button is None:
            b = self._new_button = props(QPushButton(self.table.viewport()), objectName="newsNewArrivals", visible=False)
            b.setCursor(Qt.CursorShape.PointingHandCursor)
            b.clicked.connect(self._scroll_to_top)
        return self._new_button

    @property
    def empty(self) -> NewsEmptyState:
        """What an empty list means (widgets/news_empty.py)."""
        if self._empty is None:
            self._empty = NewsEmptyState(self.table, lambda: self.filter)
        return self._empty

    # -- filters -----------------------------------------------------------------------------------------
    @property
    def filter(self) -> NewsFilter:
        return self.model.filter

    def _set(self, **changes) -> None:
        new = self.filter.with_(**changes)
        if new != self.filter:      # the same filter again (a second click on a chip) keeps the list as it is
            self.model.set_filter(new)
        self._pending_new = 0
        if self._new_button is not None:
            self._new_button.hide()
        self._show_chips()
        if self.table.isColumnHidden(1) != (new.feed_id is not None):
            self.table.setColumnHidden(1, new.feed_id is not None)
            self.columns.fit(self.table.width())       # 来源's room goes to (or comes from) the others
        self._sync_tree()
        self.searcher.feedback()

    def _sync_tree(self) -> None:
        """The sidebar highlights what the list shows: removing the 能源 chip leaves 能源 highlighted no more."""
        f = self.filter
        view = (("feed", f.feed_id) if f.feed_id is not None else ("folder", f.folder) if f.folder else
                ("starred", None) if f.starred else ("theme", f.theme) if f.theme else
                ("unread", None) if f.unread else ("all", None))
        current = self.tree.current_view()
        if current == view or (current == ("unread", None) and view == ("all", None) and f.unread):
            return
        self.tree.show_view(*view)

    def _since(self) -> int | None:
        days = self.range.currentData()
        if not days:
            return None
        if days == 1:
            # today is Beijing's, as every time in the window (the list shows today's as HH:MM)
            return int(clock.shanghai().replace(hour=0, minute=0, second=0, microsecond=0).timestamp())
        return clock.now_s() - days * 86400

    def _show_chips(self) -> None:
        f = self.filter
        chips = []
        if f.stock:
            chips.append(("stock", f.stock, f"{self.stock_names.get(f.stock, f.stock)} {f.stock}"))
        if f.board:
            chips.append(("board", f.board, self._board_name(f.board)))
        if f.theme:
            t = self.themes.get(f.theme)
            chips.append(("theme", f.theme, t.label(self.settings["ui.language"]) if t else f.theme))
        if f.query:
            chips.append(("query", f.query, f"“{f.query}”"))
        if f.until is not None:         # a span asked for by another pane (not one of the 时间 box's ranges)
            chips.append(("span", "", span_text(f.since, f.until)))
        self.chips.set_chips(chips)

    # -- the empty state (widgets/news_empty.py) --------------------------------------------------------
    def set_source_state(self, st) -> None:
        """The feed rounds' health (SourceState "feeds"): an empty list says why nothing arrived."""
        self.empty.set_source_state(st)

    def set_progress(self, done: int, total: int) -> None:
        self.empty.set_progress(done, total)

    def empty_text(self) -> str:
        """What the empty list says ("" when it has rows)."""
        return self.empty.text_now()

    def _board_name(self, code: str) -> str:
        try:
            return self.ctx.market.board_name(code) if self.ctx.market is not None else code
        except Exception:      # no database yet
            return code

    def _remove_filter(self, kind: str, _value: str) -> None:
        if kind == "query":
            self.search.clear()
        if kind == "span":
            self._set(since=self._since(), until=None)      # back to what the 时间 box says
            return
        self._set(**{kind: "" if kind == "query" else None})

    def show_span(self, code: str, since: int, until: int) -> None:
        """`code`'s articles published in [since, until) (the 涨停 pane's 原因: the previous close to the pool's
        day's end), shown as a removable chip; the 时间 box goes to 全部时间 so that it does not contradict it."""
        self.range.blockSignals(True)
        self.range.setCurrentIndex(0)
        self.range.blockSignals(False)
        self._set(stock=code or None, board=None, since=since, until=until)

    def _on_view(self, kind: str, value) -> None:
        if kind == "theme" and not self._restoring:     # a theme chosen in the sidebar: every linked pane follows
            self.bus.select_theme(value, NAME)
        base = dict(feed_id=None, folder=None, starred=False, theme=None)
        if kind == "unread":
            self.unread.setChecked(True)
        elif kind == "starred":
            base["starred"] = True
        elif kind == "theme":
            base["theme"] = value
        elif kind == "folder":
            base["folder"] = value
        elif kind == "feed":
            base["feed_id"] = value
        if kind == "all":
            self.unread.setChecked(False)
        self._set(**base)

    def _on_chip(self, kind: str, value: str) -> None:
        if kind == "stock":
            self._set(stock=value)
            self.bus.select_stock(value, NAME)
        else:
            self._set(theme=value)
            self.bus.select_theme(value, NAME)

    def _on_stock(self, code: str, origin: str) -> None:
        if is_index_key(code):          # an index (sh000001, its chart) links no article: the list stays
            return
        if origin != NAME and self.link.isChecked() and code != (self.filter.stock or ""):
            self._set(stock=code or None, board=None, **self._no_span())

    def _on_theme(self, theme: str, origin: str) -> None:
        if origin != NAME and self.link.isChecked():
            self._set(theme=theme or None)

    def _on_board(self, board: str, origin: str) -> None:
        """A board selected (the heatmap): its members' articles; a stock filter gives way to it."""
        if origin != NAME and self.link.isChecked():
            self._set(board=board or None, stock=None, **self._no_span())

    def _no_span(self) -> dict:
        """A span asked for one stock's news (show_span) ends when another stock or board is chosen."""
        return {"since": self._since(), "until": None} if self.filter.until is not None else {}

    # -- data --------------------------------------------------------------------------------------------
    def refresh_sidebar(self) -> None:
        """Unread counts scan the article table (150 ms at 100,000 articles): a worker computes them."""
        reader = self.reader
        self.tasks.run("sidebar-counts", lambda _task: (reader.feeds(), reader.unread_by_feed(),
                                                        reader.unread_by_theme(), reader.totals(),
                                                        reader.totals_by()),
                       self._on_counts)

    def _on_counts(self, result, error) -> None:
        if error is None:
            self._populate_sidebar(*result)

    def _populate_sidebar(self, feeds, unread, theme_unread, totals, totals_by=None) -> None:
        self.empty.set_feed_count(len(feeds))
        self.feeds_by_id = {f.id: f for f in feeds}
        lang = self.settings["ui.language"]
        self.tree.populate(feeds, unread, [(n, t.label(lang)) for n, t in self.themes.items()], theme_unread, totals,
                           totals_by)
        if totals_by is not None:
            # the sidebar as wide as its names and counts need, within what the list leaves; it follows the
            # window until the user drags it (their width is kept from then on, window.ini)
            self.sidebar.fit()

    def _queue_changes(self, changes: Changes) -> None:
        """Commits arrive in bursts during a refresh (one per feed): they are merged and applied at most every
        COALESCE_MS, so ten commits cost one query and one insertion instead of ten back-to-back slots that
        would starve the event loop (bench/ui.py)."""
        if not (changes.articles_added or changes.articles_updated or changes.articles_state or changes.feeds
                or changes.articles_removed):
            return
        self._pending_changes.merge(changes)
        if not self._apply_timer.isActive():
            self._apply_timer.start()

    def _apply_pending(self) -> None:
        changes, self._pending_changes = self._pending_changes, Changes()
        self._on_committed(changes)

    def _on_committed(self, changes: Changes) -> None:
        bar = self.table.verticalScrollBar()
        before = bar.value()
        # At the very top with nothing open, new articles simply appear (a live list). Otherwise the first
        # visible row is the anchor: rows inserted above it push the view back down by as many rows, and a
        # button offers them.
        anchored = before > 0 or self.selected_row() >= 0
        above = self.model.apply_changes(changes, anchor_row=max(0, self.table.rowAt(0)) if anchored else -1)
        if above:
            self.table.updateGeometries()          # the scroll range must include the new rows first
            bar.setValue(before + above * self.table.verticalHeader().defaultSectionSize())
            self._pending_new += above
            self.new_button.setText(self.tr("↑ %n 条新资讯", "", self._pending_new))
            self.new_button.adjustSize()
            self.new_button.move((self.table.viewport().width() - self.new_button.width()) // 2, 6)
            self.new_button.show()
            self.new_button.raise_()
        self._counts_timer.start()
        if self.filter.query and (changes.articles_added or changes.articles_removed):
            self.searcher.count_hits()

    def _scroll_to_top(self) -> None:
        self._pending_new = 0
        self.new_button.hide()
        self.table.scrollToTop()

    # -- selection and keys ------------------------------------------------------------------------------
    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _on_selection(self, *_args) -> None:
        row = self.model.row_at(self.selected_row())
        if row is None:
            return
        if self.settings["news.mark_read_on_open"] and not row.read and not self.reader.read_only:
            self.menus.write(self.tr("标为已读"), lambda: self.reader.set_read([row.id], True))
        self.bus.select_article(row.id, NAME)
        if row.stocks:
            self.bus.select_stock(row.stocks[0], NAME)
        # no select_theme here: reading news must not switch the heatmap from the user's 概念/行业 view to a theme
        # basket (it outlines the article's tiles instead); choosing a theme — the sidebar, a theme chip — does

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 2)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def next_article(self) -> None:
        row = self.selected_row()
        if row + 1 >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_row(row + 1)

    def previous_article(self) -> None:
        self.select_row(max(0, self.selected_row() - 1))

    def _on_navigate(self, where: str) -> None:
        (self.next_article if where == "next" else self.previous_article)()

    def _current(self):
        return self.model.row_at(self.selected_row())

    def toggle_star(self) -> None:
        row = self._current()
        if row and not self.reader.read_only:     # read-only data directory: nothing can be saved
            self.menus.write(self.tr("取消星标") if row.starred else self.tr("加星标"), lambda: self.reader.set_starred([row.id], not row.starred))

    def toggle_read(self) -> None:
        row = self._current()
        if row and not self.reader.read_only:
            self.menus.write(self.tr("标为未读") if row.read else self.tr("标为已读"), lambda: self.reader.set_read([row.id], not row.read))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def mark_all_read(self) -> None:
        """Shift+A: every listed article read — after asking once (with 不再询问, the setting
        news.confirm_mark_all_read)."""
        if self.reader.read_only:
            return
        if self.settings["news.confirm_mark_all_read"] and not self.menus.confirm_mark_all_read():
            return
        self.menus.write(self.tr("全部标为已读"), lambda f=self.filter: self.reader.mark_all_read(f))


def _flag(value, default: bool) -> bool:
    """A boolean from QSettings' INI file ("true"/"false" strings), or `default` when absent."""
    if value is None:
        return default
    return value if isinstance(value, bool) else str(value).lower() == "true"

"""The reader pane's widgets and their layout: the search row, the filter chips, the sidebar and the list.

NewsPane (ui/panes/news_pane.py) holds what they do; this module only makes them, names them (the objectNames
docs/TESTING.md lists) and places them. Strings keep the "NewsPane" translation context they always had.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.news_search import NewsSearch
from desktop.ui.qt_props import props
from desktop.ui.style import colors
from desktop.ui.widgets.chip_delegate import ChipDelegate
from desktop.ui.widgets.chips import ChipBar
from desktop.ui.widgets.feed_tree import FeedTree
from desktop.ui.widgets.news_columns import NewsColumns, SidebarWidth

NAME = "newsPane"
RANGES = ((0, QT_TRANSLATE_NOOP("NewsPane", "全部时间")), (1, QT_TRANSLATE_NOOP("NewsPane", "今天")),
          (3, QT_TRANSLATE_NOOP("NewsPane", "近3天")), (7, QT_TRANSLATE_NOOP("NewsPane", "近7天")),
          (30, QT_TRANSLATE_NOOP("NewsPane", "近30天")))
translate = QCoreApplication.translate


def build(pane) -> None:
    """Makes the pane's widgets and lays them out; NewsPane wires what they do."""
    pane.searcher = NewsSearch(pane)      # the box, its completion, hit count and marked words
    pane.search, pane.search_count = pane.searcher.box, pane.searcher.count
    pane.range = props(QComboBox(pane), objectName="newsRange")
    for days, label in RANGES:
        pane.range.addItem(translate("NewsPane", label), days)
    pane.range.currentIndexChanged.connect(lambda _i: pane._set(since=pane._since(), until=None))
    pane.unread = props(QToolButton(pane), objectName="newsUnreadOnly", checkable=True, text=translate("NewsPane", "仅未读"))
    pane.unread.toggled.connect(lambda on: pane._set(unread=on))
    pane.link = props(QToolButton(pane), objectName="newsLink", checkable=True, checked=True, text=translate("NewsPane", "联动"))
    pane.link.setToolTip(translate("NewsPane", "联动：跟随其他面板选中的股票和主题；关闭后本面板保持自己的筛选"))
    top = QHBoxLayout()
    top.setContentsMargins(4, 4, 4, 0)
    top.addWidget(pane.search, 1)
    top.addWidget(pane.search_count)
    top.addWidget(pane.range)
    top.addWidget(pane.unread)
    top.addWidget(pane.link)
    pane.chips = ChipBar(pane, removable=True)
    pane.chips.setObjectName("newsFilters")
    pane.chips.removed.connect(pane._remove_filter)
    pane.chips.set_chips([])

    pane.tree = FeedTree(pane)
    pane.tree.view_selected.connect(pane._on_view)
    pane.table = props(QTableView(pane), objectName="newsList")
    pane.table.setModel(pane.model)
    pane.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    pane.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    pane.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    pane.table.setShowGrid(False)
    pane.table.setAlternatingRowColors(True)
    pane.table.setWordWrap(False)
    pane.table.verticalHeader().hide()
    pane.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)   # uniform rows: cheap layout
    pane.table.verticalHeader().setDefaultSectionSize(26)
    # The "↑ N new" pill and the empty state sit on the list's viewport, and are made when first needed
    # (after the first paint): the first viewport() call from Python makes PySide build some sixty enum
    # types of QtWidgets, ~10 ms of start-up (bench/startup.py).
    pane._new_button = None    # a QPushButton once needed (NewsPane.new_button)
    pane._empty = None         # a NewsEmptyState once needed (NewsPane.empty)
    pane.columns = NewsColumns(pane.table)   # widths: the title takes the room (widgets/news_columns.py)
    # Open on *selection*, not on current-index changes: focusing the list makes row 0 current (without
    # selecting it), and that must not open and mark read an article the user never chose.
    pane.table.selectionModel().selectionChanged.connect(pane._on_selection)
    # themes and stocks as chips; clicking one filters like everywhere else (a stock goes on the bus)
    pane.chip_delegate = ChipDelegate(lambda: colors(pane.settings["ui.theme"]), pane.table)
    pane.chip_delegate.chip_clicked.connect(pane._on_chip)
    pane.chip_delegate.chip_activated.connect(
        lambda kind, value: pane.bus.show_chart(value, NAME) if kind == "stock" else None)
    pane.table.setItemDelegate(pane.chip_delegate)
    pane.splitter = props(QSplitter(Qt.Orientation.Horizontal, pane), objectName="newsSplitter")
    pane.splitter.addWidget(pane.tree)
    right = QWidget(pane)
    rl = QVBoxLayout(right)
    rl.setContentsMargins(0, 0, 0, 0)
    rl.setSpacing(2)
    rl.addWidget(pane.table)
    pane.splitter.addWidget(right)
    pane.splitter.setStretchFactor(1, 1)
    pane.splitter.setSizes([150, 610])
    # as wide as the names need, within what the list's title leaves (widgets/news_columns.py)
    pane.sidebar = SidebarWidth(pane.splitter, pane.tree, pane.columns.least_width,
                                pane.columns.comfort_width)
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addLayout(top)
    layout.addWidget(pane.chips)
    layout.addWidget(pane.splitter, 1)


def span_text(since: int | None, until: int) -> str:
    """A span's chip: "11-19 15:00 – 11-20 24:00" in market time (Asia/Shanghai, as every time in the window)."""
    from datetime import datetime

    from desktop.core.market_hours import SHANGHAI

    def at(ts: int, end: bool = False) -> str:
        t = datetime.fromtimestamp(ts, SHANGHAI)
        if end and (t.hour, t.minute, t.second) == (0, 0, 0):    # the end of a day reads as its 24:00
            from datetime import timedelta

            return (t - timedelta(days=1)).strftime("%m-%d") + " 24:00"
        return t.strftime("%m-%d %H:%M")

    start = at(since) if since is not None else "…"
    return f"{start} – {at(until, end=True)}"

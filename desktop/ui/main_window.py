"""MainWindow: docks, menus, the status bar and banners only. Panes are built by gui_app.py and handed in.

What the window must know of the app is handed in too (the data directory, for the About box): it imports no
service. The Help menu's dialogs live in help_dialogs.py."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDockWidget, QLabel, QMainWindow, QTabBar, QToolBar, QWidget

from desktop.core.status import SourceState
from desktop.ui.qt_props import props
from desktop.ui.status_bar import MarketStatus, SourceStatus
from desktop.ui.style import style_banner

STATE_VERSION = 1
# A narrow window takes its room from the reader, not from the news list; the column on the right (the reader
# over the watchlist) keeps this much, so the watchlist's 代码 … 涨跌额 stay in view (keep_list_room).
RIGHT_KEEP = 380


class MainWindow(QMainWindow):
    refresh_requested = Signal()
    settings_requested = Signal()
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, window_state: QSettings, demo_label: str = "", parent=None, *, data_dir: str = ""):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("火花 Huohua") + (f" — {demo_label}" if demo_label else ""))
        self.window_state = window_state
        self.data_dir, self.demo_label = data_dir, demo_label     # shown in the About box
        self.dialogs: dict[str, QDialog] = {}                      # the Help menu's, built on first use
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.docks: dict[str, QDockWidget] = {}
        # No central widget: the panes are all docks, so users can arrange every one of them.
        self.banner = props(QLabel(self.tr("离线：无法连接任何数据源，正在显示本地缓存的数据")), objectName="offlineBanner")
        style_banner(self.banner)
        self.banner_bar = props(QToolBar(self.tr("离线提示"), self, movable=False), objectName="offlineBar")
        self.banner_bar.addWidget(self.banner)
        self.banner_bar.toggleViewAction().setVisible(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner_bar)
        self.banner_bar.hide()
        # Storage problems (read-only directory, full disk, damaged database): what happened and what to do.
        self.storage_banner = props(QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText), objectName="storageBanner")
        style_banner(self.storage_banner)
        self.storage_bar = props(QToolBar(self.tr("存储提示"), self, movable=False), objectName="storageBar")
        self.storage_bar.addWidget(self.storage_banner)
        self.storage_bar.toggleViewAction().setVisible(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.storage_bar)
        self.storage_bar.hide()
        self.storage_state = ""
        self.has_cache = False     # until the app has opened the database (a window of an earlier start set it)
        self.source_status = SourceStatus(self)
        self.market_status = MarketStatus(self)
        self.statusBar().addWidget(self.source_status)
        if demo_label:
            demo = props(QLabel(demo_label), objectName="demoBadge")
            style_banner(demo)
            self.statusBar().addPermanentWidget(demo)
        self.statusBar().addPermanentWidget(self.market_status)
        self._menus()

    def _menus(self) -> None:
        m = self.menuBar().addMenu(self.tr("文件(&F)"))
        m.addAction(self.tr("立即刷新"), "F5", self.refresh_requested.emit)
        m.addAction(self.tr("导入 OPML…"), self.import_requested.emit)
        m.addAction(self.tr("导出 OPML…"), self.export_requested.emit)
        m.addSeparator()
        m.addAction(self.tr("设置…"), "Ctrl+,", self.settings_requested.emit)
        m.addSeparator()
        m.addAction(self.tr("退出"), "Ctrl+Q", self.close)
        self.view_menu = self.menuBar().addMenu(self.tr("视图(&V)"))
        h = self.menuBar().addMenu(self.tr("帮助(&H)"))
        h.setObjectName("helpMenu")
        # "?" as a window shortcut: a text field keeps it for typing (QLineEdit accepts ShortcutOverride for
        # printable keys), as it keeps the reader's J/K/S/M
        self.shortcuts_action = h.addAction(self.tr("快捷键"), "?", self.show_shortcuts)
        self.shortcuts_action.setObjectName("helpShortcuts")
        h.addSeparator()
        self.about_action = h.addAction(self.tr("关于火花"), self.show_about)
        self.about_action.setObjectName("helpAbout")

    def show_shortcuts(self) -> QDialog:
        from desktop.ui.help_dialogs import ShortcutsDialog, show_dialog

        return show_dialog(self.dialogs, "shortcuts", lambda: ShortcutsDialog(self))

    def show_about(self) -> QDialog:
        from desktop.ui.help_dialogs import AboutDialog, show_dialog

        return show_dialog(self.dialogs, "about", lambda: AboutDialog(self.data_dir, bool(self.demo_label), self))

    def pane_title(self, key: str) -> str:
        return {"news": self.tr("资讯"), "article": self.tr("正文"), "heatmap": self.tr("板块热力图"),
                "watchlist": self.tr("自选股"), "chart": self.tr("K线"), "alerts": self.tr("提醒"), "movers": self.tr("异动"),
                "positions": self.tr("持仓"), "limitup": self.tr("涨停")}.get(key, key)

    def add_pane(self, key: str, widget: QWidget, area=Qt.DockWidgetArea.LeftDockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self.pane_title(key), self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        # a new tab group; the window as the timer's context: nothing runs once it is gone
        dock.dockLocationChanged.connect(lambda _area: QTimer.singleShot(0, self, self.tune_tab_bars))
        self.view_menu.addAction(dock.toggleViewAction())
        self.docks[key] = dock
        return dock

    def bring_to_front(self, key: str) -> None:
        """Show a dock (even one the user closed) and raise it over the docks tabbed with it."""
        dock = self.docks.get(key)
        if dock is not None:
            dock.show()
            dock.raise_()

    def install_shortcuts(self, pairs) -> None:
        """A pane's keys live on the main window: its shortcut context covers floating docks too, and a
        QLineEdit keeps letters for typing (ShortcutOverride)."""
        from PySide6.QtGui import QKeySequence, QShortcut

        for key, fn in pairs:
            QShortcut(QKeySequence(key), self, fn, context=Qt.ShortcutContext.WindowShortcut)

    def arrange_default(self) -> None:
        """The first-run layout: news left; article over heatmap/watchlist/chart (tabbed) on the right."""
        d = self.docks
        if {"article", "heatmap", "watchlist", "chart"} <= set(d):
            self.splitDockWidget(d["article"], d["heatmap"], Qt.Orientation.Vertical)
            self.tabifyDockWidget(d["heatmap"], d["watchlist"])
            if "movers" in d:                   # 异动 beside the heatmap: the market's moves as they happen
                self.tabifyDockWidget(d["heatmap"], d["movers"])
            if "limitup" in d:                  # 涨停 beside the heatmap: both show the whole market
                self.tabifyDockWidget(d["heatmap"], d["limitup"])
            if "positions" in d:                # 持仓 beside the watchlists
                self.tabifyDockWidget(d["watchlist"], d["positions"])
            self.tabifyDockWidget(d["watchlist"], d["chart"])
            if "alerts" in d:
                self.tabifyDockWidget(d["chart"], d["alerts"])
            d["watchlist"].raise_()
        self.tune_tab_bars()

    def size_default(self) -> None:
        """First run (no saved geometry): a size that shows every pane — 1440×900, or the screen's room when it
        is smaller (a 1024×700 screen got a window hanging off it) — with the list as wide as its titles need."""
        d = self.docks
        width, height = 1440, 900
        from PySide6.QtGui import QGuiApplication

        screen = self.screen()
        # offscreen (tests, the screenshots) has no screen to fit, only a nominal 800×600
        if screen is not None and QGuiApplication.platformName() != "offscreen":
            room = screen.availableGeometry()
            width, height = min(width, room.width()), min(height, room.height())
        self.resize(width, height)
        if {"news", "article", "heatmap"} <= set(d):
            # 57 %: the sidebar names its sources whole beside titles at their ease (at 53 % the demo's were cut)
            news = max(width * 820 // 1440, self._list_room(width))
            self.resizeDocks([d["news"], d["article"]], [news, width - news], Qt.Orientation.Horizontal)
            self.resizeDocks([d["article"], d["heatmap"]], [height * 540 // 900, height * 320 // 900], Qt.Orientation.Vertical)

    def _list_room(self, width: int) -> int:
        """The news dock's width in a window `width` wide: what its titles need (the pane's size hint), as long
        as the column on the right keeps RIGHT_KEEP."""
        news = self.docks.get("news")
        if news is None or news.widget() is None:
            return 0
        return max(0, min(news.widget().sizeHint().width(), width - RIGHT_KEEP))

    def keep_list_room(self) -> None:
        """When the window narrows, the reader gives way before the news list: the list keeps the width its
        titles need (at 1024 px the empty reader kept half the window while the titles showed two characters).
        Only while the list and the reader are docked side by side; a width the user gives the list above that
        is theirs."""
        news, article = self.docks.get("news"), self.docks.get("article")
        if news is None or article is None or news.isHidden() or article.isHidden() \
                or news.isFloating() or article.isFloating() \
                or self.dockWidgetArea(news) == self.dockWidgetArea(article):
            return
        want = self._list_room(self.width())
        if news.width() < want:
            self.resizeDocks([news], [want], Qt.Orientation.Horizontal)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.keep_list_room()

    # -- status ------------------------------------------------------------------------------------------
    _has_cache = False

    @property
    def has_cache(self) -> bool:
        """Anything stored to show (articles or quotes): set by the app after the open and on commits."""
        return self._has_cache

    @has_cache.setter
    def has_cache(self, value: bool) -> None:
        from desktop.ui.error_text import set_saved

        self._has_cache = bool(value)
        set_saved(self._has_cache)   # the offline advice says saved content stays readable only when there is some

    offline_since: int | None = None   # when the offline banner went up (None: it is down)

    def apply_settings(self, keys: frozenset[str], settings) -> None:
        """The app-wide settings: the theme now; a new language at the next start (said in the status bar)."""
        if "ui.theme" in keys:
            from PySide6.QtWidgets import QApplication

            from desktop.ui.style import apply_theme

            apply_theme(cast(QApplication, QApplication.instance()), settings["ui.theme"])
        if "ui.language" in keys:
            self.statusBar().showMessage(self.tr("界面语言将在重启后生效"), 10_000)

    def source_idle(self, name: str) -> bool:
        """Whether source `name` ("feeds", "quotes" …) has reported nothing yet this run."""
        return self.source_status.states[name].state == "idle"

    def update_source(self, st: SourceState) -> None:
        """The offline banner goes up when every source that tried failed to reach a server (a deadline passed
        without an answer counts), and comes down only when something actually succeeds: a failure of another
        kind, or a source going quiet, is no proof that the network is back."""
        from desktop.core import clock
        from desktop.core.status import is_success

        self.source_status.update_state(st)
        if self.source_status.all_unreachable():
            if self.offline_since is None:
                self.offline_since = clock.now_s()
        elif self.offline_since is not None and is_success(st, self.offline_since):
            self.offline_since = None
        offline = self.offline_since is not None
        if offline:   # mention cached data only when there is some (a first run offline has none)
            self.banner.setText(self.tr("离线：无法连接任何数据源，正在显示本地缓存的数据") if self.has_cache else
                                self.tr("离线：无法连接任何数据源，还没有已保存的数据。请检查网络连接，恢复后会自动获取"))
        self.banner_bar.setVisible(offline)

    def set_storage_state(self, state: str, detail: str = "") -> None:
        """state: "" (fine) | "read_only" | "disk_full" | "damaged" | "error"; detail names the path or cause."""
        self.storage_state = state
        texts = {
            "read_only": self.tr("数据目录只读：只显示已保存的数据，无法保存新数据，已停止抓取。"
                                 "请换一个可写的数据目录（--data-dir 或 HUOHUA_DATA_DIR）。"),
            "disk_full": self.tr("磁盘已满：新数据无法保存（已保存的数据没有丢失），抓取已暂停。"
                                 "请释放磁盘空间，空间恢复后会自动继续。"),
            "damaged": self.tr("数据库已损坏：请关闭火花后运行 huohua db check 查看，"
                               "再用 huohua db recover 恢复可读的数据（损坏的文件会保留）。"),
            "error": self.tr("数据库无法打开："),
        }
        text = texts.get(state, "")
        if text and detail:
            text = f"{text}\n{detail}"
        self.storage_banner.setText(text)
        self.storage_bar.setVisible(bool(text))

    # -- persistence -------------------------------------------------------------------------------------
    def tune_tab_bars(self) -> None:
        """Tabbed docks say their whole title; when a group's tabs do not fit, its bar scrolls (arrows) instead of
        cutting every title to a letter — nine panes in one group read "C…", "A…" at 1024 px in English."""
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):   # the docks' bars, not a pane's
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setUsesScrollButtons(True)

    def restore(self) -> bool:
        geometry = self.window_state.value("window/geometry")
        state = self.window_state.value("window/state")
        ok = False
        if isinstance(geometry, QByteArray):
            ok = self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            ok = self.restoreState(state, STATE_VERSION) and ok
        self.tune_tab_bars()
        return ok

    def save(self) -> None:
        self.window_state.setValue("window/geometry", self.saveGeometry())
        self.window_state.setValue("window/state", self.saveState(STATE_VERSION))
        self.window_state.sync()

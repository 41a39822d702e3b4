"""The Help menu's two windows: the keyboard shortcuts sheet (快捷键, also on `?`) and the About box (关于火花).

Both are plain dialogs shown without blocking the window (MainWindow keeps one of each and raises it again).

SHORTCUTS is every key the window has, grouped as a newcomer meets them: the menus' keys (main_window.py), the
panes' `shortcuts()` (installed on the window by gui_app.py), and the keys widgets handle themselves (the
watchlist's event filter, the stock finder, the heatmap, the stock chips). A pane that adds a key adds its row
here too (tests/ui/test_help_and_quit.py fails until it does). Each row names the key sequences it
stands for, so a test can check that every QShortcut and menu shortcut of the window is listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.qt_props import props

CONTEXT = "ShortcutsDialog"

# (group, rows); a row is (the key as shown — a key name as written, or words to translate —, the key sequences
# it stands for in Qt's portable form, what it does). Rows with no sequence are keys a widget handles itself.
SHORTCUTS: tuple[tuple[str, tuple[tuple[str, tuple[str, ...], str], ...]], ...] = (
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "窗口"), (
        ("F5", ("F5",), QT_TRANSLATE_NOOP("ShortcutsDialog", "立即刷新（获取全部订阅源）")),
        ("Ctrl+,", ("Ctrl+,",), QT_TRANSLATE_NOOP("ShortcutsDialog", "打开设置")),
        ("Ctrl+R", ("Ctrl+R",), QT_TRANSLATE_NOOP("ShortcutsDialog", "复盘（当日市场回顾）")),
        ("?", ("?",), QT_TRANSLATE_NOOP("ShortcutsDialog", "快捷键（本表）")),
        ("Ctrl+Q", ("Ctrl+Q",), QT_TRANSLATE_NOOP("ShortcutsDialog", "退出火花")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "资讯与正文"), (
        ("J", ("J",), QT_TRANSLATE_NOOP("ShortcutsDialog", "下一篇")),
        ("K", ("K",), QT_TRANSLATE_NOOP("ShortcutsDialog", "上一篇")),
        ("Space", ("Space",), QT_TRANSLATE_NOOP("ShortcutsDialog", "正文向下翻页，到底后打开下一篇")),
        ("O", ("O",), QT_TRANSLATE_NOOP("ShortcutsDialog", "在浏览器中打开原文")),
        ("S", ("S",), QT_TRANSLATE_NOOP("ShortcutsDialog", "加星标 / 取消星标")),
        ("M", ("M",), QT_TRANSLATE_NOOP("ShortcutsDialog", "标为已读 / 未读")),
        ("/", ("/",), QT_TRANSLATE_NOOP("ShortcutsDialog", "搜索资讯（也可输入股票代码、名称或拼音首字母）")),
        ("Ctrl+F", ("Ctrl+F",), QT_TRANSLATE_NOOP("ShortcutsDialog", "搜索资讯（同 /）")),
        ("Shift+A", ("Shift+A",), QT_TRANSLATE_NOOP("ShortcutsDialog", "当前筛选下的资讯全部标为已读")),
        ("Enter", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "在股票标签上：显示该股票的 K 线")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "自选股"), (
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "数字或字母"), (),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "打开键盘精灵，按代码、名称或拼音首字母找股票")),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Enter / 双击"), (),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "显示该股票的 K 线")),
        ("Delete", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "从列表中删除所选股票")),
        ("Ctrl+↑ / Ctrl+↓", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "上移 / 下移所选股票")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "键盘精灵"), (
        ("Enter", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "选中该股票，显示其 K 线")),
        ("Ctrl+Enter / Insert", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "加入当前显示的自选列表")),
        ("↑ ↓ PgUp PgDn", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "在结果中移动")),
        ("Esc", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "关闭键盘精灵")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "板块热力图"), (
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "方向键"), (),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "在方块之间移动并选中")),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Enter / 双击"), (),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "进入板块；个股则显示 K 线")),
        ("Esc", (), QT_TRANSLATE_NOOP("ShortcutsDialog", "返回上一级")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "提醒"), (
        ("Ctrl+Alt+A", ("Ctrl+Alt+A",), QT_TRANSLATE_NOOP("ShortcutsDialog", "为当前选中的股票添加提醒")),
    )),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "持仓"), (
        ("Ctrl+Shift+H", ("Ctrl+Shift+H",), QT_TRANSLATE_NOOP("ShortcutsDialog", "隐藏金额 / 显示金额（持仓和状态栏）")),
    )),
)


def listed_sequences() -> set[str]:
    """Every key sequence the sheet names, in Qt's portable form ("Shift+A")."""
    return {QKeySequence(seq).toString() for _group, rows in SHORTCUTS for _key, seqs, _what in rows
            for seq in seqs}


def _key_text(key: str) -> str:
    """Words ("数字或字母") are translated; key names are shown as written."""
    return QCoreApplication.translate(CONTEXT, key)


class ShortcutsDialog(QDialog):
    """The sheet: one tree, a group per part of the window, key and what it does."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("快捷键"))
        self.table = props(QTreeWidget(self), objectName="shortcutsTable")
        self.table.setColumnCount(2)
        self.table.setHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for group, rows in SHORTCUTS:
            head = QTreeWidgetItem(self.table, [QCoreApplication.translate(CONTEXT, group)])
            head.setFirstColumnSpanned(True)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            for key, _seqs, what in rows:
                QTreeWidgetItem(head, [_key_text(key), QCoreApplication.translate(CONTEXT, what)])
        self.table.expandAll()
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        note = QLabel(self.tr("字母键在输入框里照常输入文字；在自选股列表上输入字母会打开键盘精灵。"), self,
                      wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(560, 680)

    def keys(self) -> list[str]:
        """The key column as shown, top to bottom (for tests)."""
        out: list[str] = []
        for head in self._groups():
            out.extend(_child(head, j).text(0) for j in range(head.childCount()))
        return out

    def rows(self) -> list[tuple[str, str, str]]:
        """(group, key, what it does) as shown."""
        out: list[tuple[str, str, str]] = []
        for head in self._groups():
            out.extend((head.text(0), _child(head, j).text(0), _child(head, j).text(1)) for j in range(head.childCount()))
        return out

    def _groups(self) -> list[QTreeWidgetItem]:
        heads = [self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount())]
        return [head for head in heads if head is not None]     # (each index is in range: none is None)


# Where the bundled data came from: resources/stocks/SOURCES.md and the header of resources/nicknames.toml
# say it in full; these lines name the sources and their licences (repository names are not translated).
STOCK_SOURCES = ("ColinYYCC/stock-matrix, yhhe2004/QuantSandbox (MIT), yzq129/quant-factor, 1nchaos/adata "
                 "(Apache-2.0), wenyuanw/a-share-heatmap (MIT), michaelluetw-bit/daily_stock_analysis (MIT)")
NICKNAME_SOURCES = ("justlikethis1/finance_helper, zhangyics/Chinese-abbreviation-dataset, thunlp/THUOCL (MIT), "
                    "wainshine/Company-Names-Corpus (Apache-2.0), jieba (MIT), always1ov/wbmcp, "
                    "YOUSOYOUSO/ZsxqCrawler")


class AboutDialog(QDialog):
    """Name, version, the data directory (with a button that opens it) and the bundled data's sources.
    `temporary`: the directory is the demo's or a replay's, deleted when the app quits."""

    def __init__(self, data_dir: str, temporary: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于火花"))
        self.data_dir = data_dir
        self.open_url: Callable[[QUrl], Any] = lambda url: QDesktopServices.openUrl(url)     # tests replace it
        from desktop.config import resources_dir

        resources = resources_dir()
        name = QLabel(self.tr("火花 Huohua"), self)
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        name.setFont(font)
        self.version = props(QLabel(self.tr("版本 {0}").format(__version__), self), objectName="aboutVersion")
        blurb = QLabel(self.tr("A 股资讯与行情监控。以 MIT 许可发布。"), self, wordWrap=True)
        where = self.tr("数据目录：{0}").format(data_dir)
        if temporary:      # the demo's and a replay's
            where += "\n" + self.tr("（临时目录，退出时删除）")
        self.dir_label = props(QLabel(where, self, wordWrap=True, textFormat=Qt.TextFormat.PlainText), objectName="aboutDataDir")
        self.dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_dir = props(QPushButton(self.tr("在文件管理器中打开数据目录"), self), objectName="aboutOpenDataDir")
        open_dir.clicked.connect(self._open_data_dir)
        heading = QLabel(self.tr("随附数据"), self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        lines = [
            self.tr("股票列表（截至 2026-08-21 收盘）：整理自 GitHub 上的公开快照：{0}。stock-matrix 没有许可文件；"
                    "代码与名称是交易所公开的信息。详见 {1}").format(STOCK_SOURCES,
                                                                resources / "stocks" / "SOURCES.md"),
            self.tr("公司简称与市场昵称：{0}，以及新闻报道。详见 {1} 的开头").format(NICKNAME_SOURCES,
                                                                        resources / "nicknames.toml"),
            self.tr("演示数据：合成的行情与资讯，不是真实行情。"),
        ]
        self.sources = props(QLabel("\n\n".join("• " + line for line in lines), self, wordWrap=True, textFormat=Qt.TextFormat.PlainText),
                             objectName="aboutSources")
        self.sources.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(name)
        lay.addWidget(self.version)
        lay.addWidget(blurb)
        lay.addSpacing(8)
        lay.addWidget(self.dir_label)
        row = QHBoxLayout()
        row.addWidget(open_dir)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addSpacing(8)
        lay.addWidget(heading)
        lay.addWidget(self.sources)
        lay.addStretch(1)
        lay.addWidget(buttons)
        self.resize(600, 480)

    def _open_data_dir(self) -> None:
        from desktop.ui.links import open_local_folder

        open_local_folder(self.data_dir, opener=self.open_url)   # a folder we name, never a stored link


def show_dialog(holder: dict[str, QDialog], key: str, make: Callable[[], QDialog]) -> QDialog:
    """Show the dialog kept under `key` (built by `make` on first use), brought to the front if already open."""
    dialog = holder.get(key)
    if dialog is None:
        dialog = holder[key] = make()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _child(head: QTreeWidgetItem, j: int) -> QTreeWidgetItem:
    child = head.child(j)
    assert child is not None            # j < head.childCount()
    return child

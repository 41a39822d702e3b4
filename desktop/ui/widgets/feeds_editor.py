"""FeedsEditor: the 订阅源 tab of the settings dialog — list, add, remove, rename, move, rename a folder, OPML
import and export.

Every write goes through ReaderService, waits for its Future (the writer commits within milliseconds) and
reloads the list; a failure is shown in the message line under the buttons, never raised. The modal bits
(confirmation, file choosers) are plain callable attributes, so tests and callers can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.config import SETTINGS
from desktop.core.errors import OpmlError
from desktop.core.schedule import relative_to_rsshub, resolve_feed_url, valid_feed_url
from desktop.services.feeds_io import export_opml, read_feeds
from desktop.ui.error_text import describe, headline
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props
from desktop.ui.style import RED

WRITE_TIMEOUT_S = 10.0
FOLDER, TITLE, URL, INTERVAL, ERROR = range(5)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIN_INTERVAL_MIN = int(next(s.minimum for s in SETTINGS if s.key == "feeds.interval_min") or 1)


def ask_question(parent: QWidget, title: str, text: str) -> bool:
    """The default `confirm`: a Yes/No box, No by default (deleting a feed deletes its articles)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)        # the text quotes a feed's title: never markup (ui/plain.py)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def chosen_path(result: Any) -> str:
    """QFileDialog returns (path, selected filter); a replacement may return just the path. "" = cancelled."""
    if isinstance(result, tuple):
        result = result[0] if result else ""
    return str(result or "")


def clean_folder(text: str) -> str:
    """"  科技 / 创投/ " → "科技/创投": no empty or padded path parts."""
    return "/".join(p.strip() for p in text.split("/") if p.strip())


class FeedsEditor(QWidget):
    feeds_changed = Signal()            # after any successful write

    def __init__(self, reader, settings, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsFeeds")
        self.reader, self.settings = reader, settings
        self.confirm: Callable[[QWidget, str, str], bool] = ask_question
        self.choose_open_file: Callable[..., Any] = QFileDialog.getOpenFileName
        self.choose_save_file: Callable[..., Any] = QFileDialog.getSaveFileName
        self._loading = False
        self._build()
        self.reload()

    # -- layout ------------------------------------------------------------------------------------------
    def _button(self, name: str, text: str, slot) -> QPushButton:
        b = props(QPushButton(text, self, autoDefault=False), objectName=name)
        b.clicked.connect(slot)
        return b

    def _edit(self, name: str, placeholder: str, slot=None) -> QLineEdit:
        e = props(QLineEdit(self, clearButtonEnabled=True, placeholderText=placeholder), objectName=name)
        if slot is not None:
            e.returnPressed.connect(slot)
        return e

    def _build(self) -> None:
        t = self.table = props(QTableWidget(0, 5, self), objectName="feedsTable")
        t.setHorizontalHeaderLabels([self.tr("文件夹"), self.tr("标题"), self.tr("地址"), self.tr("间隔（分钟）"),
                                     self.tr("上次错误")])
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.SelectedClicked)
        t.verticalHeader().hide()
        t.setWordWrap(False)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(URL, QHeaderView.ResizeMode.Stretch)
        # at least as wide as the header's text in the interface's language ("Interval (min)" lost its ends)
        for col, width in ((FOLDER, 90), (TITLE, 170), (INTERVAL, 80), (ERROR, 160)):
            t.setColumnWidth(col, max(width, header.sectionSizeHint(col)))
        t.itemChanged.connect(self._item_edited)
        t.itemSelectionChanged.connect(self._selection_changed)

        self.add_url = self._edit("feedAddUrl", self.tr("订阅地址：https://… 或 rsshub:/路由"), self.add_feed)
        self.add_folder = self._edit("feedAddFolder", self.tr("文件夹（可空）"), self.add_feed)
        self.add_button = self._button("feedAdd", self.tr("添加"), self.add_feed)
        self.remove_button = self._button("feedRemove", self.tr("删除"), self.remove_selected)
        self.rename_button = self._button("feedRename", self.tr("重命名"), self.rename_selected)
        self.rename_button.setToolTip(self.tr("也可以双击标题或间隔直接修改"))
        self.move_folder = self._edit("feedMoveFolder", self.tr("目标文件夹（留空 = 不放入文件夹）"), self.move_selected)
        self.move_button = self._button("feedMove", self.tr("移动到文件夹"), self.move_selected)
        self.folder_from = props(QComboBox(self, minimumContentsLength=8), objectName="folderRenameFrom")
        self.folder_to = self._edit("folderRenameTo", self.tr("新文件夹名"), self.rename_folder)
        self.folder_button = self._button("folderRename", self.tr("重命名文件夹"), self.rename_folder)
        self.import_button = self._button("opmlImport", self.tr("导入 OPML…"), self.import_opml)
        self.export_button = self._button("opmlExport", self.tr("导出 OPML…"), self.export_opml)
        self.message = props(QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText), objectName="feedsMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        for widgets in ([self.add_url, 3, self.add_folder, 1, self.add_button],
                        [self.remove_button, self.rename_button, self.move_folder, 1, self.move_button],
                        [QLabel(self.tr("文件夹"), self), self.folder_from, 1, QLabel("→", self), self.folder_to, 1,
                         self.folder_button],
                        [self.import_button, self.export_button]):
            line = QHBoxLayout()
            for i, w in enumerate(widgets):   # a number after a widget is its stretch factor
                if isinstance(w, QWidget):
                    nxt = widgets[i + 1] if i + 1 < len(widgets) else None
                    line.addWidget(w, nxt if isinstance(nxt, int) else 0)
            if not any(isinstance(w, int) for w in widgets):
                line.addStretch(1)
            layout.addLayout(line)
        layout.addWidget(self.message)
        self._selection_changed()

    def keyPressEvent(self, event) -> None:
        # Enter in one of our line edits runs its action; it must not reach the dialog and press OK.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- list --------------------------------------------------------------------------------------------
    def reload(self, select: set[int] | None = None, folder: str = "") -> None:
        """Re-read every feed, keeping the selection (or selecting `select`) and the folder being renamed."""
        keep = self.selected_ids() if select is None else set(select)
        try:
            feeds = self.reader.feeds()
        except Exception as exc:  # StoreError, sqlite3.Error: show it, keep the dialog usable
            self._say(self.tr("无法读取订阅源：{0}").format(exc), error=True)
            return
        self._loading = True
        self.table.clearSelection()
        self.table.setRowCount(len(feeds))
        base = self.settings["rsshub.base_url"]
        for row, f in enumerate(feeds):
            # the cell says what happened in the UI's language; the tooltip adds what to do and the source's words
            error = headline(" ".join((f.last_error or "").split()))
            cells = (f.folder, f.title, f.url, f"{f.interval_s / 60:g}", error)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col not in (TITLE, INTERVAL):
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if error:
                    item.setToolTip(plain_tip(self.tr("上次抓取失败（连续 {0} 次）：{1}").format(
                        max(f.failures, 1), describe(f.last_error))))
                    if col == ERROR:
                        item.setForeground(QColor(RED))
                elif col == URL and f.is_rsshub:
                    item.setToolTip(plain_tip(resolve_feed_url(f.url, base)))
                self.table.setItem(row, col, item)
            self._cell(row, FOLDER).setData(ID_ROLE, f.id)
        selection = self.table.selectionModel()
        for row in range(len(feeds)):
            if self._id(row) in keep:
                selection.select(self.table.model().index(row, 0),
                                 QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        current = folder or self.folder_from.currentText()
        self.folder_from.clear()
        self.folder_from.addItems(sorted({f.folder for f in feeds if f.folder}))
        self.folder_from.setCurrentIndex(max(self.folder_from.findText(current), 0))
        self._selection_changed()
        self._loading = False

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None                  # load() fills every cell of every row
        return item

    def _id(self, row: int) -> int | None:
        item = self.table.item(row, FOLDER)
        return item.data(ID_ROLE) if item is not None else None

    def selected_ids(self) -> set[int]:
        return {fid for i in self.table.selectionModel().selectedRows() if (fid := self._id(i.row())) is not None}

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        for b in (self.remove_button, self.move_button):
            b.setEnabled(bool(rows))
        self.rename_button.setEnabled(len(rows) == 1)
        self.folder_button.setEnabled(self.folder_from.count() > 0)
        if len(rows) == 1 and not self._loading:
            folder = self._cell(rows[0].row(), FOLDER).text()
            if folder:
                self.folder_from.setCurrentIndex(self.folder_from.findText(folder))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {RED};" if error else "")
        self.message.setProperty("error", error)

    # -- writes ------------------------------------------------------------------------------------------
    def _write(self, submit: Callable[[], Future]) -> tuple[bool, Any]:
        """Submit one write and wait for it. Returns (ok, result); on failure the message line says why."""
        try:
            result = submit().result(timeout=WRITE_TIMEOUT_S)
        except KeyError:
            self._say(self.tr("该订阅源已不存在"), error=True)
            return False, None
        except Exception as exc:  # StoreError, sqlite3.Error, timeout: reported, never raised into Qt
            self._say(self.tr("保存失败：{0}").format(str(exc) or type(exc).__name__), error=True)
            return False, None
        self.feeds_changed.emit()
        return True, result

    def _interval_s(self) -> int:
        return int(self.settings["feeds.interval_min"]) * 60

    def add_feed(self) -> None:
        raw = self.add_url.text().strip()
        if not raw:
            self._say(self.tr("请输入订阅地址"), error=True)
            return
        url = relative_to_rsshub(raw, self.settings["rsshub.base_url"])
        if not valid_feed_url(url):
            self._say(self.tr("不是有效的订阅地址：应以 http://、https:// 或 rsshub:/ 开头"), error=True)
            return
        folder = clean_folder(self.add_folder.text())
        ok, result = self._write(lambda: self.reader.add_feed(url, folder, self._interval_s()))
        if not ok:
            return
        ids = result[0]
        if ids:
            self._say(self.tr("已添加：{0}").format(url))
            self.add_url.clear()
        else:
            self._say(self.tr("已订阅过：{0}").format(url))
        self.reload(select=set(ids) or None)

    def remove_selected(self) -> None:
        ids = sorted(self.selected_ids())
        if not ids:
            return
        if len(ids) == 1:
            row = self.table.selectionModel().selectedRows()[0].row()
            name = self._cell(row, TITLE).text() or self._cell(row, URL).text()
            text = self.tr("删除订阅源“{0}”及其全部文章？").format(name)
        else:
            text = self.tr("删除选中的 {0} 个订阅源及其全部文章？").format(len(ids))
        if not self.confirm(self, self.tr("删除订阅源"), text):
            return
        articles = done = 0
        for fid in ids:
            ok, result = self._write(partial(self.reader.remove_feed, fid))
            if not ok:
                break
            done, articles = done + 1, articles + result[0]
        if done:
            self._say(self.tr("已删除 {0} 个订阅源（{1} 篇文章）").format(done, articles))
        self.reload(select=set())

    def rename_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) == 1:
            item = self._cell(rows[0].row(), TITLE)
            self.table.setCurrentItem(item)
            self.table.editItem(item)

    def _item_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() not in (TITLE, INTERVAL):
            return
        fid = self._id(item.row())
        assert fid is not None                   # every row carries its feed's id
        text = item.text().strip()
        if item.column() == TITLE:
            if self._write(lambda: self.reader.update_feed(fid, title=text))[0]:
                self._say(self.tr("已重命名为“{0}”").format(text))
        else:
            try:
                minutes = int(text)
            except ValueError:
                minutes = 0
            if minutes < MIN_INTERVAL_MIN:
                self._say(self.tr("抓取间隔至少 {0} 分钟").format(MIN_INTERVAL_MIN), error=True)
            elif self._write(lambda: self.reader.update_feed(fid, interval_s=minutes * 60))[0]:
                self._say(self.tr("抓取间隔已改为 {0} 分钟").format(minutes))
        # Not now: this runs inside the item's own setData, and reloading would delete the item under it.
        QTimer.singleShot(0, self, lambda: self.reload(select={fid}))

    def move_selected(self) -> None:
        ids = sorted(self.selected_ids())
        if not ids:
            return
        folder = clean_folder(self.move_folder.text())
        for fid in ids:
            if not self._write(partial(self.reader.update_feed, fid, folder=folder))[0]:
                break
        else:
            self._say(self.tr("已移动到“{0}”").format(folder) if folder else self.tr("已移出文件夹"))
        self.reload(select=set(ids))

    def rename_folder(self) -> None:
        old, new = self.folder_from.currentText(), clean_folder(self.folder_to.text())
        if not old:
            return
        if not new:
            self._say(self.tr("请输入新文件夹名"), error=True)
            return
        if new != old and self._write(lambda: self.reader.rename_folder(old, new))[0]:
            self._say(self.tr("文件夹“{0}”已重命名为“{1}”").format(old, new))
            self.folder_to.clear()
            self.reload(folder=new)
            return
        self.reload()

    # -- OPML --------------------------------------------------------------------------------------------
    def import_opml(self) -> None:
        path = chosen_path(self.choose_open_file(self, self.tr("导入 OPML"), "",
                                                 self.tr("OPML 文件 (*.opml *.xml);;所有文件 (*)")))
        if not path:
            return
        try:
            new = read_feeds(Path(path), self.settings["rsshub.base_url"], self._interval_s())
        except OSError as exc:
            self._say(self.tr("无法读取 {0}：{1}").format(path, exc.strerror or exc), error=True)
            return
        except OpmlError as exc:
            self._say(self.tr("导入失败，未导入任何订阅源：{0}").format(exc), error=True)
            return
        if not new:
            self._say(self.tr("文件中没有订阅源"), error=True)
            return
        found = new
        ok, result = self._write(lambda: self.reader.import_feeds(new))   # one transaction: all or nothing
        if ok:
            ids = result[0]
            self._say(self.tr("已导入 {0} 个新订阅源（{1} 个已订阅过）").format(len(ids), len(found) - len(ids)))
        self.reload()

    def export_opml(self) -> None:
        path = chosen_path(self.choose_save_file(self, self.tr("导出 OPML"), "huohua.opml",
                                                 self.tr("OPML 文件 (*.opml *.xml)")))
        if not path:
            return
        try:
            feeds = self.reader.feeds()
            export_opml(Path(path), feeds, self.settings["rsshub.base_url"])
        except OSError as exc:
            self._say(self.tr("无法写入 {0}：{1}").format(path, exc.strerror or exc), error=True)
            return
        except Exception as exc:  # the store could not be read
            self._say(self.tr("导出失败：{0}").format(exc), error=True)
            return
        self._say(self.tr("已导出 {0} 个订阅源到 {1}").format(len(feeds), path))

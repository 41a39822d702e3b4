"""SettingsDialog: feeds, general options, appearance and the data folder, in four tabs.

Feed edits (the 订阅源 tab) are written to the store at once — they are not undone by Cancel. Everything else is
held in the widgets until OK: then every value is validated, the changed ones are written with Settings.set,
the file is saved and the keys that changed are announced (`Settings.announce`: the window and the panes apply
them) and emitted as `settings_changed`. A bad value keeps the dialog open with
the reason shown above the buttons. Ranges come from the SETTINGS registry; no default is repeated here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.config import SETTINGS, Paths, Settings
from desktop.core.errors import ConfigError
from desktop.ui.plain import plain_tip
from desktop.ui.qt_props import props
from desktop.ui.style import RED
from desktop.ui.widgets.feeds_editor import FeedsEditor, chosen_path

SPEC = {s.key: s for s in SETTINGS}
SPIN_MAX = 99_999


def _forward(name: str) -> property:
    """A dialog attribute that reads and replaces the feeds editor's attribute of the same name."""
    return property(lambda self: getattr(self.feeds, name), lambda self, value: setattr(self.feeds, name, value))


class SettingsDialog(QDialog):
    settings_changed = Signal(list)     # keys whose values changed, after the file was saved
    rsshub_probed = Signal(bool, str)   # the RSSHub test's answer (from its thread, queued to this one)

    # Replaceable modal helpers (tests swap them for plain functions): confirm(parent, title, text) -> bool;
    # choose_open_file / choose_save_file(parent, caption, dir, filter) -> (path, filter) or path, "" = cancel.
    confirm = _forward("confirm")
    choose_open_file = _forward("choose_open_file")
    choose_save_file = _forward("choose_save_file")

    def __init__(self, settings: Settings, reader, paths: Paths, parent=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self.settings, self.reader, self.paths = settings, reader, paths
        self.open_url: Callable[[QUrl], Any] = lambda url: QDesktopServices.openUrl(url)
        self._fields: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {}

        self.tabs = props(QTabWidget(self), objectName="settingsTabs")
        self.feeds = FeedsEditor(reader, settings, self)
        self.tabs.addTab(self.feeds, self.tr("订阅源"))
        self.tabs.addTab(self._general_tab(), self.tr("通用"))
        self.tabs.addTab(self._appearance_tab(), self.tr("外观"))
        self.tabs.addTab(self._data_tab(), self.tr("数据"))
        self.error = props(QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText),
                           objectName="settingsError", visible=False)
        self.error.setStyleSheet(f"color: {RED};")
        self.buttons = props(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self),
                             objectName="settingsButtons")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(860, 580)
        self.load_values()

    # -- RSSHub ------------------------------------------------------------------------------------------
    def test_rsshub(self) -> None:
        """One click: does an RSSHub answer at the address typed (not yet saved)? On a thread (up to 3 s)."""
        import threading

        from desktop.services import rsshub

        url = self.rsshub.text().strip()
        self.rsshub_status.setText(self.tr("正在连接 %1 …").replace("%1", url))
        self.rsshub_subscribe.hide()
        threading.Thread(target=lambda: self.rsshub_probed.emit(*rsshub.probe(url)), daemon=True,
                         name="huohua-rsshub-probe").start()

    def _rsshub_routes_missing(self) -> list:
        from desktop.config import resources_dir
        from desktop.services import rsshub

        have = {f.url for f in self.reader.feeds()}
        return [f for f in rsshub.bundled_routes(resources_dir(), self.rsshub.text().strip()) if f.url not in have]

    def _rsshub_answered(self, ok: bool, error: str) -> None:
        if not ok:
            from desktop.ui.error_text import explain

            what, do = explain(error)
            self.rsshub_status.setText(self.tr("RSSHub 无法使用：%1。%2").replace("%1", what).replace("%2", do))
            self.rsshub_status.setToolTip(plain_tip(error))     # a server's error text: never markup
            self.rsshub_status.setStyleSheet(f"color: {RED};")
            return
        self.rsshub_status.setStyleSheet("")
        self.rsshub_status.setToolTip("")
        missing = self._rsshub_routes_missing()
        self.rsshub_status.setText(self.tr("RSSHub 可用。") + (self.tr("内置的 RSSHub 路由都已订阅。") if not missing
                                                             else ""))
        if missing:
            self.rsshub_subscribe.setText(self.tr("订阅内置的 %1 个 RSSHub 路由").replace("%1", str(len(missing))))
            self.rsshub_subscribe.show()

    def subscribe_rsshub_routes(self) -> None:
        """The bundled routes not subscribed yet (a first run without RSSHub skipped them)."""
        missing = self._rsshub_routes_missing()
        if missing:
            self.reader.import_feeds(missing).result(10)
            self.feeds.reload()
            self.feeds.feeds_changed.emit()
        self.rsshub_subscribe.hide()
        self.rsshub_status.setText(self.tr("已订阅 %1 个 RSSHub 路由。").replace("%1", str(len(missing))))

    # -- field helpers -----------------------------------------------------------------------------------
    def _bind(self, key: str, getter: Callable[[], Any], setter: Callable[[Any], None]) -> None:
        if key not in SPEC:
            raise KeyError(key)
        self._fields[key] = (getter, setter)

    def _spin(self, key: str, name: str, suffix: str) -> QSpinBox:
        spin = props(QSpinBox(self, suffix=suffix), objectName=name)
        minimum = SPEC[key].minimum
        spin.setRange(math.ceil(minimum) if minimum is not None else 0, SPIN_MAX)
        self._bind(key, spin.value, lambda v: spin.setValue(int(v)))
        return spin

    def _combo(self, key: str, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = props(QComboBox(self), objectName=name)
        for label, value in items:
            combo.addItem(label, value)
        self._bind(key, combo.currentData, lambda v: combo.setCurrentIndex(max(combo.findData(v), 0)))
        return combo

    def _line(self, key: str, name: str, placeholder: str = "") -> QLineEdit:
        edit = props(QLineEdit(self, placeholderText=placeholder, clearButtonEnabled=True), objectName=name)
        self._bind(key, lambda: edit.text().strip(), lambda v: edit.setText(str(v)))
        return edit

    @staticmethod
    def _form(page: QWidget) -> QFormLayout:
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    # -- tabs --------------------------------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        page = props(QWidget(self), objectName="settingsGeneral")
        form = self._form(page)
        minutes, seconds = self.tr(" 分钟"), self.tr(" 秒")
        self.rsshub = self._line("rsshub.base_url", "rsshubBaseUrl", "http://127.0.0.1:1200")
        self.rsshub.setToolTip(self.tr("rsshub:/ 开头的订阅源通过这个 RSSHub 实例抓取；公共的 rsshub.app 限制较多，"
                                       "建议自建"))
        test = props(QPushButton(self.tr("测试"), self, autoDefault=False), objectName="rsshubTest")
        test.clicked.connect(self.test_rsshub)
        row = QHBoxLayout()
        row.addWidget(self.rsshub, 1)
        row.addWidget(test)
        form.addRow(self.tr("RSSHub 地址"), row)
        help_ = props(QLabel(self.tr("RSSHub 是开源服务，把没有 RSS 的网站（如财联社电报、华尔街见闻）转成订阅源。需要在本机或自己的"
                               "服务器上运行（例如 docker run -p 1200:1200 diygod/rsshub），公共的 rsshub.app 屏蔽了"
                               "多数财经路由。rsshub:/ 开头的订阅源通过这里的地址抓取；首次启动时只有地址可用才会订阅内置的"
                               " RSSHub 路由。"), self, wordWrap=True, textFormat=Qt.TextFormat.PlainText),
                      objectName="rsshubHelp")
        help_.setStyleSheet("color: palette(mid);")
        form.addRow("", help_)
        self.rsshub_status = props(QLabel(self, wordWrap=True, textFormat=Qt.TextFormat.PlainText), objectName="rsshubStatus")
        self.rsshub_subscribe = props(QPushButton(self, autoDefault=False), objectName="rsshubSubscribe", visible=False)
        self.rsshub_subscribe.clicked.connect(self.subscribe_rsshub_routes)
        status_row = QHBoxLayout()
        status_row.addWidget(self.rsshub_status, 1)
        status_row.addWidget(self.rsshub_subscribe)
        form.addRow("", status_row)
        self.rsshub_probed.connect(self._rsshub_answered)
        form.addRow(self.tr("新订阅源的抓取间隔"), self._spin("feeds.interval_min", "feedsInterval", minutes))
        form.addRow(self.tr("自选股行情刷新"), self._spin("market.quotes_interval_s", "quotesInterval", seconds))
        form.addRow(self.tr("板块刷新"), self._spin("market.boards_interval_s", "boardsInterval", seconds))
        form.addRow(self.tr("全市场快照"), self._spin("market.snapshot_interval_min", "snapshotInterval", minutes))
        self.themes_file = self._line("news.themes_file", "themesFile", self.tr("可选：扩展或覆盖内置主题的 TOML 文件"))
        browse = props(QPushButton(self.tr("浏览…"), self, autoDefault=False), objectName="themesFileBrowse")
        browse.clicked.connect(self._browse_themes)
        row = QHBoxLayout()
        row.addWidget(self.themes_file, 1)
        row.addWidget(browse)
        form.addRow(self.tr("主题关键词文件"), row)
        retention = self._spin("news.retention_days", "retentionDays", self.tr(" 天"))
        retention.setSpecialValueText(self.tr("全部保留"))
        retention.setToolTip(self.tr("自动删除早于该天数的已读且未加星标的文章；0 表示全部保留"))
        form.addRow(self.tr("文章保留天数"), retention)
        mark = props(QCheckBox(self.tr("打开文章时标记为已读"), self), objectName="markReadOnOpen")
        self._bind("news.mark_read_on_open", mark.isChecked, lambda v: mark.setChecked(bool(v)))
        form.addRow("", mark)
        return page

    def _appearance_tab(self) -> QWidget:
        page = props(QWidget(self), objectName="settingsAppearance")
        form = self._form(page)
        form.addRow(self.tr("涨跌颜色"), self._combo("ui.colors", "colorConvention", [
            (self.tr("红涨绿跌"), "red_up"), (self.tr("绿涨红跌"), "green_up")]))
        form.addRow(self.tr("界面语言"), self._combo("ui.language", "language", [
            (self.tr("简体中文"), "zh_CN"), ("English", "en")]))
        note = props(QLabel(self.tr("界面语言在重启后生效"), self), objectName="languageNote")
        note.setEnabled(False)      # greyed: a hint, not a control
        form.addRow("", note)
        # 配色, not 主题: 主题 are the news themes (the sidebar, the heatmap's baskets)
        form.addRow(self.tr("配色"), self._combo("ui.theme", "uiTheme", [
            (self.tr("浅色"), "light"), (self.tr("深色"), "dark")]))
        return page

    def _data_tab(self) -> QWidget:
        page = props(QWidget(self), objectName="settingsData")
        form = self._form(page)
        for label, name, path in ((self.tr("数据目录"), "dataDirLabel", self.paths.data_dir),
                                  (self.tr("数据库文件"), "dbPathLabel", self.paths.db),
                                  (self.tr("设置文件"), "settingsFileLabel", self.paths.settings_file)):
            value = props(QLabel(str(path), self, textFormat=Qt.TextFormat.PlainText), objectName=name)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            form.addRow(label, value)
        button = props(QPushButton(self.tr("在文件管理器中打开数据目录"), self, autoDefault=False),
                       objectName="openDataDir")
        button.clicked.connect(self.open_data_dir)
        form.addRow("", button)
        return page

    def _browse_themes(self) -> None:
        start = self.themes_file.text().strip() or str(self.paths.config_dir)
        path = chosen_path(self.choose_open_file(self, self.tr("选择主题关键词文件"), start,
                                                 self.tr("TOML 文件 (*.toml);;所有文件 (*)")))
        if path:
            self.themes_file.setText(path)

    def open_data_dir(self) -> None:
        from desktop.ui.links import open_local_folder

        open_local_folder(str(self.paths.data_dir), opener=self.open_url)   # a folder we name, never a stored link

    # -- values ------------------------------------------------------------------------------------------
    def load_values(self) -> None:
        """Show the current settings in the widgets (discarding unsaved edits)."""
        for key, (_get, put) in self._fields.items():
            put(self.settings.get(key))
        self.error.hide()

    def values(self) -> dict[str, Any]:
        return {key: get() for key, (get, _put) in self._fields.items()}

    def _validate(self, values: dict[str, Any]) -> None:
        """Raise ConfigError for the first bad value: registry checks first, then what the registry can't say."""
        scratch = Settings(self.settings.path)     # checks types, choices and minimums without touching ours
        for key, value in values.items():
            scratch.set(key, value)
        parts = urlsplit(values["rsshub.base_url"])
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(self.tr("RSSHub 地址应以 http:// 或 https:// 开头，例如 http://127.0.0.1:1200"))
        themes = values["news.themes_file"]
        if themes and themes != self.settings.get("news.themes_file"):
            path = Path(themes).expanduser()
            if not path.is_file():
                raise ConfigError(self.tr("主题关键词文件不存在：{0}").format(themes))
            from desktop.services.themes import check_themes_file

            try:
                check_themes_file(path)     # ConfigError when unreadable
            except (TypeError, ValueError) as exc:
                raise ConfigError(self.tr("主题关键词文件格式有误：{0}").format(exc)) from None

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        values = self.values()
        try:
            self._validate(values)
        except ConfigError as exc:
            self._fail(self.tr("设置无效：{0}").format(exc))
            return
        # Only changed values are written: an untouched default stays a default (a later version may change it).
        before = {key: self.settings.get(key) for key in values}
        changed = [key for key, value in values.items() if value != before[key]]
        try:
            for key in changed:
                self.settings.set(key, values[key])
            self.settings.save()
        except ConfigError as exc:
            self._fail(self.tr("设置无效：{0}").format(exc))
            return
        except OSError as exc:
            for key in changed:             # not saved: leave the settings as they were, so OK can retry
                self.settings.set(key, before[key])
            self._fail(self.tr("无法保存设置文件 {0}：{1}").format(self.settings.path, exc.strerror or exc))
            return
        self.error.hide()
        if changed:
            self.settings_changed.emit(changed)
            self.settings.announce(changed)     # the window and every pane apply what concerns them
        super().accept()

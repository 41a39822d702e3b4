"""The File menu's feed actions: import/export OPML and the settings dialog.

OPML goes through services/feeds_io (the CLI's and the feeds editor's path too); the file is read and the
writer waited for on a task thread, never on the GUI thread. Errors go to the status bar, never a modal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from desktop.ui import ops

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from desktop.services.first_run import CoreParts


class FeedActions(QObject):
    def __init__(self, window, ctx, core: Callable[[], CoreParts], paths, feeds_changed: Callable[[], None],
                 fetch_now: Callable[[], None]):
        super().__init__(window)
        self.window, self.ctx, self._core, self.paths = window, ctx, core, paths
        self.feeds_changed = feeds_changed       # the sidebar shows the new list
        self.fetch_now = fetch_now               # new feeds are fetched at once
        self.tasks = ctx.tasks.scope("feedActions")
        self.dialog: QDialog | None = None     # the settings dialog opened last
        window.settings_requested.connect(self.open_settings)
        window.import_requested.connect(self.import_opml)
        window.export_requested.connect(self.export_opml)

    def _status(self, text: str, ms: int = 10_000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- OPML --------------------------------------------------------------------------------------------
    def import_opml(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.window, QCoreApplication.translate("MainWindow", "导入 OPML"), "", "OPML (*.opml *.xml)")
        if path:
            self.import_opml_file(Path(path))

    def import_opml_file(self, path: Path) -> None:
        """Read, validate and store on a task; an invalid file imports nothing. The result reaches the status bar."""
        from desktop.services.feeds_io import import_opml

        settings = self.ctx.settings
        core = self._core()
        interval = int(settings["feeds.interval_min"]) * 60
        ops.job(self.ctx, "feedActions", "import", QCoreApplication.translate("MainWindow", "导入 OPML"),
                lambda _t: import_opml(path, core.writer, settings["rsshub.base_url"], interval), self._imported)

    def _imported(self, result, error) -> bool:
        """True: said here (the file's fault); a failed save (StoreError) is ops.py's to log and say."""
        from desktop.core.errors import StoreError

        if isinstance(error, StoreError):
            return False
        if error is not None:
            self._status(QCoreApplication.translate("MainWindow", "导入失败：") + str(getattr(error, "strerror", None) or error), 15_000)
            return True
        self._status(QCoreApplication.translate("MainWindow", "新导入的订阅源：%1").replace("%1", str(len(result.added))))
        self.feeds_changed()
        self.fetch_now()
        return True

    def export_opml(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.window, QCoreApplication.translate("MainWindow", "导出 OPML"), "huohua.opml", "OPML (*.opml)")
        if path:
            self.export_opml_file(Path(path))

    def export_opml_file(self, path: Path) -> None:
        from desktop.services.feeds_io import export_opml

        reader, base = self.ctx.reader, self.ctx.settings["rsshub.base_url"]
        self.tasks.run("export", lambda _t: export_opml(path, reader.feeds(), base), self._exported)

    def _exported(self, count, error) -> None:
        if error is not None:
            self._status(QCoreApplication.translate("MainWindow", "导出失败：") + str(getattr(error, "strerror", None) or error), 15_000)

    # -- settings ----------------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self.ctx.reader, self.paths, self.window)
        dialog.feeds.feeds_changed.connect(self.feeds_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog

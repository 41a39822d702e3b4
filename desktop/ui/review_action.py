"""视图 → 复盘 (Ctrl+R): the action, installed before the first paint; the view's module (and the dialogs helper)
imported when it is first opened (issue 28: 8 ms less before the first paint)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop.ui.qt_props import props

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def install_review_action(window: MainWindow, ctx: Any) -> QAction:
    """Opens (or raises) the one 复盘 view of the window."""

    def open_view():
        from desktop.ui.help_dialogs import show_dialog
        from desktop.ui.review_view import NAME, ReviewView

        view = show_dialog(window.dialogs, NAME, lambda: ReviewView(ctx, window))
        view.load()                       # the selected day again: what was stored since is shown
        return view

    action = props(QAction(QCoreApplication.translate("ReviewView", "复盘"), window), objectName="actionReview")
    action.setShortcut(QKeySequence("Ctrl+R"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(open_view)
    window.view_menu.addSeparator()
    window.view_menu.addAction(action)
    window.addAction(action)
    action.open_view = open_view  # type: ignore[attr-defined]  # a Python attribute: tests and gui_app open it directly
    return action

"""A second make_gui() is "the next start" (issue 22, for testers): the interface language and the theme chosen in
the settings dialog are installed before the next window is built, as `huohua` itself does on start
(gui_main.apply_interface). Before, a test that chose English still met a Chinese window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox

from desktop.ui.style import apply_theme, colors


def _choose(qtbot, app, name: str, value: str) -> None:
    """The settings dialog (opened with app.open_settings(), window-modal): pick `value` in combo `name`, OK."""
    app.open_settings()
    dialog = app.settings_dialog
    qtbot.waitExposed(dialog)
    combo = dialog.findChild(QComboBox, name)
    combo.setCurrentIndex(combo.findData(value))
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox, "settingsButtons").button(QDialogButtonBox.Ok),
                     Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_english_chosen_in_settings_is_the_next_windows_language(make_gui, qtbot, settings):
    first = make_gui()
    assert first.window.menuBar().actions()[0].text() == "文件(&F)"
    _choose(qtbot, first, "language", "en")
    assert settings["ui.language"] == "en"
    # said where it is chosen: the language changes at the next start
    assert first.window.menuBar().actions()[0].text() == "文件(&F)"
    first.shutdown()

    second = make_gui()                         # the next start
    assert second.window.menuBar().actions()[0].text() == "&File"
    assert QCoreApplication.translate("MainWindow", "退出") == "Quit"


def test_dark_chosen_in_settings_stays_dark_at_the_next_start(make_gui, qtbot, settings):
    first = make_gui()
    _choose(qtbot, first, "uiTheme", "dark")
    first.shutdown()
    apply_theme(QApplication.instance(), "light")     # a new process starts on Qt's light palette
    make_gui()
    assert QApplication.instance().palette().color(QPalette.Window).name() == colors("dark")["window"].lower()


def test_a_language_stored_before_the_first_window_is_used_by_it(make_gui, settings):
    settings.set("ui.language", "en")
    app = make_gui()
    assert app.window.menuBar().actions()[0].text() == "&File"

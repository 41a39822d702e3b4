"""The Help menu (a shortcuts sheet, also on `?`, and an About box) and leaving `huohua --demo`: a signal —
during the start-up, once the window is up, or twice in a row — ends it and removes its temporary directory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog

from desktop import __version__
from tests.ui.typing_helpers import type_text

ROOT = Path(__file__).resolve().parents[2]


def _help_menu(window):
    from PySide6.QtWidgets import QMenu

    return window.findChild(QMenu, "helpMenu")      # not QAction.menu(): broken in PySide6 6.9.0–6.11.1


def _shown(window, name: str) -> QDialog | None:
    dialog = window.findChild(QDialog, name)
    return dialog if dialog is not None and dialog.isVisible() else None


# -- the Help menu ------------------------------------------------------------------------------------------
def test_the_help_menu_has_the_shortcuts_sheet_and_the_about_box(make_gui):
    window = make_gui().window
    menu = _help_menu(window)
    assert menu.title() == "帮助(&H)"
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["快捷键", "关于火花"]
    assert window.shortcuts_action.shortcut().toString() == "?"


def test_question_mark_opens_the_shortcuts_sheet(gui, qtbot):
    gui.news.table.setFocus()
    qtbot.keyClick(gui.news.table, Qt.Key_Question)
    qtbot.waitUntil(lambda: _shown(gui.window, "shortcutsDialog") is not None, timeout=3000)
    sheet = _shown(gui.window, "shortcutsDialog")
    keys = sheet.keys()
    for key in ("J", "K", "S", "M", "/", "Shift+A", "F5", "Space", "O", "Ctrl+Q", "?"):
        assert key in keys, key
    rows = {key: what for _group, key, what in sheet.rows()}
    assert rows["J"] == "下一篇" and rows["Shift+A"] == "当前筛选下的资讯全部标为已读"
    groups = {group for group, _key, _what in sheet.rows()}
    assert {"窗口", "资讯与正文", "自选股", "键盘精灵", "板块热力图"} <= groups
    # asked again: the same sheet comes to the front, not a second one
    sheet.close()
    gui.window.shortcuts_action.trigger()
    assert _shown(gui.window, "shortcutsDialog") is sheet
    assert len(gui.window.findChildren(QDialog, "shortcutsDialog")) == 1


def test_question_mark_typed_in_the_search_box_is_text(gui, qtbot):
    gui.news.search.setFocus()
    type_text(qtbot, gui.news.search, "储能")
    qtbot.keyClick(gui.news.search, Qt.Key_Question)
    assert gui.news.search.text() == "储能?"
    assert _shown(gui.window, "shortcutsDialog") is None


def test_every_key_the_window_registers_is_on_the_sheet(gui):
    from desktop.ui.help_dialogs import listed_sequences

    registered = {s.key().toString() for s in gui.window.findChildren(QShortcut)}
    for top in gui.window.menuBar().actions():
        if top.menu() is not None:
            registered |= {a.shortcut().toString() for a in top.menu().actions() if not a.shortcut().isEmpty()}
    assert {"J", "K", "S", "M", "/", "Shift+A", "F5", "Ctrl+Q", "?"} <= registered
    assert registered <= listed_sequences(), registered - listed_sequences()


def test_the_about_box_shows_the_version_and_the_data_directory(make_gui, qtbot):
    app = make_gui()
    window = app.window
    window.about_action.trigger()
    qtbot.waitUntil(lambda: _shown(window, "aboutDialog") is not None, timeout=3000)
    about = _shown(window, "aboutDialog")
    assert __version__ in about.findChild(object, "aboutVersion").text()
    assert str(app.paths.data_dir) in about.findChild(object, "aboutDataDir").text()
    sources = about.findChild(object, "aboutSources").text()
    assert "ColinYYCC/stock-matrix" in sources and "SOURCES.md" in sources     # the stock list's origin
    assert "nicknames.toml" in sources and "THUOCL" in sources                # the nicknames'
    assert "演示数据" in sources
    opened = []
    about.open_url = opened.append
    qtbot.mouseClick(about.findChild(object, "aboutOpenDataDir"), Qt.LeftButton)
    assert [Path(u.toLocalFile()) for u in opened] == [app.paths.data_dir]


def test_the_demos_about_box_says_its_directory_is_temporary(make_gui, qtbot):
    app = make_gui(replay_dir=None, demo=True)
    app.window.show_about()
    text = _shown(app.window, "aboutDialog").findChild(object, "aboutDataDir").text()
    assert str(app.paths.data_dir) in text and "临时目录" in text


# -- leaving the demo -----------------------------------------------------------------------------------------
def _start_demo(tmp_path: Path, spawn) -> tuple[subprocess.Popen, Path]:
    scratch = tmp_path / "tmp"          # TMPDIR: the demo's temporary directory is made here
    scratch.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HUOHUA_DATA_DIR": str(tmp_path / "data"),
           "HUOHUA_CONFIG_DIR": "", "TMPDIR": str(scratch)}
    proc = spawn([sys.executable, "-m", "desktop", "--demo"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return proc, scratch


def _demo_dirs(scratch: Path) -> list[Path]:
    return sorted(scratch.glob("huohua-demo-*"))


def _wait_for(proc: subprocess.Popen, ready, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"huohua --demo ended early ({proc.returncode}): {proc.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("huohua --demo did not get that far")
        time.sleep(0.01)


def _ended(proc: subprocess.Popen) -> int:
    try:
        return proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("huohua --demo did not end after the signal")


SIGNALS = pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])


@pytest.mark.slow
@pytest.mark.timeout(120)
@SIGNALS
def test_a_signal_ends_the_demo_and_removes_its_directory(tmp_path, sig, spawn):
    proc, scratch = _start_demo(tmp_path, spawn)
    # the window is up: its database is opened after the first paint
    _wait_for(proc, lambda: any((d / "huohua.sqlite3").exists() for d in _demo_dirs(scratch)))
    time.sleep(1.0)
    proc.send_signal(sig)
    assert _ended(proc) == 128 + sig
    assert _demo_dirs(scratch) == []
    assert "Traceback" not in proc.stderr.read()


@pytest.mark.slow
@pytest.mark.timeout(120)
@SIGNALS
def test_a_signal_during_the_start_up_ends_the_demo_and_removes_its_directory(tmp_path, sig, spawn):
    """Sent the moment the directory exists, long before the window's first paint: kept until the window can
    quit, not left to kill the process (SIGTERM's default) with the directory in place."""
    proc, scratch = _start_demo(tmp_path, spawn)
    _wait_for(proc, lambda: bool(_demo_dirs(scratch)))
    proc.send_signal(sig)
    assert _ended(proc) == 128 + sig
    assert _demo_dirs(scratch) == []


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_a_second_signal_still_removes_the_directory(tmp_path, spawn):
    """Ctrl+C pressed twice: the second ends the process at once — after removing the directory."""
    proc, scratch = _start_demo(tmp_path, spawn)
    _wait_for(proc, lambda: any((d / "huohua.sqlite3").exists() for d in _demo_dirs(scratch)))
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    proc.send_signal(signal.SIGINT)
    assert _ended(proc) == 128 + signal.SIGINT
    assert _demo_dirs(scratch) == []

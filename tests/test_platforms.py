"""Windows and macOS paths, tested here on any system by switching the platform where that is meaningful
(issue 21): the data and config directories, the Start-menu shortcut and the .app, the quit signals (Windows has
no SIGTERM), the UI font's CJK fallbacks and the one-window guard's names. docs/PACKAGING.md ("Windows and
macOS") says what ran on the real systems and what did not."""

from __future__ import annotations

import ast
import base64
import os
import plistlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.procs import ROOT, child_env

# -- fonts -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("platform, first, names", [
    ("win32", "Microsoft YaHei UI", {"Microsoft YaHei", "SimHei"}),
    ("darwin", "PingFang SC", {"Hiragino Sans GB", "Heiti SC"}),
    ("linux", "Noto Sans CJK SC", {"Source Han Sans SC", "WenQuanYi Micro Hei"}),
    ("freebsd14", "Noto Sans CJK SC", {"WenQuanYi Micro Hei"}),
])
def test_the_cjk_fallbacks_per_platform(platform, first, names):
    from desktop.ui.fonts import cjk_families, ui_families

    families = cjk_families(platform)
    assert families[0] == first and names <= set(families)
    assert ui_families("Segoe UI", platform) == ["Segoe UI", *families]          # Latin keeps the system's face
    assert ui_families(first, platform) == list(families)                         # no repeat


def test_the_font_list_needs_no_qt():
    tree = ast.parse((ROOT / "desktop" / "ui" / "fonts.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not any(m.startswith("PySide6") for m in imported), imported


def test_the_window_applies_the_font_before_building_widgets():
    """run_gui sets the font between the QApplication and the GuiApp (widgets copy the font as they are made)."""
    import inspect

    from desktop import gui_main

    src = inspect.getsource(gui_main.run_gui)
    assert src.index("QApplication(sys.argv") < src.index("apply_ui_font(app)") < src.index("GuiApp(paths")


# -- data and config directories ---------------------------------------------------------------------------------


@pytest.fixture
def no_overrides(monkeypatch):
    for var in ("HUOHUA_DATA_DIR", "HUOHUA_CONFIG_DIR"):
        monkeypatch.delenv(var, raising=False)


def test_windows_keeps_data_and_settings_in_local_appdata(tmp_path, monkeypatch, no_overrides):
    """%LOCALAPPDATA%\\Huohua (not the roaming profile), as platformdirs' Windows class resolves it."""
    import platformdirs.windows as pw

    from desktop.config import resolve_paths

    folders = {"CSIDL_LOCAL_APPDATA": tmp_path / "AppData" / "Local", "CSIDL_APPDATA": tmp_path / "AppData" / "Roaming"}
    monkeypatch.setattr(pw, "get_win_folder", lambda csidl: str(folders[csidl]))   # Windows asks the shell
    paths = resolve_paths(platform="win32")
    assert paths.data_dir == tmp_path / "AppData" / "Local" / "Huohua"
    assert paths.config_dir == paths.data_dir and paths.db.parent == paths.data_dir


def test_macos_keeps_them_in_application_support(tmp_path, monkeypatch, no_overrides):
    from desktop.config import resolve_paths

    monkeypatch.setenv("HOME", str(tmp_path))
    paths = resolve_paths(platform="darwin")
    assert paths.data_dir == tmp_path / "Library" / "Application Support" / "Huohua"
    assert paths.config_dir == paths.data_dir


def test_linux_follows_xdg(tmp_path, monkeypatch, no_overrides):
    from desktop.config import resolve_paths

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    paths = resolve_paths(platform="linux")
    assert (paths.data_dir, paths.config_dir) == (tmp_path / "share" / "huohua", tmp_path / "config" / "huohua")


def test_this_platform_is_what_platformdirs_says(no_overrides):
    import platformdirs

    from desktop.config import app_name, resolve_paths

    paths = resolve_paths()
    assert paths.data_dir == Path(platformdirs.user_data_dir(app_name(sys.platform), appauthor=False)).resolve()
    assert paths.config_dir == Path(platformdirs.user_config_dir(app_name(sys.platform), appauthor=False)).resolve()


def test_an_explicit_data_dir_wins_on_every_platform(tmp_path, no_overrides):
    from desktop.config import resolve_paths

    for platform in ("win32", "darwin", "linux"):
        paths = resolve_paths(tmp_path / "mine", platform=platform)
        assert paths.data_dir == paths.config_dir == tmp_path / "mine"


# -- the Start-menu shortcut (Windows) ---------------------------------------------------------------------------


class FakePowerShell:
    """Records the script and writes a placeholder where the real one writes the .lnk."""

    def __init__(self, rc: int = 0, write: bool = True, said: str = ""):
        self.scripts: list[str] = []
        self.rc, self.write, self.said = rc, write, said

    def __call__(self, script: str) -> tuple[int, str]:
        self.scripts.append(script)
        if self.write:
            lnk = script.split("CreateShortcut('", 1)[1].split("')", 1)[0].replace("''", "'")
            Path(lnk).write_bytes(b"L\0\0\0")
        return self.rc, self.said


def win_env(tmp_path: Path) -> dict[str, str]:
    return {"APPDATA": str(tmp_path / "AppData" / "Roaming"), "USERPROFILE": str(tmp_path / "me")}


def test_the_start_menu_shortcut(tmp_path, monkeypatch, capsys):
    from desktop import cli_desktop_entry as de

    # a Windows Python: pythonw.exe beside python.exe is what the shortcut starts (no console window)
    pydir = tmp_path / "Python 3.12"
    pydir.mkdir()
    for name in ("python.exe", "pythonw.exe"):
        (pydir / name).write_bytes(b"MZ")
    monkeypatch.setattr(sys, "executable", str(pydir / "python.exe"))
    ps = FakePowerShell()
    assert de.run("install", "win32", win_env(tmp_path), ps) == 0
    lnk = tmp_path / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "火花 Huohua.lnk"
    assert lnk.is_file()
    script = ps.scripts[0]
    assert f"CreateShortcut('{lnk}')" in script
    assert f"$s.TargetPath = '{pydir / 'pythonw.exe'}'" in script
    assert "$s.Arguments = '-m desktop'" in script
    assert f"$s.IconLocation = '{ROOT / 'resources' / 'icons' / 'huohua.ico'},0'" in script
    assert f"$s.WorkingDirectory = '{tmp_path / 'me'}'" in script
    assert script.rstrip().endswith("$s.Save()") and script.startswith("$ErrorActionPreference = 'Stop'")
    out = capsys.readouterr().out
    assert out.startswith(f"installed {lnk} (") and "Start menu" in out
    # what runs it: Windows PowerShell with the script as UTF-16 base64 — no quoting of paths at all
    cmd = de.powershell_command(script)
    assert cmd[:2] == ["powershell.exe", "-NoProfile"] and cmd[-2] == "-EncodedCommand"
    assert base64.b64decode(cmd[-1]).decode("utf-16-le") == script
    assert de.run("uninstall", "win32", win_env(tmp_path), ps) == 0 and not lnk.exists()
    assert capsys.readouterr().out.startswith("removed 1 files (the Start-menu shortcut ")


def test_quotes_in_paths_cannot_break_out_of_the_script(tmp_path):
    from desktop.cli_desktop_entry import shortcut_script

    script = shortcut_script(Path("C:/Users/O'Brien/x.lnk"), "C:/a'; Remove-Item C:/ -Recurse; '.exe", [], "C:/", "i")
    assert "CreateShortcut('C:/Users/O''Brien/x.lnk')" in script
    assert "$s.TargetPath = 'C:/a''; Remove-Item C:/ -Recurse; ''.exe'" in script


def test_a_shortcut_powershell_could_not_write_is_an_error(tmp_path, capsys):
    from desktop import cli_desktop_entry as de

    assert de.run("install", "win32", win_env(tmp_path), FakePowerShell(rc=1, write=False, said="COM blocked")) == 1
    assert "error: PowerShell could not write" in capsys.readouterr().err
    assert de.run("install", "win32", win_env(tmp_path), FakePowerShell(rc=0, write=False)) == 1
    assert "it wrote no file" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform != "win32", reason="runs Windows PowerShell and WScript.Shell: Windows only")
def test_the_real_shortcut_on_windows(tmp_path):
    from desktop import cli_desktop_entry as de

    assert de.run("install", "win32", win_env(tmp_path)) == 0
    lnk = de.start_menu_dir(win_env(tmp_path)) / de.LNK_NAME
    assert lnk.read_bytes()[:4] == b"L\0\0\0"               # a shell link's header
    assert de.run("uninstall", "win32", win_env(tmp_path)) == 0 and not lnk.exists()


# -- the .app (macOS) --------------------------------------------------------------------------------------------


def test_the_app_bundle(tmp_path, capsys):
    from desktop import __version__
    from desktop import cli_desktop_entry as de

    env = {"HOME": str(tmp_path)}
    assert de.run("install", "darwin", env) == 0
    app = tmp_path / "Applications" / "Huohua.app"
    info = plistlib.loads((app / "Contents" / "Info.plist").read_bytes())
    assert info["CFBundleIconFile"] == "huohua.icns" and info["CFBundleExecutable"] == "huohua"
    assert info["CFBundlePackageType"] == "APPL" and info["CFBundleIdentifier"] == de.BUNDLE_ID
    assert info["CFBundleShortVersionString"] == __version__ and info["LSHasLocalizedDisplayName"] is True
    icns = app / "Contents" / "Resources" / "huohua.icns"
    assert icns.read_bytes() == (ROOT / "resources" / "icons" / "huohua.icns").read_bytes()
    strings = (app / "Contents" / "Resources" / "zh-Hans.lproj" / "InfoPlist.strings").read_text(encoding="utf-8")
    assert '"CFBundleDisplayName" = "火花";' in strings
    launcher = app / "Contents" / "MacOS" / "huohua"
    assert launcher.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
    assert capsys.readouterr().out.startswith(f"installed {app} (runs ")
    if sys.platform != "win32":
        # the launcher really starts huohua (a POSIX shell here as on the Mac): its arguments pass through
        assert os.access(launcher, os.X_OK)
        done = subprocess.run([str(launcher), "--version"], capture_output=True, text=True, timeout=60,
                              env=child_env())
        assert done.returncode == 0 and done.stdout.strip() == f"huohua {__version__}", done.stderr
    assert de.run("install", "darwin", env) == 0                         # again: written anew
    assert de.run("uninstall", "darwin", env) == 0 and not app.exists()


def test_an_app_that_is_not_ours_is_left_alone(tmp_path, capsys):
    from desktop import cli_desktop_entry as de

    other = tmp_path / "Applications" / "Huohua.app" / "Contents"
    other.mkdir(parents=True)
    (other / "Info.plist").write_bytes(plistlib.dumps({"CFBundleIdentifier": "com.example.other"}))
    assert de.run("install", "darwin", {"HOME": str(tmp_path)}) == 1
    assert de.run("uninstall", "darwin", {"HOME": str(tmp_path)}) == 1
    assert (other / "Info.plist").exists() and "not Huohua's" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform != "darwin", reason="plutil is macOS's")
def test_the_info_plist_lints_on_macos(tmp_path):
    from desktop import cli_desktop_entry as de

    assert de.run("install", "darwin", {"HOME": str(tmp_path)}) == 0
    plist = tmp_path / "Applications" / "Huohua.app" / "Contents" / "Info.plist"
    assert subprocess.run(["plutil", "-lint", str(plist)], capture_output=True).returncode == 0


def test_the_frozen_bundle_starts_its_own_executable(tmp_path, monkeypatch):
    from desktop.cli_desktop_entry import launch_command

    for platform, gui, cli in (("win32", "huohua.exe", "huohua-cli.exe"), ("darwin", "huohua", "huohua-cli"),
                               ("linux", "huohua", "huohua-cli")):
        folder = tmp_path / platform
        folder.mkdir()
        (folder / gui).write_bytes(b"")
        monkeypatch.setattr(sys, "executable", str(folder / cli))
        monkeypatch.setattr(sys, "frozen", True, raising=False)
        assert launch_command(platform) == (str(folder / gui), [])


# -- signals: Windows has no SIGTERM -----------------------------------------------------------------------------


def test_the_quit_signals_per_platform(monkeypatch):
    from desktop.runtime import signals

    assert signals.quit_signals("linux") == (signal.SIGINT, signal.SIGTERM)
    assert signals.quit_signals("darwin") == (signal.SIGINT, signal.SIGTERM)
    monkeypatch.delattr(signal, "SIGBREAK", raising=False)
    assert signals.quit_signals("win32") == (signal.SIGINT,)          # SIGBREAK only where the platform has it
    monkeypatch.setattr(signal, "SIGBREAK", 21, raising=False)
    assert signals.quit_signals("win32") == (signal.SIGINT, 21)
    assert signals.signal_name(21) == "SIGBREAK" and signals.exit_code(21) == 149


def test_closing_the_console_quits_like_ctrl_break_and_waits_for_it():
    """Windows ends the process when the console-close handler returns: it raises SIGBREAK and then holds on
    (the process's own exit, or the wait's end, lets go). Ctrl+C and Ctrl+Break pass on to the C runtime."""
    import threading

    from desktop.runtime import signals

    raised, done = [], threading.Event()
    handler = signals.console_close_handler(lambda: raised.append("SIGBREAK"), done, wait_s=30)
    assert handler(0) is False and handler(1) is False and raised == []          # CTRL_C_EVENT, CTRL_BREAK_EVENT
    threading.Timer(0.2, done.set).start()
    started = time.monotonic()
    assert handler(2) is True and raised == ["SIGBREAK"]                        # CTRL_CLOSE_EVENT
    assert 0.1 < time.monotonic() - started < 10                                 # it waited for the shutdown
    quick = signals.console_close_handler(lambda: raised.append("again"), wait_s=0.05)
    assert quick(6) is True and raised[-1] == "again"                           # CTRL_SHUTDOWN_EVENT; bounded wait
    assert signals.hold_console_close("linux")() is None                        # elsewhere: nothing to hold


# A child that plays Windows: the platform switched to win32, and SIGUSR1 standing in for SIGBREAK (what a
# console's Ctrl+Break and its close button deliver there; POSIX has no SIGBREAK to send).
WINDOWS_CHILD = """
import os, signal, sys
signal.SIGBREAK = signal.SIGUSR1
from desktop.runtime import signals
"""

CLI_CHILD = WINDOWS_CHILD + """
restore = signals.install_cli_handlers(platform="win32")
assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, "no SIGTERM handler on Windows"
try:
    print("ready", flush=True)
    sys.stdin.readline()          # the command's work, until the signal interrupts it
    code = 0
except KeyboardInterrupt:
    code = signals.interrupted_exit()
restore()
sys.exit(code)
"""

GUI_CHILD = WINDOWS_CHILD + """
from PySide6.QtCore import QCoreApplication, QTimer
signals.defer_quit_signals(platform="win32")
assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, "no SIGTERM handler on Windows"
app = QCoreApplication(sys.argv[:1])
signals.install_quit_on_signals(app, platform="win32")
assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL, "no SIGTERM handler on Windows"
app.aboutToQuit.connect(lambda: print("about to quit", flush=True))     # the window's orderly shutdown runs
QTimer.singleShot(0, lambda: print("ready", flush=True))
QTimer.singleShot(20000, lambda: app.exit(99))
sys.exit(app.exec())
"""

posix_only = pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="SIGUSR1 plays SIGBREAK (POSIX)")


def _start(spawn, script: str):
    proc = spawn([sys.executable, "-c", script], cwd=ROOT, env=child_env(QT_QPA_PLATFORM="offscreen"),
                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


@posix_only
@pytest.mark.parametrize("sig, code, name", [("SIGUSR1", 128 + signal.SIGUSR1, "SIGBREAK"),
                                             ("SIGINT", 130, "SIGINT")], ids=["console-closed", "ctrl-c"])
def test_the_cli_on_windows_stops_on_ctrl_c_and_the_console_closing(spawn, sig, code, name):
    proc = _start(spawn, CLI_CHILD)
    proc.send_signal(getattr(signal, sig))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert err.strip() == f"huohua: interrupted ({name}); stopped"


@posix_only
@pytest.mark.parametrize("sig, code", [("SIGUSR1", 128 + signal.SIGUSR1), ("SIGINT", 130)],
                         ids=["console-closed", "ctrl-c"])
def test_the_window_on_windows_quits_in_order_on_ctrl_c_and_the_console_closing(spawn, sig, code):
    proc = _start(spawn, GUI_CHILD)
    proc.send_signal(getattr(signal, sig))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert out.strip() == "about to quit" and "Traceback" not in err


# -- the one-window guard's names --------------------------------------------------------------------------------


def test_the_guard_is_per_data_directory_and_per_user(tmp_path):
    from desktop.runtime.single_instance import guard_for

    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    a, b = guard_for(tmp_path / "a", platform="linux", env=env), guard_for(tmp_path / "b", platform="linux", env=env)
    assert a.name != b.name and a.name == guard_for(tmp_path / "a", platform="linux", env=env).name
    assert Path(a.name).parent == tmp_path and a.name.endswith(".sock") and a.lock_path.parent == tmp_path
    assert f"huohua-{os.getuid() if hasattr(os, 'getuid') else 'user'}-" in Path(a.name).name


def test_windows_uses_a_named_pipe_and_temp_and_ignores_case(tmp_path):
    from desktop.runtime.single_instance import guard_for

    def win(user: str, folder: str):
        return guard_for(Path(folder), platform="win32", env={"TEMP": str(tmp_path), "USERNAME": user})

    g = win("李雷", "C:/Users/李雷/AppData/Local/Huohua")
    assert "/" not in g.name and "\\" not in g.name and g.name.startswith("huohua-李雷-")    # \\.\pipe\<name>
    assert g.lock_path.parent == tmp_path
    assert win("李雷", "c:/users/李雷/appdata/local/huohua").name == g.name             # NTFS ignores case
    assert win("Han Meimei", "C:/Users/李雷/AppData/Local/Huohua").name != g.name       # another user's


def test_macos_uses_its_per_user_tmpdir(tmp_path):
    from desktop.runtime.single_instance import guard_for

    g = guard_for(Path("/Users/li/Library/Application Support/Huohua"), platform="darwin",
                  env={"TMPDIR": str(tmp_path), "XDG_RUNTIME_DIR": "/nowhere"})
    assert Path(g.name).parent == tmp_path
    assert guard_for(Path("/users/LI/library/application support/huohua"), platform="darwin",
                     env={"TMPDIR": str(tmp_path)}).name == g.name


def test_a_socket_path_too_long_to_bind_moves_to_tmp(tmp_path):
    from desktop.runtime.single_instance import guard_for

    deep = tmp_path / ("d" * 120)
    g = guard_for(tmp_path / "data", platform="darwin", env={"TMPDIR": str(deep)})
    assert Path(g.name).parent == Path("/tmp") and len(g.name) < 104


@pytest.mark.skipif(sys.platform == "win32", reason="a Windows lock also keeps the holder's pid unreadable")
def test_the_lock_is_held_once_and_a_crashed_holders_file_does_not_block(tmp_path):
    from desktop.runtime.single_instance import guard_for

    env = {"XDG_RUNTIME_DIR": str(tmp_path), "TMPDIR": str(tmp_path)}
    first, second = (guard_for(tmp_path / "data", platform=sys.platform, env=env) for _ in range(2))
    first.lock_path.write_text("999999\n")          # a crashed run's lock file: the lock itself went with it
    assert first.try_lock() and first.holder() == os.getpid()
    assert not second.try_lock()
    first.release()
    assert second.try_lock()
    second.release()


@pytest.mark.skipif(sys.platform == "win32", reason="a Windows lock also keeps the holder's pid unreadable")
def test_a_holder_that_never_answers_and_one_that_goes_away(tmp_path):
    """Held but not serving (a window stuck before its first paint): after the wait, exit 1 naming it. Released
    during the wait (a window that was closing): the start takes the lock and is the window."""
    import threading

    from desktop.runtime import single_instance as si

    env = {"XDG_RUNTIME_DIR": str(tmp_path), "TMPDIR": str(tmp_path)}
    holder = si.guard_for(tmp_path / "data", env=env)
    assert holder.try_lock()
    try:
        out = si.start(tmp_path / "data", env=env, wait_s=0.5)
        assert out.guard is None and out.raised is None and out.unanswered and out.waited_for == os.getpid()
        assert si.message(out, tmp_path / "data", "en", 0.5) == (
            f"huohua is already running on this data directory (process {os.getpid()}, {tmp_path / 'data'}) but "
            "did not answer within 0.5 s; try again in a moment, or end that process.")
        threading.Timer(0.3, holder.release).start()
        out = si.start(tmp_path / "data", env=env, wait_s=20)
        assert out.guard is not None and out.guard.held
        out.guard.release()
    finally:
        holder.release()


def test_without_a_writable_folder_the_window_starts_unguarded(tmp_path):
    from desktop.runtime import single_instance as si

    out = si.start(tmp_path / "data", env={"XDG_RUNTIME_DIR": "", "TMPDIR": str(tmp_path / "missing")},
                   platform=sys.platform if sys.platform != "win32" else "linux")
    assert out.guard is None and out.raised is None and not out.unanswered

"""`huohua desktop-entry install | uninstall`: Huohua where the system lists its applications, for the packaged
build or a source install, and nothing that needs administrator rights:

- Linux (and other freedesktop.org systems): ~/.local/share/applications/huohua.desktop and the icon in the
  user's icon theme (everything under $XDG_DATA_HOME, default ~/.local/share).
- Windows: a Start-menu shortcut, %APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\火花 Huohua.lnk, to the
  bundle's huohua.exe (its own icon) or, from source, pythonw.exe -m desktop (no console window) with
  resources\\icons\\huohua.ico. A .lnk is a COM object's file (IShellLink): rather than a dependency (pywin32,
  comtypes), Windows' own PowerShell writes it through the WScript.Shell object, one script passed as
  -EncodedCommand (UTF-16: any path, Chinese user names included, needs no quoting).
- macOS: ~/Applications/Huohua.app — Contents/Info.plist (CFBundleIconFile huohua.icns, shown as 火花 in a Chinese
  system through zh-Hans.lproj), Contents/MacOS/huohua (a launcher script: exec the bundle's huohua, or this Python
  with -m desktop) and Contents/Resources/huohua.icns. Launchpad and Spotlight list ~/Applications.

Every function takes the platform (a sys.platform value) and the environment: tests switch them on any system
and write into temporary directories.
"""

from __future__ import annotations

import argparse
import os
import plistlib
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.config import Paths, Settings, resources_dir

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ENTRY = """[Desktop Entry]
Type=Application
Version=1.5
Name=Huohua
Name[zh_CN]=火花
GenericName=A-share news and market monitor
GenericName[zh_CN]=A股资讯与行情
Comment=Chinese finance news, 快讯 and A-share quotes, heatmap, watchlists and charts
Comment[zh_CN]=财经资讯、7×24 快讯、A股行情、板块热力图、自选股与K线
Exec={exec}
Icon=huohua
Terminal=false
Categories=Office;Finance;Network;News;
Keywords=stock;A-share;news;RSS;股票;行情;资讯;快讯;
StartupNotify=true
StartupWMClass=huohua
"""
LNK_NAME = "火花 Huohua.lnk"       # the Start menu shows the file's name; search finds 火花 and Huohua alike
LNK_DESCRIPTION = "火花 Huohua: A股资讯与行情 (A-share news and market monitor)"
APP_NAME = "Huohua.app"
BUNDLE_ID = "org.huohua.Huohua"   # also the identifier for a frozen .app (packaging/huohua.spec's BUNDLE, when added)

Env = dict[str, str]
PowerShell = Callable[[str], tuple[int, str]]


def add_desktop_entry_command(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "desktop-entry", help="add Huohua to the application menu: Linux menu, Windows Start menu, macOS "
                              "~/Applications (or remove it)",
        epilog="examples: huohua-cli desktop-entry install · huohua desktop-entry uninstall")
    p.add_argument("action", choices=("install", "uninstall"),
                   help="install: Linux huohua.desktop and the icon under ~/.local/share; Windows a Start-menu "
                        "shortcut; macOS ~/Applications/Huohua.app. uninstall: remove them")
    p.set_defaults(handler=cmd_desktop_entry)


def cmd_desktop_entry(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    return run(args.action)


def run(action: str, platform: str = sys.platform, env: Env | None = None,
        powershell: PowerShell | None = None) -> int:
    """install / uninstall for `platform`; prints one line (stdout) or an error (stderr); the exit status."""
    env = dict(os.environ) if env is None else env
    if platform == "win32":
        return _windows(action, env, powershell or run_powershell)
    if platform == "darwin":
        return _macos(action, env)
    return _linux(action, env)


# -- what is started ---------------------------------------------------------------------------------------------
def launch_command(platform: str = sys.platform) -> tuple[str, list[str]]:
    """The window's program and arguments: the bundle's `huohua` beside this executable (frozen), or this Python
    with `-m desktop` — on Windows pythonw.exe, which opens no console window."""
    exe = Path(sys.executable)
    if getattr(sys, "frozen", False):
        gui = exe.with_name("huohua.exe" if platform == "win32" else "huohua")
        return str(gui if gui.exists() else exe), []
    if platform == "win32":
        quiet = exe.with_name("pythonw" + exe.suffix)
        return str(quiet if quiet.exists() else exe), ["-m", "desktop"]
    return str(exe), ["-m", "desktop"]


def _exec_line(platform: str = sys.platform) -> str:
    program, args = launch_command(platform)
    return shlex.join([program, *args])


def _home(env: Env) -> Path:
    return Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())


# -- Linux ---------------------------------------------------------------------------------------------------------
def _data_home(env: Env) -> Path:
    return Path(env.get("XDG_DATA_HOME") or _home(env) / ".local" / "share")


def _targets(home: Path) -> list[Path]:
    return [home / "applications" / "huohua.desktop"] + [
        home / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "huohua.png" for s in SIZES]


def _linux(action: str, env: Env) -> int:
    home = _data_home(env)
    if action == "uninstall":
        gone = [t for t in _targets(home) if t.exists()]
        for t in gone:
            t.unlink()
        print(f"removed {len(gone)} files" + (f" (the menu entry {_targets(home)[0]})" if gone else ""))
        return 0
    icons = resources_dir() / "icons"
    desktop_file = _targets(home)[0]
    exec_line = _exec_line("linux")
    try:
        for size in SIZES:
            dest = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "huohua.png"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(icons / f"huohua-{size}.png", dest)
        desktop_file.parent.mkdir(parents=True, exist_ok=True)
        desktop_file.write_text(ENTRY.format(exec=exec_line), encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write under {home}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"installed {desktop_file} (Exec={exec_line}) and the icon in {len(SIZES)} sizes under "
          f"{home / 'icons' / 'hicolor'}; it shows in the application menu as 火花 / Huohua")
    return 0


# -- Windows -------------------------------------------------------------------------------------------------------
def start_menu_dir(env: Env) -> Path:
    """%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs: this user's Start menu (no administrator rights)."""
    appdata = env.get("APPDATA") or str(_home(env) / "AppData" / "Roaming")
    return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs"


def _ps_quote(text: str) -> str:
    """A PowerShell single-quoted string: nothing inside is expanded; a ' is doubled."""
    return "'" + text.replace("'", "''") + "'"


def shortcut_script(lnk: Path, program: str, args: list[str], workdir: str, icon: str) -> str:
    """The PowerShell that writes the .lnk through WScript.Shell (Windows' own COM object)."""
    fields = {"TargetPath": program, "Arguments": subprocess.list2cmdline(args), "WorkingDirectory": workdir,
              "IconLocation": f"{icon},0", "Description": LNK_DESCRIPTION}
    lines = ["$ErrorActionPreference = 'Stop'",
             f"$s = (New-Object -ComObject WScript.Shell).CreateShortcut({_ps_quote(str(lnk))})"]
    lines += [f"$s.{key} = {_ps_quote(value)}" for key, value in fields.items()]
    lines.append("$s.Save()")
    return "\n".join(lines) + "\n"


def powershell_command(script: str) -> list[str]:
    import base64

    encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
    return ["powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
            "-EncodedCommand", encoded]


def run_powershell(script: str) -> tuple[int, str]:
    """Run `script` in Windows PowerShell 5.1 (part of every Windows 10/11); (exit status, its error output)."""
    try:
        done = subprocess.run(powershell_command(script), capture_output=True, text=True, timeout=60,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 1, str(exc)
    return done.returncode, (done.stderr or done.stdout).strip()


def _windows(action: str, env: Env, powershell: PowerShell) -> int:
    lnk = start_menu_dir(env) / LNK_NAME
    if action == "uninstall":
        gone = lnk.exists()
        if gone:
            lnk.unlink()
        print(f"removed {int(gone)} files" + (f" (the Start-menu shortcut {lnk})" if gone else ""))
        return 0
    program, args = launch_command("win32")
    frozen = getattr(sys, "frozen", False)
    icon = program if frozen else str(resources_dir() / "icons" / "huohua.ico")   # the .exe carries the .ico
    workdir = str(Path(program).parent) if frozen else str(_home(env))
    try:
        lnk.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"error: cannot write under {lnk.parent}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    rc, said = powershell(shortcut_script(lnk, program, args, workdir, icon))
    if rc != 0 or not lnk.exists():
        why = said or (f"exit status {rc}" if rc else "it wrote no file")
        print(f"error: PowerShell could not write {lnk}: {why}", file=sys.stderr)
        return 1
    print(f"installed {lnk} ({subprocess.list2cmdline([program, *args])}); it shows in the Start menu as "
          f"火花 Huohua")
    return 0


# -- macOS ---------------------------------------------------------------------------------------------------------
def app_bundle(env: Env) -> Path:
    return _home(env) / "Applications" / APP_NAME


def info_plist() -> dict[str, Any]:
    return {
        "CFBundleName": "Huohua",
        "CFBundleDisplayName": "Huohua",
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleExecutable": "huohua",
        "CFBundleIconFile": "huohua.icns",
        "CFBundlePackageType": "APPL",
        "CFBundleInfoDictionaryVersion": "6.0",
        "CFBundleShortVersionString": __version__,
        "CFBundleVersion": __version__,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "zh-Hans"],
        "LSHasLocalizedDisplayName": True,
        "LSApplicationCategoryType": "public.app-category.finance",
        "LSMinimumSystemVersion": "11.0",
        "NSHighResolutionCapable": True,
        "NSPrincipalClass": "NSApplication",
    }


def launcher_script(program: str, args: list[str]) -> str:
    """Contents/MacOS/huohua: exec the real program, so the app's process is huohua itself."""
    return "#!/bin/sh\n# written by `huohua desktop-entry install`\nexec " + shlex.join([program, *args]) + ' "$@"\n'


def _ours(app: Path) -> bool:
    try:
        return plistlib.loads((app / "Contents" / "Info.plist").read_bytes()).get("CFBundleIdentifier") == BUNDLE_ID
    except (OSError, plistlib.InvalidFileException, ValueError):
        return False


def _macos(action: str, env: Env) -> int:
    app = app_bundle(env)
    if action == "uninstall":
        if app.exists() and not _ours(app):
            print(f"error: {app} is not Huohua's (its Info.plist does not say {BUNDLE_ID}); left alone",
                  file=sys.stderr)
            return 1
        gone = app.exists()
        if gone:
            shutil.rmtree(app)
        print(f"removed {int(gone)} files" + (f" (the application {app})" if gone else ""))
        return 0
    if app.exists() and not _ours(app):
        print(f"error: {app} exists and is not Huohua's; left alone", file=sys.stderr)
        return 1
    program, args = launch_command("darwin")
    contents = app / "Contents"
    try:
        if app.exists():
            shutil.rmtree(app)            # an older install: written again whole
        (contents / "MacOS").mkdir(parents=True)
        (contents / "Resources" / "zh-Hans.lproj").mkdir(parents=True)
        (contents / "Info.plist").write_bytes(plistlib.dumps(info_plist()))
        (contents / "PkgInfo").write_text("APPL????", encoding="ascii")
        launcher = contents / "MacOS" / "huohua"
        launcher.write_text(launcher_script(program, args), encoding="utf-8")
        launcher.chmod(0o755)
        shutil.copyfile(resources_dir() / "icons" / "huohua.icns", contents / "Resources" / "huohua.icns")
        (contents / "Resources" / "zh-Hans.lproj" / "InfoPlist.strings").write_text(
            '"CFBundleDisplayName" = "火花";\n"CFBundleName" = "火花";\n', encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write {app}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"installed {app} (runs {shlex.join([program, *args])}); Launchpad and Spotlight list it as "
          f"Huohua (火花 in a Chinese system)")
    return 0

"""`huohua desktop-entry install | uninstall`: a Linux menu entry (huohua.desktop, freedesktop.org) and the
icon in the user's icon theme, for the packaged build or a source install. Nothing needs root: everything
goes under $XDG_DATA_HOME (default ~/.local/share)."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

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


def add_desktop_entry_command(subparsers: Any) -> None:
    p = subparsers.add_parser("desktop-entry", help="add Huohua to the Linux application menu (or remove it)",
                              epilog="examples: huohua-cli desktop-entry install · huohua desktop-entry uninstall")
    p.add_argument("action", choices=("install", "uninstall"),
                   help="install: write huohua.desktop and the icon under ~/.local/share; uninstall: remove them")
    p.set_defaults(handler=cmd_desktop_entry)


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _exec_line() -> str:
    """The GUI's command: the bundle's `huohua` beside this executable, or this Python with `-m desktop`."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        gui = exe.with_name("huohua" + exe.suffix)
        return shlex.quote(str(gui if gui.exists() else exe))
    return f"{shlex.quote(sys.executable)} -m desktop"


def _targets(home: Path) -> list[Path]:
    return [home / "applications" / "huohua.desktop"] + [
        home / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "huohua.png" for s in SIZES]


def cmd_desktop_entry(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    if not sys.platform.startswith("linux"):
        print("error: desktop entries are for Linux; on Windows and macOS the bundle's executable carries its "
              "icon (pin it to the task bar or the Dock)", file=sys.stderr)
        return 2
    home = _data_home()
    if args.action == "uninstall":
        gone = [t for t in _targets(home) if t.exists()]
        for t in gone:
            t.unlink()
        print(f"removed {len(gone)} files" + (f" (the menu entry {_targets(home)[0]})" if gone else ""))
        return 0
    icons = resources_dir() / "icons"
    desktop_file = _targets(home)[0]
    try:
        for size in SIZES:
            dest = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "huohua.png"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(icons / f"huohua-{size}.png", dest)
        desktop_file.parent.mkdir(parents=True, exist_ok=True)
        desktop_file.write_text(ENTRY.format(exec=_exec_line()), encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write under {home}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"installed {desktop_file} (Exec={_exec_line()}) and the icon in {len(SIZES)} sizes under "
          f"{home / 'icons' / 'hicolor'}; it shows in the application menu as 火花 / Huohua")
    return 0

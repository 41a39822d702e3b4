"""Can Qt open a window here? Asked on Linux before the QApplication exists, because Qt's own answer is an abort.

Without libxcb-cursor0 (missing on stock Ubuntu 22.04/24.04 desktops) or with no display at all, Qt ≥ 6.5 prints
"could not load the Qt platform plugin xcb … Reinstalling the application may fix this problem" and aborts
(exit 134, a core dump) — whatever is missing, and even in an SSH session with no display. Instead:

- QT_QPA_PLATFORM names another platform (offscreen, minimal, vnc, eglfs …): nothing to check.
- A Wayland session (WAYLAND_DISPLAY) whose wayland plugin loads: QT_QPA_PLATFORM becomes "wayland;xcb" (Qt tries
  them in order). Otherwise the X11 (xcb) path, through XWayland when there is one.
- No DISPLAY (and no usable Wayland): the window needs a desktop session; every `huohua` command works without one.
- The xcb platform library (libQt6XcbQpa, by its full path in PySide6 or the bundle) is loaded here. If that fails,
  each library it needs is tried to name every missing one, with the distribution's package and the one command
  that installs them (apt, dnf or pacman, from /etc/os-release).
- The display is connected to once with libxcb (what Qt does first): a refused connection is said plainly.

Each failure is a message in the interface language and exit 1. Measured on Xvfb (2 cores): the check adds 2–5 ms
to a QApplication's ~90 ms (the libraries are mapped lazily and Qt maps the same ones a moment later; the X
connection is one round trip); offscreen it is skipped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# soname → (Debian/Ubuntu, Fedora, Arch) package: what Qt's xcb platform library and QtGui load
# (readelf -d libQt6XcbQpa.so.6 libQt6Gui.so.6 of PySide6 6.9–6.11; docs/FACTS.md).
XCB_LIBS: dict[str, tuple[str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype", "freetype2"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
}
# xcb_connection_has_error's codes that a user can act on (xcb.h)
XCB_ERRORS = {1: "no X server answers there", 5: "DISPLAY is not a valid display name", 6: "no such screen"}
WAYLAND_LIBS = ("libwayland-client.so.0", "libwayland-cursor.so.0")
# the libraries a stock desktop lacks; the README's apt line and the bundle (packaging/build.py) carry these
APT_LINE = "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"
MANAGERS = (("apt", "sudo apt install"), ("dnf", "sudo dnf install"), ("pacman", "sudo pacman -S"))
OTHER_PLATFORMS_OK = ("offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")

TEXT = {
    "zh_CN": {
        "missing": "火花无法打开窗口：Qt 的 X11（xcb）平台插件需要的系统库缺失：{libs}。",
        "install": "安装命令：",
        "install_any": "按你的发行版选一条安装命令：",
        "after": "安装后重新运行 huohua。所有 huohua 命令（fetch、news、quotes …）不需要窗口，现在就能用。",
        "no_display": "火花的窗口需要桌面会话：没有找到显示器（DISPLAY 和 WAYLAND_DISPLAY 都没有设置，"
                      "例如在 SSH 会话里）。请在桌面里运行 huohua；所有 huohua 命令（fetch、news、quotes …）"
                      "不需要桌面，见 huohua --help。",
        "refused": "火花无法打开窗口：显示器 {display} 拒绝了连接（{why}）。请确认桌面会话在运行、DISPLAY "
                   "指向它且本用户有权访问（xhost / XAUTHORITY）；所有 huohua 命令（fetch、news、quotes …）"
                   "不需要窗口，见 huohua --help。",
    },
    "en": {
        "missing": "Huohua cannot open its window: system libraries that Qt's X11 (xcb) platform plugin needs "
                   "are missing: {libs}.",
        "install": "Install them with:",
        "install_any": "Install them with the command for your distribution:",
        "after": "Then run huohua again. Every huohua command (fetch, news, quotes …) works without a window now.",
        "no_display": "Huohua's window needs a desktop session: there is no display (neither DISPLAY nor "
                      "WAYLAND_DISPLAY is set, as in an SSH session). Run huohua from a desktop; every huohua "
                      "command (fetch, news, quotes …) works without one: see huohua --help.",
        "refused": "Huohua cannot open its window: the display {display} refused the connection ({why}). Check "
                   "that the desktop session is running, that DISPLAY points to it and that this user may use it "
                   "(xhost / XAUTHORITY); every huohua command (fetch, news, quotes …) works without a window: "
                   "see huohua --help.",
    },
}


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str = ""                  # why not, in the interface language (with the install command)
    platform: str | None = None        # a QT_QPA_PLATFORM to set before the QApplication (a Wayland session)


def qt_dirs() -> list[Path]:
    """Where PySide6's Qt libraries and platform plugins are (source install or bundle), without importing Qt."""
    import importlib.util

    out = []
    spec = importlib.util.find_spec("PySide6")
    for base in (spec.submodule_search_locations or []) if spec else []:
        out.append(Path(base) / "Qt" / "lib")
    if getattr(sys, "frozen", False):
        root = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
        out += [root / "PySide6" / "Qt" / "lib", root]
    return [d for d in out if d.is_dir()]


def _default_loader(name: str) -> str:
    """'' if the library and everything it needs load, else the loader's error. dlopen(RTLD_LAZY) through libc, not
    ctypes.CDLL: CDLL always adds RTLD_NOW, which binds every symbol of QtGui and QtCore up front (~15 ms here, on the
    way to the first paint); lazily, only the files are mapped — which Qt does a moment later anyway."""
    import ctypes

    libc = ctypes.CDLL(None)
    libc.dlopen.restype = ctypes.c_void_p
    libc.dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    libc.dlerror.restype = ctypes.c_char_p
    if libc.dlopen(os.fsencode(name), os.RTLD_LAZY):
        return ""
    why = libc.dlerror()
    return why.decode(errors="replace") if why else f"{name}: cannot be loaded"


def distro_ids(os_release: Path = Path("/etc/os-release")) -> set[str]:
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    ids: set[str] = set()
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            ids.update(value.strip().strip('"').lower().split())
    return ids


def manager_of(ids: set[str]) -> str | None:
    if ids & {"debian", "ubuntu", "linuxmint", "pop", "deepin", "uos", "kylin", "elementary", "raspbian"}:
        return "apt"
    if ids & {"fedora", "rhel", "centos", "rocky", "almalinux", "nobara"}:
        return "dnf"
    if ids & {"arch", "manjaro", "endeavouros", "garuda"}:
        return "pacman"
    return None


def install_commands(missing: list[str], manager: str | None) -> list[str]:
    """One command per package manager (only the distribution's own when it is known)."""
    lines = []
    for i, (name, command) in enumerate(MANAGERS):
        if manager is not None and name != manager:
            continue
        packages = list(dict.fromkeys(XCB_LIBS[s][i] for s in missing if s in XCB_LIBS))
        if packages:
            lines.append(f"{command} {' '.join(packages)}")
    return lines


def _find(soname: str, dirs: list[Path]) -> str:
    """A bundled copy's full path (the bundle ships some), else the soname for the system's search."""
    for d in dirs:
        if (d / soname).exists():
            return str(d / soname)
    return soname


def _missing_message(missing: list[str], lang: str, manager: str | None, raw_error: str) -> str:
    t = TEXT.get(lang, TEXT["zh_CN"])
    if not missing:                     # a library outside our table: the loader's own words name it
        return f"{t['missing'].format(libs=raw_error)}\n{t['after']}"
    column = [m for m, _ in MANAGERS].index(manager) if manager else 0     # unknown: Debian's names
    libs = ", ".join(f"{s} ({XCB_LIBS[s][column]})" for s in missing)
    commands = install_commands(missing, manager)
    head = t["install"] if len(commands) == 1 else t["install_any"]
    return "\n".join([t["missing"].format(libs=libs), head, *("  " + c for c in commands), t["after"]])


def _x_connect(display: str) -> str:
    """'' if the X server at `display` accepts a connection, else why not (libxcb's error code)."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError as exc:
        return str(exc)
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    screen = ctypes.c_int(0)
    conn = xcb.xcb_connect(display.encode(), ctypes.byref(screen))
    try:
        code = xcb.xcb_connection_has_error(conn)
    finally:
        xcb.xcb_disconnect(conn)
    return "" if code == 0 else XCB_ERRORS.get(code, f"xcb error {code}")


def check(env: dict[str, str] | None = None, lang: str = "zh_CN", *, platform: str = sys.platform,
          dirs: list[Path] | None = None, loader: Callable[[str], str] = _default_loader,
          connect: Callable[[str], str] = _x_connect, os_release: Path = Path("/etc/os-release")) -> Verdict:
    env = dict(os.environ) if env is None else env
    if not platform.startswith("linux"):
        return Verdict(True)
    wanted = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if wanted in OTHER_PLATFORMS_OK:
        return Verdict(True)
    t = TEXT.get(lang, TEXT["zh_CN"])
    dirs = qt_dirs() if dirs is None else dirs
    wayland, display = env.get("WAYLAND_DISPLAY", ""), env.get("DISPLAY", "")
    if wayland and wanted in ("", "wayland", "wayland-egl"):
        client = _find("libQt6WaylandClient.so.6", dirs)
        if all(not loader(lib) for lib in (*WAYLAND_LIBS, client)):
            return Verdict(True, platform=None if wanted else "wayland;xcb")
    if not display:
        return Verdict(False, t["no_display"])
    qpa = _find("libQt6XcbQpa.so.6", dirs)
    error = loader(qpa) if qpa != "libQt6XcbQpa.so.6" else ""     # not found on disk: let Qt try
    if error:
        missing = [s for s in XCB_LIBS if loader(_find(s, dirs))]
        return Verdict(False, _missing_message(missing, lang, manager_of(distro_ids(os_release)), error))
    why = connect(display)
    if why:
        return Verdict(False, t["refused"].format(display=display, why=why))
    return Verdict(True)

"""The window starts, or says why (issue 21): on Linux, before the QApplication exists, missing xcb libraries, a
missing display and a refused one are each a message in the interface language and exit 1, never Qt's abort
(exit 134). Unit checks with injected loaders, then the real thing: `python -m desktop --demo` with no display,
with a display nobody serves, with libxcb-cursor hidden in a private mount namespace, and on Xvfb."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import display_check as dc
from tests.procs import ROOT, child_env

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb check is Linux's")


def os_release(tmp_path: Path, ids: str, like: str = "") -> Path:
    p = tmp_path / "os-release"
    p.write_text(f'NAME="x"\nID={ids}\n' + (f'ID_LIKE="{like}"\n' if like else ""), encoding="utf-8")
    return p


def loader_missing(*sonames: str):
    """A loader for which the xcb platform library and `sonames` fail, as dlopen says it."""
    def load(name: str) -> str:
        base = Path(name).name
        if base == "libQt6XcbQpa.so.6":
            return f"{sonames[0]}: cannot open shared object file: No such file or directory"
        return f"{base}: cannot open shared object file" if base in sonames else ""
    return load


QT = [Path("/opt/qt/lib")]


def fake_dirs(monkeypatch):
    """The Qt library directory with libQt6XcbQpa in it (so the check loads it by full path)."""
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: str(self).startswith("/opt/qt/lib/libQt6") or real_exists(self))


def test_a_missing_xcb_cursor_names_the_package_and_the_apt_command(tmp_path, monkeypatch):
    fake_dirs(monkeypatch)
    v = dc.check({"DISPLAY": ":0"}, "en", platform="linux", dirs=QT, loader=loader_missing("libxcb-cursor.so.0"),
                 connect=lambda d: "", os_release=os_release(tmp_path, "ubuntu", "debian"))
    assert not v.ok
    assert "libxcb-cursor.so.0 (libxcb-cursor0)" in v.message
    assert "  sudo apt install libxcb-cursor0\n" in v.message
    assert "dnf" not in v.message and "pacman" not in v.message
    assert "works without a window" in v.message


def test_every_missing_library_is_in_one_command_per_distribution(tmp_path, monkeypatch):
    fake_dirs(monkeypatch)
    load = loader_missing("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    fedora = dc.check({"DISPLAY": ":0"}, "en", platform="linux", dirs=QT, loader=load, connect=lambda d: "",
                      os_release=os_release(tmp_path, "fedora"))
    assert "  sudo dnf install xcb-util-cursor xcb-util-wm xcb-util-keysyms\n" in fedora.message
    arch = dc.check({"DISPLAY": ":0"}, "en", platform="linux", dirs=QT, loader=load, connect=lambda d: "",
                    os_release=os_release(tmp_path, "manjaro", "arch"))
    assert "  sudo pacman -S xcb-util-cursor xcb-util-wm xcb-util-keysyms\n" in arch.message
    unknown = dc.check({"DISPLAY": ":0"}, "en", platform="linux", dirs=QT, loader=load, connect=lambda d: "",
                       os_release=tmp_path / "absent")
    assert all(c in unknown.message for c in ("sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1",
                                              "sudo dnf install", "sudo pacman -S"))


def test_the_message_is_in_the_interface_language(tmp_path, monkeypatch):
    fake_dirs(monkeypatch)
    v = dc.check({"DISPLAY": ":0"}, "zh_CN", platform="linux", dirs=QT, loader=loader_missing("libxcb-cursor.so.0"),
                 connect=lambda d: "", os_release=os_release(tmp_path, "debian"))
    assert v.message.startswith("火花无法打开窗口") and "安装命令" in v.message and "libxcb-cursor0" in v.message
    none = dc.check({}, "zh_CN", platform="linux", dirs=QT)
    assert "桌面会话" in none.message and "huohua --help" in none.message


def test_no_display_at_all_says_the_commands_work_without_one():
    v = dc.check({}, "en", platform="linux", dirs=[], loader=lambda n: pytest.fail("nothing to load without a display"))
    assert not v.ok and "needs a desktop session" in v.message and "works without one" in v.message


def test_a_refused_display_is_said(monkeypatch):
    fake_dirs(monkeypatch)
    v = dc.check({"DISPLAY": ":42"}, "en", platform="linux", dirs=QT, loader=lambda n: "",
                 connect=lambda d: "no X server answers there")
    assert not v.ok and "the display :42 refused the connection (no X server answers there)" in v.message


def test_a_wayland_session_uses_the_wayland_plugin_when_it_loads(monkeypatch):
    fake_dirs(monkeypatch)
    v = dc.check({"WAYLAND_DISPLAY": "wayland-0"}, "en", platform="linux", dirs=QT, loader=lambda n: "",
                 connect=lambda d: pytest.fail("no X connection on Wayland"))
    assert v.ok and v.platform == "wayland;xcb"
    # its libraries missing: XWayland's xcb, checked as on X11
    no_wl = lambda n: "nope" if "wayland" in n.lower() else ""                      # noqa: E731
    v = dc.check({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "en", platform="linux", dirs=QT, loader=no_wl,
                 connect=lambda d: "")
    assert v.ok and v.platform is None
    v = dc.check({"WAYLAND_DISPLAY": "wayland-0"}, "en", platform="linux", dirs=QT, loader=no_wl)
    assert not v.ok and "desktop session" in v.message


@pytest.mark.parametrize("env", [{"QT_QPA_PLATFORM": "offscreen"}, {"QT_QPA_PLATFORM": "vnc:size=800x600"}])
def test_another_platform_or_another_system_is_not_checked(env):
    fail = lambda n: pytest.fail("checked")                                          # noqa: E731
    assert dc.check(env, "en", platform="linux", loader=fail, connect=fail).ok
    assert dc.check({}, "en", platform="win32", loader=fail, connect=fail).ok
    assert dc.check({}, "en", platform="darwin", loader=fail, connect=fail).ok


def test_the_readme_carries_the_apt_line_below_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    opening = readme.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(opening) == 2 and opening[0].startswith("python3 -m pip install -e . && huohua --demo")
    after = readme.split("```", 2)[2][:1500]
    assert dc.APT_LINE in after


# -- the real thing --------------------------------------------------------------------------------------
def _window_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = child_env(drop=("HUOHUA_CONFIG_DIR", "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"),
                    HUOHUA_DATA_DIR=str(tmp_path / "data"), **extra)
    env["TMPDIR"] = str(tmp_path)
    return env


@LINUX
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_display_is_exit_1_with_the_message_not_an_abort(tmp_path, lang):
    out = subprocess.run([sys.executable, "-m", "desktop", "--demo", "--lang", lang], env=_window_env(tmp_path),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1, (out.returncode, out.stderr)
    assert ("needs a desktop session" if lang == "en" else "需要桌面会话") in out.stderr
    assert "qt.qpa" not in out.stderr and "Aborted" not in out.stderr and "xcb-cursor" not in out.stderr
    assert "the window cannot open" in (tmp_path / "data" / "huohua.log").read_text(encoding="utf-8")


def _xcb_ready() -> str:
    """'' when this machine has what the xcb platform needs, else why not (for the skips below)."""
    v = dc.check({"DISPLAY": ":0"}, "en", connect=lambda d: "")
    return "" if v.ok else "the xcb libraries are missing here: " + v.message.splitlines()[0]


@LINUX
def test_a_display_nobody_serves_is_exit_1_with_the_message(tmp_path):
    if why := _xcb_ready():
        pytest.skip(why)
    out = subprocess.run([sys.executable, "-m", "desktop", "--demo", "--lang", "en"],
                         env=_window_env(tmp_path, DISPLAY=":239"), capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "the display :239 refused the connection" in out.stderr, out.stderr


def _library(soname: str) -> Path | None:
    for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"):
        p = Path(d) / soname
        if p.exists():
            return p.resolve()
    return None


@LINUX
def test_hidden_xcb_cursor_is_named_with_its_package(tmp_path):
    """A stock Ubuntu desktop: libxcb-cursor0 absent. Shown by hiding it (a private mount namespace: root only)."""
    lib = _library("libxcb-cursor.so.0")
    if os.geteuid() != 0 or not shutil.which("unshare") or lib is None:
        pytest.skip("needs root, unshare and libxcb-cursor installed (to hide it)")
    empty = tmp_path / "empty.so"
    empty.write_bytes(b"")
    script = (f"mount --bind {empty} {lib} && exec {sys.executable} -m desktop --demo --lang en")
    out = subprocess.run(["unshare", "-m", "sh", "-c", script], env=_window_env(tmp_path, DISPLAY=":239"),
                         capture_output=True, text=True, timeout=60)
    if "mount" in out.stderr and out.returncode != 1:
        pytest.skip(f"no private mount namespace here: {out.stderr.strip()[:200]}")
    assert out.returncode == 1, out.stderr
    assert "libxcb-cursor.so.0 (libxcb-cursor0)" in out.stderr and "sudo apt install libxcb-cursor0" in out.stderr


@pytest.fixture
def xvfb(spawn):
    """A real X server on a free display number (Xvfb), ended with the test."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (apt install xvfb)")
    n = next(n for n in range(180, 240)
             if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists())
    proc = spawn(["Xvfb", f":{n}", "-screen", "0", "1024x700x24", "-nolisten", "tcp"],
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{n}").exists():
        assert proc.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    return f":{n}"


@LINUX
def test_the_window_maps_on_a_real_x_server(tmp_path, xvfb, spawn):
    if why := _xcb_ready():
        pytest.skip(why)
    if not shutil.which("xwininfo"):
        pytest.skip("xwininfo is not installed (apt install x11-utils)")
    proc = spawn([sys.executable, "-m", "desktop", "--demo", "--lang", "en"],
                 env=_window_env(tmp_path, DISPLAY=xvfb, QT_QPA_PLATFORM="xcb"),
                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    tree = ""
    while "Huohua" not in tree and "火花" not in tree:
        assert proc.poll() is None, f"the window ended ({proc.returncode}): {proc.stderr.read()[-2000:]}"
        assert time.monotonic() < deadline, f"no Huohua window mapped on {xvfb}:\n{tree[-2000:]}"
        time.sleep(0.2)
        tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", xvfb], capture_output=True,
                              text=True, timeout=10).stdout
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 128 + signal.SIGTERM

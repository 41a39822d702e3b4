"""The pieces of an installation (issue 14): `huohua --self-test`, the icon in every size and format, and the
Linux menu entry — from source here; packaging/build.py runs the same against the frozen bundle."""

from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from tests.cli_run import ROOT, huohua
from tests.procs import child_env

ICONS = ROOT / "resources" / "icons"


def test_the_self_test_passes_with_one_line_per_check(tmp_path):
    env = child_env(drop=(), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "desktop", "--self-test"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    checks = [line for line in lines if line.startswith(("ok ", "FAIL "))]
    assert len(checks) == 14 and all(line.startswith("ok ") for line in checks)
    for name in ("database create + migrate", "every resource loads", "a sample article is tagged",
                 "the demo recording replays", "the window builds and paints (offscreen)"):
        assert any(line.startswith(f"ok   {name}:") for line in checks), name
    assert lines[-1] == "self-test: all passed"


def test_a_failing_check_fails_the_self_test(monkeypatch, capsys):
    from desktop import selftest

    monkeypatch.setattr(selftest, "REQUIRED_RESOURCES", selftest.REQUIRED_RESOURCES + ("missing.toml",))
    monkeypatch.setattr(selftest, "_spawn", lambda: "skipped")
    monkeypatch.setattr(selftest, "_market_process", lambda: "skipped")
    assert selftest.run(bundle_only=True) == 1
    out = capsys.readouterr().out
    assert "FAIL resources: FileNotFoundError: missing under" in out and "missing.toml" in out
    assert out.splitlines()[-1] == "self-test: 1 failed: resources"


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_the_icon_in_every_size(size):
    data = (ICONS / f"huohua-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)


def test_the_windows_and_macos_icons_hold_their_sizes():
    ico = (ICONS / "huohua.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    sizes = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert (reserved, kind) == (0, 1) and sizes == [16, 24, 32, 48, 64, 128, 256]
    icns = (ICONS / "huohua.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    types, i = [], 8
    while i < len(icns):
        types.append(icns[i:i + 4])
        i += struct.unpack(">I", icns[i + 4:i + 8])[0]
    assert types == [b"icp4", b"icp5", b"icp6", b"ic07", b"ic08", b"ic09"]


def test_the_window_has_the_icon(qtbot):
    from desktop.ui.icon import app_icon

    icon = app_icon()
    assert not icon.isNull() and {s.width() for s in icon.availableSizes()} >= {16, 32, 256}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop menu entries are Linux's")
def test_the_desktop_entry_installs_and_uninstalls(tmp_path, monkeypatch):
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    out = huohua(tmp_path / "data", "desktop-entry", "install")
    assert out.returncode == 0, out.stderr
    entry = (home / "applications" / "huohua.desktop").read_text(encoding="utf-8")
    assert entry.startswith("[Desktop Entry]\n") and "Name[zh_CN]=火花" in entry and "Icon=huohua" in entry
    assert "Categories=Office;Finance;Network;News;" in entry and "-m desktop" in entry
    assert all((home / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "huohua.png").is_file() for s in (16, 256, 512))
    out = huohua(tmp_path / "data", "desktop-entry", "uninstall")
    assert out.returncode == 0 and not (home / "applications" / "huohua.desktop").exists()

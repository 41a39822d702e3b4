"""Build the frozen Huohua app, prune what it never loads, and smoke-test the result.

    python packaging/build.py                 # build + prune + smoke checks  (dist: packaging/dist/huohua)
    python packaging/build.py --skip-build    # prune + smoke checks on an existing packaging/dist/huohua
    python packaging/build.py --no-prune --no-smoke --no-archive

Steps:
1. `pip install pyinstaller` when it is missing, then run packaging/huohua.spec (onedir, two executables).
2. Prune (Linux): Qt plugins for platforms and features the app does not use, Qt's own translations other
   than Chinese and English, and then every bundled shared library that nothing left in the bundle needs
   (read from the ELF DT_NEEDED entries, no external tool). Each removed file is printed with its size and
   the reason. PyInstaller's `excludes` only drop Python modules; libraries pulled in by Qt plugins stay
   until they are removed here.
3. The size: `du -sm` of the bundle against SIZE_BAR_MB, and a .tar.gz of it (its size printed).
4. Smoke checks against the frozen executables (never the source tree): version, `huohua-cli --self-test`
   (desktop/selftest.py: the native pieces, a database created and migrated, every resource, a tagged
   sample, the demo replayed, the window painted offscreen), the Linux desktop entry, OPML import, market
   replay through akshare's own parsing, a real fetch of captured feeds served on 127.0.0.1 (spawned parse
   workers, OpenCC, Aho-Corasick tagging, search), the GUI under QT_QPA_PLATFORM=offscreen for a few
   seconds, and the GUI surviving a background job that fails on purpose (HUOHUA_TEST_FAIL_JOB=1). Each
   phase's time is printed at the end. Exit status 1 if any check fails or the bundle is over the size bar.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import struct
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "huohua.spec"
DIST = HERE / "dist"
WORK = HERE / "build"
APP = DIST / "huohua"
INTERNAL = APP / "_internal"
CAPTURED = ROOT / "tests" / "fixtures" / "feeds" / "captured"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
SIZE_BAR_MB = 250          # unpacked, Linux (`du -sm`): issue 14

# --------------------------------------------------------------------------------------------------------
# Prune rules (paths relative to _internal/, Linux PySide6 wheel layout). Globs are allowed.
QT = "PySide6/Qt"
PRUNE_RULES: list[tuple[str, str]] = [
    (f"{QT}/plugins/platforms/libqeglfs.so", "EGLFS platform: full-screen embedded displays with no window system"),
    (f"{QT}/plugins/platforms/libqlinuxfb.so", "Linux framebuffer platform: embedded devices"),
    (f"{QT}/plugins/platforms/libqminimal.so", "minimal platform for Qt's own tests (offscreen is kept for headless)"),
    (f"{QT}/plugins/platforms/libqminimalegl.so", "minimal EGL platform for Qt's own tests"),
    (f"{QT}/plugins/platforms/libqvkkhrdisplay.so", "Vulkan direct-to-display platform: embedded devices"),
    (f"{QT}/plugins/platforms/libqvnc.so", "VNC server platform"),
    (f"{QT}/plugins/egldeviceintegrations", "device back-ends of the EGLFS platform, which is removed"),
    (f"{QT}/plugins/generic", "evdev/tslib/TUIO input for EGLFS and linuxfb; X11 and Wayland deliver input"),
    (f"{QT}/plugins/platformthemes/libqgtk3.so",
     "GTK3 theme: would load the system libgtk-3 against the bundled glib/cairo/pango (version clash); the app"
     " sets its own style and palette"),
    (f"{QT}/plugins/networkinformation", "QNetworkInformation back-ends: the app does no networking through Qt"),
    (f"{QT}/plugins/tls", "QSslSocket back-ends: HTTP goes through requests/curl_cffi, never QtNetwork"),
    (f"{QT}/plugins/imageformats/libqicns.so", "macOS icon images (article images are JPEG/PNG/GIF/WebP/SVG)"),
    (f"{QT}/plugins/imageformats/libqtga.so", "TGA images: never served by news sites"),
    (f"{QT}/plugins/imageformats/libqwbmp.so", "WAP bitmaps: never served by news sites"),
]
# Qt's own catalogs (standard dialog buttons etc.): the UI is zh_CN or en, so only those stay.
QT_TRANSLATIONS = f"{QT}/translations"
QT_TRANSLATIONS_KEEP = re.compile(r"_(zh_CN|en)\.qm$")
# Loaded with dlopen()/ctypes by name rather than through DT_NEEDED: never removed as orphans.
DLOPENED = re.compile(r"^lib(python3|mini_racer|dbus-1|ssl|crypto|gssapi_krb5|vulkan|EGL|GL|GLX|OpenGL|xcb-cursor)\b")
SHARED_LIB = re.compile(r"^lib.+\.so(\.\d+)*$")
# What Qt ≥ 6.5's xcb platform needs beyond a stock Ubuntu/Debian desktop (issue 21; desktop/display_check.py
# names the same ones to a source install): collected from the build machine, checked by the smoke checks.
X11_BEYOND_STOCK = ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-image.so.0",
                    "libxcb-render-util.so.0", "libxkbcommon-x11.so.0")


def _system_library(soname: str) -> Path | None:
    """The system's own copy of a library (the file a symlink points to), if installed."""
    for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64",
              "/usr/lib"):
        p = Path(d) / soname
        if p.exists():
            return p.resolve()
    return None


def log(msg: str = "") -> None:
    print(msg, flush=True)


def human(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def tree_size(path: Path) -> tuple[int, int]:
    """Bytes and files, symlinks not followed (what an archive of the folder holds)."""
    total = files = 0
    for p in path.rglob("*"):
        if p.is_symlink() or not p.is_file():
            continue
        total += p.stat().st_size
        files += 1
    return total, files


# --------------------------------------------------------------------------------------------------------
# 1. Build
def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        log("PyInstaller is missing: pip install pyinstaller")
        subprocess.run([sys.executable, "-m", "pip", "install", "pyinstaller"], check=True)


def build() -> float:
    ensure_pyinstaller()
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)]
    log("$ " + " ".join(cmd))
    start = time.monotonic()
    env = {**os.environ, "TQDM_DISABLE": "1"}
    subprocess.run(cmd, check=True, cwd=ROOT, env=env)
    return time.monotonic() - start


# --------------------------------------------------------------------------------------------------------
# 2. Prune
def elf_needed(path: Path) -> list[str] | None:
    """DT_NEEDED sonames of an ELF file, or None when it is not ELF."""
    with open(path, "rb") as f:
        ident = f.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF":
            return None
        is64, end = ident[4] == 2, "<" if ident[5] == 1 else ">"
        if is64:
            f.seek(0x20)
            (phoff,) = struct.unpack(end + "Q", f.read(8))
            f.seek(0x36)
        else:
            f.seek(0x1C)
            (phoff,) = struct.unpack(end + "I", f.read(4))
            f.seek(0x2A)
        phentsize, phnum = struct.unpack(end + "HH", f.read(4))
        loads, dynamic = [], None
        for i in range(phnum):
            f.seek(phoff + i * phentsize)
            ph = f.read(phentsize)
            if is64:
                p_type, _, p_offset, p_vaddr, _, p_filesz, _ = struct.unpack(end + "IIQQQQQ", ph[:48])
            else:
                p_type, p_offset, p_vaddr, _, p_filesz, _ = struct.unpack(end + "IIIIII", ph[:24])
            if p_type == 1:
                loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == 2:
                dynamic = (p_offset, p_filesz)
        if dynamic is None:
            return []
        f.seek(dynamic[0])
        raw = f.read(dynamic[1])
        fmt = end + ("qQ" if is64 else "iI")
        step = struct.calcsize(fmt)
        needed, strtab = [], None
        for off in range(0, len(raw) - step + 1, step):
            tag, val = struct.unpack_from(fmt, raw, off)
            if tag == 0:
                break
            if tag == 1:
                needed.append(val)
            elif tag == 5:
                strtab = val
        if strtab is None:
            return []
        stroff = next((strtab - va + off for va, off, size in loads if va <= strtab < va + size), None)
        if stroff is None:
            return []
        names = []
        for n in needed:
            f.seek(stroff + n)
            names.append(f.read(512).split(b"\0", 1)[0].decode("ascii", "replace"))
        return names


def has_debug_info(path: Path) -> bool:
    """True when an ELF file carries .debug_* sections (DWARF), which the loader never maps."""
    with open(path, "rb") as f:
        ident = f.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF":
            return False
        is64, end = ident[4] == 2, "<" if ident[5] == 1 else ">"
        f.seek(0x28 if is64 else 0x20)
        (shoff,) = struct.unpack(end + ("Q" if is64 else "I"), f.read(8 if is64 else 4))
        f.seek(0x3A if is64 else 0x2E)
        shentsize, shnum, shstrndx = struct.unpack(end + "HHH", f.read(6))
        if not shoff or not shnum or shstrndx >= shnum:
            return False
        hdr = end + ("IIQQQQIIQQ" if is64 else "IIIIIIIIII")

        def section(i: int) -> tuple:
            f.seek(shoff + i * shentsize)
            return struct.unpack(hdr, f.read(struct.calcsize(hdr)))

        strtab = section(shstrndx)
        f.seek(strtab[4])
        names = f.read(strtab[5])
        for i in range(shnum):
            name_off = section(i)[0]
            if names[name_off:names.find(b"\0", name_off)].startswith(b".debug_"):
                return True
    return False


def strip_debug() -> list[tuple[str, int, str]]:
    """`strip --strip-debug` on bundled ELF files that carry DWARF debug info (pyenv's libpython and
    lib-dynload, curl_cffi's wheel): symbol tables stay, nothing the loader uses changes."""
    strip = shutil.which("strip")
    if strip is None:
        log("strip not found (binutils): debug info left in place")
        return []
    out, small, small_saved = [], 0, 0
    # Only _internal/: the executables carry their Python archive appended after the ELF image.
    for p in sorted(INTERNAL.rglob("*")):
        if p.is_symlink() or not p.is_file() or not has_debug_info(p):
            continue
        before = p.stat().st_size
        subprocess.run([strip, "--strip-debug", str(p)], check=True)
        saved = before - p.stat().st_size
        if saved >= 500_000:
            out.append((str(p.relative_to(INTERNAL)), saved,
                        "debug info stripped (strip --strip-debug; the size is what was saved)"))
        elif saved > 0:
            small, small_saved = small + 1, small_saved + saved
    if small:
        out.append((f"{small} smaller files (python3.11/lib-dynload/* …)", small_saved,
                    "debug info stripped (strip --strip-debug; the size is what was saved)"))
    return out


def remove(path: Path) -> int:
    if path.is_symlink() or path.is_file():
        size = 0 if path.is_symlink() else path.stat().st_size
        path.unlink()
        return size
    size, _ = tree_size(path)
    shutil.rmtree(path)
    return size


def prune() -> list[tuple[str, int, str]]:
    """Remove by rule, then orphaned libraries. Returns (relative path, bytes, reason) per removal."""
    removed: list[tuple[str, int, str]] = []
    if not sys.platform.startswith("linux"):
        log("pruning rules are written for the Linux bundle layout: skipped on " + sys.platform)
        return removed
    users = dependents()   # before anything is removed, so orphans can say what needed them
    for pattern, reason in PRUNE_RULES:
        for p in sorted(INTERNAL.glob(pattern)):
            removed.append((str(p.relative_to(INTERNAL)), remove(p), reason))
    tr = INTERNAL / QT_TRANSLATIONS
    if tr.is_dir():
        drop = [p for p in sorted(tr.glob("*.qm")) if not QT_TRANSLATIONS_KEEP.search(p.name)]
        size = sum(remove(p) for p in drop)
        if drop:
            removed.append((f"{QT_TRANSLATIONS}/*.qm ({len(drop)} files)", size,
                            "Qt's own catalogs for languages the UI does not offer (kept: *_zh_CN.qm, *_en.qm)"))
    removed += prune_orphans(users)
    removed += strip_debug()
    # Symlinks left pointing at removed files.
    for p in sorted(APP.rglob("*")):
        if p.is_symlink() and not p.exists():
            p.unlink()
    return removed


def dependents() -> dict[str, set[str]]:
    """soname -> names of the bundled ELF files that list it in DT_NEEDED."""
    out: dict[str, set[str]] = {}
    for p in APP.rglob("*"):
        if p.is_file() and not p.is_symlink():
            for soname in elf_needed(p) or ():
                out.setdefault(soname, set()).add(p.name)
    return out


def prune_orphans(users: dict[str, set[str]]) -> list[tuple[str, int, str]]:
    """Shared libraries (lib*.so*) that no remaining extension module, plugin, executable or kept library
    lists in DT_NEEDED. Python extension modules, Qt plugins and the executables are the roots."""
    real: dict[Path, list[str]] = {}
    by_name: dict[str, set[Path]] = {}
    for p in APP.rglob("*"):
        if not p.is_file():
            continue
        target = p.resolve()
        by_name.setdefault(p.name, set()).add(target)
        if p.is_symlink() or target in real:
            continue
        needed = elf_needed(target)
        if needed is not None:
            real[target] = needed

    def is_candidate(path: Path) -> bool:
        name = path.name
        return (SHARED_LIB.match(name) is not None and ".cpython-" not in name and ".abi3." not in name
                and "/plugins/" not in path.as_posix() and not DLOPENED.match(name))

    roots = [p for p in real if not is_candidate(p)]
    reachable: set[Path] = set()
    stack = list(roots)
    while stack:
        cur = stack.pop()
        if cur in reachable:
            continue
        reachable.add(cur)
        for soname in real.get(cur, []):
            for dep in by_name.get(soname, ()):
                if dep not in reachable:
                    stack.append(dep)
    out = []
    for lib in sorted(p for p in real if p not in reachable):
        rel = lib.relative_to(INTERNAL.resolve()) if lib.is_relative_to(INTERNAL.resolve()) else lib
        links = [p for p in APP.rglob(lib.name) if p.is_symlink()]
        size = remove(lib)
        for link in links:
            link.unlink(missing_ok=True)
        who = sorted(users.get(lib.name, set()))
        shown = ", ".join(who[:4]) + (f" +{len(who) - 4} more" if len(who) > 4 else "") if who else "nothing"
        out.append((str(rel), size, f"orphan: nothing left needs it (was needed only by: {shown})"))
    return out


# --------------------------------------------------------------------------------------------------------
# 3. Smoke checks
class Smoke:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.results: list[tuple[str, bool, str]] = []
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("HUOHUA_", "PYTHON", "QT_", "LD_PRELOAD"))}
        self.env.update(HOME=str(workdir / "home"), XDG_CONFIG_HOME=str(workdir / "home" / ".config"),
                        XDG_DATA_HOME=str(workdir / "home" / ".local" / "share"), LANG="C.UTF-8")
        (workdir / "home").mkdir(parents=True, exist_ok=True)

    def exe(self, name: str) -> str:
        return str(APP / (name + EXE_SUFFIX))

    def run(self, args: list[str], timeout: float = 180, children: set[str] | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run a frozen command; with `children`, collect the command lines of its child processes."""
        shown = " ".join(a if " " not in a else repr(a) for a in args)
        log(f"\n$ {shown.replace(str(APP) + os.sep, 'dist/huohua/')}")
        start = time.monotonic()
        with tempfile.TemporaryFile("w+b") as out, tempfile.TemporaryFile("w+b") as err:
            proc = subprocess.Popen(args, cwd=self.workdir, env=env or self.env, stdout=out, stderr=err)
            while proc.poll() is None:
                if children is not None:
                    children.update(_child_cmdlines(proc.pid))
                if time.monotonic() - start > timeout:
                    proc.kill()
                    proc.wait()
                    break
                time.sleep(0.02)
            out.seek(0)
            err.seek(0)
            cp = subprocess.CompletedProcess(args, proc.returncode, out.read().decode("utf-8", "replace"),
                                             err.read().decode("utf-8", "replace"))
        cp.elapsed = time.monotonic() - start  # type: ignore[attr-defined]
        for stream, text in (("", cp.stdout), ("stderr: ", cp.stderr)):
            lines = text.rstrip("\n").splitlines()
            for line in lines[:40]:
                log(f"  {stream}{line}")
            if len(lines) > 40:
                log(f"  {stream}… ({len(lines) - 40} more lines)")
        log(f"  [exit {cp.returncode}, {cp.elapsed:.1f} s]")  # type: ignore[attr-defined]
        return cp

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        self.results.append((name, ok, detail))
        log(f"  => {'PASS' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")

    def all(self) -> bool:
        cli = self.exe("huohua-cli")
        data = self.workdir / "data"
        resources = INTERNAL / "resources"

        cp = self.run([cli, "--version"])
        self.check("version", cp.returncode == 0 and cp.stdout.startswith("huohua "), cp.stdout.strip())

        env = {**self.env, "QT_QPA_PLATFORM": "offscreen"}
        cp = self.run([cli, "--self-test"], env=env)
        failed = [line for line in cp.stdout.splitlines() if line.startswith("FAIL")]
        self.check("huohua-cli --self-test (libraries, database, resources, tagging, demo replay, window paint)",
                   cp.returncode == 0 and "self-test: all passed" in cp.stdout,
                   f"{sum(1 for line in cp.stdout.splitlines() if line.startswith('ok'))} ok, {len(failed)} failed")

        home = self.workdir / "home" / ".local" / "share"
        cp = self.run([cli, "desktop-entry", "install"]) if sys.platform.startswith("linux") else None
        if cp is not None:
            entry = home / "applications" / "huohua.desktop"
            text = entry.read_text(encoding="utf-8") if entry.exists() else ""
            icon = home / "icons" / "hicolor" / "256x256" / "apps" / "huohua.png"
            self.check("desktop-entry install (menu entry, 中文 Name, Exec = the bundle's huohua, icon)",
                       cp.returncode == 0 and "Name[zh_CN]=火花" in text and str(APP / "huohua") in text
                       and "Categories=Office;Finance;Network;News;" in text and icon.is_file(),
                       str(entry))

        cp = self.run([cli, "--data-dir", str(data), "feeds", "import", str(resources / "feeds.opml")])
        self.check("feeds import (bundled OPML)", cp.returncode == 0 and "imported" in cp.stdout)
        cp = self.run([cli, "--data-dir", str(data), "feeds", "list"])
        n = len([line for line in cp.stdout.splitlines() if line.strip()])
        self.check("feeds list", cp.returncode == 0 and n > 0, f"{n} feeds")

        demo = resources / "demo"
        cp = self.run([cli, "--data-dir", str(data), "quotes", "--replay", str(demo), "--json"])
        rows = _json(cp.stdout)
        self.check("quotes --replay demo --json", cp.returncode == 0 and bool(rows)
                   and all(r.get("price") is not None for r in rows), f"{len(rows or [])} quotes")
        cp = self.run([cli, "--data-dir", str(data), "boards", "--replay", str(demo), "--json"])
        rows = _json(cp.stdout)
        self.check("boards --replay demo (akshare's own parsing)", cp.returncode == 0 and bool(rows),
                   f"{len(rows or [])} boards")
        cp = self.run([cli, "--data-dir", str(data), "history", "300750", "--days", "5", "--replay", str(demo),
                       "--json"])
        rows = _json(cp.stdout)
        self.check("history --replay demo (akshare's own parsing)", cp.returncode == 0 and bool(rows),
                   f"{len(rows or [])} bars")

        self.fetch_check(cli)
        self.gui_check()
        if sys.platform.startswith("linux"):
            self.bundled_x11_check()
            self.xcb_window_check()
        self.crash_check()
        return all(ok for _, ok, _ in self.results)

    def bundled_x11_check(self) -> None:
        """The X11 libraries Qt ≥ 6.5 needs beyond a stock desktop are in the bundle (PyInstaller collects them
        from the build machine: .ci/run installs them first)."""
        missing = [s for s in X11_BEYOND_STOCK if not (INTERNAL / s).exists()
                   and not any(INTERNAL.rglob(s))]
        self.check("the bundle carries the X11 libraries a stock desktop lacks", not missing,
                   "missing: " + ", ".join(missing) if missing else ", ".join(X11_BEYOND_STOCK))

    def xcb_window_check(self, timeout: float = 60.0) -> None:
        """The window maps on a real X server (Xvfb, the xcb platform, not offscreen) while the system's copies
        of X11_BEYOND_STOCK are hidden (a private mount namespace: each bind-mounted over with an empty file), as
        on a stock Ubuntu desktop. Needs root, unshare, Xvfb and xwininfo: skipped (and said so) without them."""
        name = "GUI --demo maps its window on Xvfb (xcb) with the system's xcb-cursor/icccm/keysyms … hidden"
        need = [t for t in ("Xvfb", "xwininfo", "unshare") if not shutil.which(t)]
        if need or os.geteuid() != 0:
            log(f"\n(skipped: {name}: needs root and {', '.join(need) or 'nothing else'})")
            return
        hide = [p for p in (_system_library(s) for s in X11_BEYOND_STOCK) if p is not None]
        n = next(n for n in range(150, 250) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                 and not Path(f"/tmp/.X{n}-lock").exists())
        display = f":{n}"
        empty = self.workdir / "empty.so"
        empty.write_bytes(b"")
        data = self.workdir / "xcb-data"
        mounts = " && ".join(f"mount --bind {empty} {p}" for p in hide)
        script = f"{mounts + ' && ' if mounts else ''}exec {APP / 'huohua'} --data-dir {data} --demo --lang en"
        env = {**self.env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        log(f"\n$ Xvfb {display} & unshare -m sh -c 'mount --bind EMPTY <{len(hide)} system libraries>; "
            f"exec dist/huohua/huohua --demo'   (QT_QPA_PLATFORM=xcb)")
        log("  hidden: " + (", ".join(str(p) for p in hide) or "none (not installed on this machine)"))
        xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1024x700x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out_path = self.workdir / "xcb.out"
        mapped, detail = False, ""
        try:
            deadline = time.monotonic() + 10
            while not Path(f"/tmp/.X11-unix/X{n}").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            with open(out_path, "w+", encoding="utf-8", errors="replace") as out:
                proc = subprocess.Popen(["unshare", "-m", "sh", "-c", script], cwd=self.workdir, env=env,
                                        stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
                start = time.monotonic()
                try:
                    while time.monotonic() - start < timeout and proc.poll() is None:
                        tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", display],
                                              capture_output=True, text=True, timeout=10).stdout
                        if "Huohua" in tree or "火花" in tree:
                            mapped = True
                            detail = f"mapped after {time.monotonic() - start:.1f} s, {len(hide)} libraries hidden"
                            break
                        time.sleep(0.2)
                finally:
                    if proc.poll() is None:
                        os.killpg(proc.pid, signal.SIGTERM)
                        try:
                            proc.wait(15)
                        except subprocess.TimeoutExpired:
                            os.killpg(proc.pid, signal.SIGKILL)
                            proc.wait(10)
                out.seek(0)
                text = out.read()
            for line in text.rstrip("\n").splitlines()[:20]:
                log(f"  {line}")
            if not mapped:
                detail = f"no window (exit {proc.returncode}): {text.strip()[-300:]}"
        finally:
            xvfb.terminate()
            xvfb.wait(10)
        self.check(name, mapped, detail)

    def crash_check(self, timeout: float = 60.0) -> None:
        """The windowed build with a background job failing on purpose (HUOHUA_TEST_FAIL_JOB=1): the error is
        in the log with its traceback, the window runs on, and it still ends in order on SIGTERM."""
        gui = self.exe("huohua")
        data = self.workdir / "crash-data"
        env = {**self.env, "QT_QPA_PLATFORM": "offscreen", "HUOHUA_TEST_FAIL_JOB": "1"}
        log(f"\n$ HUOHUA_TEST_FAIL_JOB=1 QT_QPA_PLATFORM=offscreen dist/huohua/huohua --data-dir {data} --demo")
        log_file = data / "huohua.log"
        proc = subprocess.Popen([gui, "--data-dir", str(data), "--demo"], cwd=self.workdir, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        start, text = time.monotonic(), ""
        while time.monotonic() - start < timeout and proc.poll() is None:
            text = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
            if "deliberate failure of a background job" in text:
                break
            time.sleep(0.2)
        time.sleep(1.0)
        alive = proc.poll() is None
        if alive:
            proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            rc = proc.wait(10)
        for line in text.splitlines()[-12:]:
            log(f"  huohua.log: {line}")
        ok = alive and "unhandled RuntimeError" in text and "Traceback" in text and rc == 128 + signal.SIGTERM
        self.check("an uncaught error in a background thread: logged, survived, then SIGTERM ends it in order", ok,
                   f"{'running' if alive else 'died'} after the error; exit {rc}")

    def fetch_check(self, cli: str) -> None:
        """Five captured feeds (UTF-8, GB2312, Big5) over real HTTP: ≥ 4 feeds start the spawned parse pool."""
        feeds = ["36kr-feed-2016.xml", "rsshub-36kr-newsflashes-2019.xml", "techweb-hotnews-2016.xml",
                 "coolloud-rss10-big5-2005.xml", "baidu-news-civilnews-gb2312-2011.xml"]
        if not all((CAPTURED / f).is_file() for f in feeds):
            self.check("fetch captured feeds", False, f"fixtures missing under {CAPTURED}")
            return
        handler = functools.partial(_QuietHandler, directory=str(CAPTURED))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        log(f"\n(serving {CAPTURED.relative_to(ROOT)} on {base})")
        data = self.workdir / "fetch-data"
        try:
            for f in feeds:
                cp = self.run([cli, "--data-dir", str(data), "feeds", "add", f"{base}/{f}", "--folder", "smoke"])
                if cp.returncode != 0:
                    self.check(f"feeds add {f}", False)
                    return
            children: set[str] = set()
            cp = self.run([cli, "--data-dir", str(data), "fetch", "--once"], children=children)
            m = re.search(r"total: (\d+) feeds, (\d+) new articles, \d+ updated, (\d+) failed", cp.stdout)
            ok = (cp.returncode == 0 and m is not None and m.group(1) == "5" and int(m.group(2)) > 0
                  and m.group(3) == "0" and "parse workers died" not in cp.stderr)
            self.check("fetch --once (5 feeds over HTTP)", ok, m.group(0) if m else "no total line")
            if sys.platform.startswith("linux"):
                workers = sorted(c for c in children if "--multiprocessing-fork" in c)
                for c in sorted(c for c in children if c):   # a child caught between fork and exec has none
                    log(f"  child process: {c.replace(str(APP) + os.sep, 'dist/huohua/')}")
                self.check("parse workers spawned from the frozen executable (freeze_support)",
                           bool(workers) and "parse workers died" not in cp.stderr,
                           f"{len(workers)} worker processes seen")
        finally:
            server.shutdown()
            server.server_close()
        cp = self.run([cli, "--data-dir", str(data), "news", "--query", "劳工", "--json"])
        rows = _json(cp.stdout) or []
        feeds_hit = sorted({r["feed"] for r in rows})
        # 苦勞網 writes 勞工 (traditional): found by 劳工 only if OpenCC t2s ran on ingest.
        self.check("news --query 劳工 (FTS + OpenCC t2s on a Big5 feed)",
                   cp.returncode == 0 and any("苦勞網" in f for f in feeds_hit) and len(feeds_hit) >= 2,
                   f"{len(rows)} articles from {', '.join(feeds_hit)}")
        cp = self.run([cli, "--data-dir", str(data), "news", "--limit", "1000", "--json"])
        rows = _json(cp.stdout) or []
        themes = sum(1 for r in rows if r["themes"])
        stocks = sum(1 for r in rows if r["stocks"])
        self.check("tagging (pyahocorasick themes and company links)", themes > 0 and stocks > 0,
                   f"{len(rows)} articles, {themes} with themes, {stocks} with stocks")

    def gui_check(self, seconds: float = 5.0) -> None:
        gui = self.exe("huohua")
        data = self.workdir / "gui-data"
        env = {**self.env, "QT_QPA_PLATFORM": "offscreen"}
        args = [gui, "--data-dir", str(data), "--demo"]
        log(f"\n$ QT_QPA_PLATFORM=offscreen dist/huohua/huohua --data-dir {data} --demo   (for {seconds:.0f} s)")
        out_path = self.workdir / "gui.out"
        with open(out_path, "w+", encoding="utf-8", errors="replace") as out:
            proc = subprocess.Popen(args, cwd=self.workdir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
            time.sleep(seconds)
            alive = proc.poll() is None
            if alive:
                proc.send_signal(signal.SIGTERM if hasattr(signal, "SIGTERM") else signal.SIGINT)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL) if hasattr(os, "killpg") else proc.kill()
                    proc.wait(10)
            out.seek(0)
            text = out.read()
        for line in text.rstrip("\n").splitlines()[:40]:
            log(f"  {line}")
        log_file = data / "huohua.log"
        app_log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else ""
        bad = [line for line in app_log.splitlines() if " ERROR " in line or " CRITICAL " in line]
        for line in app_log.splitlines()[:40]:
            log(f"  huohua.log: {line}")
        ok = alive and "Traceback" not in text and "Traceback" not in app_log and not bad
        detail = ("alive" if alive else f"exited early with {proc.returncode}") + f" after {seconds:.0f} s"
        detail += f"; {len(app_log.splitlines())} log lines, {len(bad)} errors"
        self.check("GUI --demo under QT_QPA_PLATFORM=offscreen", ok, detail)


def _child_cmdlines(pid: int) -> set[str]:
    """Command lines of the direct children of `pid` (Linux /proc; empty elsewhere)."""
    found = set()
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for d in proc.iterdir():
        if not d.name.isdigit():
            continue
        try:
            ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found.add((d / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip())
        except (OSError, IndexError, ValueError):
            continue
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


def _json(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def archive() -> Path:
    sys.path.insert(0, str(ROOT))
    from desktop import __version__

    machine = platform.machine()
    arch = {"AMD64": "x86_64", "aarch64": "arm64"}.get(machine, machine.lower() or "unknown")
    out = DIST / f"huohua-{__version__}-{sys.platform}-{arch}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(APP, arcname="huohua")
    return out


# --------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--skip-build", action="store_true", help="reuse packaging/dist/huohua")
    p.add_argument("--no-prune", action="store_true")
    p.add_argument("--no-smoke", action="store_true")
    p.add_argument("--no-archive", action="store_true", help="skip the .tar.gz (its size is reported otherwise)")
    p.add_argument("--archive", action="store_true", help=argparse.SUPPRESS)   # the default now; kept for old scripts
    args = p.parse_args(argv)
    phases: list[tuple[str, float]] = []
    t0 = time.monotonic()

    if not args.skip_build:
        seconds = build()
        log(f"PyInstaller finished in {seconds:.0f} s")
        phases.append(("PyInstaller", seconds))
    if not APP.is_dir():
        log(f"error: no bundle at {APP}")
        return 2
    before, files_before = tree_size(APP)
    log(f"\nbundle before pruning: {human(before)} in {files_before} files ({APP.relative_to(ROOT)})")

    if not args.no_prune:
        t = time.monotonic()
        removed = prune()
        log("\npruned:")
        for rel, size, reason in removed:
            log(f"  {size / 1e6:6.2f} MB  {rel}  — {reason}")
        after, files_after = tree_size(APP)
        log(f"\nbundle after pruning: {human(after)} in {files_after} files "
            f"(removed {human(before - after)}, {files_before - files_after} files)")
        phases.append(("prune", time.monotonic() - t))

    if sys.platform.startswith("linux") and not args.no_prune:
        saved = cli_as_script()
        log(f"\nhuohua-cli: a 2-line script running huohua (saves {human(saved)}: on Linux the windowed "
            "executable works in a terminal too)")
    for name in ("huohua", "huohua-cli"):
        exe = APP / (name + EXE_SUFFIX)
        if exe.exists():
            log(f"  {name}: {human(exe.stat().st_size)} (each executable carries its own copy of the Python modules)")
    internal, _ = tree_size(INTERNAL)
    log(f"  _internal/: {human(internal)}")

    unpacked_mb = du_mb(APP)
    log(f"\nunpacked size: {unpacked_mb} MB (du -sm {APP.relative_to(ROOT)}; bar ≤ {SIZE_BAR_MB} MB)")
    if not args.no_archive:
        t = time.monotonic()
        out = archive()
        log(f"archive: {out.relative_to(ROOT)} {human(out.stat().st_size)}")
        phases.append(("archive", time.monotonic() - t))

    ok = unpacked_mb <= SIZE_BAR_MB
    results = [(f"unpacked size ≤ {SIZE_BAR_MB} MB", ok, f"{unpacked_mb} MB")]
    if not args.no_smoke:
        t = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="huohua-smoke-") as tmp:
            smoke = Smoke(Path(tmp))
            ok = smoke.all() and ok
        results += smoke.results
        phases.append(("smoke checks", time.monotonic() - t))
    log("\nsmoke checks:")
    for name, passed, detail in results:
        log(f"  {'PASS' if passed else 'FAIL'}  {name}{'  (' + detail + ')' if detail else ''}")
    passed = sum(1 for _, p_, _ in results if p_)
    log(f"{passed} passed, {len(results) - passed} failed")
    log("\nphases: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in phases)
        + f"; total {time.monotonic() - t0:.0f} s")
    return 0 if ok else 1


CLI_SCRIPT = """#!/bin/sh
# huohua-cli: Huohua's sub-commands (feeds, fetch, news, quotes, alerts, --self-test …). On Linux the windowed
# executable works in a terminal as well, so this runs it instead of shipping a second copy of the Python
# archive (packaging/build.py, cli_as_script).
exec "$(dirname "$(readlink -f "$0")")/huohua" "$@"
"""


def cli_as_script() -> int:
    """Linux: replace the console executable by a script running the windowed one; the bytes saved."""
    cli = APP / "huohua-cli"
    if not cli.is_file() or cli.stat().st_size < 100_000:
        return 0                                   # already a script (--skip-build on a pruned bundle)
    size = cli.stat().st_size
    cli.write_text(CLI_SCRIPT, encoding="utf-8")
    cli.chmod(0o755)
    return size - cli.stat().st_size


def du_mb(path: Path) -> int:
    """What `du -sm` says (disk usage in MiB, rounded up), by du itself where there is one."""
    if shutil.which("du"):
        out = subprocess.run(["du", "-sm", str(path)], capture_output=True, text=True, check=False).stdout
        if out.split():
            return int(out.split()[0])
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return -(-total // (1024 * 1024))


if __name__ == "__main__":
    sys.exit(main())

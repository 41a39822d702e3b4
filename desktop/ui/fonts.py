"""The UI font's CJK fallbacks, per platform: Chinese text in the system's own Chinese UI face, never a serif
one (SimSun on an English Windows) or the Japanese forms of the shared Han characters (Noto Sans CJK JP, which
fontconfig prefers on a Linux desktop whose locale is not Chinese).

The application font keeps the platform's default family first (Segoe UI, the macOS system font, the desktop's
sans): Latin text and digits look as in every other app. The families after it are the fallbacks, tried in order
for each character the first one lacks (QFont.setFamilies). A family that is not installed is skipped.

`cjk_families(platform)` is Qt-free (tests check every platform's list on any machine); `apply_ui_font(app)` sets
the list on the QApplication before any widget exists (gui_main.run_gui), so every widget and every QFont() built
later inherits it.
"""

from __future__ import annotations

import sys

CJK_FAMILIES: dict[str, tuple[str, ...]] = {
    # 微软雅黑 UI (Windows 8+, hinted for UI sizes), 微软雅黑 (Vista+), 黑体 (every Chinese Windows, and XP)
    "win32": ("Microsoft YaHei UI", "Microsoft YaHei", "SimHei"),
    # 苹方 (10.11+), 冬青黑体 (10.6+), 华文黑体 (older systems; still installed)
    "darwin": ("PingFang SC", "Hiragino Sans GB", "Heiti SC"),
    # fonts-noto-cjk (Debian/Ubuntu/Fedora default), Adobe's name for the same glyphs (Arch's adobe-source-han-sans),
    # 文泉驿微米黑 (older distributions)
    "linux": ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"),
}


def cjk_families(platform: str = sys.platform) -> tuple[str, ...]:
    """The Simplified Chinese UI families for `platform` (a sys.platform value), preferred first. Every other
    Unix (FreeBSD …) gets Linux's: the same fonts are packaged there."""
    if platform == "win32" or platform == "cygwin":
        return CJK_FAMILIES["win32"]
    if platform == "darwin":
        return CJK_FAMILIES["darwin"]
    return CJK_FAMILIES["linux"]


def ui_families(default_family: str, platform: str = sys.platform) -> list[str]:
    """The application font's family list: the platform's default UI family, then the CJK fallbacks (no
    repeats: on a Chinese Windows the default is Microsoft YaHei UI already)."""
    families = [default_family] if default_family else []
    families += [f for f in cjk_families(platform) if f not in families]
    return families


def apply_ui_font(app, platform: str = sys.platform) -> list[str]:
    """Give `app` (a QApplication) its font's CJK fallbacks; returns the family list set. Call it before the
    first widget is built: widgets copy the application font as they are made."""
    font = app.font()
    families = ui_families(font.family(), platform)
    font.setFamilies(families)
    app.setFont(font)
    return families

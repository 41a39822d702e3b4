"""Colours: light/dark palettes and the price convention (red = up in China, switchable to green = up)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

RED = "#e0383e"
GREEN = "#1aa260"


@dataclass(frozen=True, slots=True)
class PriceColors:
    up: str
    down: str
    flat: str

    def for_change(self, change: float | None) -> str:
        if change is None or change == 0:
            return self.flat
        return self.up if change > 0 else self.down


def price_colors(convention: str, theme: str = "light") -> PriceColors:
    flat = "#8a8f98" if theme == "dark" else "#5f6368"
    if convention == "green_up":
        return PriceColors(up=GREEN, down=RED, flat=flat)
    return PriceColors(up=RED, down=GREEN, flat=flat)


# "highlight" is the selection behind white text: ≥ 4.5:1 (WCAG AA) in both themes — the accent itself is too
# light for it (light #d9480f 4.3:1, dark #ff8a3d 2.4:1); tests/ui/test_contrast.py checks every pair.
# "field" is the outline of text fields (line edits, spin boxes, combo boxes): Fusion draws it in the window
# colour darkened, which in the dark theme is the field's own colour — the search box had no visible edge.
LIGHT = {"window": "#f6f7f9", "base": "#ffffff", "alt": "#f1f3f6", "text": "#1f2329", "muted": "#6b7280",
         "accent": "#d9480f", "chip": "#eef1f5", "chip_text": "#33415c", "border": "#d9dde3", "warn": "#b45309",
         "highlight": "#c2410c", "field": ""}
DARK = {"window": "#1c1f24", "base": "#16181c", "alt": "#20242a", "text": "#e6e8eb", "muted": "#9aa3ad",
        "accent": "#ff8a3d", "chip": "#2a3038", "chip_text": "#c9d3e0", "border": "#323842", "warn": "#f59e0b",
        "highlight": "#b8420c", "field": "#6b7480"}
FIELDS = ("QLineEdit", "QAbstractSpinBox", "QComboBox")


def colors(theme: str) -> dict[str, str]:
    return DARK if theme == "dark" else LIGHT


STYLE_ARGS = ["-style", "Fusion"]      # for QApplication's argv: Qt makes the style itself (see apply_theme)
_STYLE_SET = "huohuaStyleSet"


def started_with_style(app: QApplication) -> None:
    """`app` was built with STYLE_ARGS: apply_theme need not set the style."""
    app.setProperty(_STYLE_SET, True)


def apply_theme(app: QApplication, theme: str) -> None:
    c = colors(theme)
    # Fusion on every platform. setStyle() hands the style back to Python, and wrapping it builds PySide's
    # QStyle type with its enums: ~8 ms before the first paint that a bare window never spends. An application
    # started with STYLE_ARGS (gui_main) has Fusion already and says so in a property.
    if app.property(_STYLE_SET) is not True:
        app.setStyle("Fusion")
        app.setProperty(_STYLE_SET, True)
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(c["window"]))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.Base, QColor(c["base"]))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor(c["alt"]))
    pal.setColor(QPalette.ColorRole.Text, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.Button, QColor(c["alt"]))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(c["base"]))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(c["text"]))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(c["highlight"]))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(c["muted"]))
    pal.setColor(QPalette.ColorRole.Link, QColor(c["accent"]))
    # setColor(role, …) above set every colour group, Disabled too: a disabled button or hint looked exactly
    # like an enabled one (前复权 in 分时, the settings' greyed notes). Disabled text takes the muted colour.
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["muted"]))
    app.setPalette(pal)
    # Text fields get their own palette, set every time (so the light theme takes the dark one's back): Fusion
    # outlines a field in its Window colour darkened by 140 %, and a field never paints its Window colour, so
    # a lighter Window there is only a visible outline — no style sheet, nothing in Python while painting.
    fields = QPalette(pal)
    if c["field"]:
        fields.setColor(QPalette.ColorRole.Window, QColor(c["field"]).lighter(140))
    for cls in FIELDS:
        app.setPalette(fields, cls)  # type: ignore[arg-type]  # PySide6 takes the class name as str; its stub says bytes
    # No application-wide style sheet: it puts every widget through QStyleSheetStyle, which cost ~0.1× of a
    # bare window's start-up (bench/startup.py). The few styled widgets carry their own sheet (below).
    global _theme
    _theme = theme
    for w in list(_restyled):
        try:
            w.restyle()
        except RuntimeError:        # its C++ widget is gone
            _restyled.discard(w)


_theme = "light"
# The widgets apply_theme restyles (restyle_on_theme). A registry, not app.allWidgets(): wrapping every widget of
# the app for a getattr — some of them mid-destruction — crashed the test run with a segfault inside that loop.
_restyled: weakref.WeakSet = weakref.WeakSet()


def restyle_on_theme(widget) -> None:
    """`widget.restyle()` runs on every theme change from now on (held weakly: a widget gone is forgotten)."""
    _restyled.add(widget)


def chip_css() -> str:
    c = colors(_theme)
    return (f"QToolButton {{ background: {c['chip']}; color: {c['chip_text']}; border: none;"
            f" border-radius: 9px; padding: 1px 8px; }} QToolButton:hover {{ background: {c['border']}; }}")


def banner_css() -> str:
    return f"QLabel {{ background: {colors(_theme)['warn']}; color: white; padding: 3px 8px; }}"


def style_banner(label) -> None:
    """Style a QLabel as a warning banner (offline, 演示数据); apply_theme restyles it on a theme change."""
    label.setStyleSheet(banner_css())
    label.restyle = lambda: label.setStyleSheet(banner_css())
    restyle_on_theme(label)

"""Render the main window on the demo data into docs/screenshots/ (Chinese UI, light and dark; English too).

    python scripts/screenshots.py [--out docs/screenshots]

Runs offscreen (no display needed) but needs a CJK font installed (Debian: fonts-noto-cjk), or Chinese renders
as boxes. The demo recording is replayed through akshare's own parsing, exactly as `huohua --demo` does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TQDM_DISABLE", "1")


def wait(app, seconds: float, until=None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (until and until()):
        app.processEvents()
        time.sleep(0.02)


def shoot(out: Path, theme: str, language: str, view: str = "main") -> Path:
    """view: "main" | "chart" (日K in front) | "intraday" (分时 in front) | "finder" (键盘精灵 open over the list) |
    "search" (a search's count and marked words) | "empty" (a search that finds nothing) | "menu" (an article's
    right-click menu) | "shortcuts" (the Help menu's sheet) | "alerts" (the 提醒 dock after the demo fired some) | "limitup", "limitup-grouped" (the 涨停 dock) | "movers" (the 异动 dock) | "positions" (the 持仓 dock) |
    "review" (the 复盘 view over the window) | "narrow" (1024×700)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop.config import Settings, resolve_paths
    from desktop.gui_app import GuiApp
    from desktop.ui import i18n
    from desktop.ui.style import apply_theme

    app = QApplication.instance() or QApplication([])
    i18n.install(app, language)
    apply_theme(app, theme)
    with tempfile.TemporaryDirectory() as tmp:
        paths = resolve_paths(tmp).ensure()
        settings = Settings(paths.settings_file)
        settings.set("ui.theme", theme)
        settings.set("ui.language", language)
        gui = GuiApp(paths, settings, demo=True, start_pollers=False)
        gui.window.resize(*((1024, 700) if view == "narrow" else (1600, 960)))
        gui.show()
        wait(app, 2, until=lambda: gui.loaded)
        if view == "alerts":                  # rules before the demo's quotes and 快讯 arrive: they fire (demo)
            from desktop.core.alerts import Rule

            for rule in (Rule(0, "price_above", "stock", "300750", value=280, note="突破前高"),
                         Rule(0, "change_below", "stock", "300014", value=5), Rule(0, "news_theme", "all", theme="energy")):
                gui.reader.add_alert_rule(rule).result(5)
            gui.alert_runner.reload()
        gui.start_background()
        wait(app, 30, until=lambda: gui.window.source_status.states.get("quotes") is not None
             and gui.window.source_status.states["quotes"].state == "ok"
             and gui.watchlist.model.rowCount() > 0 and gui.watchlist.model.rows[0] is not None)
        gui.news.table.setFocus()
        gui.news.select_row(0)
        gui.watchlist.table.selectRow(0)
        gui.news.tree.select_view("all", None)
        gui.news.select_row(0)
        if view in ("chart", "intraday"):      # the K-line dock in front, following the first watchlist row
            gui.window.docks["chart"].raise_()
            if view == "intraday":
                gui.panes["chart"].set_mode("intraday")
            gui.bus.select_stock(gui.watchlist.view_codes()[0], "watchlistPane")
            enough = 60 if view == "chart" else 100
            wait(app, 20, until=lambda: len(getattr(gui.window.findChild(object, "chart"), "bars", [])) > enough)
        if view.startswith("heatmap"):        # "heatmap-industry", "heatmap-market" …
            gui.window.docks["heatmap"].raise_()
            d = gui.window.docks        # the heatmap taller than the first-run layout gives it
            gui.window.resizeDocks([d["article"], d["heatmap"]], [260, 640], Qt.Vertical)
            pane = gui.panes["heatmap"]
            wait(app, 1)
            which = view.split("-", 1)[1]
            if which == "theme":
                gui.bus.select_theme("energy", "newsPane")    # what a click on 能源 in the sidebar does
            else:
                pane.set_view("industry" if which == "drill" else which)
            kind = "board" if which in ("industry", "concept", "drill") else "stock"
            wait(app, 10, until=lambda: pane.view is not None and len(pane.view.tiles) > 0
                 and pane.view.tiles[0].kind == kind)
            if which == "drill":                # double-click on 光伏设备: its members, fetched from the recording
                board = next((t.key for t in pane.view.tiles if t.name == "光伏设备"), pane.view.tiles[0].key)
                pane.drill_into(board)
                wait(app, 15, until=lambda: len(pane.view.tiles) > 5 and pane.view.tiles[0].kind == "stock")
            if which in ("industry", "market"):
                gui.bus.select_stock("300750", "watchlistPane")
        if view.startswith("limitup"):        # "limitup" (the ladder), "limitup-grouped" (by 题材), in front
            gui.window.docks["limitup"].raise_()
            d = gui.window.docks
            gui.window.resizeDocks([d["article"], d["limitup"]], [300, 600], Qt.Vertical)
            pane = gui.panes["limitup"]
            wait(app, 20, until=lambda: pane.view is not None and bool(pane.view.rows))
            pane.set_grouped(view.endswith("grouped"))
            gui.bus.select_stock("603019", "watchlistPane")
        if view in ("movers", "positions"):  # the dock in front, taller than the first-run layout gives it
            gui.window.docks[view].raise_()
            d = gui.window.docks
            gui.window.resizeDocks([d["article"], d[view]], [300, 600], Qt.Vertical)
            pane = gui.panes[view]
            wait(app, 20, until=lambda: pane.model.rowCount() > 0)
        popup = None
        if view == "review":                  # 视图 → 复盘 over the window
            popup = gui.review_action.open_view()
            popup.resize(900, 760)
            wait(app, 5, until=lambda: "·" in popup.browser.toPlainText())
        if view in ("search", "empty"):       # typed in the search box, Enter
            gui.news.search.setText("储能" if view == "search" else "不存在的词")
            gui.news.searcher.apply()
            wait(app, 3, until=lambda: gui.news.search_count.isVisible())
            gui.news.select_row(0)
        if view == "menu":                    # right-click on the second article
            gui.news.select_row(1)
            popup = gui.news.menus.article_menu(1)
            rect = gui.news.table.visualRect(gui.news.model.index(1, 2))
            popup.popup(gui.news.table.viewport().mapToGlobal(rect.center()))
        if view == "shortcuts":
            popup = gui.window.show_shortcuts()
        if view == "alerts":
            gui.window.docks["alerts"].raise_()
            pane = gui.panes["alerts"]
            wait(app, 20, until=lambda: pane.log_table.rowCount() >= 3)
        finder = None
        if view == "finder":                  # what typing "ndsd" over the watchlist opens
            gui.window.docks["watchlist"].raise_()
            gui.watchlist.table.setFocus()
            finder = gui.watchlist.finder()
            finder.open_with("ndsd", gui.watchlist.table)
        wait(app, 1.5)
        name = f"{view}-{language.split('_')[0]}-{theme}.png"
        path = out / name
        image = gui.window.grab()
        for window in (finder, popup):          # a popup is its own window: paint it where it sits on screen
            if window is None:
                continue
            from PySide6.QtGui import QPainter

            wait(app, 0.5)
            painter = QPainter(image)
            painter.drawPixmap(gui.window.mapFromGlobal(window.mapToGlobal(window.rect().topLeft())), window.grab())
            painter.end()
        image.save(str(path))
        gui.shutdown()
        _ = Qt
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for theme, language in (("light", "zh_CN"), ("dark", "zh_CN"), ("light", "en")):
        print("saved", shoot(args.out, theme, language))
    print("saved", shoot(args.out, "dark", "zh_CN", "chart"))
    print("saved", shoot(args.out, "light", "zh_CN", "intraday"))
    print("saved", shoot(args.out, "light", "zh_CN", "finder"))
    for view in ("search", "empty", "menu", "shortcuts", "alerts"):
        print("saved", shoot(args.out, "dark" if view == "search" else "light", "zh_CN", view))
    for view in ("limitup", "limitup-grouped", "movers", "positions", "review"):
        print("saved", shoot(args.out, "light", "zh_CN", view))
    print("saved", shoot(args.out, "dark", "en", "narrow"))
    for which in ("industry", "concept", "market", "watchlist", "theme", "drill"):
        print("saved", shoot(args.out, "dark" if which == "market" else "light", "zh_CN", f"heatmap-{which}"))


if __name__ == "__main__":
    main()

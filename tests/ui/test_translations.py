"""The English interface: every tr() string has English, the shipped .ts/.qm are what the script builds from
en.toml, and the main window really reads English once desktop.ui.i18n installs "en".

Rebuild after adding strings or editing resources/translations/en.toml:

    python scripts/build_translations.py
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QTabWidget

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_translations.py"
SHIPPED = ROOT / "resources" / "translations"
HAN = re.compile(r"[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]")     # CJK ideographs and full-width punctuation


def _script():
    spec = importlib.util.spec_from_file_location("build_translations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)        # dataclasses look their module up there
    spec.loader.exec_module(sys.modules[spec.name])
    return sys.modules[spec.name]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


# -- (a) coverage ---------------------------------------------------------------------------------------------
def test_every_source_string_has_english():
    done = _run("--check")
    assert done.returncode == 0, (
        "tr() strings without English (add them to resources/translations/en.toml, then run "
        f"python scripts/build_translations.py):\n{done.stdout}{done.stderr}")


# -- (b) the shipped files are the script's output --------------------------------------------------------------
def test_shipped_ts_and_qm_are_up_to_date(tmp_path):
    _run("--out-dir", str(tmp_path))          # exit status is test (a)'s business; compare what it wrote
    fresh_ts = tmp_path / "huohua_en.ts"
    assert fresh_ts.exists() and (tmp_path / "huohua_en.qm").exists()
    stale = "out of date: run python scripts/build_translations.py and commit resources/translations/"
    assert (SHIPPED / "huohua_en.ts").read_text(encoding="utf-8") == fresh_ts.read_text(encoding="utf-8"), stale

    expected = _script().read_ts_translations(fresh_ts)
    assert expected and all(v is not None for v in expected.values()), "unfinished messages in the .ts"
    shipped = QTranslator()
    assert shipped.load(str(SHIPPED / "huohua_en.qm"))
    wrong = []
    for (context, source, comment), english in sorted(expected.items()):
        if isinstance(english, tuple):             # %n: English has two forms, for 1 and for the rest
            got = (shipped.translate(context, source, comment or None, 1),
                   shipped.translate(context, source, comment or None, 2))
            want = english                         # QTranslator gives the form; %n is filled in later
        else:
            got, want = shipped.translate(context, source, comment or None), english
        if got != want:
            wrong.append(f"[{context}] {source!r}: .qm gives {got!r}, en.toml says {want!r}")
    assert not wrong, f"huohua_en.qm {stale}\n" + "\n".join(wrong)


def test_build_is_idempotent(tmp_path):
    _run("--out-dir", str(tmp_path))
    first = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    done = _run("--out-dir", str(tmp_path))
    assert "(unchanged)" in done.stdout
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == first


def test_check_reports_missing_broken_and_stale_entries(tmp_path):
    """A missing string is listed with its file:line; a translation that drops a {0} marker (.format() would
    lose data) is refused; an entry whose Chinese left the sources is a stale warning."""
    mapping = (SHIPPED / "en.toml").read_text(encoding="utf-8")
    broken = mapping.replace('"已添加：{0}" = "Added: {0}"', '"已添加：{0}" = "Added"')
    broken = broken.replace('"仅未读" = "Unread only"\n', "")
    assert broken.count("\n") == mapping.count("\n") - 1
    path = tmp_path / "en.toml"
    path.write_text(broken + '\n[context.NoSuchContext]\n"不存在" = "Gone"\n', encoding="utf-8")
    done = _run("--check", "--mapping", str(path), "--out-dir", str(tmp_path))
    assert done.returncode == 1
    assert "已添加：{0}" in done.stderr and "place markers" in done.stderr
    assert "stale" in done.stderr and "不存在" in done.stderr
    assert re.search(r"desktop/ui/news_layout\.py:\d+ \[NewsPane\]: 仅未读", done.stderr)


# -- (c) the window in English ------------------------------------------------------------------------------------
@pytest.fixture
def english(qapp):
    from desktop.ui import i18n

    assert i18n.install(qapp, "en"), "resources/translations/huohua_en.qm did not load"
    try:
        yield
    finally:
        i18n.install(qapp, "zh_CN")       # the rest of the suite expects the Chinese UI
        assert QCoreApplication.translate("MainWindow", "退出") == "退出"


def _menu_texts(window, skip_docks: bool = True) -> list[str]:
    """Menu titles and items; the View menu's dock toggles (named after the dock titles) only if asked."""
    docks = {d.toggleViewAction() for d in window.docks.values()} if skip_docks else set()
    texts = []
    for top in window.menuBar().actions():
        texts.append(top.text())
        texts += [a.text() for a in top.menu().actions() if not a.isSeparator() and a not in docks]
    return texts


def test_main_window_reads_english(english, make_gui, qtbot):
    app = make_gui(demo=True)
    w = app.window

    assert w.windowTitle() == "Huohua — DEMO DATA"
    assert w.findChild(object, "demoBadge").text() == "DEMO DATA"
    menus = _menu_texts(w)
    assert menus[:2] == ["&File", "Refresh now"]
    for text in ("Import OPML…", "Export OPML…", "Settings…", "Quit", "&View"):
        assert text in menus
    assert w.banner.text().startswith("Offline:")

    # news pane: search, buttons, list headers, sidebar, the %n plural
    news = app.news
    assert news.search.placeholderText().startswith("Search news")
    assert news.unread.text() == "Unread only"
    assert news.link.text() == "Link"
    assert [news.model.headerData(i, Qt.Horizontal) for i in range(news.model.columnCount())] == \
        ["Time", "Source", "Title", "Themes", "Stocks"]
    top = [news.tree.topLevelItem(i).text(0).split(" (")[0] for i in range(news.tree.topLevelItemCount())]
    assert top[:4] == ["All", "Unread", "Starred", "Themes"]
    assert news.tr("↑ %n 条新资讯", "", 1) == "↑ 1 new article"
    assert news.tr("↑ %n 条新资讯", "", 3) == "↑ 3 new articles"

    # status bar: one indicator per source, and the market phase
    labels = w.source_status.labels
    assert "News" in labels["feeds"].text() and "Quotes" in labels["quotes"].text()
    assert "Boards" in labels["boards"].text()
    assert "Waiting" in labels["feeds"].toolTip()
    assert w.market_status.text().startswith("A-shares: ")
    assert "Beijing time" in w.market_status.toolTip()

    # article view and watchlist
    assert app.article.link.text() == "Link"
    assert app.article.open_original.text() == "Open original"
    model = app.watchlist.model
    assert [model.headerData(i, Qt.Horizontal) for i in range(model.columnCount())][:3] == \
        ["Code", "Name", "Price"]

    # no Chinese left in the menus, the search box or the status indicators
    for text in [*menus, news.search.placeholderText().split("(")[0], labels["boards"].text()]:
        assert not HAN.search(text), text


def test_settings_dialog_reads_english(english, make_gui, qtbot):
    app = make_gui()
    app.open_settings()
    dialog = app.settings_dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Settings"
    tabs = dialog.findChild(QTabWidget, "settingsTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Feeds", "General", "Appearance", "Data"]
    dialog.reject()


def test_dock_titles_read_english(english, make_gui):
    app = make_gui()
    titles = {key: dock.windowTitle() for key, dock in app.window.docks.items()}
    assert titles == {"news": "News", "article": "Article", "heatmap": "Sector heatmap",
                      "watchlist": "Watchlist", "positions": "Positions", "chart": "Chart", "alerts": "Alerts",
                      "limitup": "Limit up", "movers": "Movers"}
    assert not [t for t in _menu_texts(app.window, skip_docks=False) if HAN.search(t)]   # View menu toggles


def test_chinese_is_back_after_english(make_gui):
    """Runs after the English tests (file order): the fixture put zh_CN back."""
    app = make_gui()
    assert app.window.windowTitle() == "火花 Huohua"
    assert QApplication.instance() is not None

"""The broker-CSV mapping dialog (issue 27): the 持仓 pane's import opens it for a broker's export (our own lots CSV
still imports directly), guesses the columns, previews the rows with their problems, imports all or nothing, and
remembers the columns for the next window; in English too."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableWidget, QWidget

from desktop.core import broker_csv as bc
from desktop.services import broker_csv
from desktop.store import positions_store as ps
from desktop.ui.widgets.broker_csv_dialog import BrokerCsvDialog
from tests.positions.test_broker_csv import EM, THS

NOW = pytest.mark.now("2026-11-20 15:30", tick=False)


def _open(app, qtbot, monkeypatch, path):
    pane = app.panes["positions"]
    monkeypatch.setattr(pane, "choose_file", lambda *a, **k: str(path))
    pane.dialog = None
    pane.import_csv()
    qtbot.waitUntil(lambda: isinstance(pane.dialog, BrokerCsvDialog), timeout=5000)
    return pane, pane.dialog


def _column(dialog, col):
    t = dialog.table
    return [t.item(r, col).text() for r in range(t.rowCount())]


@NOW
def test_a_tonghuashun_gbk_export_opens_the_dialog_guessed_and_imports_everything(make_gui, qtbot, monkeypatch):
    app = make_gui()
    pane, d = _open(app, qtbot, monkeypatch, THS)
    assert d.objectName() == "brokerCsvDialog" and d.isVisible()
    assert d.findChild(QWidget, "brokerCsvMapping") is d.mapping_box
    combos = {f: d.findChild(QComboBox, f"brokerCsvField_{f}") for f in bc.FIELDS}
    assert [combos[f].currentText() for f in bc.REQUIRED] == ["成交日期", "证券代码", "操作", "成交数量", "成交均价"]
    assert combos["fee"].currentText() == "手续费 + 印花税 + 过户费 + 其他费"
    assert d.findChild(QLabel, "brokerCsvSummary").text() == "4 笔成交，3 行跳过（非交易），0 行有错误"
    table = d.findChild(QTableWidget, "brokerCsvPreview")
    assert table.rowCount() == 7
    assert _column(d, 0) == ["2", "3", "4", "5", "6", "7", "8"]
    assert _column(d, 2)[:2] == ["002594", "600900"] and _column(d, 4)[3] == "卖出" and _column(d, 7)[3] == "19.28"
    assert _column(d, 8)[2] == "跳过（非交易）：红利入账"
    button = d.findChild(QPushButton, "brokerCsvImport")
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: pane.last_message.startswith("已导入"), timeout=5000)
    assert pane.last_message == "已导入 4 笔成交，3 行非交易已跳过"
    assert not d.isVisible()
    trades = app.core.writer.call(ps.trades)
    assert sorted((t.code, t.side, t.shares, t.fee) for t in trades) == [
        ("002594", "buy", 100, Decimal("5.27")), ("002594", "sell", 100, Decimal("19.28")),
        ("600900", "buy", 1000, Decimal("5.28")), ("688063", "buy", 200, Decimal("5.10"))]
    qtbot.waitUntil(lambda: pane.snapshot is not None and len(pane.snapshot.rows) == 2, timeout=5000)


@NOW
def test_a_bad_row_is_shown_with_its_line_and_blocks_the_import_and_a_save_error_stores_nothing(
        make_gui, qtbot, monkeypatch, tmp_path):
    app = make_gui()
    bad = tmp_path / "em.csv"
    bad.write_text(EM.read_text(encoding="utf-8-sig").replace("601012,隆基绿能,18.52,2000", "601012,隆基绿能,-18.52,2000"),
                   encoding="utf-8-sig")
    _pane, d = _open(app, qtbot, monkeypatch, bad)
    assert d.summary.text() == "2 笔成交，3 行跳过（非交易），1 行有错误\n第 4 行：价格必须大于 0 且不超过 100000 元（收到 -18.52）"
    assert not d.import_button.isEnabled()
    assert _column(d, 8)[2] == "第 4 行：价格必须大于 0 且不超过 100000 元（收到 -18.52）"
    assert d.table.item(2, 8).toolTip().startswith("<p style='white-space:pre-wrap'>第 4 行")
    d.combos["side"].setCurrentIndex(0)                       # a field left out: nothing to import
    assert not d.import_button.isEnabled() and d.summary.text() == "请选择：买卖方向" and d.table.rowCount() == 0
    d.reject()
    # the 宁德时代 buy left out: the file's sell is larger than the holding — found on saving, nothing stored
    oversell = tmp_path / "oversell.csv"
    oversell.write_text("\r\n".join(ln for ln in EM.read_text(encoding="utf-8-sig").splitlines()
                                    if "证券买入,300750" not in ln), encoding="utf-8-sig")
    _pane, d = _open(app, qtbot, monkeypatch, oversell)
    assert d.import_button.isEnabled()
    d.import_button.click()
    qtbot.waitUntil(lambda: d.error.isVisible(), timeout=5000)
    assert d.error.text() == "未导入（没有保存任何成交）：第 5 行：300750 在 2026-11-17 只持有 0 股，不能卖出 100 股"
    assert d.isVisible() and app.core.writer.call(ps.trades) == []


@NOW
def test_the_columns_chosen_are_remembered_for_the_next_window(make_gui, qtbot, monkeypatch, tmp_path):
    app = make_gui()
    _pane, d = _open(app, qtbot, monkeypatch, EM)
    assert not d.findChild(QLabel, "brokerCsvRemembered").isVisible()
    fee = d.combos["fee"]
    fee.items.item(11).setCheckState(Qt.Unchecked)          # 印花税 (column 10, item 11) left out
    assert fee.checked() == (9, 11) and fee.currentText() == "手续费 + 过户费"
    assert d.table.item(4, 7).text() == "7.54"               # the sell: 7.25 + 0.29
    d.import_button.click()
    qtbot.waitUntil(lambda: d.stored == 3, timeout=5000)
    app.window.close()
    again = make_gui()                                         # a restart: the mapping comes from the config dir
    copy = tmp_path / "another export.csv"                     # another file with the same header
    shutil.copy(EM, copy)
    _pane, d2 = _open(again, qtbot, monkeypatch, copy)
    assert d2.mapping() == bc.Mapping(date=0, code=3, side=2, shares=6, price=5, fee=(9, 11))
    assert d2.combos["fee"].currentText() == "手续费 + 过户费"
    assert not d2.remembered_note.isHidden()
    d2.reject()


@NOW
def test_our_own_lots_csv_still_imports_without_the_dialog(make_gui, qtbot, monkeypatch, tmp_path):
    app = make_gui()
    pane = app.panes["positions"]
    ours = tmp_path / "ours.csv"
    ours.write_text("code,date,side,shares,price,fee\n600900,2026-11-02,buy,100,28.4,5\n", encoding="utf-8")
    monkeypatch.setattr(pane, "choose_file", lambda *a, **k: str(ours))
    pane.dialog = None
    pane.import_csv()
    qtbot.waitUntil(lambda: pane.last_message == "已导入 1 笔成交", timeout=5000)
    assert pane.dialog is None


@NOW
def test_the_dialog_in_english(qapp, qtbot):
    from desktop.ui import i18n

    assert i18n.install(qapp, "en")
    try:
        f = broker_csv.read(THS)
        f.rows[0] = (2, [c.replace("100", "150") if i == 5 else c for i, c in enumerate(f.rows[0][1])])
        parent = QWidget()               # owned by C++ through its parent, not left to Python's garbage collector
        qtbot.addWidget(parent)
        d = BrokerCsvDialog(parent, f, language="en", today=date(2026, 11, 20), save=lambda *a: None)
        assert d.windowTitle() == "Import a broker's trades"
        assert [d.table.horizontalHeaderItem(i).text() for i in range(d.table.columnCount())] == [
            "Line", "Date", "Code", "Name", "Side", "Shares", "Price", "Fee", "Problem"]
        assert d.summary.text() == ("Trades: 3 · skipped (not trades): 3 · rows with errors: 1\n"
                                    "line 2: a buy of 002594 must be a multiple of 100 shares (got 150)")
        assert _column(d, 8)[2] == "skipped (not a trade): 红利入账"
        assert d.import_button.text() == "Import" and not d.import_button.isEnabled()
        assert d.combos["date"].itemText(0) == "(not chosen)"
    finally:
        i18n.install(qapp, "zh_CN")


def test_ticking_fee_columns_keeps_the_list_open_until_a_click_outside(qtbot):
    from desktop.ui.widgets.broker_csv_dialog import FeeCombo

    combo = FeeCombo()
    qtbot.addWidget(combo)
    combo.set_columns(["手续费", "印花税", "过户费"], ["5.00", "1.20", "0.10"], (0,), "（无费用列）")
    combo.show()
    qtbot.waitExposed(combo)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    for row in (2, 3):                      # 印花税, then 过户费: two ticks, one opening
        rect = view.visualRect(combo.items.index(row, 0))
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.wait(50)
        assert view.isVisible(), f"the list closed after ticking row {row}"
    assert combo.checked() == (0, 1, 2) and combo.currentText() == "手续费 + 印花税 + 过户费"
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=3000)
    assert combo.checked() == (0, 1, 2)

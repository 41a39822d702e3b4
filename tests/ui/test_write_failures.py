"""A write the window asks for that the database refuses is never silent (issue 25, item 1; ui/ops.py): the status
bar says it in plain words and the log has an ERROR naming the operation and the error.

The failures are real: a trigger in the test's own database aborts the write (`RAISE(ABORT, …)`), as a constraint
would. (A read-only data directory cannot be staged on an open database: SQLite checks permissions when it opens
the file, so chmod after the start changes nothing for the writer's connection.)"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt

from desktop.core.alerts import Rule
from desktop.core.errors import ReadOnlyStore, WriterClosed
from desktop.store import market_store as ms
from desktop.store.health import read_only
from desktop.ui import ops


def refuse(app, table: str, event: str) -> None:
    """From now on the database refuses every `event` (INSERT/UPDATE/DELETE) on `table`."""
    app.core.writer.call(lambda c: c.execute(
        f"CREATE TRIGGER refuse_{event.lower()} BEFORE {event} ON {table} BEGIN SELECT RAISE(ABORT, 'boom'); END"))


def errors(caplog, words: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno == logging.ERROR and words in r.getMessage()]


def status(app) -> str:
    return app.window.statusBar().currentMessage()


def test_a_refused_watchlist_add_is_said_and_logged(make_gui, qtbot, caplog):
    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    pane = app.watchlist
    qtbot.waitUntil(lambda: pane.current_list_id() is not None, timeout=5000)
    before = pane.codes()
    assert "601398" not in before
    refuse(app, "watchlist_items", "INSERT")
    pane.add_code("601398")
    # logged before the window shuts down (make_gui fails a test on an ERROR logged while it shuts down)
    qtbot.waitUntil(lambda: bool(errors(caplog, "添加 601398 到自选")), timeout=5000)
    assert status(app).startswith("保存失败：添加 601398 到自选 —— ")
    assert "数据库拒绝了这次修改" in status(app)
    assert "boom" in errors(caplog, "添加 601398 到自选")[0].getMessage()      # the database's own words: the log
    # the writer says which operation failed too, whoever asked for it
    assert any(r.levelno == logging.WARNING and "add_code" in r.getMessage() and "boom" in r.getMessage()
               for r in caplog.records if r.name == "desktop.store.writer")
    assert pane.codes() == before


def test_a_refused_list_rename_and_reorder_are_said(make_gui, qtbot, caplog, monkeypatch):
    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    pane = app.watchlist
    qtbot.waitUntil(lambda: pane.current_list_id() is not None, timeout=5000)
    before = pane.codes()
    assert len(before) >= 2
    refuse(app, "watchlists", "UPDATE")
    monkeypatch.setattr(pane, "ask_name", lambda *a, **k: "新能源")     # the dialog's answer (a tester handle)
    pane.rename_list()
    qtbot.waitUntil(lambda: bool(errors(caplog, "重命名列表")), timeout=5000)
    assert status(app).startswith("保存失败：重命名列表")
    refuse(app, "watchlist_items", "DELETE")
    pane.move_codes([before[-1]], 0)
    qtbot.waitUntil(lambda: bool(errors(caplog, "调整自选股顺序")), timeout=5000)
    assert status(app).startswith("保存失败：调整自选股顺序 —— ")
    assert pane.codes() == before


def test_a_refused_alert_rule_edit_is_said_and_the_table_shows_the_stored_rule(make_gui, qtbot, caplog):
    app = make_gui()
    app.reader.add_alert_rule(Rule(0, "price_above", "stock", "600000", value=105)).result(5)
    alerts = app.panes["alerts"]
    alerts.refresh()
    qtbot.waitUntil(lambda: len(alerts.rules) == 1, timeout=5000)
    refuse(app, "alert_rules", "UPDATE")
    alerts.rules_table.item(0, 0).setCheckState(Qt.Unchecked)         # the user turns the rule off
    qtbot.waitUntil(lambda: bool(errors(caplog, "修改提醒规则")), timeout=5000)
    assert status(app).startswith("保存失败：修改提醒规则 —— ")
    qtbot.waitUntil(lambda: alerts.rules_table.item(0, 0).checkState() == Qt.Checked, timeout=5000)
    assert alerts.rules[0].enabled


def test_a_caller_that_handles_the_failure_is_left_to_it(make_gui, qtbot, caplog):
    app = make_gui()
    app.core.writer.call(ms.ensure_default_watchlist)
    wid = app.market.watchlists()[0].id
    refuse(app, "watchlist_items", "INSERT")
    seen = []
    ops.write(app.ctx, "handled", lambda: app.core.writer.submit(lambda c: ms.add_to_watchlist(c, wid, "300750")),
              lambda _result, error: seen.append(error) or True)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "boom" in str(seen[0])
    assert not errors(caplog, "handled") and status(app) == ""


def test_the_words_for_a_read_only_directory_and_a_quitting_window(tmp_path, qapp):
    text = ops.message("添加 300750 到自选", read_only(tmp_path / "huohua.db", "attempt to write a readonly database"))
    assert text.startswith("保存失败：添加 300750 到自选 —— 数据目录只读，无法保存。")
    assert "--data-dir" in text
    assert "正在退出" in ops.message("标为已读", WriterClosed("the database writer is closed"))
    assert isinstance(read_only(tmp_path / "x.db"), ReadOnlyStore)


def test_the_message_is_in_the_interface_language(qapp, tmp_path):
    from PySide6.QtCore import QCoreApplication

    from desktop.ui import i18n

    assert i18n.install(qapp, "en")
    try:
        what = QCoreApplication.translate("WatchlistPane", "添加 %1 到自选").replace("%1", "601398")
        text = ops.message(what, read_only(tmp_path / "huohua.db", "attempt to write a readonly database"))
    finally:
        i18n.install(qapp, "zh_CN")
    assert text == ("Not saved: Add 601398 to the watchlist — The data directory is read-only: nothing can be saved. "
                    "Use a writable data directory (--data-dir or HUOHUA_DATA_DIR)")

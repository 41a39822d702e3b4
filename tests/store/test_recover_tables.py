"""`huohua db recover` copies every table the schema has: the alert tables were left out of its list, so a
recovery silently dropped the user's alert rules, their fired log and their cool-downs."""

from __future__ import annotations

import sqlite3

from desktop.core.alerts import Rule
from desktop.store import alerts as alert_store
from desktop.store.recover import ORDER, recover
from desktop.store.writer import Writer


def _schema_tables(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    # the full-text index and its shadow tables are rebuilt from the articles, never copied
    return {name for name, sql in rows if not name.startswith("sqlite_") and "_fts" not in name
            and "VIRTUAL TABLE" not in (sql or "").upper()}


def test_recover_knows_every_table_of_the_schema(tmp_path):
    db = tmp_path / "huohua.sqlite3"
    with Writer(db):
        pass
    assert _schema_tables(db) - set(ORDER) == set()


def test_recover_keeps_the_alert_rules(tmp_path):
    db = tmp_path / "huohua.sqlite3"
    with Writer(db) as w:
        rid = w.call(lambda c: alert_store.add_rule(c, Rule(id=0, kind="price_above", code="300750", value=280.0,
                                                            note="宁王到价")))
    result = recover(db, tmp_path / "backups", use_shell=False)
    assert result.rows["alert_rules"] == 1
    with Writer(db) as w:
        rules = w.call(alert_store.rules)
    assert [(r.id, r.code, r.value, r.note) for r in rules] == [(rid, "300750", 280.0, "宁王到价")]

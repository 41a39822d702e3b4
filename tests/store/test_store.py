"""The single writer, migrations with backups, and settings."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from desktop.config import Settings, resolve_paths
from desktop.core.changes import Changes
from desktop.core.errors import ConfigError, StoreError
from desktop.store import schema
from desktop.store.writer import Writer


def test_a_failing_operation_does_not_undo_its_batch_neighbours(tmp_path):
    seen: list[Changes] = []
    with Writer(tmp_path / "db.sqlite3") as w:
        w.add_listener(seen.append)
        gate = threading.Event()
        w.submit(lambda c: gate.wait(5))        # hold the writer so the next three land in one batch
        ok1 = w.submit(lambda c: (c.execute("INSERT INTO meta VALUES ('a', '1')"), Changes(feeds={1}))[1])
        bad = w.submit(lambda c: c.execute("INSERT INTO meta VALUES ('a', 'dup')"))
        ok2 = w.submit(lambda c: (c.execute("INSERT INTO meta VALUES ('b', '2')"), Changes(feeds={2}))[1])
        gate.set()
        ok1.result(5), ok2.result(5)
        with pytest.raises(sqlite3.IntegrityError):
            bad.result(5)
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    assert dict(conn.execute("SELECT key, value FROM meta")) == {"a": "1", "b": "2"}
    assert set().union(*(c.feeds for c in seen)) == {1, 2}


def test_writer_uses_wal_and_foreign_keys(tmp_path):
    with Writer(tmp_path / "db.sqlite3") as w:
        mode = w.call(lambda c: c.execute("PRAGMA journal_mode").fetchone()[0])
        fk = w.call(lambda c: c.execute("PRAGMA foreign_keys").fetchone()[0])
    assert mode == "wal" and fk == 1


def test_migration_backs_up_first_and_keeps_data(tmp_path):
    db = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    schema.MIGRATIONS[0](conn)                    # a database left at v1 by an older Huohua
    conn.execute("PRAGMA user_version=1")
    conn.execute("INSERT INTO feeds(url, added) VALUES ('http://keep/me', 0)")
    conn.close()
    with Writer(db, tmp_path / "backups") as w:
        assert w.call(lambda c: c.execute("PRAGMA user_version").fetchone()[0]) == schema.LATEST
        assert w.call(lambda c: c.execute("SELECT url FROM feeds").fetchone()[0]) == "http://keep/me"
        backups = w.backups
    assert len(backups) == schema.LATEST - 1
    old = sqlite3.connect(backups[0])
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT url FROM feeds").fetchone()[0] == "http://keep/me"


def test_newer_schema_is_refused_without_touching_it(tmp_path):
    db = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={schema.LATEST + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this Huohua"):
        Writer(db).start()
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == schema.LATEST + 5


def test_settings_round_trip_and_bad_values(tmp_path):
    s = Settings(tmp_path / "settings.toml")
    s.set("rsshub.base_url", 'http://hub.example:1200/"quoted"')
    s.set("feeds.interval_min", 30)
    s.set("ui.colors", "green_up")
    s.save()
    back = Settings.load(tmp_path / "settings.toml")
    assert back["rsshub.base_url"] == 'http://hub.example:1200/"quoted"'
    assert back["feeds.interval_min"] == 30 and back["ui.colors"] == "green_up"
    assert back["feeds.timeout_s"] == 20.0                       # default declared once
    with pytest.raises(ConfigError):
        s.set("ui.colors", "purple")
    with pytest.raises(ConfigError):
        s.set("feeds.interval_min", "often")
    (tmp_path / "bad.toml").write_text("[feeds]\ninterval_min = -3\n")
    assert Settings.load(tmp_path / "bad.toml")["feeds.interval_min"] == 15   # bad value → default
    (tmp_path / "broken.toml").write_text("[feeds\n")
    with pytest.raises(ConfigError, match="unreadable"):
        Settings.load(tmp_path / "broken.toml")


def test_data_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("HUOHUA_DATA_DIR", str(tmp_path / "env"))
    monkeypatch.delenv("HUOHUA_CONFIG_DIR", raising=False)
    assert resolve_paths().data_dir == (tmp_path / "env").resolve()
    assert resolve_paths(tmp_path / "flag").data_dir == (tmp_path / "flag").resolve()
    assert resolve_paths(tmp_path / "flag").settings_file == (tmp_path / "flag" / "settings.toml").resolve()


def test_damaged_schema_is_a_clear_error_after_an_upgrade(tmp_path):
    db = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    schema.MIGRATIONS[0](conn)                    # a v1 database that a broken tool then damaged
    conn.execute("PRAGMA user_version=1")
    conn.execute("ALTER TABLE feeds DROP COLUMN etag")
    conn.close()
    with pytest.raises(StoreError, match="feeds lacks etag"):
        Writer(db, tmp_path / "backups").start()

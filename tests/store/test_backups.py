"""Backups made before a migration must read back (issue 24): an interrupted one used to be left truncated under
its final name (575 of 637 MB, with a -journal) and listed as a normal backup, and restoring it as `db backups`
advised gave "file is not a database". A backup is now written under a temporary name, checked, then renamed;
`db backups` checks what it lists and marks a broken one."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from desktop.core.errors import StoreError
from desktop.store import schema
from desktop.store.writer import Writer


def v1_database(path):
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[0](conn)                    # left at v1 by an older Huohua
    conn.execute("PRAGMA user_version=1")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO feeds(url, title, added) VALUES (?, ?, 0)",
                     [(f"https://example.com/{i}.xml", "标题" * 50) for i in range(400)])
    conn.execute("COMMIT")
    return conn


class Interrupted:
    """A connection whose backup stops half-way (the disk fills, the process is stopped)."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def backup(self, target, **_kw):
        self.real.backup(target, pages=2, progress=self._stop)

    @staticmethod
    def _stop(status, remaining, total):
        raise sqlite3.OperationalError("database or disk is full")


class Garbled:
    """A connection whose copy arrives damaged (a bad disk, a bug): pages overwritten after the copy."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def backup(self, target, **_kw):
        self.real.backup(target)
        name = target.execute("PRAGMA database_list").fetchone()[2]
        with open(name, "r+b") as fh:
            fh.seek(4096)
            fh.write(b"\xff" * 4096 * 3)


def leftovers(directory):
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def test_an_interrupted_backup_never_takes_a_backups_name(tmp_path):
    conn = v1_database(tmp_path / "db.sqlite3")
    with pytest.raises(sqlite3.OperationalError):
        schema.backup(Interrupted(conn), tmp_path / "backups", "before-v2")
    assert leftovers(tmp_path / "backups") == []          # no half file, no -journal, under any name


def test_a_copy_that_fails_its_check_is_not_kept_and_the_migration_does_not_run(tmp_path):
    conn = v1_database(tmp_path / "db.sqlite3")
    with pytest.raises(StoreError, match="does not pass its check"):
        schema.migrate(Garbled(conn), tmp_path / "db.sqlite3", tmp_path / "backups")
    assert leftovers(tmp_path / "backups") == []
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1       # not migrated without a good backup


def test_a_good_backup_is_checked_and_complete(tmp_path):
    conn = v1_database(tmp_path / "db.sqlite3")
    conn.close()
    with Writer(tmp_path / "db.sqlite3", tmp_path / "backups") as w:
        made = w.backups
    assert [p.name for p in made] == leftovers(tmp_path / "backups")       # only finished backups, by their names
    assert all(schema.check_copy(p) == "" for p in made)
    back = sqlite3.connect(made[0])
    assert back.execute("SELECT count(*) FROM feeds").fetchone()[0] == 400


def test_db_backups_checks_what_it_lists_and_marks_a_broken_one(tmp_path, capsys):
    from desktop.__main__ import main

    data = tmp_path / "d"
    db = data / "huohua.sqlite3"
    data.mkdir()
    v1_database(db).close()
    assert main(["--data-dir", str(data), "feeds", "list"]) == 0       # migrates: backups before v2 and v3
    backups = sorted((data / "backups").glob("huohua-*.sqlite3"))
    assert len(backups) == schema.LATEST - 1
    good = backups[0]
    whole = good.read_bytes()
    truncated = data / "backups" / "huohua-20260101-093000-before-v9.sqlite3"
    truncated.write_bytes(whole[: len(whole) * 9 // 10])          # what an interrupted copy left
    (data / "backups" / "huohua-20260101-093000-before-v9.sqlite3-journal").write_bytes(b"\xd9\xd5\x05\xf9" * 128)
    (data / "backups" / "huohua-20260102-093000-before-v8.sqlite3").write_bytes(b"not a database at all" * 300)
    shutil.copy(good, data / "backups" / "huohua-20260103-093000-before-v7.sqlite3.partial")
    capsys.readouterr()
    assert main(["--data-dir", str(data), "db", "backups"]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("  ")}
    assert lines[str(good)].rstrip().endswith("ok")
    assert "BROKEN" in lines[str(truncated)] and "truncated" in lines[str(truncated)]
    assert "BROKEN" in lines[str(data / "backups" / "huohua-20260102-093000-before-v8.sqlite3")]
    assert "not a database" in lines[str(data / "backups" / "huohua-20260102-093000-before-v8.sqlite3")]
    partial = str(data / "backups" / "huohua-20260103-093000-before-v7.sqlite3.partial")
    assert "BROKEN" in lines[partial] and "interrupted" in lines[partial]
    assert sum("ok" == line.split()[-1] for line in lines.values()) == len(backups)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "db", "check"]) == 0           # the check lists them the same way
    assert "BROKEN" in capsys.readouterr().out

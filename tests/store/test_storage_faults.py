"""Storage faults: a full disk at the writer, a damaged database file, `huohua db check` / `db recover`."""

from __future__ import annotations

import os
import sqlite3

import pytest

from desktop.core.errors import DatabaseDamaged, DiskFullError
from desktop.store import articles as article_ops
from desktop.store import feeds as feed_ops
from desktop.store.writer import Writer
from tests.cli_run import huohua
from tests.news import feedgen


def pages(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA page_count").fetchone()[0]


def fill(conn: sqlite3.Connection, n: int = 200) -> None:
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     [(f"filler-{i}", "储能" * 2000) for i in range(n)])


def test_a_full_disk_is_a_typed_error_and_keeps_what_was_stored(tmp_path):
    events = []
    with Writer(tmp_path / "db.sqlite3") as w:
        w.add_health_listener(lambda health, msg: events.append((health, msg)))
        w.call(lambda c: c.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')"))
        # SQLite's own size limit gives the same SQLITE_FULL a full disk gives (the writer's connection only)
        w.call(lambda c: c.execute(f"PRAGMA max_page_count = {pages(c) + 2}"))
        with pytest.raises(DiskFullError) as err:
            w.call(fill)
        assert "full" in str(err.value) and "nothing stored was lost" in str(err.value)
        assert w.health == "disk_full" and [e[0] for e in events] == ["disk_full"]
        with pytest.raises(DiskFullError):
            w.call(fill)                                  # still full: no second notice
        assert len(events) == 1
        assert not w.probe_space()
        w.call(lambda c: c.execute("PRAGMA max_page_count = 1073741823"))   # space is back
        assert w.probe_space() and w.health == "ok" and events[-1][0] == "ok"
        w.call(fill)
        assert w.call(lambda c: c.execute("SELECT value FROM meta WHERE key = 'kept'").fetchone()[0]) == "yes"
        assert w.call(lambda c: c.execute("PRAGMA integrity_check").fetchone()[0]) == "ok"


def test_a_full_disk_fails_only_the_write_that_hit_it(tmp_path):
    with Writer(tmp_path / "db.sqlite3") as w:
        w.call(lambda c: c.execute(f"PRAGMA max_page_count = {pages(c) + 2}"))
        small = w.submit(lambda c: c.execute("INSERT INTO meta (key, value) VALUES ('small', 'x')"))
        big = w.submit(fill)
        assert small.result(10) is not None
        with pytest.raises(DiskFullError):
            big.result(10)


# -- a damaged database -----------------------------------------------------------------------------------


@pytest.fixture
def damaged_dir(tmp_path, paths, settings):
    """A data directory whose database holds 40 articles, then has pages overwritten with garbage."""
    from desktop.app import Core
    from desktop.services.parse_pool import parse_and_tag

    with Core(paths, settings) as core:
        ids, _ = core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url="http://x.example/f.xml")]))
        body = feedgen.rss([{"title": f"宁德时代储能订单第{i}单", "link": f"http://x.example/{i}", "guid": f"g{i}",
                             "description": "<p>储能电池出货增长。</p>" * 20} for i in range(40)])
        parsed = parse_and_tag(body, {}, "http://x.example/f.xml", 1_764_000_000, tagger=core.tagger())
        core.writer.call(lambda c: article_ops.ingest(c, ids[0], parsed.items, 1_764_000_000))
    db = paths.db
    with sqlite3.connect(db) as conn:
        total = pages(conn)
    with open(db, "r+b") as fh:                       # keep page 1 (the header and schema) readable
        for page in range(4, total, 5):
            fh.seek(page * 4096)
            fh.write(os.urandom(4096))
    return paths.data_dir


def test_a_damaged_database_is_a_clear_message_not_a_traceback(damaged_dir):
    r = huohua(damaged_dir, "news", "--limit", "1000")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "damaged" in r.stderr and "huohua db recover" in r.stderr and "huohua db check" in r.stderr


def test_db_check_reports_the_damage_and_lists_backups(damaged_dir):
    r = huohua(damaged_dir, "db", "check")
    assert r.returncode == 1 and "integrity: DAMAGED" in r.stdout and "huohua db recover" in r.stdout
    assert "backups" in r.stdout and "Traceback" not in r.stderr


def test_db_recover_saves_what_can_be_read_and_keeps_the_damaged_file(damaged_dir):
    r = huohua(damaged_dir, "db", "recover")
    assert r.returncode == 0, r.stderr
    assert "the damaged file is kept as" in r.stdout
    kept = [p for p in damaged_dir.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1
    check = huohua(damaged_dir, "db", "check")
    assert check.returncode == 0 and "integrity: ok" in check.stdout
    news = huohua(damaged_dir, "news", "--query", "储能", "--json", "--limit", "1000")
    assert news.returncode == 0
    import json

    found = json.loads(news.stdout)
    assert 1 <= len(found) <= 40                      # what the bad pages held is gone, the rest is back
    assert all("宁德时代" in a["title"] for a in found)


def test_db_check_on_a_healthy_database(paths, settings):
    from desktop.app import Core

    Core(paths, settings).close()
    r = huohua(paths.data_dir, "db", "check")
    assert r.returncode == 0 and "integrity: ok" in r.stdout


def test_a_file_that_is_not_a_database(paths):
    paths.db.write_bytes(b"this is not sqlite" * 400)
    r = huohua(paths.data_dir, "news")
    assert r.returncode == 1 and "damaged" in r.stderr and "Traceback" not in r.stderr
    from desktop.store.db import connect_ro

    with pytest.raises(DatabaseDamaged):
        connect_ro(paths.db)

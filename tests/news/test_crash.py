"""A process killed mid-ingest loses nothing committed and the next run creates no duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

from werkzeug import Response

from tests.news import feedgen

FEEDS, ITEMS = 30, 150


def test_kill_mid_ingest_then_rerun(tmp_path, httpserver, spawn):
    bodies = {f"/f{i}.xml": feedgen.rss(feedgen.items(ITEMS, prefix=f"源{i}新闻", host=f"http://s{i}.example"))
              for i in range(FEEDS)}

    def slow(request):
        time.sleep(0.15)   # spread the round over a few seconds so the kill lands mid-ingest
        return Response(bodies[request.path], content_type="application/rss+xml")

    for path in bodies:
        httpserver.expect_request(path).respond_with_handler(slow)
    data = tmp_path / "data"
    env = {**os.environ, "HUOHUA_CONFIG_DIR": ""}
    run = [sys.executable, "-m", "desktop", "--data-dir", str(data)]
    for path in bodies:
        subprocess.run(run + ["feeds", "add", httpserver.url_for(path)], check=True, env=env, capture_output=True)
    (data / "settings.toml").write_text("[feeds]\nconcurrency = 2\n", encoding="utf-8")

    proc = spawn(run + ["fetch", "--once"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    db = data / "huohua.sqlite3"
    committed: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not committed:
        time.sleep(0.05)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        committed = {r[0] for r in conn.execute("SELECT id FROM articles")}
        conn.close()
    assert committed, "nothing was committed before the deadline"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert 0 < len(committed) < FEEDS * ITEMS, "the kill should land mid-ingest"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    survived = {r[0] for r in conn.execute("SELECT id FROM articles")}
    conn.close()
    assert committed <= survived                       # nothing that was committed is lost

    subprocess.run(run + ["fetch", "--once", "--all"], check=True, env=env, capture_output=True, timeout=120)
    conn = sqlite3.connect(db)
    total, distinct = conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    assert total == distinct == FEEDS * ITEMS          # complete, and not one duplicate
    assert conn.execute("SELECT count(*) FROM feeds WHERE last_success IS NULL").fetchone()[0] == 0
    # the search index holds exactly one row per article (no orphans from the interrupted run)
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"新闻\"'").fetchone()[0] == total

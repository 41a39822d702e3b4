"""Every CLI sink of outside text gets the whole hostile corpus (tests/hostile_corpus.py, issue 24): the real
`huohua` command in a subprocess, on a recording (quotes, boards) or a data directory whose feeds come from a
loopback server and whose stored titles, feed names and alert notes hold the corpus. Nothing a terminal acts on
reaches stdout or stderr, and each string's readable part is still shown (on its own line, found by its
number). A command is one `CLI_SINKS` entry: its arguments and which corpus transports reach it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.core.alerts import Rule
from desktop.store import alerts as alert_ops
from desktop.store import feeds as feed_ops
from tests.cli_run import huohua
from tests.hostile_corpus import Hostile, carried_by, safe_for_terminal
from tests.news import feedgen
from tests.procs import ROOT

DEMO = ROOT / "resources" / "demo"


def numbered(i: int, h: Hostile) -> str:
    """The string with a number in front: a shared output is searched line by line for each one's readable part."""
    return f"N{i:02d}¤{h.text}"


def hostile_recording(out: Path) -> tuple[list[str], int]:
    """The demo's recording (copied) with the corpus as stock names in its watchlist quote answer and as board
    and leader names in its industry-board answer, written into the recorded JSON bodies (so `\\u001b` and a
    lone surrogate arrive as a market answer would carry them). Returns the codes renamed and how many boards."""
    out.mkdir()
    shutil.copy(DEMO / "meta.json", out / "meta.json")
    corpus = carried_by("json")
    codes: list[str] = []
    boards = 0
    movers = iter(enumerate(corpus))         # 盘口异动: the corpus as the events' names, across the type answers
    lines = []
    for line in (DEMO / "exchanges.jsonl").read_text(encoding="utf-8").splitlines():
        ex = json.loads(line)
        params = ex.get("params") or {}
        if "ulist.np" in ex["url"] and not codes:
            body = json.loads(ex["body"])
            for i, (row, h) in enumerate(zip(body["data"]["diff"], corpus, strict=False)):
                row["f14"] = numbered(i, h)
                codes.append(row["f12"])
            ex["body"] = json.dumps(body, ensure_ascii=True)
        elif "clist" in ex["url"] and params.get("fs") == "m:90 t:2 f:!50":
            body = json.loads(ex["body"])
            for i, (row, h) in enumerate(zip(body["data"]["diff"], corpus, strict=False)):
                row["f14"] = row["f128"] = numbered(i, h)
                boards = i + 1
            ex["body"] = json.dumps(body, ensure_ascii=True)
        elif "getAllStockChanges" in ex["url"]:
            body = json.loads(ex["body"])
            for row in (body.get("data") or {}).get("allstock") or []:
                i, h = next(movers, (None, None))
                if h is not None:
                    row["n"] = numbered(i, h)
            ex["body"] = json.dumps(body, ensure_ascii=True)
        lines.append(json.dumps(ex, ensure_ascii=True))
    (out / "exchanges.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return codes, boards


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory, httpserver_listen_address):
    """A data directory whose feeds, titles and alert notes hold the corpus (module-wide: one fetch)."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(*httpserver_listen_address) if httpserver_listen_address else HTTPServer()
    server.start()
    tmp = tmp_path_factory.mktemp("hostile_cli")
    data = tmp / "data"
    stored = carried_by("db")
    for i, h in enumerate(stored):
        title = numbered(i, h) if "xml" in h.carriers else f"N{i:02d}¤占位"
        server.expect_request(f"/f{i}.xml").respond_with_data(
            feedgen.rss([{"title": title, "link": f"http://n.example/{i}", "guid": f"g{i}",
                          "description": "宁德时代", "pubDate": "Mon, 07 Dec 2026 02:00:00 GMT"}], title=title),
            content_type="application/rss+xml")
    assert huohua(data, "feeds", "add", server.url_for("/f0.xml")).returncode == 0
    db = data / "huohua.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    feed_ops.add_feeds(conn, [feed_ops.NewFeed(url=server.url_for(f"/f{i}.xml")) for i in range(1, len(stored))])
    conn.close()
    fetched = huohua(data, "fetch", "--once", "--all")
    conn = sqlite3.connect(db, isolation_level=None)
    for i, h in enumerate(stored):               # what XML cannot carry, stored as an older version could have
        conn.execute("UPDATE feeds SET title = ? WHERE url LIKE ?", (numbered(i, h), f"%/f{i}.xml"))
        conn.execute("UPDATE articles SET title = ? WHERE guid = ?", (numbered(i, h), f"g{i}"))
    for i, h in enumerate(carried_by("argv")):
        alert_ops.add_rule(conn, Rule(0, "price_above", code="300750", value=300.0, note=numbered(i, h)))
    conn.close()
    codes, boards = hostile_recording(tmp / "rec")
    yield {"data": data, "fetched": fetched, "recording": tmp / "rec", "codes": codes, "boards": boards}
    server.clear()
    server.stop()


# command → (its arguments, the transport that numbered its strings, the transport they reached it by);
# "fetch" is the fetch the fixture ran: the feed names it shows came through XML
CLI_SINKS = {
    "quotes": (lambda d: ["quotes", *d["codes"], "--replay", str(d["recording"])], "json", "json"),
    "quotes --wide": (lambda d: ["quotes", *d["codes"], "--wide", "--replay", str(d["recording"])], "json", "json"),
    "boards": (lambda d: ["boards", "--type", "industry", "--replay", str(d["recording"])], "json", "json"),
    "movers": (lambda d: ["movers", "--replay", str(d["recording"])], "json", "json"),     # 17 events ≥ 16 strings
    "fetch": (None, "db", "xml"),
    "feeds list": (lambda d: ["feeds", "list"], "db", "db"),
    "news": (lambda d: ["news", "--limit", "100"], "db", "db"),
    "alerts list": (lambda d: ["alerts", "list"], "argv", "argv"),
}


@pytest.mark.parametrize("sink", list(CLI_SINKS))
def test_every_cli_sink_shows_the_corpus_as_text(hostile_data, sink):
    args, numbering, carrier = CLI_SINKS[sink]
    run = hostile_data["fetched"] if args is None else huohua(hostile_data["data"], *args(hostile_data))
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    out = run.stdout + run.stderr
    problems = []
    for i, h in enumerate(carried_by(numbering)):
        if carrier not in h.carriers or (sink == "boards" and i >= hostile_data["boards"]):   # (11 boards)
            continue
        lines = [ln for ln in out.splitlines() if f"N{i:02d}¤" in ln]
        problem = "not shown at all" if not lines else safe_for_terminal(lines[0], h)
        if problem:
            problems.append(f"{h.id}: {problem}")
    found = safe_for_terminal(out, Hostile("whole output", "", readable=()))
    assert not problems and not found, f"{sink}: {problems} {found}"

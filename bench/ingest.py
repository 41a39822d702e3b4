"""Ingest throughput: 10,000 items from 50 locally served feeds (half GB18030), end to end vs bare feedparser.

    python bench/ingest.py [--feeds 50] [--items 200]

Prints, from one run on the same bytes:
  - bare feedparser: feedparser.parse() of every body, entries/s (the baseline);
  - cold ingest: fetch over HTTP + parse + sanitise + normalise + tag + write to SQLite with the search
    index, entries/s, and its ratio to the baseline (bar ≥ 0.8×);
  - warm refresh: the same feeds again with nothing changed (conditional GET → 304), time and its ratio to
    the cold time (bar ≤ 0.1×).
"""

from __future__ import annotations

import argparse
import email.utils
import random
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402

from bench.corpus import article  # noqa: E402
from bench.verdict import bar, finish  # noqa: E402
from desktop.app import Core  # noqa: E402
from desktop.config import Settings, resolve_paths  # noqa: E402
from desktop.store import feeds as feed_ops  # noqa: E402


def make_feed(i: int, items: int, rng: random.Random) -> bytes:
    encoding = "gb18030" if i % 2 else "utf-8"
    out = [f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
           f"<title>财经源{i}</title><link>http://site{i}.example/</link><description>bench</description>"]
    for j in range(items):
        title, body = article(rng)
        date = email.utils.formatdate(1_764_000_000 + i * 1000 + j * 7, localtime=False)
        out.append(f"<item><title>{escape(title)}</title><link>http://site{i}.example/a/{j}.html</link>"
                   f"<guid>http://site{i}.example/a/{j}.html</guid><pubDate>{date}</pubDate>"
                   f"<description><![CDATA[{body}]]></description></item>")
    out.append("</channel></rss>")
    return "".join(out).encode(encoding)


def serve(bodies: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 128   # the default backlog of 5 drops SYNs under 8 parallel fetches (1 s stalls)

    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    rng = random.Random(7)
    bodies = {f"/f{i}.xml": make_feed(i, args.items, rng) for i in range(args.feeds)}
    total = args.feeds * args.items
    mb = sum(map(len, bodies.values())) / 1e6

    t = time.perf_counter()
    parsed = sum(len(feedparser.parse(b).entries) for b in bodies.values())
    bare = time.perf_counter() - t
    assert parsed == total, parsed

    server = serve(bodies)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        paths = resolve_paths(tmp)
        core = Core(paths, Settings(paths.settings_file))
        core.writer.call(lambda c: feed_ops.add_feeds(c, [feed_ops.NewFeed(url=base + p) for p in bodies]))
        t = time.perf_counter()
        pool = core.parse_pool().start()
        pool.parse(bodies["/f0.xml"], {}, "http://warm.up/", 0)   # workers spawned and their taggers built
        if pool.processes > 1:
            list(pool._pool.map(abs, range(pool.processes * 4)))
        startup_s = time.perf_counter() - t
        refresher = core.refresher()
        feeds = refresher.due(force=True)
        t = time.perf_counter()
        outcomes = refresher.refresh(feeds)
        cold = time.perf_counter() - t
        stored = sum(o.new for o in outcomes)
        assert stored == total and not [o for o in outcomes if o.status == "error"], outcomes[:3]
        feeds = refresher.due(force=True)
        t = time.perf_counter()
        again = refresher.refresh(feeds)
        warm = time.perf_counter() - t
        assert all(o.status == "unchanged" for o in again)
        core.close()
        db_mb = sum(f.stat().st_size for f in Path(tmp).glob("huohua.sqlite3*")) / 1e6
    server.shutdown()

    print(f"corpus: {args.feeds} feeds, {total} items, {mb:.1f} MB (half GB18030)")
    print(f"bare feedparser parse      : {bare:6.2f} s  {total / bare:8.0f} entries/s   (baseline)")
    print(f"cold ingest, end to end    : {cold:6.2f} s  {total / cold:8.0f} entries/s   "
          f"ratio {bare / cold:.2f}× baseline (bar ≥ 0.8×)")
    print(f"warm refresh, nothing new  : {warm:6.2f} s                        "
          f"ratio {warm / cold:.3f}× cold (bar ≤ 0.1×)")
    print(f"parse workers start-up     : {startup_s:6.2f} s ({pool.processes} processes, once per app run, "
          f"not per refresh); database {db_mb:.1f} MB")
    return finish([bar("ratio", round(bare / cold, 2), 0.8, at_least=True, unit="×"),
                   bar("warm_ratio", round(warm / cold, 3), 0.1, unit="×")],
                  {"feeds": args.feeds, "articles": total, "corpus_mb": round(mb, 1),
                          "feedparser_s": round(bare, 2), "feedparser_items_per_s": round(total / bare),
                          "huohua_s": round(cold, 2), "huohua_items_per_s": round(total / cold),
                          "ratio": round(bare / cold, 2), "bar": 0.8,
                          "warm_s": round(warm, 2), "warm_ratio": round(warm / cold, 3), "warm_bar": 0.1,
                          "startup_s": round(startup_s, 2), "processes": pool.processes, "db_mb": round(db_mb, 1)},
                  args.json)


if __name__ == "__main__":
    raise SystemExit(main())

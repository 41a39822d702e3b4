"""Full-text search on 100,000 generated articles: bigram FTS5 index vs a LIKE scan, plus the index size.

    python bench/search.py [--articles 100000] [--json]

Prints, per query kind (2-character Chinese, 4-character Chinese, rare terms in ~0.1% of articles, Latin
word), the median over 15 terms of
  - newest 50 hits through the index, and the complete count through the index;
  - the same two through `LIKE '%term%'` on title and text (the baseline);
and the index size next to the size of the text it indexes (bar: index ≤ 1.5× text; 2-char newest-50
≤ 10 ms median). The database is built with the real ingest path (store.articles.ingest).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import article  # noqa: E402
from bench.verdict import bar, finish  # noqa: E402
from desktop.core.news import ParsedEntry, TaggedEntry  # noqa: E402
from desktop.core.news_filter import NewsFilter  # noqa: E402
from desktop.core.normalize import html_to_text, normalize  # noqa: E402
from desktop.store import articles as article_ops  # noqa: E402
from desktop.store import queries, schema  # noqa: E402
from desktop.store.db import connect_rw  # noqa: E402

QUERIES = {
    "2-char": ["储能", "光伏", "算力", "电池", "芯片", "风电", "核电", "电网", "订单", "产能", "价格", "需求", "龙头",
               "资金", "政策"],
    "4-char": ["宁德时代", "阳光电源", "隆基绿能", "人工智能", "数据中心", "营业收入", "中际旭创", "国电南瑞",
               "产业链上", "同比增长", "净利润市", "合作签署", "海外出口", "天合光能", "科大讯飞"],
    "rare": ["液冷", "钙钛矿", "钠电", "固态", "HBM"] * 3,
    "Latin": ["AI", "GPU", "ChatGPT", "ai", "gpu", "chatgpt", "AI", "GPU", "ChatGPT", "Ai", "Gpu", "CHATGPT",
              "AI", "GPU", "ChatGPT"],
}


def build(path: Path, n: int, tag: bool = False) -> int:
    """`tag`: run the real tagger too (themes and company links stored, as after a real fetch)."""
    tagger = None
    if tag:
        from desktop.config import resources_dir
        from desktop.tagging.tagger import Tagger

        tagger = Tagger.from_resources(resources_dir())
    conn = connect_rw(path)
    schema.migrate(conn, None, None)
    # disabled: a stand-in source the pollers must not try to fetch
    conn.execute("INSERT INTO feeds(id, url, title, added, enabled) VALUES (1, 'http://bench.invalid/', '基准', 0, 0)")
    rng = random.Random(11)
    text_bytes = 0
    batch = []
    for i in range(n):
        title, body = article(rng, sentences=rng.randint(2, 6))
        text = normalize(html_to_text(body))
        text_bytes += len(title.encode()) + len(text.encode())
        entry = ParsedEntry(guid=f"g{i}", url=f"http://bench/{i}", title=title, summary_html=body, text=text,
                            author="", published=1_700_000_000 + i * 60, title_norm=normalize(title))
        batch.append(tagger.tag(entry) if tagger else TaggedEntry(entry))
        if len(batch) == 2000:
            conn.execute("BEGIN")
            article_ops.ingest(conn, 1, batch, 0)
            conn.execute("COMMIT")
            batch = []
    if batch:
        conn.execute("BEGIN")
        article_ops.ingest(conn, 1, batch, 0)
        conn.execute("COMMIT")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.close()
    return text_bytes


def median_ms(fn, terms) -> float:
    times = []
    for term in terms:
        fn(term)                       # warm the page cache once per term; we measure repeated searches
        t = time.perf_counter()
        fn(term)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        t = time.perf_counter()
        text_bytes = build(db, args.articles)
        build_s = time.perf_counter() - t
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        index_bytes = conn.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'").fetchone()[0]

        def fts_top(q):
            return queries.list_articles(conn, NewsFilter(query=q), limit=50)

        def fts_count(q):
            return queries.count_articles(conn, NewsFilter(query=q))

        def like_top(q):
            p = f"%{q}%"
            return conn.execute("SELECT id FROM articles WHERE title LIKE ? OR text LIKE ? ORDER BY search_key DESC"
                                " LIMIT 50", (p, p)).fetchall()

        def like_count(q):
            p = f"%{q}%"
            return conn.execute("SELECT count(*) FROM articles WHERE title LIKE ? OR text LIKE ?", (p, p)).fetchone()

        for q in ("储能", "宁德时代", "AI"):        # the index and the scan agree on what they find
            assert [r.id for r in fts_top(q)] == [r[0] for r in like_top(q)], q
        print(f"{args.articles} articles, built in {build_s:.0f} s with the real ingest path")
        print(f"{'query':8} {'index: newest 50':>17} {'index: count':>13} {'LIKE: newest 50':>16} {'LIKE: count':>12}"
              f"   hits for the first term")
        out = {"articles": args.articles, "build_s": round(build_s, 1)}
        for kind, terms in QUERIES.items():
            top, count = median_ms(fts_top, terms), median_ms(fts_count, terms)
            like_t, like_c, hits = median_ms(like_top, terms), median_ms(like_count, terms), fts_count(terms[0])
            print(f"{kind:8} {top:14.2f} ms {count:10.2f} ms {like_t:13.2f} ms {like_c:9.1f} ms   {hits}")
            key = {"2-char": "char2", "4-char": "char4"}.get(kind, kind.lower())
            out |= {f"{key}_top_ms": round(top, 2), f"{key}_count_ms": round(count, 2),
                    f"{key}_like_top_ms": round(like_t, 2), f"{key}_like_count_ms": round(like_c, 1),
                    f"{key}_hits": hits}
        ratio = index_bytes / text_bytes
        print(f"index {index_bytes / 1e6:.1f} MB for {text_bytes / 1e6:.1f} MB of indexed text (title + text, "
              f"UTF-8): {ratio:.2f}× (bar ≤ 1.5×)")
        conn.close()
    return finish([bar("char2_top_ms", out["char2_top_ms"], 10, unit=" ms"),
                   bar("ratio", round(ratio, 2), 1.5, unit="×")],
                  out | {"char2_top_bar_ms": 10, "index_mb": round(index_bytes / 1e6, 1),
                         "text_mb": round(text_bytes / 1e6, 1), "ratio": round(ratio, 2), "bar": 1.5}, args.json)


if __name__ == "__main__":
    raise SystemExit(main())

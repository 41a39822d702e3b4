"""Full-text search: 1-, 2- and longer Chinese terms, Latin words, hostile input, recency order, counts."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.news import ParsedEntry, TaggedEntry
from desktop.core.news_filter import NewsFilter
from desktop.core.normalize import normalize
from desktop.store import articles as article_ops
from desktop.store import fts, queries, schema

DOCS = [
    ("宁德时代发布储能新品", "储能电池能量密度提升，AI算法优化热管理。", 1_700_000_300),
    ("光伏组件价格企稳", "多晶硅价格止跌，光伏装机预期上调。", 1_700_000_200),
    ("英伟达财报超预期", "ChatGPT带动算力需求，GPU供不应求。", 1_700_000_100),
    ("寧德時代儲能訂單", "繁體中文報道：儲能系統訂單大增。", 1_700_000_400),
    ("He said the rain stopped", "nothing about chips here", 1_700_000_000),
]


def make_db(docs=DOCS) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    schema.migrate(conn, None, None)
    conn.execute("INSERT INTO feeds(id, url, title, added) VALUES (1, 'http://x/f', '源', 0)")
    entries = [TaggedEntry(ParsedEntry(guid=f"g{i}", url=f"http://x/{i}", title=t, summary_html=b,
                                       text=normalize(b), author="", published=p))
               for i, (t, b, p) in enumerate(docs)]
    article_ops.ingest(conn, 1, entries, fetched=1_700_001_000)
    return conn


def titles(conn, query, **kw):
    return [r.title for r in queries.list_articles(conn, NewsFilter(query=query, **kw))]


def test_two_character_terms_find_every_article_newest_first():
    conn = make_db()
    assert titles(conn, "储能") == ["寧德時代儲能訂單", "宁德时代发布储能新品"]   # traditional text found too
    assert titles(conn, "光伏") == ["光伏组件价格企稳"]
    assert titles(conn, "算力") == ["英伟达财报超预期"]
    assert queries.count_articles(conn, NewsFilter(query="储能")) == 2


def test_phrases_single_characters_and_latin_words():
    conn = make_db()
    assert titles(conn, "宁德时代") == ["寧德時代儲能訂單", "宁德时代发布储能新品"]
    assert titles(conn, "时代发布") == ["宁德时代发布储能新品"]
    assert titles(conn, "晶") == ["光伏组件价格企稳"]            # 多晶硅
    assert titles(conn, "煤") == []
    assert titles(conn, "伏") == ["光伏组件价格企稳"]
    assert titles(conn, "AI") == ["宁德时代发布储能新品"]          # a word: not inside "said" or "rain"
    assert titles(conn, "chatgpt") == ["英伟达财报超预期"]
    assert titles(conn, "ＧＰＵ") == ["英伟达财报超预期"]            # full-width input folds to GPU
    assert titles(conn, "储能 AI") == ["宁德时代发布储能新品"]      # space means AND


def test_query_syntax_in_user_input_is_inert():
    conn = make_db()
    for q in ['"', '储能"', "储能 OR 光伏", "NOT 储能", "(储能", "储能*", "NEAR(储能 光伏)", "'; DROP TABLE x",
              "^储能", "储能:", "-", "{}", "AND"]:
        titles(conn, q)                                              # never raises
        queries.count_articles(conn, NewsFilter(query=q))
    assert titles(conn, "储能 OR 光伏") == []                        # OR is a word to look for, not an operator
    assert titles(conn, "！？。") == []


def test_search_combines_with_filters_and_pages():
    conn = make_db()
    page1 = queries.list_articles(conn, NewsFilter(query="储能"), limit=1)
    page2 = queries.list_articles(conn, NewsFilter(query="储能"), limit=1, before_key=page1[-1].search_key)
    assert [r.title for r in page1 + page2] == ["寧德時代儲能訂單", "宁德时代发布储能新品"]
    assert titles(conn, "储能", since=1_700_000_350) == ["寧德時代儲能訂單"]
    assert titles(conn, "储能", feed_id=2) == []


CJK = st.text(alphabet="储能光伏电池算力芯片宁德时代阳光电源", min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(docs=st.lists(CJK, min_size=1, max_size=8), needle=st.text(alphabet="储能光伏电池算力芯片宁德时代", min_size=1, max_size=4))
def test_search_equals_substring_scan(docs, needle):
    """Whatever the text, the index finds exactly the articles that contain the term (no misses, no extras)."""
    conn = make_db([(f"t{i}", body, 1_700_000_000 + i) for i, body in enumerate(docs)])
    found = {r.title for r in queries.list_articles(conn, NewsFilter(query=needle), limit=100)}
    expected = {f"t{i}" for i, body in enumerate(docs) if needle in body}
    assert found == expected
    assert queries.count_articles(conn, NewsFilter(query=needle)) == len(expected)


def test_tokens_are_deterministic_for_contentless_deletes():
    text = normalize("寧德時代 CATL 储能, 300750!")
    assert fts.tokens(text) == fts.tokens(text) == "宁德 德时 时代 代 catl 储能 能 300750"

"""Lists bound as one JSON parameter (db.IN_LIST, json_each): the statement text never depends on the list, a list
longer than SQLite's 32,766 bound variables is one statement, and each hot read still searches its index."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from desktop.core.news import ParsedEntry, StockLink, TaggedEntry, ThemeTag
from desktop.core.news_filter import NewsFilter
from desktop.store import (
    articles,
    limit_pools,
    market_store,
    movers,
    positions_store,
    queries,
    review_reads,
    schema,
)
from desktop.store.db import connect_rw


@pytest.fixture
def conn(tmp_path):
    c = connect_rw(tmp_path / "db.sqlite3")
    schema.migrate(c, None, None)
    c.execute("INSERT INTO feeds(id, url, title, added) VALUES (1, 'http://f/', 'F', 0)")
    items = [TaggedEntry(ParsedEntry(f"g{i}", f"http://f/{i}", f"t{i} 储能", "", f"储能 {i}", "", 1000 + i,
                                     title_norm=f"t{i} 储能"),
                         themes=(ThemeTag("储能", ("储能",)),), stocks=(StockLink("300750", "宁德时代", 1.0),),
                         search_doc="储能")
             for i in range(1, 6)]
    c.execute("BEGIN")
    articles.ingest(c, 1, items, 2000)        # ids 1..5, the real ingest path
    c.execute("COMMIT")
    return c


# Each read the list, the article view or the watchlist asks often, called through its real function.
HOT = {
    "tags_for": lambda c, ids, codes: queries.tags_for(c, ids),
    "rows_by_ids": lambda c, ids, codes: queries.rows_by_ids(c, ids),
    "list_articles(ids=)": lambda c, ids, codes: queries.list_articles(c, NewsFilter(), ids=ids),
    "search(ids=)": lambda c, ids, codes: queries.list_articles(c, NewsFilter(query="储能"), ids=ids),
    "tagged": lambda c, ids, codes: queries.tagged(c, set(ids), "储能"),
    "linked_counts": lambda c, ids, codes: queries.linked_counts(c, codes, 0),
    "newest_linked": lambda c, ids, codes: queries.newest_linked(c, codes, 0),
    "latest_quotes": lambda c, ids, codes: market_store.latest_quotes(c, codes, now=0, stale_before=0),
    "newest_quote_time": lambda c, ids, codes: market_store.newest_quote_time(c, codes),
    "existing keys": lambda c, ids, codes: articles._existing(c, codes),
    "trades": lambda c, ids, codes: positions_store.trades(c, codes),
    "titles": lambda c, ids, codes: limit_pools.titles(c, ids),
    "concept_boards": lambda c, ids, codes: limit_pools.concept_boards(c, codes),
    "movers events": lambda c, ids, codes: movers.events(c, "2026-11-20", ids[:3], codes),
    "review quotes": lambda c, ids, codes: review_reads.quotes_between(c, codes, 0, 1),
    "review minute amounts": lambda c, ids, codes: review_reads.minute_amounts(c, codes, 0, 1),
}


def statements(conn: sqlite3.Connection, read, ids: list[int], codes: list[str]) -> list[str]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)     # the statements as run, their parameters bound in
    try:
        read(conn, ids, codes)
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if not s.startswith("--")]     # "--": statements SQLite runs inside FTS5


@pytest.mark.parametrize("name", HOT)
def test_the_statement_is_the_same_for_any_list_and_searches_an_index(conn, name):
    """One statement per read whatever the list's length (before: '?,?,…' per item, chunked by 500), and its plan
    searches an index: the only full scan is of the JSON list itself."""
    def text(sql: str) -> str:      # the statement with the bound JSON list taken out
        return sql.split("'[", 1)[0] + (sql.rsplit("]'", 1)[1] if "]'" in sql else "")

    short = statements(conn, HOT[name], [1], ["300750"])
    long = statements(conn, HOT[name], list(range(1, 40_001)), [f"{i:06d}" for i in range(40_000)])
    assert [text(s) for s in short] == [text(s) for s in long]
    for sql in short:
        if "json_each" not in sql:
            continue
        plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
        scans = [p for p in plan if p.startswith("SCAN ") and "json_each" not in p and "articles_fts" not in p]
        assert scans == [], (name, plan)


def test_what_the_reads_find_is_what_the_lists_name(conn):
    assert set(queries.tags_for(conn, [1, 2, 99])[0]) == {1, 2}
    assert sorted(r.id for r in queries.rows_by_ids(conn, [3, 1, 99])) == [1, 3]
    assert [r.id for r in queries.list_articles(conn, NewsFilter(), ids=[2, 4])] == [4, 2]
    assert queries.list_articles(conn, NewsFilter(), ids=[]) == []
    assert queries.tagged(conn, {1, 5, 77}, "储能") == {1, 5}
    assert queries.linked_counts(conn, ["300750", "600000"], 0) == {"300750": 5}
    assert [a for a, _, _ in queries.newest_linked(conn, ["300750"], 0, limit=2)] == [5, 4]
    assert limit_pools.titles(conn, [2, 2, 3]) == {2: "t2 储能", 3: "t3 储能"}
    assert articles.set_flag(conn, [1, 2], "read", True).articles_state == {1, 2}
    assert articles.set_flag(conn, [1, 2, 3], "read", True).articles_state == {3}
    assert market_store.newest_quote_time(conn, []) == 0
    assert market_store.last_fetched(conn, []) is None


# -- no list of question marks built in the store --------------------------------------------------------------
STORE = Path(__file__).resolve().parents[2] / "desktop" / "store"
BUILT_LIST = re.compile(r"""IN \(\{(?:marks\}|[^}]*\.join\(\s*['"]\?)""")   # IN ({marks}) / IN ({','.join('?' …


def built_lists(paths: list[Path]) -> list[str]:
    return [f"{p.name}:{n}" for p in paths for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if BUILT_LIST.search(line)]


def test_no_in_list_of_question_marks_is_built_in_the_store():
    """Lists bind as one parameter (db.IN_LIST); a statement built with one '?' per item is named here."""
    assert built_lists(sorted(STORE.glob("*.py"))) == []


def test_the_check_names_a_planted_list(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('sql = f"SELECT a FROM t WHERE code IN ({\',\'.join(\'?\' * len(codes))})"\n'
                       'sql = f"SELECT a FROM t WHERE id IN ({marks})"\n'
                       'sql = f"INSERT INTO t VALUES ({\', \'.join(\'?\' * len(cols))})"\n', encoding="utf-8")
    assert built_lists([planted]) == ["planted.py:1", "planted.py:2"]

"""Reads of the stock table by name: code → name, and the rows the stock matcher and the tagger's names load."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from desktop.store.db import IN_LIST, as_list


def stock_names(conn: sqlite3.Connection, codes: Iterable[str] | None = None) -> dict[str, str]:
    """Code → name of `codes` (None: every stock) as the stock table holds them."""
    if codes is None:
        return dict(conn.execute("SELECT code, name FROM stocks"))
    return dict(conn.execute(f"SELECT code, name FROM stocks WHERE code IN ({IN_LIST})", (as_list(codes),)))


def matcher_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(code, name, exchange, 拼音 keys, former names "a|b") of every stock: the stock matcher's input."""
    return conn.execute("SELECT code, name, exchange, pinyin, former_names FROM stocks").fetchall()


def name_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
    """(code, name, exchange, industry, full name, former names "a|b") of every stock: the tagger's names."""
    return conn.execute("SELECT code, name, exchange, industry, full_name, former_names FROM stocks").fetchall()

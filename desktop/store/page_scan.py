"""Rows read straight from a damaged database file's table leaf pages (the SQLite file format), for recovery.

When a table's root or interior page is destroyed, SQLite cannot reach any of its rows although most leaf
pages are intact. This walks every page, decodes each table-leaf cell (rowid + record, following overflow
chains) and yields `(rowid, values)`. `recover.py` assigns a record to a table only when its column count is
unique to that table and every value fits the column's declared type, so a stray page is never misfiled.
What SQLite's own recovery extension does (https://sqlite.org/recovery.html) — needed because the sqlite3
shell's `.recover` is not always usable (Debian's 3.40.1 shell fails with "SQL logic error").
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

TABLE_LEAF = 0x0D


def _varint(buf: bytes, i: int) -> tuple[int, int]:
    value = 0
    for n in range(9):
        b = buf[i + n]
        if n == 8:
            return (value << 8) | b, i + 9
        value = (value << 7) | (b & 0x7F)
        if b < 0x80:
            return value, i + n + 1
    raise ValueError("bad varint")


def _value(serial: int, buf: bytes, i: int) -> tuple[object, int]:
    if serial == 0:
        return None, i
    if 1 <= serial <= 6:
        size = (1, 2, 3, 4, 6, 8)[serial - 1]
        return int.from_bytes(buf[i:i + size], "big", signed=True), i + size
    if serial == 7:
        return struct.unpack(">d", buf[i:i + 8])[0], i + 8
    if serial in (8, 9):
        return serial - 8, i
    if serial >= 12:
        size = (serial - 12) // 2
        raw = bytes(buf[i:i + size])
        if len(raw) != size:
            raise ValueError("truncated value")
        return (raw if serial % 2 == 0 else raw.decode("utf-8")), i + size
    raise ValueError("reserved serial type")


def record(payload: bytes) -> list[object]:
    header, i = _varint(payload, 0)
    serials, pos = [], i
    while pos < header:
        s, pos = _varint(payload, pos)
        serials.append(s)
    out, j = [], header
    for s in serials:
        v, j = _value(s, payload, j)
        out.append(v)
    if j > len(payload):
        raise ValueError("record longer than its payload")
    return out


def leaf_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    """Every decodable (rowid, record) on every table-leaf page; damaged cells and pages are skipped."""
    data = path.read_bytes()
    if len(data) < 100 or not data.startswith(b"SQLite format 3\x00"):
        return
    page_size = int.from_bytes(data[16:18], "big") or 65536
    usable = page_size - data[20]
    pages = len(data) // page_size
    for n in range(1, pages + 1):
        base = (n - 1) * page_size
        head = base + (100 if n == 1 else 0)
        if data[head] != TABLE_LEAF:
            continue
        cells = int.from_bytes(data[head + 3:head + 5], "big")
        for c in range(cells):
            try:
                ptr = int.from_bytes(data[head + 8 + 2 * c:head + 10 + 2 * c], "big")
                yield _cell(data, base + ptr, base + page_size, usable, page_size, pages)
            except (ValueError, IndexError, UnicodeDecodeError, struct.error):
                continue


def _cell(data: bytes, at: int, page_end: int, usable: int, page_size: int, pages: int) -> tuple[int, list[object]]:
    size, i = _varint(data, at)
    rowid, i = _varint(data, i)
    if rowid >= 1 << 63:
        rowid -= 1 << 64
    max_local = usable - 35
    if size <= max_local:
        if i + size > page_end:
            raise ValueError("cell runs past its page")
        return rowid, record(data[i:i + size])
    min_local = (usable - 12) * 32 // 255 - 23
    local = min_local + (size - min_local) % (usable - 4)
    if local > max_local:
        local = min_local
    payload = bytearray(data[i:i + local])
    nxt = int.from_bytes(data[i + local:i + local + 4], "big")
    seen = set()
    while len(payload) < size:
        if not 1 <= nxt <= pages or nxt in seen:
            raise ValueError("broken overflow chain")
        seen.add(nxt)
        start = (nxt - 1) * page_size
        nxt = int.from_bytes(data[start:start + 4], "big")
        payload += data[start + 4:start + min(usable, 4 + size - len(payload))]
    return rowid, record(bytes(payload[:size]))

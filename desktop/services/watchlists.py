"""Watchlists as the CLI and the window edit them: resolve what the user typed, add/remove, CSV in and out.

Qt-free. Queries resolve through the stock matcher: a code, a name or 拼音 initials; several matches are an
`Ambiguous` error carrying the candidates, none an `UnknownStock` — the caller shows them. CSV files are
`code,name,list` with a header; on import GBK (what Chinese Excel writes) or UTF-8 (with or without BOM).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from desktop.core.changes import Changes
from desktop.core.errors import HuohuaError
from desktop.core.market import Watchlist
from desktop.core.stock_match import StockEntry, StockMatcher
from desktop.store import market_store as ms

DEFAULT_LIST = ms.DEFAULT_WATCHLIST_NAME
MAX_CSV_BYTES = 2 * 1024 * 1024


class UnknownStock(HuohuaError):
    pass


class Ambiguous(HuohuaError):
    def __init__(self, query: str, candidates: list[StockEntry]):
        super().__init__(f"{query!r} matches {len(candidates)} stocks")
        self.query = query
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    lists: list[str]                 # lists the file touched (created if new)
    unknown: list[str]               # rows whose stock could not be found


def resolve(matcher: StockMatcher, query: str) -> StockEntry:
    found = matcher.resolve(query)
    if not found:
        raise UnknownStock(f"no stock matches {query!r} (a 6-digit code, a name such as 宁德时代, or 拼音 initials "
                           "such as ndsd)")
    if len(found) > 1:
        raise Ambiguous(query, found)
    return found[0]


def list_id(conn, name: str, create: bool) -> int | None:
    """The id of the list called `name` (created when asked and missing)."""
    for wl in ms.watchlists(conn):
        if wl.name == name:
            return wl.id
    if not create:
        return None
    wid, _ = ms.create_watchlist(conn, name)
    return wid


def add(writer, matcher: StockMatcher, query: str, list_name: str = DEFAULT_LIST) -> tuple[StockEntry, bool]:
    """Add the stock `query` names to `list_name` (created if missing); returns it and whether it was new."""
    stock = resolve(matcher, query)

    def op(conn):
        wid = list_id(conn, list_name, create=True)
        before = next((w for w in ms.watchlists(conn) if w.id == wid), None)
        if before and stock.code in before.codes:
            return False, Changes()
        return True, ms.add_to_watchlist(conn, wid, stock.code)

    added, _ = writer.call(op)
    return stock, added


def remove(writer, code: str, list_name: str = DEFAULT_LIST) -> bool:
    def op(conn):
        wid = list_id(conn, list_name, create=False)
        if wid is None:
            raise HuohuaError(f"there is no list called {list_name!r}")
        wl = next(w for w in ms.watchlists(conn) if w.id == wid)
        if code not in wl.codes:
            return False, Changes()
        return True, ms.remove_from_watchlist(conn, wid, code)

    removed, _ = writer.call(op)
    return removed


def export_csv(lists: list[Watchlist], names: dict[str, str], path: Path) -> int:
    """`code,name,list` rows, UTF-8 with a BOM (so Excel opens it right); returns the number of rows."""
    rows = [(code, names.get(code, ""), wl.name) for wl in lists for code in wl.codes]
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "list"])
        writer.writerows(rows)
    return len(rows)


def read_csv(path: Path) -> list[tuple[str, str, str]]:
    """(code or name, name, list) per row; GBK or UTF-8; a header row (code/代码 …) is skipped."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise HuohuaError(f"{path} is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB: not a watchlist file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise HuohuaError(f"{path} is neither UTF-8 nor GBK text")
    out = []
    for row in csv.reader(io.StringIO(text)):
        cells = [c.strip() for c in row] + ["", "", ""]
        if not (cells[0] or cells[1]) or cells[0].lower() in ("code", "代码", "股票代码"):
            continue
        out.append((cells[0], cells[1], cells[2] or DEFAULT_LIST))
    return out


def import_csv(writer, matcher: StockMatcher, path: Path) -> ImportReport:
    """Add every row's stock to its list (lists created as needed), in one transaction."""
    rows = read_csv(path)
    resolved: list[tuple[str, str]] = []
    unknown: list[str] = []
    for first, name, list_name in rows:
        entry = matcher.get(first.zfill(6)) if first.isdigit() else None
        if entry is None and (name or first):
            found = matcher.resolve(name or first)
            entry = found[0] if len(found) == 1 else None
        if entry is None:
            unknown.append(" ".join(x for x in (first, name) if x))
        else:
            resolved.append((entry.code, list_name))

    def op(conn):
        added = 0
        for code, list_name in resolved:
            wid = list_id(conn, list_name, create=True)
            wl = next(w for w in ms.watchlists(conn) if w.id == wid)
            if code not in wl.codes:
                ms.add_to_watchlist(conn, wid, code)
                added += 1
        return added, Changes(watchlists=bool(added))

    added, _ = writer.call(op)
    return ImportReport(added, list(dict.fromkeys(n for _c, n in resolved)), unknown)


# -- edits from the window (asynchronous: the pane learns the result from the commit) ---------------------
def add_code(writer, watchlist_id: int, code: str):
    return writer.submit(lambda c: ms.add_to_watchlist(c, watchlist_id, code))


def remove_codes(writer, watchlist_id: int, codes: list[str]):
    def op(conn):
        out = Changes()
        for code in codes:
            out.merge(ms.remove_from_watchlist(conn, watchlist_id, code))
        return out

    return writer.submit(op)


def reorder(writer, watchlist_id: int, codes: list[str]):
    return writer.submit(lambda c: ms.set_watchlist_codes(c, watchlist_id, codes))


def create_list(writer, name: str):
    return writer.submit(lambda c: ms.create_watchlist(c, name))


def rename_list(writer, watchlist_id: int, name: str):
    return writer.submit(lambda c: ms.rename_watchlist(c, watchlist_id, name))


def delete_list(writer, watchlist_id: int):
    return writer.submit(lambda c: ms.delete_watchlist(c, watchlist_id))

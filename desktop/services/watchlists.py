"""Watchlists as the CLI and the window edit them: resolve what the user typed, add/remove, CSV in and out.

Qt-free. Queries resolve through the stock matcher: a code, a name or 拼音 initials; several matches are an
`Ambiguous` error carrying the candidates, none an `UnknownStock` — the caller shows them. CSV files are
`code,name,list` with a header; on import GBK (what Chinese Excel writes) or UTF-8 (with or without BOM).

A cell a spreadsheet would evaluate (it begins with = + - @, a tab or a CR, after any leading ') is written with
a ' in front, as OWASP's CSV-injection advice says: a list or stock name such as `=HYPERLINK(…)` opens as text.
Import takes one such ' off again, so every name reads back as it was (`'=x` → `''=x` → `'=x`). An import is one
writer operation, however many lists the file names.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.changes import Changes
from desktop.core.errors import HuohuaError
from desktop.core.files import write_verified
from desktop.core.market import Watchlist
from desktop.core.stock_match import StockEntry, StockMatcher
from desktop.store import market_store as ms

if TYPE_CHECKING:
    from desktop.store.writer import Op, Writes

DEFAULT_LIST = ms.DEFAULT_WATCHLIST_NAME
MAX_CSV_BYTES = 2 * 1024 * 1024


class UnknownStock(HuohuaError):
    pass


class Ambiguous(HuohuaError):
    def __init__(self, query: str, candidates: list[StockEntry]):
        super().__init__(f"{query!r} matches {len(candidates)} stocks")
        self.query = query
        self.candidates = candidates


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
IMPORT_TIMEOUT_S = 600.0        # one batch; 5,000 new lists take about a second


class ImportNotFinished(HuohuaError):
    """The import's write did not finish in time: it may still be committed (or not) — say so, not "unreadable"."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    lists: list[str]                 # lists the file touched (created if new)
    unknown: list[str]               # rows whose stock could not be found
    created: int = 0                 # lists that did not exist before
    already: int = 0                 # rows whose stock was on its list already


def _formula(text: str) -> bool:
    """Would a spreadsheet evaluate `text` once the quotes csv_cell adds are off?"""
    first = text.lstrip("'")[:1]
    return bool(first) and first in FORMULA_START


def csv_cell(text: str) -> str:
    """`text` as a CSV cell no spreadsheet evaluates: a ' in front when it would start a formula. NUL, which
    CSV readers refuse, is dropped."""
    text = text.replace("\0", "")
    return "'" + text if _formula(text) else text


def from_csv_cell(text: str) -> str:
    """The inverse of csv_cell: one leading ' off when what follows it would start a formula."""
    return text[1:] if text[:1] == "'" and _formula(text[1:]) else text


def resolve(matcher: StockMatcher, query: str) -> StockEntry:
    found = matcher.resolve(query)
    if not found:
        raise UnknownStock(f"no stock matches {query!r} (a 6-digit code, a name such as 宁德时代, or 拼音 initials "
                           "such as ndsd)")
    if len(found) > 1:
        raise Ambiguous(query, found)
    return found[0]


def list_id(conn: sqlite3.Connection, name: str, create: bool) -> int | None:
    """The id of the list called `name` (created when asked and missing)."""
    for wl in ms.watchlists(conn):
        if wl.name == name:
            return wl.id
    if not create:
        return None
    wid, _ = ms.create_watchlist(conn, name)
    return wid


def add(writer: Writes, matcher: StockMatcher, query: str, list_name: str = DEFAULT_LIST) -> tuple[StockEntry, bool]:
    """Add the stock `query` names to `list_name` (created if missing); returns it and whether it was new."""
    stock = resolve(matcher, query)

    def op(conn: sqlite3.Connection) -> tuple[bool, Changes]:
        wid = list_id(conn, list_name, create=True)
        assert wid is not None              # create=True: made when missing
        before = next((w for w in ms.watchlists(conn) if w.id == wid), None)
        if before and stock.code in before.codes:
            return False, Changes()
        return True, ms.add_to_watchlist(conn, wid, stock.code)

    added, _ = writer.call(op)
    return stock, added


def remove(writer: Writes, code: str, list_name: str = DEFAULT_LIST) -> bool:
    def op(conn: sqlite3.Connection) -> tuple[bool, Changes]:
        wid = list_id(conn, list_name, create=False)
        if wid is None:
            raise HuohuaError(f"there is no list called {list_name!r}")
        wl = next(w for w in ms.watchlists(conn) if w.id == wid)
        if code not in wl.codes:
            return False, Changes()
        return True, ms.remove_from_watchlist(conn, wid, code)

    removed: bool = writer.call(op)[0]
    return removed


def export_csv(lists: list[Watchlist], names: dict[str, str], path: Path) -> int:
    """`code,name,list` rows, UTF-8 with a BOM (so Excel opens it right); returns the number of rows. Written to
    a temporary name, read back with read_csv's own parser (every row must come back as it will import) and
    only then renamed over `path`. OSError if it cannot be written; HuohuaError if it does not read back."""
    rows = [(code, names.get(code, ""), wl.name) for wl in lists for code in wl.codes]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["code", "name", "list"])
    writer.writerows([tuple(csv_cell(c) for c in row) for row in rows])
    want = [tuple(c.replace("\0", "").strip() for c in row) for row in rows]
    want = [(code, name, lst or DEFAULT_LIST) for code, name, lst in want]

    def verify(written: bytes) -> None:
        try:
            back = parse_csv(written, path)
        except HuohuaError as exc:
            raise HuohuaError(f"the CSV written for {path} does not read back ({exc}); {path} was left as it "
                              "was") from None
        if back != want:
            bad = next((i for i, (a, b) in enumerate(zip(back, want, strict=False)) if a != b), min(len(back),
                                                                                               len(want)))
            raise HuohuaError(f"the CSV written for {path} does not read back (row {bad + 1}); {path} was left "
                              "as it was")

    write_verified(Path(path), buf.getvalue().encode("utf-8-sig"), verify)
    return len(rows)


def read_csv(path: Path) -> list[tuple[str, str, str]]:
    """(code or name, name, list) per row; GBK or UTF-8; a header row (code/代码 …) is skipped."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise HuohuaError(f"{path} is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB: not a watchlist file")
    return parse_csv(data, path)


def parse_csv(data: bytes, path: Path) -> list[tuple[str, str, str]]:
    """read_csv's parser, on the file's bytes."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise HuohuaError(f"{path} is neither UTF-8 nor GBK text")
    out = []
    try:
        for row in csv.reader(io.StringIO(text.replace("\0", ""))):
            cells = [from_csv_cell(c.strip()).strip() for c in row] + ["", "", ""]
            if not (cells[0] or cells[1]) or cells[0].lower() in ("code", "代码", "股票代码"):
                continue
            out.append((cells[0], cells[1], cells[2] or DEFAULT_LIST))
    except csv.Error as exc:
        raise HuohuaError(f"{path} is not a CSV file ({exc})") from None
    return out


def import_csv(writer: Writes, matcher: StockMatcher, path: Path) -> ImportReport:
    """Add every row's stock to its list (lists created as needed): one writer operation, one transaction, which
    reads the lists once. OSError or HuohuaError: the file could not be read (nothing written);
    ImportNotFinished: the write did not finish within IMPORT_TIMEOUT_S; StoreError: it could not be saved."""
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

    def op(conn: sqlite3.Connection) -> tuple[tuple[int, int, int], Changes]:
        existing = {w.name: (w.id, list(w.codes)) for w in ms.watchlists(conn)}
        created: set[str] = set()
        changed: dict[int, list[str]] = {}
        added = already = 0
        for code, list_name in resolved:
            if list_name not in existing:
                wid, _ = ms.create_watchlist(conn, list_name)
                existing[list_name] = (wid, [])
                created.add(list_name)
            wid, codes = existing[list_name]
            if code in codes:
                already += 1
                continue
            codes.append(code)
            changed[wid] = codes
            added += 1
        for wid, codes in changed.items():
            ms.set_watchlist_codes(conn, wid, codes)
        return (added, already, len(created)), Changes(watchlists=bool(added or created))

    try:
        (added, already, created), _ = _write(writer, op, IMPORT_TIMEOUT_S)
    except TimeoutError:
        raise ImportNotFinished(f"the import from {path} was not finished after {IMPORT_TIMEOUT_S:g} s; it may "
                                "still be saved: see huohua watchlist list") from None
    return ImportReport(added, list(dict.fromkeys(n for _c, n in resolved)), unknown, created, already)


def _write(writer: Writes, op: Op, timeout: float) -> Any:
    return writer.call(op, timeout)


# -- edits from the window (asynchronous: the pane learns the result from the commit) ---------------------
def add_code(writer: Writes, watchlist_id: int, code: str) -> Future[Any]:
    return writer.submit(lambda c: ms.add_to_watchlist(c, watchlist_id, code))


def remove_codes(writer: Writes, watchlist_id: int, codes: list[str]) -> Future[Any]:
    def op(conn: sqlite3.Connection) -> Changes:
        out = Changes()
        for code in codes:
            out.merge(ms.remove_from_watchlist(conn, watchlist_id, code))
        return out

    return writer.submit(op)


def reorder(writer: Writes, watchlist_id: int, codes: list[str]) -> Future[Any]:
    return writer.submit(lambda c: ms.set_watchlist_codes(c, watchlist_id, codes))


def create_list(writer: Writes, name: str) -> Future[Any]:
    return writer.submit(lambda c: ms.create_watchlist(c, name))


def rename_list(writer: Writes, watchlist_id: int, name: str) -> Future[Any]:
    return writer.submit(lambda c: ms.rename_watchlist(c, watchlist_id, name))


def delete_list(writer: Writes, watchlist_id: int) -> Future[Any]:
    return writer.submit(lambda c: ms.delete_watchlist(c, watchlist_id))

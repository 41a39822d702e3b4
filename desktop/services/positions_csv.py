"""持仓 lots as CSV (docs/POSITIONS.md): `code,date,side,shares,price,fee`, one trade a row, a header first.

Read: UTF-8 (with or without BOM) or GBK (what Chinese Excel writes); the header's columns in any order (fee may
be left out; other columns are ignored); a code Excel shortened (1 for 000001) gets its zeros back; a ' that our
export put before a cell is taken off again. Every row is checked (core/positions.make_trade) and the file's
trades are stored in one writer operation after the whole list is checked: a bad row is an error naming its
line, and nothing is imported.

Written: UTF-8 with BOM (Excel opens it right), every cell a spreadsheet would evaluate (= + - @, a tab or a CR
at its start) with a ' in front (services/watchlists.csv_cell, OWASP's advice), through core/files.write_verified:
the file is read back with this module's own reader before it replaces the old one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.broker_csv import side_of
from desktop.core.changes import Changes
from desktop.core.errors import HuohuaError
from desktop.core.files import write_verified
from desktop.core.positions import PositionError, Trade, make_trade, ordered
from desktop.services.watchlists import csv_cell, from_csv_cell

if TYPE_CHECKING:
    from desktop.store.writer import Writes

HEADER = ("code", "date", "side", "shares", "price", "fee")
REQUIRED = HEADER[:5]
MAX_CSV_BYTES = 8 * 1024 * 1024
# the header's words in Chinese too (a file made by hand in Excel)
ALIASES = {"代码": "code", "股票代码": "code", "证券代码": "code", "日期": "date", "成交日期": "date",
           "方向": "side", "买卖": "side", "买卖方向": "side", "股数": "shares", "数量": "shares",
           "成交数量": "shares", "价格": "price", "成交价格": "price", "成交均价": "price", "费用": "fee",
           "手续费": "fee"}
SIDES = {"buy": "buy", "sell": "sell", "买": "buy", "买入": "buy", "卖": "sell", "卖出": "sell",
         "b": "buy", "s": "sell"}


def decode(data: bytes, path: Path) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise HuohuaError(f"{path} is neither UTF-8 nor GBK text")


def parse(data: bytes, path: Path, known: Callable[[str], bool] | None = None,
          today: date | None = None) -> list[tuple[int, Trade]]:
    """(line number, trade) for every row. PositionError "bad_row" (with the line and the problem) on the first
    row that cannot be a trade; HuohuaError when the file is not a CSV of lots at all."""
    text = decode(data, path).replace("\0", "")
    rows = csv.reader(io.StringIO(text))
    out: list[tuple[int, Trade]] = []
    columns: dict[str, int] | None = None
    try:
        for row in rows:
            line = rows.line_num
            cells = [from_csv_cell(c.strip()).strip() for c in row]
            if not any(cells):
                continue
            if columns is None:
                columns = _header(cells, path)
                continue
            out.append((line, _row(cells, columns, line, known, today)))
    except csv.Error as exc:
        raise HuohuaError(f"{path} is not a CSV file ({exc})") from None
    if columns is None:
        raise HuohuaError(f"{path} is empty: a lots file starts with the header {','.join(HEADER)}")
    return out


def _header(cells: list[str], path: Path) -> dict[str, int]:
    names = [ALIASES.get(c, c.lower()) for c in cells]
    columns = {n: i for i, n in reversed(list(enumerate(names))) if n in HEADER}
    missing = [n for n in REQUIRED if n not in columns]
    if missing:
        raise HuohuaError(f"{path}: line 1 is not the header {','.join(HEADER)} (missing {', '.join(missing)})")
    return columns


def _row(cells: list[str], columns: dict[str, int], line: int, known: Callable[[str], bool] | None,
         today: date | None) -> Trade:
    def cell(name: str) -> str:
        i = columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    code = cell("code")
    if code.isdigit() and len(code) < 6:
        code = code.zfill(6)          # Excel shows 000001 as 1
    side = SIDES.get(cell("side").lower()) or side_of(cell("side")) or cell("side")     # 证券买入 too
    try:
        return make_trade(code, cell("date").replace("/", "-"), side, cell("shares"), cell("price"),
                          cell("fee") or "0", known=known, today=today)
    except PositionError as exc:
        raise PositionError("bad_row", line=line, problem=exc) from None


def read(path: Path, known: Callable[[str], bool] | None = None,
         today: date | None = None) -> list[tuple[int, Trade]]:
    with open(path, "rb") as fh:
        data = fh.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise HuohuaError(f"{path} is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB: not a lots file")
    return parse(data, path, known, today)


def import_lots(writer: Writes, path: Path, known: Callable[[str], bool] | None = None,
                today: date | None = None) -> int:
    """Store every trade of the file, all or none (one writer operation); the number stored. A sell the file
    makes larger than the holding at its date is a "bad_row" error naming its line."""
    return store_rows(writer, read(path, known, today))


def store_rows(writer: Writes, rows: list[tuple[int, Trade]]) -> int:
    """Store the (line, trade) rows of a file, all or none (one writer operation); the number stored. A sell
    the rows make larger than the holding at its date is a "bad_row" error naming its line (a broker's export
    comes this way too: services/broker_csv.py)."""
    from desktop.store import positions_store as ps

    trades = [t for _line, t in rows]
    try:
        writer.call(lambda c: (ps.add_trades(c, trades), Changes(positions=True)))   # the chart and alerts follow
    except PositionError as exc:
        line = next((n for n, t in rows if t is exc.trade), None)
        if line is None:
            raise
        raise PositionError("bad_row", line=line, problem=exc) from None
    return len(trades)


def dump(trades: list[Trade]) -> bytes:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(HEADER)
    for t in ordered(trades):
        out.writerow([csv_cell(str(v)) for v in (t.code, t.date.isoformat(), t.side, t.shares, t.price, t.fee)])
    return buf.getvalue().encode("utf-8-sig")


def export_lots(trades: list[Trade], path: Path) -> int:
    """Write every trade to `path` (see the module's doc); the number written. OSError when it cannot be
    written; HuohuaError when what was written does not read back as the same trades (`path` then untouched)."""
    data = dump(trades)
    want = [_key(t) for t in ordered(trades)]

    def verify(written: bytes) -> None:
        try:
            back = [_key(t) for _line, t in parse(written, path)]
        except HuohuaError as exc:
            raise HuohuaError(f"the CSV written for {path} does not read back ({exc}); {path} was left as it "
                              "was") from None
        if back != want:
            raise HuohuaError(f"the CSV written for {path} does not read back as the same trades; {path} was "
                              "left as it was")

    write_verified(Path(path), data, verify)
    return len(want)


def _key(t: Trade) -> tuple[Any, ...]:
    return (t.code, t.date, t.side, t.shares, t.price, t.fee)

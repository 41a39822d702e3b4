"""A broker's CSV export: the file read, the mappings remembered, the trades stored (docs/POSITIONS.md "A broker's
export"; the mapping itself is core/broker_csv.py).

Read: UTF-8 (with or without BOM) or GBK, as our own lots file (services/positions_csv.decode); commas or tabs
(同花顺 writes its "xls" exports as tab-separated text); the header is the first line with three cells or more
(an export may start with a title line). Whether a file is our own lots CSV is decided by its header
(`inspect` answers None): those import as they always did.

Remembered: one mapping per header signature, by column names, in `broker_csv.json` in the config directory
(beside settings.toml; settings hold single values, a mapping is a small table): `{"version": 1, "mappings":
{"<header line>": {"date": "成交日期", …, "fee": ["佣金", "印花税", "过户费"]}}}`, the newest MAX_MAPPINGS kept. The file
is written through core/files.write_verified; one that cannot be read is treated as empty (a mapping is chosen
again, nothing else is lost).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core import broker_csv as bc
from desktop.core.errors import HuohuaError
from desktop.core.files import write_verified
from desktop.services import positions_csv

if TYPE_CHECKING:
    from desktop.store.writer import Writes

MAPPINGS_FILE = "broker_csv.json"
MAX_MAPPINGS = 50
# fee columns our own lots format would leave out: a file that has them is a broker's export, mapped
_FEE_PARTS_NOT_OURS = frozenset(bc.FEE_PARTS) - {"手续费", "fee"}


@dataclass
class BrokerFile:
    path: Path
    encoding: str                    # "UTF-8 BOM", "UTF-8" or "GBK"
    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)   # (the file's line, cells) after the header
    remembered: bc.Mapping | None = None     # the mapping kept for this header, when there is one

    @property
    def signature(self) -> str:
        return bc.signature(self.header)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding name). HuohuaError when it is neither UTF-8 nor GBK."""
    if data.startswith(b"\xef\xbb\xbf"):
        return positions_csv.decode(data, path), "UTF-8 BOM"
    text = positions_csv.decode(data, path)
    try:
        data.decode("utf-8")
        return text, "UTF-8"
    except UnicodeDecodeError:
        return text, "GBK"


def parse(data: bytes, path: Path) -> BrokerFile:
    text, encoding = decode(data, path)
    text = text.replace("\0", "")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                if sum(1 for c in cells if c.strip()) >= 3:     # a title line before the header is passed over
                    header, header_line = [bc.clean(c) for c in cells], line
                continue
            rows.append((line, cells))
    except csv.Error as exc:
        raise HuohuaError(f"{path} is not a CSV file ({exc})") from None
    if header is None:
        raise HuohuaError(f"{path} has no header line: not a CSV of trades")
    return BrokerFile(Path(path), encoding, header, header_line, rows)


def is_ours(header: list[str]) -> bool:
    """Our lots CSV (services/positions_csv: code,date,side,shares,price[,fee], or its Chinese words), and no
    fee column that format would leave out (佣金, 印花税 …: a broker's export, whose fee is their sum)."""
    try:
        positions_csv._header([c.strip() for c in header], Path("-"))
    except HuohuaError:
        return False
    return not any(bc.word(c) in _FEE_PARTS_NOT_OURS for c in header)


def read(path: Path) -> BrokerFile:
    with open(path, "rb") as fh:
        data = fh.read(positions_csv.MAX_CSV_BYTES + 1)
    if len(data) > positions_csv.MAX_CSV_BYTES:
        raise HuohuaError(f"{path} is larger than {positions_csv.MAX_CSV_BYTES // (1024 * 1024)} MB: not a "
                          "file of trades")
    return parse(data, path)


def inspect(path: Path, config_dir: Path) -> BrokerFile | None:
    """None for our own lots CSV (import it as such); else the broker's file with its remembered mapping."""
    f = read(path)
    if is_ours(f.header):
        return None
    f.remembered = remembered(config_dir, f.header)
    return f


# -- the mappings remembered ---------------------------------------------------------------------------------
def _load(config_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        raw = json.loads((Path(config_dir) / MAPPINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    maps = raw.get("mappings") if isinstance(raw, dict) else None
    return {k: v for k, v in maps.items() if isinstance(k, str) and isinstance(v, dict)} if isinstance(
        maps, dict) else {}


def remembered(config_dir: Path, header: list[str]) -> bc.Mapping | None:
    names = _load(config_dir).get(bc.signature(header))
    m = bc.by_names(header, names) if names else None
    return m if m is not None and not m.missing() else None


def remember(config_dir: Path, header: list[str], mapping: bc.Mapping) -> None:
    """Keep `mapping` for this header (the newest last; the oldest dropped past MAX_MAPPINGS). OSError when the
    config directory cannot be written."""
    maps = _load(config_dir)
    sig = bc.signature(header)
    maps.pop(sig, None)
    maps[sig] = mapping.names(header)
    maps = dict(list(maps.items())[-MAX_MAPPINGS:])
    data = json.dumps({"version": 1, "mappings": maps}, ensure_ascii=False, indent=1).encode("utf-8")

    def verify(written: bytes) -> None:
        if json.loads(written.decode("utf-8")).get("mappings") != maps:
            raise HuohuaError(f"{MAPPINGS_FILE} does not read back; it was left as it was")

    Path(config_dir).mkdir(parents=True, exist_ok=True)
    write_verified(Path(config_dir) / MAPPINGS_FILE, data, verify)


# -- storing -------------------------------------------------------------------------------------------------
def store(writer: Writes, config_dir: Path | None, f: BrokerFile, conversion: bc.Conversion, mapping: bc.Mapping) -> int:
    """Store the conversion's trades, all or none (PositionError naming the file's line when one cannot stand:
    a sell larger than the holding), then remember the mapping; the number stored. A conversion with an error
    row stores nothing (its first error is raised)."""
    if conversion.errors:
        first = conversion.errors[0].error
        assert first is not None            # errors lists the rows that have one
        raise first
    n = positions_csv.store_rows(writer, conversion.trades)
    if config_dir is not None:
        try:
            remember(config_dir, f.header, mapping)
        except (OSError, HuohuaError):
            pass          # the trades are stored; the mapping is asked for again next time
    return n
